//! What a document is — wijkplan, samenwerkingsovereenkomst or another attachment — decided from
//! what it says, never from its file name alone.
//!
//! Why: staff save every attachment of a WSV's mail into the batch. A signed agreement named
//! "Wijkplan WSV Laak definitief (getekend).pdf" must not become the newest version of the plan,
//! and a wijkanalyse must not count as a plan that happens to have no themes. The name is used only
//! where the content cannot speak: a scan without text, an empty document.
//!
//! The decision, in order:
//! 1. a document that follows a known plan template (`template::detect`) is a wijkplan;
//! 2. a document whose title or opening names an agreement, or that reads like one (parties,
//!    "ondergetekenden", articles, signatures), is a samenwerkingsovereenkomst;
//! 3. a document whose title says it is an analysis, letter, minutes or annex is a bijlage;
//! 4. a document that reads like a plan (its title says plan, or it has the plan's vocabulary:
//!    doelen, activiteiten, kernteam, thema's, …) is a wijkplan in an unknown template;
//! 5. anything else with text is a bijlage; a document without text takes its role from its name.

use crate::domain::Sjabloon;
use crate::model::{Block, Document};
use crate::snapshot::{Bijlage, Rol};
use crate::template::similarity::contains_phrase;
use crate::text::norm;
use regex::Regex;
use std::sync::LazyLock;

/// Words that make a document an agreement. Normalised (see `text::norm`).
const OVEREENKOMST_KENMERKEN: [&str; 14] = [
    "samenwerkingsovereenkomst",
    "overeenkomst",
    "ondergetekenden",
    "ondergetekende",
    "partijen",
    "komen overeen",
    "verklaren",
    "artikel 1",
    "artikel 2",
    "handtekening",
    "ondertekening",
    "aldus overeengekomen",
    "in tweevoud",
    "opzegging",
];
/// Phrases found before an agreement counts as one by its body alone (its title decides sooner).
const MIN_OVEREENKOMST: usize = 4;

/// Title words of documents that are attachments, not plans.
const BIJLAGE_TITELS: [&str; 12] = [
    "wijkanalyse",
    "analyse",
    "wijkscan",
    "wijkprofiel",
    "brief",
    "notulen",
    "verslag",
    "bijlage",
    "presentatie",
    "factuur",
    "offerte",
    "uitnodiging",
];

/// Vocabulary of a plan in any template.
const PLAN_KENMERKEN: [&str; 10] = [
    "wijkplan",
    "doelen",
    "doelstelling",
    "activiteiten",
    "kernteam",
    "kerngroep",
    "thema",
    "ambitie",
    "resultaten",
    "monitoring",
];
const MIN_PLAN: usize = 4;

/// How many of the first blocks count as the document's opening (title, WSV name).
const OPENING_BLOCKS: usize = 12;

// Compiled once; `ok()` because a literal that fails to compile must not panic a run. Only the
// prefix ignores case: the name itself is a run of capitalised words, which is where it ends.
static WSV_NAAM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:(?i:wsv)|(?i:wijksamenwerkingsverband))\b\s*[:\-–]?\s*((?:\p{Lu}[\p{L}'\-/]*)(?:(?:\s*,\s*|\s+(?:en|de|&)\s+|[\s\-/]+)\p{Lu}[\p{L}'\-/]*){0,4})",
    )
    .ok()
});

/// The role of a readable document. `sjabloon` is what `template::detect` found.
pub fn rol(doc: &Document, sjabloon: Sjabloon, file: &str) -> Rol {
    if sjabloon != Sjabloon::Onbekend {
        return Rol::Wijkplan;
    }
    let lines = opening_and_body(doc);
    let titel = lines.first().map(String::as_str).unwrap_or("");
    let opening = format!(
        " {} ",
        lines
            .iter()
            .take(OPENING_BLOCKS)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    );
    let body = format!(" {} ", lines.join(" "));
    if body.trim().is_empty() {
        return rol_from_name(file).unwrap_or(Rol::Bijlage);
    }
    let overeenkomst = OVEREENKOMST_KENMERKEN
        .iter()
        .filter(|k| contains_phrase(&body, k))
        .count();
    let names_agreement = contains_phrase(titel, "samenwerkingsovereenkomst")
        || contains_phrase(titel, "overeenkomst")
        || contains_phrase(&opening, "samenwerkingsovereenkomst");
    if names_agreement || overeenkomst >= MIN_OVEREENKOMST {
        return Rol::Samenwerkingsovereenkomst;
    }
    if BIJLAGE_TITELS.iter().any(|k| contains_phrase(titel, k)) {
        return Rol::Bijlage;
    }
    let plan = PLAN_KENMERKEN
        .iter()
        .filter(|k| contains_phrase(&body, k))
        .count();
    if contains_phrase(titel, "wijkplan") || contains_phrase(titel, "plan") || plan >= MIN_PLAN {
        return Rol::Wijkplan;
    }
    Rol::Bijlage
}

/// What a document that is not a plan tells about itself: its title and the WSV it names.
pub fn bijlage(doc: &Document, rol: Rol, file: &str) -> Bijlage {
    let mut titel = String::new();
    let mut found: Option<(String, String)> = None;
    for (i, b) in doc.blocks.iter().take(OPENING_BLOCKS * 4).enumerate() {
        let text = block_text(b);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if titel.is_empty() {
            titel = text.lines().next().unwrap_or(text).trim().to_string();
        }
        if found.is_none() {
            if let Some(naam) = wsv_naam(text) {
                let bron = match b.loc().page {
                    Some(p) => format!("{file} p.{p}"),
                    None => format!("{file} alinea {}", i + 1),
                };
                found = Some((naam, bron));
            }
        }
        if found.is_some() {
            break;
        }
    }
    let (wsv_naam, bron) = match found {
        Some((n, b)) => (Some(n), b),
        None => (None, file.to_string()),
    };
    Bijlage {
        rol,
        wsv_naam,
        titel,
        bron,
    }
}

/// The role a file's name suggests, for documents whose content cannot tell (a scan, an empty
/// file). `None` when the name says nothing.
pub fn rol_from_name(bestand: &str) -> Option<Rol> {
    let stem = crate::intake::eigen_naam(bestand);
    let n = format!(" {} ", norm(stem));
    let has = |w: &str| contains_phrase(&n, w);
    if has("samenwerkingsovereenkomst") || has("overeenkomst") || has("sok") {
        Some(Rol::Samenwerkingsovereenkomst)
    } else if has("begroting") {
        Some(Rol::Begroting)
    } else if has("wijkplan") || has("plan") || has("wsv plan") {
        Some(Rol::Wijkplan)
    } else if BIJLAGE_TITELS.iter().any(|k| has(k)) {
        Some(Rol::Bijlage)
    } else {
        None
    }
}

/// "WSV Laak", "Wijksamenwerkingsverband: De Vliet" → the name after the prefix.
fn wsv_naam(text: &str) -> Option<String> {
    let re = WSV_NAAM.as_ref()?;
    let c = re.captures(text)?;
    let naam = c
        .get(1)?
        .as_str()
        .trim()
        .trim_end_matches([',', '-', '/'])
        .trim();
    (!naam.is_empty()).then(|| naam.to_string())
}

/// Normalised text lines in reading order (headings, paragraphs, cells), empty ones left out.
fn opening_and_body(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<&Block> = doc.blocks.iter().rev().collect();
    // Iterative: nesting depth comes from the file.
    while let Some(b) = stack.pop() {
        match b {
            Block::Heading(h) => out.push(norm(&h.text)),
            Block::Paragraph(p) => out.push(norm(&p.text)),
            Block::Table(t) => {
                for r in t.rows.iter().rev() {
                    for c in r.cells.iter().rev() {
                        stack.extend(c.blocks.iter().rev());
                    }
                }
            }
        }
    }
    out.retain(|l| !l.is_empty());
    out
}

fn block_text(b: &Block) -> String {
    match b {
        Block::Heading(h) => h.text.clone(),
        Block::Paragraph(p) => p.text.clone(),
        Block::Table(t) => t
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .flat_map(|c| c.blocks.iter())
            .map(block_text)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::testdoc::{doc, h, p};

    #[test]
    fn an_agreement_is_known_by_its_title_and_its_wsv_name_is_read() {
        let d = doc(vec![
            h(None, "Samenwerkingsovereenkomst WSV Laak"),
            p("De ondergetekenden:"),
            p("1. Huisartsenpraktijk De Vaart, te dezen vertegenwoordigd door …"),
        ]);
        assert_eq!(
            rol(&d, Sjabloon::Onbekend, "x.docx"),
            Rol::Samenwerkingsovereenkomst
        );
        let b = bijlage(&d, Rol::Samenwerkingsovereenkomst, "x.docx");
        assert_eq!(b.wsv_naam.as_deref(), Some("Laak"));
        assert_eq!(b.titel, "Samenwerkingsovereenkomst WSV Laak");
        assert_eq!(b.bron, "x.docx alinea 1");
    }

    #[test]
    fn an_agreement_without_title_is_known_by_its_body() {
        let d = doc(vec![
            p("De ondergetekenden, hierna te noemen partijen,"),
            p("verklaren als volgt samen te werken in de wijk."),
            p("Artikel 1 Doel"),
            p("Artikel 2 Looptijd en opzegging"),
            p("Aldus overeengekomen en in tweevoud ondertekend."),
        ]);
        assert_eq!(
            rol(&d, Sjabloon::Onbekend, "plan.docx"),
            Rol::Samenwerkingsovereenkomst
        );
    }

    #[test]
    fn a_wijkanalyse_is_a_bijlage_even_with_plan_words() {
        let d = doc(vec![
            h(None, "Wijkanalyse Escamp Noord 2025"),
            p("Doelen en activiteiten van het kernteam staan in het wijkplan; hier de cijfers."),
            p("Thema: ouderen. Resultaten van de monitoring 2024."),
        ]);
        assert_eq!(
            rol(&d, Sjabloon::Onbekend, "Wijkplan bijlage.docx"),
            Rol::Bijlage
        );
    }

    #[test]
    fn a_plan_in_an_unknown_template_is_a_wijkplan() {
        let d = doc(vec![
            h(None, "Plan van aanpak wijk Moerwijk"),
            p("Onze doelen voor 2025."),
        ]);
        assert_eq!(rol(&d, Sjabloon::Onbekend, "a.docx"), Rol::Wijkplan);
        let d = doc(vec![
            p("Inleiding"),
            p("Het kernteam heeft drie doelen en vier activiteiten per thema; monitoring elk kwartaal."),
        ]);
        assert_eq!(rol(&d, Sjabloon::Onbekend, "a.docx"), Rol::Wijkplan);
    }

    #[test]
    fn a_letter_is_a_bijlage_and_a_known_template_always_a_plan() {
        let d = doc(vec![
            p("Geachte heer, mevrouw,"),
            p("Hierbij sturen wij u ons wijkplan."),
        ]);
        assert_eq!(
            rol(&d, Sjabloon::Onbekend, "Wijkplan Laak.docx"),
            Rol::Bijlage
        );
        assert_eq!(rol(&d, Sjabloon::Haaglanden2025, "x.docx"), Rol::Wijkplan);
    }

    #[test]
    fn without_text_the_name_decides() {
        let empty = doc(vec![]);
        assert_eq!(
            rol(&empty, Sjabloon::Onbekend, "Wijkplan WSV Laak.docx"),
            Rol::Wijkplan
        );
        assert_eq!(rol(&empty, Sjabloon::Onbekend, "leeg.docx"), Rol::Bijlage);
        assert_eq!(
            rol_from_name("Laak/SOK WSV Laak getekend.pdf"),
            Some(Rol::Samenwerkingsovereenkomst)
        );
        assert_eq!(rol_from_name("scan wijkplan.pdf"), Some(Rol::Wijkplan));
        assert_eq!(rol_from_name("IMG_0042.pdf"), None);
    }

    #[test]
    fn wsv_names_as_people_write_them() {
        assert_eq!(
            wsv_naam("WSV Escamp Noord").as_deref(),
            Some("Escamp Noord")
        );
        assert_eq!(
            wsv_naam("Wijksamenwerkingsverband: De Vliet, te Leidschendam").as_deref(),
            Some("De Vliet")
        );
        assert_eq!(
            wsv_naam("tussen de partners van WSV Duinoord en Vogelwijk.").as_deref(),
            Some("Duinoord en Vogelwijk")
        );
        assert_eq!(wsv_naam("geen naam hier"), None);
    }
}
