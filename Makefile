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
