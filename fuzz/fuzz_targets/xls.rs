//! xls: `read::sheet::read_sheet(.., Xls)` then `begroting::map_begroting`. An OLE compound
//! file, not a zip: libFuzzer's own byte-level mutations.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wijkregister::read::sheet::SheetFormat;

fuzz_target!(|data: &[u8]| wijkregister_fuzz::run_sheet(data, SheetFormat::Xls));
