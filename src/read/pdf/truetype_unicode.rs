//! A CID font with an embedded TrueType program and no `/ToUnicode` gets one, made from the
//! font's own `cmap` table, before pdf-extract reads the page.
//!
//! Why: such a font says nothing about which letter a glyph is, except inside the font program:
//! its `cmap` table maps Unicode to glyphs, and with `Identity-H` encoding and an identity (or
//! given) `/CIDToGIDMap` the character codes are glyph numbers. pdf-extract decodes every glyph
//! of such a font to nothing, so a page in it was refused as undecodable, or lost its text
//! silently next to text in other fonts. pdf.js inverts the font's `cmap` the same way when
//! there is no `/ToUnicode`.
//!
//! Measured on `../shared/corpus/pdf`: pdf.js's `ThuluthFeatures.pdf` (CID TrueType fonts, no
//! `/ToUnicode`) now reads its Latin labels ("Dotless Forms", "Contextual Forms OFF"); its Arabic
//! alternate glyphs have no entry in the `cmap` (they are reached through GSUB), stay undecodable
//! and are named in a note. Its word recall against pdftotext fell from 0.17 to 0.01, because
//! poppler writes each such glyph's number as a character ("ǡ" for glyph 481): the reference is
//! not text there. Tested on `plan_a_chrome.pdf` with its `/ToUnicode` keys renamed.
//!
//! The font is parsed with `ttf-parser` (the crate of the Rust font stack: safe, no panics on
//! malformed fonts by design, fuzzed). Only the table directory and `cmap` are read, so subset
//! fonts without `name` or `OS/2` tables work. The `cmap` is asked for each code point of the
//! Basic Multilingual Plane instead of enumerating its ranges: a crafted format-12 subtable can
//! declare ranges of four billion code points, and 65,536 lookups per font is a fixed cost. At
//! most [`MAX_FONTS`] fonts per document are done this way; further ones stay undecodable.

use super::objects::resolve;
use super::shown_codes::ShownCodes;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeMap;

/// Fonts per document given a map from their `cmap` (each costs 65,536 lookups).
const MAX_FONTS: usize = 32;

/// Give every qualifying Type0 font a `/ToUnicode` stream made from its TrueType `cmap`.
/// Returns how many fonts got one.
pub fn from_truetype_cmaps(doc: &mut Document, shown: &mut ShownCodes) -> usize {
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    let mut done = 0;
    for id in ids {
        if done >= MAX_FONTS {
            break;
        }
        let Some(Object::Dictionary(font)) = doc.objects.get(&id) else {
            continue;
        };
        if !needs_map(font) {
            continue;
        }
        let Some(mut map) = code_to_unicode(doc, font) else {
            continue;
        };
        // Only the codes shown: pdf-extract parses the map again on every page.
        shown.restrict(doc, &mut map);
        if map.is_empty() {
            continue;
        }
        let stream = doc.add_object(super::identity_unicode::bfchar_cmap(&map));
        if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
            font.set("ToUnicode", Object::Reference(stream));
            done += 1;
        }
    }
    done
}

/// A Type0 font with two-byte identity encoding and no `/ToUnicode` at all.
fn needs_map(font: &Dictionary) -> bool {
    font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0")
        && !font.has(b"ToUnicode")
        && matches!(
            font.get(b"Encoding").and_then(Object::as_name),
            Ok(b"Identity-H") | Ok(b"Identity-V")
        )
}

/// Character code (= CID) → Unicode, from the descendant font's TrueType program.
fn code_to_unicode(doc: &Document, font: &Dictionary) -> Option<BTreeMap<u16, String>> {
    let descendants = match resolve(doc, font.get(b"DescendantFonts").ok()?) {
        Object::Array(a) => a,
        _ => return None,
    };
    let Object::Dictionary(cid_font) = resolve(doc, descendants.first()?) else {
        return None;
    };
    if cid_font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"CIDFontType2") {
        return None;
    }
    let Object::Dictionary(descriptor) = resolve(doc, cid_font.get(b"FontDescriptor").ok()?) else {
        return None;
    };
    let Object::Stream(file) = resolve(doc, descriptor.get(b"FontFile2").ok()?) else {
        return None;
    };
    let program = file
        .decompressed_content()
        .unwrap_or_else(|_| file.content.clone());
    let gid_to_unicode = glyph_to_unicode(&program)?;
    // CID → GID: identity unless a stream of two-byte glyph numbers is given.
    let cid_to_gid: Option<Vec<u16>> =
        match cid_font.get(b"CIDToGIDMap").ok().map(|o| resolve(doc, o)) {
            Some(Object::Stream(s)) => {
                let bytes = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                Some(
                    bytes
                        .chunks_exact(2)
                        .map(|b| u16::from_be_bytes([b[0], b[1]]))
                        .collect(),
                )
            }
            _ => None,
        };
    let mut out = BTreeMap::new();
    match cid_to_gid {
        None => {
            for (gid, c) in &gid_to_unicode {
                out.insert(*gid, c.to_string());
            }
        }
        Some(table) => {
            for (cid, gid) in table.iter().enumerate() {
                if let (Ok(cid), Some(c)) = (u16::try_from(cid), gid_to_unicode.get(gid)) {
                    out.insert(cid, c.to_string());
                }
            }
        }
    }
    Some(out)
}

/// Glyph → the lowest Unicode code point of the Basic Multilingual Plane that maps to it in the
/// font's Unicode `cmap` subtables (printable characters only).
fn glyph_to_unicode(program: &[u8]) -> Option<BTreeMap<u16, char>> {
    let face = ttf_parser::RawFace::parse(program, 0).ok()?;
    let cmap = ttf_parser::cmap::Table::parse(face.table(ttf_parser::Tag::from_bytes(b"cmap"))?)?;
    let subtables: Vec<_> = cmap
        .subtables
        .into_iter()
        .filter(|s| s.is_unicode())
        .collect();
    if subtables.is_empty() {
        return None;
    }
    let mut out = BTreeMap::new();
    for cp in 0x20u32..=0xFFFF {
        let Some(c) = char::from_u32(cp).filter(|c| !c.is_control()) else {
            continue;
        };
        for s in &subtables {
            if let Some(gid) = s.glyph_index(cp) {
                if gid.0 != 0 {
                    out.entry(gid.0).or_insert(c);
                }
                break;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_font_gives_no_map() {
        assert_eq!(glyph_to_unicode(b"geen lettertype"), None);
        assert_eq!(glyph_to_unicode(&[]), None);
    }
}
