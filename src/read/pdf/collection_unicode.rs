//! A CID font of one of Adobe's character collections (Japanese, simplified and traditional
//! Chinese, Korean) with `Identity-H`/`-V` encoding and no `/ToUnicode` gets one, made from the
//! collection's own CID → Unicode table, before pdf-extract reads the page.
//!
//! Why: in such a font the character codes are CIDs, and a CID's meaning is fixed by the
//! collection named in the font's `/CIDSystemInfo` (`Adobe-Japan1` CID 843 is always "あ"),
//! whether or not the font is embedded. Poppler reads such text through its `cidToUnicode`
//! tables (poppler-data), pdf.js through Adobe's `Adobe-Japan1-UCS2` CMaps. pdf-extract has no
//! such tables and decodes every glyph to nothing: pdfminer's `kampo.pdf` (Japanese in
//! `Ryumin-Light` and `GothicBBB-Medium`, not embedded) read as an empty page.
//!
//! The tables come from `hayro-cmap` (the CMap crate of the hayro PDF renderer, no unsafe code,
//! with Adobe's CMap resources compressed inside: about 250 kB in the binary). Each collection's
//! table is asked for the 65,536 two-byte codes once per document and written as one shared
//! ToUnicode stream, with only the codes the document shows (`shown_codes`: pdf-extract parses
//! the stream again on every page); fonts of the collection point to it. Fonts of
//! `Adobe-Identity` or another ordering are left to `truetype_unicode` (the font program's own
//! `cmap`).

use super::objects::resolve;
use super::shown_codes::ShownCodes;
use hayro_cmap::{BfString, CMap, CidFamily};
use lopdf::{Document, Object, ObjectId};
use std::collections::{BTreeMap, HashMap};

/// Give every Type0 font with identity encoding, no `/ToUnicode` and a known Adobe collection
/// the collection's map (one stream per collection). Returns how many fonts got one.
pub fn from_collections(doc: &mut Document, shown: &mut ShownCodes) -> usize {
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    let mut streams: HashMap<String, Option<ObjectId>> = HashMap::new();
    let mut done = 0;
    for id in ids {
        let Some(Object::Dictionary(font)) = doc.objects.get(&id) else {
            continue;
        };
        if font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0")
            || font.has(b"ToUnicode")
            || !matches!(
                font.get(b"Encoding").and_then(Object::as_name),
                Ok(b"Identity-H") | Ok(b"Identity-V")
            )
        {
            continue;
        }
        let Some((registry, ordering)) = collection(doc, font) else {
            continue;
        };
        let key = format!(
            "{}-{}",
            String::from_utf8_lossy(&registry),
            String::from_utf8_lossy(&ordering)
        );
        let stream = match streams.get(&key) {
            Some(s) => *s,
            None => {
                let s = cid_to_unicode(&registry, &ordering)
                    .map(|mut map| {
                        shown.restrict(doc, &mut map);
                        map
                    })
                    .filter(|map| !map.is_empty())
                    .map(|map| doc.add_object(super::identity_unicode::bfchar_cmap(&map)));
                streams.insert(key, s);
                s
            }
        };
        let Some(stream) = stream else {
            continue;
        };
        if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
            font.set("ToUnicode", Object::Reference(stream));
            done += 1;
        }
    }
    done
}

/// The `/Registry` and `/Ordering` of the font's descendant CID font.
fn collection(doc: &Document, font: &lopdf::Dictionary) -> Option<(Vec<u8>, Vec<u8>)> {
    let Object::Array(descendants) = resolve(doc, font.get(b"DescendantFonts").ok()?) else {
        return None;
    };
    let Object::Dictionary(cid_font) = resolve(doc, descendants.first()?) else {
        return None;
    };
    let Object::Dictionary(info) = resolve(doc, cid_font.get(b"CIDSystemInfo").ok()?) else {
        return None;
    };
    let text = |key: &[u8]| match resolve(doc, info.get(key).ok()?) {
        Object::String(s, _) => Some(s.clone()),
        Object::Name(n) => Some(n.clone()),
        _ => None,
    };
    Some((text(b"Registry")?, text(b"Ordering")?))
}

/// CID → Unicode for one of Adobe's collections, from its `Adobe-<ordering>-UCS2` table; None
/// for any other collection.
fn cid_to_unicode(registry: &[u8], ordering: &[u8]) -> Option<BTreeMap<u16, String>> {
    let name = CidFamily::from_registry_ordering(registry, ordering).ucs2_cmap()?;
    let cmap = CMap::parse(hayro_cmap::load_embedded(name)?, hayro_cmap::load_embedded)?;
    let mut out = BTreeMap::new();
    for cid in 0..=u16::MAX {
        let text = match cmap.lookup_bf_string(u32::from(cid)) {
            Some(BfString::Char(c)) => c.to_string(),
            Some(BfString::String(s)) => s,
            None => continue,
        };
        if !text.is_empty() && !text.chars().any(char::is_control) {
            out.insert(cid, text);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Dictionary;

    fn font(doc: &mut Document, registry: &str, ordering: &str, encoding: &str) -> ObjectId {
        let mut info = Dictionary::new();
        info.set("Registry", Object::string_literal(registry));
        info.set("Ordering", Object::string_literal(ordering));
        info.set("Supplement", Object::Integer(2));
        let info = doc.add_object(info);
        let mut cid_font = Dictionary::new();
        cid_font.set("Type", Object::Name(b"Font".to_vec()));
        cid_font.set("Subtype", Object::Name(b"CIDFontType0".to_vec()));
        cid_font.set("BaseFont", Object::Name(b"Ryumin-Light".to_vec()));
        cid_font.set("CIDSystemInfo", Object::Reference(info));
        let cid_font = doc.add_object(cid_font);
        let mut f = Dictionary::new();
        f.set("Type", Object::Name(b"Font".to_vec()));
        f.set("Subtype", Object::Name(b"Type0".to_vec()));
        f.set("Encoding", Object::Name(encoding.as_bytes().to_vec()));
        f.set(
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid_font)]),
        );
        doc.add_object(f)
    }

    fn to_unicode(doc: &Document, id: ObjectId) -> Option<ObjectId> {
        doc.get_dictionary(id)
            .ok()?
            .get(b"ToUnicode")
            .ok()?
            .as_reference()
            .ok()
    }

    #[test]
    fn japanese_cids_read_as_the_collection_defines_them() {
        let mut doc = Document::with_version("1.4");
        let h = font(&mut doc, "Adobe", "Japan1", "Identity-H");
        let v = font(&mut doc, "Adobe", "Japan1", "Identity-V");
        let chinese = font(&mut doc, "Adobe", "GB1", "Identity-H");
        let identity = font(&mut doc, "Adobe", "Identity", "Identity-H");
        let sjis = font(&mut doc, "Adobe", "Japan1", "90ms-RKSJ-H");
        assert_eq!(from_collections(&mut doc, &mut ShownCodes::all()), 3);
        let stream = to_unicode(&doc, h).expect("a map for Japan1");
        assert_eq!(to_unicode(&doc, v), Some(stream), "one map per collection");
        assert!(to_unicode(&doc, chinese).is_some_and(|s| s != stream));
        assert_eq!(to_unicode(&doc, identity), None);
        assert_eq!(to_unicode(&doc, sjis), None);
        // Expected values from poppler-data's /usr/share/poppler/cidToUnicode/Adobe-Japan1
        // (line n is CID n): 34 → U+0041, 843 → U+3042, 1200 → U+4E00.
        let Ok(Object::Stream(s)) = doc.get_object(stream) else {
            panic!("no stream")
        };
        let map = adobe_cmap_parser::get_unicode_map(&s.content).unwrap_or_default();
        assert_eq!(map.get(&34), Some(&vec![0x00, 0x41]));
        assert_eq!(map.get(&843), Some(&vec![0x30, 0x42]));
        assert_eq!(map.get(&1200), Some(&vec![0x4E, 0x00]));
        assert!(map.len() > 15_000, "{} CIDs", map.len());
    }

    #[test]
    fn the_map_holds_only_the_codes_the_document_shows() {
        let mut doc = Document::with_version("1.4");
        let h = font(&mut doc, "Adobe", "Japan1", "Identity-H");
        // CID 843 (あ) and 1200 (一) shown, and a code the collection does not define.
        let mut shown = ShownCodes::only([843, 1200, 0xFFF0]);
        assert_eq!(from_collections(&mut doc, &mut shown), 1);
        let stream = to_unicode(&doc, h).expect("a map");
        let Ok(Object::Stream(s)) = doc.get_object(stream) else {
            panic!("no stream")
        };
        let map = adobe_cmap_parser::get_unicode_map(&s.content).unwrap_or_default();
        let mut codes: Vec<u32> = map.keys().copied().collect();
        codes.sort_unstable();
        assert_eq!(codes, [843, 1200]);
        assert_eq!(map.get(&843), Some(&vec![0x30, 0x42]));
    }

    #[test]
    fn a_font_with_its_own_map_or_a_collection_of_its_own_is_left_alone() {
        let mut doc = Document::with_version("1.4");
        let own = font(&mut doc, "Adobe", "Japan1", "Identity-H");
        if let Ok(d) = doc.get_dictionary_mut(own) {
            d.set("ToUnicode", Object::Reference((999, 0)));
        }
        let custom = font(&mut doc, "Uitgever", "Eigen", "Identity-H");
        assert_eq!(from_collections(&mut doc, &mut ShownCodes::all()), 0);
        assert_eq!(to_unicode(&doc, own), Some((999, 0)));
        assert_eq!(to_unicode(&doc, custom), None);
    }
}
