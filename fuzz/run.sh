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
# Each target's log is fuzz/logs/<target>-<stamp>.log; new artifacts are replayed once and their
# panic locations counted in the summary.
set -u
cd "$(dirname "$0")"

FUZZ_SECONDS=${FUZZ_SECONDS:-300}
FUZZ_TARGETS=${FUZZ_TARGETS:-"docx xlsx xls ods pdf file container postread"}
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
    ls "artifacts/$t" | sort >"logs/$t-$stamp.before"
    log="logs/$t-$stamp.log"
    start=$(date +%s)
    # Fork mode with one job: a crash, timeout or OOM is written to artifacts/<target>/ and the
    # run goes on, so a known third-party panic does not end the target's time.
    "$bin/$t" "corpus/$t" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$per" -timeout=10 -rss_limit_mb=3072 -malloc_limit_mb=3072 \
        -max_len=1048576 -dict=dict/ooxml.dict -artifact_prefix="artifacts/$t/" >"$log" 2>&1
    secs=$(($(date +%s) - start))
    # Executions: the last fork-mode status line ("#N: cov: …").
    execs=$(grep -o '^#[0-9]*:' "$log" | tail -1 | tr -d '#:')
    new=$(ls "artifacts/$t" | sort | comm -13 "logs/$t-$stamp.before" -)
    rm -f "logs/$t-$stamp.before"
    n=$(printf '%s' "$new" | grep -c . || true)
    [ "$n" -eq 0 ] || found=1
    summary+=$(printf '%-5s %6ss %10s execs %3s new artifacts  (%s)' "$t" "$secs" "${execs:-0}" "$n" "$log")$'\n'
    # Triage: replay each new crash once and count distinct panic locations.
    for a in $new; do
        case "$a" in
        crash-*) timeout 60 "$bin/$t" "artifacts/$t/$a" 2>&1 | grep -m1 -o 'panicked at [^ ]*' ||
            echo "crash without a panic message (abort, stack overflow?)" ;;
        *) echo "${a%%-*}" ;;
        esac
    done | sed 's#.*/registry/src/[^/]*/##' | sort | uniq -c | sed 's/^/        /' >"logs/$t-$stamp.triage"
    summary+=$(cat "logs/$t-$stamp.triage")
    [ -s "logs/$t-$stamp.triage" ] && summary+=$'\n'
done
echo
echo "fuzz summary (artifacts in fuzz/artifacts/<target>/):"
printf '%s' "$summary"
exit "$found"
