//! postread: a fuzzed file through the per-file step, then with the sample batch through store,
//! pairing, audit and every output (see `wijkregister_fuzz::run_postread`).
#![no_main]
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fuzz_target!(|data: &[u8]| wijkregister_fuzz::run_postread(data));

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    wijkregister_fuzz::mutate_zip(data, size, max_size, seed)
});
