#!/usr/bin/env bash
# Print overzicht.xlsx of the sample batch with LibreOffice (as a user would: File → Print → PDF)
# and check the page setup holds on paper: every sheet one page wide, landscape A4, the header
# row on every page, the footer with the period and page numbers. Issue 14: the overview used to
# print as 15 portrait pages of one or two columns each.
#
# Needs soffice (LibreOffice) and pdfinfo/pdftotext (poppler-utils); skipped without them. The
# product itself never needs LibreOffice. BIN selects the wijkregister binary (default: the debug
# build, under CARGO_TARGET_DIR when that is set).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in soffice pdfinfo pdftotext; do
    if ! command -v "$tool" >/dev/null; then
        echo "$tool niet gevonden: check-workbook overgeslagen"
        exit 0
    fi
done
BIN=${BIN:-${CARGO_TARGET_DIR:-target}/debug/wijkregister}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$BIN" run fixtures/submissions -q --out "$work/o"
# A private LibreOffice profile: no clash with a LibreOffice the user has open.
soffice --headless --norestore "-env:UserInstallation=file://$work/profiel" \
    --convert-to pdf --outdir "$work" "$work/o/overzicht.xlsx" >/dev/null 2>&1
pdf="$work/overzicht.pdf"
[ -s "$pdf" ] || { echo "LibreOffice maakte geen PDF"; exit 1; }
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
size=$(pdfinfo "$pdf" | awk '/^Page size:/ {print $3, $5}')
echo "overzicht.xlsx afgedrukt: $pages pagina's, paginaformaat $size pt"
fail=0
# Landscape A4: 842 × 595 pt.
read -r w h <<<"$size"
if ! awk -v w="$w" -v h="$h" 'BEGIN { exit !(w > 841 && w < 843 && h > 594 && h < 596) }'; then
    echo "FOUT: niet liggend A4 ($size)"; fail=1
fi
# Every sheet's header row, first to last column, must be on one page: then the sheet is one
# page wide. Sheets are printed in order, each starting on a new page.
check_header() { # name first last
    local found=0
    for ((p = 1; p <= pages; p++)); do
        text=$(pdftotext -f "$p" -l "$p" -layout "$pdf" -)
        if grep -q "$2" <<<"$text" && grep -q "$3" <<<"$text"; then found=$((found + 1)); fi
    done
    if [ "$found" -eq 0 ]; then
        echo "FOUT: blad $1 past niet op één pagina breed (kop '$2' … '$3' niet op één pagina)"; fail=1
    else
        echo "blad $1: kop van eerste tot laatste kolom op $found pagina('s)"
    fi
}
check_header Overzicht "^ *wsv " "regionale_aanvraag"
check_header Stadsdelen "gemeente" "inwoners_gedekt"
check_header Bevindingen "bericht" "bron"
check_header Begrotingsregels "omschrijving" "cofinanciering_bedrag"
check_header Bestanden "sha256" "toelichting"
# The overview's rows: every WSV of the overview on the page(s) of the sheet, names whole.
first=$(pdftotext -f 1 -l 1 -layout "$pdf" -)
for wsv in "Escamp Noord" "Escamp Zuid" "Laak" "Wassenaar" "Schildersbuurt"; do
    grep -q "$wsv" <<<"$first" || { echo "FOUT: WSV $wsv niet op pagina 1"; fail=1; }
done
# Footer on every page: period and page numbers.
for ((p = 1; p <= pages; p++)); do
    text=$(pdftotext -f "$p" -l "$p" -layout "$pdf" -)
    grep -q "inzendingen 2025–2026" <<<"$text" || { echo "FOUT: pagina $p zonder periode in de voettekst"; fail=1; }
    grep -Eq "Pagina [0-9]+ van [0-9]+" <<<"$text" || { echo "FOUT: pagina $p zonder paginanummer"; fail=1; }
done
# A picture of page 1 for a person to look at (not part of the check).
if command -v pdftoppm >/dev/null; then
    mkdir -p target
    pdftoppm -f 1 -l 1 -r 60 -png "$pdf" target/overzicht-afdruk >/dev/null 2>&1 || true
    echo "beeld van pagina 1: target/overzicht-afdruk-1.png"
fi
exit "$fail"
