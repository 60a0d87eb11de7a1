//! Values read by text recognition (OCR) say so: `(OCR)` after the page in their `bron`, and the
//! file gets `OCR_GELEZEN`.
//!
//! Why after the mapping and not in it: every mapper (the sjabloon, older templates, the
//! attachment classifier, the full text) builds `bron` from a block's page with the same
//! ` p.N` suffix, so marking that suffix afterwards reaches every value from an OCR'd page in one
//! place, without each mapper knowing about OCR. Values from a page with a text layer in the same
//! file keep their plain `bron`.

use crate::domain::{Code, Finding, Veld};
use crate::snapshot::Content;
use crate::tekst::TekstBlok;

const MARK: &str = " (OCR)";

/// `bron` with ` (OCR)` after every ` p.N` whose N is in `pages` (once).
pub fn mark(bron: &str, pages: &[u32]) -> String {
    let mut out = String::with_capacity(bron.len() + MARK.len());
    let mut rest = bron;
    while let Some(i) = rest.find(" p.") {
        let after = &rest[i + 3..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let end = i + 3 + digits;
        out.push_str(&rest[..end]);
        let tail = &rest[end..];
        let page_done = digits > 0
            && !tail.starts_with(|c: char| c.is_alphanumeric())
            && after[..digits]
                .parse::<u32>()
                .is_ok_and(|n| pages.contains(&n));
        if page_done && !tail.starts_with(MARK) {
            out.push_str(MARK);
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

fn mark_in_place(bron: &mut String, pages: &[u32]) {
    let marked = mark(bron, pages);
    if marked != *bron {
        *bron = marked;
    }
}

fn mark_veld(v: &mut Veld, pages: &[u32]) {
    mark_in_place(&mut v.bron, pages);
}

/// Mark every `bron` of what one file gave: its content, its findings and its full text.
pub fn mark_all(
    content: &mut Content,
    findings: &mut [Finding],
    tekst: &mut [TekstBlok],
    pages: &[u32],
) {
    if pages.is_empty() {
        return;
    }
    match content {
        Content::Wijkplan(w) => {
            for v in w.velden.all_mut() {
                mark_veld(v, pages);
            }
            for s in &mut w.secties {
                mark_in_place(&mut s.bron, pages);
            }
            for t in &mut w.themas {
                mark_in_place(&mut t.bron, pages);
                for c in &mut t.cel_bronnen {
                    mark_in_place(c, pages);
                }
            }
            for c in &mut w.checklist {
                mark_in_place(&mut c.bron, pages);
            }
            if let Some(b) = w.begroting.as_mut() {
                mark_begroting(b, pages);
            }
        }
        Content::Begroting(b) => mark_begroting(b, pages),
        Content::Bijlage(b) => mark_in_place(&mut b.bron, pages),
        Content::Scan | Content::Container(_) | Content::Genegeerd(_) | Content::Onleesbaar => {}
    }
    for f in findings {
        mark_in_place(&mut f.bron, pages);
    }
    for t in tekst {
        mark_in_place(&mut t.bron, pages);
    }
}

fn mark_begroting(b: &mut crate::domain::Begroting, pages: &[u32]) {
    for r in b.regels.iter_mut().chain(b.cofinanciering.iter_mut()) {
        mark_in_place(&mut r.bron, pages);
        if let Some(t) = r.tarief_bron.as_mut() {
            mark_in_place(t, pages);
        }
        for j in &mut r.jaren {
            mark_in_place(&mut j.bron, pages);
        }
    }
    if let Some(t) = b.totaal_bron.as_mut() {
        mark_in_place(t, pages);
    }
    for v in [
        &mut b.gemeente_stadsdeel,
        &mut b.wijken,
        &mut b.versie_datum,
    ] {
        mark_veld(v, pages);
    }
}

/// The file's `OCR_GELEZEN` finding: which pages were recognised, and what that means.
pub fn finding(bestand: &str, pages: &[u32]) -> Finding {
    let list: Vec<String> = pages.iter().map(u32::to_string).collect();
    let (welke, zijn) = if pages.len() == 1 {
        (format!("pagina {}", list[0]), "is")
    } else {
        (format!("pagina's {}", list.join(", ")), "zijn")
    };
    Finding::new(
        Code::OCR_GELEZEN,
        format!(
            "{bestand} is een scan: {welke} {zijn} met tekstherkenning (OCR) gelezen. Controleer de waarden (bron met ‘(OCR)’) tegen de scan: tekstherkenning kan letters en cijfers verkeerd lezen."
        ),
        bestand,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_only_the_pages_read_by_ocr_and_only_once() {
        let pages = [1, 3];
        assert_eq!(
            mark("scan.pdf §1 'Wijk/WSV' p.1", &pages),
            "scan.pdf §1 'Wijk/WSV' p.1 (OCR)"
        );
        // Page 2 had a text layer; page 13 is not page 1 or 3.
        assert_eq!(
            mark("scan.pdf §4 rij 2 p.2", &pages),
            "scan.pdf §4 rij 2 p.2"
        );
        assert_eq!(mark("scan.pdf p.13", &pages), "scan.pdf p.13");
        // The suffix in the middle (full text: a cell after its row's page).
        assert_eq!(
            mark("scan.pdf §4 p.3 rij 1 kolom 2", &pages),
            "scan.pdf §4 p.3 (OCR) rij 1 kolom 2"
        );
        assert_eq!(mark(&mark("a.pdf p.1", &pages), &pages), "a.pdf p.1 (OCR)");
        // Word files have no pages; a file name with " p." in it is not a page.
        assert_eq!(mark("plan.docx §4 rij 1", &pages), "plan.docx §4 rij 1");
        assert_eq!(mark("WSV p.a.pdf p.1", &pages), "WSV p.a.pdf p.1 (OCR)");
        assert_eq!(mark("x p.1a", &pages), "x p.1a");
    }

    #[test]
    fn the_finding_names_the_pages_in_dutch() {
        let f = finding("scan.pdf", &[1, 2]);
        assert_eq!(f.code, Code::OCR_GELEZEN);
        assert_eq!(f.ernst, crate::domain::Ernst::Waarschuwing);
        assert!(f
            .bericht
            .contains("pagina's 1, 2 zijn met tekstherkenning (OCR)"));
        assert!(finding("s.pdf", &[1])
            .bericht
            .contains("pagina 1 is met tekstherkenning"));
    }
}
