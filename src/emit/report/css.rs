//! The report's style sheet, inline in the page (no external file).
//!
//! Why it looks like this:
//! - No `overflow-wrap:anywhere` anywhere: it broke headers mid-word ("Preve|ntie"). Theme headers
//!   carry soft hyphens at syllable boundaries instead (see `grid::KOP`), and free text may only
//!   break inside a word that is longer than its whole column (`break-word`, for URLs).
//! - Wide tables have `table-layout:fixed` and `width:100%`, so they never grow past the page at
//!   1024 px; `make check-report` measures that in Chromium.
//! - Print: A4 portrait for the text, a named landscape page (`breed`) for the wide tables, the
//!   table header repeated on every page, and `box-decoration`-safe borders (no clipped right edge:
//!   the page has no max-width and the tables fit the page box).

pub const CSS: &str = "\
*{box-sizing:border-box}\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1d2327;\
line-height:1.45;max-width:72rem;margin:0 auto;padding:1.5rem 1.5rem 3rem}\
h1{font-size:1.7rem;margin:0 0 .3rem;color:#0b4f6c}\
h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #0b4f6c;color:#0b4f6c}\
h3{font-size:1.02rem;margin:1.2rem 0 .3rem}\
.periode{font-weight:400;color:#3c6f85}\
p{margin:.4rem 0}\
.inleiding{color:#3c4650}\
.modus{margin:.6rem 0;padding:.45rem .8rem;border:1px solid #c9a227;background:#fff8e1;font-size:.9rem}\
.modus.intern{border-color:#b3261e;background:#fdecea}\
nav ol{columns:2;margin:.5rem 0;padding-left:1.4rem}\
nav a{color:#0b4f6c}\
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem;max-width:100%}\
th,td{border:1px solid #c9d1d8;padding:.28rem .45rem;vertical-align:top;text-align:left;overflow-wrap:break-word}\
thead th{background:#e8f0f4;font-weight:600}\
thead{display:table-header-group}\
tfoot td,tfoot th{background:#f4f6f8;font-weight:600}\
td.c,th.c{text-align:center}\
td.n,th.n{text-align:right;white-space:nowrap}\
table.vast{width:100%;table-layout:fixed}\
table.matrix{font-size:.84rem}\
table.matrix thead th{font-size:.74rem;line-height:1.2;hyphens:manual;vertical-align:bottom;overflow-wrap:normal;padding:.28rem .3rem}\
table.matrix th.wsvkol{width:10rem}\
table.matrix th.telkol{width:3.8rem}\
td.ja{color:#1b6e3a;font-weight:600;text-align:center}\
td.nee{color:#9aa5ae;text-align:center}\
.naam{font-weight:400;font-size:.8rem}\
.tekst{white-space:pre-line;margin:.2rem 0 .1rem;overflow-wrap:break-word}\
.bron{display:block;font-size:.75rem;color:#6b7780;overflow-wrap:break-word}\
.leeg{color:#6b7780;font-style:italic}\
.wsv{margin:.8rem 0 1rem;padding:.5rem .8rem;border-left:4px solid #c9d1d8;background:#fafbfc;\
page-break-inside:avoid;break-inside:avoid}\
.wsv h3,.wsv h4{margin:0 0 .2rem}\
.label{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:.6rem;background:#e8f0f4;\
margin:0 .2rem .2rem 0}\
.vraag{margin:.8rem 0;padding:.5rem .8rem;background:#f4f8fa;border-left:4px solid #0b4f6c}\
.samenvatting{font-size:1rem}\
.kengetallen{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0;padding:0;list-style:none}\
.kengetallen li{border:1px solid #c9d1d8;border-radius:.4rem;padding:.35rem .7rem;background:#fafbfc}\
.kengetallen strong{display:block;font-size:1.3rem;color:#0b4f6c}\
.grafieken{display:flex;flex-wrap:wrap;gap:1rem 1.5rem}\
figure{margin:.5rem 0 1rem;flex:0 1 calc(50% - .75rem);min-width:18rem;page-break-inside:avoid;break-inside:avoid}\
figure svg{width:100%;max-width:36rem;height:auto;display:block}\
figcaption{font-weight:600;font-size:.92rem;margin-bottom:.3rem}\
.legenda{font-size:.8rem;color:#3c4650}\
.legenda span{display:inline-block;width:1.6rem;height:.8rem;vertical-align:middle;border:1px solid #c9d1d8;margin:0 .2rem 0 .6rem}\
td.h0{background:#f4f6f8;color:#9aa5ae;text-align:center}\
td.h1{background:#e3eff4}td.h2{background:#c5dfea}td.h3{background:#9fcadb}\
td.h4{background:#6eaec7}td.h5{background:#3e8aa8;color:#fff}\
td.h5 a,td.h5 summary{color:#fff}\
td details summary{cursor:pointer;font-weight:600;font-size:.8rem}\
td details dl{margin:.3rem 0 0;font-size:.78rem;font-weight:400}\
td details dt{font-weight:600}\
td details dd{margin:0 0 .3rem;white-space:pre-line}\
td.h4 details[open],td.h5 details[open]{background:#fff;color:#1d2327;padding:.2rem;margin:0 -.2rem}\
td.h5 details[open] summary{color:#1d2327}\
ul.zelfde li{margin:.15rem 0}\
footer{margin-top:2.5rem;font-size:.8rem;color:#6b7780}\
@page{size:A4 portrait;margin:1.4cm 1.2cm}\
@page breed{size:A4 landscape;margin:1.2cm}\
@page staand{size:A4 portrait;margin:1.4cm 1.2cm}\
@media print{body{max-width:none;padding:0;font-size:9.5pt}nav{display:none}\
.breed{page:breed}.staand{page:staand}\
h2{page-break-after:avoid;break-after:avoid}h3{break-after:avoid}tr{page-break-inside:avoid;break-inside:avoid}\
figure{flex-basis:calc(50% - .75rem)}\
a{color:inherit;text-decoration:none}\
td details summary{list-style:none}}";
