//! Glyphs → lines → paragraphs and headings; page headers/footers recognised and dropped.
//!
//! All thresholds are in units of the font size (em), so they hold for 8 pt table text and 24 pt
//! titles alike. They were tuned on LibreOffice and Chromium exports of sjabloon-like plans.

use super::collect::Glyph;
use crate::model::{Block, Heading, Loc, Paragraph};

use std::collections::{HashMap, HashSet};

/// A gap wider than this (em) between two glyphs on a line is a word space, on lines whose
/// producer draws no space glyphs (Chromium leaves spaces out and advances the pen instead; a
/// space is about 0.25 em in the fonts seen, letter gaps inside a word stay below 0.05 em).
const WORD_GAP_EM: f64 = 0.18;
/// The same on lines that do draw space glyphs (LibreOffice, Word): there a space glyph is the
/// word space, and only a wider gap without one (a tab after a heading number, ~0.17 em at
/// 16 pt in LibreOffice exports) counts as a space as well. Kerning never opens gaps this wide.
const WORD_GAP_SPACED_EM: f64 = 0.15;
/// A gap wider than this (em) inside a line separates columns (wider than justified word spaces).
const CHUNK_GAP_EM: f64 = 2.0;
/// Glyphs whose baselines differ by less than this (em) are on one line.
const SAME_LINE_EM: f64 = 0.35;
/// A paragraph's font is a heading font when at least this much bigger than the body font.
const HEADING_RATIO: f64 = 1.15;
/// A glyph drawn again less than this far (em) to the side of the same glyph is overprint (fake
/// bold, a shadow), not text: poppler's `dupMaxPriDelta`. A letter repeated in a word ("ll")
/// stands a full glyph width on.
const OVERPRINT_X_EM: f64 = 0.1;
/// … and less than this far (em) above or below it (poppler's `dupMaxSecDelta`).
const OVERPRINT_Y_EM: f64 = 0.2;
/// How many neighbours to the left a glyph is compared with.
const OVERPRINT_LOOK_BACK: usize = 8;
/// A superscript or subscript is at most this share of its line's size …
const SCRIPT_RATIO: f64 = 0.85;
/// … its baseline less than this (em of the line) above or below the line's …
const SCRIPT_SHIFT_EM: f64 = 0.6;
/// … and a cluster of at most this many glyphs (footnote marks, exponents, chemical indices).
const SCRIPT_MAX_GLYPHS: usize = 12;
/// At most this many short runs per line are put in at their place inside a longer run.
const SCRIPT_INSERTS: usize = 64;
/// Header/footer bands: this fraction of the page height at the top and at the bottom.
const MARGIN_BAND: f64 = 0.12;
/// A header or footer is at most this many rows, counted from the page edge.
const FURNITURE_ROWS: usize = 4;
/// Two pages sharing at least this share of the smaller one's body lines are copies of one page
/// (an invoice's original and copy): text recurring on both says nothing about furniture.
const COPY_SHARE: f64 = 0.5;
/// A recurring line's first page is compared with at most this many of its other pages: enough
/// to find one that is not a copy, and a bound on the work for a file of many copied pages.
const COPY_CHECKS: usize = 16;

/// One visual line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub x0: f64,
    pub x1: f64,
    /// Baseline, from the page top.
    pub y: f64,
    /// Font size of most glyphs on the line.
    pub size: f64,
    pub text: String,
    /// Width of the first word, to tell whether it would have fitted on the line before.
    pub first_word_width: f64,
    /// Width of the first glyph: a line broken inside a word left less room than this.
    pub first_glyph_width: f64,
    /// Stretches of the line separated by wide gaps: the cells of a table drawn without lines.
    pub chunks: Vec<Chunk>,
    /// The line's words with their positions.
    pub words: Vec<Chunk>,
    /// The producer drew space glyphs on this line (LibreOffice and Word do, Chromium does not):
    /// then spaces come from those glyphs, not from gaps.
    pub spaced: bool,
    /// The line's last glyph is a space. Word processors end a line broken at a word boundary
    /// with its space glyph when it fits, so its presence rules out a break inside a word.
    pub ends_with_space: bool,
}

/// Part of a line set apart by a gap wider than [`CHUNK_GAP_EM`].
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    pub x0: f64,
    pub x1: f64,
    pub text: String,
}

/// A block with the vertical position it starts at, and for tables the column band edges.
#[derive(Debug, Clone)]
pub struct Placed {
    pub top: f64,
    pub block: Block,
    pub bands: Vec<f64>,
}

/// Map a decoded glyph text to what the docx would hold: ligatures spelled out, no-break space as a
/// space, control characters dropped. Checkbox and bullet glyphs are kept (handled per paragraph).
pub fn clean_glyph(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Group glyphs into lines (by baseline) and lines into reading order (top to bottom).
/// `glyphs` must be in content-stream order: within a line that order is kept run by run (see
/// [`line_from`]), because some producers' fonts give pdf-extract wrong glyph widths, which makes
/// the computed x positions drift until the next absolutely positioned run.
pub fn build_lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut gs: Vec<(usize, &Glyph)> = glyphs.iter().enumerate().collect();
    gs.sort_by(|a, b| a.1.y.total_cmp(&b.1.y).then(a.0.cmp(&b.0)));
    let mut clusters: Vec<Vec<(usize, &Glyph)>> = Vec::new();
    for g in gs {
        match clusters.last_mut() {
            Some(c)
                if c.first().is_some_and(|f| {
                    (g.1.y - f.1.y).abs() < SAME_LINE_EM * f.1.size.min(g.1.size)
                }) =>
            {
                c.push(g)
            }
            _ => clusters.push(vec![g]),
        }
    }
    let clusters = with_scripts_joined(clusters);
    clusters
        .into_iter()
        .filter_map(|mut c| {
            c.sort_by_key(|g| g.0);
            let kept = without_overprint(c.into_iter().map(|g| g.1).collect());
            line_from(kept)
        })
        .collect()
}

/// The typical glyph size of a cluster (the largest; a line's own letters are its largest).
fn cluster_size(c: &[(usize, &Glyph)]) -> f64 {
    c.iter().map(|g| g.1.size).fold(0.0, f64::max)
}

/// Superscripts and subscripts (a footnote mark "mensen¹", "m²", "CO₂") are smaller glyphs a
/// little above or below the line they belong to, so the baseline grouping puts them on a line
/// of their own: "18.432 mensen , van wie" with a line "1" under it. Such a short cluster of
/// smaller glyphs joins the neighbouring line it sits within, as poppler joins them: at most
/// [`SCRIPT_RATIO`] of that line's size, its baseline less than [`SCRIPT_SHIFT_EM`] of the
/// line's size away, inside the line's horizontal extent, and beside its letters, not over them.
fn with_scripts_joined(clusters: Vec<Vec<(usize, &Glyph)>>) -> Vec<Vec<(usize, &Glyph)>> {
    let n = clusters.len();
    let sizes: Vec<f64> = clusters.iter().map(|c| cluster_size(c)).collect();
    let baseline =
        |c: &[(usize, &Glyph)]| c.iter().map(|g| g.1.y).sum::<f64>() / c.len().max(1) as f64;
    let extent = |c: &[(usize, &Glyph)]| {
        c.iter().fold((f64::MAX, f64::MIN), |(a, b), g| {
            (a.min(g.1.x0), b.max(g.1.x1))
        })
    };
    // Where each cluster goes: itself, or the index of the line it joins.
    let mut into: Vec<usize> = (0..n).collect();
    for i in 0..n {
        let c = &clusters[i];
        if c.is_empty() || c.len() > SCRIPT_MAX_GLYPHS {
            continue;
        }
        let (y, (x0, x1)) = (baseline(c), extent(c));
        let mut best: Option<(f64, usize)> = None;
        for j in [i.wrapping_sub(1), i + 1] {
            let Some(line) = clusters.get(j) else {
                continue;
            };
            let size = sizes[j];
            // Only into a line that is not itself a script joining elsewhere.
            if into[j] != j || sizes[i] > SCRIPT_RATIO * size || line.len() <= c.len() {
                continue;
            }
            let shift = (y - baseline(line)).abs();
            let (lx0, lx1) = extent(line);
            // A script stands beside the line's letters, never over them: a smaller line that
            // covers the same stretch (a caption, the next row) is a line of its own.
            let beside = c.iter().all(|g| {
                let w = (g.1.x1 - g.1.x0).max(0.0);
                line.iter().all(|h| {
                    let overlap = g.1.x1.min(h.1.x1) - g.1.x0.max(h.1.x0);
                    overlap <= 0.5 * w
                })
            });
            if shift < SCRIPT_SHIFT_EM * size
                && x0 >= lx0 - size
                && x1 <= lx1 + size
                && beside
                && best.is_none_or(|(d, _)| shift < d)
            {
                best = Some((shift, j));
            }
        }
        if let Some((_, j)) = best {
            into[i] = j;
        }
    }
    let mut out: Vec<Vec<(usize, &Glyph)>> = vec![Vec::new(); n];
    for (i, c) in clusters.into_iter().enumerate() {
        out[into[i]].extend(c);
    }
    out.retain(|c| !c.is_empty());
    out
}

/// Glyphs drawn a second time over themselves: fake bold or a shadow (a word or a whole line
/// drawn twice, slightly offset), as Word, Chinese résumé templates and French textbooks do.
/// Shown once, as poppler does: a glyph with the same text as one drawn before it, less than
/// [`OVERPRINT_X_EM`] to the side and [`OVERPRINT_Y_EM`] above or below, in another run (the
/// pen went back to the left between the two), is left out. Within one run, letters are never
/// compared: a font whose widths pdf-extract gets wrong puts the letters of a word at nearly one
/// spot, and "ideology" must keep its two o's. Glyphs without width are never compared either.
/// (A glyph drawn twice in a row, in one run, is fake bold handled in [`line_from`].)
fn without_overprint(glyphs: Vec<&Glyph>) -> Vec<&Glyph> {
    if glyphs.len() < 4 {
        return glyphs;
    }
    // Runs as in [`runs`]: a new one starts where the pen moves back to the left.
    let mut run = Vec::with_capacity(glyphs.len());
    let mut id = 0usize;
    for (k, g) in glyphs.iter().enumerate() {
        if k > 0 && starts_run(glyphs[k - 1], g) {
            id += 1;
        }
        run.push(id);
    }
    let wide = |g: &Glyph| g.x1 - g.x0 > 0.01 * g.size;
    let mut by_x: Vec<usize> = (0..glyphs.len()).collect();
    by_x.sort_by(|&a, &b| glyphs[a].x0.total_cmp(&glyphs[b].x0).then(a.cmp(&b)));
    // For each glyph, the earlier glyph (stream order) it lies over, if any.
    let mut over: Vec<Option<usize>> = vec![None; glyphs.len()];
    for (k, &i) in by_x.iter().enumerate() {
        let g = glyphs[i];
        if !wide(g) || clean_glyph(&g.text).trim().is_empty() {
            continue;
        }
        // Bounded look-back: the neighbours to the left within the tolerance, at most a few (a
        // crafted line of glyphs at one spot stays linear).
        for &j in by_x[..k].iter().rev().take(OVERPRINT_LOOK_BACK) {
            let h = glyphs[j];
            if g.x0 - h.x0 >= OVERPRINT_X_EM * g.size {
                break;
            }
            // The pair is met once, from the glyph further right; the one drawn later lies over
            // the one drawn first, whichever side it went.
            let (first, later) = (i.min(j), i.max(j));
            if h.text == g.text
                && run[i] != run[j]
                && (g.y - h.y).abs() < OVERPRINT_Y_EM * g.size
                && wide(h)
                && over[later].is_none()
            {
                over[later] = Some(first);
            }
        }
    }
    // Overprint is a word or a line drawn again at one offset: a glyph counts only when its
    // neighbour in the stream lies over the earlier glyph's neighbour, shifted the same way.
    // A lone letter that happens to land on an equal one (positions a broken font squeezed
    // together) stays.
    let shift = |i: usize, j: usize| (glyphs[i].x0 - glyphs[j].x0, glyphs[i].y - glyphs[j].y);
    let same_shift = |a: (f64, f64), b: (f64, f64), size: f64| {
        (a.0 - b.0).abs() < 0.02 * size && (a.1 - b.1).abs() < 0.02 * size
    };
    let dup: Vec<bool> = (0..glyphs.len())
        .map(|i| {
            let Some(j) = over[i] else { return false };
            let here = shift(i, j);
            let size = glyphs[i].size;
            let next = i + 1 < glyphs.len()
                && over[i + 1] == Some(j + 1)
                && same_shift(shift(i + 1, j + 1), here, size);
            let prev = i > 0
                && j > 0
                && over[i - 1] == Some(j - 1)
                && same_shift(shift(i - 1, j - 1), here, size);
            next || prev
        })
        .collect();
    glyphs
        .into_iter()
        .zip(dup)
        .filter(|(_, d)| !d)
        .map(|(g, _)| g)
        .collect()
}

/// Does `g`, drawn right after `p`, begin a new run? Where the pen moves back to the left, or
/// jumps right over a column gap ([`CHUNK_GAP_EM`]): a report that draws its table column by
/// column (pdfplumber's WARN report: each row's last cell, then the next column's cells) puts the
/// next column's cell of a row right after that row's last cell, and that cell must not carry
/// the last cell along to the start of the row. Within a run, glyph widths may be wrong; a gap
/// between two glyphs is not, since each starts where the pen stood after the one before.
fn starts_run(p: &Glyph, g: &Glyph) -> bool {
    g.x0 < p.x0 - 0.2 * p.size || g.x0 > p.x1 + CHUNK_GAP_EM * p.size.max(g.size)
}

/// Runs: stretches of stream-ordered glyphs that move rightwards. Runs are ordered by their first
/// visible glyph: a producer that pads columns with space glyphs (pdf.js issue10900: a table drawn
/// as `(     )-4502 (854.9)…` after moving back over the previous cell) starts a run with blanks
/// that lie left of the cell before it, and blanks leave no ink to place a run by.
fn runs(glyphs: Vec<&Glyph>) -> Vec<Glyph> {
    let mut runs: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match runs.last_mut() {
            Some(r) if r.last().is_some_and(|p| !starts_run(p, g)) => r.push(g.clone()),
            _ => runs.push(vec![g.clone()]),
        }
    }
    let mut runs = with_scripts_inserted(runs);
    let start = |r: &[Glyph]| {
        r.iter()
            .find(|g| !g.text.chars().all(|c| c.is_whitespace() || c.is_control()))
            .or(r.first())
            .map_or(0.0, |g| g.x0)
    };
    runs.sort_by(|a, b| start(a).total_cmp(&start(b)));
    let mut out: Vec<Glyph> = runs.into_iter().flatten().collect();
    // A glyph ends where the next one starts if its (possibly wrong) width says later.
    for i in 1..out.len() {
        let next_x0 = out.get(i).map(|g| g.x0);
        if let (Some(nx), Some(p)) = (next_x0, out.get_mut(i - 1)) {
            if nx > p.x0 && nx < p.x1 {
                p.x1 = nx;
            }
        }
    }
    out
}

/// A short run of smaller glyphs drawn apart inside a longer one (a footnote mark or exponent
/// drawn after its line, see [`with_scripts_joined`]) goes in at its place: after "(DMCA)", not after the line's
/// last word. At most [`SCRIPT_INSERTS`] per line (and four times as many short runs looked at),
/// each place found by binary search, so a line of many short runs stays linear.
fn with_scripts_inserted(mut runs: Vec<Vec<Glyph>>) -> Vec<Vec<Glyph>> {
    // Per run: length, first x, last x and largest size, computed once.
    let meta = |r: &Vec<Glyph>| {
        (
            r.len(),
            r.first().map_or(0.0, |g| g.x0),
            r.last().map_or(0.0, |g| g.x0),
            r.iter().map(|g| g.size).fold(0.0, f64::max),
        )
    };
    let mut metas: Vec<(usize, f64, f64, f64)> = runs.iter().map(meta).collect();
    let (mut inserted, mut tried) = (0, 0);
    let mut i = 0;
    while i < runs.len() && inserted < SCRIPT_INSERTS && tried < 4 * SCRIPT_INSERTS {
        let (len, x, _, size) = metas[i];
        if len == 0 || len > SCRIPT_MAX_GLYPHS {
            i += 1;
            continue;
        }
        tried += 1;
        let target = metas.iter().position(|&(l, first, last, s)| {
            l > len && size <= SCRIPT_RATIO * s && first < x && x < last
        });
        match target {
            Some(t) => {
                let short = runs.remove(i);
                metas.remove(i);
                let t = if t > i { t - 1 } else { t };
                let at = runs[t].partition_point(|g| g.x0 <= x);
                runs[t].splice(at..at, short);
                metas[t].0 += len;
                inserted += 1;
            }
            None => i += 1,
        }
    }
    runs
}

fn line_from(glyphs: Vec<&Glyph>) -> Option<Line> {
    let glyphs = runs(glyphs);
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    let mut pending_space = false;
    let (mut x0, mut x1) = (f64::MAX, f64::MIN);
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    let mut y_sum = 0.0;
    let mut n = 0.0;
    let mut first_word_end: Option<f64> = None;
    let mut first_glyph_width = 0.0;
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut words: Vec<Chunk> = Vec::new();
    let is_space = |g: &Glyph| {
        let t = clean_glyph(&g.text);
        !t.is_empty() && t.trim().is_empty()
    };
    let spaced = glyphs.iter().any(is_space);
    let word_gap = if spaced {
        WORD_GAP_SPACED_EM
    } else {
        WORD_GAP_EM
    };
    let mut ends_with_space = false;
    for g in &glyphs {
        let t = clean_glyph(&g.text);
        if t.trim().is_empty() {
            pending_space = !text.is_empty();
            if is_space(g) {
                ends_with_space = true;
            }
            continue;
        }
        ends_with_space = false;
        if let Some(p) = prev {
            // The same glyph drawn twice at (almost) the same spot is fake bold, not text.
            if p.text == g.text && (p.x0 - g.x0).abs() < 0.3 {
                continue;
            }
            let gap = g.x0 - p.x1;
            if gap > CHUNK_GAP_EM * g.size.max(p.size) {
                chunks.push(Chunk {
                    x0: g.x0,
                    x1: g.x1,
                    text: String::new(),
                });
            } else if pending_space || gap > word_gap * g.size.max(p.size) {
                if let Some(c) = chunks.last_mut() {
                    c.text.push(' ');
                }
            }
            if pending_space || gap > word_gap * g.size.max(p.size) {
                if first_word_end.is_none() {
                    first_word_end = Some(p.x1);
                }
                text.push(' ');
                words.push(Chunk {
                    x0: g.x0,
                    x1: g.x1,
                    text: String::new(),
                });
            }
        } else {
            words.push(Chunk {
                x0: g.x0,
                x1: g.x1,
                text: String::new(),
            });
            first_glyph_width = g.x1 - g.x0;
            chunks.push(Chunk {
                x0: g.x0,
                x1: g.x1,
                text: String::new(),
            });
        }
        pending_space = false;
        text.push_str(&t);
        for c in [chunks.last_mut(), words.last_mut()].into_iter().flatten() {
            c.text.push_str(&t);
            c.x1 = c.x1.max(g.x1);
        }
        x0 = x0.min(g.x0);
        x1 = x1.max(g.x1);
        *sizes.entry((g.size * 4.0).round() as i64).or_default() += 1;
        y_sum += g.y;
        n += 1.0;
        prev = Some(g);
    }
    if text.is_empty() {
        return None;
    }
    // The line's size is the size most of its glyphs have: a € or bullet from a fallback font
    // may be bigger and must not make the line look like a heading.
    let size = sizes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(k, _)| k as f64 / 4.0)
        .unwrap_or(0.0);
    Some(Line {
        x0,
        x1,
        y: y_sum / n,
        size,
        first_word_width: first_word_end.unwrap_or(x1) - x0,
        first_glyph_width,
        text,
        chunks,
        words,
        spaced,
        ends_with_space,
    })
}

/// Chromium draws list bullets as filled circles, not glyphs: a dot just left of a line's start
/// makes it a bullet line. `dots` are (x0, y0, x1, y1) boxes.
pub fn mark_bullets(lines: &mut [Line], dots: &[(f64, f64, f64, f64)]) {
    for l in lines.iter_mut() {
        let hit = dots.iter().any(|&(_, dy0, dx1, dy1)| {
            let cy = (dy0 + dy1) / 2.0;
            dx1 <= l.x0 && l.x0 - dx1 < 2.5 * l.size && cy < l.y && cy > l.y - 0.8 * l.size
        });
        if hit && !starts_with_marker(&l.text) {
            l.text = format!("• {}", l.text);
        }
    }
}

const TICKED: &[char] = &['☒', '☑', '✅', '✔', '✓', '\u{F0FC}', '\u{F0FE}'];
const UNTICKED: &[char] = &['☐', '□', '\u{F0A8}', '\u{F06F}'];
const BULLETS: &[char] = &[
    '•', '·', '◦', '▪', '■', '‣', '⁃', '●', '○', '\u{F0B7}', '\u{F0A7}', '\u{F076}', '\u{F0D8}',
];

/// Leading marker of a paragraph: checkbox state and/or list bullet, and the text without it.
pub fn strip_marker(text: &str) -> (Option<bool>, bool, &str) {
    let t = text.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if TICKED.contains(&c) => (Some(true), false, chars.as_str().trim_start()),
        Some(c) if UNTICKED.contains(&c) => (Some(false), false, chars.as_str().trim_start()),
        Some(c) if BULLETS.contains(&c) => (None, true, chars.as_str().trim_start()),
        _ => (None, false, t),
    }
}

fn starts_with_marker(text: &str) -> bool {
    let (check, bullet, _) = strip_marker(text);
    check.is_some() || bullet
}

/// Join the lines of one paragraph: a space between lines; a line ending in a hyphen joins the
/// next without a space and keeps its hyphen ("Siilo-" + "groep" → "Siilo-groep"), because Word and
/// LibreOffice export with automatic hyphenation off (their default, and the sjabloon does not turn
/// it on): a hyphen at a line end is a real one. Only a soft hyphen (U+00AD) disappears.
pub fn join_lines(lines: &[String]) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(l);
            continue;
        }
        join_pair(&mut out, l, false);
    }
    out.replace('\u{00AD}', "")
}

/// Append line `next` to paragraph text `out`. `glued`: the layout says the previous line is one
/// word broken because it did not fit its (narrow) column, so no space goes between.
fn join_pair(out: &mut String, next: &str, glued: bool) {
    let mut rev = out.chars().rev();
    let last = rev.next();
    let before = rev.next();
    match last {
        Some('\u{00AD}') => {
            out.pop();
        }
        Some('-') | Some('\u{2010}') => {
            // "zorg- en welzijn": a hyphen that stands for a left-out word part is followed by
            // a conjunction on the next line; that hyphen and the space stay.
            let first_word = next.split_whitespace().next().unwrap_or("");
            let stands_alone = before.is_some_and(char::is_whitespace);
            if stands_alone || matches!(first_word, "en" | "of" | "tot") {
                out.push(' ');
            }
        }
        Some('–') | Some('—') | Some('/') => {
            // "2025–" + "2026": no space before the dash means none after it either.
            if before.is_some_and(|c| c.is_whitespace()) {
                out.push(' ');
            }
        }
        _ => {
            if !glued {
                out.push(' ');
            }
        }
    }
    out.push_str(next);
}

/// A paragraph in the making: its lines and geometry.
#[derive(Debug, Clone)]
pub struct Para {
    pub lines: Vec<Line>,
    pub text: String,
    pub size: f64,
    pub top: f64,
}

/// Split lines (one region: the page body or one table cell) into paragraphs. `right` is the
/// right edge text in this region can reach (column or cell content edge).
///
/// `word_breaks`: the producer may break an over-long word at a line end without a hyphen (word
/// processors do; a browser printing HTML lets the word overflow instead), so a one-word line
/// filled to the edge may continue on the next line.
pub fn paragraphs(lines: &[Line], right: f64, word_breaks: bool) -> Vec<Para> {
    let spacing = base_spacing(lines);
    let mut out: Vec<Para> = Vec::new();
    let mut cur: Vec<Line> = Vec::new();
    for line in lines {
        if let Some(prev) = cur.last() {
            if breaks_between(prev, cur.first().unwrap_or(prev), line, spacing, right) {
                out.push(finish_para(std::mem::take(&mut cur), right, word_breaks));
            }
        }
        cur.push(line.clone());
    }
    if !cur.is_empty() {
        out.push(finish_para(cur, right, word_breaks));
    }
    out
}

/// The usual distance between baselines of consecutive lines of one paragraph in this region.
fn base_spacing(lines: &[Line]) -> Option<f64> {
    lines
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if (a.size - b.size).abs() < 0.15 * a.size => {
                let d = b.y - a.y;
                (d > 0.9 * a.size && d < 2.5 * a.size).then_some(d / a.size)
            }
            _ => None,
        })
        .min_by(|a, b| a.total_cmp(b))
}

fn breaks_between(
    prev: &Line,
    first: &Line,
    next: &Line,
    spacing: Option<f64>,
    right: f64,
) -> bool {
    if starts_with_marker(&next.text) {
        return true;
    }
    if (prev.size - next.size).abs() > 0.15 * prev.size.max(next.size) {
        return true;
    }
    let d = (next.y - prev.y) / prev.size;
    let limit = spacing.map(|s| s * 1.25).unwrap_or(1.5);
    if d > limit || d < 0.0 {
        return true;
    }
    // Text start of the paragraph (after a bullet, continuation lines hang under the text).
    let text_x0 = if starts_with_marker(&first.text) {
        next.x0.max(first.x0)
    } else {
        first.x0
    };
    if next.x0 > text_x0 + prev.size * 1.0 {
        return true;
    }
    // A line that ends well before the edge although the next line's first word would have fitted
    // ended with a hard paragraph break.
    let room = right - prev.x1;
    room > next.first_word_width + prev.size * 0.6 && !prev.text.ends_with('-')
}

fn finish_para(lines: Vec<Line>, right: f64, word_breaks: bool) -> Para {
    let mut text = String::new();
    let mut prev: Option<&Line> = None;
    let text_x0 = lines.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
    for l in &lines {
        let t = l.text.trim();
        match prev {
            None => text.push_str(t),
            Some(p) => {
                let glued = broken_inside_word(p, l, right - text_x0, right, word_breaks);
                join_pair(&mut text, t, glued);
            }
        }
        prev = Some(l);
    }
    let text = text.replace('\u{00AD}', "");
    let size = lines.iter().map(|l| l.size).fold(0.0, f64::max);
    let top = lines.first().map(|l| l.y - l.size).unwrap_or(0.0);
    Para {
        lines,
        text,
        size,
        top,
    }
}

/// Was `prev` broken inside a word, so that `next` continues that word without a space?
/// Word processors and browsers break inside a word only when it is wider than the column, so
/// the default is a space. Evidence for a break inside a word:
/// - a space glyph at the end of `prev` rules it out: LibreOffice draws the line-end space
///   whenever it fits (Chromium never draws it);
/// - `next` starting with punctuation that never follows a space (";", ",", ")", "-Oost…"): the
///   producer broke a too-wide "word" such as "jaarverslag;" or "Rustenburg-Oostbroek" before it;
/// - otherwise geometry: `prev` is one word that filled the line so far that not even the next
///   letter fitted, and together with `next`'s first word it would not fit the column (`width`).
///   A whole word that just fits, whose line-end space did not fit either, followed by a
///   lower-case word, looks the same (plan_a "Beweegspreekuur in"; measured on the sample-batch
///   LibreOffice exports: 5 such words against 60 words really broken for width).
fn broken_inside_word(prev: &Line, next: &Line, width: f64, right: f64, word_breaks: bool) -> bool {
    let p = prev.text.trim();
    let t = next.text.trim();
    if prev.ends_with_space || p.is_empty() || p.ends_with(['-', '\u{2010}', '\u{00AD}']) {
        return false;
    }
    let mut first = t.chars();
    let c0 = first.next();
    let c1 = first.next();
    let attached_punct = match c0 {
        Some(';' | ',' | '.' | ':' | ')' | '!' | '?') => true,
        Some('-') => c1.is_some_and(char::is_alphanumeric),
        _ => false,
    };
    let word_end = p.chars().last().is_some_and(char::is_alphanumeric);
    if attached_punct && word_end {
        return true;
    }
    // Numbers stacked in a table cell ("653,278" over "686,908") fill their column just like a
    // broken word, but a word processor breaks a number only in a column narrower than the
    // number, which a table of amounts never is: gluing them would make one wrong amount.
    if c0.is_some_and(|c| c.is_ascii_digit()) && p.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let room = right - prev.x1;
    let one_word = !p.contains(' ');
    let starts_word_part = c0.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    let combined = (prev.x1 - prev.x0) + next.first_word_width;
    word_breaks
        && one_word
        && room < next.first_glyph_width
        && combined > width - 0.5
        && word_end
        && starts_word_part
}

/// A finished paragraph as a model paragraph (marker stripped).
pub fn to_paragraph(p: &Para, page: u32) -> Paragraph {
    let (checkbox, list_item, rest) = strip_marker(&p.text);
    Paragraph {
        text: rest.to_string(),
        in_text_box: false,
        checkbox,
        list_item,
        // pdf-extract hands out glyphs without their font, so boldness is unknown.
        bold: false,
        label: None,
        images: Vec::new(),
        loc: Loc {
            page: Some(page),
            index: 0,
        },
    }
}

/// Split "4. Thema’s…" into number "4" and text; "4.1 Sub" → "4.1". Years ("2025 plan") are not
/// numbers: at most two digits per part.
pub fn split_number(text: &str) -> (Option<String>, String) {
    let t = text.trim();
    let num_end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let (num, rest) = t.split_at(num_end);
    let num_trim = num.trim_end_matches('.');
    let valid = !num_trim.is_empty()
        && num_trim
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && rest.starts_with(char::is_whitespace)
        && (num.ends_with('.') || num_trim.contains('.') || rest.starts_with(' '));
    if valid && !rest.trim().is_empty() {
        (Some(num_trim.to_string()), rest.trim().to_string())
    } else {
        (None, t.to_string())
    }
}

/// Body paragraphs of one page: headings where the font is clearly bigger than the body font.
/// `heading_sizes` are the document's heading font sizes, biggest first (rank = level).
pub fn body_blocks(
    paras: &[Para],
    page: u32,
    body_size: f64,
    heading_sizes: &[f64],
) -> Vec<Placed> {
    paras
        .iter()
        .map(|p| {
            let block = if is_heading_size(p.size, body_size)
                && !starts_with_marker(&p.text)
                && p.lines.len() <= 3
                && !p.text.ends_with([';', ','])
            {
                let (number, text) = split_number(&p.text);
                let level = match &number {
                    Some(n) => n.split('.').count(),
                    None => {
                        heading_sizes
                            .iter()
                            .position(|s| (s - p.size).abs() < 0.5)
                            .unwrap_or(0)
                            + 1
                    }
                };
                Block::Heading(Heading {
                    level: u8::try_from(level).unwrap_or(u8::MAX),
                    number,
                    text,
                    loc: Loc {
                        page: Some(page),
                        index: 0,
                    },
                })
            } else {
                Block::Paragraph(to_paragraph(p, page))
            };
            Placed {
                top: p.top,
                block,
                bands: Vec::new(),
            }
        })
        .collect()
}

pub fn is_heading_size(size: f64, body_size: f64) -> bool {
    size >= body_size * HEADING_RATIO
}

/// The body font size: the size most characters are set in (rounded to half points).
pub fn body_size<'a>(lines: impl Iterator<Item = &'a Line>) -> f64 {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for l in lines {
        *counts.entry((l.size * 2.0).round() as i64).or_default() += l.text.chars().count();
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| k as f64 / 2.0)
        .unwrap_or(10.0)
}

/// Lines in the top or bottom margin band that are page furniture: a page number, or text that
/// recurs (whole numbers ignored, see [`furniture_key`]) in the same band on at least two pages,
/// and a quarter of the pages, that are not copies of each other. `pages` holds a page's text in
/// another direction as a page of its own; `page_count` is the document's pages. Only the
/// [`FURNITURE_ROWS`] rows nearest the page edge can be furniture, a row only as a whole, and
/// recurring text only as long as every row between it and the edge is furniture too. Returns
/// per page the indexes of the lines to drop.
///
/// Why so careful: a header or footer is left out of the text without a note (the contract says
/// so), so a body line wrongly taken for one is lost silently. Footnotes repeated on two rate
/// sheets, the table header of a landscape page and the title of an invoice printed twice
/// (original and copy) all recur in the 12 % band; none of them is a header.
pub fn furniture(pages: &[(f64, Vec<Line>)], page_count: usize) -> Vec<Vec<usize>> {
    let key = |l: &Line| furniture_key(&l.text);
    let band = |height: f64, l: &Line| -> Option<bool> {
        if l.y < height * MARGIN_BAND {
            Some(true)
        } else if l.y > height * (1.0 - MARGIN_BAND) {
            Some(false)
        } else {
            None
        }
    };
    // Per band key, the pages it is on (ascending, each once); per page, its body lines' keys.
    let mut on_pages: HashMap<(bool, String), Vec<usize>> = HashMap::new();
    let mut bodies: Vec<HashSet<String>> = Vec::with_capacity(pages.len());
    for (n, (height, lines)) in pages.iter().enumerate() {
        let mut body = HashSet::new();
        for l in lines {
            match band(*height, l) {
                Some(b) => {
                    let at = on_pages.entry((b, key(l))).or_default();
                    if at.last() != Some(&n) {
                        at.push(n);
                    }
                }
                // Exact text: pages that differ only in their numbers are not copies.
                None => {
                    body.insert(l.text.split_whitespace().collect::<String>());
                }
            }
        }
        bodies.push(body);
    }
    let copies = |a: usize, b: usize| -> bool {
        let (x, y) = (&bodies[a], &bodies[b]);
        let smaller = x.len().min(y.len());
        smaller > 0 && {
            let (small, big) = if x.len() <= y.len() { (x, y) } else { (y, x) };
            let shared = small.iter().filter(|k| big.contains(*k)).count();
            shared as f64 >= COPY_SHARE * smaller as f64
        }
    };
    // Compared with the key's first page only, and with at most COPY_CHECKS others; a pair of
    // pages is compared once whatever the number of keys they share.
    let mut compared: HashMap<(usize, usize), bool> = HashMap::new();
    // A running header is on most pages; on a quarter of them at least, so that two numbered
    // headings that open a page ("2.1 LRS model", "3.1 LRS model": equal with the digits left
    // out) in a 19-page report are not taken for one.
    let min_pages = page_count.div_ceil(4).max(2);
    let mut recurring: HashMap<(bool, String), bool> = HashMap::new();
    for (k, at) in &on_pages {
        let first = at[0];
        let found = at.len() >= min_pages
            && at[1..].iter().take(COPY_CHECKS).any(|&other| {
                !*compared
                    .entry((first, other))
                    .or_insert_with(|| copies(first, other))
            });
        recurring.insert(k.clone(), found);
    }
    pages
        .iter()
        .map(|(height, lines)| {
            let mut drop = Vec::new();
            for top in [true, false] {
                // The band's lines from the edge inward; lines within half their size of each
                // other's baseline are one row (a header's left and right parts).
                let mut order: Vec<usize> = (0..lines.len())
                    .filter(|&i| band(*height, &lines[i]) == Some(top))
                    .collect();
                let from_edge = |i: usize| {
                    if top {
                        lines[i].y
                    } else {
                        height - lines[i].y
                    }
                };
                order.sort_by(|&a, &b| from_edge(a).total_cmp(&from_edge(b)));
                let mut rows = 0;
                let mut i = 0;
                let mut walking = true;
                while i < order.len() && rows < FURNITURE_ROWS {
                    let row_start = from_edge(order[i]);
                    let mut j = i;
                    while j < order.len()
                        && from_edge(order[j]) - row_start < lines[order[j]].size.max(1.0) * 0.5
                    {
                        j += 1;
                    }
                    let row = &order[i..j];
                    let recurs = |k: usize| {
                        walking
                            && recurring
                                .get(&(top, key(&lines[k])))
                                .copied()
                                .unwrap_or(false)
                    };
                    // A row is furniture only as a whole: a label row whose parts recur on
                    // different pages ("WhitePoint [ 1.0 1.0 1.0 ]" on all three, "Gamma 1.0"
                    // on two, pdf.js calgray) is content, though each part alone recurs.
                    let whole = row
                        .iter()
                        .all(|&k| recurs(k) || is_page_number(&lines[k].text));
                    for &k in row {
                        if whole || is_page_number(&lines[k].text) {
                            drop.push(k);
                        }
                    }
                    // Past a row that is not all furniture only page numbers still are: "Powered
                    // by TCPDF" under "page 1 / 1" does not make the page number body text.
                    walking &= whole;
                    rows += 1;
                    i = j;
                }
            }
            drop.sort_unstable();
            drop
        })
        .collect()
}

/// What a line must share with lines on other pages to recur: its text without spaces, whole
/// numbers masked (a page number, "Pagina 3 van 12", changes from page to page) but numbers with a
/// decimal point or comma kept. A running header's page number is a whole number; a label line
/// that opens each page with other values ("Gamma 1.0" on one page, "Gamma 5.0" on the next, pdf.js
/// calgray) is content, not a header.
fn furniture_key(text: &str) -> String {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A number: digits, with '.' or ',' only between digits.
        let start = i;
        let mut decimal = false;
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                i += 1;
            } else if matches!(chars[i], '.' | ',')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            {
                decimal = true;
                i += 1;
            } else {
                break;
            }
        }
        for &c in &chars[start..i] {
            out.push(if decimal || !c.is_ascii_digit() {
                c
            } else {
                '#'
            });
        }
    }
    out
}

/// "3", "- 3 -", "3 / 7", "Pagina 3 van 7", "page 3".
pub fn is_page_number(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t = t
        .trim_start_matches("pagina")
        .trim_start_matches("page")
        .trim_start_matches("blz.");
    let mut digits = 0;
    for c in t.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if !(c.is_whitespace() || matches!(c, '-' | '–' | '/' | '|')) {
            let rest_ok = t.split_whitespace().all(|w| {
                w == "van"
                    || w == "of"
                    || w.chars()
                        .all(|c| c.is_ascii_digit() || c == '-' || c == '–' || c == '/')
            });
            return rest_ok && digits > 0;
        }
    }
    digits > 0
}

/// A body paragraph split by a page break: the previous page's last paragraph has no sentence end
/// and this page's first starts in lower case.
pub fn continues_paragraph(prev: &Paragraph, next: &Paragraph) -> bool {
    let ends_open = prev
        .text
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || c == ',' || c == '-');
    let starts_lower = next.text.chars().next().is_some_and(|c| c.is_lowercase());
    ends_open
        && starts_lower
        && next.checkbox.is_none()
        && !next.list_item
        && prev.checkbox.is_none()
}
