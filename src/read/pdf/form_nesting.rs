//! Forms that draw themselves, or nest too deep or too often, cut before pdf-extract reads the
//! page.
//!
//! Why: pdf-extract (0.12) follows every `Do` into the XObject it names, recursively, with no
//! limit. A form that draws itself, directly or through another form (pdf.js `issue19800.pdf`:
//! form X1 draws X0, X0 draws X1), recurses until the stack overflows, which aborts the whole
//! reading process: the file was refused ("het leesproces is afgebroken") although poppler reads
//! it. Forms that each draw the next one twice, 30 deep, would be drawn 2^30 times. Poppler
//! stops at a form already being drawn; this does the same, as pdf-extract will walk the file.
//!
//! What is done: the forms are walked from every page as pdf-extract will (a form's names looked
//! up in its own `/Resources`, or in those of what draws it when it has none). A `Do` that names a
//! form being drawn (a cycle), or that would nest deeper than [`MAX_NESTING`], is removed from
//! the form's content. Past [`MAX_DRAWS`] form draws in one file, or when a form cannot be
//! decoded where it matters, every `Do` inside a form is removed: forms are then drawn only from
//! the page itself. Each cut is counted for a note. Nothing is done to a file without forms in
//! forms (a quick byte scan first).

use super::objects::{dict_at, page_resources};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

/// Forms inside forms: at most this deep (a page draws at depth 1).
pub const MAX_NESTING: usize = 16;
/// Form draws walked per file at most.
const MAX_DRAWS: usize = 50_000;
/// [`MAX_DRAWS`] as a Dutch note writes it.
pub const MAX_DRAWS_NL: &str = "50.000";
const _: () = assert!(MAX_DRAWS == 50_000, "change MAX_DRAWS_NL with it");

/// The `Do` operations of one content stream: (index among its operations, name).
type Draws = Rc<Vec<(usize, Vec<u8>)>>;

/// What was cut.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Cuts {
    /// `Do` operations removed from forms.
    pub removed: usize,
    /// The file had more form draws than [`MAX_DRAWS`]: forms inside forms were all cut.
    pub flattened: bool,
}

/// Cut the `Do` operations of `doc` that pdf-extract could not finish.
pub fn bound_form_nesting(doc: &mut Document) -> Cuts {
    // Only a stream with `Do` in it can nest; most files have no form that draws another.
    let nested = doc.objects.values().any(|o| match o {
        Object::Stream(s) => {
            s.dict.has(b"BBox") && plain(s).is_some_and(|d| d.windows(2).any(|w| w == b"Do"))
        }
        _ => false,
    });
    if !nested {
        return Cuts::default();
    }
    let mut walk = Walk {
        doc,
        draws: HashMap::new(),
        own_resources: HashMap::new(),
        cut: BTreeMap::new(),
        count: 0,
        exhausted: false,
    };
    let pages: Vec<ObjectId> = walk.doc.get_pages().into_values().collect();
    for page in pages {
        if walk.exhausted {
            break;
        }
        let Some(resources) = page_resources(walk.doc, page) else {
            continue;
        };
        let Ok(data) = walk.doc.get_page_content(page) else {
            continue;
        };
        let draws = do_operations(&data);
        walk.from(draws, Rc::new(resources));
    }
    let cut = if walk.exhausted {
        every_form_draw(walk.doc)
    } else {
        walk.cut
    };
    let flattened = walk.exhausted;
    let mut removed = 0;
    for (id, ops) in cut {
        removed += remove_operations(doc, id, &ops);
    }
    Cuts { removed, flattened }
}

struct Walk<'a> {
    doc: &'a Document,
    /// Per form, its `Do` operations (decoded once).
    draws: HashMap<ObjectId, Option<Draws>>,
    /// Per form, its own `/Resources`.
    own_resources: HashMap<ObjectId, Option<Rc<Dictionary>>>,
    /// Per form, the indexes of the `Do` operations to remove.
    cut: BTreeMap<ObjectId, BTreeSet<usize>>,
    count: usize,
    exhausted: bool,
}

/// One content stream being walked: its draws, the next one to look at, the resources its names
/// are looked up in, and the form it is (None for the page).
struct Frame {
    form: Option<ObjectId>,
    draws: Draws,
    next: usize,
    resources: Rc<Dictionary>,
}

impl Walk<'_> {
    /// Walk the forms drawn from one page's content, depth first, with a stack of our own (a
    /// recursion here would overflow where pdf-extract's does).
    fn from(&mut self, draws: Draws, resources: Rc<Dictionary>) {
        let mut stack = vec![Frame {
            form: None,
            draws,
            next: 0,
            resources,
        }];
        while let Some(top) = stack.last_mut() {
            let Some((index, name)) = top.draws.get(top.next).cloned() else {
                stack.pop();
                continue;
            };
            top.next += 1;
            let here = top.form;
            let resources = Rc::clone(&top.resources);
            let Some(target) = self.xobject(&resources, &name) else {
                continue;
            };
            let drawing = stack.iter().any(|f| f.form == Some(target));
            // `stack.len()` is the depth the target would be drawn at.
            if drawing || stack.len() > MAX_NESTING {
                if let Some(form) = here {
                    self.cut.entry(form).or_default().insert(index);
                }
                continue;
            }
            self.count += 1;
            if self.count > MAX_DRAWS {
                self.exhausted = true;
                return;
            }
            let Some(draws) = self.draws_of(target) else {
                continue;
            };
            if draws.is_empty() {
                continue;
            }
            let inner = self.resources_of(target).unwrap_or(resources);
            stack.push(Frame {
                form: Some(target),
                draws,
                next: 0,
                resources: inner,
            });
        }
    }

    /// The stream an XObject name stands for in `resources`.
    fn xobject(&self, resources: &Dictionary, name: &[u8]) -> Option<ObjectId> {
        let xobjects = dict_at(self.doc, resources, b"XObject")?;
        let id = xobjects.get(name).ok()?.as_reference().ok()?;
        matches!(self.doc.objects.get(&id), Some(Object::Stream(_))).then_some(id)
    }

    fn draws_of(&mut self, id: ObjectId) -> Option<Draws> {
        if let Some(d) = self.draws.get(&id) {
            return d.clone();
        }
        let d = match self.doc.objects.get(&id) {
            Some(Object::Stream(s)) => plain(s).map(|data| do_operations(&data)),
            _ => None,
        };
        self.draws.insert(id, d.clone());
        d
    }

    fn resources_of(&mut self, id: ObjectId) -> Option<Rc<Dictionary>> {
        if let Some(r) = self.own_resources.get(&id) {
            return r.clone();
        }
        let r = match self.doc.objects.get(&id) {
            Some(Object::Stream(s)) => dict_at(self.doc, &s.dict, b"Resources").map(Rc::new),
            _ => None,
        };
        self.own_resources.insert(id, r.clone());
        r
    }
}

/// A stream's bytes with its filters undone (as they are when it has none).
fn plain(s: &lopdf::Stream) -> Option<Vec<u8>> {
    match s.decompressed_content() {
        Ok(d) => Some(d),
        Err(_) if s.dict.get(b"Filter").is_err() => Some(s.content.clone()),
        Err(_) => None,
    }
}

/// The `Do` operations of a content stream; none when it does not decode (pdf-extract cannot
/// read it either, so it draws nothing from it).
fn do_operations(data: &[u8]) -> Draws {
    if !data.windows(2).any(|w| w == b"Do") {
        return Rc::new(Vec::new());
    }
    let Ok(content) = Content::decode(data) else {
        return Rc::new(Vec::new());
    };
    Rc::new(
        content
            .operations
            .iter()
            .enumerate()
            .filter(|(_, op)| op.operator == "Do")
            .filter_map(|(i, op)| Some((i, op.operands.first()?.as_name().ok()?.to_vec())))
            .collect(),
    )
}

/// Every `Do` in every form: the fallback when the walk ran out of draws.
fn every_form_draw(doc: &Document) -> BTreeMap<ObjectId, BTreeSet<usize>> {
    let mut cut = BTreeMap::new();
    for (id, o) in &doc.objects {
        if let Object::Stream(s) = o {
            if !s.dict.has(b"BBox") {
                continue;
            }
            if let Some(data) = plain(s) {
                let ops: BTreeSet<usize> = do_operations(&data).iter().map(|(i, _)| *i).collect();
                if !ops.is_empty() {
                    cut.insert(*id, ops);
                }
            }
        }
    }
    cut
}

/// Remove the operations at `indexes` from the stream `id`; returns how many were removed.
fn remove_operations(doc: &mut Document, id: ObjectId, indexes: &BTreeSet<usize>) -> usize {
    let Some(Object::Stream(stream)) = doc.objects.get(&id) else {
        return 0;
    };
    let Some(data) = plain(stream) else {
        return 0;
    };
    let Ok(content) = Content::decode(&data) else {
        return 0;
    };
    let before = content.operations.len();
    let operations: Vec<_> = content
        .operations
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !indexes.contains(i))
        .map(|(_, op)| op)
        .collect();
    let removed = before - operations.len();
    let Ok(encoded) = (Content { operations }).encode() else {
        return 0;
    };
    if let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) {
        stream.dict.remove(b"Filter");
        stream.dict.remove(b"DecodeParms");
        stream.set_content(encoded);
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A one-page document whose page draws form 0; form k draws the forms `draws[k]` names.
    fn document(draws: &[&[usize]]) -> (Document, Vec<ObjectId>) {
        let mut doc = Document::with_version("1.4");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let ids: Vec<ObjectId> = draws.iter().map(|_| doc.new_object_id()).collect();
        for (k, inner) in draws.iter().enumerate() {
            let mut xobjects = Dictionary::new();
            let mut content = format!("BT /F1 12 Tf (Form {k}) Tj ET\n");
            for &j in inner.iter() {
                xobjects.set(format!("X{j}"), Object::Reference(ids[j]));
                content.push_str(&format!("q /X{j} Do Q\n"));
            }
            let stream = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
                    "Resources" => dictionary! {
                        "Font" => dictionary! { "F1" => font },
                        "XObject" => xobjects,
                    },
                },
                content.into_bytes(),
            );
            doc.objects.insert(ids[k], Object::Stream(stream));
        }
        let contents = doc.add_object(Stream::new(dictionary! {}, b"/X0 Do".to_vec()));
        super::super::objects::with_one_page(
            &mut doc,
            dictionary! {
                "Contents" => contents,
                "Resources" => dictionary! { "XObject" => dictionary! { "X0" => ids[0] } },
            },
        );
        (doc, ids)
    }

    fn names_drawn(doc: &Document, id: ObjectId) -> Vec<String> {
        let Some(Object::Stream(s)) = doc.objects.get(&id) else {
            return Vec::new();
        };
        let data = plain(s).unwrap_or_default();
        do_operations(&data)
            .iter()
            .map(|(_, n)| String::from_utf8_lossy(n).into_owned())
            .collect()
    }

    #[test]
    fn a_form_that_draws_itself_through_another_loses_that_draw_only() {
        // pdf.js issue19800: the page draws X0, X0 draws X1, X1 draws X0 again.
        let (mut doc, ids) = document(&[&[1], &[0]]);
        let cuts = bound_form_nesting(&mut doc);
        assert_eq!(
            cuts,
            Cuts {
                removed: 1,
                flattened: false
            }
        );
        assert_eq!(names_drawn(&doc, ids[0]), ["X1"]);
        assert!(names_drawn(&doc, ids[1]).is_empty());
    }

    #[test]
    fn forms_drawn_twice_over_and_over_are_flattened() {
        // Form k draws form k+1 twice, 20 deep: a million draws for pdf-extract. 2^16 > MAX_DRAWS.
        let levels: Vec<Vec<usize>> = (0..20)
            .map(|k| if k < 19 { vec![k + 1, k + 1] } else { vec![] })
            .collect();
        let refs: Vec<&[usize]> = levels.iter().map(Vec::as_slice).collect();
        let (mut doc, ids) = document(&refs);
        let cuts = bound_form_nesting(&mut doc);
        assert!(cuts.flattened);
        assert_eq!(cuts.removed, 38);
        assert!(ids.iter().all(|&id| names_drawn(&doc, id).is_empty()));
    }

    #[test]
    fn a_chain_deeper_than_the_limit_is_cut_at_the_limit() {
        let levels: Vec<Vec<usize>> = (0..24)
            .map(|k| if k < 23 { vec![k + 1] } else { vec![] })
            .collect();
        let refs: Vec<&[usize]> = levels.iter().map(Vec::as_slice).collect();
        let (mut doc, ids) = document(&refs);
        let cuts = bound_form_nesting(&mut doc);
        assert_eq!(cuts.removed, 1);
        // The page draws form 0 at depth 1, so form 15 (depth 16) is the deepest drawn: its
        // draw of form 16 is the one cut.
        assert!(names_drawn(&doc, ids[15]).is_empty());
        assert_eq!(names_drawn(&doc, ids[14]), ["X15"]);
        assert_eq!(names_drawn(&doc, ids[16]), ["X17"]);
    }

    #[test]
    fn forms_without_cycles_are_left_alone() {
        // A diamond: 0 draws 1 and 2, both draw 3.
        let (mut doc, ids) = document(&[&[1, 2], &[3], &[3], &[]]);
        assert_eq!(bound_form_nesting(&mut doc), Cuts::default());
        assert_eq!(names_drawn(&doc, ids[0]), ["X1", "X2"]);
    }
}
