//! Wijkplannen in the Medrie *Voorbeeld / format Wijkplan* (seed 003): Naam praktijkteam/wijkteam,
//! Betrokken partijen (Leden wijkkernteam, Betrokken wijkpartners), what the partners find
//! important, how the network is kept, the themes ("Thema 1:" with Doelstelling and Resultaat)
//! and Begroting en tijdsinvestering. The format is usually a two-column table (section title |
//! the WSV's text), so it is read as lines in reading order.
//!
//! - Leden wijkkernteam are the kernteam (the disciplines count); Betrokken wijkpartners are
//!   partners, kept in the section text and never counted as kernteam.
//! - Themes keep the plan's own number and name; Doelstelling and Resultaat fill the register's
//!   columns of those names.
//! - The budget, when the WSV typed it as a table in the Begroting row, is read by
//!   `plan_begroting` like every plan's budget table.
//! - The format's own guidance lines (and everything after "Toelichting:") are template text,
//!   never the WSV's words.

use super::oud::{self, flatten_lines};
use super::similarity::{self, similar_words, starts_with_phrase, title_score, words};
use super::strip_placeholders;
use crate::domain::{Code, Finding, Mapped, Sectie, Sjabloon, Thema, Veld, Wijkplan};
use crate::model::Document;
use crate::text;

/// Normalised phrases characteristic of the Medrie format.
pub const KENMERKEN: &[&str] = &[
    "naam praktijkteam wijkteam",
    "leden wijkkernteam",
    "betrokken wijkpartners",
    "wat vind je belangrijk in de samenwerking",
    "gezamenlijke uitgangspunten en waarden",
    "netwerk vormgeeft en onderhoudt",
    "bepaal de problemen thema s van de wijk",
    "doelstelling",
    "begroting en tijdsinvestering",
    "medrie",
    "format wijkplan",
];

/// Medrie section titles and the RESV sjabloon section each corresponds to (0: none).
const SECTIES: &[(&str, u32)] = &[
    ("Betrokken partijen", 0),
    ("Wat vind je belangrijk in de samenwerking?", 0),
    ("Beschrijf hoe je het netwerk vormgeeft en onderhoudt", 0),
    ("Bepaal de problemen/thema’s van de wijk", 4),
    (
        "Begroting en tijdsinvestering (personeel en middelen) wijkplan",
        7,
    ),
];

/// Medrie guidance lines: template text, never the WSV's words.
const TOELICHTING: &[&str] = &[
    "Voorbeeld / format Wijkplan",
    "Nadat de wijkscan tijdens een wijkbijeenkomst is besproken, wordt een wijkplan opgesteld. Een wijkplan kan een looptijd van meerdere jaren hebben.",
    "Wat zijn de gezamenlijke uitgangspunten en waarden?",
    "Overlegstructuur wijkkernteam en netwerkbijeenkomsten. Monitoring en evaluatie netwerkstructuur.",
    "Geef op hoofdlijnen aan waar jullie in de wijk mee aan de slag willen.",
    "De thema’s kunnen nader uitgewerkt worden in een projectplan (hiervoor kan het format Projectplan gebruikt worden)",
    "Voor een begroting en het kunnen bijhouden van de werkelijk gemaakte kosten, zie format begroting en tijdsinvestering wijkplan op de website  Achtergrondinformatie Wijkteam (medrie.nl)",
    "etc",
];

const MEDRIE_NAAM: &str = "naam praktijkteam wijkteam";
const MEDRIE_KERN: &str = "leden wijkkernteam";
const MEDRIE_PARTNERS: &str = "betrokken wijkpartners";

pub fn map(doc: &Document, file: &str) -> Mapped<Wijkplan> {
    let mut lines = Vec::new();
    flatten_lines(&doc.blocks, &mut lines);
    let guidance: Vec<Vec<String>> = TOELICHTING.iter().map(|g| words(g)).collect();

    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        None,
        Naam,
        Kern,
        Sectie(usize),
        Doel(usize),
        Resultaat(usize),
    }
    let mut mode = Mode::None;
    let mut naam: Option<String> = None;
    let mut kern: Vec<String> = Vec::new();
    let mut secties: Vec<(String, u32, Vec<String>)> = Vec::new();
    let mut themas: Vec<Thema> = Vec::new();
    let mut current_section: Option<usize> = None;

    for line in &lines {
        let t = line.trim();
        let n = text::norm(t);
        if n.is_empty() {
            continue;
        }
        if n == "toelichting" {
            break; // The format's own explanation follows; no WSV text after it.
        }
        let w = words(t);
        if guidance
            .iter()
            .any(|g| similar_words(&w, g, similarity::PARAGRAPH_THRESHOLD))
        {
            continue;
        }
        if let Some((title, nummer)) = SECTIES
            .iter()
            .find(|(title, _)| w.len() <= words(title).len() + 3 && title_score(t, title) >= 0.8)
        {
            let _ = title;
            secties.push((
                t.trim_end_matches(':').trim().to_string(),
                *nummer,
                Vec::new(),
            ));
            current_section = Some(secties.len() - 1);
            mode = Mode::Sectie(secties.len() - 1);
            continue;
        }
        let after_colon = || {
            t.split_once(':')
                .map(|(_, v)| strip_placeholders(v))
                .unwrap_or_default()
        };
        if starts_with_phrase(&n, MEDRIE_NAAM) {
            let v = after_colon();
            if v.is_empty() {
                mode = Mode::Naam;
            } else {
                naam = Some(v);
                mode = Mode::None;
            }
            continue;
        }
        if starts_with_phrase(&n, MEDRIE_KERN) {
            let v = after_colon();
            if !v.is_empty() {
                kern.push(v);
            }
            mode = Mode::Kern;
            continue;
        }
        if starts_with_phrase(&n, MEDRIE_PARTNERS) {
            let v = after_colon();
            if let (Some(s), false) = (
                current_section.and_then(|i| secties.get_mut(i)),
                v.is_empty(),
            ) {
                s.2.push(format!("Betrokken wijkpartners: {v}"));
            }
            mode = current_section.map_or(Mode::None, Mode::Sectie);
            continue;
        }
        if let Some((num, name)) = thema_line(t) {
            themas.push(Thema {
                nummer: num,
                naam: name,
                bron: format!("{file} thema {num}"),
                cel_bronnen: [
                    format!("{file} thema {num} 'Doelstelling'"),
                    format!("{file} thema {num}"),
                    format!("{file} thema {num} 'Resultaat'"),
                    format!("{file} thema {num}"),
                    format!("{file} thema {num}"),
                ],
                ..Default::default()
            });
            mode = current_section.map_or(Mode::None, Mode::Sectie);
            continue;
        }
        let last = themas.len().checked_sub(1);
        if starts_with_phrase(&n, "doelstelling") || starts_with_phrase(&n, "doel") {
            if let Some(i) = last {
                mode = Mode::Doel(i);
                append(&mut themas, i, true, &after_colon());
                continue;
            }
        }
        if starts_with_phrase(&n, "resultaat") || starts_with_phrase(&n, "resultaten") {
            if let Some(i) = last {
                mode = Mode::Resultaat(i);
                append(&mut themas, i, false, &after_colon());
                continue;
            }
        }
        let value = strip_placeholders(t);
        if value.is_empty() {
            continue;
        }
        match mode {
            Mode::Naam => {
                if w.len() <= 8 {
                    naam = Some(value);
                }
                mode = Mode::None;
            }
            Mode::Kern => kern.push(value),
            Mode::Sectie(i) => {
                if let Some(s) = secties.get_mut(i) {
                    s.2.push(value);
                }
            }
            Mode::Doel(i) => append(&mut themas, i, true, &value),
            Mode::Resultaat(i) => append(&mut themas, i, false, &value),
            Mode::None => {}
        }
    }

    let mut velden = oud::empty_velden(file);
    velden.wijk_wsv = Veld {
        waarde: naam,
        bron: format!("{file} 'Naam praktijkteam/wijkteam'"),
    };
    velden.kernteamleden = Veld {
        waarde: Some(kern.join("\n")).filter(|k| !k.is_empty()),
        bron: format!("{file} 'Leden wijkkernteam'"),
    };
    let secties = secties
        .into_iter()
        .map(|(titel, nummer, lines)| Sectie {
            nummer,
            bron: format!("{file} '{titel}'"),
            titel,
            tekst: lines.join("\n"),
        })
        .collect();
    let finding = Finding::new(
        Code::ANDER_SJABLOON,
        "Het wijkplan volgt het Medrie-format wijkplan, niet het RESV-sjabloon 2025–2026; alleen naam, kernteam, thema’s, secties en een begrotingstabel zijn overgenomen.",
        file,
    );
    Mapped {
        value: oud::plan(Sjabloon::Medrie, velden, secties, themas),
        findings: vec![finding],
    }
}

fn append(themas: &mut [Thema], i: usize, doel: bool, value: &str) {
    if value.is_empty() {
        return;
    }
    if let Some(t) = themas.get_mut(i) {
        let field = if doel {
            &mut t.doelen
        } else {
            &mut t.resultaten
        };
        if !field.is_empty() {
            field.push('\n');
        }
        field.push_str(value);
    }
}

/// "Thema 1: Eenzaamheid" → (1, "Eenzaamheid").
fn thema_line(t: &str) -> Option<(u32, String)> {
    let rest = t.trim_start();
    let head = rest.get(..5)?;
    if !head.eq_ignore_ascii_case("thema") {
        return None;
    }
    let rest = rest.get(5..)?.trim_start();
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    let n: u32 = rest.get(..digits)?.parse().ok()?;
    let name = rest
        .get(digits..)?
        .trim_start()
        .trim_start_matches([':', '.', '-'])
        .trim();
    Some((n, strip_placeholders(name)))
}

#[cfg(test)]
mod tests {
    use super::super::testdoc::*;
    use super::super::{detect, map_document};
    use super::*;
    use crate::domain::Discipline;

    #[test]
    fn medrie_format_is_recognised_and_mapped() {
        let d = doc(vec![
            p("Voorbeeld / format Wijkplan"),
            p("Naam praktijkteam/wijkteam: Wijkteam Ypenburg"),
            p("Nadat de wijkscan tijdens een wijkbijeenkomst is besproken, wordt een wijkplan opgesteld. Een wijkplan kan een looptijd van meerdere jaren hebben."),
            table(vec![
                srow(&["Betrokken partijen", "Leden wijkkernteam: Huisartsenpraktijk Ypenburg\nApotheek Ypenburg\nFlorence wijkverpleging\nBetrokken wijkpartners (organisaties): Buurtsportcoach"]),
                srow(&["Wat vind je belangrijk in de samenwerking?", "Wat zijn de gezamenlijke uitgangspunten en waarden?\nWe werken vanuit positieve gezondheid."]),
                srow(&["Bepaal de problemen/thema’s van de wijk", "Geef op hoofdlijnen aan waar jullie in de wijk mee aan de slag willen.\nThema 1: Eenzaamheid\nDoelstelling: minder eenzame ouderen\nResultaat: 40 deelnemers aan de koffieochtend\nThema 2:\nDoelstelling:\nResultaat:\netc"]),
                srow(&["Begroting en tijdsinvestering (personeel en middelen) wijkplan", "Zie bijgevoegde begroting."]),
            ]),
            p("Toelichting:"),
            p("BETROKKEN PARTIJEN"),
        ]);
        assert_eq!(detect(&d), Sjabloon::Medrie);
        let m = map_document(&d, "ypenburg.docx");
        let w = &m.value;
        assert_eq!(w.sjabloon, Sjabloon::Medrie);
        assert_eq!(
            w.velden.wijk_wsv.waarde.as_deref(),
            Some("Wijkteam Ypenburg")
        );
        assert_eq!(
            w.velden.kernteamleden.waarde.as_deref(),
            Some("Huisartsenpraktijk Ypenburg\nApotheek Ypenburg\nFlorence wijkverpleging")
        );
        assert_eq!(
            w.kerndisciplines,
            vec![
                Discipline::Huisarts,
                Discipline::Wijkverpleging,
                Discipline::Apotheker
            ]
        );
        assert_eq!(w.themas.len(), 2);
        assert_eq!(
            (w.themas[0].nummer, w.themas[0].naam.as_str()),
            (1, "Eenzaamheid")
        );
        assert_eq!(w.themas[0].doelen, "minder eenzame ouderen");
        assert_eq!(w.themas[0].resultaten, "40 deelnemers aan de koffieochtend");
        assert_eq!(
            w.themas[0].cel_bronnen[0],
            "ypenburg.docx thema 1 'Doelstelling'"
        );
        assert!(!w.themas[1].has_content());
        let secties: Vec<(u32, &str, &str)> = w
            .secties
            .iter()
            .map(|s| (s.nummer, s.titel.as_str(), s.tekst.as_str()))
            .collect();
        assert_eq!(
            secties,
            vec![
                (
                    0,
                    "Betrokken partijen",
                    "Betrokken wijkpartners: Buurtsportcoach"
                ),
                (
                    0,
                    "Wat vind je belangrijk in de samenwerking?",
                    "We werken vanuit positieve gezondheid."
                ),
                (4, "Bepaal de problemen/thema’s van de wijk", ""),
                (
                    7,
                    "Begroting en tijdsinvestering (personeel en middelen) wijkplan",
                    "Zie bijgevoegde begroting."
                ),
            ]
        );
        assert_eq!(m.findings.len(), 1);
        assert_eq!(m.findings[0].code, Code::ANDER_SJABLOON);
        assert!(m.findings[0].bericht.contains("Medrie"));
    }
}
