//! A Type0 font whose `/ToUnicode` is the name `/Identity-H` (or `/Identity-V`) instead of a CMap
//! stream, given an identity CMap stream before pdf-extract reads the page.
//!
//! Why: the name is not in the standard (ISO 32000-1, 9.10.3 asks for a stream), but writers use
//! it to say that the character codes are Unicode already (a Polish invoice generator in
//! pdfminer's `issue-625-identity-cmap.pdf`, whose `/W` arrays put the widths of space, `!` and `"`
//! at codes 32, 33 and 34). pdfminer.six reads it as the identity mapping (its
//! `IdentityUnicodeMap`, added for that very issue), and pdftotext reads the text. pdf-extract
//! 0.12 ignores the name (`Identity-H`) or panics on it (`Identity-V`), and a CID font without a
//! usable map decodes every glyph to nothing: the invoice looked like a scan. A CMap stream
//! mapping each two-byte code to the same UTF-16 value gives pdf-extract what pdfminer does.
//!
//! Codes below U+0020 (control characters) and the surrogate block are left out, so they stay
//! undecodable rather than become control characters in the text.
//!
//! The same holds for a Type0 font without `/ToUnicode` whose encoding is one of Adobe's Unicode
//! CMaps (`UniJIS-UCS2-H`, `UniGB-UTF16-H`, `UniKS-UCS2-V`, …): by their definition the codes are
//! UCS-2 or UTF-16 (pdfminer's `kampo.pdf`, Japanese in `UniJIS-UCS2-H`, read as nothing).
//! pdf-extract does not know these CMaps and panics on them; such a font gets the identity map
//! and `/Identity-H` as its encoding. The code then stands for the CID as well, which only
//! changes the glyph widths looked up (CJK glyphs are mostly one em wide either way).

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::BTreeMap;

/// Give every Type0 font with an identity `/ToUnicode` name the identity CMap stream (one shared
/// object). Returns how many fonts were changed.
pub fn identity_to_unicode(doc: &mut Document) -> usize {
    let mut cmap: Option<ObjectId> = None;
    let mut changed = 0;
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    for id in ids {
        let (name, unicode_cmap) = match doc.objects.get(&id) {
            Some(Object::Dictionary(d)) => (has_identity_name(d), has_unicode_encoding(d)),
            _ => continue,
        };
        if !name && !unicode_cmap {
            continue;
        }
        let stream = *cmap.get_or_insert_with(|| doc.add_object(identity_cmap()));
        if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&id) {
            d.set("ToUnicode", Object::Reference(stream));
            if unicode_cmap {
                d.set("Encoding", Object::Name(b"Identity-H".to_vec()));
            }
            changed += 1;
        }
    }
    changed
}

fn has_identity_name(d: &Dictionary) -> bool {
    d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0")
        && matches!(
            d.get(b"ToUnicode").and_then(Object::as_name),
            Ok(b"Identity-H") | Ok(b"Identity-V")
        )
}

/// A Type0 font without `/ToUnicode` encoded with one of Adobe's predefined Unicode CMaps:
/// `Uni<collection>-UCS2-H/V` or `Uni<collection>-UTF16-H/V`.
fn has_unicode_encoding(d: &Dictionary) -> bool {
    if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0")
        || d.get(b"ToUnicode").is_ok()
    {
        return false;
    }
    let Ok(enc) = d.get(b"Encoding").and_then(Object::as_name) else {
        return false;
    };
    let enc = String::from_utf8_lossy(enc);
    enc.starts_with("Uni")
        && ["-UCS2-H", "-UCS2-V", "-UTF16-H", "-UTF16-V"]
            .iter()
            .any(|end| enc.ends_with(end))
}

/// A ToUnicode CMap mapping every two-byte code from U+0020 to U+FFFF (surrogates excepted) to
/// itself, in `bfrange` blocks of at most 100 ranges (ISO 32000-1, 9.10.3 and Adobe TN 5411).
fn identity_cmap() -> Stream {
    let ranges: Vec<(u16, u16)> = (0u16..=0xFF)
        .filter(|hi| !(0xD8..=0xDF).contains(hi))
        .map(|hi| {
            let lo = if hi == 0 { 0x20 } else { 0x00 };
            ((hi << 8) | lo, (hi << 8) | 0xFF)
        })
        .collect();
    let mut sections = String::new();
    for block in ranges.chunks(100) {
        sections.push_str(&format!("{} beginbfrange\n", block.len()));
        for (first, last) in block {
            sections.push_str(&format!("<{first:04X}> <{last:04X}> <{first:04X}>\n"));
        }
        sections.push_str("endbfrange\n");
    }
    to_unicode_stream(&sections, 2)
}

/// A ToUnicode CMap with one `bfchar` per two-byte code, in blocks of at most 100 (for the maps
/// made by `truetype_unicode` and `collection_unicode`).
pub(super) fn bfchar_cmap(map: &BTreeMap<u16, String>) -> Stream {
    to_unicode_stream(
        &bfchar_sections(map.iter().map(|(c, t)| (u32::from(*c), t.as_str())), 2),
        2,
    )
}

/// The same for one-byte codes (the simple fonts of `glyph_names`).
pub(super) fn bfchar_cmap_one_byte(map: &BTreeMap<u8, String>) -> Stream {
    to_unicode_stream(
        &bfchar_sections(map.iter().map(|(c, t)| (u32::from(*c), t.as_str())), 1),
        1,
    )
}

fn bfchar_sections<'a>(entries: impl Iterator<Item = (u32, &'a str)>, bytes: usize) -> String {
    let entries: Vec<(u32, &str)> = entries.collect();
    let mut s = String::new();
    for block in entries.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", block.len()));
        for (code, text) in block {
            let units: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            s.push_str(&format!("<{code:0w$X}> <{units}>\n", w = 2 * bytes));
        }
        s.push_str("endbfchar\n");
    }
    s
}

/// A ToUnicode CMap stream for `bytes`-byte codes around its `bfchar`/`bfrange` sections.
fn to_unicode_stream(sections: &str, bytes: usize) -> Stream {
    let (low, high) = if bytes == 1 {
        ("00", "FF")
    } else {
        ("0000", "FFFF")
    };
    let mut s = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<{low}> <{high}>\nendcodespacerange\n",
    );
    s.push_str(sections);
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    Stream::new(Dictionary::new(), s.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_cmap_maps_each_code_to_itself() {
        let cmap = identity_cmap();
        let map = adobe_cmap_parser::get_unicode_map(&cmap.content).unwrap_or_default();
        let utf16 = |code: u32| map.get(&code).cloned().unwrap_or_default();
        assert_eq!(utf16(0x41), vec![0x00, 0x41]);
        assert_eq!(utf16(0x0141), vec![0x01, 0x41]); // Ł
        assert_eq!(utf16(0xFFFF), vec![0xFF, 0xFF]);
        assert!(!map.contains_key(&0x0A));
        assert!(!map.contains_key(&0xD800));
    }

    #[test]
    fn the_bfchar_cmap_written_parses_back_to_the_map() {
        let map: BTreeMap<u16, String> = [(3, "a"), (4, "Ł"), (300, "€"), (301, "ﬁ")]
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect();
        let stream = bfchar_cmap(&map);
        let parsed = adobe_cmap_parser::get_unicode_map(&stream.content).unwrap_or_default();
        assert_eq!(parsed.get(&3), Some(&vec![0x00, 0x61]));
        assert_eq!(parsed.get(&4), Some(&vec![0x01, 0x41]));
        assert_eq!(parsed.get(&300), Some(&vec![0x20, 0xAC]));
        assert_eq!(parsed.get(&301), Some(&vec![0xFB, 0x01]));
        assert_eq!(parsed.len(), 4);
        // One-byte codes for simple fonts: a one-byte code space and two hex digits per code.
        let one: BTreeMap<u8, String> = [(0x31, "\u{FB01}".to_string())].into_iter().collect();
        let stream = bfchar_cmap_one_byte(&one);
        let text = String::from_utf8_lossy(&stream.content).to_string();
        assert!(
            text.contains("<00> <FF>") && text.contains("<31> <FB01>"),
            "{text}"
        );
        let parsed = adobe_cmap_parser::get_unicode_map(&stream.content).unwrap_or_default();
        assert_eq!(parsed.get(&0x31), Some(&vec![0xFB, 0x01]));
    }

    #[test]
    fn only_type0_fonts_with_an_identity_name_get_it() {
        let mut doc = Document::with_version("1.4");
        let font = |to_unicode: Object| {
            let mut d = Dictionary::new();
            d.set("Type", Object::Name(b"Font".to_vec()));
            d.set("Subtype", Object::Name(b"Type0".to_vec()));
            d.set("ToUnicode", to_unicode);
            d
        };
        let h = doc.add_object(font(Object::Name(b"Identity-H".to_vec())));
        let v = doc.add_object(font(Object::Name(b"Identity-V".to_vec())));
        let other = doc.add_object(font(Object::Name(b"Something".to_vec())));
        let mut simple = font(Object::Name(b"Identity-H".to_vec()));
        simple.set("Subtype", Object::Name(b"TrueType".to_vec()));
        let simple = doc.add_object(simple);
        // Japanese encoded in Adobe's UCS-2 CMap, without a ToUnicode map (kampo.pdf).
        let mut ucs2 = font(Object::Null);
        ucs2.remove(b"ToUnicode");
        ucs2.set("Encoding", Object::Name(b"UniJIS-UCS2-H".to_vec()));
        let ucs2 = doc.add_object(ucs2);
        // The same CMap, but the font has its own ToUnicode: left alone.
        let mut own = font(Object::Reference((999, 0)));
        own.set("Encoding", Object::Name(b"UniGB-UTF16-H".to_vec()));
        let own = doc.add_object(own);
        // A CMap that is not Unicode (Shift-JIS): left alone.
        let mut sjis = font(Object::Null);
        sjis.remove(b"ToUnicode");
        sjis.set("Encoding", Object::Name(b"90ms-RKSJ-H".to_vec()));
        let sjis = doc.add_object(sjis);
        assert_eq!(identity_to_unicode(&mut doc), 3);
        let encoding = |id| match doc.objects.get(&id) {
            Some(Object::Dictionary(d)) => d.get(b"Encoding").ok().cloned(),
            _ => None,
        };
        assert_eq!(encoding(ucs2), Some(Object::Name(b"Identity-H".to_vec())));
        assert_eq!(encoding(own), Some(Object::Name(b"UniGB-UTF16-H".to_vec())));
        assert_eq!(encoding(sjis), Some(Object::Name(b"90ms-RKSJ-H".to_vec())));
        let target = |id| match doc.objects.get(&id) {
            Some(Object::Dictionary(d)) => d.get(b"ToUnicode").ok().cloned(),
            _ => None,
        };
        let (Some(Object::Reference(a)), Some(Object::Reference(b))) = (target(h), target(v))
        else {
            panic!("not replaced")
        };
        assert_eq!(a, b, "one shared CMap");
        assert!(matches!(doc.objects.get(&a), Some(Object::Stream(_))));
        assert_eq!(target(other), Some(Object::Name(b"Something".to_vec())));
        assert_eq!(target(simple), Some(Object::Name(b"Identity-H".to_vec())));
    }
}
