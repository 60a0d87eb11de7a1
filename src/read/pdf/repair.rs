//! Rebuilding a broken cross-reference table, the way mature readers do (poppler's
//! `XRef::constructXRef`, pdf.js's `XRef.indexObjects`, pypdf's non-strict mode): when the
//! `startxref` offset, the xref table or the trailer cannot be parsed, the file is scanned for
//! `N G obj` headers and a new table is appended that points at them. The later of two
//! definitions of one object wins, as in an incremental update.
//!
//! Why here and not in lopdf: lopdf 0.42 has a lenient mode for object syntax but no xref
//! reconstruction; a PDF saved by a tool that miscounted offsets (pdfminer's `simple1.pdf`,
//! pypdf's `toy.pdf`, hand-edited files) was refused as "geen geldig PDF" although poppler reads
//! it. The scan is one pass over the bytes (a regex without backtracking), and the new table
//! writes each object as its own subsection, so a hostile object number costs nothing.
//!
//! Objects inside object streams are not found by the scan; a file whose objects all sit in
//! object streams stays unreadable with lopdf's own reason.

use regex::bytes::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static OBJ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)(?:^|[\r\n\t \x0C\x00])([0-9]{1,10})[\r\n\t \x0C\x00]+([0-9]{1,5})[\r\n\t \x0C\x00]+obj\b")
        .expect("vaste reguliere expressie")
});
static ROOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)/Root[\r\n\t \x0C\x00]*([0-9]{1,10})[\r\n\t \x0C\x00]+([0-9]{1,5})[\r\n\t \x0C\x00]+R")
        .expect("vaste reguliere expressie")
});
static INFO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)/Info[\r\n\t \x0C\x00]*([0-9]{1,10})[\r\n\t \x0C\x00]+([0-9]{1,5})[\r\n\t \x0C\x00]+R")
        .expect("vaste reguliere expressie")
});
static CATALOG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)/Type[\r\n\t \x0C\x00]*/Catalog\b").expect("vaste reguliere expressie")
});

fn number<T: std::str::FromStr>(m: Option<regex::bytes::Match>) -> Option<T> {
    std::str::from_utf8(m?.as_bytes()).ok()?.parse().ok()
}

/// The file from its `%PDF-` header on, when something precedes the header (Ghostscript's log
/// written into the file by a script, a mail client's leftovers). `None` when the header is at
/// the start or not in the first 64 KB.
pub fn after_junk(bytes: &[u8]) -> Option<&[u8]> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let at = head.windows(5).position(|w| w == b"%PDF-")?;
    (at > 0).then(|| &bytes[at..])
}

/// `bytes` with a rebuilt xref table and trailer appended, or `None` when the scan finds no
/// objects or no document catalog.
///
/// Only a file that ends with `%%EOF` is rebuilt: a file cut off before its end (a half-saved
/// attachment) is missing content, and reading what is left would register an incomplete plan
/// without saying so; it stays unreadable and the WSV is asked for a new file.
pub fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return None;
    }
    // Object number → (generation, offset of the number).
    let mut objects: BTreeMap<u32, (u16, usize)> = BTreeMap::new();
    let mut starts: Vec<(usize, u32)> = Vec::new();
    for c in OBJ.captures_iter(bytes) {
        let (Some(whole), Some(num)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let (Some(n), Some(g)) = (number::<u32>(Some(num)), number::<u16>(c.get(2))) else {
            continue;
        };
        if n == 0 {
            continue;
        }
        objects.insert(n, (g, num.start()));
        starts.push((whole.start(), n));
    }
    if objects.is_empty() {
        return None;
    }
    // The catalog: the last /Root reference that names an object we found, else an object
    // whose dictionary says /Type /Catalog.
    let root = ROOT
        .captures_iter(bytes)
        .filter_map(|c| Some((number::<u32>(c.get(1))?, number::<u16>(c.get(2))?)))
        .filter(|(n, _)| objects.contains_key(n))
        .last()
        .or_else(|| {
            let at = CATALOG.find_iter(bytes).last()?.start();
            let n = starts
                .iter()
                .take_while(|(start, _)| *start <= at)
                .last()?
                .1;
            Some((n, objects.get(&n)?.0))
        })?;
    let info = INFO
        .captures_iter(bytes)
        .filter_map(|c| Some((number::<u32>(c.get(1))?, number::<u16>(c.get(2))?)))
        .filter(|(n, _)| objects.contains_key(n))
        .last();
    let mut out = bytes.to_vec();
    out.extend_from_slice(b"\n");
    let xref_at = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
    for (n, (g, off)) in &objects {
        out.extend_from_slice(format!("{n} 1\n{off:010} {g:05} n \n").as_bytes());
    }
    let size = objects.keys().next_back().map_or(1, |n| u64::from(*n) + 1);
    let mut trailer = format!("trailer\n<< /Size {size} /Root {} {} R", root.0, root.1);
    if let Some((n, g)) = info {
        trailer.push_str(&format!(" /Info {n} {g} R"));
    }
    trailer.push_str(&format!(" >>\nstartxref\n{xref_at}\n%%EOF\n"));
    out.extend_from_slice(trailer.as_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_found_and_the_catalog_named() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\nxref\ngarbage\n%%EOF\n";
        let fixed = rebuild_xref(pdf).unwrap_or_default();
        let text = String::from_utf8_lossy(&fixed);
        assert!(text.contains("1 1\n0000000009 00000 n \n"), "{text}");
        assert!(text.contains("2 1\n0000000058 00000 n \n"), "{text}");
        assert!(text.contains("/Size 3 /Root 1 0 R"), "{text}");
        assert!(lopdf::Document::load_mem(&fixed).is_ok());
        assert_eq!(rebuild_xref(b"%PDF-1.4\nno objects at all\n%%EOF\n"), None);
        // Cut off before its end: not rebuilt.
        assert_eq!(rebuild_xref(&pdf[..pdf.len() - 20]), None);
    }

    #[test]
    fn text_before_the_header_is_skipped() {
        assert_eq!(
            after_junk(b"GPL Ghostscript 10.02.0\nPage 1\n%PDF-1.7\n1 0 obj"),
            Some(&b"%PDF-1.7\n1 0 obj"[..])
        );
        assert_eq!(after_junk(b"%PDF-1.7\n"), None);
        assert_eq!(after_junk(b"geen pdf"), None);
    }
}
