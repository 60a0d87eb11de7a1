//! Form XObjects drawn where the page puts them, before pdf-extract reads the page.
//!
//! Why: pdf-extract (0.12) reads a Form XObject (`/Fm1 Do`) with a fresh graphics state: it
//! forgets the transformation in force at the `Do` (`cm`) and the form's own `/Matrix`. Every
//! glyph and line inside the form then lands at the form's own origin, the page's bottom left
//! corner. A flattened PDF form, a stamp, a letterhead or a figure placed as a form comes out at
//! one spot: several forms' lines land on one line (pypdf's `fontsampler.pdf`: seven lines read
//! as one), or on top of each other (the figure of pdfminer's `naacl06-shinyama.pdf`), and
//! overprint detection would then drop real text. The PDF specification (ISO 32000-1, 8.10.1)
//! says a form is painted with the current transformation, then its `/Matrix`.
//!
//! What is done: each `Do` of a form gets its own copy of the form whose content starts with the
//! whole transformation (`/Matrix` × CTM at the `Do` × the CTM the enclosing content started
//! with), written as one `cm`; the `Do` is renamed to the copy, which is added to the resources.
//! Forms inside forms are placed the same way, from the enclosing form's placement. A form drawn
//! where it is defined (the identity) is left as it is.
//!
//! Bounds: forms nested deeper than [`MAX_DEPTH`] (a form that draws itself), more than
//! [`MAX_COPIES`] copies or [`MAX_COPY_BYTES`] of copied content in one file are left where
//! pdf-extract puts them, as before; the file is still read.

use super::objects::{dict_at, page_resources};
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// A transformation matrix `[a b c d e f]` as PDF writes it (row vectors: `p' = p × M`).
type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
/// Forms inside forms deeper than this are left as they are.
const MAX_DEPTH: usize = 8;
/// At most this many placed copies per file…
const MAX_COPIES: usize = 4096;
/// … and at most this much copied content (bytes).
const MAX_COPY_BYTES: usize = 64 << 20;

/// `a × b`: first `a`, then `b`.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn is_identity(m: &Matrix) -> bool {
    m.iter().zip(IDENTITY).all(|(x, y)| (x - y).abs() < 1e-9)
}

fn matrix_of(operands: &[Object]) -> Option<Matrix> {
    if operands.len() != 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (slot, o) in m.iter_mut().zip(operands) {
        *slot = o.as_float().ok()? as f64;
        if !slot.is_finite() {
            return None;
        }
    }
    Some(m)
}

struct Budget {
    copies: usize,
    bytes: usize,
    names: usize,
}

/// Place every form on every page of `doc`. Returns how many form copies were placed.
pub fn place_forms(doc: &mut Document) -> usize {
    let any_form = doc.objects.values().any(|o| {
        matches!(o, Object::Stream(s)
            if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form"))
    });
    if !any_form {
        return 0;
    }
    let mut budget = Budget {
        copies: 0,
        bytes: 0,
        names: 0,
    };
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for page in pages {
        let Ok(data) = doc.get_page_content(page) else {
            continue;
        };
        if !data.windows(2).any(|w| w == b"Do") {
            continue;
        }
        let Ok(content) = Content::decode(&data) else {
            continue;
        };
        let Some(resources) = page_resources(doc, page) else {
            continue;
        };
        let Some((ops, resources)) =
            place_in(doc, content.operations, resources, IDENTITY, 0, &mut budget)
        else {
            continue;
        };
        let Ok(encoded) = (Content { operations: ops }).encode() else {
            continue;
        };
        let id = doc.add_object(Stream::new(Dictionary::new(), encoded));
        if let Ok(Object::Dictionary(p)) = doc.get_object_mut(page) {
            p.set("Contents", Object::Reference(id));
            p.set("Resources", Object::Dictionary(resources));
        }
    }
    budget.copies
}

/// Walk `ops` (content that starts with the transformation `start`) and place each form it draws.
/// Returns the rewritten operations and resources, or `None` when nothing had to change.
fn place_in(
    doc: &mut Document,
    mut ops: Vec<Operation>,
    resources: Dictionary,
    start: Matrix,
    depth: usize,
    budget: &mut Budget,
) -> Option<(Vec<Operation>, Dictionary)> {
    let mut xobjects = dict_at(doc, &resources, b"XObject")?;
    let mut ctm = start;
    let mut stack: Vec<Matrix> = Vec::new();
    let mut changed = false;
    for op in ops.iter_mut() {
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(start),
            "cm" => {
                if let Some(m) = matrix_of(&op.operands) {
                    ctm = mul(&m, &ctm);
                }
            }
            "Do" => {
                if depth >= MAX_DEPTH
                    || budget.copies >= MAX_COPIES
                    || budget.bytes >= MAX_COPY_BYTES
                {
                    continue;
                }
                let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                    continue;
                };
                let Ok(Object::Reference(form_id)) = xobjects.get(name) else {
                    continue;
                };
                let Ok(Object::Stream(form)) = doc.get_object(*form_id) else {
                    continue;
                };
                if form.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
                    continue;
                }
                let form = form.clone();
                let own = matrix_of(
                    form.dict
                        .get(b"Matrix")
                        .and_then(Object::as_array)
                        .map(Vec::as_slice)
                        .unwrap_or(&[]),
                )
                .unwrap_or(IDENTITY);
                let placed = mul(&own, &ctm);
                let Some(copy) = placed_copy(doc, form, &resources, placed, depth, budget) else {
                    continue;
                };
                budget.names += 1;
                let new_name = [name, format!("_wr{}", budget.names).as_bytes()].concat();
                let id = doc.add_object(copy);
                xobjects.set(new_name.clone(), Object::Reference(id));
                op.operands[0] = Object::Name(new_name);
                changed = true;
            }
            _ => {}
        }
    }
    if !changed {
        return None;
    }
    let mut resources = resources;
    resources.set("XObject", Object::Dictionary(xobjects));
    Some((ops, resources))
}

/// A copy of `form` that draws itself at `placed`, with its own forms placed; `None` when the
/// form needs no copy (drawn where it is defined, and nothing inside moves) or cannot be read.
fn placed_copy(
    doc: &mut Document,
    form: Stream,
    parent_resources: &Dictionary,
    placed: Matrix,
    depth: usize,
    budget: &mut Budget,
) -> Option<Stream> {
    let data = match form.decompressed_content() {
        Ok(d) => d,
        // Not compressed at all: the bytes are the content.
        Err(_) if form.dict.get(b"Filter").is_err() => form.content.clone(),
        // A filter lopdf cannot undo: leave the form as pdf-extract would read it.
        Err(_) => return None,
    };
    // pdf-extract reads a form without resources with those of what draws it.
    let resources =
        dict_at(doc, &form.dict, b"Resources").unwrap_or_else(|| parent_resources.clone());
    let inner = if data.windows(2).any(|w| w == b"Do") {
        Content::decode(&data)
            .ok()
            .and_then(|c| place_in(doc, c.operations, resources, placed, depth + 1, budget))
    } else {
        None
    };
    if inner.is_none() && is_identity(&placed) {
        return None;
    }
    let mut body = Vec::with_capacity(data.len() + 64);
    if !is_identity(&placed) {
        for v in placed {
            body.extend_from_slice(format!("{v} ").as_bytes());
        }
        body.extend_from_slice(b"cm\n");
    }
    let mut dict = form.dict;
    dict.remove(b"Filter");
    dict.remove(b"DecodeParms");
    dict.remove(b"Length");
    match inner {
        Some((ops, resources)) => {
            body.extend(Content { operations: ops }.encode().ok()?);
            dict.set("Resources", Object::Dictionary(resources));
        }
        None => body.extend_from_slice(&data),
    }
    budget.copies += 1;
    budget.bytes += body.len();
    Some(Stream::new(dict, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_first_then_second() {
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 100.0, 700.0];
        // Scale first, then shift: the origin goes to (100, 700).
        assert_eq!(mul(&scale, &shift), [2.0, 0.0, 0.0, 2.0, 100.0, 700.0]);
        // Shift first, then scale: the origin goes to (200, 1400).
        assert_eq!(mul(&shift, &scale), [2.0, 0.0, 0.0, 2.0, 200.0, 1400.0]);
        assert!(is_identity(&mul(&IDENTITY, &IDENTITY)));
    }
}
