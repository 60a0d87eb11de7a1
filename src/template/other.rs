//! Wijkplannen that follow another structure than the RESV sjabloon: the Zorg en Zekerheid
//! *Handreiking wijkplan* (2018, chapters 1–5 with AGB-code tables), the Medrie *Voorbeeld /
//! format Wijkplan*, or nothing known. They are mapped as far as their structure allows and always
//! carry an `ANDER_SJABLOON` finding, so the RESV sees at once that the plan needs a human reading.
//!
//! Sections get the RESV sjabloon's number where the content corresponds (Z&Z "Huidige situatie"
//! is section 2, Medrie's themes are section 4, its Begroting section 7), else 0: the report
//! compares sections across WSVs by that number, and a wrong number would put text in the wrong
//! column.

use super::disciplines::kerndisciplines;
use super::similarity::{self, similar_words, starts_with_phrase, title_score, words};
use super::sjabloon_haaglanden::{SectieSoort, HAAGLANDEN_2025};
use super::{cell_value, heading_candidates, strip_placeholders, units};
use crate::domain::{Code, Finding, Mapped, Sectie, Sjabloon, Thema, Veld, Velden, Wijkplan};
use crate::model::{Block, Document};
use crate::text;

/// Normalised phrases characteristic of the Zorg en Zekerheid handreiking (2018).
pub const ZORG_EN_ZEKERHEID_KENMERKEN: &[&str] = &[
    "handreiking wijkplan",
    "zorg en zekerheid",
    "beschrijving wijk en patientenpopulatie",
    "gewenste situatie visie en doelen",
    "plan van aanpak en resultaten",
    "organisatiebeschrijving wijksamenwerkingsverband",
    "partijen in de wijk",
    "samenwerking in de wijk",
    "agb code",
    "aantal fte",
    "benodigde investeringen en begroting",
    "wijkcoordinator en praktijkmanager",
];

/// Z&Z chapters and the RESV sjabloon section each corresponds to (0: none).
const ZORG_EN_ZEKERHEID_HOOFDSTUKKEN: &[(&str, u32)] = &[
    ("Huidige situatie", 2),
    ("Beschrijving wijk- en patiëntenpopulatie", 0),
    ("Gewenste situatie: visie en doelen", 3),
    ("Plan van Aanpak en resultaten", 4),
    ("Organisatiebeschrijving wijksamenwerkingsverband", 0),
];

/// Normalised phrases characteristic of the Medrie format.
pub const MEDRIE_KENMERKEN: &[&str] = &[
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
const MEDRIE_SECTIES: &[(&str, u32)] = &[
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
const MEDRIE_TOELICHTING: &[&str] = &[
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

fn plan(sjabloon: Sjabloon, velden: Velden, secties: Vec<Sectie>, themas: Vec<Thema>) -> Wijkplan {
    let kern = kerndisciplines(velden.kernteamleden.waarde.as_deref().unwrap_or(""));
    Wijkplan {
        sjabloon,
        velden,
        kerndisciplines: kern,
        secties,
        themas,
        checklist: Vec::new(),
        vingerafdruk: String::new(),
    }
}

/// Fields that this structure does not have: no value, provenance the file itself.
fn empty_velden(file: &str) -> Velden {
    let mut v = Velden::default();
    for key in [
        "wijk_wsv",
        "gemeente_stadsdeel",
        "versie_datum",
        "aanjagers",
        "aanspreekpunt_resv",
        "budgethouder",
        "kernteamleden",
    ] {
        if let Some(f) = v.get_mut(key) {
            f.bron = file.to_string();
        }
    }
    v
}

pub fn map_zorg_en_zekerheid(doc: &Document, file: &str) -> Mapped<Wijkplan> {
    let secties = sections_by_headings(doc, file, Some(ZORG_EN_ZEKERHEID_HOOFDSTUKKEN));
    let mut velden = empty_velden(file);
    // The AGB-code tables list the practices per discipline: the closest the handreiking has to
    // a kernteam.
    let partijen = agb_lines(doc);
    if !partijen.is_empty() {
        velden.kernteamleden = Veld {
            waarde: Some(partijen.join("\n")),
            bron: format!("{file} §1.1 'Partijen in de wijk'"),
        };
    }
    let finding = Finding::new(
        Code::ANDER_SJABLOON,
        "Het wijkplan volgt de Zorg en Zekerheid-handreiking wijkplan (2018), niet het RESV-sjabloon 2025–2026; alleen de hoofdstukken en partijen zijn overgenomen.",
        file,
    );
    Mapped {
        value: plan(Sjabloon::ZorgEnZekerheid2018, velden, secties, Vec::new()),
        findings: vec![finding],
    }
}

/// Filled rows of the Z&Z party tables, each prefixed with the table's category.
fn agb_lines(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        let Block::Table(t) = b else { continue };
        let Some(header) = t.rows.first() else {
            continue;
        };
        let h = text::norm(
            &header
                .cells
                .iter()
                .map(|c| c.text())
                .collect::<Vec<_>>()
                .join(" "),
        );
        let category = if !(h.contains("agb code") || h.contains("soort organisatie")) {
            continue;
        } else if h.contains("huisarts") {
            "Huisartsenzorg"
        } else if h.contains("apothe") {
            "Apotheek"
        } else if h.contains("paramedic") || h.contains("discipline") {
            "Paramedische zorg"
        } else {
            "Overige partijen"
        };
        for r in t.rows.iter().skip(1) {
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(cell_value)
                .filter(|c| !c.is_empty())
                .collect();
            if !cells.is_empty() {
                out.push(format!("{category}: {}", cells.join(", ")));
            }
        }
    }
    out
}

pub fn map_medrie(doc: &Document, file: &str) -> Mapped<Wijkplan> {
    let mut lines = Vec::new();
    flatten_lines(&doc.blocks, &mut lines);
    let guidance: Vec<Vec<String>> = MEDRIE_TOELICHTING.iter().map(|g| words(g)).collect();

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
        if let Some((title, nummer)) = MEDRIE_SECTIES
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

    let mut velden = empty_velden(file);
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
        "Het wijkplan volgt het Medrie-format wijkplan, niet het RESV-sjabloon 2025–2026; alleen naam, kernteam, thema’s en secties zijn overgenomen.",
        file,
    );
    Mapped {
        value: plan(Sjabloon::Medrie, velden, secties, themas),
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

/// Every line of text in reading order: paragraphs split at line breaks, table cells in order.
fn flatten_lines(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.extend(p.text.split('\n').map(String::from)),
            Block::Heading(h) => out.push(h.text.clone()),
            Block::Table(t) => {
                for r in &t.rows {
                    for c in &r.cells {
                        flatten_lines(&c.blocks, out);
                    }
                }
            }
        }
    }
}

pub fn map_onbekend(doc: &Document, file: &str) -> Mapped<Wijkplan> {
    let secties = sections_by_headings(doc, file, None);
    let finding = Finding::new(
        Code::ANDER_SJABLOON,
        "Het wijkplan volgt geen bekend sjabloon; alleen de koppen en hun tekst zijn overgenomen.",
        file,
    );
    Mapped {
        value: plan(Sjabloon::Onbekend, empty_velden(file), secties, Vec::new()),
        findings: vec![finding],
    }
}

/// Sections opened by headings. With `titles`, only headings matching one of them (each gets its
/// mapped number); without, every real heading or bold paragraph, numbered by the RESV section
/// whose title it resembles, else 0.
fn sections_by_headings(doc: &Document, file: &str, titles: Option<&[(&str, u32)]>) -> Vec<Sectie> {
    let cands = heading_candidates(doc);
    let mut chosen: Vec<(usize, Option<u32>, String, u32)> = Vec::new(); // (idx, shown number, title, nummer)
    match titles {
        Some(titles) => {
            for (title, nummer) in titles {
                let best = cands
                    .iter()
                    .map(|c| (c, title_score(&c.title, title)))
                    .filter(|(c, s)| *s >= c.threshold())
                    .max_by(|a, b| {
                        (a.0.strength, a.1)
                            .partial_cmp(&(b.0.strength, b.1))
                            .unwrap_or(std::cmp::Ordering::Equal)
                    });
                if let Some((c, _)) = best {
                    if !chosen.iter().any(|x| x.0 == c.idx) {
                        chosen.push((c.idx, c.number, c.title.trim().to_string(), *nummer));
                    }
                }
            }
        }
        None => {
            for c in cands.iter().filter(|c| c.strength >= 2) {
                let nummer = HAAGLANDEN_2025
                    .secties
                    .iter()
                    .filter(|s| s.soort == SectieSoort::Vrij)
                    .map(|s| (s.nummer, title_score(&c.title, s.titel)))
                    .filter(|(_, sc)| *sc >= 0.6)
                    .max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
                    .map_or(0, |(n, _)| n);
                chosen.push((c.idx, c.number, c.title.trim().to_string(), nummer));
            }
        }
    }
    chosen.sort_by_key(|c| c.0);
    let starts: Vec<usize> = chosen.iter().map(|c| c.0).collect();
    chosen
        .iter()
        .enumerate()
        .map(|(i, (idx, shown, titel, nummer))| {
            let end = starts.get(i + 1).copied().unwrap_or(doc.blocks.len());
            let tekst: Vec<String> = units(doc, (idx + 1)..end, &[])
                .into_iter()
                .map(|u| strip_placeholders(&u.text))
                .filter(|t| !t.is_empty())
                .collect();
            let bron = match shown {
                Some(n) => format!("{file} §{n}"),
                None => format!("{file} '{titel}'"),
            };
            Sectie {
                nummer: *nummer,
                titel: titel.clone(),
                tekst: tekst.join("\n"),
                bron,
            }
        })
        .collect()
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

    #[test]
    fn zorg_en_zekerheid_2018_is_recognised_and_mapped() {
        let d = doc(vec![
            p("Wijkplan 2019 Wijksamenwerkingsverband Voorburg-West (Zorg en Zekerheid)"),
            h(Some("1"), "Huidige situatie"),
            h(Some("1.1"), "Partijen in de wijk"),
            p("Huisartsenzorg"),
            table(vec![
                srow(&[
                    "AGB-code Huisartsenpraktijk",
                    "Naam Huisartsenpraktijk",
                    "Aantal fte huisartsen",
                ]),
                srow(&["01012345", "Huisartsenpraktijk Voorburg", "2,4"]),
                srow(&["", "", ""]),
            ]),
            p("Paramedische zorg"),
            table(vec![
                srow(&[
                    "AGB-code Praktijk",
                    "Naam praktijk",
                    "Discipline",
                    "Aantal fte paramedici",
                ]),
                srow(&["04011111", "Fysio Voorburg", "fysiotherapie", "3"]),
            ]),
            h(Some("1.2"), "Samenwerking in de wijk"),
            p("We werken al tien jaar samen onder één dak."),
            h(Some("2"), "Beschrijving wijk- en patiëntenpopulatie"),
            p("Veel ouderen."),
            h(Some("3"), "Gewenste situatie: visie en doelen"),
            p("Een gezonde wijk."),
            h(Some("4"), "Plan van Aanpak en resultaten 2019 (en verder)"),
            h(
                Some("5"),
                "Organisatiebeschrijving wijksamenwerkingsverband",
            ),
        ]);
        assert_eq!(detect(&d), Sjabloon::ZorgEnZekerheid2018);
        let m = map_document(&d, "voorburg.pdf");
        let w = &m.value;
        assert_eq!(w.sjabloon, Sjabloon::ZorgEnZekerheid2018);
        let secties: Vec<(u32, &str, &str)> = w
            .secties
            .iter()
            .map(|s| (s.nummer, s.titel.as_str(), s.bron.as_str()))
            .collect();
        assert_eq!(
            secties,
            vec![
                (2, "Huidige situatie", "voorburg.pdf §1"),
                (
                    0,
                    "Beschrijving wijk- en patiëntenpopulatie",
                    "voorburg.pdf §2"
                ),
                (3, "Gewenste situatie: visie en doelen", "voorburg.pdf §3"),
                (
                    4,
                    "Plan van Aanpak en resultaten 2019 (en verder)",
                    "voorburg.pdf §4"
                ),
                (
                    0,
                    "Organisatiebeschrijving wijksamenwerkingsverband",
                    "voorburg.pdf §5"
                ),
            ]
        );
        assert!(w.secties[0]
            .tekst
            .contains("We werken al tien jaar samen onder één dak."));
        assert_eq!(w.secties[1].tekst, "Veel ouderen.");
        assert_eq!(
            w.velden.kernteamleden.waarde.as_deref(),
            Some("Huisartsenzorg: 01012345, Huisartsenpraktijk Voorburg, 2,4\nParamedische zorg: 04011111, Fysio Voorburg, fysiotherapie, 3")
        );
        assert_eq!(
            w.kerndisciplines,
            vec![Discipline::Huisarts, Discipline::Paramedici]
        );
        assert_eq!(m.findings.len(), 1);
        assert_eq!(m.findings[0].code, Code::ANDER_SJABLOON);
        assert!(m.findings[0].bericht.contains("Zorg en Zekerheid"));
    }

    #[test]
    fn unknown_structure_keeps_its_headings() {
        let d = doc(vec![
            bold("Inleiding"),
            p("Dit is ons plan."),
            h(None, "Onze wijk nu"),
            p("Veel jonge gezinnen."),
            h(Some("3"), "Monitoring"),
            p("Twee keer per jaar."),
        ]);
        let m = map_document(&d, "plan.docx");
        assert_eq!(m.value.sjabloon, Sjabloon::Onbekend);
        let secties: Vec<(u32, &str, &str, &str)> = m
            .value
            .secties
            .iter()
            .map(|s| {
                (
                    s.nummer,
                    s.titel.as_str(),
                    s.tekst.as_str(),
                    s.bron.as_str(),
                )
            })
            .collect();
        assert_eq!(
            secties,
            vec![
                (0, "Inleiding", "Dit is ons plan.", "plan.docx 'Inleiding'"),
                (
                    0,
                    "Onze wijk nu",
                    "Veel jonge gezinnen.",
                    "plan.docx 'Onze wijk nu'"
                ),
                (8, "Monitoring", "Twee keer per jaar.", "plan.docx §3"),
            ]
        );
        assert_eq!(m.findings.len(), 1);
        assert_eq!(m.findings[0].bericht, "Het wijkplan volgt geen bekend sjabloon; alleen de koppen en hun tekst zijn overgenomen.");
    }
}
