//! What the mappers of the other structures share (`zz2018.rs`, `medrie.rs`, `onbekend.rs`):
//! chapters found by their headings, the document as lines with their `bron`, labelled lines
//! ("Datum: 14 september 2018"), and the front matter of a plan (name, date, contact people,
//! place) that these structures state in no fixed field.
//!
//! A plan in another structure has no §1 table, so its fields come from labelled lines and titles
//! wherever the WSV put them; the `bron` of each says which line, in the same style as the full
//! text (`Wijkplan.docx alinea 3`, `Wijkplan.docx §2 alinea 1`, `… tabel 1 rij 2 kolom 2`), so a
//! value is one step from its source.

use super::disciplines::kerndisciplines;
use super::similarity::title_score;
use super::sjabloon_haaglanden::{SectieSoort, HAAGLANDEN_2025};
use super::{heading_candidates, strip_placeholders, units};
use crate::domain::{Sectie, Sjabloon, Thema, Veld, Velden, Wijkplan};
use crate::model::{Block, Document};
use crate::text;

pub(crate) fn plan(
    sjabloon: Sjabloon,
    velden: Velden,
    secties: Vec<Sectie>,
    themas: Vec<Thema>,
) -> Wijkplan {
    let kern = kerndisciplines(velden.kernteamleden.waarde.as_deref().unwrap_or(""));
    Wijkplan {
        sjabloon,
        velden,
        kerndisciplines: kern,
        secties,
        themas,
        checklist: Vec::new(),
        vingerafdruk: String::new(),
        begroting: None,
    }
}

/// Fields that this structure does not have: no value, provenance the file itself.
pub(crate) fn empty_velden(file: &str) -> Velden {
    let mut v = Velden::default();
    for f in v.all_mut() {
        f.bron = file.to_string();
    }
    v
}

/// A chapter opened by a heading: its heading block, the block that ends it (the next chapter's
/// heading or the end), the number the document shows, its title, and the RESV section number it
/// corresponds to (0: none).
#[derive(Debug, Clone)]
pub(crate) struct Hoofdstuk {
    pub start: usize,
    pub end: usize,
    pub shown: Option<u32>,
    pub titel: String,
    pub nummer: u32,
}

/// Chapters opened by headings. With `titles`, only headings matching one of them (each gets its
/// mapped number); without, every real heading or bold paragraph, numbered by the RESV section
/// whose title it resembles, else 0.
pub(crate) fn hoofdstukken(doc: &Document, titles: Option<&[(&str, u32)]>) -> Vec<Hoofdstuk> {
    let cands = heading_candidates(doc);
    let mut chosen: Vec<(usize, Option<u32>, String, u32)> = Vec::new();
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
        .into_iter()
        .enumerate()
        .map(|(i, (start, shown, titel, nummer))| Hoofdstuk {
            start,
            end: starts.get(i + 1).copied().unwrap_or(doc.blocks.len()),
            shown,
            titel,
            nummer,
        })
        .collect()
}

/// The chapters as sections: the WSV's text under each heading, placeholders out.
pub(crate) fn secties(doc: &Document, file: &str, chapters: &[Hoofdstuk]) -> Vec<Sectie> {
    chapters
        .iter()
        .map(|h| {
            let tekst: Vec<String> = units(doc, (h.start + 1)..h.end, &[])
                .into_iter()
                .map(|u| strip_placeholders(&u.text))
                .filter(|t| !t.is_empty())
                .collect();
            let bron = match h.shown {
                Some(n) => format!("{file} §{n}"),
                None => format!("{file} '{}'", h.titel),
            };
            Sectie {
                nummer: h.nummer,
                titel: h.titel.clone(),
                tekst: tekst.join("\n"),
                bron,
            }
        })
        .collect()
}

/// One line of the document with where it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lijn {
    pub tekst: String,
    /// As in the full text: `plan.docx §2 alinea 3`, `plan.docx tabel 1 rij 2 kolom 2`.
    pub bron: String,
    /// The top-level block the line is in.
    pub blok: usize,
    /// Outline level when the line is a heading (a real one or a short bold paragraph).
    pub kop: Option<u8>,
}

/// Most words a bold paragraph may have to count as a heading line.
const MAX_KOP_WORDS: usize = 12;

/// Every line in reading order, addressed like `tekst::from_document`: paragraphs split at line
/// breaks, table cells one by one, except that a row of exactly two filled cells becomes one
/// line "label: value" (a label/value table reads like labelled lines), with the value's `bron`.
pub(crate) fn lijnen(doc: &Document, file: &str) -> Vec<Lijn> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut paragraphs = 0usize;
    let mut tables = 0usize;
    for (blok, b) in doc.blocks.iter().enumerate() {
        let prefix = if section.is_empty() {
            file.to_string()
        } else {
            format!("{file} {section}")
        };
        match b {
            Block::Heading(h) => {
                section = match &h.number {
                    Some(n) => format!("§{n}"),
                    None => {
                        let t: String = h.text.chars().take(40).collect();
                        format!("'{}'", t.replace('\'', "’"))
                    }
                };
                paragraphs = 0;
                tables = 0;
                let level = h
                    .number
                    .as_deref()
                    .map(|n| n.trim_end_matches('.').split('.').count() as u8)
                    .unwrap_or(h.level)
                    .max(1);
                out.push(Lijn {
                    tekst: h.text.trim().to_string(),
                    bron: format!("{file} {section}"),
                    blok,
                    kop: Some(level),
                });
            }
            Block::Paragraph(p) => {
                paragraphs += 1;
                let bron = format!("{prefix} alinea {paragraphs}");
                let kop = (p.bold
                    && !p.text.contains('\n')
                    && p.text.split_whitespace().count() <= MAX_KOP_WORDS)
                    .then(|| kop_level(&p.text));
                for l in p.text.split('\n') {
                    out.push(Lijn {
                        tekst: l.trim().to_string(),
                        bron: bron.clone(),
                        blok,
                        kop,
                    });
                }
            }
            Block::Table(t) => {
                tables += 1;
                let label = format!("{prefix} tabel {tables}");
                for (ri, row) in t.rows.iter().enumerate() {
                    let filled: Vec<(usize, String)> = row
                        .cells
                        .iter()
                        .map(|c| (c.col, c.text().trim().to_string()))
                        .filter(|(_, t)| !t.is_empty())
                        .collect();
                    let cell_bron =
                        |col: usize| format!("{label} rij {} kolom {}", ri + 1, col + 1);
                    if let [(_, l), (vc, v)] = filled.as_slice() {
                        if !l.contains('\n') && l.split_whitespace().count() <= 6 {
                            let (first, rest) = v.split_once('\n').unwrap_or((v, ""));
                            out.push(Lijn {
                                tekst: format!("{}: {}", l.trim_end_matches(':'), first.trim()),
                                bron: cell_bron(*vc),
                                blok,
                                kop: None,
                            });
                            for r in rest.split('\n') {
                                out.push(Lijn {
                                    tekst: r.trim().to_string(),
                                    bron: cell_bron(*vc),
                                    blok,
                                    kop: None,
                                });
                            }
                            continue;
                        }
                    }
                    for (col, t) in filled {
                        for l in t.split('\n') {
                            out.push(Lijn {
                                tekst: l.trim().to_string(),
                                bron: cell_bron(col),
                                blok,
                                kop: None,
                            });
                        }
                    }
                }
            }
        }
    }
    out.retain(|l| !l.tekst.is_empty());
    out
}

/// The outline level of a bold heading line by its number: "4.3 …" is 2, "4 …" and "…" are 1.
fn kop_level(t: &str) -> u8 {
    let number: String = t
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if number.chars().any(|c| c.is_ascii_digit()) {
        number.trim_end_matches('.').split('.').count() as u8
    } else {
        1
    }
}

/// A labelled line: "Datum: 14 september 2018" → ("datum", "14 september 2018"). The label has at
/// most five words; the value may be empty (the value follows on the next lines).
pub(crate) fn label_value(t: &str) -> Option<(String, String)> {
    let (l, v) = t.split_once(':')?;
    let l = text::norm(l);
    if l.is_empty() || l.split(' ').count() > 5 {
        return None;
    }
    Some((l, strip_placeholders(v)))
}

/// Labels of the WSV's name, date, contact people and place, as WSVs write them.
const NAAM_LABELS: &[&str] = &[
    "naam wijksamenwerkingsverband",
    "naam van het wijksamenwerkingsverband",
    "naam samenwerkingsverband",
    "wijksamenwerkingsverband",
    "samenwerkingsverband",
    "naam wsv",
    "wsv",
    "wijk wsv",
    "naam",
];
const VERSIE_LABELS: &[&str] = &["versie", "versienummer"];
const DATUM_LABELS: &[&str] = &[
    "datum",
    "versie datum",
    "versiedatum",
    "datum versie",
    "versie en datum",
    "vastgesteld",
    "vastgesteld op",
    "datum vaststelling",
];
const CONTACT_LABELS: &[&str] = &[
    "contactpersoon",
    "contactpersonen",
    "contact",
    "contactpersoon wijkplan",
    "contactpersonen wijkplan",
    "contactgegevens",
    "wijkcoordinator",
    "coordinator",
];
const PLAATS_LABELS: &[&str] = &[
    "gemeente",
    "stadsdeel",
    "gemeente stadsdeel",
    "plaats",
    "wijk",
    "wijken",
    "werkgebied",
];

/// The name, date, contact people and place a plan states in labelled lines or its title.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Voorblad {
    pub naam: Veld,
    pub versie_datum: Veld,
    pub contact: Veld,
    pub plaats: Veld,
}

/// Read the front matter from `lines`: labelled lines first; failing a labelled name, a title
/// line that names the WSV ("Wijkplan 2019 Wijksamenwerkingsverband Voorburg-West"). A label
/// with an empty value takes the next unlabelled line.
pub(crate) fn voorblad(lines: &[Lijn]) -> Voorblad {
    let mut v = Voorblad::default();
    let mut versie: Option<(String, String)> = None;
    let mut datum: Option<(String, String)> = None;
    let set = |veld: &mut Veld, waarde: String, bron: &str| {
        if veld.waarde.is_none() && !waarde.is_empty() && !is_onbekend(&waarde) {
            *veld = Veld {
                waarde: Some(waarde),
                bron: bron.to_string(),
            };
        }
    };
    for (i, l) in lines.iter().enumerate() {
        let Some((label, mut value)) = label_value(&l.tekst) else {
            continue;
        };
        let mut bron = l.bron.clone();
        if value.is_empty() {
            if let Some(next) = lines.get(i + 1).filter(|n| label_value(&n.tekst).is_none()) {
                value = strip_placeholders(&next.tekst);
                bron = next.bron.clone();
            }
        }
        let is = |list: &[&str]| list.contains(&label.as_str());
        if is(NAAM_LABELS) {
            set(&mut v.naam, value, &bron);
        } else if is(VERSIE_LABELS) {
            versie = versie.or(Some((value, bron)));
        } else if is(DATUM_LABELS) {
            datum = datum.or(Some((value, bron)));
        } else if is(CONTACT_LABELS) {
            set(&mut v.contact, value, &bron);
        } else if is(PLAATS_LABELS) {
            set(&mut v.plaats, value, &bron);
        }
    }
    let versie = versie.filter(|(w, _)| !w.is_empty() && !is_onbekend(w));
    let datum = datum.filter(|(w, _)| !w.is_empty() && !is_onbekend(w));
    v.versie_datum = match (versie, datum) {
        (Some((ve, b)), Some((d, _))) => Veld {
            waarde: Some(format!("{}, {d}", versie_text(&ve))),
            bron: b,
        },
        (Some((ve, b)), None) => Veld {
            waarde: Some(versie_text(&ve)),
            bron: b,
        },
        (None, Some((d, b))) => Veld {
            waarde: Some(d),
            bron: b,
        },
        (None, None) => Veld::default(),
    };
    if v.naam.waarde.is_none() {
        if let Some((naam, bron)) = lines.iter().find_map(|l| {
            let n = naam_in_titel(&l.tekst)?;
            Some((n, l.bron.clone()))
        }) {
            v.naam = Veld {
                waarde: Some(naam),
                bron,
            };
        }
    }
    v
}

/// Values that say the WSV does not know yet ("Wijk/WSV: nog niet bekend"): no value at all, so
/// such a draft is not taken for a WSV called "nog niet bekend".
const ONBEKEND: &[&str] = &[
    "nog niet bekend",
    "niet bekend",
    "onbekend",
    "nog onbekend",
    "n t b",
    "ntb",
    "nog te bepalen",
    "volgt",
    "volgt nog",
    "n v t",
    "nvt",
    "nog in te vullen",
];

fn is_onbekend(v: &str) -> bool {
    ONBEKEND.contains(&text::norm(v).as_str())
}

/// "Versie: 2" reads as a bare number: say it is a version.
fn versie_text(v: &str) -> String {
    if text::norm(v).starts_with('v') {
        v.to_string()
    } else {
        format!("versie {v}")
    }
}

/// Words that end a name in a title: "… Voorburg-West 2019", "… Mariahoeve (concept)".
const TITEL_STOP: &[&str] = &["wijkplan", "jaarplan", "concept", "definitief", "versie"];

/// The WSV named in a title line of at most ten words: the words after "Wijksamenwerkingsverband"
/// or "WSV", up to a year, a bracket or a dash clause.
pub(crate) fn naam_in_titel(t: &str) -> Option<String> {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() > 10 || t.contains(':') {
        return None;
    }
    let at = words.iter().position(|w| {
        matches!(
            text::norm(w).as_str(),
            "wijksamenwerkingsverband" | "wsv" | "samenwerkingsverband"
        )
    })?;
    let mut name: Vec<&str> = Vec::new();
    for w in words.iter().skip(at + 1) {
        let n = text::norm(w);
        if w.starts_with('(')
            || *w == "–"
            || *w == "-"
            || TITEL_STOP.contains(&n.as_str())
            || (n.len() == 4 && n.chars().all(|c| c.is_ascii_digit()))
        {
            break;
        }
        name.push(w);
    }
    let name = name
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (!name.is_empty()).then_some(name)
}

/// Every line of text in reading order: paragraphs split at line breaks, table cells in order.
pub(crate) fn flatten_lines(blocks: &[Block], out: &mut Vec<String>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_names_the_wsv() {
        assert_eq!(
            naam_in_titel("Wijkplan 2019 Wijksamenwerkingsverband Voorburg-West").as_deref(),
            Some("Voorburg-West")
        );
        assert_eq!(
            naam_in_titel("Wijkplan WSV Mariahoeve (concept)").as_deref(),
            Some("Mariahoeve")
        );
        assert_eq!(naam_in_titel("Inleiding"), None);
        assert_eq!(
            naam_in_titel("Het wijksamenwerkingsverband is opgericht in 2016 door drie huisartsen en de apotheek"),
            None
        );
    }

    #[test]
    fn labelled_lines_give_date_and_contact() {
        let l = |t: &str, b: &str| Lijn {
            tekst: t.into(),
            bron: b.into(),
            blok: 0,
            kop: None,
        };
        let v = voorblad(&[
            l(
                "Wijkplan 2019 Wijksamenwerkingsverband Voorburg-West",
                "p alinea 1",
            ),
            l("Versie: 1.2", "p alinea 2"),
            l("Datum: 14 september 2018", "p alinea 3"),
            l("Contactpersonen:", "p alinea 4"),
            l("M. de Wit (wijkcoördinator), 070-1234567", "p alinea 5"),
        ]);
        assert_eq!(v.naam.waarde.as_deref(), Some("Voorburg-West"));
        assert_eq!(v.naam.bron, "p alinea 1");
        assert_eq!(
            v.versie_datum.waarde.as_deref(),
            Some("versie 1.2, 14 september 2018")
        );
        assert_eq!(
            v.contact.waarde.as_deref(),
            Some("M. de Wit (wijkcoördinator), 070-1234567")
        );
        assert_eq!(v.contact.bron, "p alinea 5");
        // A draft that does not know its name yet names no WSV.
        let v = voorblad(&[l("Wijk/WSV: nog niet bekend", "p alinea 1")]);
        assert_eq!(v.naam, Veld::default());
    }
}
