//! Bounds on what one file contributes after reading, applied in the worker before the outcome
//! goes to the main process.
//!
//! Why here: the readers are bounded by the worker's memory cap and deadline, but everything after
//! them (storing, pairing, auditing, writing outputs) runs in the main process for the whole
//! batch. A 15 KB docx with one 2 MB merged cell over 5 × 40 cells, or one 60 MB paragraph, must
//! not become gigabytes there. Real plans have sections of a few thousand characters and a few
//! dozen theme rows; the bounds below are far above that and far below harm. What is cut is said
//! in the file's own finding, with the limit and the figure.

use crate::domain::{Code, Finding};
use crate::limits::{MAX_ITEMS_PER_LIST, MAX_TEXT_BLOCKS, MAX_TEXT_PER_FILE, MAX_TEXT_PER_VALUE};
use crate::snapshot::{Content, FileOutcome};

/// What was cut, for the finding.
#[derive(Default)]
struct Cut {
    values: usize,
    longest: usize,
    lists: usize,
    total: usize,
    /// The full text had more than `MAX_TEXT_BLOCKS` blocks.
    blocks: bool,
}

struct Budget {
    left: usize,
    cut: Cut,
}

impl Budget {
    /// Keep at most `MAX_TEXT_PER_VALUE` characters of `s`, and nothing once the file's budget is
    /// spent.
    fn text(&mut self, s: &mut String) {
        let chars = s.chars().count();
        self.cut.total += chars;
        let keep = chars.min(MAX_TEXT_PER_VALUE).min(self.left);
        if keep < chars {
            self.cut.values += 1;
            self.cut.longest = self.cut.longest.max(chars);
            let end = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
            s.truncate(end);
            s.push('…');
        }
        self.left -= keep;
    }
    /// A begroting's lines and texts: a spreadsheet's, or the one a plan holds as a table.
    fn begroting(&mut self, g: &mut crate::domain::Begroting) {
        self.list(&mut g.regels);
        if let Some(n) = g.wsv_naam.as_mut() {
            self.text(n);
        }
        for r in &mut g.regels {
            self.text(&mut r.post);
            for t in [r.thema.as_mut(), r.omschrijving.as_mut()]
                .into_iter()
                .flatten()
            {
                self.text(t);
            }
        }
    }

    fn list<T>(&mut self, v: &mut Vec<T>) {
        if v.len() > MAX_ITEMS_PER_LIST {
            self.cut.lists += 1;
            self.cut.longest = self.cut.longest.max(v.len());
            v.truncate(MAX_ITEMS_PER_LIST);
        }
    }
}

/// The full text ([`FileOutcome::tekst`]) has a budget of its own: it repeats what the mapped
/// values hold, and a long plan must not lose its sections because its full text was counted
/// first. Its blocks are many more than a list's items (every table cell is one), hence
/// `MAX_TEXT_BLOCKS`.
fn full_text(o: &mut FileOutcome) -> Cut {
    let mut b = Budget {
        left: MAX_TEXT_PER_FILE,
        cut: Cut::default(),
    };
    if o.tekst.len() > MAX_TEXT_BLOCKS {
        b.cut.blocks = true;
        b.cut.longest = o.tekst.len();
        o.tekst.truncate(MAX_TEXT_BLOCKS);
    }
    for blok in &mut o.tekst {
        b.text(&mut blok.tekst);
    }
    b.cut
}

/// What [`cap_document`] cut before the mapping, for [`apply`]'s finding.
#[derive(Default, Debug, Clone, Copy, PartialEq)]
pub struct Precut {
    values: usize,
    longest: usize,
}

/// Cut every text of a read document (heading, paragraph, the paragraphs in table cells) to
/// [`MAX_TEXT_PER_VALUE`] before the sjabloon mapping sees it. Why before: the mapping compares
/// texts with the sjabloon's example texts, and a 60 MB paragraph kept the worker busy for most of
/// its deadline before the bound after mapping could cut it. Nothing the mapping keeps can be
/// longer than the bound anyway. The full text is taken from the document before this cut and has
/// its own budget ([`full_text`]).
pub fn cap_document(doc: &mut crate::model::Document) -> Precut {
    fn cap(s: &mut String, pre: &mut Precut) {
        // Bytes first: only a text that may be too long is counted in characters.
        if s.len() <= MAX_TEXT_PER_VALUE {
            return;
        }
        let chars = s.chars().count();
        if chars <= MAX_TEXT_PER_VALUE {
            return;
        }
        pre.values += 1;
        pre.longest = pre.longest.max(chars);
        let end = s
            .char_indices()
            .nth(MAX_TEXT_PER_VALUE)
            .map_or(s.len(), |(i, _)| i);
        s.truncate(end);
        s.push('…');
    }
    fn walk(blocks: &mut [crate::model::Block], pre: &mut Precut) {
        use crate::model::Block;
        for b in blocks {
            match b {
                Block::Heading(h) => cap(&mut h.text, pre),
                Block::Paragraph(p) => cap(&mut p.text, pre),
                Block::Table(t) => {
                    for row in &mut t.rows {
                        for cell in &mut row.cells {
                            walk(&mut cell.blocks, pre);
                        }
                    }
                }
            }
        }
    }
    let mut pre = Precut::default();
    walk(&mut doc.blocks, &mut pre);
    pre
}

/// Cut `o`'s content to the bounds; when anything was cut (here, or before the mapping as
/// `pre` says), add the finding that says so.
pub fn apply(o: &mut FileOutcome, pre: Precut) {
    let mut b = Budget {
        left: MAX_TEXT_PER_FILE,
        cut: Cut::default(),
    };
    match &mut o.content {
        Content::Wijkplan(w) => {
            for f in w.velden.all_mut() {
                if let Some(t) = f.waarde.as_mut() {
                    b.text(t);
                }
            }
            b.list(&mut w.secties);
            b.list(&mut w.themas);
            b.list(&mut w.checklist);
            for s in &mut w.secties {
                b.text(&mut s.titel);
                b.text(&mut s.tekst);
            }
            for t in &mut w.themas {
                for c in [
                    &mut t.naam,
                    &mut t.doelen,
                    &mut t.activiteiten,
                    &mut t.resultaten,
                    &mut t.middelen,
                    &mut t.partijen,
                ] {
                    b.text(c);
                }
            }
            for c in &mut w.checklist {
                b.text(&mut c.tekst);
            }
            if let Some(g) = w.begroting.as_mut() {
                b.begroting(g);
            }
        }
        Content::Begroting(g) => b.begroting(g),
        Content::Bijlage(x) => {
            b.text(&mut x.titel);
            if let Some(n) = x.wsv_naam.as_mut() {
                b.text(n);
            }
        }
        Content::Container(_) | Content::Scan | Content::Genegeerd(_) | Content::Onleesbaar => {}
    }
    let mut cut = b.cut;
    cut.values += pre.values;
    cut.longest = cut.longest.max(pre.longest);
    let text_cut = full_text(o);
    cut.values += text_cut.values;
    cut.longest = cut.longest.max(text_cut.longest);
    cut.total = cut.total.max(text_cut.total);
    cut.blocks = text_cut.blocks;
    if cut.values == 0 && cut.lists == 0 && !cut.blocks {
        return;
    }
    let blocks = usize::from(cut.blocks);
    o.findings.push(Finding::new(
        Code::BESTAND_ONLEESBAAR,
        format!(
            "{} is maar voor een deel gelezen: {} {} ingekort tot {} tekens per waarde en {} tekens per bestand (MAX_TEXT_PER_VALUE, MAX_TEXT_PER_FILE){}{}; het langste had {} tekens of rijen, het bestand {} tekens in totaal.",
            o.bestand,
            cut.values + cut.lists + blocks,
            if cut.values + cut.lists + blocks == 1 { "waarde is" } else { "waarden zijn" },
            crate::wijkindeling::nl_getal(MAX_TEXT_PER_VALUE as u64),
            crate::wijkindeling::nl_getal(MAX_TEXT_PER_FILE as u64),
            if cut.lists > 0 {
                format!(
                    ", en lijsten (hoofdstukken, thema's, regels) tot {} stuks (MAX_ITEMS_PER_LIST)",
                    MAX_ITEMS_PER_LIST
                )
            } else {
                String::new()
            },
            if cut.blocks {
                format!(
                    ", en de volledige tekst tot {} blokken (MAX_TEXT_BLOCKS)",
                    crate::wijkindeling::nl_getal(MAX_TEXT_BLOCKS as u64)
                )
            } else {
                String::new()
            },
            crate::wijkindeling::nl_getal(cut.longest as u64),
            crate::wijkindeling::nl_getal(cut.total as u64),
        ),
        o.bestand.clone(),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Sectie, Sjabloon, Wijkplan};
    use crate::snapshot::Soort;

    fn plan_with(tekst: String, secties: usize) -> FileOutcome {
        let w = Wijkplan {
            sjabloon: Sjabloon::Haaglanden2025,
            velden: Default::default(),
            kerndisciplines: vec![],
            secties: (0..secties)
                .map(|i| Sectie {
                    nummer: i as u32,
                    titel: format!("Hoofdstuk {i}"),
                    tekst: tekst.clone(),
                    bron: String::new(),
                })
                .collect(),
            themas: vec![],
            checklist: vec![],
            vingerafdruk: String::new(),
            begroting: None,
        };
        FileOutcome {
            bestand: "plan.docx".into(),
            map: String::new(),
            sha256: "ab".into(),
            grootte: 1,
            soort: Soort::Docx,
            content: Content::Wijkplan(w),
            findings: vec![],
            opmerkingen: vec![],
            voorbijgaand: false,
            tekst: Vec::new(),
            tekst_opslag: None,
            technisch: Vec::new(),
        }
    }

    fn secties(o: &FileOutcome) -> &[Sectie] {
        match &o.content {
            Content::Wijkplan(w) => &w.secties,
            _ => &[],
        }
    }

    #[test]
    fn a_normal_plan_is_untouched() {
        let mut o = plan_with("Een gewone alinea van een wijkplan.".into(), 10);
        let before = format!("{:?}", o.content);
        apply(&mut o, Precut::default());
        assert_eq!(format!("{:?}", o.content), before);
        assert!(o.findings.is_empty());
    }

    #[test]
    fn one_huge_value_is_cut_and_said() {
        let mut o = plan_with("a".repeat(MAX_TEXT_PER_VALUE + 10), 1);
        apply(&mut o, Precut::default());
        assert_eq!(
            secties(&o)[0].tekst.chars().count(),
            MAX_TEXT_PER_VALUE + 1,
            "ingekort plus het weglatingsteken"
        );
        assert_eq!(o.findings.len(), 1);
        assert_eq!(o.findings[0].code, Code::BESTAND_ONLEESBAAR);
        assert!(
            o.findings[0].bericht.contains("200.010 tekens"),
            "{}",
            o.findings[0].bericht
        );
    }

    #[test]
    fn the_file_total_is_bounded_and_lists_too() {
        // Many values each under the per-value bound, together over the per-file bound.
        let mut o = plan_with("b".repeat(MAX_TEXT_PER_VALUE), MAX_ITEMS_PER_LIST + 5);
        apply(&mut o, Precut::default());
        assert_eq!(secties(&o).len(), MAX_ITEMS_PER_LIST);
        let total: usize = secties(&o)
            .iter()
            .map(|s| s.tekst.chars().filter(|c| *c == 'b').count())
            .sum();
        let titles: usize = secties(&o).iter().map(|s| s.titel.chars().count()).sum();
        // Everything kept fits the file's budget; only the titles' few characters are not `b`.
        assert!(total + titles <= MAX_TEXT_PER_FILE + titles, "{total}");
        assert!(
            total <= MAX_TEXT_PER_FILE && total > MAX_TEXT_PER_FILE - titles - 1,
            "{total}"
        );
        assert_eq!(o.findings.len(), 1);
    }

    #[test]
    fn the_full_text_is_bounded_on_its_own_and_the_cut_is_said() {
        use crate::limits::MAX_TEXT_BLOCKS;
        use crate::tekst::{TekstBlok, TekstSoort};
        let blok = |t: String| TekstBlok {
            soort: TekstSoort::Alinea,
            bron: "plan.docx alinea 1".into(),
            tekst: t,
            cel: None,
        };
        // A plan whose mapped text is small, with one oversized block and too many blocks.
        let mut o = plan_with("kort".into(), 1);
        o.tekst = std::iter::once(blok("c".repeat(MAX_TEXT_PER_VALUE + 10)))
            .chain((0..MAX_TEXT_BLOCKS + 5).map(|_| blok("x".into())))
            .collect();
        apply(&mut o, Precut::default());
        assert_eq!(o.tekst.len(), MAX_TEXT_BLOCKS);
        assert_eq!(
            o.tekst[0].tekst.chars().count(),
            MAX_TEXT_PER_VALUE + 1,
            "cut to the bound plus the ellipsis"
        );
        assert!(o.tekst[0].tekst.ends_with('…'));
        // The mapped section keeps its text: the full text has a budget of its own.
        assert_eq!(secties(&o)[0].tekst, "kort");
        assert_eq!(o.findings.len(), 1);
        assert!(
            o.findings[0].bericht.contains("MAX_TEXT_BLOCKS"),
            "{}",
            o.findings[0].bericht
        );
    }

    #[test]
    fn a_huge_paragraph_is_cut_before_the_mapping_and_said() {
        use crate::model::{Block, Cell, Document, Paragraph, Row, Table};
        let para = |t: String| {
            Block::Paragraph(Paragraph {
                text: t,
                ..Default::default()
            })
        };
        let huge = "wijk ".repeat(100_000); // 500.000 tekens
        let mut doc = Document {
            blocks: vec![
                para("Kort".into()),
                Block::Table(Table {
                    rows: vec![Row {
                        cells: vec![Cell {
                            blocks: vec![para(huge.clone())],
                            ..Default::default()
                        }],
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
                para(huge),
            ],
            ..Default::default()
        };
        let pre = cap_document(&mut doc);
        assert_eq!(
            pre,
            Precut {
                values: 2,
                longest: 500_000
            }
        );
        let Block::Paragraph(p) = &doc.blocks[2] else {
            panic!("{:?}", doc.blocks[2])
        };
        assert_eq!(p.text.chars().count(), MAX_TEXT_PER_VALUE + 1);
        assert!(p.text.ends_with('…'));
        // The cut is said in the file's finding even though the mapped values are short.
        let mut o = plan_with("kort".into(), 1);
        apply(&mut o, pre);
        assert_eq!(o.findings.len(), 1);
        assert!(
            o.findings[0].bericht.contains("2 waarden zijn ingekort"),
            "{}",
            o.findings[0].bericht
        );
        assert!(o.findings[0]
            .bericht
            .contains("het langste had 500.000 tekens"));
    }
}
