//! Template recognition and mapping: a [`Document`] becomes a [`Wijkplan`].
//!
//! Recognition scores every known template by the share of its characteristic phrases (section
//! titles, field labels, column headers) found in the document, so one edited or deleted title
//! does not tip the decision. The RESV sjabloon is mapped fully (`haaglanden.rs`, driven by the data
//! in `sjabloon_haaglanden.rs`); the older Zorg en Zekerheid and Medrie structures are mapped as far
//! as they go (`zz2018.rs`, `medrie.rs`, `onbekend.rs`), with an `ANDER_SJABLOON` finding.
//!
//! This module also holds the document-walking helpers the mappers share: heading candidates
//! (a reader that saw no styles delivers "4. Thema’s…" as a bold paragraph), text units of a block
//! range, placeholder stripping, and the content fingerprint.

pub mod disciplines;
pub mod haaglanden;
pub mod medrie;
pub mod onbekend;
mod oud;
pub mod phrase_index;
pub mod similarity;
pub mod sjabloon_haaglanden;
pub mod zz2018;

use crate::domain::{Mapped, Sjabloon, Wijkplan};
use crate::model::{Block, Cell, Document};
use crate::text;
use sha2::{Digest, Sha256};
use sjabloon_haaglanden::{HAAGLANDEN_2025, PLAATSHOUDERS};

/// Share of a template's characteristic phrases a document must contain to count as following it.
const MIN_SCORE: f64 = 0.25;
/// And the least number of phrases found, so a short document does not match on one word.
const MIN_FOUND: usize = 3;

/// Recognise the template `doc` follows and map it. `file` is the display name for `bron`.
pub fn map_document(doc: &Document, file: &str) -> Mapped<Wijkplan> {
    map_as(doc, file, detect(doc))
}

/// Map `doc` onto a template already recognised with [`detect`].
pub fn map_as(doc: &Document, file: &str, sjabloon: Sjabloon) -> Mapped<Wijkplan> {
    let (mut mapped, ongeplaatst) = match sjabloon {
        Sjabloon::Haaglanden2025 => haaglanden::map_with_rest(doc, file, &HAAGLANDEN_2025),
        Sjabloon::ZorgEnZekerheid2018 => (zz2018::map(doc, file), Vec::new()),
        Sjabloon::Medrie => (medrie::map(doc, file), Vec::new()),
        Sjabloon::Onbekend => (onbekend::map(doc, file), Vec::new()),
    };
    mapped.value.vingerafdruk = fingerprint(&mapped.value, &ongeplaatst);
    if let Some(b) = crate::plan_begroting::lees(doc, file) {
        mapped.findings.extend(b.findings);
        mapped.value.begroting = Some(b.value);
    }
    mapped
}

/// The templates [`detect`] chooses from, with their characteristic phrases.
fn detectable() -> [(Sjabloon, &'static [&'static str]); 3] {
    [
        (Sjabloon::Haaglanden2025, HAAGLANDEN_2025.kenmerken),
        (Sjabloon::ZorgEnZekerheid2018, zz2018::KENMERKEN),
        (Sjabloon::Medrie, medrie::KENMERKEN),
    ]
}

/// The phrases of every template in [`detectable`], flattened in that order, each listed under
/// its first word: built once per process.
struct Kenmerken {
    phrases: Vec<&'static str>,
    by_first_word: rustc_hash::FxHashMap<&'static str, Vec<usize>>,
    /// Per first byte of a phrase's first word: bit `n` set when such a first word has `n` bytes
    /// (`n` < 64; a longer one is always looked up). A word whose first byte and length no first
    /// word has is not looked up: most words of a plan are such (issue 15).
    shapes: Vec<u64>,
    /// How many phrases (the first ones) are the first template's, the one that wins ties.
    first_template: usize,
}

impl Kenmerken {
    /// False only when no phrase's first word has `word`'s first byte and length (see `shapes`).
    fn may_be_first_word(&self, word: &str) -> bool {
        let Some(&b) = word.as_bytes().first() else {
            return false;
        };
        match 1u64.checked_shl(word.len() as u32) {
            Some(bit) if word.len() < 64 => self
                .shapes
                .get(usize::from(b))
                .is_some_and(|s| s & bit != 0),
            _ => true,
        }
    }
}

fn kenmerken() -> &'static Kenmerken {
    static KENMERKEN: std::sync::OnceLock<Kenmerken> = std::sync::OnceLock::new();
    KENMERKEN.get_or_init(|| {
        let phrases: Vec<&'static str> = detectable()
            .iter()
            .flat_map(|(_, k)| k.iter().copied())
            .collect();
        let mut by_first_word: rustc_hash::FxHashMap<&'static str, Vec<usize>> = Default::default();
        for (i, phrase) in phrases.iter().enumerate() {
            // An empty phrase is listed under no word, so it is never found (as in
            // contains_phrase).
            if let Some(first) = phrase.split(' ').next().filter(|w| !w.is_empty()) {
                by_first_word.entry(first).or_default().push(i);
            }
        }
        let mut shapes = vec![0u64; 256];
        for first in by_first_word.keys() {
            if let (Some(&b), Some(bit)) = (
                first.as_bytes().first(),
                1u64.checked_shl(first.len() as u32),
            ) {
                if let Some(s) = shapes.get_mut(usize::from(b)) {
                    *s |= bit;
                }
            }
        }
        Kenmerken {
            phrases,
            by_first_word,
            shapes,
            first_template: detectable().first().map_or(0, |(_, k)| k.len()),
        }
    })
}

/// Marks in `found` (indexed as [`Kenmerken::phrases`]) each phrase that occurs in `line` on word
/// boundaries, exactly as [`similarity::contains_phrase`] decides it. A phrase starts at a word boundary
/// (the line's start or after a space) and, being normalised, runs to a space or the end after its
/// first word: so the word there is its first word, and only the phrases listed under it are
/// compared. This replaces an automaton scan of the whole document, which cost more per byte
/// than normalising it (issue 15).
fn mark_kenmerken(line: &str, k: &Kenmerken, found: &mut [bool]) {
    let bytes = line.as_bytes();
    // Every word start: the line's start and each position after a space (the pieces of
    // `split(' ')`, found by a byte scan; see `text::words`).
    let mut at = 0;
    while at <= bytes.len() {
        let end = bytes
            .get(at..)
            .and_then(|r| r.iter().position(|&b| b == b' '))
            .map_or(bytes.len(), |p| at + p);
        let word = line.get(at..end).unwrap_or("");
        if let Some(ids) = k
            .may_be_first_word(word)
            .then(|| k.by_first_word.get(word))
            .flatten()
        {
            let rest = line.get(at..).unwrap_or("");
            for &i in ids {
                let Some(phrase) = k.phrases.get(i) else {
                    continue;
                };
                let ends_on_boundary =
                    matches!(rest.as_bytes().get(phrase.len()), None | Some(b' '));
                if rest.starts_with(phrase) && ends_on_boundary {
                    if let Some(f) = found.get_mut(i) {
                        *f = true;
                    }
                }
            }
        }
        at = end + 1;
    }
}

/// Which template `doc` follows: the best-scoring one, the RESV sjabloon winning ties.
///
/// Phrases never span two lines (they hold no line break), so each normalised line is searched
/// on its own, and the search stops once every phrase of the first template is found: its score
/// is then 1, which no later template can exceed, so the rest of the document cannot change the
/// answer (issue 15: detection normalised and scanned every document to its end).
pub fn detect(doc: &Document) -> Sjabloon {
    let k = kenmerken();
    let mut found = vec![false; k.phrases.len()];
    let mut line = String::new();
    let decided_by_first = k.first_template >= MIN_FOUND;
    each_line(&doc.blocks, &mut |text| {
        line.clear();
        text::norm_into(text, &mut line);
        mark_kenmerken(&line, k, &mut found);
        decided_by_first
            && found
                .get(..k.first_template)
                .is_some_and(|f| f.iter().all(|&x| x))
    });
    choose_template(&found)
}

/// The best-scoring template given which phrases of [`detectable`] (flattened) were found.
fn choose_template(seen: &[bool]) -> Sjabloon {
    let mut offset = 0;
    let mut best = (Sjabloon::Onbekend, 0.0);
    for (sjabloon, kenmerken) in detectable() {
        let found = seen
            .get(offset..offset + kenmerken.len())
            .map_or(0, |s| s.iter().filter(|&&f| f).count());
        offset += kenmerken.len();
        let score = found as f64 / kenmerken.len().max(1) as f64;
        if found >= MIN_FOUND && score >= MIN_SCORE && score > best.1 {
            best = (sjabloon, score);
        }
    }
    best.0
}

/// Calls `f` with the text of every line [`detect`] reads, in reading order (paragraphs,
/// headings, every cell, nested tables too), until `f` returns true; whether it did.
fn each_line(blocks: &[Block], f: &mut dyn FnMut(&str) -> bool) -> bool {
    for b in blocks {
        let stop = match b {
            Block::Paragraph(p) => f(&p.text),
            Block::Heading(h) => f(&h.text),
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .any(|c| each_line(&c.blocks, f)),
        };
        if stop {
            return true;
        }
    }
    false
}

/// The content fingerprint: sha256 (first 32 hex digits) of the normalised section-1 values,
/// section texts and theme cells, and of the text the mapping could not place (`ongeplaatst`, so
/// a plan that differs only there is not taken for the same plan). Normalising first makes a .docx
/// and its PDF export agree when their extracted words agree, whatever the line breaks, bullets or
/// spacing.
pub fn fingerprint(w: &Wijkplan, ongeplaatst: &[String]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for (_, _, v) in w.velden.all() {
        parts.push(v.waarde.as_deref().unwrap_or(""));
    }
    for s in &w.secties {
        parts.push(&s.tekst);
    }
    for t in &w.themas {
        parts.push(&t.naam);
        parts.extend(t.cells());
    }
    parts.extend(ongeplaatst.iter().map(String::as_str));
    // norm(parts.join("\n")), normalised piece by piece without the joined copy.
    let mut normalised = String::new();
    let mut n = text::Normaliser::new(&mut normalised);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            n.push("\n");
        }
        n.push(p);
    }
    n.finish();
    let digest = Sha256::digest(normalised.as_bytes());
    hex_prefix(&digest, 32)
}

/// The first `digits` lowercase hexadecimal digits of `bytes`, two per byte, high nibble first
/// (what formatting each byte with `{:02x}` and keeping `digits` characters gives, without a
/// string per byte).
fn hex_prefix(bytes: &[u8], digits: usize) -> String {
    bytes
        .iter()
        .flat_map(|b| [b >> 4, b & 0x0f])
        .take(digits)
        .filter_map(|nibble| char::from_digit(u32::from(nibble), 16))
        .collect()
}

/// A block that may be a section heading.
#[derive(Debug, Clone)]
pub(crate) struct HeadCand {
    /// Index in `Document::blocks`.
    pub idx: usize,
    /// The section number as the document shows it ("6" in "6. Begroting").
    pub number: Option<u32>,
    pub title: String,
    /// How sure we are that this is a heading at all: 3 a real heading, 2 a bold paragraph,
    /// 1 a numbered plain paragraph, 0 a plain one-line paragraph.
    pub strength: u8,
}

impl HeadCand {
    /// Least title similarity for this candidate to count as a given section's heading: the
    /// weaker the evidence that it is a heading at all, the closer its words must be.
    pub fn threshold(&self) -> f64 {
        match (self.strength, self.number.is_some()) {
            (3, _) | (2, true) => 0.6,
            (2, false) | (1, _) => 0.75,
            _ => 0.999,
        }
    }
}

/// Most words a paragraph may have to be taken for a heading.
const MAX_HEADING_WORDS: usize = 12;

/// Heading candidates among the top-level blocks, in document order.
pub(crate) fn heading_candidates(doc: &Document) -> Vec<HeadCand> {
    let mut out = Vec::new();
    for (idx, b) in doc.blocks.iter().enumerate() {
        match b {
            Block::Heading(h) => {
                let number = match h.number.as_deref().map(|n| n.trim().trim_end_matches('.')) {
                    // "2.1": a subheading, part of its section's text.
                    Some(n) if n.contains('.') => continue,
                    Some(n) => n.parse::<u32>().ok(),
                    None => None,
                };
                let (number, title) = match (number, split_leading_number(&h.text)) {
                    (None, Some((n, rest))) => (Some(n), rest.to_string()),
                    (n, _) => (n, h.text.trim().to_string()),
                };
                out.push(HeadCand {
                    idx,
                    number,
                    title,
                    strength: 3,
                });
            }
            Block::Paragraph(p) => {
                if p.in_text_box || p.checkbox.is_some() {
                    continue;
                }
                let t = p.text.trim();
                if t.is_empty()
                    || t.contains('\n')
                    || is_toc_line(t)
                    // More than MAX_HEADING_WORDS words, counting no further than one past it
                    // (a long paragraph was counted word by word to its end; issue 15).
                    || t.split_whitespace().nth(MAX_HEADING_WORDS).is_some()
                {
                    continue;
                }
                match split_leading_number(t) {
                    Some((n, rest)) => out.push(HeadCand {
                        idx,
                        number: Some(n),
                        title: rest.to_string(),
                        strength: if p.bold { 2 } else { 1 },
                    }),
                    None => out.push(HeadCand {
                        idx,
                        number: None,
                        title: t.to_string(),
                        strength: if p.bold { 2 } else { 0 },
                    }),
                }
            }
            Block::Table(_) => {}
        }
    }
    out
}

/// "4. Thema’s" → (4, "Thema’s"); "10 Checklist" → (10, "Checklist"); "2.1 Partijen" → None (a
/// subsection), "2025 plannen" → None (more than two digits is a year, not a section).
pub(crate) fn split_leading_number(s: &str) -> Option<(u32, &str)> {
    let t = s.trim_start();
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let n: u32 = t.get(..digits)?.parse().ok()?;
    let mut rest = t.get(digits..)?;
    let mut punct = false;
    if let Some(r) = rest.strip_prefix(['.', ')']) {
        rest = r;
        punct = true;
    }
    let next = rest.chars().next()?;
    if next.is_whitespace() || (punct && next.is_alphabetic()) {
        let title = rest.trim();
        if title.is_empty() {
            return None;
        }
        return Some((n, title));
    }
    None
}

/// A table-of-contents line: title, tab (or dot leader), page number.
pub(crate) fn is_toc_line(t: &str) -> bool {
    let trimmed = t.trim_end();
    let digits = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 || digits == trimmed.chars().count() {
        return false;
    }
    let before: String = trimmed.chars().rev().skip(digits).take(3).collect();
    before.starts_with('\t') || before.starts_with("..") || before.starts_with('…')
}

/// One line of text in a section, with where it sat.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unit {
    pub text: String,
    pub in_text_box: bool,
}

/// Text units of the top-level blocks in `range`, skipping the block indices in `skip` (tables
/// mapped elsewhere). Paragraphs are one unit each; a table row is one unit, cells joined by " | ".
pub(crate) fn units(doc: &Document, range: std::ops::Range<usize>, skip: &[usize]) -> Vec<Unit> {
    let mut out = Vec::new();
    for idx in range {
        if skip.contains(&idx) {
            continue;
        }
        match doc.blocks.get(idx) {
            Some(Block::Paragraph(p)) => out.push(Unit {
                text: p.text.trim().to_string(),
                in_text_box: p.in_text_box,
            }),
            Some(Block::Heading(h)) => {
                let t = match &h.number {
                    Some(n) => format!("{n} {}", h.text.trim()),
                    None => h.text.trim().to_string(),
                };
                out.push(Unit {
                    text: t,
                    in_text_box: false,
                })
            }
            Some(Block::Table(t)) => {
                for r in &t.rows {
                    let cells = row_values(r);
                    out.push(Unit {
                        text: cells.join(" | "),
                        in_text_box: false,
                    });
                }
            }
            None => {}
        }
    }
    out
}

/// Header words of a nested kernteam table ("Naam | Organisatie | Discipline"), skipped as data.
const NESTED_HEADER_WORDS: &[&str] = &[
    "naam",
    "organisatie",
    "discipline",
    "functie",
    "rol",
    "praktijk",
    "e mail",
    "email",
    "telefoon",
];

/// The values of a row's cells that are not empty, in order.
pub(crate) fn row_values(r: &crate::model::Row) -> Vec<String> {
    r.cells
        .iter()
        .map(cell_value)
        .filter(|c| !c.is_empty())
        .collect()
}

/// A row of a nested kernteam table that only names its columns.
pub(crate) fn is_nested_header(cells: &[&str]) -> bool {
    !cells.is_empty()
        && cells
            .iter()
            .all(|c| NESTED_HEADER_WORDS.contains(&text::norm(c).as_str()))
}

/// A cell's value: its paragraphs one per line, a nested table one line per row with the row's
/// cells joined ", " (so a kernteam table reads "naam, organisatie, discipline"), placeholders out.
pub(crate) fn cell_value(cell: &Cell) -> String {
    let mut lines: Vec<String> = Vec::new();
    for b in &cell.blocks {
        match b {
            Block::Paragraph(p) => lines.push(p.text.trim().to_string()),
            Block::Heading(h) => lines.push(h.text.trim().to_string()),
            Block::Table(t) => {
                for r in &t.rows {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .map(|c| text::squash_ws(&strip_placeholders(&c.text())))
                        .filter(|c| !c.is_empty())
                        .collect();
                    let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
                    if !cells.is_empty() && !is_nested_header(&refs) {
                        lines.push(cells.join(", "));
                    }
                }
            }
        }
    }
    let joined: Vec<String> = lines
        .iter()
        .map(|l| strip_placeholders(l))
        .filter(|l| !l.is_empty())
        .collect();
    joined.join("\n")
}

/// One automaton over the placeholders [`strip_placeholders`] removes (those with a letter or
/// digit), built once per process.
fn placeholder_index() -> Option<&'static aho_corasick::AhoCorasick> {
    static INDEX: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            aho_corasick::AhoCorasick::new(
                PLAATSHOUDERS
                    .iter()
                    .filter(|p| p.chars().any(char::is_alphanumeric)),
            )
            .ok()
        })
        .as_ref()
}

/// Whether `s` contains one of the placeholders [`strip_placeholders`] removes. Most cells and
/// paragraphs hold none, and one scan proves that instead of a substring search per placeholder
/// (issue 15). When no placeholder occurs in `s`, the removal loop changes nothing, so skipping
/// it gives the same text.
fn may_hold_placeholder(s: &str) -> bool {
    // Without the automaton (its build does not fail on these fixed strings), search as before.
    placeholder_index().is_none_or(|index| index.is_match(s))
}

/// `s` without template placeholders; "" when nothing of the WSV's own is left (only
/// punctuation, or a lone bracketed prompt such as "[naam invullen]").
pub(crate) fn strip_placeholders(s: &str) -> String {
    // Copied only when a placeholder is there to remove (issue 15: this ran for every cell and
    // paragraph and allocated a string per placeholder each time).
    let mut out = std::borrow::Cow::Borrowed(s);
    if may_hold_placeholder(s) {
        for p in PLAATSHOUDERS {
            if p.chars().any(char::is_alphanumeric) && out.contains(p) {
                out = std::borrow::Cow::Owned(out.replace(p, ""));
            }
        }
    }
    let t = out.trim();
    if !t.chars().any(char::is_alphanumeric) {
        return String::new();
    }
    if t.starts_with('[') && t.ends_with(']') && t.matches(']').count() == 1 {
        return String::new();
    }
    t.to_string()
}

#[cfg(test)]
pub(crate) mod testdoc {
    //! Builders for hand-made documents, shaped exactly as the readers produce them.
    use crate::model::*;

    pub fn h(number: Option<&str>, text: &str) -> Block {
        Block::Heading(Heading {
            level: 1,
            number: number.map(String::from),
            text: text.to_string(),
            loc: Loc::default(),
        })
    }
    fn para(text: &str, bold: bool, in_text_box: bool, checkbox: Option<bool>) -> Block {
        Block::Paragraph(Paragraph {
            text: text.to_string(),
            in_text_box,
            checkbox,
            list_item: false,
            bold,
            label: None,
            images: Vec::new(),
            loc: Loc::default(),
        })
    }
    pub fn p(text: &str) -> Block {
        para(text, false, false, None)
    }
    pub fn bold(text: &str) -> Block {
        para(text, true, false, None)
    }
    pub fn tb(text: &str) -> Block {
        para(text, false, true, None)
    }
    pub fn check(text: &str, ticked: Option<bool>) -> Block {
        para(text, false, false, ticked)
    }
    /// A cell at grid column `col` with one paragraph per line of `text`.
    pub fn cell(col: usize, text: &str) -> Cell {
        span(col, 1, 1, text)
    }
    pub fn span(col: usize, col_span: usize, row_span: usize, text: &str) -> Cell {
        let blocks = if text.is_empty() {
            vec![]
        } else {
            text.split('\n').map(p).collect()
        };
        Cell {
            col,
            col_span,
            row_span,
            blocks,
        }
    }
    pub fn row(cells: Vec<Cell>) -> Row {
        Row { cells, page: None }
    }
    /// A row of single-column cells from grid column 0.
    pub fn srow(texts: &[&str]) -> Row {
        row(texts.iter().enumerate().map(|(i, t)| cell(i, t)).collect())
    }
    pub fn table(rows: Vec<Row>) -> Block {
        Block::Table(Table {
            rows,
            loc: Loc::default(),
        })
    }
    pub fn doc(blocks: Vec<Block>) -> Document {
        let blocks = blocks
            .into_iter()
            .enumerate()
            .map(|(i, mut b)| {
                match &mut b {
                    Block::Heading(h) => h.loc.index = i,
                    Block::Paragraph(p) => p.loc.index = i,
                    Block::Table(t) => t.loc.index = i,
                }
                b
            })
            .collect();
        Document {
            blocks,
            notes: vec![],
            aantekeningen: vec![],
            ocr_pages: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::similarity::contains_phrase;
    use super::testdoc::*;
    use super::*;

    #[test]
    fn hex_prefix_is_the_formatted_bytes() {
        let bytes: Vec<u8> = (0u8..=255).collect();
        let formatted: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        for digits in [0, 1, 2, 31, 32, 33, 512, 600] {
            let expected: String = formatted.chars().take(digits).collect();
            assert_eq!(hex_prefix(&bytes, digits), expected, "{digits}");
        }
    }

    #[test]
    fn leading_numbers() {
        assert_eq!(
            split_leading_number("4. Thema’s, activiteiten"),
            Some((4, "Thema’s, activiteiten"))
        );
        assert_eq!(
            split_leading_number("10 Checklist"),
            Some((10, "Checklist"))
        );
        assert_eq!(split_leading_number("7.Begroting"), Some((7, "Begroting")));
        assert_eq!(split_leading_number("2.1 Partijen in de wijk"), None);
        assert_eq!(split_leading_number("2025 wordt een goed jaar"), None);
        assert_eq!(split_leading_number("Begroting"), None);
    }

    #[test]
    fn heading_candidates_from_headings_and_bold_paragraphs() {
        let d = doc(vec![
            h(Some("2"), "Huidige situatie in de wijk"),
            h(Some("2.1"), "Overleggen"),
            bold("4. Thema’s, activiteiten en projecten"),
            p("2. Huidige situatie in de wijk\t3"),
            tb("5. Behoefte aan ondersteuning"),
            p("Een lange alinea van de WSV die geen kop is."),
        ]);
        let c = heading_candidates(&d);
        let got: Vec<(usize, Option<u32>, &str, u8)> = c
            .iter()
            .map(|c| (c.idx, c.number, c.title.as_str(), c.strength))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, Some(2), "Huidige situatie in de wijk", 3),
                (2, Some(4), "Thema’s, activiteiten en projecten", 2),
                (5, None, "Een lange alinea van de WSV die geen kop is.", 0),
            ]
        );
    }

    /// Twelve words can be a heading, thirteen cannot (the count stops one past the limit).
    #[test]
    fn heading_candidates_word_limit() {
        let twelve = "een twee drie vier vijf zes zeven acht negen tien elf twaalf";
        let d = doc(vec![
            p(twelve),
            p(&format!("{twelve} dertien")),
            bold("Begroting"),
        ]);
        let idx: Vec<usize> = heading_candidates(&d).iter().map(|c| c.idx).collect();
        assert_eq!(idx, vec![0, 2]);
    }

    #[test]
    fn placeholders_are_stripped() {
        assert_eq!(strip_placeholders("[invullen]"), "");
        assert_eq!(
            strip_placeholders(" Klik of tik om tekst in te voeren. "),
            ""
        );
        assert_eq!(strip_placeholders("…"), "");
        assert_eq!(strip_placeholders("[naam invullen]"), "");
        assert_eq!(strip_placeholders("Laak-Noord [invullen]"), "Laak-Noord");
        assert_eq!(strip_placeholders("Laak e.a..."), "Laak e.a...");
    }

    #[test]
    fn placeholder_prefilter_finds_each_placeholder() {
        for p in PLAATSHOUDERS
            .iter()
            .filter(|p| p.chars().any(char::is_alphanumeric))
        {
            assert!(may_hold_placeholder(p), "{p}");
            assert!(may_hold_placeholder(&format!("Laak {p} Noord")), "{p}");
        }
        assert!(!may_hold_placeholder("Laak-Noord"));
        assert!(!may_hold_placeholder("[naam invullen]"));
        assert!(!may_hold_placeholder("Klik of tik om tekst in te voeren"));
        // The ellipses have no letter: strip_placeholders leaves them, so they need no search.
        assert!(!may_hold_placeholder("Laak e.a..."));
        assert!(!may_hold_placeholder("…"));
    }

    #[test]
    fn nested_table_cell_value_rows_as_lines() {
        let nested = table(vec![
            srow(&["Naam", "Organisatie", "Discipline"]),
            srow(&["Jan Jansen", "Huisartsenpraktijk Laak", "huisarts"]),
            srow(&["Klik of tik om tekst in te voeren.", "", ""]),
            srow(&["Els Bakker", "Xtra", "welzijn"]),
        ]);
        let c = crate::model::Cell {
            col: 1,
            col_span: 1,
            row_span: 1,
            blocks: vec![nested],
        };
        assert_eq!(
            cell_value(&c),
            "Jan Jansen, Huisartsenpraktijk Laak, huisarts\nEls Bakker, Xtra, welzijn"
        );
    }

    /// What [`detect`] searched before it went line by line (the reference it must agree
    /// with): the normalised lines of the whole document (paragraphs, headings, every cell,
    /// nested too) joined by `" \n "`, with a space before and after.
    fn detect_haystack(doc: &Document) -> String {
        fn collect_lines(blocks: &[Block], out: &mut String, first: &mut bool) {
            for b in blocks {
                let line = match b {
                    Block::Paragraph(p) => &p.text,
                    Block::Heading(h) => &h.text,
                    Block::Table(t) => {
                        for r in &t.rows {
                            for c in &r.cells {
                                collect_lines(&c.blocks, out, first);
                            }
                        }
                        continue;
                    }
                };
                if !std::mem::take(first) {
                    out.push_str(" \n ");
                }
                text::norm_into(line, out);
            }
        }
        let mut hay = String::from(" ");
        let mut first = true;
        collect_lines(&doc.blocks, &mut hay, &mut first);
        hay.push(' ');
        hay
    }

    /// [`detect`] as it was: every phrase searched in the whole document's haystack.
    fn detect_by_haystack(doc: &Document) -> Sjabloon {
        let hay = detect_haystack(doc);
        let seen: Vec<bool> = kenmerken()
            .phrases
            .iter()
            .map(|k| contains_phrase(&hay, k))
            .collect();
        choose_template(&seen)
    }

    /// Searching line by line finds what searching the joined lines finds only because no
    /// phrase holds a line break, a leading, trailing or double space: each is normalised.
    #[test]
    fn kenmerken_are_normalised() {
        let k = kenmerken();
        assert!(k.first_template >= MIN_FOUND);
        for phrase in &k.phrases {
            assert!(!phrase.is_empty());
            assert_eq!(text::norm(phrase), *phrase);
        }
    }

    /// Every phrase's first word passes the shape test; a word of another length or first
    /// letter does not; the empty word never does, a very long one always.
    #[test]
    fn first_word_shapes() {
        let k = kenmerken();
        for first in k.by_first_word.keys() {
            assert!(k.may_be_first_word(first), "{first}");
        }
        assert!(!k.may_be_first_word("het"));
        assert!(!k.may_be_first_word("budgethouders"));
        assert!(!k.may_be_first_word(""));
        assert!(k.may_be_first_word(&"x".repeat(64)));
    }

    #[test]
    fn mark_kenmerken_agrees_with_contains_phrase() {
        // Hand-made lines around real phrases: inside a longer word, at the very start and end,
        // overlapping ("partijen in de wijk" / "samenwerking in de wijk"), twice (the first
        // occurrence glued to a word, the second free), a phrase's first word alone, and absent.
        let lines = [
            "algemene gegevens budgethouder",
            "algemene gegevens",
            "xalgemene gegevens budgethouders",
            "samenwerking in de wijk partijen in de wijk",
            "budgethouderx budgethouder",
            "agb codes en aantal fte",
            "de agb code",
            "monitoring en evaluatie",
            "monitoring en",
            "",
            "niets van dit al",
            " budgethouder",
            "budgethouder ",
            "x  algemene gegevens  budgethouder",
        ];
        let k = kenmerken();
        for line in lines {
            let expected: Vec<bool> = k.phrases.iter().map(|p| contains_phrase(line, p)).collect();
            let mut found = vec![false; k.phrases.len()];
            mark_kenmerken(line, k, &mut found);
            assert_eq!(found, expected, "{line:?}");
        }
        let i = k
            .phrases
            .iter()
            .position(|p| *p == "budgethouder")
            .expect("kenmerk");
        let mut found = vec![false; k.phrases.len()];
        mark_kenmerken("budgethouderx", k, &mut found);
        assert!(!found[i]);
    }

    /// Line by line and stopping once the RESV sjabloon is decided, [`detect`] answers what the
    /// search of the whole haystack answers: with every RESV phrase early and other templates'
    /// phrases after it, with RESV phrases split over cells and lines, and with too few of any.
    #[test]
    fn detect_equals_the_haystack_search() {
        let all_resv: Vec<Block> = HAAGLANDEN_2025.kenmerken.iter().map(|k| p(k)).collect();
        let zz: Vec<Block> = zz2018::KENMERKEN.iter().map(|k| p(k)).collect();
        let medrie: Vec<Block> = medrie::KENMERKEN.iter().map(|k| p(k)).collect();
        let docs = [
            doc(all_resv.iter().chain(&zz).chain(&medrie).cloned().collect()),
            doc(zz.iter().chain(&all_resv).cloned().collect()),
            doc(all_resv.iter().skip(3).chain(&zz).cloned().collect()),
            doc(medrie
                .iter()
                .chain(all_resv.iter().take(2))
                .cloned()
                .collect()),
            doc(vec![
                h(Some("1"), "Algemene gegevens"),
                table(vec![
                    srow(&["Budgethouder", "x"]),
                    srow(&["Aanspreekpunt", "RESV"]),
                    srow(&["Partijen in de", "wijk"]),
                ]),
                p("Behoefte aan\nondersteuning"),
                p("Zorg en Zekerheid – handreiking wijkplan; AGB-code, aantal FTE."),
            ]),
            doc(vec![]),
        ];
        for d in &docs {
            assert_eq!(detect(d), detect_by_haystack(d));
        }
        assert_eq!(detect(&docs[0]), Sjabloon::Haaglanden2025);
        assert_eq!(detect(&docs[3]), Sjabloon::Medrie);
    }

    #[test]
    fn detection_scores_each_template() {
        let hl = doc(vec![
            h(Some("1"), "Algemene gegevens"),
            table(vec![
                srow(&["Budgethouder", "x"]),
                srow(&["Aanspreekpunt RESV", "y"]),
            ]),
            h(Some("5"), "Behoefte aan ondersteuning"),
        ]);
        assert_eq!(detect(&hl), Sjabloon::Haaglanden2025);
        // Two RESV phrases are not enough to call a document the RESV sjabloon.
        let nothing = doc(vec![
            p("Beste collega's, hierbij ons plan."),
            p("Budgethouder is de huisartsenpraktijk; zie ook Monitoring en evaluatie."),
        ]);
        assert_eq!(detect(&nothing), Sjabloon::Onbekend);
    }
}
