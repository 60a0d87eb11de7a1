//! The learning-cycle report (`lerende-cyclus.html`): one self-contained HTML page that the RESV
//! shares with every WSV, to compare WSVs with each other and over time ("spiegelen", seed 004:
//! "niet door strenge normen op te leggen, maar door je te vergelijken").
//!
//! The page, in order: the region at a glance (figures and small SVG charts, [`summary`]); the
//! themes as a heat map with each WSV's goals one click away and who works on the same
//! ([`grid`]); Reos's four lines, each with the data that belongs to it ([`lijnen`]); changes over
//! time ([`tijd`]).
//!
//! Why it looks like this:
//! - Every figure is computed from the [`Snapshot`]; a value the snapshot does not have is said to
//!   be missing, never guessed (a WSV without begroting shows "geen begroting", not € 0,00).
//! - Every text from a document is untrusted. All of it goes through [`Html::text`], which masks
//!   names and contact details ([`privacy`]) and then escapes; raw markup is only ever written from
//!   string literals in these modules. Untrusted text never goes into an attribute.
//! - Privacy by default: the page goes to all WSVs, so no personal names, e-mail addresses or
//!   phone numbers; [`Opties::namen`] (`--namen`) shows names for internal use. The page says
//!   which mode it is in, at the top.
//! - The period (from the plans) is in the title, the H1 and every section heading, so this
//!   year's copy can be laid beside last year's.
//! - Deterministic: no timestamps, snapshot order throughout, so the same snapshot gives the same
//!   bytes (the `report` command and `run` write identical files). Only a register whose plans
//!   name no year falls back to the current year.
//! - No JavaScript, no external resources: it opens from a mail attachment or a file share, offline,
//!   and prints on A4 (wide tables on landscape pages, see [`css`]).

mod css;
mod grid;
mod lijnen;
mod privacy;
mod summary;
mod svg;
#[cfg(test)]
mod tests;
mod tijd;

pub use lijnen::{frequenties, geen_aanvraag, werkdruk_signalen};
pub use privacy::{mask_contact, persoonsnamen, Privacy};
pub use tijd::{verschil, Verschil};

use super::EmitError;
use crate::domain::{Thema, Wijkplan, THEMA_NAMEN};
use crate::snapshot::{Snapshot, WsvRecord};
use crate::text::norm;
use std::io::Write;

/// How the report is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Opties {
    /// Show personal names (`--namen`, internal use). Off by default: the report is shared.
    pub namen: bool,
}

/// The five characters that matter in HTML text and attribute values, escaped. The one escaping
/// helper of the report: every text from a document goes through it.
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

/// The page under construction. `raw` takes markup written in these modules; `text` takes
/// anything else, masks it and escapes it.
struct Html<'a> {
    out: String,
    privacy: &'a Privacy,
    periode: String,
}

impl Html<'_> {
    fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }
    fn text(&mut self, s: &str) -> &mut Self {
        let masked = self.privacy.mask(s);
        self.out.push_str(&escape(&masked));
        self
    }
    /// Masked and escaped, for markup built elsewhere (an SVG label).
    fn veilig(&self, s: &str) -> String {
        self.privacy.mask(s).into_owned()
    }
    /// `<tag>text</tag>` with `tag` (and its attributes) from these modules.
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
    /// Open a section with its heading; the heading carries the period. `breed`: printed on a
    /// landscape page.
    fn sectie(&mut self, id: &str, titel: &str, breed: bool) -> &mut Self {
        let periode = self.periode.clone();
        self.raw("<section id=\"")
            .raw(id)
            .raw(if breed {
                "\" class=\"breed\">\n"
            } else {
                "\">\n"
            })
            .elem("<h2>", titel, " ")
            .elem("<span class=\"periode\">", &periode, "</span></h2>\n")
    }
}

/// The sections in page order: (anchor, heading). The contents list and the sections use it.
const SECTIES: [(&str, &str); 8] = [
    ("regio", "De regio in één oogopslag"),
    ("themas", "Thema’s: wie werkt waaraan"),
    ("maatschappij", "Maatschappij en Meerwaarde"),
    ("organisatie", "Organisatie en Overleg"),
    ("cultuur", "Cultuur en Verbeteren"),
    ("persoon", "Persoon en Werkplezier"),
    ("over-de-tijd", "Over de tijd"),
    ("budget", "Budget per WSV"),
];

fn titel(id: &str) -> &'static str {
    SECTIES
        .iter()
        .find(|(i, _)| *i == id)
        .map_or("", |(_, t)| t)
}

/// Write the shared (name-free) learning-cycle report for `s` as one HTML5 document.
pub fn write_report(s: &Snapshot, w: &mut dyn Write) -> Result<(), EmitError> {
    write_report_opties(s, Opties::default(), w)
}

/// Write the learning-cycle report with `opties` (`--namen`).
pub fn write_report_opties(
    s: &Snapshot,
    opties: Opties,
    w: &mut dyn Write,
) -> Result<(), EmitError> {
    w.write_all(render(s, opties).as_bytes())?;
    Ok(())
}

/// The whole page as a string.
pub fn render(s: &Snapshot, opties: Opties) -> String {
    let privacy = Privacy::new(s, opties.namen);
    let mut h = Html {
        out: String::new(),
        privacy: &privacy,
        periode: periode(s),
    };
    let periode = h.periode.clone();
    h.raw("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .elem(
            "<title>",
            &format!("Lerende cyclus WSV’s {periode} – RESV Haaglanden"),
            "</title>\n<style>",
        )
        .raw(css::CSS)
        .raw("</style>\n</head>\n<body>\n");
    kop(&mut h);
    summary::regio(&mut h, s);
    grid::themas(&mut h, s);
    lijnen::maatschappij(&mut h, s);
    lijnen::organisatie(&mut h, s);
    lijnen::cultuur(&mut h, s);
    lijnen::persoon(&mut h, s);
    tijd::over_de_tijd(&mut h, s);
    summary::budget_per_wsv(&mut h, s);
    h.raw("<footer>Gemaakt met wijkregister uit het register van ingediende wijkplannen en begrotingen. ")
        .raw("Teksten zijn de eigen woorden van de WSV’s; bij elk citaat staat de bron (bestand en plaats).</footer>\n")
        .raw("</body>\n</html>\n");
    h.out
}

/// The years a text names (2000–2099, as a whole number).
fn jaren_in(tekst: &str) -> Vec<u16> {
    let b = tekst.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let vier = &b[i..i + 4];
        let los = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if los && vier.iter().all(u8::is_ascii_digit) && vier[0] == b'2' && vier[1] == b'0' {
            let j = u16::from(vier[2] - b'0') * 10 + u16::from(vier[3] - b'0');
            out.push(2000 + j);
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// The period a plan is for: the years in its section titles ("Gewenste situatie en ambitie
/// 2025–2026"), else the year of its version date.
pub fn plan_periode(p: &Wijkplan) -> Option<(u16, u16)> {
    let uit = |jaren: Vec<u16>| Some((*jaren.iter().min()?, *jaren.iter().max()?));
    uit(p.secties.iter().flat_map(|s| jaren_in(&s.titel)).collect()).or_else(|| {
        uit(p
            .velden
            .versie_datum
            .waarde
            .as_deref()
            .map(jaren_in)
            .unwrap_or_default())
    })
}

fn periode_tekst((van, tot): (u16, u16)) -> String {
    if van == tot {
        van.to_string()
    } else {
        format!("{van}–{tot}")
    }
}

/// The report's period: the span of its current plans' periods, else of its begrotingen's year
/// columns, else the current year.
pub fn periode(s: &Snapshot) -> String {
    let plannen: Vec<(u16, u16)> = met_plan(s)
        .filter_map(|(_, _, p)| plan_periode(p))
        .collect();
    let span =
        |v: &[(u16, u16)]| Some((v.iter().map(|x| x.0).min()?, v.iter().map(|x| x.1).max()?));
    if let Some(p) = span(&plannen) {
        return periode_tekst(p);
    }
    let jaren: Vec<(u16, u16)> = s
        .wsvs
        .iter()
        .filter_map(|r| r.begroting.as_ref())
        .flat_map(|(_, b)| {
            b.regels
                .iter()
                .flat_map(|g| g.jaren.iter().map(|j| (j.jaar, j.jaar)))
        })
        .collect();
    if let Some(p) = span(&jaren) {
        return periode_tekst(p);
    }
    huidig_jaar().to_string()
}

/// The current year (UTC) from the system clock, without a date crate.
fn huidig_jaar() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let dagen = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil-from-days (H. Hinnant), year only.
    let z = dagen + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let maand = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(maand <= 2)
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

fn meervoud(n: usize, een: &str, meer: &str) -> String {
    format!("{n} {}", if n == 1 { een } else { meer })
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

/// The sjabloon's name of theme `n` (1–7), or "eigen thema" for 8 and 9.
fn thema_naam(n: u32) -> &'static str {
    usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| THEMA_NAMEN.get(i))
        .copied()
        .unwrap_or("eigen thema")
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

/// Title, what this is, the privacy mode, contents.
fn kop(h: &mut Html) {
    let periode = h.periode.clone();
    h.raw("<header>\n")
        .elem(
            "<h1>",
            &format!("Lerende cyclus {periode}: WSV’s naast elkaar"),
            "</h1>\n<p class=\"inleiding\">",
        )
        .raw("Dit overzicht zet de wijkplannen van de wijksamenwerkingsverbanden (WSV’s) in de regio Haaglanden naast elkaar: ")
        .raw("eerst de regio in cijfers, dan waar WSV’s aan werken, en daarna de vier lijnen van Reos (Maatschappij en Meerwaarde, Organisatie en Overleg, Cultuur en Verbeteren, Persoon en Werkplezier) met wat de plannen erover zeggen. ")
        .raw("Het is bedoeld om te spiegelen, niet om te beoordelen: elke WSV kan zien wat anderen doen en daar in de lerende cyclus over in gesprek gaan. ")
        .raw("Alles is uit de ingediende documenten gehaald; waar een WSV iets niet invulde, staat dat er zo.</p>\n");
    if h.privacy.namen_tonen() {
        h.raw("<p class=\"modus intern\"><strong>Interne versie met namen</strong> (gemaakt met <code>--namen</code>): ")
            .raw("namen van aanjagers, aanspreekpunten en kernteamleden staan erin. Niet delen met de WSV’s; ")
            .raw("e-mailadressen en telefoonnummers zijn ook hier weggelaten.</p>\n");
    } else {
        h.raw("<p class=\"modus\"><strong>Versie om te delen, zonder namen.</strong> ")
            .raw("Namen van personen (aanjagers, aanspreekpunten, kernteamleden), e-mailadressen en telefoonnummers zijn weggelaten, ook in geciteerde tekst ")
            .raw("(ze staan er als [naam], [e-mailadres] of [telefoonnummer]). Rollen en organisaties staan er wel. ")
            .raw("Een interne versie met namen maak je met <code>--namen</code>.</p>\n");
    }
    h.raw("</header>\n<nav><strong>Inhoud</strong><ol>");
    for (id, t) in SECTIES {
        h.raw("<li><a href=\"#")
            .raw(id)
            .raw("\">")
            .text(t)
            .raw("</a></li>");
    }
    h.raw("</ol></nav>\n");
}
