//! The neutral document model that every reader produces and everything after the readers consumes.
//!
//! Like pandoc's AST: a reader turns a file format into these types and nothing downstream ever
//! looks at a file format again. Word documents and PDFs become a [`Document`] (a flat sequence of
//! blocks, tables keep their grid); spreadsheets become a [`Workbook`] (typed cells with A1 refs).
//! Each block knows where it came from ([`Loc`]) so that mappers can build a human `bron` string.

use serde::Serialize;

/// Where a block sits in its source file. Mappers turn this into the `bron` text the user sees.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Loc {
    /// 1-based page number, where the format knows pages (PDF); `None` for Word.
    pub page: Option<u32>,
    /// 0-based index of the block in document order (top-level blocks only).
    pub index: usize,
}

/// A word-processing document (docx or PDF) as a sequence of blocks in reading order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Things the reader skipped or repaired, in Dutch, for the user (e.g. an unreadable part).
    /// Anything skipped becomes a note here; the pipeline turns notes into findings.
    pub notes: Vec<String>,
    /// Footnotes, endnotes and comments, kept apart from `blocks` so that the sjabloon mapping
    /// never sees them (a reviewer's comment is not WSV content). Foot- and endnotes are in the
    /// order of their references in the text, where the reader put the marker `[n]`.
    pub aantekeningen: Vec<Aantekening>,
    /// Pages whose text came from text recognition (OCR of a scan), 1-based: values from them are
    /// marked `(OCR)` in their `bron`. Empty for everything but a scanned PDF.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ocr_pages: Vec<u32>,
}

/// What kind of note an [`Aantekening`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AantekeningSoort {
    Voetnoot,
    Eindnoot,
    /// A comment in the margin (Word `w:comment`, ODF `office:annotation`).
    Opmerking,
}

/// A footnote, endnote or comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aantekening {
    pub soort: AantekeningSoort,
    /// The marker number shown in the text (`[1]`), counting foot- and endnotes together as
    /// pandoc does; for comments their position among the comments (1-based).
    pub nummer: usize,
    /// The note's text, paragraphs joined by '\n'.
    pub tekst: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    Heading(Heading),
    Paragraph(Paragraph),
    Table(Table),
}

impl Block {
    /// Where the block sits in its file.
    pub fn loc(&self) -> &Loc {
        match self {
            Block::Heading(h) => &h.loc,
            Block::Paragraph(p) => &p.loc,
            Block::Table(t) => &t.loc,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    /// Outline level, 1 = top.
    pub level: u8,
    /// The number Word shows but does not store in the text (`w:numPr` auto-numbering), or the
    /// number typed at the start of the text ("4." / "4"), without trailing dot. `None` if unnumbered.
    pub number: Option<String>,
    /// The heading text without the number.
    pub text: String,
    pub loc: Loc,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Paragraph {
    /// Visible text. Runs joined; `w:tab` → '\t', `w:br` → '\n'.
    pub text: String,
    /// The paragraph sat inside a text box (`wps:txbx`, or a VML `v:textbox` without a DrawingML copy).
    pub in_text_box: bool,
    /// A checkbox at the start of the paragraph: `Some(true)` ticked (☒ ☑ ✅ ✔ ✓ or a checked
    /// `w14:checkbox`), `Some(false)` unticked (☐ □ or an unchecked control), `None` no checkbox.
    /// The glyph itself is removed from `text`.
    pub checkbox: Option<bool>,
    /// Paragraph is a list item (bullet or numbered list), for joining text with bullets kept.
    pub list_item: bool,
    /// Text was bold throughout (used to find numbered bold paragraphs acting as headings).
    pub bold: bool,
    /// The number Word or LibreOffice shows before a numbered list item ("1", "b", "2.1"),
    /// not in `text`; only the full text shows it.
    pub label: Option<String>,
    /// Descriptions (alt text) of images in the paragraph, in order: not in `text` (Word fills
    /// them in itself, "Afbeelding met tekst…"), only the full text shows them.
    pub images: Vec<String>,
    pub loc: Loc,
}

/// A table. Cells that are merged are kept once, with their span; the covered grid positions have
/// no cell of their own. `Row::cells` are in grid order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    pub rows: Vec<Row>,
    pub loc: Loc,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Page the row is on (PDF), for provenance of tables that break across pages.
    pub page: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cell {
    /// 0-based grid column where the cell starts (after `w:gridBefore` and preceding spans).
    pub col: usize,
    /// Number of grid columns covered (`w:gridSpan`), at least 1.
    pub col_span: usize,
    /// Number of rows covered (`w:vMerge restart` + continues), at least 1.
    pub row_span: usize,
    /// Cell content: paragraphs and nested tables.
    pub blocks: Vec<Block>,
}

impl Cell {
    /// The cell's visible text: paragraphs joined by '\n', nested tables' cells by '\n' too.
    /// Template placeholders are still in it; mappers strip them.
    pub fn text(&self) -> String {
        blocks_text(&self.blocks)
    }
}

/// Plain text of a list of blocks, one line per paragraph/heading, nested table cells in order.
pub fn blocks_text(blocks: &[Block]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => lines.push(p.text.clone()),
            Block::Heading(h) => lines.push(match &h.number {
                Some(n) => format!("{n}. {}", h.text),
                None => h.text.clone(),
            }),
            Block::Table(t) => {
                for r in &t.rows {
                    for c in &r.cells {
                        lines.push(c.text());
                    }
                }
            }
        }
    }
    lines.join("\n").trim().to_string()
}

/// A spreadsheet: sheets in workbook order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    /// Things the reader skipped or repaired, in Dutch, for the user.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Sheet {
    pub name: String,
    /// Dense rows from A1: `rows[r][c]` is the cell at row r+1, column c+1. Trailing empties trimmed.
    pub rows: Vec<Vec<SheetCell>>,
    /// Merged ranges as (first_row, first_col, last_row, last_col), 0-based inclusive.
    pub merged: Vec<(u32, u32, u32, u32)>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SheetCell {
    pub value: CellValue,
    /// The formula text if the cell holds one (without leading '=' ; .ods `of:` syntax normalised).
    pub formula: Option<String>,
    /// The file stored no value for the formula and the value was computed by us (or could not be:
    /// then `value` is `Empty`).
    pub evaluated: bool,
}

/// One typed value, normalised across xlsx/xls/ods (xls `Int` and xlsx `Float` are both `Number`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub enum CellValue {
    #[default]
    Empty,
    Number(f64),
    Text(String),
    Bool(bool),
    /// A real date cell, as ISO `YYYY-MM-DD` (only when the cell's format is a date).
    Date(String),
    Error(String),
}

impl Sheet {
    pub fn cell(&self, row: usize, col: usize) -> Option<&SheetCell> {
        self.rows.get(row).and_then(|r| r.get(col))
    }
}

/// `A1` reference for 0-based row and column.
pub fn a1(row: usize, col: usize) -> String {
    let mut c = col + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(b'A' + rem as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_refs() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(13, 7), "H14");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 701), "ZZ10");
        assert_eq!(a1(0, 702), "AAA1");
    }
}
