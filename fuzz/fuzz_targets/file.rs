//! file: the whole per-file path as `pipeline::process_file` runs it (sniff the bytes, then the
//! reader and mapper for that kind), minus the file system and minus its `catch_unwind`, so that
//! a panic reaches libFuzzer instead of becoming a finding.
#![no_main]
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fuzz_target!(|data: &[u8]| wijkregister_fuzz::run_file(data));

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    wijkregister_fuzz::mutate_zip(data, size, max_size, seed)
});
