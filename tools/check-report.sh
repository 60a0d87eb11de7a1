#!/usr/bin/env bash
# Browser check of the learning-cycle report (issue 14): renders the report in headless Chromium
# at 1024 px and asserts that nothing overflows horizontally (scrollWidth <= clientWidth for the
# document and every table, and no element reaching past the right edge), with every <details>
# opened; then prints it on A4 and checks the page count with pdfinfo.
#
#   tools/check-report.sh [RAPPORT.html] [--screenshots MAP]
#
# Needs /usr/bin/chromium (Debian package `chromium`) and pdfinfo (poppler-utils); without
# Chromium it says so and exits 0, so CI without a browser stays green. bash and python3 only.
set -euo pipefail
cd "$(dirname "$0")/.."

RAPPORT=out/lerende-cyclus.html
SCREENSHOTS=""
while [ $# -gt 0 ]; do
    case "$1" in
        --screenshots) SCREENSHOTS="$2"; shift 2 ;;
        *) RAPPORT="$1"; shift ;;
    esac
done

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
    echo "chromium niet gevonden ($CHROMIUM): browsercontrole van het rapport overgeslagen (apt-get install chromium)"
    exit 0
fi
if [ ! -f "$RAPPORT" ]; then
    echo "rapport $RAPPORT niet gevonden: eerst make run" >&2
    exit 1
fi

# The expected number of A4 pages for the sample batch (fixtures/submissions, nine plans), as
# the sections print (measured: 12): the region with its charts (1) and its budget table (1); the
# heat map on its own landscape page (1) and who works on the same (1); Maatschappij en
# Meerwaarde with nine §3 quotes (about 1.5); Organisatie en Overleg (about 1.5); Cultuur en
# Verbeteren with nine §8 and nine §5 quotes and the §6 ideas (about 3); Persoon en Werkplezier,
# over time and the budget per WSV (about 2). Fewer than 10 means content went missing; more than
# 16 a layout regression (a table split over pages, a near-empty page, a landscape spill-over).
# Another batch: set PAGINAS_MIN/PAGINAS_MAX.
PAGINAS_MIN=${PAGINAS_MIN:-10}
PAGINAS_MAX=${PAGINAS_MAX:-16}

WERK=$(mktemp -d)
trap 'rm -rf "$WERK"' EXIT
chrome() {
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$WERK/profiel" "$@" 2>"$WERK/chromium.log"
}

# 1. Overflow at 1024 px, in a copy with a measuring script (the report itself has none).
python3 - "$RAPPORT" "$WERK/meting.html" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
html = open(src, encoding="utf-8").read()
meet = """<script>
(function () {
  document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  var de = document.documentElement, vw = de.clientWidth, fout = [];
  void de.offsetHeight;
  if (de.scrollWidth > de.clientWidth) fout.push('document ' + de.scrollWidth + ' > ' + de.clientWidth);
  document.querySelectorAll('table').forEach(function (t, i) {
    if (t.scrollWidth > t.clientWidth) fout.push('tabel ' + i + ' (' + t.className + ' in #' + (t.closest('section') || {}).id + ') ' + t.scrollWidth + ' > ' + t.clientWidth);
  });
  document.querySelectorAll('body *').forEach(function (e) {
    if (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') return;
    var b = e.getBoundingClientRect();
    if (b.width > 0 && b.right > vw + 0.5) fout.push('element <' + e.tagName.toLowerCase() + ' class="' + e.className + '"> rechterrand ' + Math.round(b.right) + ' > ' + vw);
  });
  var p = document.createElement('pre');
  p.id = 'meting';
  p.textContent = 'BREEDTE ' + vw + '\\n' + (fout.length ? fout.slice(0, 40).join('\\n') : 'OK');
  document.body.appendChild(p);
})();
</script>"""
assert "</body>" in html
open(dst, "w", encoding="utf-8").write(html.replace("</body>", meet + "\n</body>", 1))
PY
chrome --window-size=1024,900 --dump-dom "file://$WERK/meting.html" >"$WERK/dom.html"
UITSLAG=$(python3 - "$WERK/dom.html" <<'PY'
import html, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="meting">(.*?)</pre>', dom, re.S)
print(html.unescape(m.group(1)) if m else "GEEN METING (script niet uitgevoerd?)")
PY
)
echo "$UITSLAG"
if ! printf '%s\n' "$UITSLAG" | tail -n +2 | grep -qx OK; then
    echo "FOUT: het rapport loopt op 1024 px horizontaal over (zie hierboven)" >&2
    exit 1
fi
echo "1024 px: niets loopt horizontaal over (document, elke tabel, elk element; alle <details> open)"

# 2. Print on A4 and count the pages.
chrome --no-pdf-header-footer --print-to-pdf="$WERK/rapport.pdf" "file://$(realpath "$RAPPORT")" >/dev/null
PAGINAS=$(pdfinfo "$WERK/rapport.pdf" | awk '/^Pages:/ {print $2}')
FORMATEN=$(pdfinfo -f 1 -l "$PAGINAS" "$WERK/rapport.pdf" | awk '/^Page +[0-9]+ size:/ {printf "%s×%s ", $4, $6}' | tr ' ' '\n' | sort | uniq -c | tr '\n' ' ')
echo "A4: $PAGINAS pagina's (verwacht $PAGINAS_MIN–$PAGINAS_MAX); paginaformaten (pt): $FORMATEN"
if [ "$PAGINAS" -lt "$PAGINAS_MIN" ] || [ "$PAGINAS" -gt "$PAGINAS_MAX" ]; then
    echo "FOUT: $PAGINAS pagina's, verwacht $PAGINAS_MIN–$PAGINAS_MAX" >&2
    exit 1
fi
# The heat map prints on a landscape page (named @page breed): at least one page wider than high.
LIGGEND=$(pdfinfo -f 1 -l "$PAGINAS" "$WERK/rapport.pdf" | awk '/^Page +[0-9]+ size:/ && $4 > $6 {n++} END {print n+0}')
if [ "$LIGGEND" -lt 1 ]; then
    echo "FOUT: geen liggende pagina (de warmtekaart hoort liggend afgedrukt te worden)" >&2
    exit 1
fi

# 3. Optional screenshots to look at (1024 px wide, the whole page in slices) and the PDF.
if [ -n "$SCREENSHOTS" ]; then
    mkdir -p "$SCREENSHOTS"
    HOOGTE=${SCREENSHOT_HOOGTE:-2400}
    chrome --hide-scrollbars --window-size=1024,"$HOOGTE" --screenshot="$SCREENSHOTS/rapport-1024.png" "file://$(realpath "$RAPPORT")" >/dev/null
    cp "$WERK/rapport.pdf" "$SCREENSHOTS/rapport-a4.pdf"
    echo "schermafdrukken in $SCREENSHOTS"
fi
