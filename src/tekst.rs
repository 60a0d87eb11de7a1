//! The full text of a document, as blocks with their provenance: what `v_tekst` holds and what
//! `wijkregister lees` prints.
//!
//! Why a list of its own next to the mapped content: the sjabloon mapping keeps only what it can
//! place (fields, sections, themes), so a plan in another template, a footnote or a comment
//! reached the register nowhere. Here every heading, paragraph, table cell, text box, footnote,
//! endnote and comment of the neutral [`Document`] (and every filled cell of a workbook) becomes
//! one [`TekstBlok`] in reading order, with a `bron` in the same style as the mapped values
//! (`Wijkplan.docx §4 tabel 1 rij 2 kolom 3`, `Begroting.xlsx Begroting!F19`). Merged table cells
//! are one cell in the model, so their text is here once. Bounded with everything else of the
//! file in [`crate::bounds`].

use crate::model::{Aantekening, AantekeningSoort, Block, CellValue, Document, Table, Workbook};
use serde::{Deserialize, Serialize};

/// What a block of the full text is (`v_tekst.soort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TekstSoort {
    Kop,
    Alinea,
    Tabelcel,
    Tekstvak,
    Voetnoot,
    Eindnoot,
    Opmerking,
    /// A filled cell of a spreadsheet.
    Cel,
}

impl TekstSoort {
    pub fn as_str(self) -> &'static str {
        match self {
            TekstSoort::Kop => "kop",
            TekstSoort::Alinea => "alinea",
            TekstSoort::Tabelcel => "tabelcel",
            TekstSoort::Tekstvak => "tekstvak",
            TekstSoort::Voetnoot => "voetnoot",
            TekstSoort::Eindnoot => "eindnoot",
            TekstSoort::Opmerking => "opmerking",
            TekstSoort::Cel => "cel",
        }
    }
}

/// Where a table cell or sheet cell sits: which table (numbered through the document, nested
/// tables too; for a workbook the sheet), row and column (0-based). `lees` prints a row's cells
/// on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CelPlek {
    pub tabel: u32,
    pub rij: u32,
    pub kolom: u32,
}

/// One block of a document's full text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TekstBlok {
    pub soort: TekstSoort,
    pub bron: String,
    pub tekst: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cel: Option<CelPlek>,
}

/// The blocks in the register's stored form, the JSON array `teksten.blokken` holds:
/// `[[soort, bron, tekst], …]` in reading order (schema v9). serde_json escapes every quote,
/// backslash and control character, so any text from a document round-trips through SQLite's
/// `json_each` unchanged. A worker reading for the register sends this instead of the blocks
/// (issue 15): decoding every block's three strings in the main process and encoding them again
/// here was a seventh of the main process's work, for text the main process only stores.
pub fn opslag_json(blokken: &[TekstBlok]) -> Result<String, serde_json::Error> {
    let triples: Vec<[&str; 3]> = blokken
        .iter()
        .map(|b| [b.soort.as_str(), b.bron.as_str(), b.tekst.as_str()])
        .collect();
    serde_json::to_string(&triples)
}

/// Longest heading title used in a `bron` for an unnumbered heading.
const MAX_TITLE_IN_BRON: usize = 40;

/// The full text of a document in reading order; `file` is the name shown in `bron`.
pub fn from_document(doc: &Document, file: &str) -> Vec<TekstBlok> {
    let mut w = Walker {
        file,
        out: Vec::new(),
        section: String::new(),
        paragraphs: 0,
        tables: 0,
        tables_in_section: 0,
    };
    for b in &doc.blocks {
        w.top_block(b);
    }
    for a in &doc.aantekeningen {
        w.out.push(aantekening(a, file));
    }
    w.out
}

fn aantekening(a: &Aantekening, file: &str) -> TekstBlok {
    let (soort, wat) = match a.soort {
        AantekeningSoort::Voetnoot => (TekstSoort::Voetnoot, "voetnoot"),
        AantekeningSoort::Eindnoot => (TekstSoort::Eindnoot, "eindnoot"),
        AantekeningSoort::Opmerking => (TekstSoort::Opmerking, "opmerking"),
    };
    TekstBlok {
        soort,
        bron: format!("{file} {wat} {}", a.nummer),
        tekst: a.tekst.clone(),
        cel: None,
    }
}

struct Walker<'a> {
    file: &'a str,
    out: Vec<TekstBlok>,
    /// The current section as shown in `bron`: `§4`, `'Inleiding'`, or empty before any heading.
    section: String,
    /// Paragraphs since the last heading (1-based numbering in `bron`).
    paragraphs: usize,
    /// Tables so far in the document (every table, nested ones too): `CelPlek::tabel`.
    tables: u32,
    /// Top-level tables since the last heading (the number in `bron`).
    tables_in_section: usize,
}

impl Walker<'_> {
    /// A `bron` begun with the file and the current section. Each `bron` is written into one
    /// string sized once (issue 15: a `format!` per part of it showed in the profile).
    fn bron(&self) -> String {
        let mut out = String::with_capacity(self.file.len() + self.section.len() + 32);
        out.push_str(self.file);
        if !self.section.is_empty() {
            out.push(' ');
            out.push_str(&self.section);
        }
        out
    }

    fn top_block(&mut self, b: &Block) {
        let page = b.loc().page;
        match b {
            Block::Heading(h) => {
                self.section = match &h.number {
                    Some(n) => format!("§{n}"),
                    None => {
                        let t: String = h.text.chars().take(MAX_TITLE_IN_BRON).collect();
                        format!("'{}'", t.replace('\'', "’"))
                    }
                };
                self.paragraphs = 0;
                self.tables_in_section = 0;
                let tekst = match &h.number {
                    Some(n) => format!("{n}. {}", h.text),
                    None => h.text.clone(),
                };
                let mut bron = self.bron();
                push_page(&mut bron, page);
                self.out.push(TekstBlok {
                    soort: TekstSoort::Kop,
                    bron,
                    tekst,
                    cel: None,
                });
            }
            Block::Paragraph(p) => {
                self.paragraphs += 1;
                let soort = if p.in_text_box {
                    TekstSoort::Tekstvak
                } else {
                    TekstSoort::Alinea
                };
                let mut bron = self.bron();
                bron.push_str(" alinea ");
                push_number(&mut bron, self.paragraphs);
                push_page(&mut bron, page);
                self.out.push(TekstBlok {
                    soort,
                    bron,
                    tekst: paragraph_text(p),
                    cel: None,
                });
            }
            Block::Table(t) => {
                self.tables_in_section += 1;
                let mut label = self.bron();
                label.push_str(" tabel ");
                push_number(&mut label, self.tables_in_section);
                self.table(t, &label);
            }
        }
    }

    /// A table's cells row by row; a nested table's cells follow the cell they sit in, with the
    /// outer cell's `bron` before their own.
    fn table(&mut self, t: &Table, label: &str) {
        self.tables += 1;
        let tabel = self.tables;
        for (ri, row) in t.rows.iter().enumerate() {
            for cell in &row.cells {
                let mut bron = String::with_capacity(label.len() + 32);
                bron.push_str(label);
                bron.push_str(" rij ");
                push_number(&mut bron, ri + 1);
                bron.push_str(" kolom ");
                push_number(&mut bron, cell.col + 1);
                let mut lines = Vec::new();
                let mut nested = Vec::new();
                for b in &cell.blocks {
                    match b {
                        Block::Paragraph(p) => lines.push(paragraph_text(p)),
                        Block::Heading(h) => lines.push(match &h.number {
                            Some(n) => format!("{n}. {}", h.text),
                            None => h.text.clone(),
                        }),
                        Block::Table(inner) => nested.push(inner),
                    }
                }
                let tekst = lines.join("\n").trim().to_string();
                if !tekst.is_empty() {
                    let mut with_page = bron.clone();
                    push_page(&mut with_page, row.page);
                    self.out.push(TekstBlok {
                        soort: TekstSoort::Tabelcel,
                        bron: with_page,
                        tekst,
                        cel: Some(CelPlek {
                            tabel,
                            rij: ri as u32,
                            kolom: cell.col as u32,
                        }),
                    });
                }
                for (i, inner) in nested.into_iter().enumerate() {
                    self.table(inner, &format!("{bron} tabel {}", i + 1));
                }
            }
        }
    }
}

/// A paragraph's text as the document shows it: its checkbox, its list number, and the
/// descriptions of its images in brackets (as pandoc shows them).
fn paragraph_text(p: &crate::model::Paragraph) -> String {
    let mut out = String::new();
    match p.checkbox {
        Some(true) => out.push_str("☒ "),
        Some(false) => out.push_str("☐ "),
        None => {}
    }
    if let Some(label) = &p.label {
        out.push_str(label);
        out.push_str(". ");
    }
    out.push_str(&p.text);
    for alt in &p.images {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('[');
        out.push_str(alt);
        out.push(']');
    }
    out
}

/// ` p.N` after a `bron` when the page is known (PDF).
fn push_page(bron: &mut String, page: Option<u32>) {
    if let Some(p) = page {
        bron.push_str(" p.");
        push_number(bron, p as usize);
    }
}

/// `n` in decimal digits (`itoa`), without the formatting machinery of `format!`.
fn push_number(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// The filled cells of a workbook, sheet by sheet, row by row; `bron` is `file Blad!A1`.
pub fn from_workbook(wb: &Workbook, file: &str) -> Vec<TekstBlok> {
    let mut out = Vec::new();
    for (si, sheet) in wb.sheets.iter().enumerate() {
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let tekst = match &cell.value {
                    CellValue::Empty => continue,
                    CellValue::Number(n) => number_text(*n),
                    CellValue::Text(t) => t.trim().to_string(),
                    CellValue::Bool(b) => if *b { "WAAR" } else { "ONWAAR" }.to_string(),
                    CellValue::Date(d) | CellValue::Error(d) => d.clone(),
                };
                if tekst.is_empty() {
                    continue;
                }
                out.push(TekstBlok {
                    soort: TekstSoort::Cel,
                    bron: format!("{file} {}!{}", sheet.name, crate::model::a1(r, c)),
                    tekst,
                    cel: Some(CelPlek {
                        tabel: si as u32,
                        rij: r as u32,
                        kolom: c as u32,
                    }),
                });
            }
        }
    }
    out
}

/// A number as Dutch Excel shows it without a format: decimal comma, no trailing zeros.
fn number_text(n: f64) -> String {
    let s = if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    };
    s.replace('.', ",")
}

/// The rows of the full text for printing: consecutive cells of one table row form one line,
/// their texts separated by a tab; every other block is a line of its own. Table rows never
/// hold a newline inside a cell (it becomes a space), so a row stays one line.
pub fn lines(blocks: &[TekstBlok]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut row: Option<(u32, u32)> = None;
    for b in blocks {
        match b.cel {
            Some(p) => {
                let flat = b.tekst.replace('\n', " ");
                match (row, out.last_mut()) {
                    (Some(r), Some(line)) if r == (p.tabel, p.rij) => {
                        line.push('\t');
                        line.push_str(&flat);
                    }
                    _ => out.push(flat),
                }
                row = Some((p.tabel, p.rij));
            }
            None => {
                row = None;
                let prefix = match b.soort {
                    TekstSoort::Voetnoot | TekstSoort::Eindnoot => b
                        .bron
                        .rsplit(' ')
                        .next()
                        .map(|n| format!("[{n}] "))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                out.push(format!("{prefix}{}", b.tekst));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Heading, Loc, Paragraph, Row, Sheet, SheetCell};

    fn p(text: &str) -> Block {
        Block::Paragraph(Paragraph {
            text: text.into(),
            in_text_box: false,
            checkbox: None,
            list_item: false,
            bold: false,
            label: None,
            images: Vec::new(),
            loc: Loc::default(),
        })
    }

    fn cell(col: usize, col_span: usize, row_span: usize, blocks: Vec<Block>) -> Cell {
        Cell {
            col,
            col_span,
            row_span,
            blocks,
        }
    }

    #[test]
    fn a_merged_cell_is_in_the_full_text_once_and_rows_are_tab_separated() {
        // Two rows; "Xtra Welzijn" spans both rows of column 3 (vMerge), kept once by the model.
        let table = Table {
            rows: vec![
                Row {
                    cells: vec![
                        cell(0, 1, 1, vec![p("1. Samenwerking")]),
                        cell(1, 1, 1, vec![p("Overleg")]),
                        cell(2, 1, 2, vec![p("Xtra Welzijn")]),
                    ],
                    page: None,
                },
                Row {
                    cells: vec![
                        cell(0, 1, 1, vec![p("2. Preventie")]),
                        cell(1, 1, 1, vec![p("Spreekuur"), p("10 per jaar")]),
                    ],
                    page: None,
                },
            ],
            loc: Loc::default(),
        };
        let doc = Document {
            blocks: vec![heading(Some("4"), "Thema’s"), Block::Table(table)],
            notes: vec![],
            aantekeningen: vec![],
            ocr_pages: vec![],
        };
        let t = from_document(&doc, "plan.docx");
        let texts: Vec<&str> = t.iter().map(|b| b.tekst.as_str()).collect();
        assert_eq!(
            texts,
            [
                "4. Thema’s",
                "1. Samenwerking",
                "Overleg",
                "Xtra Welzijn",
                "2. Preventie",
                "Spreekuur\n10 per jaar"
            ]
        );
        assert_eq!(t[3].bron, "plan.docx §4 tabel 1 rij 1 kolom 3");
        assert_eq!(t[5].bron, "plan.docx §4 tabel 1 rij 2 kolom 2");
        assert_eq!(
            lines(&t),
            [
                "4. Thema’s",
                "1. Samenwerking\tOverleg\tXtra Welzijn",
                "2. Preventie\tSpreekuur 10 per jaar"
            ]
        );
    }

    fn heading(number: Option<&str>, text: &str) -> Block {
        Block::Heading(Heading {
            level: 1,
            number: number.map(str::to_string),
            text: text.into(),
            loc: Loc::default(),
        })
    }

    /// Every part of a `bron`: a page (PDF), an unnumbered heading's title, a nested table.
    #[test]
    fn bron_names_page_section_and_nested_table() {
        let mut para = p("Op pagina drie");
        if let Block::Paragraph(x) = &mut para {
            x.loc.page = Some(3);
        }
        let inner = Table {
            rows: vec![Row {
                cells: vec![cell(0, 1, 1, vec![p("Binnen")])],
                page: Some(12),
            }],
            loc: Loc::default(),
        };
        let outer = Table {
            rows: vec![Row {
                cells: vec![cell(1, 1, 1, vec![p("Buiten"), Block::Table(inner)])],
                page: None,
            }],
            loc: Loc::default(),
        };
        let doc = Document {
            blocks: vec![heading(None, "Wie's erbij"), para, Block::Table(outer)],
            ..Default::default()
        };
        let t = from_document(&doc, "plan.pdf");
        let bronnen: Vec<&str> = t.iter().map(|b| b.bron.as_str()).collect();
        assert_eq!(
            bronnen,
            [
                "plan.pdf 'Wie’s erbij'",
                "plan.pdf 'Wie’s erbij' alinea 1 p.3",
                "plan.pdf 'Wie’s erbij' tabel 1 rij 1 kolom 2",
                "plan.pdf 'Wie’s erbij' tabel 1 rij 1 kolom 2 tabel 1 rij 1 kolom 1 p.12",
            ]
        );
    }

    #[test]
    fn list_numbers_and_image_descriptions_are_shown() {
        let mut item = p("Kernteam vormen");
        if let Block::Paragraph(x) = &mut item {
            x.label = Some("2".into());
            x.images = vec!["Logo WSV".into()];
        }
        let doc = Document {
            blocks: vec![item],
            ..Default::default()
        };
        let t = from_document(&doc, "plan.docx");
        assert_eq!(t[0].tekst, "2. Kernteam vormen [Logo WSV]");
        assert_eq!(t[0].bron, "plan.docx alinea 1");
    }

    #[test]
    fn a_workbook_gives_its_filled_cells_with_sheet_references() {
        let c = |v: CellValue| SheetCell {
            value: v,
            formula: None,
            evaluated: false,
        };
        let wb = Workbook {
            sheets: vec![Sheet {
                name: "Begroting".into(),
                rows: vec![
                    vec![c(CellValue::Text("Post".into())), c(CellValue::Empty)],
                    vec![
                        c(CellValue::Text("Zaalhuur".into())),
                        c(CellValue::Number(1650.0)),
                        c(CellValue::Number(12.5)),
                    ],
                ],
                merged: vec![],
            }],
            notes: vec![],
        };
        let t = from_workbook(&wb, "b.xlsx");
        let got: Vec<(&str, &str)> = t
            .iter()
            .map(|b| (b.bron.as_str(), b.tekst.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("b.xlsx Begroting!A1", "Post"),
                ("b.xlsx Begroting!A2", "Zaalhuur"),
                ("b.xlsx Begroting!B2", "1650"),
                ("b.xlsx Begroting!C2", "12,5"),
            ]
        );
        assert_eq!(lines(&t), ["Post", "Zaalhuur\t1650\t12,5"]);
    }
}
