//! A wijkplan in neither the RESV sjabloon nor an older known structure: its headings become
//! sections (numbered by the RESV section whose title they resemble, else 0), and the WSV's name,
//! date, contact people and place are taken from labelled lines or a title when the plan states
//! them. The full text is kept in the register anyway (`tekstblokken`), so nothing is lost.

use super::oud::{self, lijnen};
use crate::domain::{Code, Finding, Mapped, Sjabloon};
use crate::model::Document;

pub fn map(doc: &Document, file: &str) -> Mapped<crate::domain::Wijkplan> {
    let chapters = oud::hoofdstukken(doc, None);
    let secties = oud::secties(doc, file, &chapters);
    let vb = oud::voorblad(&lijnen(doc, file));
    let mut velden = oud::empty_velden(file);
    for (veld, waarde) in [
        (&mut velden.wijk_wsv, vb.naam),
        (&mut velden.versie_datum, vb.versie_datum),
        (&mut velden.aanspreekpunt_resv, vb.contact),
        (&mut velden.gemeente_stadsdeel, vb.plaats),
    ] {
        if waarde.waarde.is_some() {
            *veld = waarde;
        }
    }
    let finding = Finding::new(
        Code::ANDER_SJABLOON,
        "Het wijkplan volgt geen bekend sjabloon; alleen de koppen en hun tekst zijn overgenomen, en naam, datum, contactpersoon en plaats waar het plan ze noemt.",
        file,
    );
    Mapped {
        value: oud::plan(Sjabloon::Onbekend, velden, secties, Vec::new()),
        findings: vec![finding],
    }
}

#[cfg(test)]
mod tests {
    use super::super::map_document;
    use super::super::testdoc::*;
    use super::*;

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
        assert_eq!(m.findings[0].bericht, "Het wijkplan volgt geen bekend sjabloon; alleen de koppen en hun tekst zijn overgenomen, en naam, datum, contactpersoon en plaats waar het plan ze noemt.");
    }
}
