#!/usr/bin/env bash
# Run every fuzz target in turn for a share of FUZZ_SECONDS (default 300), one job, then print a
# summary (executions, findings per target). Used by `make fuzz`; see fuzz/README.md.
#
#   fuzz/run.sh                      # 300 s split over all targets
#   FUZZ_SECONDS=600 fuzz/run.sh     # 600 s split over all targets
#   FUZZ_TARGETS="docx xlsx" fuzz/run.sh
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz needs nightly-only compiler flags; with
# only a stable toolchain, RUSTC_BOOTSTRAP=1 lets stable accept them. No sanitizer (`-s none`):
# the product is safe Rust, and the cores are shared, so executions count more than ASan's checks;
# debug assertions stay on so integer overflow panics.
# Exit status: 0 when no target produced a crash/timeout/OOM artifact in this run, 1 otherwise.
set -u
cd "$(dirname "$0")"

FUZZ_SECONDS=${FUZZ_SECONDS:-300}
FUZZ_TARGETS=${FUZZ_TARGETS:-"docx xlsx xls ods file"}
# PDF: add "pdf" here when the pdf target exists (see the note at the end of Cargo.toml).
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}

set -- $FUZZ_TARGETS
per=$((FUZZ_SECONDS / $#))
[ "$per" -ge 10 ] || per=10

python3 make_seeds.py || exit 2
cargo fuzz build -O -s none --debug-assertions || exit 2
# Run the binaries just built (not `cargo fuzz run`, which rebuilds): editing the product while
# a long run goes on must not change or break the targets under way.
bin="$CARGO_TARGET_DIR/$(rustc -vV | sed -n 's/^host: //p')/release"

mkdir -p logs
stamp=$(date +%s)
found=0
summary=""
for t in "$@"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    before=$(ls "artifacts/$t" | wc -l)
    log="logs/$t-$stamp.log"
    start=$(date +%s)
    execs=0
    runs=0
    # libFuzzer stops at the first crash; start it again (from the grown corpus) for the rest of
    # the target's time, at most 5 times, so one finding does not end the whole run.
    while :; do
        left=$((per - ($(date +%s) - start)))
        [ "$left" -ge 5 ] && [ "$runs" -lt 5 ] || break
        runs=$((runs + 1))
        "$bin/$t" "corpus/$t" \
            -max_total_time="$left" -timeout=10 -rss_limit_mb=3072 -malloc_limit_mb=3072 \
            -max_len=1048576 -dict=dict/ooxml.dict -print_final_stats=1 \
            -artifact_prefix="artifacts/$t/" >"$log.run" 2>&1
        rc=$?
        cat "$log.run" >>"$log"
        # Executions: the final stats line, or (after a crash, which prints none) the last
        # status line's "#N".
        n=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log.run" | tail -1 | grep -o '[0-9]*$')
        [ -n "$n" ] || n=$(grep -o '^#[0-9]*' "$log.run" | tail -1 | tr -d '#')
        rm -f "$log.run"
        execs=$((execs + ${n:-0}))
        [ "$rc" -eq 0 ] && break
    done
    secs=$(($(date +%s) - start))
    new=$(($(ls "artifacts/$t" | wc -l) - before))
    [ "$new" -eq 0 ] || found=1
    summary+=$(printf '%-5s %6ss %10s execs %3s new artifacts  (%s)' "$t" "$secs" "$execs" "$new" "$log")$'\n'
done
echo
echo "fuzz summary (artifacts in fuzz/artifacts/<target>/):"
printf '%s' "$summary"
exit "$found"
