//! CID font widths given as ranges (`c_first c_last w`) spelled out as lists, before pdf-extract
//! reads the page.
//!
//! Why: a CID font's `/W` array mixes two forms (ISO 32000-1, 9.7.4.3): `c [w1 w2 …]` (widths of
//! consecutive CIDs from `c`) and `c_first c_last w` (one width for every CID in the range, both
//! ends included). pdf-extract 0.12 reads the second form wrongly (`c_last` and `w` are both taken
//! from `c_first`, and the range excludes its end), so those CIDs get the font's default width.
//! Chromium writes the range form for runs of equal widths (`68 69 556.15 81 84 556.15`), so in a
//! plan printed from a browser every `a`, `o` or `p` was too narrow or too wide, and words broke
//! in two ("gra ssho p p er", pdfplumber's issue-463 sample) or ran together. Writing each range as
//! the list form gives pdf-extract the same widths the font declares.
//!
//! A range is spelled out only up to [`MAX_CID`]: CIDs are 16-bit in every CMap the readers know,
//! and a range up to 2³¹ in a crafted file must not allocate a list that large. All ranges of a
//! document together are spelled out to at most [`MAX_ENTRIES`] widths (many fonts, or one font
//! with the same full range many times, would otherwise multiply that); ranges past the budget
//! are dropped, so those CIDs get the default width, as pdf-extract gave them before.

use lopdf::{Dictionary, Document, Object};

/// The highest CID a range is spelled out to.
const MAX_CID: i64 = 0xFFFF;
/// Widths spelled out per document, over all fonts and ranges (16 full 16-bit fonts).
const MAX_ENTRIES: usize = 16 << 16;

/// Rewrite the `/W` array of every CIDFont dictionary in `doc` (indirect objects, and descendant
/// fonts written inline in their Type0 font) into the list form.
pub fn spell_out_width_ranges(doc: &mut Document) {
    let mut budget = MAX_ENTRIES;
    let ids: Vec<_> = doc.objects.keys().copied().collect();
    for id in ids {
        // Resolve a `/W` given as a reference first (it is read from the document, so the borrow
        // of the font dictionary must end before).
        let w_ref = match doc.objects.get(&id) {
            Some(Object::Dictionary(d)) if is_cid_font(d) => match d.get(b"W") {
                Ok(Object::Reference(r)) => Some(*r),
                _ => None,
            },
            _ => None,
        };
        let resolved = w_ref.and_then(|r| match doc.objects.get(&r) {
            Some(Object::Array(a)) => Some(a.clone()),
            _ => None,
        });
        let Some(Object::Dictionary(d)) = doc.objects.get_mut(&id) else {
            continue;
        };
        if is_cid_font(d) {
            if let Some(a) = resolved {
                d.set("W", Object::Array(a));
            }
            rewrite_font(d, &mut budget);
        } else if let Ok(Object::Array(descendants)) = d.get_mut(b"DescendantFonts") {
            for f in descendants.iter_mut() {
                if let Object::Dictionary(f) = f {
                    if is_cid_font(f) {
                        rewrite_font(f, &mut budget);
                    }
                }
            }
        }
    }
}

fn is_cid_font(d: &Dictionary) -> bool {
    matches!(
        d.get(b"Subtype").and_then(Object::as_name),
        Ok(b"CIDFontType0") | Ok(b"CIDFontType2")
    )
}

fn rewrite_font(d: &mut Dictionary, budget: &mut usize) {
    let Ok(Object::Array(w)) = d.get(b"W") else {
        return;
    };
    if let Some(list) = spelled_out(w, budget) {
        d.set("W", Object::Array(list));
    }
}

/// The `/W` array in the list form only, spelling out at most `budget` widths (which it lowers);
/// `None` when it has no range (nothing to do) or does not follow the grammar (left as it is:
/// pdf-extract's own handling then stands).
fn spelled_out(w: &[Object], budget: &mut usize) -> Option<Vec<Object>> {
    let mut out = Vec::with_capacity(w.len());
    let mut changed = false;
    let mut i = 0;
    while i < w.len() {
        let first = w[i].as_i64().ok()?;
        match w.get(i + 1)? {
            Object::Array(list) => {
                out.push(Object::Integer(first));
                out.push(Object::Array(list.clone()));
                i += 2;
            }
            last => {
                let last = last.as_i64().ok()?;
                let width = w.get(i + 2)?;
                if !matches!(width, Object::Integer(_) | Object::Real(_)) {
                    return None;
                }
                let (from, to) = (first.max(0), last.min(MAX_CID));
                if from <= to {
                    let n = usize::try_from(to - from + 1).ok()?.min(*budget);
                    if n > 0 {
                        *budget -= n;
                        out.push(Object::Integer(from));
                        out.push(Object::Array(vec![width.clone(); n]));
                    }
                }
                changed = true;
                i += 3;
            }
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[i64]) -> Vec<Object> {
        v.iter().map(|n| Object::Integer(*n)).collect()
    }

    #[test]
    fn ranges_become_lists_with_both_ends_included() {
        // From Chromium's output in pdfplumber's issue-463 sample: `20 34 556.15234`.
        let mut w = ints(&[3]);
        w.push(Object::Array(ints(&[278, 355])));
        w.extend(ints(&[20, 22]));
        w.push(Object::Real(556.15234));
        let mut budget = MAX_ENTRIES;
        let out = spelled_out(&w, &mut budget).expect("a range to spell out");
        assert_eq!(out.len(), 4);
        assert_eq!(out[0], Object::Integer(3));
        assert_eq!(out[1], Object::Array(ints(&[278, 355])));
        assert_eq!(out[2], Object::Integer(20));
        assert_eq!(out[3], Object::Array(vec![Object::Real(556.15234); 3]));
    }

    #[test]
    fn lists_only_or_broken_arrays_are_left_alone() {
        let mut w = ints(&[3]);
        w.push(Object::Array(ints(&[278])));
        let mut budget = MAX_ENTRIES;
        assert_eq!(spelled_out(&w, &mut budget), None);
        // A range without its width: not the grammar.
        assert_eq!(spelled_out(&ints(&[20, 34]), &mut budget), None);
        assert_eq!(
            spelled_out(&[Object::Name(b"W".to_vec())], &mut budget),
            None
        );
        assert_eq!(budget, MAX_ENTRIES);
    }

    #[test]
    fn a_crafted_range_is_cut_at_the_highest_cid() {
        let mut budget = MAX_ENTRIES;
        let out =
            spelled_out(&ints(&[0, i64::from(i32::MAX), 500]), &mut budget).expect("spelled out");
        let Object::Array(list) = &out[1] else {
            panic!("{out:?}")
        };
        assert_eq!(list.len(), 0x10000);
        assert_eq!(budget, MAX_ENTRIES - 0x10000);
        // A range entirely above the CIDs is dropped, not spelled out.
        assert_eq!(
            spelled_out(&ints(&[0x20000, 0x30000, 500]), &mut budget),
            Some(Vec::new())
        );
        // The same full range a thousand times: spelled out only up to the document's budget.
        let many: Vec<i64> = (0..1000).flat_map(|_| [0, 0xFFFF, 500]).collect();
        let mut budget = MAX_ENTRIES;
        let out = spelled_out(&ints(&many), &mut budget).expect("spelled out");
        let total: usize = out
            .iter()
            .map(|o| match o {
                Object::Array(a) => a.len(),
                _ => 0,
            })
            .sum();
        assert_eq!(total, MAX_ENTRIES);
        assert_eq!(budget, 0);
    }

    #[test]
    fn fonts_in_the_document_are_rewritten_inline_and_by_reference() {
        let mut doc = Document::with_version("1.7");
        let w_id = doc.add_object(Object::Array({
            let mut w = ints(&[68, 69]);
            w.push(Object::Integer(556));
            w
        }));
        let mut cid = Dictionary::new();
        cid.set("Type", Object::Name(b"Font".to_vec()));
        cid.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
        cid.set("W", Object::Reference(w_id));
        let cid_id = doc.add_object(Object::Dictionary(cid.clone()));
        let mut inline = cid.clone();
        inline.set("W", Object::Array(ints(&[81, 84, 600])));
        let mut type0 = Dictionary::new();
        type0.set("Subtype", Object::Name(b"Type0".to_vec()));
        type0.set(
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(inline)]),
        );
        let t0_id = doc.add_object(Object::Dictionary(type0));

        spell_out_width_ranges(&mut doc);

        let w_of = |d: &Dictionary| d.get(b"W").cloned().expect("W");
        let cid = doc.get_dictionary(cid_id).expect("cid font");
        assert_eq!(
            w_of(cid),
            Object::Array(vec![Object::Integer(68), Object::Array(ints(&[556, 556]))])
        );
        let t0 = doc.get_dictionary(t0_id).expect("type0 font");
        let Ok(Object::Array(d)) = t0.get(b"DescendantFonts") else {
            panic!("descendants")
        };
        let Object::Dictionary(inline) = &d[0] else {
            panic!("inline")
        };
        assert_eq!(
            w_of(inline),
            Object::Array(vec![
                Object::Integer(81),
                Object::Array(ints(&[600, 600, 600, 600]))
            ])
        );
    }
}
