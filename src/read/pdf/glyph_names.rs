//! A simple font without `/ToUnicode` whose `/Differences` use glyph names that pdf-extract does
//! not resolve gets a ToUnicode map for those codes, made with the Adobe Glyph List
//! Specification's algorithm, before pdf-extract reads the page.
//!
//! Why: pdf-extract looks a glyph name up in the glyph list as a whole word. Names made by the
//! specification's rules are not in any list: `one.os` (old-style figures), `a.sc` (small
//! capitals), `f_f_i` (ligatures of their parts), `uniFB01` and `u1F574` (the code points
//! themselves). For such a name pdf-extract keeps the base encoding's character for the code,
//! so pdf.js's `issue10640.pdf` (LaTeX with Open Sans's old-style figures) read "Version †.†"
//! for "Version 1.1" and "1gure" for "ﬁgure", silently. Poppler and pdf.js apply the algorithm.
//!
//! The algorithm (AGL Specification, "Mapping a glyph name to a Unicode sequence"): drop
//! everything from the first period; split the rest at underscores; each part is a name from the
//! Adobe Glyph List, `uni` followed by groups of four hex digits, or `u` followed by four to six.
//! It is `read_fonts::ps::agl::name_to_chars` (fontations, Google's font crates; already in the
//! build through pdf_oxide), with the whole legacy list. Only names that may need the algorithm
//! get an entry (with a period or underscore, or starting with `u`): every other code is still
//! decoded by pdf-extract as before, since it falls back to the encoding for a code the map
//! lacks.

use super::objects::{is_simple_font, resolve};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeMap;

/// Give every simple font without `/ToUnicode` whose `/Differences` hold names that need the
/// algorithm a map for those codes. Returns how many fonts got one.
pub fn from_glyph_names(doc: &mut Document) -> usize {
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    let mut done = 0;
    for id in ids {
        let Some(Object::Dictionary(font)) = doc.objects.get(&id) else {
            continue;
        };
        if !is_simple_font(font) || font.has(b"ToUnicode") {
            continue;
        }
        let map = differences_by_algorithm(doc, font);
        if map.is_empty() {
            continue;
        }
        let stream = doc.add_object(super::identity_unicode::bfchar_cmap_one_byte(&map));
        if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
            font.set("ToUnicode", Object::Reference(stream));
            done += 1;
        }
    }
    done
}

/// Code → text for each `/Differences` name that is not a plain glyph-list name.
fn differences_by_algorithm(doc: &Document, font: &Dictionary) -> BTreeMap<u8, String> {
    let mut out = BTreeMap::new();
    let Ok(encoding) = font.get(b"Encoding") else {
        return out;
    };
    let Object::Dictionary(encoding) = resolve(doc, encoding) else {
        return out;
    };
    let Ok(differences) = encoding.get(b"Differences") else {
        return out;
    };
    let Object::Array(differences) = resolve(doc, differences) else {
        return out;
    };
    let mut code: i64 = 0;
    for item in differences {
        match resolve(doc, item) {
            Object::Integer(i) => code = *i,
            Object::Name(name) => {
                if let (Ok(c), Ok(name)) = (u8::try_from(code), std::str::from_utf8(name)) {
                    if needs_algorithm(name) {
                        if let Some(text) = agl_to_unicode(name) {
                            out.insert(c, text);
                        }
                    }
                }
                code += 1;
            }
            _ => {}
        }
    }
    out
}

/// A name pdf-extract's whole-word lookup may miss: with a suffix, of parts, or a code point.
fn needs_algorithm(name: &str) -> bool {
    name.contains(['.', '_']) || name.starts_with('u')
}

/// The AGL Specification's mapping of a glyph name to text; None when no part maps.
pub fn agl_to_unicode(name: &str) -> Option<String> {
    let out: String = read_fonts::ps::agl::name_to_chars(name).collect();
    (!out.is_empty() && !out.chars().any(char::is_control)).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_specification_examples() {
        // The AGL Specification's own examples, and the names of issue10640.pdf.
        assert_eq!(
            agl_to_unicode("Lcommaaccent_uni20AC0308_u1040C.alternate").as_deref(),
            Some("\u{013B}\u{20AC}\u{0308}\u{1040C}")
        );
        assert_eq!(
            agl_to_unicode("uni20AC0308").as_deref(),
            Some("\u{20AC}\u{0308}")
        );
        assert_eq!(agl_to_unicode("u1040C").as_deref(), Some("\u{1040C}"));
        assert_eq!(agl_to_unicode("one.os").as_deref(), Some("1"));
        assert_eq!(agl_to_unicode("uniFB01").as_deref(), Some("\u{FB01}"));
        assert_eq!(agl_to_unicode("f_f_i").as_deref(), Some("ffi"));
        // Lower-case hex, surrogates and empty names map to nothing.
        assert_eq!(agl_to_unicode("uni20ac"), None);
        assert_eq!(agl_to_unicode("uniD801DC0C"), None);
        assert_eq!(agl_to_unicode(".notdef"), None);
        assert_eq!(agl_to_unicode("foo"), None);
    }

    fn font(doc: &mut Document, subtype: &str, differences: Vec<Object>) -> ObjectId {
        let mut enc = Dictionary::new();
        enc.set("Type", Object::Name(b"Encoding".to_vec()));
        enc.set("Differences", Object::Array(differences));
        let enc = doc.add_object(enc);
        let mut f = Dictionary::new();
        f.set("Type", Object::Name(b"Font".to_vec()));
        f.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
        f.set("Encoding", Object::Reference(enc));
        doc.add_object(f)
    }

    #[test]
    fn only_names_that_need_the_algorithm_get_an_entry() {
        let name = |n: &str| Object::Name(n.as_bytes().to_vec());
        let mut doc = Document::with_version("1.4");
        // issue10640.pdf's old-style figures and ligature, after plain names.
        let figures = font(
            &mut doc,
            "Type1",
            vec![
                Object::Integer(16),
                name("zero"),
                name("one"),
                Object::Integer(128),
                name("zero.os"),
                name("one.os"),
                Object::Integer(49),
                name("uniFB01"),
            ],
        );
        let plain = font(&mut doc, "TrueType", vec![Object::Integer(65), name("A")]);
        let cid = font(&mut doc, "Type0", vec![Object::Integer(1), name("one.os")]);
        assert_eq!(from_glyph_names(&mut doc), 1);
        let to_unicode = |id| {
            doc.get_dictionary(id)
                .ok()
                .and_then(|d| d.get(b"ToUnicode").ok())
                .and_then(|o| o.as_reference().ok())
        };
        assert_eq!(to_unicode(plain), None);
        assert_eq!(to_unicode(cid), None);
        let Some(Ok(Object::Stream(s))) = to_unicode(figures).map(|id| doc.get_object(id)) else {
            panic!("no map")
        };
        let map = adobe_cmap_parser::get_unicode_map(&s.content).unwrap_or_default();
        assert_eq!(map.get(&128), Some(&vec![0x00, 0x30]));
        assert_eq!(map.get(&129), Some(&vec![0x00, 0x31]));
        assert_eq!(map.get(&49), Some(&vec![0xFB, 0x01]));
        assert_eq!(map.len(), 3, "plain names stay with pdf-extract: {map:?}");
    }
}
