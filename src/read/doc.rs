//! Word 97–2003 (.doc) through the `office_oxide` crate, mapped onto the neutral model.
//!
//! # Why office_oxide, and what was measured
//!
//! The .doc format keeps its text in the WordDocument stream behind a piece table (the CLX in
//! the table stream: compressed 8-bit and UTF-16 pieces), and its tables only as marks in that
//! text (cell mark 0x07, row end at a paragraph whose properties say "table row end"), so a
//! usable reader needs the paragraph properties (PAPX) as well as the piece table. On crates.io
//! (2026) the candidates were `office_oxide` 0.1.16 (MIT/Apache-2.0; its `.doc` module is
//! ~15,000 lines: FIB, piece table, CHPX/PAPX, tables with spans, nested tables, text boxes,
//! Word 6/95, a text budget, and `catch_unwind` around parsing), `rwml` 0.1.5 (read/write
//! toolkit, rendering dependencies), `kreuzberg` (a document-intelligence framework, far too
//! heavy for one format). `office_oxide` was measured in a scratch crate outside this repository
//! (release build) on the 14 sample and fixture plans saved by LibreOffice as "MS Word 97":
//!
//! - every file read, 0.5–1.5 ms each; tables came out with their rows, `col_span`/`row_span`
//!   (the merged "Betrokken partijen" cell of Laak's themes 1–2 as one cell spanning two rows),
//!   and the kernteam table nested in a cell of the §1 table;
//! - through this module and the pipeline, the register values of the .doc equal those of the
//!   .docx field by field except where `tests/formats.rs` lists a difference with its reason;
//! - a tracked deletion that LibreOffice stored as a revision mark (Laak: " (sinds 2019)", and a
//!   moved paragraph) is **kept** by office_oxide 0.1.16 although it means to leave deleted text
//!   out (`sprmCFRMarkDel`); the .doc converted back by LibreOffice still shows it as a
//!   deletion. That difference is listed in `tests/formats.rs`;
//! - headings come without their automatic list number (Word's "1." before "Algemene
//!   gegevens"); a number typed in the text is still split off here, and the sjabloon mapper
//!   finds sections by their titles either way;
//! - the table of contents comes through as ordinary paragraphs (the docx reader leaves it
//!   out); lines that look like TOC entries (title, tab, page number) are dropped here;
//! - a file cut to 20 kB gave an error ("WordDocument stream not found"), not a partial text.
//!
//! A hand-written piece-table reader would have had to grow the same PAPX/table logic; the
//! crate does that, is kept up, and guards itself. Its panics are caught at the file boundary
//! like any reader's, and a hang or runaway allocation only costs the worker (deadline, memory
//! cap).
//!
//! # What a .doc that cannot be read gives
//!
//! Never `genegeerd`: `BESTAND_ONLEESBAAR` with a Dutch sentence that says what to send instead
//! (the plan saved as .docx), so a WSV with only an unreadable .doc is not silently reported as
//! having no plan.

use std::io::Cursor;

use office_oxide::ir::{self, Element, InlineContent};
use office_oxide::{DocumentFormat, OfficeError};

use crate::limits::MAX_TABLE_DEPTH;
use crate::model::{Block, Cell, Document, Heading, Loc, Paragraph, Row, Table};
use crate::read::docx::{split_checkbox, split_typed_number};
use crate::read::ReadError;

/// What the WSV should send instead, appended to every reason a .doc is refused.
pub const ADVICE: &str = "vraag de WSV het plan in Word op te slaan als .docx (Bestand > Opslaan \
als > Word-document) en dat opnieuw in te sturen";

/// Deepest nesting of tables, lists and text boxes followed. The conversion recurses over the
/// crate's tree; this bound keeps the call stack small whatever the file holds.
const MAX_DEPTH: usize = 4 * MAX_TABLE_DEPTH;

/// Read a .doc (Word 97–2003 binary) into the neutral model.
pub fn read_doc(bytes: &[u8]) -> Result<Document, ReadError> {
    // The crate's reader wants an owned, 'static source.
    let parsed =
        office_oxide::Document::from_reader(Cursor::new(bytes.to_vec()), DocumentFormat::Doc)
            .map_err(refused)?;
    let doc_ir = parsed.to_ir();
    let mut blocks = Vec::new();
    for section in &doc_ir.sections {
        elements(&section.elements, 0, &mut blocks, false)?;
    }
    for (i, b) in blocks.iter_mut().enumerate() {
        crate::read::docx::set_loc(b, i);
    }
    let mut notes = Vec::new();
    for w in doc_ir.metadata.warnings.iter().take(20) {
        notes.push(format!("de .doc-lezer meldde: {w}"));
    }
    if has_revision_authors(bytes) {
        // office_oxide 0.1.16 does not always leave out text a tracked change deleted (measured on
        // LibreOffice's .doc of the Laak plan: tests/formats.rs KNOWN). Never silently: say so.
        notes.push(
            "het .doc-bestand bevat bijgehouden wijzigingen; tekst die daarin verwijderd is, kan toch zijn meegelezen (vraag bij twijfel om de .docx)"
                .into(),
        );
    }
    Ok(Document {
        blocks,
        notes,
        aantekeningen: Vec::new(),
        ocr_pages: Vec::new(),
    })
}

/// The document records authors of revision marks or comments: the FIB's lcbSttbfRMark
/// (FibRgFcLcb97 pair 51, at byte 154 + 51 × 8 + 4 of the WordDocument stream, MS-DOC 2.5.6) is
/// not zero. Checked on the fixtures: LibreOffice's .doc of the Laak plan (tracked changes) has
/// 52 bytes there, the plan_a .doc (none) 0.
fn has_revision_authors(bytes: &[u8]) -> bool {
    const LCB_STTBF_RMARK: usize = 154 + 51 * 8 + 4;
    let Ok(mut cf) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(mut s) = cf.open_stream("/WordDocument") else {
        return false;
    };
    let mut head = [0u8; LCB_STTBF_RMARK + 4];
    if std::io::Read::read_exact(&mut s, &mut head).is_err() {
        return false;
    }
    head.get(LCB_STTBF_RMARK..LCB_STTBF_RMARK + 4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .is_some_and(|n| n > 0)
}

fn refused(e: OfficeError) -> ReadError {
    let text = e.to_string();
    if text.contains("encrypted") || text.contains("password") {
        return ReadError::Encrypted;
    }
    unreadable(&text)
}

/// A .doc that could not be read, with the reason and what to send instead. Also used for a
/// file named .doc whose OLE container is too damaged to tell what it holds.
pub fn unreadable(detail: &str) -> ReadError {
    ReadError::Unsupported(format!(
        "het bestand is een Word 97-2003-document (.doc) dat niet gelezen kon worden ({detail}); {ADVICE}"
    ))
}

/// Convert `els` into `out` (the document's blocks, or a cell's).
fn elements(
    els: &[Element],
    depth: usize,
    out: &mut Vec<Block>,
    in_text_box: bool,
) -> Result<(), ReadError> {
    if depth > MAX_DEPTH {
        return Err(ReadError::Hostile(format!(
                "het document bevat tabellen, lijsten of tekstvakken die dieper dan {MAX_DEPTH} niveaus in elkaar genest zijn"
            )));
    }
    let target = out;
    for e in els {
        match e {
            Element::Heading(h) => {
                let text = normalise(&ir::inline_to_text(&h.content));
                let text = text.trim();
                if in_text_box {
                    push_para(target, text, &h.content, in_text_box, false);
                } else if !text.is_empty() {
                    let (number, text) = match split_typed_number(text) {
                        Some((n, t)) => (Some(n), t),
                        None => (None, text.to_string()),
                    };
                    target.push(Block::Heading(Heading {
                        level: h.clamped_level(),
                        number,
                        text,
                        loc: Loc::default(),
                    }));
                }
            }
            Element::Paragraph(p) => {
                let text = normalise(&ir::inline_to_text(&p.content));
                push_para(target, &text, &p.content, in_text_box, false);
            }
            Element::Table(t) => {
                let table = table(t, depth + 1)?;
                target.push(Block::Table(table));
            }
            Element::List(l) => list(l, depth + 1, target, in_text_box)?,
            Element::TextBox(tb) => elements(&tb.content, depth + 1, target, true)?,
            Element::CodeBlock(c) => {
                for line in c.content.lines() {
                    push_para(target, line, &[], in_text_box, false);
                }
            }
            // Not plan content, as in the docx reader: footnotes, endnotes and comments;
            // pictures, shapes and breaks carry no text.
            Element::Footnote(_)
            | Element::Endnote(_)
            | Element::Image(_)
            | Element::Shape(_)
            | Element::ThematicBreak
            | Element::PageBreak
            | Element::ColumnBreak => {}
            // `Element` is non-exhaustive; the crate is pinned (`=0.1.16`), whose kinds are
            // all named above, so this arm only matters after a deliberate upgrade.
            _ => {}
        }
    }
    Ok(())
}

fn list(
    l: &ir::List,
    depth: usize,
    out: &mut Vec<Block>,
    in_text_box: bool,
) -> Result<(), ReadError> {
    if depth > MAX_DEPTH {
        return Err(ReadError::Hostile(format!(
            "het document bevat lijsten die dieper dan {MAX_DEPTH} niveaus genest zijn"
        )));
    }
    for item in &l.items {
        let mut blocks = Vec::new();
        elements(&item.content, depth + 1, &mut blocks, in_text_box)?;
        for mut b in blocks {
            if let Block::Paragraph(p) = &mut b {
                p.list_item = true;
            }
            out.push(b);
        }
        if let Some(n) = &item.nested {
            list(n, depth + 1, out, in_text_box)?;
        }
    }
    Ok(())
}

/// A table, with grid columns computed as HTML does: cells covered by a row span from above
/// are not in the crate's rows, so each cell starts at the first column no earlier cell
/// occupies.
fn table(t: &ir::Table, depth: usize) -> Result<Table, ReadError> {
    if depth > MAX_DEPTH {
        return Err(ReadError::Hostile(format!(
            "het document bevat tabellen die dieper dan {MAX_DEPTH} niveaus in elkaar genest zijn"
        )));
    }
    // Per grid column: how many more rows a cell from above still covers.
    let mut covered: Vec<usize> = Vec::new();
    let mut rows = Vec::with_capacity(t.rows.len());
    for r in &t.rows {
        let mut cells = Vec::with_capacity(r.cells.len());
        let mut col = 0usize;
        for c in &r.cells {
            while covered.get(col).is_some_and(|&n| n > 0) {
                col += 1;
            }
            let col_span = (c.col_span as usize).clamp(1, 1000);
            let row_span = (c.row_span as usize).clamp(1, 1000);
            if covered.len() < col + col_span {
                covered.resize(col + col_span, 0);
            }
            for slot in covered.iter_mut().skip(col).take(col_span) {
                // This row counts too; decremented below.
                *slot = row_span;
            }
            let mut blocks = Vec::new();
            elements(&c.content, depth + 1, &mut blocks, false)?;
            cells.push(Cell {
                col,
                col_span,
                row_span,
                blocks,
            });
            col += col_span;
        }
        for slot in covered.iter_mut() {
            *slot = slot.saturating_sub(1);
        }
        rows.push(Row { cells, page: None });
    }
    Ok(Table {
        rows,
        loc: Loc::default(),
    })
}

/// As in the odt reader: Word's non-breaking hyphen (U+2011 in the crate's text) is '-', so
/// "16-23" compares equal to typed text and to the docx reader's; a soft hyphen is a line-break
/// hint, not text.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '\u{ad}')
        .map(|c| if c == '\u{2011}' { '-' } else { c })
        .collect()
}

fn push_para(
    out: &mut Vec<Block>,
    text: &str,
    content: &[InlineContent],
    in_text_box: bool,
    list_item: bool,
) {
    let trimmed = text.trim();
    // The crate gives the table of contents as plain paragraphs ("1.\tAlgemene gegevens\t1");
    // the docx and odt readers leave it out, so this one does too.
    if is_toc_entry(trimmed) {
        return;
    }
    let (glyph, rest) = split_checkbox(trimmed);
    if rest.is_empty() && glyph.is_none() {
        return;
    }
    let mut any = false;
    let mut all_bold = true;
    for c in content {
        if let InlineContent::Text(s) = c {
            if !s.text.trim().is_empty() {
                any = true;
                all_bold &= s.bold;
            }
        }
    }
    out.push(Block::Paragraph(Paragraph {
        text: rest.to_string(),
        in_text_box,
        checkbox: glyph,
        list_item,
        bold: any && all_bold,
        label: None,
        images: Vec::new(),
        loc: Loc::default(),
    }));
}

/// "1.\tAlgemene gegevens\t1": a number, a tab, a title, a tab, a page number.
fn is_toc_entry(t: &str) -> bool {
    let parts: Vec<&str> = t.split('\t').collect();
    if parts.len() < 2 {
        return false;
    }
    let last = parts.last().map_or("", |s| s.trim());
    !last.is_empty() && last.chars().all(|c| c.is_ascii_digit()) && parts.len() >= 2 && {
        let title = parts.get(parts.len() - 2).map_or("", |s| s.trim());
        title.chars().any(char::is_alphabetic)
    }
}
