//! Wijkplannen written along the Zorg en Zekerheid *Handreiking wijkplan* (31 juli 2018, seed
//! 002): chapters 1 Huidige situatie (1.1 Partijen in de wijk with the AGB-code tables, 1.2
//! Samenwerking in de wijk), 2 Beschrijving wijk- en patiëntenpopulatie, 3 Gewenste situatie:
//! visie en doelen, 4 Plan van Aanpak en resultaten (per subject a Doelstelling, Activiteit and
//! Resultaat; 4.3 Benodigde investeringen en begroting) and 5 Organisatiebeschrijving.
//!
//! What the handreiking has no field for is read where WSVs put it:
//! - the WSV's name, version/date and contact people from labelled lines or the title before
//!   chapter 1 ([`super::oud::voorblad`]);
//! - themes from chapter 4: a line naming the subject followed by "Doelstelling:", "Activiteit:"
//!   and "Resultaat:" lines (as in the handreiking's own examples), or a table with those columns;
//!   numbered 1, 2, … in the plan's order, each keeping its own name;
//! - disciplines from the party tables of 1.1: these list the partners in the wijk, not a named
//!   kernteam, and the `bron` of the kernteam value says so;
//! - the place from chapter 2 ("Definieer uw wijk"): a labelled line (Werkgebied:, Wijken:) or
//!   the first sentence that says what the wijk is; the audit places it like a §1 field.
//!
//! Chapters get the RESV sjabloon's number where the content corresponds (Huidige situatie is
//! section 2, the visie section 3, the Plan van Aanpak section 4), else 0.

use super::oud::{self, label_value, lijnen, Hoofdstuk, Lijn};
use super::{cell_value, strip_placeholders};
use crate::domain::{Code, Finding, Mapped, Sjabloon, Thema, Veld, Wijkplan};
use crate::model::{Block, Document};
use crate::text;

/// Normalised phrases characteristic of the Zorg en Zekerheid handreiking (2018).
pub const KENMERKEN: &[&str] = &[
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

/// Chapter 2, where the handreiking asks the WSV to define its wijk (and its inhabitants).
pub const HOOFDSTUK_WIJK: &str = "Beschrijving wijk- en patiëntenpopulatie";

/// The chapters and the RESV sjabloon section each corresponds to (0: none).
const HOOFDSTUKKEN: &[(&str, u32)] = &[
    ("Huidige situatie", 2),
    (HOOFDSTUK_WIJK, 0),
    ("Gewenste situatie: visie en doelen", 3),
    ("Plan van Aanpak en resultaten", 4),
    ("Organisatiebeschrijving wijksamenwerkingsverband", 0),
];

/// Provenance note of the kernteam value: the party tables name partners, not a kernteam.
const PARTNERS: &str =
    "(partijtabellen van 1.1 Partijen in de wijk: partners in de wijk, geen benoemd kernteam)";

pub fn map(doc: &Document, file: &str) -> Mapped<Wijkplan> {
    let chapters = oud::hoofdstukken(doc, Some(HOOFDSTUKKEN));
    let secties = oud::secties(doc, file, &chapters);
    let lines = lijnen(doc, file);
    let chapter = |titel: &str| chapters.iter().find(|h| h.titel.starts_with(titel));
    let in_chapter = |h: Option<&Hoofdstuk>| -> Vec<Lijn> {
        h.map(|h| {
            lines
                .iter()
                .filter(|l| l.blok > h.start && l.blok < h.end)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
    };
    // The front matter: everything before chapter 1 (the whole plan when no chapter was found).
    let first = chapters.first().map_or(doc.blocks.len(), |h| h.start);
    let front: Vec<Lijn> = lines.iter().filter(|l| l.blok < first).cloned().collect();
    let vb = oud::voorblad(&front);

    let mut velden = oud::empty_velden(file);
    if vb.naam.waarde.is_some() {
        velden.wijk_wsv = vb.naam;
    }
    if vb.versie_datum.waarde.is_some() {
        velden.versie_datum = vb.versie_datum;
    }
    if vb.contact.waarde.is_some() {
        velden.aanspreekpunt_resv = vb.contact;
    }
    let wijk = chapters.iter().find(|h| {
        h.titel.to_lowercase().contains("wijk- en pati")
            || h.titel.to_lowercase().contains("populatie")
    });
    let plaats = vb
        .plaats
        .waarde
        .is_some()
        .then_some(vb.plaats)
        .or_else(|| plaats_in(&in_chapter(wijk)));
    if let Some(p) = plaats {
        velden.gemeente_stadsdeel = p;
    }
    let partijen = agb_lines(doc);
    if !partijen.is_empty() {
        velden.kernteamleden = Veld {
            waarde: Some(partijen.join("\n")),
            bron: format!("{file} §1.1 {PARTNERS}"),
        };
    }
    let aanpak = chapter("Plan van").or_else(|| chapters.iter().find(|h| h.nummer == 4));
    let themas = themas(&in_chapter(aanpak), doc, aanpak, file);
    let finding = Finding::new(
        Code::ANDER_SJABLOON,
        "Het wijkplan volgt de Zorg en Zekerheid-handreiking wijkplan (2018), niet het RESV-sjabloon 2025–2026; naam, datum, contactpersonen, hoofdstukken, thema’s (doelstelling, activiteit, resultaat), partijen en werkgebied zijn overgenomen waar het plan ze noemt.",
        file,
    );
    Mapped {
        value: oud::plan(Sjabloon::ZorgEnZekerheid2018, velden, secties, themas),
        findings: vec![finding],
    }
}

/// Words that say a sentence defines the WSV's area.
const GEBIED_WOORDEN: &[&str] = &[
    "werkgebied",
    "omvat",
    "beslaat",
    "bestrijkt",
    "bestaat uit",
    "ligt in",
    "de wijken",
    "onze wijk",
];

/// The place the WSV states in chapter 2: a labelled line (Werkgebied:, Wijk(en):, Stadsdeel:,
/// Gemeente:), else the first sentence that says what the area is.
fn plaats_in(lines: &[Lijn]) -> Option<Veld> {
    for l in lines {
        if let Some((label, value)) = label_value(&l.tekst) {
            if matches!(
                label.as_str(),
                "werkgebied" | "wijk" | "wijken" | "stadsdeel" | "gemeente" | "gemeente stadsdeel"
            ) && !value.is_empty()
            {
                return Some(Veld {
                    waarde: Some(value),
                    bron: l.bron.clone(),
                });
            }
        }
    }
    for l in lines.iter().filter(|l| l.kop.is_none()) {
        for sentence in l.tekst.split_inclusive(". ") {
            let n = format!(" {} ", text::norm(sentence));
            if GEBIED_WOORDEN.iter().any(|w| n.contains(&format!(" {w} "))) {
                return Some(Veld {
                    waarde: Some(sentence.trim().to_string()),
                    bron: l.bron.clone(),
                });
            }
        }
    }
    None
}

/// Which theme column a label fills: 0 doelen, 1 activiteiten, 2 resultaten, 3 middelen,
/// 4 partijen.
fn kolom(label: &str) -> Option<usize> {
    let first = label.split(' ').next().unwrap_or("");
    Some(match first {
        "doelstelling" | "doelstellingen" | "doel" | "doelen" => 0,
        "activiteit" | "activiteiten" | "actie" | "acties" => 1,
        "resultaat" | "resultaten" => 2,
        "benodigde" | "middelen" | "investering" | "investeringen" => 3,
        "betrokken" | "partners" | "partijen" | "trekker" => 4,
        _ => return None,
    })
}

/// Themes of chapter 4: from a table with Doelstelling/Resultaat columns when there is one, else
/// from labelled lines.
fn themas(lines: &[Lijn], doc: &Document, h: Option<&Hoofdstuk>, file: &str) -> Vec<Thema> {
    if let Some(h) = h {
        let from_table = table_themas(doc, h, lines, file);
        if !from_table.is_empty() {
            return from_table;
        }
    }
    line_themas(lines)
}

/// "Wijksamenwerking" / "Doelstelling: …" / "Activiteit: …" / "Resultaat:" + bullets.
fn line_themas(lines: &[Lijn]) -> Vec<Thema> {
    let mut out: Vec<Thema> = Vec::new();
    // The column being filled of the last theme; `None` after a heading or unrelated text.
    let mut col: Option<usize> = None;
    let label_of = |l: &Lijn| {
        let (label, value) = label_value(&l.tekst)?;
        Some((kolom(&label)?, value))
    };
    let mut pending_name: Option<&Lijn> = None;
    for (i, l) in lines.iter().enumerate() {
        if let Some((k, value)) = label_of(l) {
            let starts_theme = k == 0
                && out
                    .last()
                    .is_none_or(|t| !t.doelen.is_empty() || pending_name.is_some());
            if starts_theme || out.is_empty() {
                let nummer = out.len() as u32 + 1;
                let (naam, bron) = match pending_name.take() {
                    Some(n) => (clean_name(&n.tekst), n.bron.clone()),
                    None => (format!("Thema {nummer}"), l.bron.clone()),
                };
                out.push(Thema {
                    nummer,
                    naam,
                    bron,
                    ..Default::default()
                });
            }
            pending_name = None;
            if let Some(t) = out.last_mut() {
                append(t, k, &value, &l.bron);
            }
            col = Some(k);
            continue;
        }
        // A line right before a "Doelstelling:" line names the next theme.
        let next_is_doel = lines
            .get(i + 1)
            .and_then(&label_of)
            .is_some_and(|(k, _)| k == 0);
        if next_is_doel && l.tekst.split_whitespace().count() <= 10 {
            pending_name = Some(l);
            col = None;
            continue;
        }
        if l.kop.is_some() {
            col = None;
            continue;
        }
        if let (Some(k), Some(t)) = (col, out.last_mut()) {
            let value = strip_placeholders(&l.tekst);
            append(t, k, &value, &l.bron);
        }
    }
    out
}

/// "Onderwerp 1: Wijksamenwerking" → "Wijksamenwerking"; bullets and numbers off.
fn clean_name(t: &str) -> String {
    // Bullets as Word writes them: •, –, the Symbol-font bullet, and "o" for a second level.
    let t = t
        .trim()
        .trim_start_matches(['•', '-', '–', '*', '\u{f0b7}'])
        .trim();
    let t = t.strip_prefix("o ").unwrap_or(t).trim();
    let t = match t.split_once(':') {
        Some((l, rest)) if !rest.trim().is_empty() && l.split_whitespace().count() <= 3 => rest,
        _ => t,
    };
    super::split_leading_number(t)
        .map(|(_, rest)| rest.to_string())
        .unwrap_or_else(|| t.trim().to_string())
}

fn append(t: &mut Thema, k: usize, value: &str, bron: &str) {
    if value.is_empty() {
        return;
    }
    let field = match k {
        0 => &mut t.doelen,
        1 => &mut t.activiteiten,
        2 => &mut t.resultaten,
        3 => &mut t.middelen,
        _ => &mut t.partijen,
    };
    if field.is_empty() {
        if let Some(b) = t.cel_bronnen.get_mut(k) {
            *b = bron.to_string();
        }
    } else {
        field.push('\n');
    }
    field.push_str(value);
}

/// A table in chapter 4 whose header has a Doelstelling and a Resultaat column: one theme per
/// row, named by its first column.
fn table_themas(doc: &Document, h: &Hoofdstuk, lines: &[Lijn], file: &str) -> Vec<Thema> {
    let mut out = Vec::new();
    for idx in (h.start + 1)..h.end {
        let Some(Block::Table(t)) = doc.blocks.get(idx) else {
            continue;
        };
        let Some(header) = t.rows.first() else {
            continue;
        };
        let cols: Vec<(usize, Option<usize>)> = header
            .cells
            .iter()
            .map(|c| (c.col, kolom(&text::norm(&c.text()))))
            .collect();
        if !cols.iter().any(|(_, k)| *k == Some(0)) || !cols.iter().any(|(_, k)| *k == Some(2)) {
            continue;
        }
        // The table's address as `lijnen` gives it, from any of its lines.
        let label = lines
            .iter()
            .find(|l| l.blok == idx)
            .and_then(|l| l.bron.split(" rij ").next().map(str::to_string))
            .unwrap_or_else(|| file.to_string());
        for (ri, row) in t.rows.iter().enumerate().skip(1) {
            let nummer = out.len() as u32 + 1;
            let mut th = Thema {
                nummer,
                bron: format!("{label} rij {}", ri + 1),
                ..Default::default()
            };
            for c in &row.cells {
                let value = cell_value(c);
                let bron = format!("{label} rij {} kolom {}", ri + 1, c.col + 1);
                match cols
                    .iter()
                    .find(|(col, _)| *col == c.col)
                    .and_then(|(_, k)| *k)
                {
                    Some(k) => append(&mut th, k, &value, &bron),
                    None if th.naam.is_empty() => th.naam = clean_name(&value),
                    None => {}
                }
            }
            if th.naam.is_empty() {
                th.naam = format!("Thema {nummer}");
            }
            if th.has_content() || !th.naam.is_empty() {
                out.push(th);
            }
        }
    }
    out
}

/// Filled rows of the party tables of 1.1, each prefixed with the table's category.
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
            let cells = super::row_values(r);
            if !cells.is_empty() {
                out.push(format!("{category}: {}", cells.join(", ")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testdoc::*;
    use super::super::{detect, map_document};
    use super::*;
    use crate::domain::Discipline;

    #[test]
    fn zorg_en_zekerheid_2018_is_recognised_and_mapped() {
        let d =
            doc(vec![
            p("Wijkplan 2019 Wijksamenwerkingsverband Voorburg-West (Zorg en Zekerheid)"),
            p("Datum: 12 september 2018"),
            p("Contactpersoon: J. Bakker, wijkcoördinator"),
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
            p("Veel ouderen. Ons werkgebied is de wijk Voorburg-West in Leidschendam-Voorburg."),
            h(Some("3"), "Gewenste situatie: visie en doelen"),
            p("Een gezonde wijk."),
            h(Some("4"), "Plan van Aanpak en resultaten 2019 (en verder)"),
            h(Some("4.1"), "Plan van aanpak"),
            p("Wijksamenwerking"),
            p("Doelstelling: elkaar leren kennen."),
            p("Activiteit: twee netwerkbijeenkomsten."),
            p("Resultaat:"),
            p("Een sociale kaart."),
            p("Chronische zorg"),
            p("Doelstelling: betere COPD-zorg."),
            p("Resultaat: 80% heeft een zorgplan."),
            h(Some("5"), "Organisatiebeschrijving wijksamenwerkingsverband"),
        ]);
        assert_eq!(detect(&d), Sjabloon::ZorgEnZekerheid2018);
        let m = map_document(&d, "voorburg.pdf");
        let w = &m.value;
        assert_eq!(w.sjabloon, Sjabloon::ZorgEnZekerheid2018);
        assert_eq!(w.velden.wijk_wsv.waarde.as_deref(), Some("Voorburg-West"));
        assert_eq!(w.velden.wijk_wsv.bron, "voorburg.pdf alinea 1");
        assert_eq!(
            w.velden.versie_datum.waarde.as_deref(),
            Some("12 september 2018")
        );
        assert_eq!(
            w.velden.aanspreekpunt_resv.waarde.as_deref(),
            Some("J. Bakker, wijkcoördinator")
        );
        assert_eq!(
            w.velden.gemeente_stadsdeel.waarde.as_deref(),
            Some("Ons werkgebied is de wijk Voorburg-West in Leidschendam-Voorburg.")
        );
        assert_eq!(w.velden.gemeente_stadsdeel.bron, "voorburg.pdf §2 alinea 1");
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
        assert_eq!(
            w.velden.kernteamleden.waarde.as_deref(),
            Some("Huisartsenzorg: 01012345, Huisartsenpraktijk Voorburg, 2,4\nParamedische zorg: 04011111, Fysio Voorburg, fysiotherapie, 3")
        );
        assert!(w
            .velden
            .kernteamleden
            .bron
            .contains("geen benoemd kernteam"));
        assert_eq!(
            w.kerndisciplines,
            vec![Discipline::Huisarts, Discipline::Paramedici]
        );
        let themas: Vec<(u32, &str, &str, &str, &str)> = w
            .themas
            .iter()
            .map(|t| {
                (
                    t.nummer,
                    t.naam.as_str(),
                    t.doelen.as_str(),
                    t.activiteiten.as_str(),
                    t.resultaten.as_str(),
                )
            })
            .collect();
        assert_eq!(
            themas,
            vec![
                (
                    1,
                    "Wijksamenwerking",
                    "elkaar leren kennen.",
                    "twee netwerkbijeenkomsten.",
                    "Een sociale kaart."
                ),
                (
                    2,
                    "Chronische zorg",
                    "betere COPD-zorg.",
                    "",
                    "80% heeft een zorgplan."
                ),
            ]
        );
        assert_eq!(w.themas[0].cel_bronnen[2], "voorburg.pdf §4.1 alinea 5");
        assert_eq!(m.findings.len(), 1);
        assert_eq!(m.findings[0].code, Code::ANDER_SJABLOON);
        assert!(m.findings[0].bericht.contains("Zorg en Zekerheid"));
    }
}
