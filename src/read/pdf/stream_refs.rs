//! A stream's `/Filter` and `/DecodeParms` given as indirect references, written in place before
//! the streams are decoded.
//!
//! Why: the PDF specification allows any dictionary value to be an indirect reference, and some
//! producers write `/Filter 3 0 R` (pdfminer's issue-1062 sample, a Dutch supplier's invoice).
//! lopdf 0.42 decodes a stream only when `/Filter` is a name or an array of names, so such a page's
//! content stayed compressed, pdf-extract found no text in it, and the file was called a scan
//! while poppler reads it. Resolving the reference first gives lopdf the filter it names.

use lopdf::{Document, Object};

/// Write every stream's indirect `/Filter` and `/DecodeParms` (and indirect entries of their
/// arrays) in place.
pub fn inline_filter_refs(doc: &mut Document) {
    let mut updates: Vec<(lopdf::ObjectId, &'static str, Object)> = Vec::new();
    for (id, obj) in &doc.objects {
        let Object::Stream(s) = obj else { continue };
        for key in ["Filter", "DecodeParms"] {
            let Ok(value) = s.dict.get(key.as_bytes()) else {
                continue;
            };
            if let Some(direct) = direct(doc, value) {
                updates.push((*id, key, direct));
            }
        }
    }
    for (id, key, value) in updates {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
            s.dict.set(key, value);
        }
    }
}

/// `value` with its references resolved (itself, or its array's entries); `None` when it has
/// none (nothing to change) or one does not resolve (left as it is).
fn direct(doc: &Document, value: &Object) -> Option<Object> {
    match value {
        Object::Reference(_) => {
            let resolved = resolve(doc, value)?;
            // The resolved value may be an array with references of its own.
            Some(direct(doc, &resolved).unwrap_or(resolved))
        }
        Object::Array(items) if items.iter().any(|i| matches!(i, Object::Reference(_))) => {
            Some(Object::Array(
                items
                    .iter()
                    .map(|i| resolve(doc, i).unwrap_or_else(|| i.clone()))
                    .collect(),
            ))
        }
        _ => None,
    }
}

/// `value` behind its references, or `None` when one leads nowhere.
fn resolve(doc: &Document, value: &Object) -> Option<Object> {
    match super::objects::resolve(doc, value) {
        Object::Reference(_) => None,
        other => Some(other.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Dictionary, Stream};

    #[test]
    fn a_filter_by_reference_is_written_in_place_and_the_stream_decodes() {
        let mut doc = Document::with_version("1.4");
        let filters = doc.add_object(Object::Array(vec![Object::Name(b"FlateDecode".to_vec())]));
        // Long and repetitive, so that compressing makes it shorter (lopdf keeps it plain otherwise).
        let text = b"BT (Tekst) Tj ET ".repeat(40);
        let mut plain = Stream::new(Dictionary::new(), text.clone());
        plain.compress().expect("comprimeren");
        assert!(plain.content.len() < text.len());
        let mut dict = plain.dict.clone();
        dict.set("Filter", Object::Reference(filters));
        let id = doc.add_object(Object::Stream(Stream::new(dict, plain.content.clone())));
        inline_filter_refs(&mut doc);
        let Ok(Object::Stream(s)) = doc.get_object(id) else {
            panic!("stream")
        };
        assert_eq!(
            s.dict.get(b"Filter").ok(),
            Some(&Object::Array(vec![Object::Name(b"FlateDecode".to_vec())]))
        );
        assert_eq!(s.decompressed_content().expect("decodeert"), text);
    }

    #[test]
    fn a_reference_cycle_or_a_missing_object_is_left_alone() {
        let mut doc = Document::with_version("1.4");
        let a = doc.new_object_id();
        let b = doc.new_object_id();
        doc.objects.insert(a, Object::Reference(b));
        doc.objects.insert(b, Object::Reference(a));
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Reference(a));
        dict.set("DecodeParms", Object::Reference((999, 0)));
        let id = doc.add_object(Object::Stream(Stream::new(dict, Vec::new())));
        inline_filter_refs(&mut doc);
        let Ok(Object::Stream(s)) = doc.get_object(id) else {
            panic!("stream")
        };
        assert_eq!(s.dict.get(b"Filter").ok(), Some(&Object::Reference(a)));
        assert_eq!(
            s.dict.get(b"DecodeParms").ok(),
            Some(&Object::Reference((999, 0)))
        );
    }
}
