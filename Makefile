# The two commands of the README: `make run` (the sample batch → out/) and `make test`.
CARGO ?= cargo

.PHONY: run test lint bench clean conformance check-workbook check-report test-ocr

run:
	$(CARGO) run --release --quiet -- run fixtures/submissions --out out

test:
	$(CARGO) test --all-targets

# The OCR tests where tesseract with Dutch must be there (tests/ocr.rs): in `make test` they skip
# with a message on a machine without it; here that is a failure. `.ci/run` calls it where
# tesseract is installed (apt-get install tesseract-ocr tesseract-ocr-nld).
test-ocr:
	WIJKREGISTER_OCR_VEREIST=1 $(CARGO) test --test ocr -- --nocapture

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings

# Batch throughput, price of worker isolation, and (where poppler's pdftotext is installed) the PDF
# reader against pdftotext on the same files. Figures, not assertions.
# Then issue 15's goals as ratios (benches/doelen.rs): against the Python peer (bench/peer.py, with
# BENCH_PYTHON's python-docx, openpyxl and xlrd; skipped when missing), against the unzip floor, and
# at BENCH_KLEIN and BENCH_GROOT copies (100 and 1,000) for growth and peak RSS.
BENCH_PYTHON ?= python3
bench:
	$(CARGO) bench --bench batch
	BENCH_PYTHON=$(BENCH_PYTHON) $(CARGO) bench --bench doelen
	@if command -v pdftotext >/dev/null; then bench/pdf_vs_pdftotext.sh; else echo "pdftotext niet gevonden: PDF-vergelijking overgeslagen (apt-get install poppler-utils)"; fi

clean:
	rm -rf out

# Fuzzing (not part of `make test`, never run by CI): every target in fuzz/ for a share of
# FUZZ_SECONDS. Needs `cargo install cargo-fuzz`; see fuzz/README.md.
FUZZ_SECONDS ?= 300
.PHONY: fuzz
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

# Conformance on other projects' public test files (../shared/corpus, not part of the repository):
# every file accounted for and no panic, per family, as ../shared/tools/corpus_score.py counts
# them; for Word files also the text `wijkregister lees` prints against pandoc's (issue 10: mean
# word recall >= 0.98 and precision >= 0.97). Fails when a file is unaccounted for, a panic shows
# or the docx text falls under that goal; skipped when the corpus is absent.
# Not part of `make test`, so a clone without ../shared still passes.
conformance:
	@if [ ! -d ../shared/corpus ] || [ ! -f ../shared/tools/corpus_score.py ]; then \
		echo "../shared/corpus niet gevonden: conformance overgeslagen"; exit 0; fi; \
	$(CARGO) build --release --quiet && \
	python3 ../shared/tools/corpus_score.py --exe target/release/wijkregister | tee target/conformance.txt && \
	! grep -Eq "unaccounted [1-9]|panics [1-9]" target/conformance.txt && \
	awk '/^== /{fam=$$2} fam=="docx:" && /mean recall/ {r=$$4; p=$$7; sub(",","",r); sub(",","",p); seen=1; \
		if (r+0 < 0.98 || p+0 < 0.97) {print "docx: recall " r " / precisie " p " onder het doel 0,98 / 0,97"; bad=1}} \
		END {if (!seen) print "docx: geen recall/precisie gevonden (geen lees?)"; exit (bad || !seen)}' target/conformance.txt

# Print overzicht.xlsx of the sample batch with LibreOffice and check every sheet is one page
# wide, landscape A4, with the period and page numbers in the footer (issue 14). Skipped when
# soffice or poppler-utils are absent; .ci/run calls it where they are.
check-workbook:
	$(CARGO) build --quiet
	tools/check_workbook.sh

# Browser check of the learning-cycle report (issue 14): `make run`'s report in headless Chromium at
# 1024 px (nothing may overflow horizontally) and printed on A4 (page count in the expected range).
# Skipped with a message when /usr/bin/chromium is absent. Screenshots: tools/check-report.sh
# out/lerende-cyclus.html --screenshots DIR.
check-report: run
	tools/check-report.sh out/lerende-cyclus.html
