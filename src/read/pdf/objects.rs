//! Small lookups in a lopdf document shared by the passes that rewrite it before pdf-extract
//! reads it (annotations, forms, filters given by reference, TrueType cmaps).

use lopdf::{Dictionary, Document, Object, ObjectId};

/// How many references in a row are followed (a chain of references pointing at each other
/// must not loop).
const MAX_REFERENCES: usize = 8;

/// The object behind a reference, followed a few steps (a dictionary given by reference). A
/// reference that leads nowhere (or too far) is returned as the reference itself, which no caller
/// takes for a dictionary, array or stream.
pub fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    let mut o = o;
    for _ in 0..MAX_REFERENCES {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return o,
            },
            _ => return o,
        }
    }
    o
}

/// The dictionary under `key` of `d`, followed through references.
pub fn dict_at(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<Dictionary> {
    match resolve(doc, d.get(key).ok()?) {
        Object::Dictionary(d) => Some(d.clone()),
        _ => None,
    }
}

/// The page's resources, inherited from the page tree as pdf-extract looks them up.
pub fn page_resources(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Some(r) = dict_at(doc, node, b"Resources") {
            return Some(r);
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// A simple font (one-byte codes): Type 1, Multiple Master, TrueType or Type 3.
pub fn is_simple_font(d: &Dictionary) -> bool {
    matches!(
        d.get(b"Subtype").and_then(Object::as_name),
        Ok(b"Type1") | Ok(b"MMType1") | Ok(b"TrueType") | Ok(b"Type3")
    )
}

/// Tests: make `page` (a page dictionary without `/Type` and `/Parent`) the one page of `doc`,
/// under a page tree and a catalog. Returns the page's id.
#[cfg(test)]
pub fn with_one_page(doc: &mut Document, mut page: Dictionary) -> ObjectId {
    let pages = doc.new_object_id();
    page.set("Type", Object::Name(b"Page".to_vec()));
    page.set("Parent", Object::Reference(pages));
    page.set(
        "MediaBox",
        Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
    );
    let page = doc.add_object(page);
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Kids", Object::Array(vec![Object::Reference(page)]));
    tree.set("Count", Object::Integer(1));
    doc.objects.insert(pages, Object::Dictionary(tree));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages));
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", catalog);
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_followed_a_bounded_number_of_steps() {
        let mut doc = Document::with_version("1.7");
        let target = doc.add_object(Object::Integer(7));
        let one = doc.add_object(Object::Reference(target));
        assert_eq!(resolve(&doc, &Object::Reference(one)), &Object::Integer(7));
        // A reference to nothing, and two references pointing at each other.
        let nowhere = Object::Reference((999, 0));
        assert_eq!(resolve(&doc, &nowhere), &nowhere);
        let (a, b) = ((500, 0), (501, 0));
        doc.objects.insert(a, Object::Reference(b));
        doc.objects.insert(b, Object::Reference(a));
        assert!(matches!(
            resolve(&doc, &Object::Reference(a)),
            Object::Reference(_)
        ));
    }
}
