#!/usr/bin/env bash
# Print overzicht.xlsx of the sample batch with LibreOffice (as a user would: File → Print → PDF)
# and check the page setup holds on paper: every sheet one page wide, landscape (the overview on
# A3, the other sheets on A4), the header row on every page, the footer with the period and page
# numbers, and letters large enough to read. Issue 14: the overview used to print as 15 portrait
# pages of one or two columns each, and then one page wide at 1.9 pt.
#
# Legibility floor: MIN_PT (6 pt) for the smallest text on any page. 6 pt is the smallest size
# print meant to be read is set in (footnotes and the fine print of contracts; dense tables in
# annual reports go down to 6–7 pt); below it the lowercase of Calibri/Carlito is under 1.3 mm
# tall and an office laser printer at 600 dpi draws its strokes one or two dots wide. The size is
# the one LibreOffice writes into the PDF (tools/pdf_lettergrootte.py), not a guess from the scale.
#
# Needs soffice (LibreOffice), python3 and pdfinfo/pdftotext/pdfseparate (poppler-utils); skipped
# without them. The
# product itself never needs LibreOffice. BIN selects the wijkregister binary (default: the debug
# build, under CARGO_TARGET_DIR when that is set).
set -euo pipefail
cd "$(dirname "$0")/.."
MIN_PT=${MIN_PT:-6}
for tool in soffice pdfinfo pdftotext pdfseparate python3; do
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
echo "overzicht.xlsx afgedrukt: $pages pagina's"
fail=0
# Per page: the sheet (its name is in the footer, "… – Overzicht"), the paper and the letter size.
# Landscape A3 is 1191 × 842 pt, landscape A4 842 × 595 pt.
sizes=$(python3 tools/pdf_lettergrootte.py "$pdf")
for ((p = 1; p <= pages; p++)); do
    text=$(pdftotext -f "$p" -l "$p" -layout "$pdf" -)
    blad=$(grep -o "inzendingen [0-9–]* – [A-Za-z]*" <<<"$text" | awk '{print $NF}' | head -1)
    read -r w h <<<"$(pdfinfo -f "$p" -l "$p" "$pdf" | awk '/^Page +[0-9]+ size:/ {print $4, $6}')"
    if [ "$blad" = Overzicht ]; then want="1191 842" papier=A3; else want="842 595" papier=A4; fi
    read -r ww wh <<<"$want"
    if ! awk -v w="$w" -v h="$h" -v ww="$ww" -v wh="$wh" 'BEGIN { exit !(w > ww - 2 && w < ww + 2 && h > wh - 2 && h < wh + 2) }'; then
        echo "FOUT: pagina $p (blad ${blad:-?}) niet liggend $papier ($w × $h pt)"; fail=1
    fi
    read -r _ klein groot <<<"$(awk -v p="$p" '$1 == p' <<<"$sizes")"
    if ! awk -v k="$klein" -v m="$MIN_PT" 'BEGIN { exit !(k + 0 >= m) }'; then
        echo "FOUT: pagina $p (blad ${blad:-?}) drukt te klein af: kleinste letter ${klein:-?} pt, ondergrens $MIN_PT pt"; fail=1
    else
        echo "pagina $p: blad $blad, liggend $papier, letters $klein–$groot pt"
    fi
done
# One page wide: every page of a sheet (its name is in the footer) holds the header of its first
# column and of its last, so no page shows only the columns on the right. Headers wrap in narrow
# columns, so the last one is matched on its first letters, as a whole word where it is short.
check_width() { # name first-column-pattern last-column-pattern
    local n=0 bad=0
    for ((p = 1; p <= pages; p++)); do
        text=$(pdftotext -f "$p" -l "$p" -layout "$pdf" -)
        grep -q "inzendingen [0-9–]* – $1\$" <<<"$text" || grep -q "inzendingen [0-9–]* – $1 " <<<"$text" || continue
        n=$((n + 1))
        if ! grep -Eq "$2" <<<"$text" || ! grep -Eq "$3" <<<"$text"; then
            echo "FOUT: blad $1 past niet op één pagina breed (pagina $p mist de eerste of de laatste kolom)"; bad=1; fail=1
        fi
    done
    if [ "$n" -eq 0 ]; then echo "FOUT: blad $1 niet afgedrukt"; fail=1
    elif [ "$bad" -eq 0 ]; then echo "blad $1: $n pagina('s), elk met de eerste en de laatste kolom"; fi
}
check_width Overzicht "^ *wsv " "regional"
check_width Stadsdelen "^ *gemeente " "\bstatus\b"
check_width Bevindingen "^ *wsv " "\bbron\b"
check_width Begrotingsregels "^ *wsv " "\bbron\b"
check_width Bestanden "^ *bestand " "\brol\b"
# The overview's rows: every WSV of the sample batch on the sheet's pages, names whole.
overzicht=""
for ((p = 1; p <= pages; p++)); do
    text=$(pdftotext -f "$p" -l "$p" -layout "$pdf" -)
    if grep -q "inzendingen [0-9–]* – Overzicht" <<<"$text"; then overzicht+="$text"$'\n'; fi
done
for wsv in "Escamp Noord" "Escamp Zuid" "Laak" "Wassenaar" "Schildersbuurt"; do
    grep -q "$wsv" <<<"$overzicht" || { echo "FOUT: WSV $wsv niet op de pagina's van het Overzicht"; fail=1; }
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
    pdftoppm -f 1 -l 1 -r 80 -png "$pdf" target/overzicht-afdruk >/dev/null 2>&1 || true
    echo "beeld van pagina 1: target/overzicht-afdruk-1.png"
fi
exit "$fail"
