//! Ruling lines → table grids → cells with spans; pages' table parts joined into one table.
//!
//! A grid's column edges are the x positions of its vertical lines, its row edges the y positions
//! of its horizontal lines. Two grid positions belong to one merged cell when the line between
//! them is missing there: a horizontal line that stops short is a vertical merge (row_span), a
//! vertical line interrupted in a row is a horizontal merge (col_span).

use super::collect::{Glyph, Segment};
use super::layout;
use crate::model::{Block, Cell, Row, Table};

/// Line ends this close (pt) count as touching; positions this close are one edge.
const TOUCH: f64 = 2.0;

#[derive(Debug, Clone)]
pub struct Grid {
    /// Column edges, left to right.
    pub xs: Vec<f64>,
    /// Row edges, top to bottom.
    pub ys: Vec<f64>,
    h: Vec<Segment>,
    v: Vec<Segment>,
}

/// One cell of a grid: position, spans and its rectangle.
#[derive(Debug, Clone)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

/// Merge collinear, touching segments (borders are often drawn per cell).
fn merge_segments(mut segs: Vec<Segment>, horizontal: bool) -> Vec<Segment> {
    // Normalise to (position, start, end).
    let mut items: Vec<(f64, f64, f64)> = segs
        .drain(..)
        .map(|s| {
            if horizontal {
                (s.y0, s.x0.min(s.x1), s.x0.max(s.x1))
            } else {
                (s.x0, s.y0.min(s.y1), s.y0.max(s.y1))
            }
        })
        .collect();
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    // Group by position (within 1 pt), then merge intervals within each group.
    let mut out: Vec<(f64, f64, f64)> = Vec::new();
    let mut group: Vec<(f64, f64, f64)> = Vec::new();
    let flush = |group: &mut Vec<(f64, f64, f64)>, out: &mut Vec<(f64, f64, f64)>| {
        group.sort_by(|a, b| a.1.total_cmp(&b.1));
        let pos = group.iter().map(|g| g.0).sum::<f64>() / group.len().max(1) as f64;
        let mut cur: Option<(f64, f64)> = None;
        for g in group.iter() {
            cur = match cur {
                Some((s, e)) if g.1 <= e + TOUCH => Some((s, e.max(g.2))),
                Some((s, e)) => {
                    out.push((pos, s, e));
                    Some((g.1, g.2))
                }
                None => Some((g.1, g.2)),
            };
        }
        if let Some((s, e)) = cur {
            out.push((pos, s, e));
        }
        group.clear();
    };
    for it in items {
        if group.first().is_some_and(|g| (it.0 - g.0).abs() > 1.0) {
            flush(&mut group, &mut out);
        }
        group.push(it);
    }
    if !group.is_empty() {
        flush(&mut group, &mut out);
    }
    out.into_iter()
        .map(|(p, s, e)| {
            if horizontal {
                Segment {
                    x0: s,
                    y0: p,
                    x1: e,
                    y1: p,
                }
            } else {
                Segment {
                    x0: p,
                    y0: s,
                    x1: p,
                    y1: e,
                }
            }
        })
        .collect()
}

fn touches(h: &Segment, v: &Segment) -> bool {
    v.x0 >= h.x0 - TOUCH && v.x0 <= h.x1 + TOUCH && h.y0 >= v.y0 - TOUCH && h.y0 <= v.y1 + TOUCH
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while let Some(&p) = parent.get(r) {
        if p == r {
            break;
        }
        r = p;
    }
    if let Some(slot) = parent.get_mut(i) {
        *slot = r;
    }
    r
}

/// Cluster positions that lie within [`TOUCH`] of each other; returns the cluster means, sorted.
fn edges(mut pos: Vec<f64>) -> Vec<f64> {
    pos.sort_by(|a, b| a.total_cmp(b));
    let mut out: Vec<Vec<f64>> = Vec::new();
    for p in pos {
        match out.last_mut() {
            Some(c) if c.last().is_some_and(|l| p - l <= TOUCH) => c.push(p),
            _ => out.push(vec![p]),
        }
    }
    out.into_iter()
        .map(|c| c.iter().sum::<f64>() / c.len() as f64)
        .collect()
}

/// Find the ruled tables on a page. A grid needs at least two column bands or two row bands:
/// a lone box around a paragraph is a border, not a table.
pub fn detect(rules: &[Segment]) -> Vec<Grid> {
    let (h, v): (Vec<Segment>, Vec<Segment>) = rules.iter().partition(|s| s.horizontal());
    let h = merge_segments(h, true);
    let v = merge_segments(v, false);
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, hs) in h.iter().enumerate() {
        for (j, vs) in v.iter().enumerate() {
            if touches(hs, vs) {
                let a = find(&mut parent, i);
                let b = find(&mut parent, h.len() + j);
                if let Some(slot) = parent.get_mut(a) {
                    *slot = b;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Segment>, Vec<Segment>)> =
        Default::default();
    for (i, s) in h.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().0.push(*s);
    }
    for (j, s) in v.iter().enumerate() {
        let r = find(&mut parent, h.len() + j);
        groups.entry(r).or_default().1.push(*s);
    }
    let mut grids: Vec<Grid> = groups
        .into_values()
        .filter_map(|(mut h, v)| {
            let xs = edges(v.iter().map(|s| s.x0).collect());
            // A table cut by a page break may lack its closing border (Chromium): the vertical
            // lines then run past the last horizontal one. Close it there (same at the top).
            let (x_min, x_max) = (first(&xs), last(&xs));
            let y_top = v.iter().map(|s| s.y0).fold(f64::MAX, f64::min);
            let y_bot = v.iter().map(|s| s.y1).fold(f64::MIN, f64::max);
            let h_top = h.iter().map(|s| s.y0).fold(f64::MAX, f64::min);
            let h_bot = h.iter().map(|s| s.y0).fold(f64::MIN, f64::max);
            if !v.is_empty() && !h.is_empty() {
                if y_bot > h_bot + 3.0 * TOUCH {
                    h.push(Segment {
                        x0: x_min,
                        y0: y_bot,
                        x1: x_max,
                        y1: y_bot,
                    });
                }
                if y_top < h_top - 3.0 * TOUCH {
                    h.push(Segment {
                        x0: x_min,
                        y0: y_top,
                        x1: x_max,
                        y1: y_top,
                    });
                }
            }
            let ys = edges(h.iter().map(|s| s.y0).collect());
            (xs.len() >= 2 && ys.len() >= 2 && (xs.len() > 2 || ys.len() > 2)).then_some(Grid {
                xs,
                ys,
                h,
                v,
            })
        })
        .collect();
    grids.sort_by(|a, b| first(&a.ys).total_cmp(&first(&b.ys)));
    grids
}

fn first(v: &[f64]) -> f64 {
    v.first().copied().unwrap_or(0.0)
}

fn last(v: &[f64]) -> f64 {
    v.last().copied().unwrap_or(0.0)
}

impl Grid {
    pub fn top(&self) -> f64 {
        first(&self.ys)
    }

    /// Does a glyph (by its centre) sit inside the grid?
    pub fn contains(&self, g: &Glyph) -> bool {
        let (cx, cy) = centre(g);
        cx >= first(&self.xs) - 1.0
            && cx <= last(&self.xs) + 1.0
            && cy >= first(&self.ys) - 1.0
            && cy <= last(&self.ys) + 1.0
    }

    /// Is there a vertical line at column edge `xi` through the middle of row band `r`?
    fn has_v(&self, xi: usize, r: usize) -> bool {
        let (Some(x), Some(y0), Some(y1)) = (self.xs.get(xi), self.ys.get(r), self.ys.get(r + 1))
        else {
            return true;
        };
        let mid = (y0 + y1) / 2.0;
        self.v
            .iter()
            .any(|s| (s.x0 - x).abs() <= TOUCH && s.y0 <= mid && s.y1 >= mid)
    }

    /// Is there a horizontal line at row edge `yi` through the middle of column band `c`?
    fn has_h(&self, yi: usize, c: usize) -> bool {
        let (Some(y), Some(x0), Some(x1)) = (self.ys.get(yi), self.xs.get(c), self.xs.get(c + 1))
        else {
            return true;
        };
        let mid = (x0 + x1) / 2.0;
        self.h
            .iter()
            .any(|s| (s.y0 - y).abs() <= TOUCH && s.x0 <= mid && s.x1 >= mid)
    }

    /// The grid's cells, row by row, each once with its spans.
    pub fn cells(&self) -> Vec<GridCell> {
        let nr = self.ys.len().saturating_sub(1);
        let nc = self.xs.len().saturating_sub(1);
        let mut taken = vec![false; nr * nc];
        let mut out = Vec::new();
        for r in 0..nr {
            for c in 0..nc {
                if taken.get(r * nc + c).copied().unwrap_or(true) {
                    continue;
                }
                let mut c_end = c + 1;
                while c_end < nc && !self.has_v(c_end, r) {
                    c_end += 1;
                }
                let mut r_end = r + 1;
                while r_end < nr && (c..c_end).all(|cc| !self.has_h(r_end, cc)) {
                    r_end += 1;
                }
                for rr in r..r_end {
                    for cc in c..c_end {
                        if let Some(t) = taken.get_mut(rr * nc + cc) {
                            *t = true;
                        }
                    }
                }
                out.push(GridCell {
                    row: r,
                    col: c,
                    row_span: r_end - r,
                    col_span: c_end - c,
                    x0: self.xs.get(c).copied().unwrap_or(0.0),
                    x1: self.xs.get(c_end).copied().unwrap_or(0.0),
                    y0: self.ys.get(r).copied().unwrap_or(0.0),
                    y1: self.ys.get(r_end).copied().unwrap_or(0.0),
                });
            }
        }
        out
    }

    /// Build the model table from the glyphs inside this grid.
    pub fn to_table(&self, glyphs: &[Glyph], page: u32, word_breaks: bool) -> Table {
        let cells = self.cells();
        let mut per_cell: Vec<Vec<Glyph>> = vec![Vec::new(); cells.len()];
        for g in glyphs {
            let (cx, cy) = centre(g);
            if let Some(i) = cells
                .iter()
                .position(|c| cx >= c.x0 && cx <= c.x1 && cy >= c.y0 && cy <= c.y1)
            {
                if let Some(v) = per_cell.get_mut(i) {
                    v.push(g.clone());
                }
            }
        }
        let nr = self.ys.len().saturating_sub(1);
        let mut rows: Vec<Row> = (0..nr)
            .map(|_| Row {
                cells: Vec::new(),
                page: Some(page),
            })
            .collect();
        for (gc, gl) in cells.iter().zip(per_cell) {
            let lines = layout::build_lines(&gl);
            // Cell padding is symmetric: the gap between the left border and the text.
            let pad = lines
                .iter()
                .map(|l| l.x0 - gc.x0)
                .fold(f64::MAX, f64::min)
                .clamp(0.0, 10.0);
            let paras = layout::paragraphs(&lines, gc.x1 - pad, word_breaks);
            let blocks = paras
                .iter()
                .map(|p| Block::Paragraph(layout::to_paragraph(p, page)))
                .collect();
            if let Some(row) = rows.get_mut(gc.row) {
                row.cells.push(Cell {
                    col: gc.col,
                    col_span: gc.col_span,
                    row_span: gc.row_span,
                    blocks,
                });
            }
        }
        Table {
            rows,
            loc: crate::model::Loc {
                page: Some(page),
                index: 0,
            },
        }
    }
}

fn centre(g: &Glyph) -> (f64, f64) {
    ((g.x0 + g.x1) / 2.0, g.y - 0.3 * g.size)
}

/// Two table parts have the same column bands (a table continuing on the next page).
pub fn same_bands(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= TOUCH)
}

fn row_texts(r: &Row) -> Vec<String> {
    r.cells.iter().map(|c| c.text()).collect()
}

/// Append the part of a table found on the next page: a repeated header row is dropped, and a row
/// that the page break split (its first cell empty on the new page) is joined to the last row.
pub fn append_continuation(table: &mut Table, mut part: Table) {
    let header = table.rows.first().map(row_texts);
    if let (Some(h), Some(f)) = (header, part.rows.first()) {
        if row_texts(f) == h && h.iter().any(|t| !t.is_empty()) {
            part.rows.remove(0);
        }
    }
    let split = match (table.rows.last(), part.rows.first()) {
        (Some(prev), Some(next)) => {
            let first_text = |r: &Row| r.cells.iter().find(|c| c.col == 0).map(|c| c.text());
            table.rows.len() > 1
                && first_text(prev).is_some_and(|t| !t.is_empty())
                && first_text(next).is_some_and(|t| t.is_empty())
                && next.cells.iter().any(|c| !c.text().is_empty())
        }
        _ => false,
    };
    let mut rest = part.rows.into_iter();
    if split {
        if let (Some(prev), Some(next)) = (table.rows.last_mut(), rest.next()) {
            for nc in next.cells {
                match prev.cells.iter_mut().find(|c| c.col == nc.col) {
                    Some(pc) => join_cell(pc, nc),
                    None => prev.cells.push(nc),
                }
            }
        }
    }
    table.rows.extend(rest);
}

/// A cell's text continued on the next page: the first paragraph there continues the last one.
fn join_cell(into: &mut Cell, from: Cell) {
    let mut blocks = from.blocks.into_iter().peekable();
    if let (Some(Block::Paragraph(last)), Some(Block::Paragraph(p))) =
        (into.blocks.last_mut(), blocks.peek())
    {
        last.text = layout::join_lines(&[last.text.clone(), p.text.clone()]);
        blocks.next();
    }
    into.blocks.extend(blocks);
}

/// A table found by text alignment, where no ruling lines were drawn.
#[derive(Debug, Clone)]
pub struct Aligned {
    pub top: f64,
    pub table: Table,
    pub bands: Vec<f64>,
}

/// Column starts this close (pt) are one column.
const ALIGN: f64 = 3.0;

/// A line's chunks, with a leading bullet or checkbox kept with the text it marks.
fn cells_of(l: &layout::Line) -> Vec<layout::Chunk> {
    let mut c = l.chunks.clone();
    let marker = c.first().is_some_and(|f| {
        let (check, bullet, _) = layout::strip_marker(&f.text);
        f.text.chars().count() == 1 && (check.is_some() || bullet)
    });
    if c.len() >= 2 && marker {
        {
            let first = c.remove(0);
            if let Some(next) = c.first_mut() {
                next.text = format!("{} {}", first.text, next.text);
                next.x0 = first.x0;
            }
        }
    }
    c
}

fn col_of(cols: &[f64], x: f64) -> Option<usize> {
    cols.iter().position(|c| (c - x).abs() <= ALIGN)
}

/// Find tables without ruling lines in a page's body lines: runs of lines split into aligned
/// chunks (label | value), at least two of them with two or more chunks. Returns the remaining
/// lines and the tables. A wrapped cell continues its row: lines closer together than the
/// spacing between rows, or lines with nothing in the first column.
pub fn aligned_tables(lines: Vec<layout::Line>, page: u32) -> (Vec<layout::Line>, Vec<Aligned>) {
    let mut rest = Vec::new();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(start) = lines.get(i) {
        let first_cells = cells_of(start);
        if first_cells.len() >= 2 {
            let mut cols: Vec<f64> = first_cells.iter().map(|c| c.x0).collect();
            let mut j = i + 1;
            while let (Some(l), Some(prev)) = (lines.get(j), lines.get(j - 1)) {
                if l.y - prev.y > 4.0 * prev.size {
                    break;
                }
                let cs = cells_of(l);
                let aligned = cs.iter().filter(|c| col_of(&cols, c.x0).is_some()).count();
                // One chunk running past the next column start is body text, not a cell.
                let spans_columns = cs.len() == 1
                    && cs.first().is_some_and(|c| {
                        let own = col_of(&cols, c.x0).unwrap_or(0);
                        cols.get(own + 1).is_some_and(|next| c.x1 > next + ALIGN)
                    });
                if aligned == 0 || spans_columns || (cs.len() == 1 && aligned != 1) {
                    break;
                }
                for c in &cs {
                    if col_of(&cols, c.x0).is_none() {
                        cols.push(c.x0);
                    }
                }
                cols.sort_by(|a, b| a.total_cmp(b));
                j += 1;
            }
            let multi = lines
                .get(i..j)
                .unwrap_or(&[])
                .iter()
                .filter(|l| cells_of(l).len() >= 2)
                .count();
            if multi >= 2 {
                // A header row whose cells sit too close for a column gap (Chromium) still has a
                // word starting at each column: take such lines just above the run along.
                let mut k = i;
                while let (Some(above), Some(below)) = (lines.get(k.wrapping_sub(1)), lines.get(k))
                {
                    let hits = cols
                        .iter()
                        .filter(|c| above.words.iter().any(|w| (w.x0 - **c).abs() <= ALIGN))
                        .count();
                    let on_col = |w: &layout::Chunk| cols.iter().any(|c| (w.x0 - c).abs() <= ALIGN);
                    let single_in_col =
                        above.words.len() == 1 && above.words.first().is_some_and(on_col);
                    let close = below.y - above.y <= 4.0 * above.size;
                    let same_size = (above.size - below.size).abs() <= 0.1 * below.size;
                    // Cell text never runs across a column start; body text does.
                    let crosses = above
                        .words
                        .iter()
                        .any(|w| cols.iter().any(|c| w.x0 < c - ALIGN && w.x1 > c + ALIGN));
                    let enough = hits >= 2 && hits + 1 >= cols.len();
                    if k == 0
                        || i - k >= 3
                        || !close
                        || !same_size
                        || crosses
                        || !(enough || single_in_col)
                        || rest.is_empty()
                    {
                        break;
                    }
                    rest.pop();
                    k -= 1;
                }
                let run = lines.get(k..j).unwrap_or(&[]);
                found.push(build_aligned(run, &cols, page));
                i = j;
                continue;
            }
        }
        rest.push(start.clone());
        i += 1;
    }
    (rest, found)
}

fn build_aligned(run: &[layout::Line], cols: &[f64], page: u32) -> Aligned {
    let deltas: Vec<f64> = run
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(b.y - a.y),
            _ => None,
        })
        .collect();
    let base = deltas.iter().copied().fold(f64::MAX, f64::min);
    let spaced_rows = deltas.iter().any(|d| *d > 1.3 * base);
    let mut rows: Vec<Vec<Vec<String>>> = Vec::new();
    // The column a word belongs to: the last column starting at or before it. Words, not gap
    // chunks, because a cell filled to its edge leaves less than a chunk gap to the next one.
    let word_col = |x: f64| cols.iter().rposition(|c| *c <= x + ALIGN).unwrap_or(0);
    for (k, l) in run.iter().enumerate() {
        let mut cs: Vec<layout::Chunk> = Vec::new();
        let mut last_col: Option<usize> = None;
        for w in &l.words {
            let col = word_col(w.x0);
            match cs.last_mut() {
                Some(c) if last_col == Some(col) => {
                    c.text.push(' ');
                    c.text.push_str(&w.text);
                }
                _ => cs.push(layout::Chunk {
                    x0: cols.get(col).copied().unwrap_or(w.x0),
                    x1: w.x1,
                    text: w.text.clone(),
                }),
            }
            last_col = Some(col);
        }
        let has_first = cs.first().is_some_and(|c| col_of(cols, c.x0) == Some(0));
        let delta = if k == 0 {
            None
        } else {
            deltas.get(k - 1).copied()
        };
        let new_row = match delta {
            None => true,
            Some(d) => has_first && (!spaced_rows || d > 1.3 * base),
        };
        if new_row {
            rows.push(vec![Vec::new(); cols.len()]);
        }
        if let Some(row) = rows.last_mut() {
            for c in cs {
                let idx = col_of(cols, c.x0).unwrap_or(0);
                if let Some(cell) = row.get_mut(idx) {
                    cell.push(c.text);
                }
            }
        }
    }
    let right = run.iter().map(|l| l.x1).fold(0.0, f64::max);
    let mut bands = cols.to_vec();
    bands.push(right);
    let table = Table {
        rows: rows
            .into_iter()
            .map(|r| Row {
                cells: r
                    .into_iter()
                    .enumerate()
                    .map(|(col, texts)| {
                        let text = layout::join_lines(&texts);
                        let blocks = if text.is_empty() {
                            Vec::new()
                        } else {
                            vec![Block::Paragraph(layout::to_paragraph(
                                &layout::Para {
                                    lines: Vec::new(),
                                    text,
                                    size: 0.0,
                                    top: 0.0,
                                },
                                page,
                            ))]
                        };
                        Cell {
                            col,
                            col_span: 1,
                            row_span: 1,
                            blocks,
                        }
                    })
                    .collect(),
                page: Some(page),
            })
            .collect(),
        loc: crate::model::Loc {
            page: Some(page),
            index: 0,
        },
    };
    Aligned {
        top: run.first().map(|l| l.y - l.size).unwrap_or(0.0),
        table,
        bands,
    }
}
