//! The begroting inside a wijkplan: a WSV that sends no spreadsheet often types its budget as a
//! Word table in §7 Begroting (RESV sjabloon), in 4.3 *Benodigde investeringen en begroting*
//! (Zorg en Zekerheid 2018) or in the *Begroting en tijdsinvestering* row (Medrie).
//!
//! Such a table is read with exactly the header-word logic of the spreadsheet begroting
//! ([`crate::begroting::map_table`]): the table is laid out as a sheet (a cell at its grid column,
//! a merged cell as a merged range), so lines, hours, rates, year columns, the stated total and
//! cofinanciering below it come out the same way, and the same audit runs on them. Only `bron`
//! differs: it names the table row as the full text does (`Wijkplan.docx §7 tabel 1 rij 3`; a
//! table inside a cell names the cell first, `… tabel 1 rij 5 kolom 2 tabel 1 rij 3`).
//!
//! Only tables in a begroting section (or in a table row whose first cell names the begroting)
//! are tried: a themes table has an "Activiteiten" column too, and a table elsewhere in the plan
//! is no budget however its columns are called.

use crate::begroting::{map_table, Plek};
use crate::domain::{Begroting, Mapped};
use crate::model::{Block, CellValue, Document, Sheet, SheetCell, Table};
use crate::text::norm;

/// Most words a bold paragraph may have to count as a heading that opens or closes a section.
const MAX_HEADING_WORDS: usize = 12;

/// Does a heading or first cell name the begroting? "Begroting", "Benodigde investeringen en
/// begroting", "Begroting en tijdsinvestering (personeel en middelen) wijkplan", "Financiën".
fn names_begroting(title: &str) -> bool {
    norm(title)
        .split(' ')
        .any(|w| w.starts_with("begrot") || matches!(w, "budget" | "financien" | "kostenraming"))
}

/// A table that may be the budget, with its address for `bron` (`Wijkplan.docx §7 tabel 1`).
struct Candidate<'a> {
    table: &'a Table,
    label: String,
}

/// The plan's own begroting: the first table in a begroting section whose header words make it
/// a budget table and that has at least one line. `file` is the name shown in `bron`.
pub fn lees(doc: &Document, file: &str) -> Option<Mapped<Begroting>> {
    candidates(doc, file).into_iter().find_map(|c| {
        let sheet = as_sheet(c.table, &c.label, file);
        let mapped = map_table(&sheet, &Plek::Tabel { tabel: &c.label })?;
        (!mapped.value.regels.is_empty()).then_some(mapped)
    })
}

/// Level of a heading-like block and its title: a real heading, or a short bold paragraph
/// ("4.3 Benodigde investeringen en begroting" is level 2 by its number).
fn heading_of(b: &Block) -> Option<(u8, String)> {
    match b {
        Block::Heading(h) => {
            let level = h
                .number
                .as_deref()
                .map(|n| n.trim_end_matches('.').split('.').count() as u8)
                .unwrap_or(h.level)
                .max(1);
            Some((level, h.text.clone()))
        }
        Block::Paragraph(p)
            if p.bold
                && !p.in_text_box
                && !p.text.contains('\n')
                && p.text.split_whitespace().count() <= MAX_HEADING_WORDS =>
        {
            let t = p.text.trim();
            let number: String = t
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let level = if number.chars().any(|c| c.is_ascii_digit()) {
                number.trim_end_matches('.').split('.').count() as u8
            } else {
                1
            };
            Some((level, t.to_string()))
        }
        _ => None,
    }
}

/// Tables in begroting sections, in document order, addressed like `tekst::from_document` does.
fn candidates<'a>(doc: &'a Document, file: &str) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut tables_in_section = 0usize;
    // The level of the begroting heading we are under, if any.
    let mut in_begroting: Option<u8> = None;
    for b in &doc.blocks {
        if let Block::Heading(h) = b {
            section = match &h.number {
                Some(n) => format!("§{n}"),
                None => {
                    let t: String = h.text.chars().take(40).collect();
                    format!("'{}'", t.replace('\'', "’"))
                }
            };
            tables_in_section = 0;
        }
        if let Some((level, title)) = heading_of(b) {
            if names_begroting(&title) {
                in_begroting = Some(level);
            } else if in_begroting.is_some_and(|l| level <= l) {
                in_begroting = None;
            }
            continue;
        }
        let Block::Table(t) = b else { continue };
        tables_in_section += 1;
        let prefix = if section.is_empty() {
            file.to_string()
        } else {
            format!("{file} {section}")
        };
        let label = format!("{prefix} tabel {tables_in_section}");
        if in_begroting.is_some() {
            out.push(Candidate {
                table: t,
                label: label.clone(),
            });
        }
        // A table laid out as sections (Medrie): the row whose first cell names the begroting
        // holds the budget as a table inside one of its cells.
        for (ri, row) in t.rows.iter().enumerate() {
            let first_line = row
                .cells
                .first()
                .map(|c| c.text())
                .and_then(|t| t.lines().map(str::to_string).find(|l| !l.trim().is_empty()))
                .unwrap_or_default();
            if !names_begroting(&first_line) {
                continue;
            }
            for cell in &row.cells {
                let nested = cell.blocks.iter().filter_map(|b| match b {
                    Block::Table(inner) => Some(inner),
                    _ => None,
                });
                for (i, inner) in nested.enumerate() {
                    out.push(Candidate {
                        table: inner,
                        label: format!(
                            "{label} rij {} kolom {} tabel {}",
                            ri + 1,
                            cell.col + 1,
                            i + 1
                        ),
                    });
                }
            }
        }
    }
    out
}

/// A Word table laid out as a sheet: each cell's text at its grid column, a merged cell as a
/// merged range (so a header merged over "2025 | 2026" lends its words to both columns). The
/// sheet is named after the table (`§7 tabel 1`): that is the begroting's `blad`.
fn as_sheet(t: &Table, label: &str, file: &str) -> Sheet {
    let name = label
        .strip_prefix(file)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or("tabel")
        .to_string();
    let mut sheet = Sheet {
        name,
        rows: Vec::with_capacity(t.rows.len()),
        merged: Vec::new(),
    };
    for (ri, row) in t.rows.iter().enumerate() {
        let width = row
            .cells
            .iter()
            .map(|c| c.col + c.col_span.max(1))
            .max()
            .unwrap_or(0);
        let mut cells = vec![SheetCell::default(); width];
        for c in &row.cells {
            let text = c
                .text()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(slot) = cells.get_mut(c.col) {
                if !text.is_empty() {
                    slot.value = CellValue::Text(text);
                }
            }
            if c.col_span > 1 || c.row_span > 1 {
                sheet.merged.push((
                    ri as u32,
                    c.col as u32,
                    (ri + c.row_span.max(1) - 1) as u32,
                    (c.col + c.col_span.max(1) - 1) as u32,
                ));
            }
        }
        sheet.rows.push(cells);
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Cents;
    use crate::template::testdoc::*;

    #[test]
    fn haaglanden_section_7_table_is_read_with_row_provenance() {
        let d = doc(vec![
            h(Some("4"), "Thema’s, activiteiten en projecten"),
            table(vec![
                srow(&["", "Doelen (SMART)", "Activiteiten", "Resultaten"]),
                srow(&["1. Wijkgerichte samenwerking", "x", "y", "z"]),
            ]),
            h(Some("7"), "Begroting"),
            p("Wij sturen geen Excel mee; de begroting staat hieronder."),
            table(vec![
                srow(&["Post", "Thema", "Uren", "Tarief", "Bedrag"]),
                srow(&["Vacatiegeld kernteam", "1", "60", "€ 80,00", "€ 4.800,00"]),
                srow(&["Zaalhuur", "2", "", "", "€ 1.000,00"]),
                srow(&["Totaal", "", "", "", "€ 5.800,00"]),
            ]),
            h(Some("8"), "Monitoring en evaluatie"),
            table(vec![
                srow(&["Activiteit", "Kosten"]),
                srow(&["Evaluatie", "€ 500,00"]),
            ]),
        ]);
        let m = lees(&d, "plan.docx").expect("begroting");
        let b = &m.value;
        assert_eq!(b.blad, "§7 tabel 1");
        assert_eq!(b.regels.len(), 2);
        assert_eq!(b.regels[0].post, "Vacatiegeld kernteam");
        assert_eq!(b.regels[0].uren, Some(60.0));
        assert_eq!(b.regels[0].tarief, Some(Cents(8000)));
        assert_eq!(b.regels[0].bedrag, Cents(480_000));
        assert!(b.regels[0].vacatie);
        assert_eq!(b.regels[0].bron, "plan.docx §7 tabel 1 rij 2");
        assert_eq!(
            b.regels[0].tarief_bron.as_deref(),
            Some("plan.docx §7 tabel 1 rij 2 kolom 4")
        );
        assert_eq!(b.regels[1].thema.as_deref(), Some("2"));
        assert_eq!(b.totaal_opgegeven, Some(Cents(580_000)));
        assert_eq!(b.totaal_bron.as_deref(), Some("plan.docx §7 tabel 1 rij 4"));
        assert!(m.findings.is_empty());
    }

    #[test]
    fn a_budget_table_outside_a_begroting_section_is_not_the_begroting() {
        let d = doc(vec![
            h(Some("8"), "Monitoring en evaluatie"),
            table(vec![
                srow(&["Activiteit", "Kosten"]),
                srow(&["Evaluatie", "€ 500,00"]),
            ]),
        ]);
        assert!(lees(&d, "plan.docx").is_none());
    }

    #[test]
    fn medrie_budget_nested_in_the_begroting_row() {
        let nested = table(vec![
            srow(&["Omschrijving", "Uren", "Bedrag"]),
            srow(&["Overleg wijkkernteam", "40", "3.200"]),
            srow(&["Totaal", "", "3.200"]),
        ]);
        let d = doc(vec![table(vec![
            srow(&["Betrokken partijen", "Leden wijkkernteam: x"]),
            row(vec![
                cell(
                    0,
                    "Begroting en tijdsinvestering (personeel en middelen) wijkplan",
                ),
                crate::model::Cell {
                    col: 1,
                    col_span: 1,
                    row_span: 1,
                    blocks: vec![p("Zie hieronder."), nested],
                },
            ]),
        ])]);
        let m = lees(&d, "medrie.docx").expect("begroting");
        assert_eq!(m.value.regels.len(), 1);
        assert_eq!(
            m.value.regels[0].bron,
            "medrie.docx tabel 1 rij 2 kolom 2 tabel 1 rij 2"
        );
        assert_eq!(m.value.totaal_opgegeven, Some(Cents(320_000)));
    }

    #[test]
    fn an_amount_that_cannot_be_read_names_the_table_row() {
        let d = doc(vec![
            h(Some("7"), "Begroting"),
            table(vec![
                srow(&["Post", "Bedrag"]),
                srow(&["Communicatie", "n.t.b."]),
                srow(&["Totaal", "0"]),
            ]),
        ]);
        let m = lees(&d, "plan.docx").expect("begroting");
        assert_eq!(m.findings.len(), 1);
        assert_eq!(m.findings[0].bron, "plan.docx §7 tabel 1 rij 2");
        assert!(
            m.findings[0].bericht.starts_with(
                "Rij 2 kolom 2 van de begrotingstabel van regel ‘Communicatie’ bevat ‘n.t.b.’"
            ),
            "{}",
            m.findings[0].bericht
        );
    }
}
