//! `content.xml`'s `office:text` → blocks, as one iterative state machine over XML events (the
//! same shape as the docx body reader: explicit stacks for paragraphs, tables, text boxes and
//! lists, so a hostile file can make the reader refuse but never overflow the call stack).

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::styles::{Family, Styles, LEVELS};
use crate::limits::MAX_TABLE_DEPTH;
use crate::model::{
    blocks_text, Aantekening, AantekeningSoort, Block, Cell, Heading, Loc, Paragraph, Row, Table,
};
use crate::read::docx::{split_checkbox, split_typed_number, Node};
use crate::read::xml::{attr, Ns, Sink};
use crate::read::ReadError;

/// Most spaces one `text:s` adds (`text:c` is a number in the file).
const MAX_SPACES: usize = 1000;
/// Most copies made of one repeated row or cell (`table:number-rows-repeated`,
/// `table:number-columns-repeated`); text documents repeat at most a few empty cells.
const MAX_REPEAT: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `office:text`: only blocks inside it are read.
    Text,
    P,
    Span,
    /// `text:number` inside a heading: the number as LibreOffice showed it.
    Number,
    List,
    ListItem,
    Table,
    Row,
    Cell,
    Frame,
    /// A text box (`draw:text-box`) or a shape carrying text (`draw:custom-shape`, …).
    TextBox,
    /// A content control or placeholder whose text is not the writer's (its count is in
    /// `Body::suppress`).
    Suppressing,
    /// `text:note` (foot- or endnote): its body is read into a container of its own.
    Note,
    /// `office:annotation` (a comment): likewise.
    Annotation,
    Skipped,
    Other,
}

#[derive(Debug, Default)]
struct Para {
    text: String,
    /// The last character pushed came from collapsible white space in the XML.
    collapsed_space: bool,
    heading: Option<u8>,
    style: Option<String>,
    spans: Vec<Option<String>>,
    has_text: bool,
    all_bold: bool,
    checkbox: Option<bool>,
    in_text_box: bool,
    list_item: bool,
    /// The list or outline number shown before the paragraph.
    auto: Option<String>,
    /// `text:number` content of a heading.
    shown_number: Option<String>,
    /// Text-box blocks anchored in this paragraph, emitted right after it.
    after: Vec<Node>,
}

#[derive(Debug, Default)]
struct RowState {
    cells: Vec<Cell>,
    next_col: usize,
    repeat: usize,
}

#[derive(Debug)]
struct CellState {
    col: usize,
    col_span: usize,
    row_span: usize,
    repeat: usize,
}

#[derive(Debug, Default)]
struct TableState {
    rows: Vec<Row>,
    row: Option<RowState>,
    cell: Option<CellState>,
}

#[derive(Debug)]
struct ListState {
    style: Option<String>,
    /// The current item has not numbered a paragraph yet.
    pending: bool,
    start_value: Option<u32>,
}

pub(super) struct Body<'a> {
    styles: &'a Styles,
    stack: Vec<Kind>,
    skip_from: Option<usize>,
    containers: Vec<Vec<Node>>,
    paras: Vec<Para>,
    tables: Vec<TableState>,
    lists: Vec<ListState>,
    /// One entry per open `draw:frame`: whether one of its alternatives was already read.
    frames: Vec<bool>,
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    outline: [Option<u32>; LEVELS],
    suppress: usize,
    textbox_depth: usize,
    notes: Vec<String>,
    saw_revisions: bool,
    capped_repeat: bool,
    /// Foot- and endnotes (`text:note`) and comments (`office:annotation`) in reading order,
    /// kept apart from the blocks: [`crate::model::Document::aantekeningen`].
    pub(super) aantekeningen: Vec<Aantekening>,
    /// Foot- and endnotes so far (their markers `[n]` in the text, pandoc's numbering).
    note_count: usize,
    comment_count: usize,
    /// The class and number of each open `text:note`.
    open_notes: Vec<(AantekeningSoort, usize)>,
}

impl<'a> Body<'a> {
    pub(super) fn new(styles: &'a Styles) -> Body<'a> {
        Body {
            styles,
            stack: Vec::new(),
            skip_from: None,
            containers: vec![Vec::new()],
            paras: Vec::new(),
            tables: Vec::new(),
            lists: Vec::new(),
            frames: Vec::new(),
            counters: HashMap::new(),
            outline: [None; LEVELS],
            suppress: 0,
            textbox_depth: 0,
            notes: Vec::new(),
            saw_revisions: false,
            capped_repeat: false,
            aantekeningen: Vec::new(),
            note_count: 0,
            comment_count: 0,
            open_notes: Vec::new(),
        }
    }

    pub(super) fn finish(mut self) -> (Vec<Node>, Vec<String>) {
        // Only reachable for odd but well-formed structure; flush rather than lose text.
        while let Some(p) = self.paras.pop() {
            let nodes = self.finalize_para(p);
            self.push_nodes(nodes);
        }
        while self.containers.len() > 1 {
            let nodes = self.containers.pop().unwrap_or_default();
            self.push_nodes(nodes);
        }
        let nodes = self.containers.pop().unwrap_or_default();
        if self.saw_revisions {
            self.notes.push(
                "het document bevat bijgehouden wijzigingen: verwijderde tekst is weggelaten, \
                 ingevoegde tekst is meegenomen"
                    .to_string(),
            );
        }
        if self.capped_repeat {
            self.notes.push(format!(
                "een tabel herhaalt een rij of cel meer dan {MAX_REPEAT} keer; alleen de eerste \
                 {MAX_REPEAT} herhalingen zijn gelezen"
            ));
        }
        (nodes, self.notes)
    }

    fn in_text(&self) -> bool {
        self.stack.contains(&Kind::Text)
    }

    fn skip(&mut self) -> Kind {
        self.skip_from = Some(self.stack.len());
        Kind::Skipped
    }

    fn push_nodes(&mut self, nodes: Vec<Node>) {
        if let Some(c) = self.containers.last_mut() {
            c.extend(nodes);
        }
    }

    fn repeat(&mut self, e: &BytesStart, name: &str) -> usize {
        let n = attr(e, name)
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .max(1);
        if n > MAX_REPEAT {
            self.capped_repeat = true;
        }
        n.min(MAX_REPEAT)
    }

    /// Text as it appears in the XML: white space collapses (ODF 1.2 §6.1.2), explicit spaces
    /// come from `text:s`.
    fn push_xml_text(&mut self, t: &str) {
        if self.suppress > 0 {
            return;
        }
        let bold = self.current_bold();
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        if matches!(self.stack.last(), Some(Kind::Number)) {
            p.shown_number.get_or_insert_with(String::new).push_str(t);
            return;
        }
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\r' | '\n') {
                if p.collapsed_space || p.text.is_empty() {
                    continue;
                }
                p.text.push(' ');
                p.collapsed_space = true;
            } else if c == '\u{ad}' {
                // A soft hyphen is a hint for line breaking, not text (Word's `w:softHyphen`
                // is not read either).
            } else {
                // LibreOffice writes Word's `w:noBreakHyphen` as U+2011; the docx reader reads
                // it as '-', so "e-mailadres" compares equal to typed text in both.
                p.text.push(if c == '\u{2011}' { '-' } else { c });
                p.collapsed_space = false;
            }
        }
        if !t.trim().is_empty() {
            if !p.has_text {
                p.has_text = true;
                p.all_bold = bold;
            } else {
                p.all_bold &= bold;
            }
        }
    }

    fn push_literal(&mut self, s: &str) {
        if self.suppress > 0 {
            return;
        }
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
            p.collapsed_space = false;
        }
    }

    fn current_bold(&self) -> bool {
        let Some(p) = self.paras.last() else {
            return false;
        };
        for s in p.spans.iter().rev().flatten() {
            if let Some(b) = self.styles.bold(Family::Text, s) {
                return b;
            }
        }
        p.style
            .as_deref()
            .and_then(|s| self.styles.bold(Family::Paragraph, s))
            .or(self.styles.default_para_bold())
            .unwrap_or(false)
    }

    fn start_para(&mut self, e: &BytesStart, heading: bool) {
        let parent_is_item = matches!(self.stack.last(), Some(Kind::ListItem));
        let level = if heading {
            Some(
                attr(e, "outline-level")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, LEVELS) as u8,
            )
        } else {
            None
        };
        let mut p = Para {
            heading: level,
            style: attr(e, "style-name"),
            in_text_box: self.textbox_depth > 0,
            list_item: parent_is_item,
            ..Para::default()
        };
        if parent_is_item {
            p.auto = self.next_list_number();
        } else if let Some(l) = level {
            if attr(e, "is-list-header").as_deref() != Some("true") {
                p.auto = self.next_outline_number(usize::from(l));
            }
        }
        self.paras.push(p);
    }

    fn end_para(&mut self) {
        let Some(p) = self.paras.pop() else { return };
        let nodes = self.finalize_para(p);
        self.push_nodes(nodes);
    }

    /// The number the current list item shows, counted per list style as LibreOffice does
    /// (a list with `text:continue-numbering` goes on where the previous one of its style ended).
    fn next_list_number(&mut self) -> Option<String> {
        let depth = self.lists.len().clamp(1, LEVELS);
        let item = self.lists.last_mut()?;
        if !item.pending {
            return None;
        }
        item.pending = false;
        let start_value = item.start_value.take();
        let style = self.lists.iter().rev().find_map(|l| l.style.clone())?;
        let styles = self.styles;
        let start_of = |lvl: usize| styles.list_level(&style, lvl).map_or(1, |l| l.start);
        let counters = self.counters.entry(style.clone()).or_insert([None; LEVELS]);
        let value = match start_value {
            Some(v) => v,
            None => counters
                .get(depth - 1)
                .copied()
                .flatten()
                .map_or_else(|| start_of(depth), |v| v.saturating_add(1)),
        };
        if let Some(c) = counters.get_mut(depth - 1) {
            *c = Some(value);
        }
        for c in counters.iter_mut().skip(depth) {
            *c = None;
        }
        let counters = *counters;
        let level = styles.list_level(&style, depth)?;
        format_number(&counters, depth, level, |l| {
            styles.list_level(&style, l).cloned()
        })
    }

    /// The number a heading outside any list gets from the outline numbering.
    fn next_outline_number(&mut self, level: usize) -> Option<String> {
        let styles = self.styles;
        let start_of = |l: usize| styles.outline_level(l).map_or(1, |x| x.start);
        let value = self
            .outline
            .get(level - 1)
            .copied()
            .flatten()
            .map_or_else(|| start_of(level), |v| v.saturating_add(1));
        if let Some(c) = self.outline.get_mut(level - 1) {
            *c = Some(value);
        }
        for c in self.outline.iter_mut().skip(level) {
            *c = None;
        }
        let lvl = styles.outline_level(level)?;
        format_number(&self.outline, level, lvl, |l| {
            styles.outline_level(l).cloned()
        })
    }

    fn finalize_para(&mut self, p: Para) -> Vec<Node> {
        let mut out = Vec::with_capacity(1 + p.after.len());
        let (glyph, rest) = split_checkbox(p.text.trim());
        let checkbox = p.checkbox.or(glyph);
        let text = rest.to_string();
        let shown = p
            .shown_number
            .map(|n| n.trim().trim_end_matches('.').trim().to_string())
            .filter(|n| !n.is_empty());
        match p.heading {
            // Text-box paragraphs are never headings (as in the docx reader).
            Some(level) if !p.in_text_box => {
                let (number, text) = match shown.or(p.auto) {
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
            }
            _ => {
                if !text.is_empty() || checkbox.is_some() {
                    out.push((
                        Block::Paragraph(Paragraph {
                            text,
                            in_text_box: p.in_text_box,
                            checkbox,
                            list_item: p.list_item,
                            bold: p.has_text && p.all_bold,
                            label: p.auto.clone().filter(|_| p.list_item),
                            images: Vec::new(),
                            loc: Loc::default(),
                        }),
                        p.auto,
                    ));
                }
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

    fn start_row(&mut self, e: &BytesStart) {
        let repeat = self.repeat(e, "number-rows-repeated");
        if let Some(t) = self.tables.last_mut() {
            t.row = Some(RowState {
                repeat,
                ..RowState::default()
            });
        }
    }

    fn end_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(row) = t.row.take() else { return };
        let r = Row {
            cells: row.cells,
            page: None,
        };
        for _ in 1..row.repeat {
            t.rows.push(r.clone());
        }
        t.rows.push(r);
    }

    fn start_cell(&mut self, e: &BytesStart) {
        let repeat = self.repeat(e, "number-columns-repeated");
        let span = |name: &str| {
            attr(e, name)
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_REPEAT)
        };
        let (col_span, row_span) = (span("number-columns-spanned"), span("number-rows-spanned"));
        if let Some(t) = self.tables.last_mut() {
            let col = t.row.as_ref().map_or(0, |r| r.next_col);
            t.cell = Some(CellState {
                col,
                col_span,
                row_span,
                repeat,
            });
        }
        self.containers.push(Vec::new());
    }

    fn end_cell(&mut self) {
        let nodes = self.containers.pop().unwrap_or_default();
        let blocks: Vec<Block> = nodes.into_iter().map(|(b, _)| b).collect();
        let Some(t) = self.tables.last_mut() else {
            self.push_nodes(blocks.into_iter().map(|b| (b, None)).collect());
            return;
        };
        let Some(cs) = t.cell.take() else { return };
        let Some(row) = t.row.as_mut() else { return };
        // Every grid column has its own `table:table-cell` or `table:covered-table-cell`, so a
        // cell advances the grid by one column per repetition; the columns it spans are
        // advanced by the covered cells that follow it.
        for i in 0..cs.repeat {
            row.cells.push(Cell {
                col: cs.col + i,
                col_span: cs.col_span,
                row_span: cs.row_span,
                blocks: blocks.clone(),
            });
        }
        row.next_col = cs.col.saturating_add(cs.repeat);
    }

    fn covered_cell(&mut self, e: &BytesStart) {
        let n = self.repeat(e, "number-columns-repeated");
        if let Some(r) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
            r.next_col = r.next_col.saturating_add(n);
        }
    }

    fn start_textbox(&mut self) -> Kind {
        self.textbox_depth += 1;
        self.containers.push(Vec::new());
        Kind::TextBox
    }

    fn end_textbox(&mut self) {
        self.textbox_depth = self.textbox_depth.saturating_sub(1);
        let nodes = self.containers.pop().unwrap_or_default();
        match self.paras.last_mut() {
            Some(anchor) => anchor.after.extend(nodes),
            None => self.push_nodes(nodes),
        }
    }

    /// Close a note's or comment's container: its text becomes an [`Aantekening`].
    fn end_aantekening(&mut self, soort: AantekeningSoort, nummer: usize) {
        let blocks: Vec<Block> = self
            .containers
            .pop()
            .unwrap_or_default()
            .into_iter()
            .map(|(b, _)| b)
            .collect();
        let tekst = blocks_text(&blocks);
        if soort == AantekeningSoort::Opmerking && tekst.is_empty() {
            self.comment_count -= 1;
            return;
        }
        self.aantekeningen.push(Aantekening {
            soort,
            nummer,
            tekst,
        });
    }

    fn start_list(&mut self, e: &BytesStart) {
        let style =
            attr(e, "style-name").or_else(|| self.lists.last().and_then(|l| l.style.clone()));
        let continues = attr(e, "continue-numbering").as_deref() == Some("true")
            || attr(e, "continue-list").is_some();
        if self.lists.is_empty() && !continues {
            if let Some(s) = &style {
                self.counters.remove(s);
            }
        }
        self.lists.push(ListState {
            style,
            pending: false,
            start_value: None,
        });
    }

    fn start_item(&mut self, e: &BytesStart, header: bool) {
        let start_value = attr(e, "start-value").and_then(|v| v.trim().parse::<u32>().ok());
        if let Some(l) = self.lists.last_mut() {
            l.pending = !header;
            l.start_value = start_value;
        }
    }

    /// A `draw:frame` child that is one representation of the frame: only the first is read
    /// (ODF lets a frame carry alternatives of the same content; reading two would count a text
    /// box twice).
    fn frame_alternative(&mut self, text_box: bool) -> Kind {
        match self.frames.last_mut() {
            Some(taken) if *taken => self.skip(),
            Some(taken) => {
                *taken = true;
                if text_box {
                    self.start_textbox()
                } else {
                    self.skip()
                }
            }
            // A text box outside a frame is not valid ODF; read it all the same.
            None if text_box => self.start_textbox(),
            None => self.skip(),
        }
    }

    fn content_control(&mut self, e: &BytesStart) -> Kind {
        if attr(e, "checkbox").as_deref() == Some("true") {
            let checked = attr(e, "checked").as_deref() == Some("true");
            if let Some(p) = self.paras.last_mut() {
                p.checkbox = Some(checked);
            }
            // The control's ☐/☒ glyph is presentation, not text.
            self.suppress += 1;
            return Kind::Suppressing;
        }
        if attr(e, "showing-place-holder").as_deref() == Some("true") {
            self.suppress += 1;
            return Kind::Suppressing;
        }
        Kind::Other
    }
}

/// `prefix` + the shown levels joined by '.' + `suffix`, without a trailing dot (as the docx
/// reader gives numbers). `None` for bullets and `num-format=""`.
fn format_number(
    counters: &[Option<u32>; LEVELS],
    level: usize,
    this: &super::styles::Level,
    level_of: impl Fn(usize) -> Option<super::styles::Level>,
) -> Option<String> {
    this.fmt?;
    let first = level.saturating_sub(this.display).saturating_add(1).max(1);
    let mut parts = Vec::new();
    for l in first..=level {
        let lv = level_of(l);
        let v = counters
            .get(l - 1)
            .copied()
            .flatten()
            .unwrap_or_else(|| lv.as_ref().map_or(1, |x| x.start));
        let fmt = lv
            .and_then(|x| x.fmt)
            .unwrap_or(super::styles::NumFmt::Decimal);
        parts.push(fmt.format(v));
    }
    let out = format!("{}{}{}", this.prefix, parts.join("."), this.suffix);
    let out = out.trim().trim_end_matches('.').trim().to_string();
    (!out.is_empty()).then_some(out)
}

impl Sink for Body<'_> {
    fn start(&mut self, ns: Ns, local: &str, e: &BytesStart) -> Result<(), ReadError> {
        if self.skip_from.is_some() {
            self.stack.push(Kind::Skipped);
            return Ok(());
        }
        if !self.in_text() {
            let kind = if ns == Ns::OdfOffice && local == "text" {
                Kind::Text
            } else {
                Kind::Other
            };
            self.stack.push(kind);
            return Ok(());
        }
        let kind = match (ns, local) {
            // A comment's author and date (`dc:creator`, `dc:date`, …) are not its text.
            (ns, l)
                if self.stack.last() == Some(&Kind::Annotation)
                    && !(ns == Ns::OdfText && matches!(l, "p" | "h" | "list")) =>
            {
                self.skip()
            }
            (Ns::OdfText, "p") => {
                self.start_para(e, false);
                Kind::P
            }
            (Ns::OdfText, "h") => {
                self.start_para(e, true);
                Kind::P
            }
            (Ns::OdfText, "number") if self.stack.last() == Some(&Kind::P) => Kind::Number,
            (Ns::OdfText, "span") => {
                let s = attr(e, "style-name");
                if let Some(p) = self.paras.last_mut() {
                    p.spans.push(s);
                }
                Kind::Span
            }
            (Ns::OdfText, "s") => {
                let n = attr(e, "c")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_SPACES);
                self.push_literal(&" ".repeat(n));
                Kind::Other
            }
            (Ns::OdfText, "tab") => {
                self.push_literal("\t");
                Kind::Other
            }
            (Ns::OdfText, "line-break") => {
                self.push_literal("\n");
                Kind::Other
            }
            (Ns::OdfText, "list") => {
                self.start_list(e);
                Kind::List
            }
            (Ns::OdfText, "list-item") => {
                self.start_item(e, false);
                Kind::ListItem
            }
            (Ns::OdfText, "list-header") => {
                self.start_item(e, true);
                Kind::ListItem
            }
            // Deleted text lives here, outside the text flow; the flow itself holds the text
            // with insertions in it and deletions taken out.
            (Ns::OdfText, "tracked-changes") => {
                let _ = e;
                self.skip()
            }
            (Ns::OdfText, "change" | "change-start") => {
                self.saw_revisions = true;
                Kind::Other
            }
            // A foot- or endnote: the marker `[n]` in the text, its body apart (as the docx
            // reader does); the citation is LibreOffice's own rendering of the marker.
            (Ns::OdfText, "note") if self.suppress == 0 && !self.paras.is_empty() => {
                self.note_count += 1;
                let marker = format!("[{}]", self.note_count);
                self.push_literal(&marker);
                let soort = if attr(e, "note-class").as_deref() == Some("endnote") {
                    AantekeningSoort::Eindnoot
                } else {
                    AantekeningSoort::Voetnoot
                };
                self.open_notes.push((soort, self.note_count));
                self.containers.push(Vec::new());
                Kind::Note
            }
            (Ns::OdfText, "note-citation") => self.skip(),
            // Tables of contents and other generated indexes, declarations, and prompts of
            // placeholder fields are not plan content.
            (
                Ns::OdfText,
                "note"
                | "table-of-content"
                | "illustration-index"
                | "table-index"
                | "object-index"
                | "user-index"
                | "alphabetical-index"
                | "bibliography"
                | "sequence-decls"
                | "variable-decls"
                | "user-field-decls"
                | "dde-connection-decls",
            ) => self.skip(),
            (Ns::OdfText, "placeholder") => {
                self.suppress += 1;
                Kind::Suppressing
            }
            (Ns::OdfText, "hidden-text") => {
                if attr(e, "is-hidden").as_deref() == Some("false") {
                    Kind::Other
                } else {
                    self.skip()
                }
            }
            (Ns::OdfOffice, "annotation") if self.suppress == 0 => {
                self.containers.push(Vec::new());
                Kind::Annotation
            }
            (
                Ns::OdfOffice,
                "annotation" | "annotation-end" | "forms" | "binary-data" | "event-listeners",
            ) => self.skip(),
            (Ns::OdfTable, "table") => {
                self.start_table()?;
                Kind::Table
            }
            (Ns::OdfTable, "table-row") => {
                self.start_row(e);
                Kind::Row
            }
            (Ns::OdfTable, "table-cell") => {
                self.start_cell(e);
                Kind::Cell
            }
            (Ns::OdfTable, "covered-table-cell") => {
                // What a covered cell holds is hidden behind the merged cell.
                self.covered_cell(e);
                self.skip()
            }
            (Ns::OdfDraw, "frame") => {
                self.frames.push(false);
                Kind::Frame
            }
            (Ns::OdfDraw, "text-box") => self.frame_alternative(true),
            (
                Ns::OdfDraw,
                "image" | "object" | "object-ole" | "applet" | "plugin" | "floating-frame",
            ) => self.frame_alternative(false),
            (
                Ns::OdfDraw,
                "custom-shape" | "rect" | "ellipse" | "circle" | "polygon" | "polyline"
                | "regular-polygon" | "path" | "line" | "connector" | "caption" | "measure",
            ) => self.start_textbox(),
            (Ns::OdfDraw, "enhanced-geometry") => self.skip(),
            (Ns::Other, "title" | "desc") => self.skip(),
            (Ns::LoExt, "content-control") => self.content_control(e),
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
            Some(Kind::Span) => {
                if let Some(p) = self.paras.last_mut() {
                    p.spans.pop();
                }
            }
            Some(Kind::List) => {
                self.lists.pop();
            }
            Some(Kind::Table) => self.end_table(),
            Some(Kind::Row) => self.end_row(),
            Some(Kind::Cell) => self.end_cell(),
            Some(Kind::Frame) => {
                self.frames.pop();
            }
            Some(Kind::TextBox) => self.end_textbox(),
            Some(Kind::Note) => {
                let (soort, nummer) = self
                    .open_notes
                    .pop()
                    .unwrap_or((AantekeningSoort::Voetnoot, self.note_count));
                self.end_aantekening(soort, nummer);
            }
            Some(Kind::Annotation) => {
                self.comment_count += 1;
                self.end_aantekening(AantekeningSoort::Opmerking, self.comment_count);
            }
            Some(Kind::Suppressing) => self.suppress = self.suppress.saturating_sub(1),
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, t: &str) {
        if self.skip_from.is_some() || !self.in_text() {
            return;
        }
        self.push_xml_text(t);
    }

    fn note(&mut self, note: String) {
        self.notes.push(note);
    }
}
