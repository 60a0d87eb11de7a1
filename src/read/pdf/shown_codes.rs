//! The two-byte codes a document's text operators show, so that a ToUnicode map made for a CID
//! font (`collection_unicode`, `truetype_unicode`) holds only the codes that are used.
//!
//! Why: pdf-extract parses a font's ToUnicode CMap again on every page that uses the font (its
//! font cache is cleared per page), with `adobe-cmap-parser`, whose parser formats an error
//! message for every alternative it tries. A whole collection's table is about 17,000 to 30,000
//! entries (`Adobe-Japan1`: 16,876), which costs ~160 ms per page: pdfminer's
//! `nlp2004slides.pdf` (31 pages, one Japanese font) took 5.2 s where pdftotext takes 0.13 s.
//! The codes shown are found by decoding the content streams once with lopdf.
//!
//! Two bytes at each even offset of every string shown (`Tj`, `TJ`, `'`, `"`) in the page
//! contents and in every stream with a `/BBox` (form XObjects, annotation appearances, tiling
//! patterns): a two-byte font reads its strings in pairs from the start. Strings of one-byte
//! fonts add pairs that no map entry uses, which only costs their count. Past
//! [`MAX_CONTENT_BYTES`] of content the answer is "unknown" and the maps stay whole: slower,
//! never wrong.

use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Content bytes decoded at most to learn the codes in use.
const MAX_CONTENT_BYTES: usize = 64 << 20;

/// The codes shown, found on first use: most documents need no generated map.
#[derive(Default)]
pub struct ShownCodes(Option<Option<HashSet<u16>>>);

impl ShownCodes {
    /// As if every code were shown (tests of the maps themselves).
    #[cfg(test)]
    pub fn all() -> Self {
        ShownCodes(Some(None))
    }

    /// As if exactly these codes were shown.
    #[cfg(test)]
    pub fn only(codes: impl IntoIterator<Item = u16>) -> Self {
        ShownCodes(Some(Some(codes.into_iter().collect())))
    }

    /// Keep in `map` only the codes `doc` shows (all of them when that is unknown).
    pub fn restrict<T>(&mut self, doc: &Document, map: &mut BTreeMap<u16, T>) {
        if let Some(codes) = self.0.get_or_insert_with(|| shown_two_byte_codes(doc)) {
            map.retain(|code, _| codes.contains(code));
        }
    }
}

/// Every two-byte code shown in the document, or None when there is more content than
/// [`MAX_CONTENT_BYTES`] (then every code counts as shown).
pub fn shown_two_byte_codes(doc: &Document) -> Option<HashSet<u16>> {
    let mut streams: BTreeSet<ObjectId> = BTreeSet::new();
    for page in doc.get_pages().into_values() {
        streams.extend(doc.get_page_contents(page));
    }
    for (id, object) in &doc.objects {
        if let Object::Stream(s) = object {
            if s.dict.has(b"BBox") {
                streams.insert(*id);
            }
        }
    }
    let mut codes = HashSet::new();
    let mut budget = MAX_CONTENT_BYTES;
    for id in streams {
        let Some(Object::Stream(stream)) = doc.objects.get(&id) else {
            continue;
        };
        let Ok(data) = stream.get_plain_content() else {
            continue;
        };
        budget = budget.checked_sub(data.len())?;
        // A stream lopdf cannot decode is one pdf-extract cannot read either.
        let Ok(content) = Content::decode(&data) else {
            continue;
        };
        for op in &content.operations {
            let shown = match op.operator.as_str() {
                "Tj" | "'" | "\"" => op.operands.last().into_iter().collect::<Vec<_>>(),
                "TJ" => match op.operands.first() {
                    Some(Object::Array(items)) => items.iter().collect(),
                    _ => Vec::new(),
                },
                _ => continue,
            };
            for object in shown {
                if let Object::String(bytes, _) = object {
                    codes.extend(
                        bytes
                            .chunks_exact(2)
                            .map(|pair| u16::from_be_bytes([pair[0], pair[1]])),
                    );
                }
            }
        }
    }
    Some(codes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    #[test]
    fn codes_from_page_contents_and_forms_but_not_from_other_streams() {
        let mut doc = Document::with_version("1.7");
        let page_content = doc.add_object(Stream::new(
            dictionary! {},
            b"BT /F1 12 Tf <034B0001> Tj [<0D2A> -120 <0001>] TJ (AB) ' ET".to_vec(),
        ));
        doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()] },
            b"BT /F1 12 Tf <04B0> Tj ET".to_vec(),
        ));
        // A stream that is neither page content nor a form: its bytes show nothing.
        doc.add_object(Stream::new(
            dictionary! {},
            b"BT /F1 12 Tf <7777> Tj ET".to_vec(),
        ));
        super::super::objects::with_one_page(&mut doc, dictionary! { "Contents" => page_content });
        let codes = shown_two_byte_codes(&doc).expect("small document");
        let mut got: Vec<u16> = codes.into_iter().collect();
        got.sort_unstable();
        // 0x034B, 0x0001, 0x0D2A, "AB" = 0x4142, and the form's 0x04B0.
        assert_eq!(got, [0x0001, 0x034B, 0x04B0, 0x0D2A, 0x4142]);
    }
}
