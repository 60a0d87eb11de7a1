//! PDF reader: glyph positions and ruling lines → the same neutral [`Document`] the docx reader makes.
//!
//! Why hand-written layout analysis: a PDF has no paragraphs, headings or tables, only glyphs at
//! positions and drawn lines. pdf-extract (on lopdf) decodes fonts and content streams well, but its
//! own text output is one string in content-stream order; `pdftotext`-style tools are external
//! programs the product must not need. So we take pdf-extract's [`OutputDev`] callbacks (one call
//! per glyph with its text-rendering matrix, one per stroked/filled path) and rebuild the structure:
//!
//! 1. [`collect`]: glyphs (top-down page coordinates) and axis-aligned ruling segments per page;
//! 2. [`tables`]: ruling segments → grids → cells (spans from lines that stop short), text assigned;
//! 3. [`layout`]: remaining glyphs → lines; headers/footers (margin text repeating across pages,
//!    page numbers) dropped; tables drawn without lines found by column alignment
//!    ([`tables::aligned_tables`]); the rest → paragraphs and headings (font clearly bigger than
//!    the body font; "4." split off as the number);
//! 4. here: pages stitched (a table continuing on the next page with the same column bands
//!    becomes one table, its repeated header row dropped; a paragraph cut by a page break joined).
//!
//! What a PDF cannot tell: text boxes (`in_text_box` is always false), bold (pdf-extract does not
//! hand out font names, so `bold` is always false), paragraph breaks inside a table cell without
//! extra spacing, and whether a word broken at a narrow cell's edge was one word (see
//! `layout::finish_para`).
//!
//! pdf-extract panics on malformed input by design (jrmuizel/pdf-extract#47), so every call into it
//! runs under `catch_unwind`, page by page: a panic costs its page (a note says which), and that
//! page is read by the second reader ([`oxide`]) when it can. A file of which the first reader
//! reads nothing is read whole by the second; only when that gets no text either is it
//! [`ReadError::Corrupt`] (or a scan). Text running another way than the page's (a box written
//! upwards) is read as its own flow after the page's text. Hangs are the pipeline's worker
//! deadline, not ours.
//!
//! Before pdf-extract reads a file, what it misreads is put right in the file or in lopdf's
//! document, each in its own module: stream lengths that do not lead to `endstream`
//! ([`repair::stream_lengths`]), a broken xref ([`repair::rebuild_xref`]), indirect filters
//! (`stream_refs`), CID widths given as ranges (`cid_widths`), `/ToUnicode /Identity-H`
//! (`identity_unicode`) and CID TrueType fonts without `/ToUnicode` (`truetype_unicode`). Glyphs
//! that still decode to nothing are named in a note, and a file of nothing else is "tekst niet
//! te decoderen", never a scan. Measured with `make conformance` on `../shared/corpus/pdf` (171
//! files with at least 20 words in poppler's text): mean word recall 0.926, precision 0.885
//! (0.944 counting the text alone, without the notes `lees` prints after it).

mod annotations;
mod cid_widths;
mod collect;
mod collection_unicode;
mod form_nesting;
mod form_placement;
mod glyph_names;
mod identity_unicode;
mod layout;
mod objects;
pub mod ocr;
mod oxide;
mod repair;
mod scan_rules;
mod shown_codes;
mod standard_encoding;
mod stream_refs;
mod tables;
mod text_ops;
mod truetype_unicode;

use crate::model::{Block, Document, Loc};
use crate::read::ReadError;

use std::panic::{catch_unwind, AssertUnwindSafe};

pub use collect::{Glyph, PageContent, Segment};

const SOORT: &str = "PDF";

/// Read a PDF into the neutral model. Scans (pages without any glyph) are
/// [`ReadError::NoTextLayer`]; files that need a user password are [`ReadError::Encrypted`]
/// (files with only an owner password open with the empty user password and are read).
pub fn read_pdf(bytes: &[u8]) -> Result<Document, ReadError> {
    // Wrong stream lengths first: both readers then see the repaired file.
    let repaired = repair::stream_lengths(bytes);
    let bytes = repaired.as_ref().map_or(bytes, |(b, _)| b.as_slice());
    let mut doc = read_with_ocr(bytes, || oxide::page_texts(bytes), ocr::available)?;
    if let Some((_, n)) = repaired {
        doc.notes.push(format!(
            "De opgegeven lengte (/Length) van {} klopte niet; wijkregister heeft de lengte bepaald aan het einde van de stroom (endstream), zoals andere PDF-lezers doen.",
            if n == 1 { "één datastroom in de PDF".to_string() } else { format!("{n} datastromen in de PDF") }
        ));
    }
    Ok(doc)
}

/// [`read_pdf`] with the second reader's page texts from `second`, so tests can take the second
/// reader away; text recognition off.
#[cfg(test)]
fn read_with(
    bytes: &[u8],
    second: impl FnOnce() -> Option<Vec<Option<String>>>,
) -> Result<Document, ReadError> {
    read_with_ocr(bytes, second, || false)
}

/// [`read_with`], with text recognition of scanned pages when `ocr` says it is there (asked only
/// for a file with a page without text: the check starts tesseract once per process).
fn read_with_ocr(
    bytes: &[u8],
    second: impl FnOnce() -> Option<Vec<Option<String>>>,
    ocr: fn() -> bool,
) -> Result<Document, ReadError> {
    let first = match catch_unwind(AssertUnwindSafe(|| collect::collect(bytes))) {
        Ok(r) => r,
        Err(payload) => Err(ReadError::Corrupt {
            soort: SOORT,
            detail: collect::dutch_reason(&collect::panic_message(&*payload)),
        }),
    };
    // The second reader completes a document the first reads (pages it failed on or read less
    // of), and reads the whole file when the first could not read any of it. A damaged copy of a
    // plan read this way (its §1 lost) is recognised by pairing as part of the plan it came from,
    // not made a WSV of its own (`pairing`, 1c; tests/robustness.rs). See the module doc of
    // `oxide` for the measurements.
    let (collected, texts) = match first {
        Ok(c) => {
            let ask =
                !c.failed.is_empty() || c.text_elsewhere || c.pages.iter().any(oxide::doubtful);
            let texts = if ask { second() } else { None };
            (c, texts)
        }
        Err(e @ ReadError::Encrypted) => return Err(e),
        Err(e) => match whole_from_second(second(), &e) {
            Some(c) => (c, None),
            None => return Err(e),
        },
    };
    let collect::Collected {
        mut pages,
        mut notes,
        failed,
        ..
    } = with_second_reader(collected, texts);
    let (ocr_pages, ocr_failed) = with_ocr(bytes, &mut pages, &mut notes, ocr);
    if pages.is_empty() {
        return Err(ReadError::Corrupt {
            soort: SOORT,
            detail: "het bestand bevat geen pagina's".into(),
        });
    }
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
    {
        // No text on the pages that could be read: a scan, unless another page could not be read
        // at all, in which case that is the reason (the text may be on that page).
        // Text recognition tried and failed: say why (the first page's reason stands for all).
        let after_ocr = ocr_failed
            .into_iter()
            .next()
            .map(|(n, why)| ReadError::NoTextAfterOcr(format!("pagina {n}: {why}")));
        // Glyphs that decode to nothing: text in a font without a map to letters, not a scan.
        let undecodable = pages
            .iter()
            .any(|p| p.glyphs.iter().any(|g| g.text.is_empty()))
            .then(|| ReadError::Corrupt {
                soort: SOORT,
                detail: "de tekst is niet te decoderen: de PDF bevat tekst, maar in een lettertype zonder tabel die de tekens naar letters vertaalt (ToUnicode); vraag om de .docx of een PDF uit een ander programma".into(),
            });
        return Err(failed
            .into_iter()
            .next()
            .map(|(_, e)| e)
            .or(after_ocr)
            .or(undecodable)
            .unwrap_or(ReadError::NoTextLayer));
    }
    if let Some(note) = undecoded_note(&pages) {
        notes.push(note);
    }
    notes.extend(failed.into_iter().map(|(n, e)| {
        let why = match e {
            ReadError::Corrupt { detail, .. } => detail,
            other => other.to_string(),
        };
        format!(
            "Pagina {n} kon niet worden gelezen ({why}); de tekst van die pagina ontbreekt, de andere pagina's zijn gelezen."
        )
    }));
    let mut doc = build_document(pages);
    doc.notes.extend(notes);
    doc.ocr_pages = ocr_pages;
    Ok(doc)
}

/// A note when glyphs on the pages read decode to nothing (a font without `/ToUnicode` whose
/// glyphs have no letter in its own tables either, such as ligatures and alternate forms): the
/// rest of the page is read, and those characters must not go missing without a word.
///
/// Only glyphs that stand where text stands count: in a run of such glyphs (a word), or between
/// two letters they touch on both sides. Why: Chromium draws a glyph for each tab and line end
/// of the document that its own ToUnicode leaves unmapped (`fixtures/pdf/sample_laak_chrome.pdf`:
/// 13 on 3 pages, each after a field value or a checkbox, before a space or a new cell). Those
/// are layout, not text, and a note on every plan printed from a browser would teach users to
/// ignore notes. pdf.js's `ThuluthFeatures.pdf` has runs of 1,171 to 2,625 per page.
fn undecoded_note(pages: &[PageContent]) -> Option<String> {
    let per_page: Vec<(u32, usize)> = pages
        .iter()
        .map(|p| {
            let n = (0..p.glyphs.len())
                .filter(|&i| stands_for_text(&p.glyphs, i))
                .count();
            (p.number, n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let total: usize = per_page.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    let list: Vec<String> = per_page.iter().map(|(p, _)| p.to_string()).collect();
    Some(format!(
        "{} {} {} in een lettertype zonder vertaling naar letters (geen ToUnicode en geen bruikbare tekentabel in het lettertype); die tekens ontbreken in de gelezen tekst.",
        if per_page.len() == 1 { "Op pagina" } else { "Op pagina's" },
        list.join(", "),
        if total == 1 { "staat 1 teken".to_string() } else { format!("staan {total} tekens") }
    ))
}

/// Whether glyph `i` decodes to nothing where a letter would stand: next to another such glyph,
/// or touching a letter on each side on the same line.
fn stands_for_text(glyphs: &[Glyph], i: usize) -> bool {
    let g = &glyphs[i];
    if !g.text.is_empty() {
        return false;
    }
    let touching = |a: &Glyph, b: &Glyph| {
        (a.y - b.y).abs() <= a.size * 0.3 && (b.x0 - a.x1).abs() <= a.size * 0.5
    };
    let prev = i.checked_sub(1).and_then(|j| glyphs.get(j));
    let next = glyphs.get(i + 1);
    let undecoded_run = prev.is_some_and(|p| p.text.is_empty() && touching(p, g))
        || next.is_some_and(|n| n.text.is_empty() && touching(g, n));
    let letter = |h: &Glyph| !h.text.trim().is_empty();
    undecoded_run
        || (prev.is_some_and(|p| letter(p) && touching(p, g))
            && next.is_some_and(|n| letter(n) && touching(g, n)))
}

/// Pages without text that hold an image, read with text recognition: replaced in `pages`, with
/// a note per page that could not be read. Returns the pages read and those that failed.
fn with_ocr(
    bytes: &[u8],
    pages: &mut [PageContent],
    notes: &mut Vec<String>,
    ocr: fn() -> bool,
) -> (Vec<u32>, Vec<(u32, String)>) {
    let blank: Vec<(u32, f64, f64)> = pages
        .iter()
        .filter(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
        .map(|p| (p.number, p.width, p.height))
        .collect();
    if blank.is_empty() || !ocr() {
        return (Vec::new(), Vec::new());
    }
    // A file the text reader opened but whose images cannot be reached is a scan not read.
    let found = ocr::recognise(bytes, &blank).unwrap_or_else(|e| ocr::Recognised {
        pages: Vec::new(),
        failed: blank.iter().map(|(n, ..)| (*n, e.to_string())).collect(),
    });
    let mut read = Vec::new();
    for page in found.pages {
        if page.glyphs.iter().all(|g| g.text.trim().is_empty()) {
            continue;
        }
        if let Some(slot) = pages.iter_mut().find(|p| p.number == page.number) {
            read.push(page.number);
            *slot = page;
        }
    }
    // Only a page that text recognition failed on gets a note here; a file of which no page could
    // be read gets the reason in its error instead.
    if !read.is_empty() {
        for (n, why) in &found.failed {
            notes.push(format!(
                "Pagina {n} is een afbeelding (scan) die niet met tekstherkenning kon worden gelezen: {why}; de tekst van die pagina ontbreekt."
            ));
        }
    }
    (read, found.failed)
}

/// The whole document from the second reader, when the first could not read any of it (`why`);
/// `None` when the second gets no text either (the first reader's reason then stands).
fn whole_from_second(
    texts: Option<Vec<Option<String>>>,
    why: &ReadError,
) -> Option<collect::Collected> {
    let texts = texts?;
    if !texts.iter().flatten().any(|t| oxide::word_count(t) > 0) {
        return None;
    }
    let pages: Vec<PageContent> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| oxide::synthetic_page(i as u32 + 1, t.as_deref().unwrap_or("")))
        .collect();
    let why = match why {
        ReadError::Corrupt { detail, .. } => detail.clone(),
        other => other.to_string(),
    };
    Some(collect::Collected {
        pages,
        notes: vec![format!(
            "De eerste PDF-lezer kon niets uit het bestand lezen ({why}); het hele bestand is gelezen met de tweede PDF-lezer (pdf_oxide), zonder tabellen met lijnen en koppen op lettergrootte."
        )],
        failed: Vec::new(),
        text_elsewhere: false,
    })
}

/// Pages from the second reader (pdf_oxide) where the first failed or read clearly fewer words;
/// see [`oxide`] for the measurements.
fn with_second_reader(
    mut c: collect::Collected,
    texts: Option<Vec<Option<String>>>,
) -> collect::Collected {
    let Some(texts) = texts else {
        return c;
    };
    let mut taken = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let Some(text) = text else { continue };
        let number = i as u32 + 1;
        let theirs = oxide::word_count(text);
        if theirs == 0 {
            continue;
        }
        let ours = c.pages.iter().position(|p| p.number == number);
        let better = match ours {
            Some(k) => {
                (oxide::glyph_words(&c.pages[k]) as f64) < oxide::PREFER_BELOW * theirs as f64
            }
            None => c.failed.iter().any(|(n, _)| *n == number),
        };
        if !better {
            continue;
        }
        let page = oxide::synthetic_page(number, text);
        match ours {
            Some(k) => c.pages[k] = page,
            None => c.pages.push(page),
        }
        c.failed.retain(|(n, _)| *n != number);
        taken.push(number);
    }
    if !taken.is_empty() {
        c.pages.sort_by_key(|p| p.number);
        let list: Vec<String> = taken.iter().map(u32::to_string).collect();
        c.notes.push(format!(
            "{} {} gelezen met de tweede PDF-lezer (pdf_oxide), omdat de eerste daar {}; tabellen met lijnen en koppen op lettergrootte zijn daar niet herkend.",
            if taken.len() == 1 { "Pagina" } else { "Pagina's" },
            list.join(", "),
            "niet of minder tekst uit haalde"
        ));
    }
    c
}

/// Layout analysis over collected pages; pure (no pdf-extract), so it is tested on synthetic pages.
pub fn build_document(pages: Vec<PageContent>) -> Document {
    // Per page: ruled tables take their glyphs; the rest are body lines.
    struct Pre {
        number: u32,
        height: f64,
        right: f64,
        tables: Vec<(tables::Grid, Vec<Glyph>)>,
        lines: Vec<layout::Line>,
    }
    let mut pre: Vec<Pre> = Vec::with_capacity(pages.len());
    let mut notes = Vec::new();
    let total = pages.len();
    for page in pages {
        // A page without any text in a document that has text elsewhere: likely a scanned page.
        if total > 1 && page.glyphs.iter().all(|g| g.text.trim().is_empty()) {
            notes.push(format!(
                "pagina {} bevat geen tekst (leeg, of een afbeelding of scan) en is niet gelezen",
                page.number
            ));
        }
        let grids = tables::detect(&page.rules);
        let mut in_table: Vec<Vec<Glyph>> = vec![Vec::new(); grids.len()];
        let mut free: Vec<Glyph> = Vec::new();
        for g in page.glyphs {
            match grids.iter().position(|t| t.contains(&g)) {
                Some(i) => {
                    if let Some(v) = in_table.get_mut(i) {
                        v.push(g);
                    }
                }
                None => free.push(g),
            }
        }
        // Text running another way: in a ruled table it stays in its cell (a header written
        // upwards); elsewhere each direction is a flow of its own, turned to run left to right
        // and read after the page's text.
        let mut flows: [Vec<Glyph>; 4] = Default::default();
        for (dir, g) in page.sideways {
            match grids.iter().position(|t| t.contains(&g)) {
                Some(i) => {
                    if let Some(v) = in_table.get_mut(i) {
                        v.push(g);
                    }
                }
                None => flows[dir as usize].push(g),
            }
        }
        let mut lines = layout::build_lines(&free);
        layout::mark_bullets(&mut lines, &page.dots);
        let right = lines.iter().map(|l| l.x1).fold(0.0, f64::max);
        pre.push(Pre {
            number: page.number,
            height: page.height,
            right,
            tables: grids.into_iter().zip(in_table).collect(),
            lines,
        });
        for (dir, mut glyphs) in collect::Direction::ALL.into_iter().zip(flows) {
            if glyphs.is_empty() {
                continue;
            }
            let (_, height) = collect::turn_glyphs(&mut glyphs, dir, page.width, page.height);
            let lines = layout::build_lines(&glyphs);
            let right = lines.iter().map(|l| l.x1).fold(0.0, f64::max);
            pre.push(Pre {
                number: page.number,
                height,
                right,
                tables: Vec::new(),
                lines,
            });
        }
    }

    // Headers and footers: compared across pages, then dropped.
    let bands: Vec<(f64, Vec<layout::Line>)> =
        pre.iter().map(|p| (p.height, p.lines.clone())).collect();
    let page_count = pre
        .iter()
        .map(|p| p.number)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let drop = layout::furniture(&bands, page_count);
    let mut aligned: Vec<Vec<tables::Aligned>> = Vec::with_capacity(pre.len());
    for (p, d) in pre.iter_mut().zip(drop) {
        let mut i = 0;
        // `d` is sorted: a binary search keeps this linear-logarithmic for a band of many lines.
        p.lines.retain(|_| {
            let keep = d.binary_search(&i).is_err();
            i += 1;
            keep
        });
        // Tables drawn without lines: found by the alignment of the remaining text.
        let (rest, found) = tables::aligned_tables(std::mem::take(&mut p.lines), p.number);
        p.lines = rest;
        aligned.push(found);
    }

    // Word processors end a line broken between words with its space glyph (LibreOffice, Word)
    // and break a word only when it is wider than the column; a browser printing HTML draws no
    // line-end spaces and lets an over-long word overflow rather than break it. So a one-word line
    // filled to the edge is read as a broken word only in documents whose lines end in spaces.
    let word_breaks = pre
        .iter()
        .any(|p| p.lines.iter().any(|l| l.ends_with_space));
    let body = layout::body_size(pre.iter().flat_map(|p| p.lines.iter()));
    let paras: Vec<Vec<layout::Para>> = pre
        .iter()
        .map(|p| layout::paragraphs(&p.lines, p.right, word_breaks))
        .collect();
    let mut heading_sizes: Vec<f64> = Vec::new();
    for p in paras.iter().flatten() {
        if layout::is_heading_size(p.size, body)
            && !heading_sizes.iter().any(|s| (s - p.size).abs() < 0.5)
        {
            heading_sizes.push(p.size);
        }
    }
    heading_sizes.sort_by(|a, b| b.total_cmp(a));

    let mut blocks: Vec<Block> = Vec::new();
    // Column band edges of the last table, to recognise its continuation on the next page.
    let mut last_bands: Option<Vec<f64>> = None;
    for ((p, page_paras), page_aligned) in pre.into_iter().zip(paras).zip(aligned) {
        let mut placed = layout::body_blocks(&page_paras, p.number, body, &heading_sizes);
        for a in page_aligned {
            placed.push(layout::Placed {
                top: a.top,
                block: Block::Table(a.table),
                bands: a.bands,
            });
        }
        for (grid, glyphs) in p.tables {
            placed.push(layout::Placed {
                top: grid.top(),
                block: Block::Table(grid.to_table(&glyphs, p.number, word_breaks)),
                bands: grid.xs.clone(),
            });
        }
        placed.sort_by(|a, b| a.top.total_cmp(&b.top));
        for (k, item) in placed.into_iter().enumerate() {
            let first_on_page = k == 0;
            match item.block {
                Block::Table(t) => {
                    if let (true, Some(Block::Table(prev)), Some(bands)) =
                        (first_on_page, blocks.last_mut(), last_bands.as_ref())
                    {
                        if tables::same_bands(bands, &item.bands) {
                            tables::append_continuation(prev, t);
                            continue;
                        }
                    }
                    last_bands = Some(item.bands);
                    blocks.push(Block::Table(t));
                }
                Block::Paragraph(para) => {
                    if let (true, Some(Block::Paragraph(prev))) = (first_on_page, blocks.last_mut())
                    {
                        if layout::continues_paragraph(prev, &para) {
                            prev.text = layout::join_lines(&[prev.text.clone(), para.text]);
                            continue;
                        }
                    }
                    blocks.push(Block::Paragraph(para));
                }
                other => blocks.push(other),
            }
        }
    }
    for (index, b) in blocks.iter_mut().enumerate() {
        let loc: &mut Loc = match b {
            Block::Heading(h) => &mut h.loc,
            Block::Paragraph(p) => &mut p.loc,
            Block::Table(t) => &mut t.loc,
        };
        loc.index = index;
    }
    Document {
        blocks,
        notes,
        aantekeningen: Vec::new(),
        ocr_pages: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
