//! Table lines in a scanned page: long thin runs of dark pixels → ruling segments.
//!
//! Why: a scan's table borders are pixels, not drawn lines, and without them the layout finds a
//! table only from column alignment, which loses a cell's second line (a §1 field over several
//! lines, a theme cell). Long straight dark runs are what a table border looks like in any scan;
//! text strokes are short (the longest, a dash or a capital's bar, stays well under
//! [`MIN_LEN_PT`]). Runs are merged over the neighbouring rows (or columns) they cover, so a line
//! 1–5 pixels thick is one segment, and a run broken by a few light pixels (JPEG noise, a faint
//! scan) is one run. Linear in the pixels, two passes.

use super::collect::Segment;

/// Darker than this (0 black … 255 white) is ink.
const INK: u8 = 150;
/// Shortest run kept as a line, in points (a table border is far longer, a glyph's stroke shorter).
const MIN_LEN_PT: f64 = 24.0;
/// Thickest a line may be, in points (the text reader's rule for drawn lines).
const MAX_THICK_PT: f64 = 2.5;
/// Light pixels bridged inside one run.
const MAX_GAP_PX: usize = 2;

/// The ruling segments of a grey page image (`w` × `h`, row-major, one byte per pixel), in page
/// points: `sx`, `sy` points per pixel.
pub fn rules(grey: &[u8], w: usize, h: usize, sx: f64, sy: f64) -> Vec<Segment> {
    if grey.len() < w * h || w == 0 || h == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let min_x = (MIN_LEN_PT / sx).ceil() as usize;
    let max_y = (MAX_THICK_PT / sy).ceil().max(1.0) as usize + 1;
    for (pos, a, b) in lines(|y, x| grey[y * w + x], h, w, min_x, max_y) {
        out.push(Segment {
            x0: a as f64 * sx,
            y0: pos * sy,
            x1: (b + 1) as f64 * sx,
            y1: pos * sy,
        });
    }
    let min_y = (MIN_LEN_PT / sy).ceil() as usize;
    let max_x = (MAX_THICK_PT / sx).ceil().max(1.0) as usize + 1;
    for (pos, a, b) in lines(|x, y| grey[y * w + x], w, h, min_y, max_x) {
        out.push(Segment {
            x0: pos * sx,
            y0: a as f64 * sy,
            x1: pos * sx,
            y1: (b + 1) as f64 * sy,
        });
    }
    out
}

/// Lines along one axis: `at(i, j)` is the pixel on scan line `i` (0..n) at position `j` (0..len).
/// Returns (centre of the line across, first, last position along).
fn lines(
    at: impl Fn(usize, usize) -> u8,
    n: usize,
    len: usize,
    min_len: usize,
    max_thick: usize,
) -> Vec<(f64, usize, usize)> {
    // Open lines: (first scan line, last scan line, start, end).
    let mut open: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut done = Vec::new();
    let close = |l: (usize, usize, usize, usize), done: &mut Vec<(f64, usize, usize)>| {
        if l.1 - l.0 < max_thick {
            done.push(((l.0 + l.1) as f64 / 2.0 + 0.5, l.2, l.3));
        }
    };
    for i in 0..n {
        let runs = runs(|j| at(i, j), len, min_len);
        let mut next = Vec::with_capacity(runs.len());
        for (a, b) in runs {
            // The same line one scan line on: it overlaps most of an open line.
            match open.iter().position(|o| {
                let overlap = b.min(o.3) as i64 - a.max(o.2) as i64;
                overlap > 0 && overlap as usize * 2 > (b - a).min(o.3 - o.2)
            }) {
                Some(k) => {
                    let o = open.swap_remove(k);
                    next.push((o.0, i, o.2.min(a), o.3.max(b)));
                }
                None => next.push((i, i, a, b)),
            }
        }
        for o in open.drain(..) {
            close(o, &mut done);
        }
        open = next;
    }
    for o in open {
        close(o, &mut done);
    }
    done
}

/// Runs of ink at least `min_len` long on one scan line, bridging gaps of [`MAX_GAP_PX`].
fn runs(at: impl Fn(usize) -> u8, len: usize, min_len: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_ink = 0usize;
    for j in 0..len {
        if at(j) < INK {
            if start.is_none() {
                start = Some(j);
            }
            last_ink = j;
        } else if let Some(s) = start {
            if j - last_ink > MAX_GAP_PX {
                if last_ink + 1 - s >= min_len {
                    out.push((s, last_ink));
                }
                start = None;
            }
        }
    }
    if let Some(s) = start {
        if last_ink + 1 - s >= min_len {
            out.push((s, last_ink));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawn_grid_gives_its_lines_and_text_gives_none() {
        // 200 × 100 white, a 2-pixel horizontal line at rows 10–11 from x 20 to 179 with a
        // one-pixel gap, a vertical line at column 50 rows 10–89, and a "glyph" 8 × 8 at (100, 50).
        let (w, h) = (200, 100);
        let mut g = vec![255u8; w * h];
        for y in 10..12 {
            for x in 20..180 {
                if x != 90 {
                    g[y * w + x] = 20;
                }
            }
        }
        for y in 10..90 {
            g[y * w + 50] = 40;
        }
        for y in 50..58 {
            for x in 100..108 {
                g[y * w + x] = 0;
            }
        }
        // One point per pixel, so lengths of 24 px and more are lines.
        let r = rules(&g, w, h, 1.0, 1.0);
        let hs: Vec<_> = r.iter().filter(|s| s.horizontal()).collect();
        let vs: Vec<_> = r.iter().filter(|s| !s.horizontal()).collect();
        assert_eq!(hs.len(), 1, "{r:?}");
        assert_eq!((hs[0].x0, hs[0].x1, hs[0].y0), (20.0, 180.0, 11.0));
        assert_eq!(vs.len(), 1, "{r:?}");
        assert_eq!((vs[0].x0, vs[0].y0, vs[0].y1), (50.5, 10.0, 90.0));
    }

    #[test]
    fn a_thick_bar_is_not_a_line() {
        // A 40 × 20 black block (a photo, a logo): too thick either way.
        let (w, h) = (60, 30);
        let mut g = vec![255u8; w * h];
        for y in 5..25 {
            for x in 10..50 {
                g[y * w + x] = 0;
            }
        }
        assert!(rules(&g, w, h, 1.0, 1.0).is_empty());
    }
}
