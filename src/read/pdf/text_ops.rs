//! The text operators `'` and `"` spelled out as the operators they stand for, before pdf-extract
//! reads the page.
//!
//! Why: pdf-extract (0.12) does not know `'` ("next line, show text") and `"` ("set word and
//! character spacing, next line, show text"), so it skips them: their text is lost and, because
//! the line move is lost with it, every later line of the text object lands one line too high.
//! Ghostscript's pdfwrite writes `'` for lines that follow each other at the leading (a plan
//! re-written by `gs -sDEVICE=pdfwrite`, as print-to-PDF tools do: the last rows of the themes
//! table then merged with the heading under the table). The PDF specification (ISO 32000-1,
//! 9.4.3) defines `'` as `T* string Tj` and `aw ac string "` as `aw Tw ac Tc string '`, so the
//! rewrite is exact.
//!
//! Only content streams that contain such an operator are decoded and rewritten (a quick byte scan
//! first: most PDFs have none), page contents and Form XObjects alike.

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, ObjectId};

/// Rewrite every page content stream and Form XObject of `doc` that uses `'` or `"`.
pub fn spell_out_quotes(doc: &mut Document) {
    let mut ids: Vec<ObjectId> = Vec::new();
    for (_, page) in doc.get_pages() {
        ids.extend(doc.get_page_contents(page));
    }
    for (id, obj) in &doc.objects {
        if let Object::Stream(s) = obj {
            if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form") {
                ids.push(*id);
            }
        }
    }
    ids.sort();
    ids.dedup();
    for id in ids {
        let Ok(Object::Stream(stream)) = doc.get_object(id) else {
            continue;
        };
        let Ok(data) = stream.decompressed_content() else {
            continue;
        };
        if !data.iter().any(|b| *b == b'\'' || *b == b'"') {
            continue;
        }
        let Some(rewritten) = rewrite(&data) else {
            continue;
        };
        if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
            stream.set_content(rewritten);
        }
    }
}

/// The content stream with `'` and `"` replaced; `None` when it has neither or does not decode
/// (then pdf-extract gets it as it was).
fn rewrite(data: &[u8]) -> Option<Vec<u8>> {
    let content = Content::decode(data).ok()?;
    if !content
        .operations
        .iter()
        .any(|o| o.operator == "'" || o.operator == "\"")
    {
        return None;
    }
    let mut ops = Vec::with_capacity(content.operations.len() + 8);
    for op in content.operations {
        match (op.operator.as_str(), op.operands.as_slice()) {
            ("'", [text]) => {
                ops.push(Operation::new("T*", vec![]));
                ops.push(Operation::new("Tj", vec![text.clone()]));
            }
            ("\"", [aw, ac, text]) => {
                ops.push(Operation::new("Tw", vec![aw.clone()]));
                ops.push(Operation::new("Tc", vec![ac.clone()]));
                ops.push(Operation::new("T*", vec![]));
                ops.push(Operation::new("Tj", vec![text.clone()]));
            }
            _ => ops.push(op),
        }
    }
    Content { operations: ops }.encode().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, usize)> {
        Content::decode(data)
            .unwrap()
            .operations
            .into_iter()
            .map(|o| (o.operator, o.operands.len()))
            .collect()
    }

    #[test]
    fn quote_operators_become_next_line_and_show_text() {
        let src = b"BT /F1 10 Tf 12 TL 72 700 Td (Rij 7) Tj (Inwonersparticipatie) ' 2 0.5 (8. \\205) \" ET";
        let out = rewrite(src).expect("herschreven");
        let names: Vec<String> = ops(&out).into_iter().map(|(o, _)| o).collect();
        assert_eq!(
            names,
            ["BT", "Tf", "TL", "Td", "Tj", "T*", "Tj", "Tw", "Tc", "T*", "Tj", "ET"]
        );
        let content = Content::decode(&out).unwrap();
        assert_eq!(
            content.operations[6].operands[0].as_str().unwrap(),
            b"Inwonersparticipatie"
        );
        assert_eq!(content.operations[7].operands[0].as_float().unwrap(), 2.0);
        assert_eq!(content.operations[8].operands[0].as_float().unwrap(), 0.5);
    }

    #[test]
    fn streams_without_them_are_left_alone() {
        // An apostrophe inside a string is text, not the operator.
        assert_eq!(rewrite(b"BT (WSV's) Tj ET"), None);
        assert_eq!(rewrite(b"BT (a) Tj"), None);
    }
}
