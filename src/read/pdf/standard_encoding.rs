//! A simple font whose `/Encoding` or `/BaseEncoding` is the name `/StandardEncoding` gets that
//! encoding spelled out as `/Differences` before pdf-extract reads the page.
//!
//! Why: ISO 32000-1 (9.6.6.1, table 114) allows only `MacRomanEncoding`, `MacExpertEncoding` and
//! `WinAnsiEncoding` as names, but writers also name Adobe's `StandardEncoding`, the built-in
//! encoding of Latin Type 1 fonts (Annex D.2), and poppler and pdf.js read it. pdf-extract
//! panics on the name, which cost the whole file its first reader: pdf.js's `issue20232.pdf`
//! was read by the second reader alone, without tables or headings; for a wijkplan that would
//! be its themes table.
//!
//! The glyph names come from `read_fonts::ps::encoding::PredefinedEncoding::Standard`
//! (fontations, already in the build through pdf_oxide); pdf-extract knows every one of them.
//! The font's own `/Differences` come after, so they still win.

use super::objects::{is_simple_font, resolve};
use lopdf::{Dictionary, Document, Object, ObjectId};
use read_fonts::ps::encoding::PredefinedEncoding;

const NAME: &[u8] = b"StandardEncoding";

/// Spell out `StandardEncoding` for every simple font that names it. Returns how many encodings
/// were changed.
pub fn spell_out_standard_encoding(doc: &mut Document) -> usize {
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    let mut done = 0;
    for id in ids {
        let Some(Object::Dictionary(font)) = doc.objects.get(&id) else {
            continue;
        };
        if !is_simple_font(font) {
            continue;
        }
        match font.get(b"Encoding") {
            Ok(Object::Name(n)) if n == NAME => {
                let mut enc = Dictionary::new();
                enc.set("Type", Object::Name(b"Encoding".to_vec()));
                enc.set("Differences", Object::Array(standard_differences()));
                if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
                    font.set("Encoding", Object::Dictionary(enc));
                    done += 1;
                }
            }
            Ok(Object::Dictionary(enc)) => {
                if let Some(enc) = spelled_out(doc, enc) {
                    if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
                        font.set("Encoding", Object::Dictionary(enc));
                        done += 1;
                    }
                }
            }
            Ok(Object::Reference(r)) => {
                let r = *r;
                let Some(Object::Dictionary(enc)) = doc.objects.get(&r) else {
                    continue;
                };
                if let Some(enc) = spelled_out(doc, enc) {
                    doc.objects.insert(r, Object::Dictionary(enc));
                    done += 1;
                }
            }
            _ => {}
        }
    }
    done
}

/// An encoding dictionary with `/BaseEncoding /StandardEncoding`, rewritten: no base, the
/// standard names first, its own differences after. None when it has another base.
fn spelled_out(doc: &Document, enc: &Dictionary) -> Option<Dictionary> {
    if enc.get(b"BaseEncoding").and_then(Object::as_name).ok() != Some(NAME) {
        return None;
    }
    let mut out = enc.clone();
    out.remove(b"BaseEncoding");
    let mut differences = standard_differences();
    if let Ok(own) = enc.get(b"Differences") {
        if let Object::Array(own) = resolve(doc, own) {
            differences.extend(own.iter().cloned());
        }
    }
    out.set("Differences", Object::Array(differences));
    Some(out)
}

/// `[code /name …]` for every code StandardEncoding defines.
fn standard_differences() -> Vec<Object> {
    let mut out = Vec::new();
    for code in 0..=u8::MAX {
        let name = PredefinedEncoding::Standard.name(code);
        if !name.is_empty() && name != ".notdef" {
            out.push(Object::Integer(i64::from(code)));
            out.push(Object::Name(name.as_bytes().to_vec()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_at(differences: &[Object], code: i64) -> Option<&[u8]> {
        let mut at = 0;
        let mut found = None;
        for o in differences {
            match o {
                Object::Integer(i) => at = *i,
                Object::Name(n) => {
                    if at == code {
                        found = Some(n.as_slice());
                    }
                    at += 1;
                }
                _ => {}
            }
        }
        found
    }

    #[test]
    fn the_name_becomes_the_table_of_annex_d() {
        let d = standard_differences();
        // ISO 32000-1 Annex D.2, column STD (octal): quoteright 047, quoteleft 140, bullet 267,
        // emdash 320, fi 256, and nothing at 200.
        assert_eq!(name_at(&d, 0o47), Some(&b"quoteright"[..]));
        assert_eq!(name_at(&d, 0o140), Some(&b"quoteleft"[..]));
        assert_eq!(name_at(&d, 0o267), Some(&b"bullet"[..]));
        assert_eq!(name_at(&d, 0o320), Some(&b"emdash"[..]));
        assert_eq!(name_at(&d, 0o256), Some(&b"fi"[..]));
        assert_eq!(name_at(&d, 0o101), Some(&b"A"[..]));
        assert_eq!(name_at(&d, 0o200), None);
    }

    #[test]
    fn fonts_naming_it_get_it_and_their_own_differences_still_win() {
        let mut doc = Document::with_version("1.4");
        let font = |encoding: Object| {
            let mut f = Dictionary::new();
            f.set("Type", Object::Name(b"Font".to_vec()));
            f.set("Subtype", Object::Name(b"Type1".to_vec()));
            f.set("Encoding", encoding);
            f
        };
        let named = doc.add_object(font(Object::Name(NAME.to_vec())));
        let mut enc = Dictionary::new();
        enc.set("BaseEncoding", Object::Name(NAME.to_vec()));
        enc.set(
            "Differences",
            Object::Array(vec![
                Object::Integer(0o47),
                Object::Name(b"quotesingle".to_vec()),
            ]),
        );
        let enc = doc.add_object(enc);
        let based = doc.add_object(font(Object::Reference(enc)));
        let win = doc.add_object(font(Object::Name(b"WinAnsiEncoding".to_vec())));
        assert_eq!(spell_out_standard_encoding(&mut doc), 2);
        let differences = |d: &Dictionary| match d.get(b"Differences") {
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        let Ok(Object::Dictionary(e)) = doc.get_dictionary(named).and_then(|f| f.get(b"Encoding"))
        else {
            panic!("not spelled out")
        };
        assert_eq!(name_at(&differences(e), 0o47), Some(&b"quoteright"[..]));
        let e = doc.get_dictionary(enc).expect("encoding");
        assert!(!e.has(b"BaseEncoding"));
        assert_eq!(name_at(&differences(e), 0o47), Some(&b"quotesingle"[..]));
        assert_eq!(name_at(&differences(e), 0o320), Some(&b"emdash"[..]));
        assert_eq!(
            doc.get_dictionary(based)
                .and_then(|f| f.get(b"Encoding"))
                .ok(),
            Some(&Object::Reference(enc))
        );
        assert_eq!(
            doc.get_dictionary(win)
                .and_then(|f| f.get(b"Encoding"))
                .ok(),
            Some(&Object::Name(b"WinAnsiEncoding".to_vec()))
        );
    }
}
