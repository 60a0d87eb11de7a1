//! Annotation appearances (filled-in form fields, stamps, text boxes) drawn into the page before
//! pdf-extract reads it.
//!
//! Why: a PDF form filled in (Acrobat, LibreOffice, a browser) keeps what was typed in its field
//! widgets, outside the page's content: each widget has an appearance stream (`/AP /N`) that
//! viewers paint over the page. pdf-extract reads the page's content only. The second reader
//! (pdf_oxide, asked for files with annotations) recovered some values, but not all (pypdf's
//! `libreoffice-form.pdf`: the names "Alice" and "Bob"; pdf.js's choice widgets), and away from
//! their labels, after the page's text. Poppler, and so `pdftotext`, paints them where they are.
//! A WSV that fills in the plan as a PDF form has its answers there.
//!
//! What is done, as ISO 32000-1 12.5.5 says a viewer paints an annotation: the appearance's
//! `/BBox`, transformed by its `/Matrix`, is mapped onto the annotation's `/Rect`; the page's
//! content is wrapped in `q … Q` and each appearance drawn after it with that mapping
//! (`q A cm /WrAnnotN Do Q`). [`super::form_placement`] then puts the text where it is painted.
//! Left out, as viewers leave them out: hidden annotations (flags Hidden, NoView), pop-ups, and
//! appearances that are no stream (or a state dictionary without the current `/AS` state).
//!
//! A text or choice field whose appearance shows no text while the field has a value (LibreOffice
//! writes empty appearances and leaves them to the viewer, `/NeedAppearances`) gets one made from
//! the value, as poppler makes it: the value in Helvetica at the field's font size (`/DA`), one
//! line per line of the value. Letters outside Windows-1252 become "?" there; Dutch needs none.

use super::objects::{page_resources, resolve};
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// At most this many annotations are drawn per file (a crafted file cannot make the page's
/// content grow without bound).
const MAX_ANNOTATIONS: usize = 10_000;
/// The same number as a Dutch reader writes it, for the note on what was left out.
pub const MAX_ANNOTATIONS_NL: &str = "10.000";
const _: () = assert!(
    MAX_ANNOTATIONS == 10_000,
    "change MAX_ANNOTATIONS_NL with it"
);
/// Annotation flags (ISO 32000-1, table 165): Hidden and NoView.
const HIDDEN: i64 = 1 << 1;
/// A field value made into an appearance: at most this many lines of this many characters.
const MAX_VALUE_LINES: usize = 200;
const MAX_VALUE_CHARS: usize = 2000;
const NO_VIEW: i64 = 1 << 5;

fn numbers(doc: &Document, o: Option<&Object>, n: usize) -> Option<Vec<f64>> {
    let Object::Array(a) = resolve(doc, o?) else {
        return None;
    };
    if a.len() != n {
        return None;
    }
    a.iter()
        .map(|x| {
            resolve(doc, x)
                .as_float()
                .ok()
                .map(f64::from)
                .filter(|v| v.is_finite())
        })
        .collect()
}

/// The normal appearance of an annotation: its id when it is an indirect stream, or the stream
/// itself when it is written in place.
enum Appearance {
    Indirect(ObjectId),
    Direct(Stream),
}

fn appearance(doc: &Document, annot: &Dictionary) -> Option<Appearance> {
    let ap = match resolve(doc, annot.get(b"AP").ok()?) {
        Object::Dictionary(d) => d,
        _ => return None,
    };
    let normal = ap.get(b"N").ok()?;
    let pick = |o: &Object| -> Option<Appearance> {
        match o {
            Object::Reference(id) => match doc.get_object(*id).ok()? {
                Object::Stream(_) => Some(Appearance::Indirect(*id)),
                _ => None,
            },
            Object::Stream(s) => Some(Appearance::Direct(s.clone())),
            _ => None,
        }
    };
    match resolve(doc, normal) {
        Object::Stream(_) => pick(normal),
        // One appearance per state (a check box's /Yes and /Off): the one in force.
        Object::Dictionary(states) => {
            let state = annot.get(b"AS").and_then(Object::as_name).ok()?;
            pick(states.get(state).ok()?)
        }
        _ => None,
    }
}

/// Whether an appearance draws any text (an empty one, `/Tx BMC EMC`, does not).
fn shows_text(doc: &Document, ap: &Appearance) -> bool {
    let stream = match ap {
        Appearance::Indirect(id) => match doc.get_object(*id) {
            Ok(Object::Stream(s)) => s,
            _ => return false,
        },
        Appearance::Direct(s) => s,
    };
    let data = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    data.windows(2).any(|w| w == b"Tj" || w == b"TJ") || data.contains(&b'\'')
}

/// A field attribute, looked up the field hierarchy (`/Parent`) as forms inherit them.
fn inherited<'a>(doc: &'a Document, annot: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut d = annot;
    for _ in 0..16 {
        if let Ok(o) = d.get(key) {
            return Some(resolve(doc, o));
        }
        d = match d.get(b"Parent").map(|p| resolve(doc, p)) {
            Ok(Object::Dictionary(p)) => p,
            _ => return None,
        };
    }
    None
}

/// An appearance made from a text or choice field's value; `None` for other annotations and for
/// fields without a value.
fn value_appearance(doc: &Document, annot: &Dictionary, rect: &[f64]) -> Option<Stream> {
    let kind = inherited(doc, annot, b"FT")?.as_name().ok()?;
    if kind != b"Tx" && kind != b"Ch" {
        return None;
    }
    let value = match inherited(doc, annot, b"V")? {
        o @ Object::String(..) => lopdf::decode_text_string(o).ok()?,
        // A list box with several choices.
        Object::Array(a) => a
            .iter()
            .filter_map(|o| lopdf::decode_text_string(resolve(doc, o)).ok())
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    if value.trim().is_empty() {
        return None;
    }
    let (w, h) = ((rect[2] - rect[0]).abs(), (rect[3] - rect[1]).abs());
    // The font size from the default appearance (`/Helv 11 Tf`); 0 means "fit", taken as 10 pt
    // or the field's height.
    let da = inherited(doc, annot, b"DA")
        .and_then(|o| o.as_str().ok())
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let words: Vec<&str> = da.split_whitespace().collect();
    let size = words
        .windows(2)
        .rev()
        .find(|p| p[1] == "Tf")
        .and_then(|p| p[0].parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v > 0.0)
        .unwrap_or_else(|| (h * 0.8).clamp(4.0, 10.0));
    // A one-line field centres its line (capitals about 0.7 em high); a multi-line field (flag
    // 13) starts at the top.
    let multiline = inherited(doc, annot, b"Ff")
        .and_then(|o| o.as_i64().ok())
        .is_some_and(|f| f & (1 << 12) != 0);
    let baseline = if multiline {
        h - 2.0 - 0.8 * size
    } else {
        (h - 0.7 * size) / 2.0
    };
    let encoding = lopdf::Encoding::SimpleEncoding(b"WinAnsiEncoding");
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec![Object::Name(b"WrHelv".to_vec()), size.into()]),
        Operation::new("TL", vec![(size * 1.15).into()]),
        Operation::new("Td", vec![2.0.into(), baseline.into()]),
    ];
    for (i, line) in value.lines().take(MAX_VALUE_LINES).enumerate() {
        if i > 0 {
            ops.push(Operation::new("T*", vec![]));
        }
        let text: String = line
            .chars()
            .take(MAX_VALUE_CHARS)
            .map(|c| {
                if encoding.string_to_bytes(&c.to_string()).len() == 1 {
                    c
                } else {
                    '?'
                }
            })
            .collect();
        ops.push(Operation::new(
            "Tj",
            vec![Object::String(
                encoding.string_to_bytes(&text),
                StringFormat::Literal,
            )],
        ));
    }
    ops.push(Operation::new("ET", vec![]));
    let content = Content { operations: ops }.encode().ok()?;
    let font = Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type1".to_vec())),
        ("BaseFont", Object::Name(b"Helvetica".to_vec())),
        ("Encoding", Object::Name(b"WinAnsiEncoding".to_vec())),
    ]);
    let resources = Dictionary::from_iter([(
        "Font",
        Object::Dictionary(Dictionary::from_iter([(
            "WrHelv",
            Object::Dictionary(font),
        )])),
    )]);
    let dict = Dictionary::from_iter([
        ("Type", Object::Name(b"XObject".to_vec())),
        ("Subtype", Object::Name(b"Form".to_vec())),
        (
            "BBox",
            Object::Array(vec![0.0.into(), 0.0.into(), w.into(), h.into()]),
        ),
        ("Resources", Object::Dictionary(resources)),
    ]);
    Some(Stream::new(dict, content))
}

/// The matrix that paints a form with `bbox` and `matrix` onto `rect` (ISO 32000-1, 12.5.5).
fn placement(bbox: &[f64], matrix: &[f64], rect: &[f64]) -> Option<[f64; 6]> {
    let corners = [
        (bbox[0], bbox[1]),
        (bbox[2], bbox[1]),
        (bbox[0], bbox[3]),
        (bbox[2], bbox[3]),
    ];
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in corners {
        let tx = x * matrix[0] + y * matrix[2] + matrix[4];
        let ty = x * matrix[1] + y * matrix[3] + matrix[5];
        x0 = x0.min(tx);
        y0 = y0.min(ty);
        x1 = x1.max(tx);
        y1 = y1.max(ty);
    }
    let (rx0, rx1) = (rect[0].min(rect[2]), rect[0].max(rect[2]));
    let (ry0, ry1) = (rect[1].min(rect[3]), rect[1].max(rect[3]));
    if x1 - x0 < 1e-6 || y1 - y0 < 1e-6 {
        return None;
    }
    let sx = (rx1 - rx0) / (x1 - x0);
    let sy = (ry1 - ry0) / (y1 - y0);
    Some([sx, 0.0, 0.0, sy, rx0 - x0 * sx, ry0 - y0 * sy])
}

/// What [`draw_annotations`] left: annotations not even looked at because the file has more
/// than [`MAX_ANNOTATIONS`] (the caller notes those).
pub struct Drawn {
    pub left_out: usize,
}

/// Draw the visible annotation appearances of every page into its content.
pub fn draw_annotations(doc: &mut Document) -> Drawn {
    let mut drawn = 0usize;
    let mut left_out = 0usize;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for page in pages {
        let Ok(page_dict) = doc.get_dictionary(page) else {
            continue;
        };
        let annots: Vec<Object> = match page_dict.get(b"Annots").map(|o| resolve(doc, o)) {
            Ok(Object::Array(a)) => a.clone(),
            _ => continue,
        };
        // (appearance, placement) of each annotation to draw.
        let mut todo: Vec<(Appearance, [f64; 6])> = Vec::new();
        for (i, a) in annots.iter().enumerate() {
            if drawn + todo.len() >= MAX_ANNOTATIONS {
                left_out += annots.len() - i;
                break;
            }
            let Object::Dictionary(annot) = resolve(doc, a) else {
                continue;
            };
            if annot.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Popup") {
                continue;
            }
            let flags = annot.get(b"F").and_then(Object::as_i64).unwrap_or(0);
            if flags & (HIDDEN | NO_VIEW) != 0 {
                continue;
            }
            let Some(rect) = numbers(doc, annot.get(b"Rect").ok(), 4) else {
                continue;
            };
            let ap = match appearance(doc, annot) {
                Some(ap) if shows_text(doc, &ap) => ap,
                found => match value_appearance(doc, annot, &rect) {
                    Some(made) => Appearance::Direct(made),
                    None => match found {
                        Some(ap) => ap,
                        None => continue,
                    },
                },
            };
            let dict = match &ap {
                Appearance::Indirect(id) => match doc.get_object(*id) {
                    Ok(Object::Stream(s)) => &s.dict,
                    _ => continue,
                },
                Appearance::Direct(s) => &s.dict,
            };
            let Some(bbox) = numbers(doc, dict.get(b"BBox").ok(), 4) else {
                continue;
            };
            let matrix = numbers(doc, dict.get(b"Matrix").ok(), 6)
                .unwrap_or_else(|| vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
            if let Some(m) = placement(&bbox, &matrix, &rect) {
                todo.push((ap, m));
            }
        }
        if todo.is_empty() {
            continue;
        }
        let mut resources = page_resources(doc, page).unwrap_or_default();
        let mut xobjects = match resources.get(b"XObject").map(|o| resolve(doc, o)) {
            Ok(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        let mut content = Vec::new();
        for (ap, m) in todo {
            let id = match ap {
                Appearance::Indirect(id) => id,
                Appearance::Direct(s) => doc.add_object(s),
            };
            // Appearances are forms; one without a subtype is taken as one, as viewers do.
            if let Ok(Object::Stream(s)) = doc.get_object_mut(id) {
                if s.dict.get(b"Subtype").is_err() {
                    s.dict.set("Subtype", Object::Name(b"Form".to_vec()));
                }
                if s.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
                    continue;
                }
            }
            drawn += 1;
            let name = format!("WrAnnot{drawn}");
            xobjects.set(name.as_bytes().to_vec(), Object::Reference(id));
            content.extend_from_slice(
                format!(
                    "q {} {} {} {} {} {} cm /{name} Do Q\n",
                    m[0], m[1], m[2], m[3], m[4], m[5]
                )
                .as_bytes(),
            );
        }
        if content.is_empty() {
            continue;
        }
        resources.set("XObject", Object::Dictionary(xobjects));
        // The page's own drawing state must not reach the annotations: wrap it in q … Q.
        let before = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
        let mut after = b"\nQ\n".to_vec();
        after.extend(content);
        let after = doc.add_object(Stream::new(Dictionary::new(), after));
        let Ok(Object::Dictionary(p)) = doc.get_object_mut(page) else {
            continue;
        };
        let mut contents = vec![Object::Reference(before)];
        match p.get(b"Contents") {
            Ok(Object::Array(a)) => contents.extend(a.iter().cloned()),
            Ok(o) => contents.push(o.clone()),
            Err(_) => {}
        }
        contents.push(Object::Reference(after));
        p.set("Contents", Object::Array(contents));
        p.set("Resources", Object::Dictionary(resources));
    }
    Drawn { left_out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_appearance_box_is_mapped_onto_the_rectangle() {
        // A 100 × 20 box drawn into a 200 × 20 field at (72, 700): x doubles, then shifts.
        let m = placement(
            &[0.0, 0.0, 100.0, 20.0],
            &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            &[72.0, 700.0, 272.0, 720.0],
        )
        .unwrap();
        assert_eq!(m, [2.0, 0.0, 0.0, 1.0, 72.0, 700.0]);
        // A box not at the origin lands with its corner on the rectangle's corner.
        let m = placement(
            &[10.0, 5.0, 110.0, 25.0],
            &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            &[72.0, 700.0, 172.0, 720.0],
        )
        .unwrap();
        assert_eq!(m, [1.0, 0.0, 0.0, 1.0, 62.0, 695.0]);
        // A box without area cannot be placed.
        assert!(placement(
            &[0.0, 0.0, 0.0, 20.0],
            &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            &[0.0, 0.0, 10.0, 10.0]
        )
        .is_none());
    }

    /// A file with more annotations than are drawn: the first 10,000 are drawn, the rest counted
    /// for the note, and the page gets one added content stream, not one per annotation.
    #[test]
    fn annotations_beyond_the_bound_are_counted_not_drawn() {
        let mut doc = Document::with_version("1.7");
        let ap = doc.add_object(Stream::new(
            Dictionary::from_iter([
                ("Subtype", Object::Name(b"Form".to_vec())),
                (
                    "BBox",
                    Object::Array(vec![0.into(), 0.into(), 10.into(), 10.into()]),
                ),
            ]),
            b"BT ET".to_vec(),
        ));
        let annots: Vec<Object> = (0..MAX_ANNOTATIONS + 5)
            .map(|_| {
                Object::Dictionary(Dictionary::from_iter([
                    ("Subtype", Object::Name(b"Square".to_vec())),
                    (
                        "Rect",
                        Object::Array(vec![0.into(), 0.into(), 10.into(), 10.into()]),
                    ),
                    (
                        "AP",
                        Object::Dictionary(Dictionary::from_iter([("N", Object::Reference(ap))])),
                    ),
                ]))
            })
            .collect();
        let pages_id = doc.new_object_id();
        let page = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages_id)),
            ("Annots", Object::Array(annots)),
        ]));
        doc.objects.insert(
            pages_id,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", Object::Array(vec![Object::Reference(page)])),
                ("Count", 1.into()),
            ])),
        );
        let catalog = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages_id)),
        ]));
        doc.trailer.set("Root", Object::Reference(catalog));
        let d = draw_annotations(&mut doc);
        assert_eq!(d.left_out, 5);
        let Ok(Object::Dictionary(p)) = doc.get_object(page) else {
            panic!("no page")
        };
        let Ok(Object::Dictionary(r)) = p.get(b"Resources") else {
            panic!("no resources")
        };
        let Ok(Object::Dictionary(x)) = r.get(b"XObject") else {
            panic!("no XObjects")
        };
        assert_eq!(x.len(), MAX_ANNOTATIONS);
        // Before: the page's own (here none) wrapped in q … Q, then the annotations.
        assert!(matches!(p.get(b"Contents"), Ok(Object::Array(a)) if a.len() == 2));
    }
}
