//! pdf: `read::pdf::read_pdf` then `template::map_document` (byte-level mutations: a PDF's
//! structure is text and offsets, which libFuzzer's own mutators reach).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| wijkregister_fuzz::run_pdf(data));
