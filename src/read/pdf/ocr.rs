//! Text recognition (OCR) of scanned pages with `tesseract`, when the machine has it.
//!
//! Why an external program: no Rust crate recognises Dutch text at tesseract's level without
//! pulling in a model runtime, and the product must stay one binary that needs nothing else. So
//! OCR is optional: when `tesseract` is on `PATH` and lists the Dutch model (`nld`, Debian
//! `tesseract-ocr-nld`), a page without a text layer that holds an image is recognised; without
//! it such a file stays `GEEN_TEKSTLAAG`, with a message saying that installing it would read the
//! scan.
//!
//! Per page: the largest image XObject of the page (a scanner's page image; a logo next to it is
//! left out) is written to a private temporary directory as it is stored — `/DCTDecode` as a .jpg
//! file, 8-bit grey or RGB pixels (`/FlateDecode` or unfiltered) as a PNM file we write ourselves;
//! any other storage (`/CCITTFaxDecode`, `/JBIG2Decode`, `/JPXDecode`, 1-bit or indexed colour) is
//! a note that names it. tesseract runs on it without a shell (`tesseract IMG - -l nld --dpi N
//! hocr`), one thread (`OMP_THREAD_LIMIT=1`: workers run side by side), and is killed when the
//! file's OCR time ([`OCR_BUDGET_SECS`]) is up, well inside the worker's per-file deadline; pages
//! left when the time is up get a note. Its hOCR output gives each word's box, each line's
//! baseline and font size, which become glyphs on the page in points, so the layout analysis
//! (lines, columns, aligned tables, headings by size) works on a scan as on a text PDF. What a
//! scan cannot give: ruling lines (the table borders are pixels, not drawn lines), so tables come
//! only from column alignment.
//!
//! Values read this way can be wrong (a 1 read as l, a missing comma): the caller marks their
//! `bron` with `(OCR)` and the file gets `OCR_GELEZEN`, so they are checked against the scan.

use super::collect::{Glyph, PageContent};
use crate::limits::{OCR_BUDGET_SECS, OCR_MAX_PIXELS};
use crate::read::xml::{attr, drive_as, Ns, Sink};
use crate::read::ReadError;
use lopdf::{Dictionary, Object, ObjectId};
use quick_xml::events::BytesStart;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The OCR program; looked up on `PATH` like any command (no shell).
const PROGRAM: &str = "tesseract";
/// Its Dutch model.
const LANGUAGE: &str = "nld";
/// Longest the `--list-langs` check may take.
const PROBE_SECS: u64 = 10;
/// How deep Form XObjects are searched for the page image.
const MAX_FORM_DEPTH: usize = 4;

/// Whether tesseract with the Dutch model can be run here (checked once per process).
pub fn available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(probe)
}

fn probe() -> bool {
    let Ok(dir) = TempDir::new() else {
        return false;
    };
    let out = dir.path().join("talen.txt");
    let Ok(file) = std::fs::File::create(&out) else {
        return false;
    };
    let child = Command::new(PROGRAM)
        .arg("--list-langs")
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    match wait(&mut child, Instant::now() + Duration::from_secs(PROBE_SECS)) {
        Some(status) if status.success() => std::fs::read_to_string(&out)
            .map(|s| s.lines().any(|l| l.trim() == LANGUAGE))
            .unwrap_or(false),
        _ => false,
    }
}

/// What OCR made of the pages it was asked to read.
#[derive(Debug, Default)]
pub struct Recognised {
    /// Pages read, in points like the text reader's pages.
    pub pages: Vec<PageContent>,
    /// Pages that had an image but could not be read, with the reason (Dutch), in page order.
    pub failed: Vec<(u32, String)>,
}

/// Recognise the text of `pages` (number, width, height in points) of the PDF in `bytes`. Pages
/// without any image are left out of both lists: they are empty, not scanned.
pub fn recognise(bytes: &[u8], pages: &[(u32, f64, f64)]) -> Result<Recognised, ReadError> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| ReadError::Corrupt {
        soort: "PDF",
        detail: format!(
            "de pagina-afbeeldingen zijn niet te openen ({})",
            super::collect::dutch_reason(&e.to_string())
        ),
    })?;
    let ids = doc.get_pages();
    let dir = TempDir::new().map_err(|e| {
        ReadError::Unsupported(format!(
            "er kon geen tijdelijke map voor de tekstherkenning worden gemaakt ({})",
            crate::osfout::nl(&e)
        ))
    })?;
    let deadline = Instant::now() + Duration::from_secs(OCR_BUDGET_SECS);
    let mut out = Recognised::default();
    for &(number, width, height) in pages {
        let Some(&id) = ids.get(&number) else {
            continue;
        };
        let Some(image) = largest_image(&doc, id) else {
            continue;
        };
        if Instant::now() >= deadline {
            out.failed.push((
                number,
                format!("de tijd voor tekstherkenning per bestand ({OCR_BUDGET_SECS} s) was op"),
            ));
            continue;
        }
        let result = image_file(&image, dir.path(), number)
            .and_then(|path| run(&path, &image, width, dir.path(), number, deadline))
            .map(|hocr| {
                page_from_hocr(&hocr, number, width, height, &image).map(|mut page| {
                    page.rules = page_rules(&image, width, height);
                    page
                })
            });
        match result {
            Ok(Ok(page)) => out.pages.push(page),
            Ok(Err(why)) | Err(why) => out.failed.push((number, why)),
        }
    }
    Ok(out)
}

/// An image XObject: its pixel size, colour components, bits, filters and (raw) data.
pub(crate) struct Image {
    width: u64,
    height: u64,
    components: Option<u64>,
    bits: Option<i64>,
    filters: Vec<String>,
    stream: lopdf::Stream,
}

/// The page's largest image, looked for in its resources and those of its Form XObjects.
fn largest_image(doc: &lopdf::Document, page: ObjectId) -> Option<Image> {
    let (own, inherited) = doc.get_page_resources(page).ok()?;
    let mut dicts: Vec<&Dictionary> = own.into_iter().collect();
    dicts.extend(
        inherited
            .iter()
            .filter_map(|id| doc.get_dictionary(*id).ok()),
    );
    let mut best: Option<Image> = None;
    for d in dicts {
        images_in(doc, d, 0, &mut best);
    }
    best
}

fn images_in(
    doc: &lopdf::Document,
    resources: &Dictionary,
    depth: usize,
    best: &mut Option<Image>,
) {
    let Some(xobjects) = resources
        .get(b"XObject")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return;
    };
    for (_, value) in xobjects.iter() {
        let Ok((_, Object::Stream(stream))) = doc.dereference(value) else {
            continue;
        };
        let dict = &stream.dict;
        match dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => {
                let int = |k: &[u8]| {
                    dict.get(k)
                        .ok()
                        .and_then(|o| doc.dereference(o).ok())
                        .and_then(|(_, o)| o.as_i64().ok())
                };
                let (Some(w), Some(h)) = (int(b"Width"), int(b"Height")) else {
                    continue;
                };
                if w <= 0 || h <= 0 {
                    continue;
                }
                let (w, h) = (w as u64, h as u64);
                if best
                    .as_ref()
                    .is_some_and(|b| b.width.saturating_mul(b.height) >= w.saturating_mul(h))
                {
                    continue;
                }
                *best = Some(Image {
                    width: w,
                    height: h,
                    components: components(doc, dict),
                    bits: int(b"BitsPerComponent"),
                    filters: filters(doc, dict),
                    stream: stream.clone(),
                });
            }
            Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                if let Some(r) = dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| doc.dereference(o).ok())
                    .and_then(|(_, o)| o.as_dict().ok())
                {
                    images_in(doc, r, depth + 1, best);
                }
            }
            _ => {}
        }
    }
}

/// Colour components of an image's colour space: 1 (grey), 3 (RGB), 4 (CMYK); `None` for
/// indexed, pattern and other spaces we do not write.
fn components(doc: &lopdf::Document, dict: &Dictionary) -> Option<u64> {
    let cs = dict.get(b"ColorSpace").ok()?;
    let (_, cs) = doc.dereference(cs).ok()?;
    let (name, rest) = match cs {
        Object::Name(n) => (n.as_slice(), None),
        Object::Array(a) => (a.first()?.as_name().ok()?, a.get(1)),
        _ => return None,
    };
    match name {
        b"DeviceGray" | b"CalGray" | b"G" => Some(1),
        b"DeviceRGB" | b"CalRGB" | b"RGB" => Some(3),
        b"DeviceCMYK" | b"CMYK" => Some(4),
        b"ICCBased" => {
            let (_, s) = doc.dereference(rest?).ok()?;
            let n = s.as_stream().ok()?.dict.get(b"N").ok()?.as_i64().ok()?;
            u64::try_from(n).ok()
        }
        _ => None,
    }
}

fn filters(doc: &lopdf::Document, dict: &Dictionary) -> Vec<String> {
    let Ok(f) = dict.get(b"Filter") else {
        return Vec::new();
    };
    let Ok((_, f)) = doc.dereference(f) else {
        return vec!["?".into()];
    };
    let name = |o: &Object| {
        o.as_name()
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_else(|_| "?".into())
    };
    match f {
        Object::Array(a) => a.iter().map(name).collect(),
        other => vec![name(other)],
    }
}

/// Write the image as tesseract reads it: a JPEG as it is stored, pixels as PNM. Any other
/// storage is an error that names it (Dutch, for the page's note).
pub(crate) fn image_file(image: &Image, dir: &Path, page: u32) -> Result<PathBuf, String> {
    let filters: Vec<&str> = image.filters.iter().map(String::as_str).collect();
    if image.width.saturating_mul(image.height) > OCR_MAX_PIXELS {
        return Err(format!(
            "de afbeelding is {} × {} beeldpunten, meer dan de {OCR_MAX_PIXELS} die de tekstherkenning leest",
            image.width, image.height
        ));
    }
    match filters.as_slice() {
        ["DCTDecode"] | ["DCT"] => {
            let path = dir.join(format!("pagina-{page}.jpg"));
            std::fs::write(&path, &image.stream.content).map_err(|e| e.to_string())?;
            Ok(path)
        }
        [] | ["FlateDecode"] | ["Fl"] => {
            let (magic, n) = match (image.components, image.bits) {
                (Some(1), Some(8)) => ("P5", 1),
                (Some(3), Some(8)) => ("P6", 3),
                (c, b) => {
                    return Err(format!(
                        "de afbeelding heeft {} met {} bits per kleur, wat de tekstherkenning hier niet leest (alleen 8-bits grijs of RGB)",
                        match c {
                            Some(4) => "CMYK-kleuren".to_string(),
                            Some(n) => format!("{n} kleurkanalen"),
                            None => "een geïndexeerde of onbekende kleurruimte".to_string(),
                        },
                        b.map(|b| b.to_string()).unwrap_or_else(|| "onbekend".into())
                    ))
                }
            };
            let pixels = if filters.is_empty() {
                image.stream.content.clone()
            } else {
                image.stream.decompressed_content().map_err(|e| {
                    crate::technisch::record(&e.to_string());
                    "de afbeelding is niet uit te pakken (FlateDecode)".to_string()
                })?
            };
            let expected = image.width * image.height * n;
            if (pixels.len() as u64) < expected {
                return Err(format!(
                    "de afbeelding heeft {} bytes beeldpunten, {expected} verwacht",
                    pixels.len()
                ));
            }
            let mut data = format!("{magic}\n{} {}\n255\n", image.width, image.height).into_bytes();
            data.extend_from_slice(&pixels[..expected as usize]);
            let path = dir.join(format!("pagina-{page}.pnm"));
            std::fs::write(&path, data).map_err(|e| e.to_string())?;
            Ok(path)
        }
        other => Err(format!(
            "de afbeelding is opgeslagen als {}, wat de tekstherkenning hier niet leest (alleen JPEG en 8-bits grijs of RGB)",
            other.join(" + ")
        )),
    }
}

/// The table borders drawn in the page image ([`super::scan_rules`]), in page points; none when
/// its pixels cannot be had (the text is read all the same, tables then from alignment only).
fn page_rules(image: &Image, width: f64, height: f64) -> Vec<super::collect::Segment> {
    let Some((grey, w, h)) = grey_pixels(image) else {
        return Vec::new();
    };
    super::scan_rules::rules(&grey, w, h, width / w as f64, height / h as f64)
}

/// One grey byte per pixel: a JPEG decoded (jpeg-decoder), 8-bit grey or RGB pixels as stored.
fn grey_pixels(image: &Image) -> Option<(Vec<u8>, usize, usize)> {
    let filters: Vec<&str> = image.filters.iter().map(String::as_str).collect();
    let (pixels, w, h, n) = match filters.as_slice() {
        ["DCTDecode"] | ["DCT"] => {
            let mut d = jpeg_decoder::Decoder::new(image.stream.content.as_slice());
            d.read_info().ok()?;
            let info = d.info()?;
            let (w, h) = (info.width as usize, info.height as usize);
            if (w as u64) * (h as u64) > OCR_MAX_PIXELS {
                return None;
            }
            let n = match info.pixel_format {
                jpeg_decoder::PixelFormat::L8 => 1,
                jpeg_decoder::PixelFormat::RGB24 => 3,
                _ => return None,
            };
            (d.decode().ok()?, w, h, n)
        }
        [] | ["FlateDecode"] | ["Fl"] => {
            let n = match (image.components, image.bits) {
                (Some(1), Some(8)) => 1,
                (Some(3), Some(8)) => 3,
                _ => return None,
            };
            let data = if filters.is_empty() {
                image.stream.content.clone()
            } else {
                image.stream.decompressed_content().ok()?
            };
            (data, image.width as usize, image.height as usize, n)
        }
        _ => return None,
    };
    // Width and height come from the PDF: a product that overflows is no image we read.
    if w.checked_mul(h)
        .and_then(|wh| wh.checked_mul(n))
        .is_none_or(|need| pixels.len() < need)
    {
        return None;
    }
    let grey = if n == 1 {
        pixels
    } else {
        pixels
            .chunks_exact(3)
            .map(|p| ((p[0] as u16 + p[1] as u16 + p[2] as u16) / 3) as u8)
            .collect()
    };
    Some((grey, w, h))
}

/// Run tesseract on one image, its hOCR on stdout (into a file: no pipe to fill up); killed at
/// `deadline`.
fn run(
    path: &Path,
    image: &Image,
    page_width: f64,
    dir: &Path,
    page: u32,
    deadline: Instant,
) -> Result<String, String> {
    let out = dir.join(format!("pagina-{page}.hocr"));
    let err = dir.join(format!("pagina-{page}.err"));
    let stdout = std::fs::File::create(&out).map_err(|e| e.to_string())?;
    let stderr = std::fs::File::create(&err).map_err(|e| e.to_string())?;
    // The scan's resolution from its size on the page; PNM files carry none and tesseract's
    // guess (70 dpi) reads small print badly.
    let dpi = if page_width > 0.0 {
        (image.width as f64 / (page_width / 72.0))
            .round()
            .clamp(70.0, 1200.0) as u32
    } else {
        300
    };
    let mut child = Command::new(PROGRAM)
        .arg(path)
        .arg("-")
        .args(["-l", LANGUAGE, "--dpi", &dpi.to_string(), "hocr"])
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("tesseract start niet ({})", crate::osfout::nl(&e)))?;
    match wait(&mut child, deadline) {
        None => Err(format!(
            "de tijd voor tekstherkenning per bestand ({OCR_BUDGET_SECS} s) was op"
        )),
        Some(status) if !status.success() => {
            let why = std::fs::read_to_string(&err).unwrap_or_default();
            let first = why.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            // tesseract's own message is English: kept as technical detail.
            crate::technisch::record(&format!("tesseract: {status}: {first}"));
            Err(match status.code() {
                Some(code) => format!("tesseract stopte met foutcode {code}"),
                None => "tesseract werd afgebroken".to_string(),
            })
        }
        Some(_) => std::fs::read_to_string(&out).map_err(|e| {
            format!(
                "de uitvoer van tesseract is niet te lezen ({})",
                crate::osfout::nl(&e)
            )
        }),
    }
}

/// Wait for `child` until `deadline`; kill it then (`None`).
fn wait(child: &mut std::process::Child, deadline: Instant) -> Option<std::process::ExitStatus> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Words of tesseract's hOCR as glyphs in page points (top-down, like the text reader's): the
/// image is taken to fill the page, as a scan does.
pub(crate) fn page_from_hocr(
    hocr: &str,
    number: u32,
    width: f64,
    height: f64,
    image: &Image,
) -> Result<PageContent, String> {
    let words = parse_hocr(hocr)?;
    let sx = width / image.width as f64;
    let sy = height / image.height as f64;
    Ok(PageContent {
        number,
        width,
        height,
        glyphs: glyphs(&words, sx, sy),
        rules: Vec::new(),
        dots: Vec::new(),
        sideways: Vec::new(),
    })
}

/// One recognised word in image pixels: its box, its line's baseline (y at the word's left edge)
/// and font size, and which line it is on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub x0: f64,
    pub x1: f64,
    pub baseline: f64,
    pub size: f64,
    pub line: usize,
    pub text: String,
}

/// Words with a space glyph between neighbours on one line, so the layout sees word breaks
/// exactly where tesseract put them (column gaps stay wide and still split columns).
fn glyphs(words: &[Word], sx: f64, sy: f64) -> Vec<Glyph> {
    let mut out = Vec::with_capacity(words.len() * 2);
    for (i, w) in words.iter().enumerate() {
        if i > 0 && words[i - 1].line == w.line {
            let p = &words[i - 1];
            out.push(Glyph {
                x0: p.x1 * sx,
                x1: w.x0 * sx,
                y: w.baseline * sy,
                size: w.size * sy,
                text: " ".into(),
            });
        }
        out.push(Glyph {
            x0: w.x0 * sx,
            x1: w.x1 * sx,
            y: w.baseline * sy,
            size: w.size * sy,
            text: w.text.clone(),
        });
    }
    out
}

/// The words of an hOCR document, through the crate's guarded XML loop (no entities, bounded
/// depth). tesseract's DOCTYPE line (a fixed public identifier) is cut off first.
pub(crate) fn parse_hocr(hocr: &str) -> Result<Vec<Word>, String> {
    let body = hocr.find("<html").map_or(hocr, |i| &hocr[i..]);
    let mut sink = Hocr::default();
    drive_as("hOCR", "de uitvoer van tesseract", body, &mut sink).map_err(|e| e.to_string())?;
    Ok(sink.words)
}

#[derive(Default)]
struct Hocr {
    /// Per open element: is it a word.
    open: Vec<bool>,
    /// Current line: baseline at its left edge (y), its left x, slope, font size.
    line: Option<(f64, f64, f64, f64)>,
    lines: usize,
    word: Option<Word>,
    words: Vec<Word>,
}

/// `bbox x0 y0 x1 y1; baseline m c; x_size s` → the numbers after `key`.
fn title_numbers(title: &str, key: &str) -> Vec<f64> {
    title
        .split(';')
        .map(str::trim)
        .find_map(|part| part.strip_prefix(key))
        .map(|rest| {
            rest.split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

impl Sink for Hocr {
    fn start(&mut self, _: Ns, local: &str, e: &BytesStart) -> Result<(), ReadError> {
        let class = attr(e, "class").unwrap_or_default();
        let title = attr(e, "title").unwrap_or_default();
        let is_word = local == "span" && class == "ocrx_word";
        if local == "span"
            && matches!(
                class.as_str(),
                "ocr_line" | "ocr_header" | "ocr_caption" | "ocr_textfloat"
            )
        {
            let bbox = title_numbers(&title, "bbox");
            let base = title_numbers(&title, "baseline");
            let size = title_numbers(&title, "x_size");
            if let [x0, _, _, y1] = bbox[..] {
                let (m, c) = match base[..] {
                    [m, c] => (m, c),
                    _ => (0.0, 0.0),
                };
                let size = size.first().copied().unwrap_or(0.0);
                self.lines += 1;
                self.line = Some((y1 + c, x0, m, size));
            }
        }
        if is_word {
            let bbox = title_numbers(&title, "bbox");
            if let ([x0, y0, x1, y1], Some((base, lx, m, size))) = (&bbox[..], self.line) {
                let baseline = base + m * (x0 - lx);
                // A line without x_size: the word box's height stands in for the font size.
                let size = if size > 0.0 { size } else { y1 - y0 };
                self.word = Some(Word {
                    x0: *x0,
                    x1: *x1,
                    baseline,
                    size,
                    line: self.lines,
                    text: String::new(),
                });
            }
        }
        self.open.push(is_word);
        Ok(())
    }

    fn end(&mut self) -> Result<(), ReadError> {
        if self.open.pop() == Some(true) {
            if let Some(w) = self.word.take() {
                // A table border read as a letter ("|"): a line, not text.
                if !w.text.trim().is_empty() && !w.text.trim().chars().all(|c| c == '|') {
                    self.words.push(Word {
                        text: w.text.trim().to_string(),
                        ..w
                    });
                }
            }
        }
        Ok(())
    }

    fn text(&mut self, t: &str) {
        if let Some(w) = self.word.as_mut() {
            w.text.push_str(t);
        }
    }

    fn note(&mut self, _: String) {}
}

/// A private directory under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let base = std::env::temp_dir();
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = base.join(format!("wijkregister-ocr-{}-{n}", std::process::id()));
            // create_dir fails when it exists: never write into a directory someone else made.
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of tesseract 5.3's hOCR (abridged from its output on a plan's first page), with
    /// an escaped `&` in a word.
    const HOCR: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head><title></title></head>
 <body>
  <div class='ocr_page' id='page_1' title='image "p.jpg"; bbox 0 0 1241 1754; ppageno 0'>
   <div class='ocr_carea' id='block_1_1' title="bbox 178 216 809 254">
    <p class='ocr_par' id='par_1_1' lang='nld' title="bbox 178 216 809 254">
     <span class='ocr_line' id='line_1_1' title="bbox 178 216 809 254; baseline 0 -9; x_size 38; x_descenders 9; x_ascenders 9">
      <span class='ocrx_word' id='word_1_1' title='bbox 178 216 346 254; x_wconf 96'>Wijkplan</span>
      <span class='ocrx_word' id='word_1_2' title='bbox 357 217 451 246; x_wconf 96'>WSV</span>
     </span>
     <span class='ocr_line' id='line_1_2' title="bbox 178 259 948 279; baseline 0.01 -5; x_size 20; x_descenders 5; x_ascenders 5">
      <span class='ocrx_word' id='word_1_3' title='bbox 178 260 204 274; x_wconf 93'>Zorg&amp;Welzijn</span>
      <span class='ocrx_word' id='word_1_4' title='bbox 700 259 800 274; x_wconf 93'> </span>
      <span class='ocrx_word' id='word_1_5' title='bbox 878 259 948 274; x_wconf 93'>Laak</span>
     </span>
    </p>
   </div>
  </div>
 </body>
</html>
"#;

    #[test]
    fn hocr_words_get_their_line_baseline_and_size() {
        let words = parse_hocr(HOCR).expect("hOCR");
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        // The empty word is dropped; the entity is resolved once.
        assert_eq!(texts, ["Wijkplan", "WSV", "Zorg&Welzijn", "Laak"]);
        // Baseline: the line box's bottom (254) plus its offset (-9).
        assert_eq!(words[0].baseline, 245.0);
        assert_eq!(words[0].size, 38.0);
        assert_eq!((words[0].line, words[2].line), (1, 2));
        // A sloped baseline: 279 - 5 + 0.01 × (878 - 178) at the word's left edge.
        assert!(
            (words[3].baseline - 281.0).abs() < 1e-9,
            "{}",
            words[3].baseline
        );
    }

    #[test]
    fn words_become_glyphs_in_points_with_spaces_inside_a_line_only() {
        let words = parse_hocr(HOCR).expect("hOCR");
        // 150 dpi: one pixel is 72/150 pt.
        let s = 72.0 / 150.0;
        let g = glyphs(&words, s, s);
        let texts: Vec<&str> = g.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["Wijkplan", " ", "WSV", "Zorg&Welzijn", " ", "Laak"]);
        assert!((g[0].x0 - 178.0 * s).abs() < 1e-9);
        assert!((g[0].y - 245.0 * s).abs() < 1e-9);
        assert!((g[0].size - 38.0 * s).abs() < 1e-9);
        // The space spans the gap between its neighbours.
        assert!((g[1].x0 - 346.0 * s).abs() < 1e-9 && (g[1].x1 - 357.0 * s).abs() < 1e-9);
    }

    fn image(filters: &[&str], components: Option<u64>, bits: i64, content: Vec<u8>) -> Image {
        Image {
            width: 2,
            height: 2,
            components,
            bits: Some(bits),
            filters: filters.iter().map(|f| f.to_string()).collect(),
            stream: lopdf::Stream::new(Dictionary::new(), content),
        }
    }

    #[test]
    fn images_are_written_as_tesseract_reads_them_or_named_when_not() {
        let dir = TempDir::new().unwrap();
        // A JPEG is written byte for byte.
        let jpeg = vec![0xFF, 0xD8, 0xFF, 0xD9];
        let p = image_file(
            &image(&["DCTDecode"], Some(3), 8, jpeg.clone()),
            dir.path(),
            1,
        )
        .unwrap();
        assert_eq!(p.extension().unwrap(), "jpg");
        assert_eq!(std::fs::read(&p).unwrap(), jpeg);
        // Flate-compressed grey pixels become a PGM with the inflated pixels (32 × 32: lopdf
        // compresses only what gets smaller).
        let grey: Vec<u8> = (0..1024u32).map(|i| (i % 7) as u8 * 30).collect();
        let mut img = image(&["FlateDecode"], Some(1), 8, grey.clone());
        (img.width, img.height) = (32, 32);
        img.stream.compress().unwrap();
        assert!(img.stream.content.len() < grey.len(), "gecomprimeerd");
        let p = image_file(&img, dir.path(), 2).unwrap();
        let mut want = b"P5\n32 32\n255\n".to_vec();
        want.extend(&grey);
        assert_eq!(std::fs::read(&p).unwrap(), want);
        // Unfiltered RGB pixels: a PPM.
        let rgb: Vec<u8> = (0..12).collect();
        let p = image_file(&image(&[], Some(3), 8, rgb.clone()), dir.path(), 3).unwrap();
        let mut want = b"P6\n2 2\n255\n".to_vec();
        want.extend(rgb);
        assert_eq!(std::fs::read(&p).unwrap(), want);
        // Fax and 1-bit images are named, not guessed at.
        let e = image_file(
            &image(&["CCITTFaxDecode"], Some(1), 1, vec![0]),
            dir.path(),
            4,
        )
        .unwrap_err();
        assert!(e.contains("CCITTFaxDecode"), "{e}");
        let e =
            image_file(&image(&["FlateDecode"], Some(1), 1, vec![0]), dir.path(), 5).unwrap_err();
        assert!(e.contains("1 bits"), "{e}");
        // Too few pixels for the size it claims: an error, not a short image.
        let e = image_file(&image(&[], Some(1), 8, vec![0, 1]), dir.path(), 6).unwrap_err();
        assert!(e.contains("4 verwacht"), "{e}");
    }
}
