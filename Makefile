# The two commands of the README: `make run` (the sample batch → out/) and `make test`.
CARGO ?= cargo

.PHONY: run test lint bench clean

run:
	$(CARGO) run --release --quiet -- run fixtures/submissions --out out

test:
	$(CARGO) test --all-targets

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings

clean:
	rm -rf out

# Fuzzing (not part of `make test`, never run by CI): every target in fuzz/ for a share of
# FUZZ_SECONDS. Needs `cargo install cargo-fuzz`; see fuzz/README.md.
FUZZ_SECONDS ?= 300
.PHONY: fuzz
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh
