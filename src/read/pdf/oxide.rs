//! The second PDF reader: pdf_oxide's text, per page, where pdf-extract reads less.
//!
//! Why a second reader: pdf-extract panics on fonts and encodings it does not know (the CJK CMaps
//! `UniJIS-UTF16-H` and `GBK-EUC-H`, `/Encoding /StandardEncoding` given as a name, embedded CMap
//! streams, CFF width tables) and decodes fonts without a ToUnicode map poorly. pdf_oxide 0.3.78
//! decodes them (encodings, Differences, the Adobe Glyph List, embedded and predefined CMaps).
//! Measured on `../shared/corpus/pdf` (676 files; word recall/precision against `pdftotext` over
//! the 171 files whose reference has ≥ 20 words, as `corpus_score.py` counts them):
//!
//! | reader | recall | precision | files ≥ 0.95 | refused that poppler reads |
//! | --- | --- | --- | --- | --- |
//! | pdf-extract + our layout (before) | 0.799 | 0.843 | 94 | 6 |
//! | pdf_oxide `extract_text` alone | 0.868 | 0.895 | 116 | 0 |
//! | per page: pdf_oxide where pdf-extract gives < 90 % of its words (simulated on the texts) | 0.904 | 0.914 | 115 | 0 |
//!
//! What the product does: the second reader completes a document the first reader reads (pages
//! it failed on, or read clearly less of), and reads the whole file when the first reader gets no
//! text from any page (it panics on the file, or on every page). Such a file is often a damaged
//! copy of a plan whose §1 is lost; pairing recognises it as part of the plan whose words it
//! shares (`pairing`, step 1c) instead of making it a WSV named after its file. The measured
//! effect is in the README (`make conformance`).
//!
//! pdf_oxide alone is not the answer: on 13 files it reads much less than pdf-extract (Type3
//! fonts, some rotated pages), and pdf-extract's glyph positions and ruling lines give our tables.
//! So pdf-extract stays the first reader, and a page is taken from pdf_oxide only when pdf-extract
//! failed on it or read clearly fewer words. 0 panics and 14 errors (encrypted, no page tree) in
//! pdf_oxide on the same 676 files; it runs under `catch_unwind` all the same.
//!
//! pdf_oxide hands out text, not the positions our layout uses, so its lines become synthetic
//! glyphs on a monospace grid (one line per 12 pt, 6 pt per character). Its tables come as
//! space-padded, column-aligned rows, so column alignment survives and our aligned-table detection
//! still sees them; a page read this way has no ruling lines and no font sizes (no headings by
//! size). Each such page gets a note, so the choice is never silent.

use super::collect::{Glyph, PageContent};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Line pitch and character width of the synthetic grid, in points.
const LINE_PT: f64 = 12.0;
const CHAR_PT: f64 = 6.0;
const SIZE_PT: f64 = 10.0;

/// A page is taken from pdf_oxide when pdf-extract's words are fewer than this share of its.
pub const PREFER_BELOW: f64 = 0.9;

/// The text of every page (index 0 = page 1), `None` for a page pdf_oxide could not read; `None`
/// altogether when the file does not open (or is encrypted: the first reader says so).
pub fn page_texts(bytes: &[u8]) -> Option<Vec<Option<String>>> {
    let owned = bytes.to_vec();
    catch_unwind(AssertUnwindSafe(move || {
        let doc = pdf_oxide::document::PdfDocument::from_bytes(owned).ok()?;
        let n = doc.page_count().ok()?;
        Some(
            (0..n)
                .map(|i| {
                    catch_unwind(AssertUnwindSafe(|| doc.extract_text(i).ok()))
                        .ok()
                        .flatten()
                })
                .collect(),
        )
    }))
    .ok()
    .flatten()
}

/// Words as `corpus_score.py` counts them: runs of letters and digits.
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// The words pdf-extract found on a page, as the layout will join its glyphs into lines (glyphs
/// are often single letters, so they cannot be counted one by one).
pub fn glyph_words(page: &PageContent) -> usize {
    let words = |glyphs: &[Glyph]| -> usize {
        super::layout::build_lines(glyphs)
            .iter()
            .map(|l| word_count(&l.text))
            .sum()
    };
    // Text running another way is read too (as a flow of its own), so it counts.
    let sideways: usize = super::collect::Direction::ALL
        .into_iter()
        .map(|dir| {
            let mut turned: Vec<Glyph> = page
                .sideways
                .iter()
                .filter(|(d, _)| *d == dir)
                .map(|(_, g)| g.clone())
                .collect();
            if turned.is_empty() {
                return 0;
            }
            super::collect::turn_glyphs(&mut turned, dir, page.width, page.height);
            words(&turned)
        })
        .sum();
    words(&page.glyphs) + sideways
}

/// Whether pdf-extract's reading of a page gives reason to ask the second reader: no words at all,
/// characters it could not decode (U+FFFD, private-use code points, control characters: a font
/// without a usable ToUnicode map), or words so long that the spaces must be missing. Asking
/// pdf_oxide costs about twice pdf-extract's own time, so it is asked only for such files
/// (`bench/pdf_vs_pdftotext.sh` measures both).
pub fn doubtful(page: &PageContent) -> bool {
    let mut letters = 0usize;
    let mut odd = 0usize;
    for g in page
        .glyphs
        .iter()
        .chain(page.sideways.iter().map(|(_, g)| g))
    {
        for c in g.text.chars() {
            if c == '\u{FFFD}'
                || ('\u{E000}'..='\u{F8FF}').contains(&c)
                || (c.is_control() && !c.is_whitespace())
            {
                odd += 1;
            } else if c.is_alphanumeric() {
                letters += 1;
            }
        }
    }
    if letters + odd == 0 {
        return true;
    }
    if odd * 50 > letters + odd {
        return true;
    }
    let words = glyph_words(page);
    // Dutch and English words average five to six letters; twenty means spaces were lost.
    words == 0 || letters > 20 * words
}

/// A page built from pdf_oxide's text: each line a row of word glyphs on a monospace grid.
pub fn synthetic_page(number: u32, text: &str) -> PageContent {
    let mut glyphs = Vec::new();
    let mut lines = 0usize;
    for (row, line) in text.lines().enumerate() {
        lines = row + 1;
        let y = (row as f64 + 1.0) * LINE_PT;
        let mut word = String::new();
        let mut start = 0usize;
        for (col, c) in line.chars().chain(std::iter::once(' ')).enumerate() {
            if c.is_whitespace() {
                if !word.is_empty() {
                    glyphs.push(Glyph {
                        x0: start as f64 * CHAR_PT,
                        x1: col as f64 * CHAR_PT,
                        y,
                        size: SIZE_PT,
                        text: std::mem::take(&mut word),
                    });
                }
            } else {
                if word.is_empty() {
                    start = col;
                }
                word.push(c);
            }
        }
    }
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    PageContent {
        number,
        width: (widest as f64 + 2.0) * CHAR_PT,
        height: (lines as f64 + 2.0) * LINE_PT,
        glyphs,
        rules: Vec::new(),
        dots: Vec::new(),
        sideways: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_page_keeps_words_rows_and_columns() {
        let p = synthetic_page(3, "Naam WSV   Laak\n\nThema  Doel\n");
        assert_eq!(p.number, 3);
        let texts: Vec<&str> = p.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["Naam", "WSV", "Laak", "Thema", "Doel"]);
        // "Laak" starts at column 11, "Doel" at column 7; rows 1 and 3 (an empty row between).
        assert_eq!(p.glyphs[2].x0, 11.0 * CHAR_PT);
        assert_eq!(p.glyphs[4].x0, 7.0 * CHAR_PT);
        assert_eq!(p.glyphs[0].y, LINE_PT);
        assert_eq!(p.glyphs[3].y, 3.0 * LINE_PT);
    }

    #[test]
    fn word_counts_agree_on_letters_and_digits() {
        // Wijkplan, 2025, 2026, één, plan: the dash splits the years, as in corpus_score.py.
        assert_eq!(word_count("Wijkplan 2025–2026: één plan!"), 5);
        let p = synthetic_page(1, "Wijkplan 2025–2026: één plan!");
        assert_eq!(glyph_words(&p), 5);
    }
}

/// Words per page from both readers, for a file named in `PDF_WOORDEN` (a diagnostic for
/// tuning [`PREFER_BELOW`]; `cargo test --release --lib pdf::oxide::woorden -- --ignored --nocapture`).
#[cfg(test)]
#[test]
#[ignore]
fn woorden() {
    let Ok(path) = std::env::var("PDF_WOORDEN") else {
        return;
    };
    let bytes = std::fs::read(path).expect("bestand");
    let c = super::collect::collect(&bytes).expect("eerste lezer");
    let texts = page_texts(&bytes).unwrap_or_default();
    for p in &c.pages {
        let theirs = texts
            .get(p.number as usize - 1)
            .and_then(|t| t.as_deref())
            .unwrap_or("");
        println!(
            "pagina {}: pdf-extract {} woorden, pdf_oxide {} woorden",
            p.number,
            glyph_words(p),
            word_count(theirs)
        );
        if std::env::var("PDF_TEKST").is_ok() {
            for l in super::layout::build_lines(&p.glyphs) {
                println!("  E| {}", l.text);
            }
            for l in theirs.lines() {
                println!("  O| {l}");
            }
        }
    }
}
