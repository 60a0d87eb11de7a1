//! `word/document.xml` → blocks, as one iterative state machine over XML events.
//!
//! Nothing here recurses: open paragraphs, tables, cells, text boxes, content controls and fields
//! each live on their own explicit stack, so a hostile file can make the reader refuse
//! ([`MAX_TABLE_DEPTH`], the XML depth limit) but never overflow the call stack.

use quick_xml::events::BytesStart;
use regex::Regex;
use std::sync::OnceLock;

use super::numbering::Numbering;
use super::styles::Styles;
use super::xml::{attr, attr_u32, on_off, Ns, Sink};
use crate::limits::MAX_TABLE_DEPTH;
use crate::model::{Block, Cell, Heading, Loc, Paragraph, Row, Table};
use crate::read::ReadError;

/// A block plus the auto-number Word showed for it (kept for the "no heading styles" fallback).
pub(crate) type Node = (Block, Option<String>);

/// Which notes part a reference in the text points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoteKind {
    Footnote,
    Endnote,
}

/// Longest field code kept: only its first word ("TOC", "PAGEREF") matters.
const MAX_FIELD_CODE: usize = 64;
/// Largest `w:gridSpan`/`w:gridBefore` honoured; real tables have a few dozen columns.
const MAX_SPAN: u32 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    P,
    R,
    PPr,
    RPr,
    NumPr,
    T,
    InstrText,
    Tbl,
    Tr,
    TrPr,
    Tc,
    TcPr,
    Sdt,
    SdtPr,
    DocPartObj,
    Txbx,
    Alt,
    FfCheckBox,
    /// `m:t`: text of an equation.
    MathT,
    /// `m:oMath`: one equation.
    Math,
    /// A `w:footnote`, `w:endnote` or `w:comment` of a notes part.
    NoteItem,
    Skipped,
    Other,
}

#[derive(Debug, Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    /// `w:pPr/w:rPr/w:del` (or `w:moveFrom`): the paragraph mark is deleted, Word shows this
    /// paragraph joined to the next one.
    mark_deleted: bool,
    has_text: bool,
    all_bold: bool,
    run_bold: Option<bool>,
    run_style: Option<String>,
    checkbox: Option<bool>,
    in_text_box: bool,
    /// `containers.len()` when the paragraph opened: tells run-level from block-level controls.
    container_depth: usize,
    /// Text-box blocks anchored in this paragraph, emitted right after it.
    after: Vec<Node>,
    /// Alt texts of the images in this paragraph (`wp:docPr descr`).
    images: Vec<String>,
}

#[derive(Debug, Default)]
struct Container {
    blocks: Vec<Node>,
    /// A paragraph whose mark was deleted, waiting to be joined to the next paragraph.
    carry: Option<Para>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    Restart,
    Continue,
}

#[derive(Debug)]
struct CellState {
    col: usize,
    span: usize,
    vmerge: Option<VMerge>,
}

#[derive(Debug, Default)]
struct RowState {
    cells: Vec<Cell>,
    next_col: usize,
    deleted: bool,
    /// Grid columns whose vertical merge this row continued or started.
    merge_cols: Vec<usize>,
}

#[derive(Debug, Default)]
struct TableState {
    rows: Vec<Row>,
    row: Option<RowState>,
    cell: Option<CellState>,
    /// Open vertical merges: (grid column, row index, cell index) of the restarting cell.
    merges: Vec<(usize, usize, usize)>,
}

#[derive(Debug, Default)]
struct Sdt {
    placeholder: bool,
    toc: bool,
    checkbox: Option<bool>,
    /// How much this control added to `Body::suppress` (undone when it closes).
    suppressing: usize,
    /// Block-level checkbox control: paragraphs inside it get its state.
    block_checkbox: Option<(bool, usize)>,
}

#[derive(Debug)]
struct Field {
    code: String,
    in_result: bool,
    toc: bool,
}

impl Field {
    fn suppresses(&self) -> bool {
        !self.in_result || self.toc
    }
}

pub(super) struct Body<'a> {
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    stack: Vec<Kind>,
    skip_from: Option<usize>,
    containers: Vec<Container>,
    paras: Vec<Para>,
    tables: Vec<TableState>,
    sdts: Vec<Sdt>,
    /// One entry per open `mc:AlternateContent`: whether a branch was already taken.
    alts: Vec<bool>,
    fields: Vec<Field>,
    field_suppress: usize,
    suppress: usize,
    textbox_depth: usize,
    pub(super) notes: Vec<String>,
    saw_revisions: bool,
    /// Foot- and endnote references in the text, in reading order (kind, `w:id`); each left the
    /// marker `[n]` in the text, n being its position here plus one (pandoc's numbering).
    pub(super) note_refs: Vec<(NoteKind, String)>,
    /// In a notes part: each `w:footnote`/`w:endnote`/`w:comment` with its `w:id` and blocks.
    pub(super) note_items: Vec<(String, Vec<Block>)>,
    /// The `w:id` of the note item being read (notes parts only).
    note_id: Option<String>,
    /// Inside an `m:oMath`: whether a piece of its text was written yet (pieces are spaced).
    math_started: Option<bool>,
}

impl<'a> Body<'a> {
    pub(super) fn new(styles: &'a Styles, numbering: &'a mut Numbering) -> Body<'a> {
        Body {
            styles,
            numbering,
            stack: Vec::new(),
            skip_from: None,
            containers: vec![Container::default()],
            paras: Vec::new(),
            tables: Vec::new(),
            sdts: Vec::new(),
            alts: Vec::new(),
            fields: Vec::new(),
            field_suppress: 0,
            suppress: 0,
            textbox_depth: 0,
            notes: Vec::new(),
            saw_revisions: false,
            note_refs: Vec::new(),
            note_items: Vec::new(),
            note_id: None,
            math_started: None,
        }
    }

    /// The top-level blocks, after the event stream ended.
    pub(super) fn finish(mut self) -> (Vec<Node>, Vec<String>) {
        // Anything still open here means the driver saw a well-formed document whose structure
        // was odd (e.g. a `w:tc` outside a table); flush it rather than lose text.
        while let Some(p) = self.paras.pop() {
            let nodes = self.finalize_para(p);
            self.push_nodes(nodes);
        }
        while self.containers.len() > 1 {
            let nodes = self.pop_container();
            self.push_nodes(nodes);
        }
        let nodes = self.pop_container();
        if self.saw_revisions {
            self.notes.push(
                "het document bevat bijgehouden wijzigingen: verwijderde tekst is weggelaten, \
                 ingevoegde tekst is meegenomen"
                    .to_string(),
            );
        }
        (nodes, self.notes)
    }

    fn parent(&self, up: usize) -> Option<Kind> {
        self.stack
            .len()
            .checked_sub(1 + up)
            .and_then(|i| self.stack.get(i).copied())
    }

    fn skip(&mut self) -> Kind {
        self.skip_from = Some(self.stack.len());
        Kind::Skipped
    }

    fn push_nodes(&mut self, nodes: Vec<Node>) {
        if let Some(c) = self.containers.last_mut() {
            c.blocks.extend(nodes);
        }
    }

    /// Close the innermost container: a deleted-mark paragraph still waiting for a partner is
    /// emitted as it is.
    fn pop_container(&mut self) -> Vec<Node> {
        let Some(mut c) = self.containers.pop() else {
            return Vec::new();
        };
        if let Some(p) = c.carry.take() {
            let nodes = self.finalize_para(p);
            c.blocks.extend(nodes);
        }
        c.blocks
    }

    fn push_text(&mut self, s: &str, counts_for_bold: bool) {
        if self.suppress > 0 || self.field_suppress > 0 {
            return;
        }
        let styles = self.styles;
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        p.text.push_str(s);
        if counts_for_bold && !s.trim().is_empty() {
            let bold = p
                .run_bold
                .or_else(|| p.run_style.as_deref().and_then(|r| styles.bold(r)))
                .or_else(|| {
                    p.style
                        .as_deref()
                        .or(styles.default_para())
                        .and_then(|s| styles.bold(s))
                })
                .unwrap_or(false);
            if !p.has_text {
                p.has_text = true;
                p.all_bold = bold;
            } else {
                p.all_bold &= bold;
            }
        }
    }

    fn start_para(&mut self) {
        let mut p = Para {
            in_text_box: self.textbox_depth > 0,
            container_depth: self.containers.len(),
            ..Para::default()
        };
        if let Some(carry) = self.containers.last_mut().and_then(|c| c.carry.take()) {
            p.text = carry.text;
            p.has_text = carry.has_text;
            p.all_bold = carry.all_bold;
            p.checkbox = carry.checkbox;
            p.after = carry.after;
            p.images = carry.images;
        }
        if let Some((state, depth)) = self.sdts.last().and_then(|s| s.block_checkbox) {
            if depth == self.containers.len() {
                p.checkbox = Some(state);
            }
        }
        self.paras.push(p);
    }

    fn end_para(&mut self) {
        let Some(p) = self.paras.pop() else { return };
        if p.mark_deleted {
            if let Some(c) = self.containers.last_mut() {
                // Two deleted marks in a row: the second paragraph already took the first's text.
                c.carry = Some(p);
                return;
            }
        }
        let nodes = self.finalize_para(p);
        self.push_nodes(nodes);
    }

    /// Turn a closed paragraph into blocks: its own (unless empty or a TOC entry) then the
    /// text-box blocks it anchors.
    fn finalize_para(&mut self, p: Para) -> Vec<Node> {
        let styles = self.styles;
        let style = p.style.as_deref().or(styles.default_para());
        let mut out = Vec::with_capacity(1 + p.after.len());
        let toc = style.is_some_and(|s| styles.is_toc(s));
        let num = match p.num_id {
            Some(0) => None,
            Some(id) => Some((id, p.ilvl.unwrap_or(0))),
            None => style.and_then(|s| {
                styles.numbering(s).map(|(id, ilvl)| {
                    let lvl = p
                        .ilvl
                        .or(ilvl)
                        .or_else(|| self.numbering.level_for_style(id, s));
                    (id, lvl.unwrap_or(0))
                })
            }),
        };
        let auto = if toc {
            None
        } else {
            num.and_then(|(id, l)| self.numbering.next(id, l))
        };
        let level = if p.in_text_box {
            None
        } else {
            match p.outline {
                Some(l) if l < 9 => Some(l + 1),
                Some(_) => None,
                None => style.and_then(|s| styles.heading_level(s)),
            }
        };
        let trimmed = p.text.trim();
        let (glyph, rest) = split_checkbox(trimmed);
        let checkbox = p.checkbox.or(glyph);
        let text = rest.to_string();
        if !toc {
            if let Some(level) = level {
                let (number, text) = match auto {
                    Some(n) => (Some(n), text),
                    None => match split_typed_number(&text) {
                        Some((n, t)) => (Some(n), t),
                        None => (None, text),
                    },
                };
                if !text.is_empty() || number.is_some() {
                    out.push((
                        Block::Heading(Heading {
                            level,
                            number,
                            text,
                            loc: Loc::default(),
                        }),
                        None,
                    ));
                }
            } else if !text.is_empty() || checkbox.is_some() {
                out.push((
                    Block::Paragraph(Paragraph {
                        text,
                        in_text_box: p.in_text_box,
                        checkbox,
                        list_item: num.is_some(),
                        bold: p.has_text && p.all_bold,
                        label: auto.clone().filter(|_| num.is_some()),
                        images: p.images,
                        loc: Loc::default(),
                    }),
                    auto,
                ));
            }
        }
        out.extend(p.after);
        out
    }

    fn start_table(&mut self) -> Result<(), ReadError> {
        if self.tables.len() >= MAX_TABLE_DEPTH {
            return Err(ReadError::Hostile(format!(
                "het document bevat tabellen die dieper dan {MAX_TABLE_DEPTH} niveaus in elkaar genest zijn"
            )));
        }
        self.tables.push(TableState::default());
        Ok(())
    }

    fn end_table(&mut self) {
        let Some(t) = self.tables.pop() else { return };
        let table = Table {
            rows: t.rows,
            loc: Loc::default(),
        };
        self.push_nodes(vec![(Block::Table(table), None)]);
    }

    fn start_row(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            t.row = Some(RowState::default());
        }
    }

    fn end_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(row) = t.row.take() else { return };
        if row.deleted {
            return;
        }
        t.merges.retain(|m| row.merge_cols.contains(&m.0));
        t.rows.push(Row {
            cells: row.cells,
            page: None,
        });
    }

    fn start_cell(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            let col = t.row.as_ref().map_or(0, |r| r.next_col);
            t.cell = Some(CellState {
                col,
                span: 1,
                vmerge: None,
            });
        }
        self.containers.push(Container::default());
    }

    fn end_cell(&mut self) {
        let nodes = self.pop_container();
        let blocks: Vec<Block> = nodes.into_iter().map(|(b, _)| b).collect();
        let Some(t) = self.tables.last_mut() else {
            // A cell outside any table: keep its text in the enclosing container.
            self.push_nodes(blocks.into_iter().map(|b| (b, None)).collect());
            return;
        };
        let Some(cs) = t.cell.take() else { return };
        let row_index = t.rows.len();
        let Some(row) = t.row.as_mut() else { return };
        row.next_col = cs.col.saturating_add(cs.span);
        if cs.vmerge == Some(VMerge::Continue) {
            if let Some(&(_, r, c)) = t.merges.iter().find(|m| m.0 == cs.col) {
                if let Some(cell) = t.rows.get_mut(r).and_then(|rw| rw.cells.get_mut(c)) {
                    cell.row_span += 1;
                    row.merge_cols.push(cs.col);
                    return;
                }
            }
        }
        let end = cs.col.saturating_add(cs.span);
        t.merges.retain(|m| m.0 < cs.col || m.0 >= end);
        if cs.vmerge == Some(VMerge::Restart) && !row.deleted {
            t.merges.push((cs.col, row_index, row.cells.len()));
            row.merge_cols.push(cs.col);
        }
        row.cells.push(Cell {
            col: cs.col,
            col_span: cs.span,
            row_span: 1,
            blocks,
        });
    }

    fn end_textbox(&mut self) {
        self.textbox_depth = self.textbox_depth.saturating_sub(1);
        let nodes = self.pop_container();
        match self.paras.last_mut() {
            Some(anchor) => anchor.after.extend(nodes),
            None => self.push_nodes(nodes),
        }
    }

    fn start_sdt_content(&mut self) -> Kind {
        let run_level = self
            .paras
            .last()
            .is_some_and(|p| p.container_depth == self.containers.len());
        let depth = self.containers.len();
        let Some(sdt) = self.sdts.last_mut() else {
            return Kind::Other;
        };
        if sdt.toc {
            return self.skip();
        }
        let mut add = 0;
        if sdt.placeholder {
            add += 1;
        }
        if let Some(state) = sdt.checkbox {
            if run_level {
                // The control's glyph (☐/☒ in MS Gothic) is presentation, not text.
                add += 1;
                if let Some(p) = self.paras.last_mut() {
                    p.checkbox = Some(state);
                }
            } else {
                sdt.block_checkbox = Some((state, depth));
            }
        }
        sdt.suppressing += add;
        self.suppress += add;
        Kind::Other
    }

    fn field_char(&mut self, e: &BytesStart) {
        match attr(e, "fldCharType").as_deref() {
            Some("begin") => {
                self.fields.push(Field {
                    code: String::new(),
                    in_result: false,
                    toc: false,
                });
                self.field_suppress += 1;
            }
            Some("separate") => {
                if let Some(f) = self.fields.last_mut() {
                    if !f.in_result {
                        f.in_result = true;
                        f.toc = is_toc_code(&f.code);
                        if !f.toc {
                            self.field_suppress = self.field_suppress.saturating_sub(1);
                        }
                    }
                }
            }
            Some("end") => {
                if let Some(f) = self.fields.pop() {
                    if f.suppresses() {
                        self.field_suppress = self.field_suppress.saturating_sub(1);
                    }
                }
            }
            _ => {}
        }
    }

    fn sym(&mut self, e: &BytesStart) {
        let Some(code) = attr(e, "char").and_then(|c| u32::from_str_radix(c.trim(), 16).ok())
        else {
            return;
        };
        let font = attr(e, "font").unwrap_or_default();
        let ch = super::symbols::sym_char(&font, code);
        if let Some(ch) = ch {
            let mut buf = [0u8; 4];
            self.push_text(ch.encode_utf8(&mut buf), false);
        }
    }
}

impl Body<'_> {
    /// Whether text pushed now would reach the document (not inside a field code, a
    /// placeholder or a checkbox glyph, and inside a paragraph).
    fn visible(&self) -> bool {
        self.suppress == 0 && self.field_suppress == 0 && !self.paras.is_empty()
    }

    /// A foot- or endnote reference: remember it and leave pandoc's marker `[n]` in the text.
    fn note_ref(&mut self, kind: NoteKind, e: &BytesStart) {
        let Some(id) = attr(e, "id") else { return };
        if !self.visible() {
            return;
        }
        self.note_refs.push((kind, id));
        let marker = format!("[{}]", self.note_refs.len());
        self.push_text(&marker, false);
    }

    /// A `w:footnote`/`w:endnote`/`w:comment` directly under its part's root opens a note item;
    /// Word's separator notes (`w:type="separator"`, …) hold no text and are skipped.
    fn start_note_item(&mut self, e: &BytesStart) -> Kind {
        if attr(e, "type").is_some_and(|t| t != "normal") {
            return self.skip();
        }
        self.note_id = Some(attr(e, "id").unwrap_or_default());
        self.containers.push(Container::default());
        Kind::NoteItem
    }

    fn end_note_item(&mut self) {
        let blocks = self.pop_container().into_iter().map(|(b, _)| b).collect();
        let id = self.note_id.take().unwrap_or_default();
        self.note_items.push((id, blocks));
    }

    /// One piece of an equation's text. Pieces (base, subscript, operator, …) are spaced so that
    /// `e` with subscript `j` reads as "e j", not as the word "ej".
    fn math_text(&mut self, t: &str) {
        if let Some(started) = self.math_started {
            if started && !t.is_empty() {
                self.push_text(" ", false);
            }
            self.push_text(t, true);
            self.math_started = Some(started || !t.is_empty());
        }
    }
}

impl Sink for Body<'_> {
    fn start(&mut self, ns: Ns, local: &str, e: &BytesStart) -> Result<(), ReadError> {
        if self.skip_from.is_some() {
            self.stack.push(Kind::Skipped);
            return Ok(());
        }
        let p0 = self.parent(0);
        let p1 = self.parent(1);
        let kind = match ns {
            Ns::W
                if self.stack.len() == 1 && matches!(local, "footnote" | "endnote" | "comment") =>
            {
                self.start_note_item(e)
            }
            Ns::W => match local {
                "p" => {
                    self.start_para();
                    Kind::P
                }
                "r" => {
                    if let Some(p) = self.paras.last_mut() {
                        p.run_bold = None;
                        p.run_style = None;
                    }
                    Kind::R
                }
                "t" if p0 == Some(Kind::R) => Kind::T,
                "pPr" if p0 == Some(Kind::P) => Kind::PPr,
                "rPr" => Kind::RPr,
                "numPr" if p0 == Some(Kind::PPr) => Kind::NumPr,
                "instrText" => Kind::InstrText,
                "delText" | "delInstrText" => self.skip(),
                "del" | "moveFrom" => {
                    if p0 == Some(Kind::RPr) && p1 == Some(Kind::PPr) {
                        self.saw_revisions = true;
                        if let Some(p) = self.paras.last_mut() {
                            p.mark_deleted = true;
                        }
                        Kind::Other
                    } else if p0 == Some(Kind::TrPr) {
                        self.saw_revisions = true;
                        if let Some(r) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                            r.deleted = true;
                        }
                        Kind::Other
                    } else if p0 == Some(Kind::RPr) || p0 == Some(Kind::TcPr) {
                        Kind::Other
                    } else {
                        self.saw_revisions = true;
                        self.skip()
                    }
                }
                "ins" | "moveTo" => {
                    self.saw_revisions = true;
                    Kind::Other
                }
                // Revision records hold the *old* properties (pPrChange, rPrChange, …).
                l if l.ends_with("Change") => self.skip(),
                "sdt" => {
                    self.sdts.push(Sdt::default());
                    Kind::Sdt
                }
                "sdtPr" if p0 == Some(Kind::Sdt) => Kind::SdtPr,
                "sdtEndPr" => self.skip(),
                "sdtContent" if p0 == Some(Kind::Sdt) => self.start_sdt_content(),
                "showingPlcHdr" if p0 == Some(Kind::SdtPr) => {
                    if let Some(s) = self.sdts.last_mut() {
                        s.placeholder = on_off(e);
                    }
                    Kind::Other
                }
                "docPartObj" if p0 == Some(Kind::SdtPr) => Kind::DocPartObj,
                "docPartGallery" if p0 == Some(Kind::DocPartObj) => {
                    if attr(e, "val").is_some_and(|v| v.eq_ignore_ascii_case("Table of Contents")) {
                        if let Some(s) = self.sdts.last_mut() {
                            s.toc = true;
                        }
                    }
                    Kind::Other
                }
                "tbl" => {
                    self.start_table()?;
                    Kind::Tbl
                }
                "tr" => {
                    self.start_row();
                    Kind::Tr
                }
                "trPr" if p0 == Some(Kind::Tr) => Kind::TrPr,
                "gridBefore" if p0 == Some(Kind::TrPr) => {
                    let n = attr_u32(e, "val").unwrap_or(0).min(MAX_SPAN) as usize;
                    if let Some(r) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                        if r.cells.is_empty() {
                            r.next_col = n;
                        }
                    }
                    Kind::Other
                }
                "tc" => {
                    self.start_cell();
                    Kind::Tc
                }
                "tcPr" if p0 == Some(Kind::Tc) => Kind::TcPr,
                "gridSpan" if p0 == Some(Kind::TcPr) => {
                    let n = attr_u32(e, "val").unwrap_or(1).clamp(1, MAX_SPAN) as usize;
                    if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        c.span = n;
                    }
                    Kind::Other
                }
                "vMerge" if p0 == Some(Kind::TcPr) => {
                    let v = if attr(e, "val").as_deref() == Some("restart") {
                        VMerge::Restart
                    } else {
                        VMerge::Continue
                    };
                    if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        c.vmerge = Some(v);
                    }
                    Kind::Other
                }
                "txbxContent" => {
                    self.textbox_depth += 1;
                    self.containers.push(Container::default());
                    Kind::Txbx
                }
                "fldSimple" => {
                    if attr(e, "instr").is_some_and(|c| is_toc_code(&c)) {
                        self.skip()
                    } else {
                        Kind::Other
                    }
                }
                "fldChar" => {
                    self.field_char(e);
                    Kind::Other
                }
                "tab" | "ptab" if p0 == Some(Kind::R) => {
                    self.push_text("\t", false);
                    Kind::Other
                }
                "br" | "cr" if p0 == Some(Kind::R) => {
                    self.push_text("\n", false);
                    Kind::Other
                }
                "noBreakHyphen" if p0 == Some(Kind::R) => {
                    self.push_text("-", false);
                    Kind::Other
                }
                "sym" if p0 == Some(Kind::R) => {
                    self.sym(e);
                    Kind::Other
                }
                "footnoteReference" if p0 == Some(Kind::R) => {
                    self.note_ref(NoteKind::Footnote, e);
                    Kind::Other
                }
                "endnoteReference" if p0 == Some(Kind::R) => {
                    self.note_ref(NoteKind::Endnote, e);
                    Kind::Other
                }
                "pStyle" if p0 == Some(Kind::PPr) => {
                    if let Some(p) = self.paras.last_mut() {
                        p.style = attr(e, "val");
                    }
                    Kind::Other
                }
                "outlineLvl" if p0 == Some(Kind::PPr) => {
                    if let Some(p) = self.paras.last_mut() {
                        p.outline = attr_u32(e, "val").map(|v| v.min(9) as u8);
                    }
                    Kind::Other
                }
                "numId" if p0 == Some(Kind::NumPr) => {
                    if let Some(p) = self.paras.last_mut() {
                        p.num_id = attr_u32(e, "val");
                    }
                    Kind::Other
                }
                "ilvl" if p0 == Some(Kind::NumPr) => {
                    if let Some(p) = self.paras.last_mut() {
                        p.ilvl = attr_u32(e, "val").map(|v| v.min(8) as u8);
                    }
                    Kind::Other
                }
                "rStyle" if p0 == Some(Kind::RPr) && p1 == Some(Kind::R) => {
                    if let Some(p) = self.paras.last_mut() {
                        p.run_style = attr(e, "val");
                    }
                    Kind::Other
                }
                "b" if p0 == Some(Kind::RPr) && p1 == Some(Kind::R) => {
                    if let Some(p) = self.paras.last_mut() {
                        p.run_bold = Some(on_off(e));
                    }
                    Kind::Other
                }
                // Legacy form-field checkbox: w:ffData/w:checkBox/(w:default|w:checked).
                "checkBox" => Kind::FfCheckBox,
                "default" | "checked" if p0 == Some(Kind::FfCheckBox) => {
                    if let Some(p) = self.paras.last_mut() {
                        if local == "checked" || p.checkbox.is_none() {
                            p.checkbox = Some(on_off(e));
                        }
                    }
                    Kind::Other
                }
                _ => Kind::Other,
            },
            Ns::W14 => {
                match local {
                    "checkbox" if p0 == Some(Kind::SdtPr) => {
                        if let Some(s) = self.sdts.last_mut() {
                            s.checkbox.get_or_insert(false);
                        }
                    }
                    "checked" => {
                        if let Some(s) = self.sdts.last_mut() {
                            let v = attr(e, "val").unwrap_or_default();
                            s.checkbox = Some(matches!(v.trim(), "1" | "true" | "on"));
                        }
                    }
                    _ => {}
                }
                Kind::Other
            }
            Ns::M => match local {
                // Nested equations (an `m:oMath` inside another's argument) continue the outer.
                "oMath" if self.math_started.is_none() => {
                    self.math_started = Some(false);
                    Kind::Math
                }
                "t" => Kind::MathT,
                _ => Kind::Other,
            },
            Ns::Mc => match local {
                "AlternateContent" => {
                    self.alts.push(false);
                    Kind::Alt
                }
                // Take the first branch (the DrawingML `Choice`); a later Choice or the VML
                // `Fallback` repeats the same text box and would count its text twice.
                "Choice" | "Fallback" if p0 == Some(Kind::Alt) => match self.alts.last_mut() {
                    Some(taken) if !*taken => {
                        *taken = true;
                        Kind::Other
                    }
                    _ => self.skip(),
                },
                _ => Kind::Other,
            },
            // An image's description (`wp:docPr descr`), for the full text.
            Ns::Other if local == "docPr" => {
                if let Some(d) = attr(e, "descr").filter(|d| !d.trim().is_empty()) {
                    if self.visible() {
                        if let Some(p) = self.paras.last_mut() {
                            p.images.push(d.trim().to_string());
                        }
                    }
                }
                Kind::Other
            }
            _ => Kind::Other,
        };
        self.stack.push(kind);
        Ok(())
    }

    fn end(&mut self) -> Result<(), ReadError> {
        let kind = self.stack.pop();
        if let Some(from) = self.skip_from {
            if self.stack.len() == from {
                self.skip_from = None;
            }
            return Ok(());
        }
        match kind {
            Some(Kind::P) => self.end_para(),
            Some(Kind::Tc) => self.end_cell(),
            Some(Kind::Tr) => self.end_row(),
            Some(Kind::Tbl) => self.end_table(),
            Some(Kind::Txbx) => self.end_textbox(),
            Some(Kind::NoteItem) => self.end_note_item(),
            Some(Kind::Math) => self.math_started = None,
            Some(Kind::Alt) => {
                self.alts.pop();
            }
            Some(Kind::Sdt) => {
                if let Some(s) = self.sdts.pop() {
                    self.suppress = self.suppress.saturating_sub(s.suppressing);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, t: &str) {
        if self.skip_from.is_some() {
            return;
        }
        match self.stack.last() {
            Some(Kind::T) => self.push_text(t, true),
            Some(Kind::MathT) => self.math_text(t),
            Some(Kind::InstrText) => {
                if let Some(f) = self.fields.last_mut() {
                    if !f.in_result && f.code.len() < MAX_FIELD_CODE {
                        f.code.extend(t.chars().take(MAX_FIELD_CODE));
                    }
                }
            }
            _ => {}
        }
    }

    fn note(&mut self, note: String) {
        self.notes.push(note);
    }
}

fn is_toc_code(code: &str) -> bool {
    code.trim_start()
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("TOC"))
}

/// A checkbox glyph at the start of a paragraph: (state, text after it).
pub(crate) fn split_checkbox(text: &str) -> (Option<bool>, &str) {
    let mut chars = text.chars();
    let state = match chars.next() {
        Some('☒' | '☑' | '✅' | '✔' | '✓') => Some(true),
        Some('☐' | '□') => Some(false),
        _ => None,
    };
    match state {
        Some(_) => {
            let rest = chars.as_str();
            let rest = rest.strip_prefix('\u{fe0f}').unwrap_or(rest);
            (state, rest.trim_start())
        }
        None => (None, text),
    }
}

/// A number typed at the start of a heading ("4. Thema’s", "4 Thema’s", "2.1 Doelen"):
/// (number without trailing dot, rest). Components have at most two digits so "2025 plannen"
/// and "10.000 inwoners" are not mistaken for numbers.
pub(crate) fn split_typed_number(text: &str) -> Option<(String, String)> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2})*)(?:\.?\s+|\.$)").ok())
        .as_ref()?;
    let caps = re.captures(text)?;
    let number = caps.get(1)?.as_str().to_string();
    let rest = text.get(caps.get(0)?.end()..)?.trim().to_string();
    Some((number, rest))
}
