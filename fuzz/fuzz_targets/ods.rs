//! ods: `read::sheet::read_sheet(.., Ods)` then `begroting::map_begroting`.
#![no_main]
use libfuzzer_sys::{fuzz_mutator, fuzz_target};
use wijkregister::read::sheet::SheetFormat;

fuzz_target!(|data: &[u8]| wijkregister_fuzz::run_sheet(data, SheetFormat::Ods));

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    wijkregister_fuzz::mutate_zip(data, size, max_size, seed)
});
