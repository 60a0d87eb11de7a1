//! Glyphs and ruling lines out of pdf-extract, in top-down page coordinates (points).

use crate::read::ReadError;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::encryption::DecryptionError;
use lopdf::Object;
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

/// One glyph (or the text one glyph decodes to, e.g. "ﬁ"): box from `x0` to `x1`, baseline `y`
/// measured from the page top, `size` = the font size in points after all transforms.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    pub text: String,
}

/// An axis-aligned ruling segment (table border): horizontal if `y0 == y1`, vertical if `x0 == x1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Segment {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 0.01
    }
}

#[derive(Debug, Clone, Default)]
pub struct PageContent {
    /// 1-based page number.
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Segment>,
    /// Small filled round shapes (x0, y0, x1, y1): bullets drawn as paths.
    pub dots: Vec<(f64, f64, f64, f64)>,
    /// Glyphs running another way than the page's text (a box written vertically, a sidebar),
    /// with their direction relative to the page as read: in page coordinates like the others,
    /// their advance still along x. [`turn_glyphs`] turns a set of them to run left to right.
    pub sideways: Vec<(Direction, Glyph)>,
}

/// Thickest a filled rectangle may be to count as a drawn line (Word draws borders as thin fills).
const MAX_RULE_THICKNESS: f64 = 2.5;
/// Shortest segment worth keeping (shorter ones are glyph decorations).
const MIN_RULE_LENGTH: f64 = 2.0;

/// What [`collect`] gathered: the pages read, notes on repairs, and each page that could not be
/// read with the reason (the caller may still get its text from the second reader).
pub struct Collected {
    pub pages: Vec<PageContent>,
    pub notes: Vec<String>,
    pub failed: Vec<(u32, ReadError)>,
    /// The file has Form XObjects or annotation appearances (form fields, stamps, signatures):
    /// text pdf-extract may miss without a sign, so the second reader is asked (see `oxide`).
    pub text_elsewhere: bool,
}

/// Open the PDF (decrypting with the empty user password where that suffices) and collect pages.
///
/// When reading the whole document fails, each page is read on its own, under `catch_unwind`:
/// pdf-extract panics on fonts and encodings it does not know (an "unsupported encoding" CMap, a
/// malformed width table), and one such page must cost that page, with a note, not the whole plan. Only when no page can be read is the
/// file refused, with the first page's reason.
pub fn collect(bytes: &[u8]) -> Result<Collected, ReadError> {
    let mut notes = Vec::new();
    let mut doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        // A broken xref table or trailer: rebuild it from the objects, as poppler does.
        Err(e) if !matches!(e, lopdf::Error::Decryption(_)) => {
            match super::repair::after_junk(bytes).and_then(|b| lopdf::Document::load_mem(b).ok()) {
                // Text before `%PDF-` (a tool's log written into the file): offsets count from
                // the header, as every reader takes them.
                Some(doc) => doc,
                None => match super::repair::rebuild_xref(
                    super::repair::after_junk(bytes).unwrap_or(bytes),
                )
                .map(|b| lopdf::Document::load_mem(&b))
                {
                    Some(Ok(doc)) => {
                        crate::technisch::record(&e.to_string());
                        notes.push(
                        "De verwijzingstabel (xref) van de PDF was beschadigd; wijkregister heeft hem hersteld door de objecten in het bestand op te zoeken, zoals andere PDF-lezers doen.".to_string()
                    );
                        doc
                    }
                    _ => return Err(load_error(e)),
                },
            }
        }
        Err(e) => return Err(load_error(e)),
    };
    // lopdf 0.42 tries the empty user password while loading. When that fails it keeps the
    // `/Encrypt` entry but loads no objects at all, and `decrypt("")` does not always say so: the
    // file then looks like a PDF without pages. Remember that it was encrypted, so that such a
    // file is reported as needing a password (pdfminer's AES and RC4 samples with password "foo").
    let encrypted =
        doc.is_encrypted() || doc.was_encrypted() || doc.trailer.get(b"Encrypt").is_ok();
    if doc.is_encrypted() {
        // An owner-password-only PDF opens for everyone: its user password is empty.
        doc.decrypt("").map_err(load_error)?;
    }
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if encrypted && numbers.is_empty() {
        return Err(ReadError::Encrypted);
    }
    // Stream filters given by reference, which lopdf does not follow when decoding.
    super::stream_refs::inline_filter_refs(&mut doc);
    // Operators pdf-extract does not know, spelled out (Ghostscript writes them).
    super::text_ops::spell_out_quotes(&mut doc);
    // Filled-in form fields, stamps and text boxes, painted over the page as viewers do.
    let annotations = super::annotations::draw_annotations(&mut doc);
    if annotations.left_out > 0 {
        notes.push(format!(
            "De PDF heeft meer formuliervelden en aantekeningen dan wijkregister per bestand leest \
             ({}); de overige {} zijn niet gelezen.",
            super::annotations::MAX_ANNOTATIONS_NL,
            annotations.left_out
        ));
    }
    // Forms that draw themselves, or nest too deep or too often: pdf-extract would recurse
    // until the stack overflows. Cut first, so the placement below copies no cycle.
    let cuts = super::form_nesting::bound_form_nesting(&mut doc);
    if cuts.flattened {
        notes.push(format!(
            "De PDF tekent meer dan {} keer een formulier (Form XObject) binnen een ander; \
             formulieren binnen formulieren zijn daarom niet gelezen ({} keer).",
            super::form_nesting::MAX_DRAWS_NL,
            cuts.removed
        ));
    } else if cuts.removed > 0 {
        notes.push(format!(
            "De PDF heeft formulieren (Form XObjects) die zichzelf tekenen of dieper dan {} \
             lagen genest zijn; die zijn {} keer niet opnieuw getekend, zoals andere \
             PDF-lezers doen.",
            super::form_nesting::MAX_NESTING,
            cuts.removed
        ));
    }
    // Forms drawn where the page puts them, which pdf-extract forgets.
    super::form_placement::place_forms(&mut doc);
    let text_elsewhere = doc.objects.values().any(|o| match o {
        Object::Stream(st) => {
            st.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form")
        }
        Object::Dictionary(d) => d.has(b"AP"),
        _ => false,
    });
    // CID font widths in the range form, which pdf-extract misreads.
    super::cid_widths::spell_out_width_ranges(&mut doc);
    // `/ToUnicode /Identity-H`: codes that are Unicode already.
    super::identity_unicode::identity_to_unicode(&mut doc);
    // `/StandardEncoding` by name, which pdf-extract does not know.
    super::standard_encoding::spell_out_standard_encoding(&mut doc);
    // Glyph names such as `one.os`, `f_f_i` and `uniFB01`, read by the Adobe Glyph List's rules.
    super::glyph_names::from_glyph_names(&mut doc);
    // No `/ToUnicode` in a font of Adobe's Japanese, Chinese or Korean collections: the
    // collection's own table.
    let mut shown = super::shown_codes::ShownCodes::default();
    super::collection_unicode::from_collections(&mut doc, &mut shown);
    // No `/ToUnicode` at all: the embedded TrueType font's own cmap.
    super::truetype_unicode::from_truetype_cmaps(&mut doc, &mut shown);
    // The whole document in one pass first: `output_doc_page` walks the page tree again for every
    // page, which is quadratic in the pages, so it is only the fallback for a document that fails.
    let mut out = Collector::default();
    let whole = catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc(&doc, &mut out)));
    if let Ok(Ok(())) = whole {
        out.finish_page();
        return Ok(Collected {
            pages: out.pages,
            notes,
            failed: Vec::new(),
            text_elsewhere,
        });
    }
    let mut out = Collector::default();
    let mut failed: Vec<(u32, ReadError)> = Vec::new();
    for n in numbers {
        let result = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut out, n)
        }));
        let error = match result {
            Ok(Ok(())) => {
                out.finish_page();
                continue;
            }
            Ok(Err(OutputError::PdfError(e))) => load_error(e),
            Ok(Err(other)) => corrupt(dutch_reason(&format!("{other:?}"))),
            Err(payload) => corrupt(dutch_reason(&panic_message(&*payload))),
        };
        // What the page gave before it failed is incomplete: drop it rather than keep half.
        out.current = None;
        out.directions.clear();
        failed.push((n, error));
    }
    if out.pages.is_empty() {
        if encrypted {
            return Err(ReadError::Encrypted);
        }
        if let Some((_, first)) = failed.first() {
            return Err(first.clone());
        }
    }
    Ok(Collected {
        pages: out.pages,
        notes,
        failed,
        text_elsewhere,
    })
}

/// A Dutch reason for what lopdf or pdf-extract said in English (a panic or an error): users never
/// see the library's sentence. Only a name taken from the file itself (an encoding) is kept.
pub fn dutch_reason(technical: &str) -> String {
    // The library's own words stay with the file, for `-v` and the register.
    crate::technisch::record(technical);
    let t = technical.to_ascii_lowercase();
    let named = ["unsupported encoding ", "unexpected encoding "]
        .iter()
        .find_map(|p| t.find(p).map(|i| &technical[i + p.len()..]))
        .map(|rest| {
            rest.trim_matches(|c: char| c == '"' || c.is_whitespace())
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
                .collect::<String>()
        })
        .filter(|n| !n.is_empty());
    if let Some(name) = named {
        return format!(
            "een lettertype gebruikt de tekencodering {name}, die de PDF-lezer niet kent"
        );
    }
    let has = |w: &[&str]| w.iter().any(|w| t.contains(w));
    if has(&["cmap"]) {
        "een lettertype heeft een tekentabel (CMap) die de PDF-lezer niet kan lezen".into()
    } else if has(&["decrypt"]) {
        "de versleuteling van het bestand kon niet worden ontcijferd".into()
    } else if has(&["xref", "trailer"]) {
        "de verwijzingstabel (xref) is beschadigd en kon niet worden hersteld".into()
    } else if has(&["font", "width", "glyph"]) {
        "een lettertype in het bestand is beschadigd of wordt niet ondersteund".into()
    } else if has(&["filter", "decompress", "flate", "stream"]) {
        "een gecomprimeerd deel van het bestand is beschadigd".into()
    } else if has(&["pars", "expected", "objecttype", "dictionary", "reference"]) {
        "de opbouw van het bestand is beschadigd (een onderdeel heeft niet de vorm die de PDF-norm voorschrijft)".into()
    } else {
        "de PDF-lezer kon een onderdeel van het bestand niet verwerken".into()
    }
}

/// The text of a caught panic.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "onbekende fout".into()
    }
}

fn load_error(e: lopdf::Error) -> ReadError {
    match e {
        lopdf::Error::Decryption(DecryptionError::IncorrectPassword) => ReadError::Encrypted,
        lopdf::Error::Decryption(DecryptionError::UnsupportedEncryption)
        | lopdf::Error::Decryption(DecryptionError::UnsupportedVersion)
        | lopdf::Error::Decryption(DecryptionError::UnsupportedRevision) => {
            crate::technisch::record(&e.to_string());
            ReadError::Unsupported(
                "de PDF is versleuteld op een manier die de PDF-lezer niet kent".to_string(),
            )
        }
        other => corrupt(dutch_reason(&other.to_string())),
    }
}

fn corrupt(detail: String) -> ReadError {
    ReadError::Corrupt {
        soort: super::SOORT,
        detail,
    }
}

#[derive(Default)]
struct Collector {
    pages: Vec<PageContent>,
    current: Option<PageContent>,
    /// The writing direction of each glyph of `current`, in order.
    directions: Vec<Direction>,
    /// Page origin: (llx, ury) of the media box, to turn PDF's bottom-up y into top-down.
    origin: (f64, f64),
}

/// Which way a glyph's baseline runs on the page (top-down coordinates), to a quarter turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    Right,
    Down,
    Left,
    Up,
}

impl Direction {
    /// All four, clockwise from left to right.
    pub const ALL: [Direction; 4] = [
        Direction::Right,
        Direction::Down,
        Direction::Left,
        Direction::Up,
    ];

    /// This direction after the page is turned so that `page` runs left to right.
    fn relative_to(self, page: Direction) -> Direction {
        Direction::ALL[(self as usize + 4 - page as usize) % 4]
    }

    /// From the text-rendering matrix's baseline vector (PDF's y up, flipped to top-down).
    fn of(trm: &Transform) -> Direction {
        let (dx, dy) = (trm.m11, -trm.m12);
        if dx.abs() >= dy.abs() {
            if dx >= 0.0 {
                Direction::Right
            } else {
                Direction::Left
            }
        } else if dy > 0.0 {
            Direction::Down
        } else {
            Direction::Up
        }
    }
}

/// Turn a whole page so that text running `dir` runs left to right: a page shown rotated
/// (`/Rotate 90`, a landscape page printed onto portrait paper) draws its text sideways in user
/// space, and read as it lies every glyph is a line of its own ("jk / i g / w in"). The viewer's
/// rotation is what makes it readable, so the page is read the way it is shown. Deciding by the
/// text itself (its dominant direction, as poppler decides per word) rather than by `/Rotate`
/// also reads a page whose `/Rotate` turns already horizontal text on its side.
fn turn_page(page: &mut PageContent, dir: Direction) {
    let (w, h) = (page.width, page.height);
    let map = |x: f64, y: f64| turn_point(dir, w, h, x, y);
    let turned = turn_glyphs(&mut page.glyphs, dir, w, h);
    for (_, g) in &mut page.sideways {
        turn_glyphs(std::slice::from_mut(g), dir, w, h);
    }
    for r in &mut page.rules {
        let (ax, ay) = map(r.x0, r.y0);
        let (bx, by) = map(r.x1, r.y1);
        *r = Segment {
            x0: ax.min(bx),
            y0: ay.min(by),
            x1: ax.max(bx),
            y1: ay.max(by),
        };
    }
    for d in &mut page.dots {
        let (ax, ay) = map(d.0, d.1);
        let (bx, by) = map(d.2, d.3);
        *d = (ax.min(bx), ay.min(by), ax.max(bx), ay.max(by));
    }
    (page.width, page.height) = turned;
}

/// A point of a `w` × `h` page, on the page turned so that `dir` runs left to right.
fn turn_point(dir: Direction, w: f64, h: f64, x: f64, y: f64) -> (f64, f64) {
    match dir {
        Direction::Right => (x, y),
        Direction::Down => (y, w - x),
        Direction::Up => (h - y, x),
        Direction::Left => (w - x, h - y),
    }
}

/// Turn glyphs of a `w` × `h` page so that `dir` runs left to right; each keeps its advance,
/// which is along its own baseline. Returns the turned page's width and height.
pub fn turn_glyphs(glyphs: &mut [Glyph], dir: Direction, w: f64, h: f64) -> (f64, f64) {
    for g in glyphs.iter_mut() {
        let advance = g.x1 - g.x0;
        let (x, y) = turn_point(dir, w, h, g.x0, g.y);
        g.x0 = x;
        g.x1 = x + advance;
        g.y = y;
    }
    match dir {
        Direction::Down | Direction::Up => (h, w),
        _ => (w, h),
    }
}

impl Collector {
    fn finish_page(&mut self) {
        if let Some(mut p) = self.current.take() {
            let mut counts = [0usize; 4];
            for (g, d) in p.glyphs.iter().zip(&self.directions) {
                if !g.text.trim().is_empty() {
                    counts[*d as usize] += 1;
                }
            }
            let dominant = Direction::ALL
                .into_iter()
                .max_by_key(|d| (counts[*d as usize], *d == Direction::Right))
                .unwrap_or_default();
            // Text running another way than most of the page is read on its own, after the
            // page's text (poppler reads each direction as its own flow): laid out with the
            // page's lines, a vertical box became one letter per line ("m / o / t / t").
            if counts.iter().filter(|c| **c > 0).count() > 1 {
                let glyphs = std::mem::take(&mut p.glyphs);
                for (g, d) in glyphs.into_iter().zip(&self.directions) {
                    if *d == dominant {
                        p.glyphs.push(g);
                    } else {
                        p.sideways.push((d.relative_to(dominant), g));
                    }
                }
            }
            if dominant != Direction::Right {
                turn_page(&mut p, dominant);
            }
            self.pages.push(p);
        }
        self.directions.clear();
    }

    fn point(&self, ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
        // Row-vector convention as in the PDF spec: [x y 1] × CTM.
        let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
        let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
        (px - self.origin.0, self.origin.1 - py)
    }

    fn add_path(&mut self, ctm: &Transform, color: &[f64], path: &Path, filled: bool) {
        // White lines are invisible (e.g. a white page background or "no border" drawn white).
        if !color.is_empty() && color.len() != 4 && color.iter().all(|c| *c > 0.95) {
            return;
        }
        if filled {
            self.add_dot(ctm, path);
        }
        let mut segments = Vec::new();
        let mut sub: Vec<(f64, f64)> = Vec::new();
        let flush = |sub: &mut Vec<(f64, f64)>, segments: &mut Vec<Segment>| {
            if sub.len() >= 2 {
                if filled {
                    if let Some(s) = thin_box(sub) {
                        segments.push(s);
                    }
                } else {
                    for w in sub.windows(2) {
                        if let [a, b] = w {
                            if let Some(s) = axis_segment(*a, *b) {
                                segments.push(s);
                            }
                        }
                    }
                }
            }
            sub.clear();
        };
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    flush(&mut sub, &mut segments);
                    sub.push(self.point(ctm, x, y));
                }
                PathOp::LineTo(x, y) => sub.push(self.point(ctm, x, y)),
                PathOp::CurveTo(_, _, _, _, x, y) => {
                    // A curve is no ruling line; break the polyline here.
                    flush(&mut sub, &mut segments);
                    sub.push(self.point(ctm, x, y));
                }
                PathOp::Rect(x, y, w, h) => {
                    flush(&mut sub, &mut segments);
                    let corners = [
                        self.point(ctm, x, y),
                        self.point(ctm, x + w, y),
                        self.point(ctm, x + w, y + h),
                        self.point(ctm, x, y + h),
                        self.point(ctm, x, y),
                    ];
                    sub.extend_from_slice(&corners);
                    flush(&mut sub, &mut segments);
                }
                PathOp::Close => {
                    if let Some(first) = sub.first().copied() {
                        sub.push(first);
                    }
                }
            }
        }
        flush(&mut sub, &mut segments);
        if let Some(page) = self.current.as_mut() {
            page.rules.extend(segments);
        }
    }
}

/// A filled polygon whose bounding box is thin in one direction is a drawn line.
fn thin_box(points: &[(f64, f64)]) -> Option<Segment> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in points {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let (w, h) = (x1 - x0, y1 - y0);
    if h <= MAX_RULE_THICKNESS && w >= MIN_RULE_LENGTH {
        let y = (y0 + y1) / 2.0;
        Some(Segment {
            x0,
            y0: y,
            x1,
            y1: y,
        })
    } else if w <= MAX_RULE_THICKNESS && h >= MIN_RULE_LENGTH {
        let x = (x0 + x1) / 2.0;
        Some(Segment {
            x0: x,
            y0,
            x1: x,
            y1,
        })
    } else {
        None
    }
}

fn axis_segment(a: (f64, f64), b: (f64, f64)) -> Option<Segment> {
    let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
    if dy < 0.5 && dx >= MIN_RULE_LENGTH {
        let y = (a.1 + b.1) / 2.0;
        Some(Segment {
            x0: a.0.min(b.0),
            y0: y,
            x1: a.0.max(b.0),
            y1: y,
        })
    } else if dx < 0.5 && dy >= MIN_RULE_LENGTH {
        let x = (a.0 + b.0) / 2.0;
        Some(Segment {
            x0: x,
            y0: a.1.min(b.1),
            x1: x,
            y1: a.1.max(b.1),
        })
    } else {
        None
    }
}

impl Collector {
    /// A small, round, filled path (it has curves and a square-ish box) is a drawn bullet.
    fn add_dot(&mut self, ctm: &Transform, path: &Path) {
        let mut curved = false;
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for op in &path.ops {
            let pts: Vec<(f64, f64)> = match *op {
                PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) => vec![(x, y)],
                PathOp::CurveTo(a, b, c, d, e, f) => {
                    curved = true;
                    vec![(a, b), (c, d), (e, f)]
                }
                PathOp::Rect(x, y, w, h) => vec![(x, y), (x + w, y + h)],
                PathOp::Close => vec![],
            };
            for (x, y) in pts {
                let (px, py) = self.point(ctm, x, y);
                x0 = x0.min(px);
                y0 = y0.min(py);
                x1 = x1.max(px);
                y1 = y1.max(py);
            }
        }
        let (w, h) = (x1 - x0, y1 - y0);
        if curved && w > 1.0 && w < 8.0 && (w - h).abs() < 1.0 {
            if let Some(page) = self.current.as_mut() {
                page.dots.push((x0, y0, x1, y1));
            }
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.finish_page();
        self.origin = (media_box.llx, media_box.ury);
        self.current = Some(PageContent {
            number: page_num,
            width: (media_box.urx - media_box.llx).abs(),
            height: (media_box.ury - media_box.lly).abs(),
            glyphs: Vec::new(),
            rules: Vec::new(),
            dots: Vec::new(),
            sideways: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.finish_page();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // Effective size: the font size scaled by the text-rendering matrix (vertical extent).
        let scale_y = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt();
        let scale_x = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
        let size = font_size * scale_y;
        if !size.is_finite() || size <= 0.0 {
            return Ok(());
        }
        let x = trm.m31 - self.origin.0;
        let y = self.origin.1 - trm.m32;
        let advance = width * font_size * scale_x;
        if let Some(page) = self.current.as_mut() {
            page.glyphs.push(Glyph {
                x0: x,
                x1: x + advance.max(0.0),
                y,
                size,
                text: char.to_string(),
            });
            self.directions.push(Direction::of(trm));
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, color, path, false);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, color, path, true);
        Ok(())
    }
}
