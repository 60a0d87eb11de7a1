//! postread: a fuzzed file through the per-file step, then with the sample batch through store,
//! pairing, audit and every output (see `wijkregister_fuzz::run_postread`).
#![no_main]
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

// The sample batch is read once per process before the first input, so that its cost is never
// counted against an input's `-timeout` (fork mode starts a process per job).
fuzz_target!(
    init: {
        wijkregister_fuzz::init_postread();
    },
    |data: &[u8]| wijkregister_fuzz::run_postread(data)
);

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    wijkregister_fuzz::mutate_zip(data, size, max_size, seed)
});
