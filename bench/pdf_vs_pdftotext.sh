#!/usr/bin/env bash
# Pages per second: wijkregister's read_pdf (release build, in-process) against `pdftotext -layout`
# (poppler, one process per file, as a batch tool would run it) on the same fixture PDFs.
# pdftotext is only the yardstick here; the product never runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-50}
files=(fixtures/pdf/plan_{a,b,c,d}_{lo,chrome}.pdf)

echo "== read_pdf (release, $ROUNDS rounds over ${#files[@]} files)"
ours=$(PDF_BENCH_ROUNDS=$ROUNDS cargo test --release --lib read::pdf::tests::bench_read_pdf_pages_per_second \
  -- --ignored --nocapture 2>/dev/null | grep -E "^(read_pdf|collect|second)")
echo "$ours"
ours_pps=$(echo "$ours" | awk '/^read_pdf:/ {for (i = 1; i <= NF; i++) if ($i == "pages/s") print $(i - 1)}')

pages=0
for f in "${files[@]}"; do
  pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
done
echo "== pdftotext -layout ($ROUNDS rounds over ${#files[@]} files)"
start=$(date +%s.%N)
for _ in $(seq "$ROUNDS"); do
  for f in "${files[@]}"; do
    pdftotext -layout "$f" - >/dev/null
  done
done
end=$(date +%s.%N)
awk -v p=$((pages * ROUNDS)) -v s="$start" -v e="$end" -v ours="$ours_pps" \
  'BEGIN { t = e - s; printf "pdftotext: %d pages in %.3f s = %.0f pages/s (%.2f ms/page)\n", p, t, p / t, t * 1000 / p;
           if (ours == "") { print "doel (issue 15) niet te meten: geen uitkomst van read_pdf"; exit 1 }
           r = ours / (p / t);
           printf "doel (issue 15): read_pdf / pdftotext = %.1f× (doel ≥ 1×): %s\n", r, (r >= 1 ? "gehaald" : "NIET gehaald") }'
