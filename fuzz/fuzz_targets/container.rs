//! container: .eml/.msg/.zip listing and member extraction (src/container), without the worker's
//! panic boundary, so that a panic reaches libFuzzer.
#![no_main]
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fuzz_target!(|data: &[u8]| wijkregister_fuzz::run_container(data));

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    wijkregister_fuzz::mutate_zip(data, size, max_size, seed)
});
