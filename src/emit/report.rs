//! The learning-cycle report (`lerende-cyclus.html`): one self-contained HTML page that the RESV
//! shares with every WSV, to compare WSVs with each other and over time ("spiegelen", seed 004).
//!
//! Why it looks like this:
//! - Every figure is computed from the [`Snapshot`]; a value the snapshot does not have is said to
//!   be missing, never guessed. The only static text is the explanation and the four Reos
//!   reflection lines.
//! - Every text from a document is untrusted. All of it goes through one escaping helper
//!   ([`escape`], via [`Html::text`]); raw markup is only ever written from string literals in
//!   this file. Untrusted text never goes into an attribute, so escaping text content is enough.
//! - The page goes to all WSVs: wording about budgets states facts (amounts and differences),
//!   without verdicts.
//! - Deterministic: no timestamps, snapshot order throughout, so the same snapshot gives the same
//!   bytes (the `report` command and `run` write identical files).
//! - No JavaScript, no external resources: it opens from a mail attachment or a file share, offline,
//!   and prints (tables do not break inside a row, the contents links are plain anchors).

use super::EmitError;
use crate::domain::{Cents, Discipline, Thema, Wijkplan};
use crate::domain::{HAAGLANDEN_GEZONDER, THEMA_NAMEN};
use crate::snapshot::{Snapshot, WsvRecord};
use crate::text::norm;
use std::io::Write;

/// The support categories the sjabloon names in section 5, with the words that signal them.
const ONDERSTEUNING: [(&str, &[&str]); 4] = [
    (
        "Procesbegeleiding",
        &[
            "procesbegeleid",
            "proces begeleid",
            "begeleiding van de kerngroep",
        ],
    ),
    (
        "Data en monitoring",
        &["data", "wijkdata", "monitor", "dashboard", "cijfers"],
    ),
    ("Communicatie", &["communicatie"]),
    (
        "Bewonersbetrokkenheid",
        &[
            "bewonersbetrokkenheid",
            "bewoners betrekken",
            "betrekken van bewoners",
            "inwoners betrekken",
            "betrekken van inwoners",
            "bewonersparticipatie",
            "inwonersparticipatie",
            "participatie",
        ],
    ),
];

/// How often a WSV says it monitors (section 8), most specific phrase first: a phrase that matched
/// is blanked out, so "twee keer per jaar" is not also counted as "per jaar". A label may come
/// back later in the list with less specific phrases.
const FREQUENTIES: [(&str, &[&str]); 7] = [
    (
        "wekelijks",
        &["wekelijks", "elke week", "iedere week", "per week"],
    ),
    (
        "maandelijks",
        &[
            "maandelijks",
            "elke maand",
            "iedere maand",
            "per maand",
            "zes weken",
            "6 weken",
        ],
    ),
    (
        "per kwartaal",
        &[
            "driemaandelijks",
            "kwartaal",
            "vier keer per jaar",
            "4 keer per jaar",
            "4x per jaar",
            "viermaal per jaar",
        ],
    ),
    (
        "halfjaarlijks",
        &[
            "halfjaarlijks",
            "half jaar",
            "halfjaar",
            "twee keer per jaar",
            "2 keer per jaar",
            "2x per jaar",
            "tweemaal per jaar",
        ],
    ),
    (
        "jaarlijks",
        &[
            "eenmaal per jaar",
            "een keer per jaar",
            "1 keer per jaar",
            "1x per jaar",
        ],
    ),
    // "drie keer per jaar", "6x per jaar": regular, but none of the above.
    (
        "meerdere keren per jaar",
        &[
            "keer per jaar",
            "keren per jaar",
            "x per jaar",
            "maal per jaar",
        ],
    ),
    (
        "jaarlijks",
        &[
            "jaarlijks",
            "per jaar",
            "elk jaar",
            "ieder jaar",
            "einde van het jaar",
            "eind van het jaar",
            "jaarevaluatie",
        ],
    ),
];

/// The four lines of Reos' "Spiegelen in wijksamenwerking" (seed 004), as questions.
const REOS_LIJNEN: [(&str, &str); 4] = [
    (
        "Maatschappij en Meerwaarde",
        "Wat is het ‘waarom’ van ons WSV, en hebben we een gedeeld idee van de meerwaarde? Welke thema’s van andere WSV’s passen ook bij onze wijk?",
    ),
    (
        "Organisatie en Overleg",
        "Hoe is ons WSV georganiseerd en verloopt het overleg efficiënt? Wat leren we van hoe andere WSV’s hun kernteam samenstellen en hun voortgang volgen?",
    ),
    (
        "Cultuur en Verbeteren",
        "Werken we plezierig samen? Wat hebben we sinds de vorige versie van ons plan veranderd, en wat willen we nog verbeteren?",
    ),
    (
        "Persoon en Werkplezier",
        "Hoe beleven de professionals het werk in het WSV? Is er balans tussen inspanning en beloning voor WSV-taken?",
    ),
];

const CSS: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1d2327;\
line-height:1.45;max-width:72rem;margin:0 auto;padding:1.5rem 2rem 3rem}\
h1{font-size:1.7rem;margin:0 0 .3rem;color:#0b4f6c}\
h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #0b4f6c;color:#0b4f6c}\
h3{font-size:1.02rem;margin:1.2rem 0 .3rem}\
p{margin:.4rem 0}\
.inleiding{color:#3c4650}\
nav ol{columns:2;margin:.5rem 0;padding-left:1.4rem}\
nav a{color:#0b4f6c}\
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}\
th,td{border:1px solid #c9d1d8;padding:.28rem .5rem;vertical-align:top;text-align:left}\
thead th{background:#e8f0f4}\
tfoot td,tfoot th{background:#f4f6f8;font-weight:600}\
td.c,th.c{text-align:center}\
table.matrix{width:100%;font-size:.85rem}\
table.matrix .naam{font-size:.74rem;overflow-wrap:anywhere;hyphens:auto}\
td.n,th.n{text-align:right;white-space:nowrap}\
td.ja{color:#1b6e3a;font-weight:600;text-align:center}\
td.nee{color:#9aa5ae;text-align:center}\
.naam{font-weight:400;font-size:.85rem}\
.tekst{white-space:pre-line;margin:.2rem 0 .1rem}\
.bron{display:block;font-size:.75rem;color:#6b7780;overflow-wrap:anywhere}\
.leeg{color:#6b7780;font-style:italic}\
.wsv{margin:.8rem 0 1rem;padding:.5rem .8rem;border-left:4px solid #c9d1d8;background:#fafbfc;\
page-break-inside:avoid;break-inside:avoid}\
.wsv h3{margin:0 0 .2rem}\
.label{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:.6rem;background:#e8f0f4;\
margin:0 .2rem .2rem 0}\
.vraag{margin:.6rem 0;padding:.5rem .8rem;background:#f4f8fa;border-left:4px solid #0b4f6c}\
footer{margin-top:2.5rem;font-size:.8rem;color:#6b7780}\
@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}\
h2{page-break-after:avoid;break-after:avoid}tr{page-break-inside:avoid;break-inside:avoid}\
a{color:inherit;text-decoration:none}}\
@page{margin:1.5cm}";

/// The five characters that matter in HTML text and attribute values, escaped. The one escaping
/// helper of this module: every text from a document goes through it.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page under construction. `raw` takes markup written in this file; `text` takes anything
/// else and escapes it.
struct Html {
    out: String,
}

impl Html {
    fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }
    fn text(&mut self, s: &str) -> &mut Self {
        self.out.push_str(&escape(s));
        self
    }
    /// `<tag>text</tag>` with `tag` (and its attributes) from this file.
    fn elem(&mut self, open: &str, s: &str, close: &str) -> &mut Self {
        self.raw(open).text(s).raw(close)
    }
    /// A quoted WSV text with its provenance in small print.
    fn quote(&mut self, tekst: &str, bron: &str) -> &mut Self {
        self.elem("<p class=\"tekst\">", tekst, "</p>");
        if !bron.is_empty() {
            self.elem("<span class=\"bron\">bron: ", bron, "</span>");
        }
        self
    }
    fn check(&mut self, yes: bool) -> &mut Self {
        if yes {
            self.raw("<td class=\"ja\">✓</td>")
        } else {
            self.raw("<td class=\"nee\">–</td>")
        }
    }
}

/// Write the learning-cycle report for `s` as one HTML5 document.
pub fn write_report(s: &Snapshot, w: &mut dyn Write) -> Result<(), EmitError> {
    w.write_all(render(s).as_bytes())?;
    Ok(())
}

/// The whole page as a string.
pub fn render(s: &Snapshot) -> String {
    let mut h = Html { out: String::new() };
    h.raw("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .raw("<title>Lerende cyclus WSV’s – RESV Haaglanden</title>\n<style>")
        .raw(CSS)
        .raw("</style>\n</head>\n<body>\n");
    kop(&mut h, s);
    themas(&mut h, s);
    haaglanden_gezonder(&mut h, s);
    ondersteuning(&mut h, s);
    projectaanvragen(&mut h, s);
    monitoring(&mut h, s);
    kernteam(&mut h, s);
    over_de_tijd(&mut h, s);
    budget(&mut h, s);
    reflectie(&mut h);
    h.raw("<footer>Gemaakt met wijkregister uit het register van ingediende wijkplannen en begrotingen. ")
        .raw("Teksten zijn de eigen woorden van de WSV’s; bij elk citaat staat de bron (bestand en plaats).</footer>\n")
        .raw("</body>\n</html>\n");
    h.out
}

/// WSVs with a current plan, in snapshot order.
fn met_plan(s: &Snapshot) -> impl Iterator<Item = (&WsvRecord, &str, &Wijkplan)> {
    s.wsvs
        .iter()
        .filter_map(|r| r.plan.as_ref().map(|(f, p)| (r, f.as_str(), p)))
}

/// `1 WSV` / `3 WSV’s`.
fn wsvs(n: usize) -> String {
    if n == 1 {
        "1 WSV".to_string()
    } else {
        format!("{n} WSV’s")
    }
}

fn opsomming(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

fn sectie(p: &Wijkplan, nummer: u32) -> Option<&crate::domain::Sectie> {
    p.secties
        .iter()
        .find(|s| s.nummer == nummer && !s.tekst.trim().is_empty())
}

/// Whether normalised `padded` (` text `) contains `phrase`: short phrases (under 5 characters)
/// as a whole word, longer ones at a word start (so `valpreventieprogramma` counts), as the audit
/// matches Haaglanden Gezonder.
fn noemt(padded: &str, phrase: &str) -> bool {
    if phrase.chars().count() < 5 {
        padded.contains(&format!(" {phrase} "))
    } else {
        padded.contains(&format!(" {phrase}"))
    }
}

fn padded(text: &str) -> String {
    format!(" {} ", norm(text))
}

/// Part 1: title, what this is, on what it rests, contents.
fn kop(h: &mut Html, s: &Snapshot) {
    let plannen = met_plan(s).count();
    let eerdere: usize = s.wsvs.iter().map(|r| r.eerdere_versies.len()).sum();
    let begrotingen = s.wsvs.iter().filter(|r| r.begroting.is_some()).count();
    h.raw("<header>\n<h1>Lerende cyclus: WSV’s naast elkaar</h1>\n<p class=\"inleiding\">")
        .raw("Dit overzicht zet de wijkplannen van de wijksamenwerkingsverbanden (WSV’s) in de regio Haaglanden naast elkaar: ")
        .raw("waar WSV’s aan werken, welke ondersteuning ze vragen, hoe ze hun voortgang volgen en wat er tussen versies veranderde. ")
        .raw("Het is bedoeld om te spiegelen, niet om te beoordelen: elke WSV kan zien wat anderen doen en daar in de lerende cyclus over in gesprek gaan. ")
        .raw("Alles is uit de ingediende documenten gehaald; waar een WSV iets niet invulde, staat dat er zo.</p>\n<p>");
    h.text(&format!(
        "Gebaseerd op {plannen} {} van {}",
        if plannen == 1 {
            "wijkplan"
        } else {
            "wijkplannen"
        },
        wsvs(plannen)
    ));
    if eerdere > 0 {
        h.text(&format!(
            " (plus {eerdere} {})",
            if eerdere == 1 {
                "eerdere versie"
            } else {
                "eerdere versies"
            }
        ));
    }
    h.text(&format!(
        " en {begrotingen} {}.",
        if begrotingen == 1 {
            "begroting"
        } else {
            "begrotingen"
        }
    ));
    let zonder: Vec<&str> = s
        .wsvs
        .iter()
        .filter(|r| r.plan.is_none())
        .map(|r| r.wsv.as_str())
        .collect();
    if !zonder.is_empty() {
        h.text(&format!(
            " Van {} is (nog) geen wijkplan ontvangen: {}.",
            wsvs(zonder.len()),
            opsomming(&zonder)
        ));
    }
    h.raw("</p>\n");
    deelnemers(h, s);
    h.raw("</header>\n<nav><strong>Inhoud</strong><ol>")
        .raw("<li><a href=\"#themas\">Wat WSV’s doen: thema’s</a></li>")
        .raw("<li><a href=\"#haaglanden-gezonder\">Haaglanden Gezonder</a></li>")
        .raw("<li><a href=\"#ondersteuning\">Behoefte aan ondersteuning</a></li>")
        .raw("<li><a href=\"#projectaanvragen\">Regionale projectaanvragen</a></li>")
        .raw("<li><a href=\"#monitoring\">Monitoring en evaluatie</a></li>")
        .raw("<li><a href=\"#kernteam\">Samenstelling kernteam</a></li>")
        .raw("<li><a href=\"#over-de-tijd\">Over de tijd</a></li>")
        .raw("<li><a href=\"#budget\">Budget in het kort</a></li>")
        .raw("<li><a href=\"#reflectie\">Vragen voor de regiobijeenkomst</a></li>")
        .raw("</ol></nav>\n");
}

/// Part 1, continued: the WSVs in this report, where they are and whom to ask, so WSVs can find
/// each other.
fn deelnemers(h: &mut Html, s: &Snapshot) {
    if s.wsvs.is_empty() {
        h.raw("<p class=\"leeg\">Het register bevat nog geen WSV’s.</p>\n");
        return;
    }
    h.raw("<table>\n<thead><tr><th>WSV</th><th>stadsdeel / gemeente</th><th>versie / datum</th><th>aanjager(s)</th></tr></thead>\n<tbody>\n");
    for r in &s.wsvs {
        h.elem("<tr><th>", &r.wsv, "</th>");
        let plaats = r
            .plaatsing
            .stadsdeel
            .as_deref()
            .or(r.plaatsing.gemeente.as_deref())
            .unwrap_or("onbekend");
        h.elem("<td>", plaats, "</td>");
        match &r.plan {
            Some((_, p)) => {
                let veld = |v: &crate::domain::Veld| {
                    v.waarde.clone().unwrap_or_else(|| "niet ingevuld".into())
                };
                h.elem("<td>", &veld(&p.velden.versie_datum), "</td>");
                h.elem("<td>", &veld(&p.velden.aanjagers), "");
                if p.velden.aanjagers.waarde.is_some() {
                    h.elem(
                        "<span class=\"bron\">bron: ",
                        &p.velden.aanjagers.bron,
                        "</span>",
                    );
                }
                h.raw("</td></tr>\n");
            }
            None => {
                h.raw("<td colspan=\"2\" class=\"leeg\">geen wijkplan ontvangen</td></tr>\n");
            }
        }
    }
    h.raw("</tbody>\n</table>\n");
}

/// The theme numbered `n` with content, if the plan has one.
fn thema(p: &Wijkplan, n: u32) -> Option<&Thema> {
    p.themas.iter().find(|t| t.nummer == n && t.has_content())
}

/// The WSV's own name for a theme: the row label without its leading number ("8. Laaggeletterdheid"
/// → "Laaggeletterdheid"), empty when it kept the sjabloon's placeholder.
fn eigen_naam(t: &Thema) -> &str {
    let own = t
        .naam
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || c == '.' || c == ')'
        })
        .trim();
    if own.chars().any(char::is_alphanumeric) {
        own
    } else {
        ""
    }
}

/// How many WSVs (with a plan) have content in each of themes 1–9.
pub fn thema_tellingen(s: &Snapshot) -> [usize; 9] {
    let mut counts = [0; 9];
    for (_, _, p) in met_plan(s) {
        for (n, c) in (1u32..).zip(counts.iter_mut()) {
            if thema(p, n).is_some() {
                *c += 1;
            }
        }
    }
    counts
}

/// Part 2: the WSV × theme matrix with totals.
fn themas(h: &mut Html, s: &Snapshot) {
    h.raw("<section id=\"themas\">\n<h2>Wat WSV’s doen: thema’s</h2>\n")
        .raw("<p>Een ✓ betekent dat de WSV bij dit thema in hoofdstuk 4 doelen, activiteiten, resultaten, middelen of partijen invulde. ")
        .raw("Thema 8 en 9 zijn vrij: daar staat de naam die de WSV zelf koos.</p>\n");
    if met_plan(s).next().is_none() {
        h.raw("<p class=\"leeg\">Er zijn geen wijkplannen om te vergelijken.</p>\n</section>\n");
        return;
    }
    h.raw("<table class=\"matrix\">\n<thead><tr><th>WSV</th>");
    for (i, naam) in THEMA_NAMEN.iter().enumerate() {
        h.raw("<th class=\"c\">")
            .text(&(i + 1).to_string())
            .raw("<br><span class=\"naam\">")
            .text(naam)
            .raw("</span></th>");
    }
    h.raw("<th class=\"c\">8<br><span class=\"naam\">eigen thema</span></th>")
        .raw("<th class=\"c\">9<br><span class=\"naam\">eigen thema</span></th>")
        .raw("<th class=\"n\">aantal</th></tr></thead>\n<tbody>\n");
    let mut ander = Vec::new();
    for (r, _, p) in met_plan(s) {
        h.elem("<tr><th>", &r.wsv, "");
        if p.sjabloon != crate::domain::Sjabloon::Haaglanden2025 {
            h.raw("<sup>*</sup>");
            ander.push(r.wsv.as_str());
        }
        h.raw("</th>");
        let mut aantal = 0;
        for n in 1..=9u32 {
            let t = thema(p, n);
            aantal += usize::from(t.is_some());
            match t {
                Some(t) if n >= 8 && !eigen_naam(t).is_empty() => {
                    h.elem(
                        "<td class=\"ja\">✓ <span class=\"naam\">",
                        eigen_naam(t),
                        "</span></td>",
                    );
                }
                t => {
                    h.check(t.is_some());
                }
            }
        }
        h.elem("<td class=\"n\">", &aantal.to_string(), "</td></tr>\n");
    }
    let counts = thema_tellingen(s);
    h.raw("</tbody>\n<tfoot><tr><th>aantal WSV’s</th>");
    for c in counts {
        h.elem("<td class=\"c\">", &c.to_string(), "</td>");
    }
    h.raw("<td></td></tr></tfoot>\n</table>\n");
    if !ander.is_empty() {
        h.text(&format!(
            "* {} volgt een ander sjabloon; de nummering van de thema’s volgt dan het eigen plan: {}.",
            if ander.len() == 1 { "Dit plan" } else { "Deze plannen" },
            opsomming(&ander)
        ));
    }
    // The common and the rare, in words.
    let naam = |i: usize| {
        THEMA_NAMEN
            .get(i)
            .map_or_else(|| format!("thema {}", i + 1), |n| format!("{}. {n}", i + 1))
    };
    let max = counts.iter().copied().max().unwrap_or(0);
    if max > 0 {
        let vaakst: Vec<String> = (0..9).filter(|&i| counts[i] == max).map(naam).collect();
        let weinig: Vec<String> = (0..7).filter(|&i| counts[i] <= 1).map(naam).collect();
        h.raw("<p>");
        h.text(&format!(
            "Het vaakst ingevuld: {} ({} van de {}).",
            opsomming(&vaakst.iter().map(String::as_str).collect::<Vec<_>>()),
            max,
            wsvs(met_plan(s).count())
        ));
        if !weinig.is_empty() {
            h.text(&format!(
                " Door één of geen WSV ingevuld: {}.",
                opsomming(&weinig.iter().map(String::as_str).collect::<Vec<_>>())
            ));
        }
        h.raw("</p>\n");
    }
    h.raw("</section>\n");
}

/// Where in a plan a phrase list is named: `§3`, `thema 5` (sections first, then themes), each once.
fn waar_genoemd(p: &Wijkplan, phrases: &[&str]) -> Vec<String> {
    let hit = |text: &str| {
        let t = padded(text);
        phrases.iter().any(|ph| noemt(&t, ph))
    };
    let mut waar = Vec::new();
    for s in &p.secties {
        let plaats = format!("§{}", s.nummer);
        if hit(&s.tekst) && !waar.contains(&plaats) {
            waar.push(plaats);
        }
    }
    for t in &p.themas {
        let plaats = format!("thema {}", t.nummer);
        if (hit(&t.naam) || t.cells().iter().any(|c| hit(c))) && !waar.contains(&plaats) {
            waar.push(plaats);
        }
    }
    waar
}

/// Part 3: which WSV names which Haaglanden Gezonder project, and where in its plan.
fn haaglanden_gezonder(h: &mut Html, s: &Snapshot) {
    h.raw("<section id=\"haaglanden-gezonder\">\n<h2>Haaglanden Gezonder</h2>\n")
        .raw("<p>Welke projecten van Haaglanden Gezonder een WSV in zijn plan noemt (in een hoofdstuk of bij een thema), en waar.</p>\n");
    if met_plan(s).next().is_none() {
        h.raw("<p class=\"leeg\">Er zijn geen wijkplannen om te vergelijken.</p>\n</section>\n");
        return;
    }
    h.raw("<table class=\"matrix\">\n<thead><tr><th>WSV</th>");
    for (project, _) in HAAGLANDEN_GEZONDER {
        h.elem("<th class=\"c\">", project, "</th>");
    }
    h.raw("</tr></thead>\n<tbody>\n");
    let mut counts = [0usize; HAAGLANDEN_GEZONDER.len()];
    for (r, _, p) in met_plan(s) {
        h.elem("<tr><th>", &r.wsv, "</th>");
        for ((_, phrases), count) in HAAGLANDEN_GEZONDER.iter().zip(counts.iter_mut()) {
            let waar = waar_genoemd(p, phrases);
            if waar.is_empty() {
                h.check(false);
            } else {
                *count += 1;
                h.elem(
                    "<td class=\"ja\">✓ <span class=\"naam\">",
                    &waar.join(", "),
                    "</span></td>",
                );
            }
        }
        h.raw("</tr>\n");
    }
    h.raw("</tbody>\n<tfoot><tr><th>aantal WSV’s</th>");
    for c in counts {
        h.elem("<td class=\"c\">", &c.to_string(), "</td>");
    }
    h.raw("</tr></tfoot>\n</table>\n</section>\n");
}

/// The support categories of [`ONDERSTEUNING`] that `tekst` names, by index.
fn categorieen(tekst: &str) -> Vec<usize> {
    let t = padded(tekst);
    ONDERSTEUNING
        .iter()
        .enumerate()
        .filter(|(_, (_, phrases))| phrases.iter().any(|ph| noemt(&t, ph)))
        .map(|(i, _)| i)
        .collect()
}

/// Part 4: section 5, counted by the sjabloon's support categories, then each WSV's own words.
fn ondersteuning(h: &mut Html, s: &Snapshot) {
    h.raw("<section id=\"ondersteuning\">\n<h2>Behoefte aan ondersteuning</h2>\n")
        .raw("<p>Wat WSV’s in hoofdstuk 5 van de regio vragen. De telling zoekt in hun tekst naar de soorten ondersteuning die het sjabloon noemt; ")
        .raw("lees de teksten zelf voor wat er precies gevraagd wordt.</p>\n");
    let texts: Vec<(&WsvRecord, &crate::domain::Sectie)> = met_plan(s)
        .filter_map(|(r, _, p)| sectie(p, 5).map(|x| (r, x)))
        .collect();
    h.raw("<table>\n<thead><tr><th>soort ondersteuning</th><th class=\"n\">aantal WSV’s</th><th>WSV’s</th></tr></thead>\n<tbody>\n");
    for (i, (naam, _)) in ONDERSTEUNING.iter().enumerate() {
        let wie: Vec<&str> = texts
            .iter()
            .filter(|(_, x)| categorieen(&x.tekst).contains(&i))
            .map(|(r, _)| r.wsv.as_str())
            .collect();
        h.elem("<tr><td>", naam, "</td>")
            .elem("<td class=\"n\">", &wie.len().to_string(), "</td>")
            .elem("<td>", &wie.join(", "), "</td></tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
    per_wsv_tekst(h, s, 5, "Hoofdstuk 5 niet ingevuld");
    h.raw("</section>\n");
}

/// Each WSV with a plan: its text of section `nummer`, or a plain note that it is empty.
fn per_wsv_tekst(h: &mut Html, s: &Snapshot, nummer: u32, leeg: &str) {
    for (r, _, p) in met_plan(s) {
        h.elem("<div class=\"wsv\"><h3>", &r.wsv, "</h3>");
        match sectie(p, nummer) {
            Some(x) => {
                let cats: Vec<&str> = categorieen(&x.tekst)
                    .into_iter()
                    .filter_map(|i| ONDERSTEUNING.get(i).map(|(n, _)| *n))
                    .collect();
                if nummer == 5 {
                    for c in cats {
                        h.elem("<span class=\"label\">", c, "</span>");
                    }
                }
                h.quote(&x.tekst, &x.bron);
            }
            None => {
                h.elem("<p class=\"leeg\">", leeg, ".</p>");
            }
        }
        h.raw("</div>\n");
    }
}

/// Whether a section-6 text only says there is no request ("Geen aanvraag.", "Nog niet.", "n.v.t."):
/// short, and opening with a refusal. A longer text that also sketches an idea is shown as written.
pub fn geen_aanvraag(tekst: &str) -> bool {
    const NEE: [&str; 6] = [
        "geen",
        "nog geen",
        "nog niet",
        "nee",
        "n v t",
        "niet van toepassing",
    ];
    let t = norm(tekst);
    t.split(' ').count() <= 8
        && NEE
            .iter()
            .any(|n| t == *n || t.starts_with(&format!("{n} ")))
}

/// Part 5: the WSVs that propose a regional project (section 6), with their text.
fn projectaanvragen(h: &mut Html, s: &Snapshot) {
    h.raw("<section id=\"projectaanvragen\">\n<h2>Regionale projectaanvragen</h2>\n")
        .raw("<p>Ideeën die een WSV in hoofdstuk 6 (optioneel) voorstelt voor regionaal budget, vaak ook interessant voor andere wijken.</p>\n");
    let mut geen = Vec::new();
    let mut aantal = 0;
    for (r, _, p) in met_plan(s) {
        match sectie(p, 6).filter(|x| !geen_aanvraag(&x.tekst)) {
            Some(x) => {
                aantal += 1;
                h.elem("<div class=\"wsv\"><h3>", &r.wsv, "</h3>")
                    .quote(&x.tekst, &x.bron)
                    .raw("</div>\n");
            }
            None => geen.push(r.wsv.as_str()),
        }
    }
    if aantal == 0 {
        h.raw(
            "<p class=\"leeg\">Geen van de wijkplannen bevat een regionale projectaanvraag.</p>\n",
        );
    } else if !geen.is_empty() {
        h.raw("<p>");
        h.text(&format!(
            "Geen aanvraag of hoofdstuk 6 niet ingevuld (het is optioneel): {}.",
            opsomming(&geen)
        ));
        h.raw("</p>\n");
    }
    h.raw("</section>\n");
}

/// How often a monitoring text says progress is discussed: the [`FREQUENTIES`] labels it names,
/// in the order of that list (roughly most often first).
pub fn frequenties(tekst: &str) -> Vec<&'static str> {
    let mut t = padded(tekst);
    let mut found = Vec::new();
    for (label, phrases) in FREQUENTIES {
        for ph in phrases {
            let needle = format!(" {ph}");
            while let Some(pos) = t.find(&needle) {
                let end = pos + needle.len();
                if !found.contains(&label) {
                    found.push(label);
                }
                // Blank the phrase so a less specific one ("per jaar") cannot match it again.
                t.replace_range(pos + 1..end, &" ".repeat(end - pos - 1));
            }
        }
    }
    found
}

/// Part 6: monitoring and evaluation per WSV, with how often.
fn monitoring(h: &mut Html, s: &Snapshot) {
    h.raw("<section id=\"monitoring\">\n<h2>Monitoring en evaluatie</h2>\n")
        .raw("<p>Hoe WSV’s in hoofdstuk 8 hun voortgang volgen, en hoe vaak ze die bespreken (zoals ze het zelf schrijven).</p>\n");
    if met_plan(s).next().is_none() {
        h.raw("<p class=\"leeg\">Er zijn geen wijkplannen om te vergelijken.</p>\n</section>\n");
        return;
    }
    h.raw("<table>\n<thead><tr><th>WSV</th><th>hoe vaak</th></tr></thead>\n<tbody>\n");
    for (r, _, p) in met_plan(s) {
        let freq = match sectie(p, 8) {
            Some(x) => {
                let f = frequenties(&x.tekst);
                if f.is_empty() {
                    "niet genoemd".to_string()
                } else {
                    f.join(", ")
                }
            }
            None => "hoofdstuk 8 niet ingevuld".to_string(),
        };
        h.elem("<tr><th>", &r.wsv, "</th>")
            .elem("<td>", &freq, "</td></tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
    per_wsv_tekst(h, s, 8, "Hoofdstuk 8 niet ingevuld");
    h.raw("</section>\n");
}

/// Part 7: the kernteam, WSV × the five core disciplines.
fn kernteam(h: &mut Html, s: &Snapshot) {
    h.raw("<section id=\"kernteam\">\n<h2>Samenstelling kernteam</h2>\n")
        .raw("<p>Welke van de vijf kerndisciplines in het kernteam zitten, zoals het plan ze noemt. ")
        .raw("De handreiking vraagt er minstens drie, met de wens te groeien naar vijf.</p>\n");
    if met_plan(s).next().is_none() {
        h.raw("<p class=\"leeg\">Er zijn geen wijkplannen om te vergelijken.</p>\n</section>\n");
        return;
    }
    h.raw("<table class=\"matrix\">\n<thead><tr><th>WSV</th>");
    for d in Discipline::ALL {
        h.elem("<th class=\"c\">", d.as_str(), "</th>");
    }
    h.raw("<th class=\"n\">aantal</th></tr></thead>\n<tbody>\n");
    let mut counts = [0usize; 5];
    for (r, _, p) in met_plan(s) {
        h.elem("<tr><th>", &r.wsv, "</th>");
        for (d, c) in Discipline::ALL.iter().zip(counts.iter_mut()) {
            let ja = p.kerndisciplines.contains(d);
            *c += usize::from(ja);
            h.check(ja);
        }
        let n = Discipline::ALL
            .iter()
            .filter(|d| p.kerndisciplines.contains(d))
            .count();
        h.elem("<td class=\"n\">", &n.to_string(), "</td></tr>\n");
    }
    h.raw("</tbody>\n<tfoot><tr><th>aantal WSV’s</th>");
    for c in counts {
        h.elem("<td class=\"c\">", &c.to_string(), "</td>");
    }
    h.raw("<td></td></tr></tfoot>\n</table>\n</section>\n");
}

/// What changed from one plan version to the next.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Verschil {
    /// Themes with content in the new version only / the old version only (numbers).
    pub themas_erbij: Vec<u32>,
    pub themas_eraf: Vec<u32>,
    /// Themes with content in both whose text changed.
    pub themas_gewijzigd: Vec<u32>,
    pub disciplines_erbij: Vec<Discipline>,
    pub disciplines_eraf: Vec<Discipline>,
    /// Free-text sections whose text changed (added, removed or rewritten): "§3 Gewenste situatie…".
    pub secties_gewijzigd: Vec<String>,
    /// Ticked checklist items: (old, new).
    pub checklist: (usize, usize),
}

impl Verschil {
    pub fn is_empty(&self) -> bool {
        self.themas_erbij.is_empty()
            && self.themas_eraf.is_empty()
            && self.themas_gewijzigd.is_empty()
            && self.disciplines_erbij.is_empty()
            && self.disciplines_eraf.is_empty()
            && self.secties_gewijzigd.is_empty()
            && self.checklist.0 == self.checklist.1
    }
}

/// Compare two versions of a plan. Texts are compared after [`norm`], so a changed comma or line
/// break is not a change.
pub fn verschil(oud: &Wijkplan, nieuw: &Wijkplan) -> Verschil {
    let met_inhoud = |p: &Wijkplan| -> Vec<u32> {
        let mut v: Vec<u32> = p
            .themas
            .iter()
            .filter(|t| t.has_content())
            .map(|t| t.nummer)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (o, n) = (met_inhoud(oud), met_inhoud(nieuw));
    let cells = |p: &Wijkplan, nr: u32| -> Vec<String> {
        p.themas
            .iter()
            .filter(|t| t.nummer == nr)
            .flat_map(|t| t.cells().map(norm))
            .collect()
    };
    let sectie_tekst = |p: &Wijkplan, nr: u32| -> String {
        p.secties
            .iter()
            .filter(|s| s.nummer == nr)
            .map(|s| norm(&s.tekst))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut nummers: Vec<u32> = oud
        .secties
        .iter()
        .chain(&nieuw.secties)
        .map(|s| s.nummer)
        .collect();
    nummers.sort_unstable();
    nummers.dedup();
    let titel = |nr: u32| {
        nieuw
            .secties
            .iter()
            .chain(&oud.secties)
            .find(|s| s.nummer == nr)
            .map_or_else(String::new, |s| s.titel.trim().to_string())
    };
    let ticked = |p: &Wijkplan| p.checklist.iter().filter(|c| c.aangevinkt).count();
    Verschil {
        themas_erbij: n.iter().copied().filter(|x| !o.contains(x)).collect(),
        themas_eraf: o.iter().copied().filter(|x| !n.contains(x)).collect(),
        themas_gewijzigd: n
            .iter()
            .copied()
            .filter(|x| o.contains(x) && cells(oud, *x) != cells(nieuw, *x))
            .collect(),
        disciplines_erbij: Discipline::ALL
            .into_iter()
            .filter(|d| nieuw.kerndisciplines.contains(d) && !oud.kerndisciplines.contains(d))
            .collect(),
        disciplines_eraf: Discipline::ALL
            .into_iter()
            .filter(|d| oud.kerndisciplines.contains(d) && !nieuw.kerndisciplines.contains(d))
            .collect(),
        secties_gewijzigd: nummers
            .into_iter()
            .filter(|nr| sectie_tekst(oud, *nr) != sectie_tekst(nieuw, *nr))
            .map(|nr| {
                let t = titel(nr);
                let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
                if t.is_empty() {
                    format!("§{nr}")
                } else {
                    format!("§{nr} {t}")
                }
            })
            .collect(),
        checklist: (ticked(oud), ticked(nieuw)),
    }
}

/// The name a theme goes by in the report: the WSV's own, else the sjabloon's, else its number.
fn thema_label(p: &Wijkplan, nr: u32) -> String {
    let own = p
        .themas
        .iter()
        .find(|t| t.nummer == nr)
        .map(eigen_naam)
        .unwrap_or("");
    let naam = if own.is_empty() {
        usize::try_from(nr)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| THEMA_NAMEN.get(i))
            .copied()
            .unwrap_or("")
    } else {
        own
    };
    if naam.is_empty() {
        format!("thema {nr}")
    } else {
        format!("{nr}. {naam}")
    }
}

fn versie_label(file: &str, p: &Wijkplan) -> String {
    match p.velden.versie_datum.waarde.as_deref() {
        Some(v) if !v.trim().is_empty() => format!("{} ({file})", v.trim()),
        _ => file.to_string(),
    }
}

/// Part 8: what changed between the versions a WSV sent.
fn over_de_tijd(h: &mut Html, s: &Snapshot) {
    h.raw("<section id=\"over-de-tijd\">\n<h2>Over de tijd</h2>\n")
        .raw("<p>Voor WSV’s die meer dan één versie van hun wijkplan stuurden: wat er van versie tot versie veranderde.</p>\n");
    let mut een_versie = Vec::new();
    for (r, file, p) in met_plan(s) {
        if r.eerdere_versies.is_empty() {
            een_versie.push(r.wsv.as_str());
            continue;
        }
        h.elem("<div class=\"wsv\"><h3>", &r.wsv, "</h3>");
        let versies: Vec<(&str, &Wijkplan)> = r
            .eerdere_versies
            .iter()
            .map(|(f, p)| (f.as_str(), p))
            .chain(std::iter::once((file, p)))
            .collect();
        for pair in versies.windows(2) {
            let [(of, op), (nf, np)] = pair else { continue };
            h.raw("<p>")
                .elem("<strong>", &versie_label(of, op), "</strong> → ")
                .elem("<strong>", &versie_label(nf, np), "</strong></p>\n<ul>");
            let v = verschil(op, np);
            let themas = |nrs: &[u32], p: &Wijkplan| {
                nrs.iter()
                    .map(|n| thema_label(p, *n))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let disc =
                |ds: &[Discipline]| ds.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(", ");
            let mut regel = |label: &str, waarde: String| {
                if !waarde.is_empty() {
                    h.elem("<li>", &format!("{label}: {waarde}"), "</li>");
                }
            };
            regel("Thema’s erbij", themas(&v.themas_erbij, np));
            regel("Thema’s niet meer ingevuld", themas(&v.themas_eraf, op));
            regel(
                "Thema’s met gewijzigde tekst",
                themas(&v.themas_gewijzigd, np),
            );
            regel(
                "Disciplines erbij in het kernteam",
                disc(&v.disciplines_erbij),
            );
            regel("Disciplines niet meer genoemd", disc(&v.disciplines_eraf));
            regel(
                "Hoofdstukken met gewijzigde tekst",
                v.secties_gewijzigd.join(", "),
            );
            if v.checklist.0 != v.checklist.1 {
                regel(
                    "Checklist",
                    format!("{} → {} punten afgevinkt", v.checklist.0, v.checklist.1),
                );
            }
            if v.is_empty() {
                h.raw("<li>Geen inhoudelijke verschillen gevonden.</li>");
            }
            h.raw("</ul>\n");
        }
        h.raw("</div>\n");
    }
    let meer = met_plan(s).count() - een_versie.len();
    h.raw("<p>");
    if meer == 0 {
        h.text("Van elke WSV is één versie van het wijkplan ontvangen, dus er valt nog niets over de tijd te vergelijken. Bij een volgende ronde komt hier te staan wat er veranderde.");
    } else if !een_versie.is_empty() {
        h.text(&format!(
            "Van {} is één versie ontvangen: {}.",
            wsvs(een_versie.len()),
            opsomming(&een_versie)
        ));
    }
    h.raw("</p>\n</section>\n");
}

fn bedrag(c: Option<Cents>) -> String {
    c.map_or_else(|| "onbekend".to_string(), |c| c.nl())
}

/// Part 9: budgets per stadsdeel and per WSV, facts only.
fn budget(h: &mut Html, s: &Snapshot) {
    h.raw("<section id=\"budget\">\n<h2>Budget in het kort</h2>\n")
        .raw("<p>Elk stadsdeel en elke randgemeente heeft een vast uitvoeringsbudget op basis van het aantal inwoners; ")
        .raw("WSV’s in hetzelfde stadsdeel delen het naar inwoners. Een negatief verschil betekent dat er meer is begroot dan er beschikbaar is.</p>\n");
    if s.stadsdelen.is_empty() {
        h.raw("<p class=\"leeg\">Geen stadsdeel met een WSV in dit register.</p>\n");
    } else {
        h.raw("<h3>Per stadsdeel of gemeente</h3>\n<table>\n<thead><tr><th>stadsdeel / gemeente</th><th>WSV’s</th>")
            .raw("<th class=\"n\">uitvoeringsbudget</th><th class=\"n\">begroot</th><th class=\"n\">verschil</th></tr></thead>\n<tbody>\n");
        for d in &s.stadsdelen {
            let naam = if d.gemeente == d.stadsdeel || d.gemeente.is_empty() {
                d.stadsdeel.clone()
            } else {
                format!("{} ({})", d.stadsdeel, d.gemeente)
            };
            h.elem("<tr><td>", &naam, "</td>")
                .elem(
                    "<td>",
                    &if d.wsvs.is_empty() {
                        "nog geen WSV in dit overzicht".to_string()
                    } else {
                        d.wsvs.join(", ")
                    },
                    "</td>",
                )
                .elem("<td class=\"n\">", &d.uitvoeringsbudget.nl(), "</td>")
                .elem("<td class=\"n\">", &d.aangevraagd.nl(), "</td>")
                .elem("<td class=\"n\">", &d.ruimte.nl(), "</td></tr>\n");
        }
        h.raw("</tbody>\n</table>\n");
    }
    h.raw("<h3>Per WSV</h3>\n<table>\n<thead><tr><th>WSV</th><th>stadsdeel / gemeente</th><th class=\"n\">inwoners</th>")
        .raw("<th class=\"n\">aandeel uitvoeringsbudget</th><th class=\"n\">begroting</th><th class=\"n\">verschil</th></tr></thead>\n<tbody>\n");
    for r in &s.wsvs {
        let pl = &r.plaatsing;
        let totaal = r.begroting.as_ref().map(|(_, b)| b.totaal());
        let verschil = match (pl.aandeel_uitvoeringsbudget, totaal) {
            (Some(a), Some(t)) => Some(Cents(a.0 - t.0)),
            _ => None,
        };
        let inwoners = pl
            .inwoners
            .map_or_else(|| "onbekend".to_string(), crate::wijkindeling::nl_getal);
        h.elem("<tr><th>", &r.wsv, "</th>")
            .elem(
                "<td>",
                pl.stadsdeel.as_deref().unwrap_or("onbekend"),
                "</td>",
            )
            .elem("<td class=\"n\">", &inwoners, "</td>")
            .elem(
                "<td class=\"n\">",
                &bedrag(pl.aandeel_uitvoeringsbudget),
                "</td>",
            )
            .elem(
                "<td class=\"n\">",
                &totaal.map_or_else(|| "geen begroting".to_string(), |t| t.nl()),
                "</td>",
            )
            .elem(
                "<td class=\"n\">",
                &verschil.map_or_else(String::new, |v| v.nl()),
                "</td></tr>\n",
            );
    }
    h.raw("</tbody>\n</table>\n</section>\n");
}

/// Part 10: the four Reos lines as questions for the next regional meeting (static).
fn reflectie(h: &mut Html) {
    h.raw("<section id=\"reflectie\">\n<h2>Vragen voor de regiobijeenkomst</h2>\n")
        .raw("<p>Spiegelen helpt een WSV beter te worden: niet door normen op te leggen, maar door je te vergelijken met andere WSV’s en met jezelf door de tijd. ")
        .raw("Vier lijnen om het gesprek langs te voeren (naar Reos, ‘Spiegelen in wijksamenwerking’):</p>\n");
    for (lijn, vraag) in REOS_LIJNEN {
        h.elem("<div class=\"vraag\"><strong>", lijn, "</strong><br>")
            .text(vraag)
            .raw("</div>\n");
    }
    h.raw("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ChecklistItem, Sectie};

    fn sectie(nummer: u32, titel: &str, tekst: &str) -> Sectie {
        Sectie {
            nummer,
            titel: titel.into(),
            tekst: tekst.into(),
            bron: format!("plan.docx §{nummer}"),
        }
    }

    fn thema(nummer: u32, naam: &str, doelen: &str) -> Thema {
        Thema {
            nummer,
            naam: naam.into(),
            doelen: doelen.into(),
            bron: format!("plan.docx §4 rij {nummer}"),
            ..Thema::default()
        }
    }

    /// The emitters' sample (Laak-Noord with themes 1 and 5 filled, theme 2 empty; a hostile WSV
    /// without plan) plus a second WSV with a plan.
    fn snapshot() -> Snapshot {
        let mut s = crate::emit::tests::sample();
        let mut plan = s.wsvs[0].plan.clone().unwrap().1;
        plan.themas = vec![
            thema(1, "1. Wijkgerichte samenwerking", "Overleg"),
            thema(3, "3. (Kwetsbare) ouderen", "Valpreventie voor 75+"),
            thema(8, "8. Laaggeletterdheid", "Taalcafé"),
            thema(9, "9. …", ""),
        ];
        plan.kerndisciplines = Discipline::ALL.to_vec();
        plan.secties = vec![sectie(
            8,
            "8. Monitoring en evaluatie",
            "Twee keer per jaar.",
        )];
        let mut tweede = s.wsvs[0].clone();
        tweede.wsv = "Zuid".into();
        tweede.plan = Some(("zuid/plan.docx".into(), plan));
        s.wsvs.push(tweede);
        s
    }

    #[test]
    fn escape_covers_the_five_characters() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape("Laak € ✓"), "Laak € ✓");
    }

    #[test]
    fn hostile_texts_are_escaped_everywhere() {
        let mut s = snapshot();
        let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>&amp;";
        s.wsvs[0].wsv = format!("WSV {evil}");
        if let Some((_, p)) = s.wsvs[0].plan.as_mut() {
            p.secties = vec![
                sectie(5, "5. Behoefte", &format!("Hulp {evil}")),
                sectie(6, "6. Regionaal", evil),
            ];
            p.themas.push(thema(8, &format!("8. {evil}"), "iets"));
            p.themas[0].bron = evil.into();
        }
        let html = render(&s);
        assert!(!html.contains("<script"), "raw script tag");
        assert!(!html.contains("<img"), "raw img tag");
        assert!(
            !html.contains("onerror=alert(2)>"),
            "unescaped attribute break-out"
        );
        let escaped =
            "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;";
        // Name (several tables), section 5 and 6 text, theme 8's name.
        assert!(html.matches(escaped).count() >= 6, "{html}");
        assert!(html.contains(&format!("WSV {escaped}")));
        assert!(html.contains(&format!("Hulp {escaped}")));
        assert!(html.contains(&format!("<span class=\"naam\">{escaped}</span>")));
    }

    #[test]
    fn theme_matrix_counts_wsvs_per_theme() {
        let s = snapshot();
        // Laak-Noord: 1, 5 (theme 2 is empty); Zuid: 1, 3, 8 (theme 9 untouched).
        assert_eq!(thema_tellingen(&s), [2, 0, 1, 0, 1, 0, 0, 1, 0]);
        let html = render(&s);
        assert!(html.contains(
            "<tfoot><tr><th>aantal WSV’s</th><td class=\"c\">2</td><td class=\"c\">0</td><td class=\"c\">1</td><td class=\"c\">0</td><td class=\"c\">1</td><td class=\"c\">0</td><td class=\"c\">0</td><td class=\"c\">1</td><td class=\"c\">0</td><td></td></tr></tfoot>"
        ), "{html}");
        assert!(
            html.contains("<td class=\"ja\">✓ <span class=\"naam\">Laaggeletterdheid</span></td>")
        );
        assert!(html.contains("Gebaseerd op 2 wijkplannen van 2 WSV’s en 2 begrotingen."));
        assert!(html.contains("Van 1 WSV is (nog) geen wijkplan ontvangen: =HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)."));
    }

    #[test]
    fn version_diff_names_what_changed() {
        let mut oud = snapshot().wsvs[2].plan.clone().unwrap().1;
        oud.kerndisciplines = vec![Discipline::Huisarts, Discipline::Apotheker];
        oud.secties = vec![
            sectie(
                3,
                "3. Gewenste situatie en ambitie 2025–2026",
                "Samen sterk.",
            ),
            sectie(8, "8. Monitoring en evaluatie", "Twee keer  per jaar!"),
        ];
        oud.checklist = vec![ChecklistItem {
            tekst: "Gedragen?".into(),
            aangevinkt: false,
            bron: "plan.docx §10".into(),
        }];
        let mut nieuw = oud.clone();
        nieuw.kerndisciplines = vec![Discipline::Huisarts, Discipline::Welzijn];
        nieuw.themas.retain(|t| t.nummer != 3);
        nieuw
            .themas
            .push(thema(5, "5. Mentale gezondheid/GGZ", "Welzijn op Recept"));
        nieuw.themas[0].doelen = "Overleg elke maand".into();
        nieuw.secties[0].tekst = "Samen sterker.".into();
        nieuw.checklist[0].aangevinkt = true;
        let v = verschil(&oud, &nieuw);
        assert_eq!(
            v,
            Verschil {
                themas_erbij: vec![5],
                themas_eraf: vec![3],
                themas_gewijzigd: vec![1],
                disciplines_erbij: vec![Discipline::Welzijn],
                disciplines_eraf: vec![Discipline::Apotheker],
                // §8 only differs in spacing and punctuation: not a change.
                secties_gewijzigd: vec!["§3 Gewenste situatie en ambitie 2025–2026".into()],
                checklist: (0, 1),
            }
        );
        assert!(verschil(&oud, &oud).is_empty());
    }

    #[test]
    fn over_time_says_plainly_when_there_is_one_version() {
        let s = snapshot();
        assert!(render(&s).contains("Van elke WSV is één versie van het wijkplan ontvangen"));
        let mut s = snapshot();
        let mut oud = s.wsvs[2].plan.clone().unwrap().1;
        oud.themas.retain(|t| t.nummer == 1);
        oud.velden.versie_datum.waarde = Some("v1 & concept".into());
        s.wsvs[2].eerdere_versies = vec![("zuid/oud.docx".into(), oud)];
        let html = render(&s);
        assert!(html.contains("<strong>v1 &amp; concept (zuid/oud.docx)</strong> → <strong>v2, 1 maart 2026 (zuid/plan.docx)</strong>"), "{html}");
        assert!(
            html.contains("<li>Thema’s erbij: 3. (Kwetsbare) ouderen, 8. Laaggeletterdheid</li>")
        );
        assert!(html.contains("Van 1 WSV is één versie ontvangen: Laak-Noord."));
    }

    #[test]
    fn monitoring_frequency_detection() {
        assert_eq!(
            frequenties("Twee keer per jaar in de kerngroep."),
            ["halfjaarlijks"]
        );
        assert_eq!(
            frequenties("Maandelijks overleg; aan het einde van het jaar een reflectie."),
            ["maandelijks", "jaarlijks"]
        );
        assert_eq!(
            frequenties("Elk kwartaal een verslag, halfjaarlijks evaluatie."),
            ["per kwartaal", "halfjaarlijks"]
        );
        assert_eq!(
            frequenties("Drie keer per jaar."),
            ["meerdere keren per jaar"]
        );
        assert_eq!(frequenties("Eén keer per jaar."), ["jaarlijks"]);
        assert_eq!(frequenties("We houden het bij."), Vec::<&str>::new());
        // "perjaarlijks" is no word of ours; "per jaar" must start a word.
        assert_eq!(frequenties("superjaar"), Vec::<&str>::new());
    }

    #[test]
    fn support_categories_and_haaglanden_gezonder_are_found() {
        assert_eq!(
            categorieen(
                "Hulp bij procesbegeleiding en het gebruik van wijkdata; ook communicatie."
            ),
            [0, 1, 2]
        );
        assert_eq!(categorieen("Advies over het betrekken van bewoners."), [3]);
        assert_eq!(
            categorieen("Een update over de database"),
            Vec::<usize>::new()
        );
        let p = snapshot().wsvs[2].plan.clone().unwrap().1;
        assert_eq!(waar_genoemd(&p, HAAGLANDEN_GEZONDER[2].1), ["thema 3"]);
        assert_eq!(
            waar_genoemd(&p, HAAGLANDEN_GEZONDER[1].1),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_plain_no_is_not_a_project_request() {
        assert!(geen_aanvraag("Geen aanvraag."));
        assert!(geen_aanvraag("Nog niet."));
        assert!(geen_aanvraag("n.v.t."));
        assert!(!geen_aanvraag(
            "Wij doen in 2025 geen regionale projectaanvraag. Voor 2026 onderzoeken we een pilot."
        ));
        assert!(!geen_aanvraag(
            "Geen idee is te gek: een taalcafé met drie wijken samen, wekelijks in het buurthuis."
        ));
        assert!(!geen_aanvraag("Taalcafé"));
    }

    #[test]
    fn report_is_deterministic_and_self_contained() {
        let s = snapshot();
        let mut a = Vec::new();
        write_report(&s, &mut a).unwrap();
        let mut b = Vec::new();
        write_report(&s, &mut b).unwrap();
        assert_eq!(a, b);
        let html = String::from_utf8(a).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
        assert!(!html.contains("src=") && !html.contains("url("));
        assert!(!html.contains("<script") && !html.contains("<link"));
        // Budget in facts: the per-stadsdeel row and the WSV's difference.
        assert!(html.contains("<tr><td>Laak (Den Haag)</td><td>Laak-Noord, Laak-Zuid</td><td class=\"n\">€ 100.000,00</td><td class=\"n\">€ 101.234,56</td><td class=\"n\">-€ 1.234,56</td></tr>"), "{html}");
        assert!(html.contains("<tr><th>Laak-Noord</th><td>Laak</td><td class=\"n\">30.000</td><td class=\"n\">€ 56.641,00</td><td class=\"n\">€ 61.200,00</td><td class=\"n\">-€ 4.559,00</td></tr>"));
    }
}
