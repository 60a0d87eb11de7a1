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

static STREAM_DICT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)>>[\r\n\t \x0C\x00]*stream(\r\n|\n|\r)").expect("vaste reguliere expressie")
});
static LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)/Length[\r\n\t \x0C\x00]+([0-9]{1,10})(?:[\r\n\t \x0C\x00]+([0-9]{1,5})[\r\n\t \x0C\x00]+R)?")
        .expect("vaste reguliere expressie")
});
static ENDSTREAM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)endstream").expect("vaste reguliere expressie"));
static ENDOBJ: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)endobj").expect("vaste reguliere expressie"));
/// An indirect integer, as a stream's `/Length 3 0 R` points at: `3 0 obj 3580 endobj`.
static INTEGER_OBJ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)(?:^|[\r\n\t \x0C\x00])([0-9]{1,10})[\r\n\t \x0C\x00]+([0-9]{1,5})[\r\n\t \x0C\x00]+obj[\r\n\t \x0C\x00]*([0-9]{1,10})[\r\n\t \x0C\x00]*endobj")
        .expect("vaste reguliere expressie")
});

/// Streams whose `/Length` does not end at their `endstream`, corrected; and how many there were.
/// `None` when every length is right (or none can be corrected).
///
/// Why: lopdf takes `/Length` bytes and then demands `endstream`; a wrong length (a tool that
/// counted before compressing, a hand-edited file, pdfminer's `simple1.pdf`) loses the whole
/// object, so the page's content is gone and the page looks like a scan. poppler (`Lexer`,
/// `Parser::makeStream`) and pdf.js (`Parser.makeStream` → `findStreamLength`) look for
/// `endstream` instead when the length does not lead there; so does this.
///
/// The scan is linear: object by object, it jumps over each stream's data (to its `endstream`),
/// so stream content is never taken for syntax. A corrected length is written in place of the
/// old one, padded with spaces, when it fits (offsets and the xref stay valid, object streams
/// included); otherwise the file is written anew and its xref rebuilt ([`rebuild_xref`]).
pub fn stream_lengths(bytes: &[u8]) -> Option<(Vec<u8>, usize)> {
    // (start, end) of the /Length value to replace, and the true length.
    let mut fixes: Vec<(usize, usize, usize)> = Vec::new();
    let mut integers: Option<std::collections::HashMap<(u32, u16), usize>> = None;
    let mut at = 0;
    // The next `endobj` and the next stream keyword at or after a position, remembered: a file of
    // many objects without either must not make each object search to the end again.
    let mut next_endobj = Next::default();
    let mut next_stream = Next::default();
    while let Some(header) = OBJ.find_at(bytes, at) {
        let body = header.end();
        // A stream belongs to this object only when it comes before the object's `endobj`.
        let limit = next_endobj
            .at_or_after(body, |from| {
                ENDOBJ.find_at(bytes, from).map(|m| (m.start(), m.end()))
            })
            .map_or(bytes.len(), |(start, _)| start);
        let stream = next_stream.at_or_after(body, |from| {
            STREAM_DICT_END
                .captures_at(bytes, from)
                .and_then(|c| Some((c.get(0)?.start(), c.get(1)?.end())))
        });
        let Some((dict_end, data)) = stream.filter(|(start, _)| *start < limit) else {
            at = limit.max(body);
            continue;
        };
        let dict = &bytes[body..dict_end];
        let Some(len) = LENGTH.captures(dict) else {
            at = data;
            continue;
        };
        let (Some(token), Some(value)) = (len.get(0), len.get(1)) else {
            at = data;
            continue;
        };
        let declared = match len.get(2) {
            None => number::<usize>(Some(value)),
            Some(generation) => {
                let index = integers.get_or_insert_with(|| integer_objects(bytes));
                let key = (
                    number::<u32>(Some(value)).unwrap_or(0),
                    number::<u16>(Some(generation)).unwrap_or(0),
                );
                match index.get(&key) {
                    Some(n) => Some(*n),
                    // Not a bare integer object (it may sit in an object stream): lopdf resolves
                    // it; nothing to judge here.
                    None => {
                        at = data;
                        continue;
                    }
                }
            }
        };
        if let Some(n) = declared.filter(|n| ends_at_endstream(bytes, data, *n)) {
            at = data + n;
            continue;
        }
        let Some(found) = ENDSTREAM.find_at(bytes, data) else {
            break;
        };
        let mut true_len = found.start() - data;
        // The end-of-line before `endstream` is not part of the data.
        let before = &bytes[data..found.start()];
        if before.ends_with(b"\r\n") {
            true_len -= 2;
        } else if before.ends_with(b"\n") || before.ends_with(b"\r") {
            true_len -= 1;
        }
        fixes.push((body + value.start(), body + token.end(), true_len));
        at = found.end();
    }
    if fixes.is_empty() {
        return None;
    }
    let fits = fixes
        .iter()
        .all(|(start, end, n)| n.to_string().len() <= end - start);
    let mut out = Vec::with_capacity(bytes.len() + fixes.len() * 8);
    let mut copied = 0;
    for (start, end, n) in &fixes {
        out.extend_from_slice(&bytes[copied..*start]);
        let digits = n.to_string();
        out.extend_from_slice(digits.as_bytes());
        if fits {
            out.resize(out.len() + (end - start - digits.len()), b' ');
        }
        copied = *end;
    }
    out.extend_from_slice(&bytes[copied..]);
    let n = fixes.len();
    if fits {
        Some((out, n))
    } else {
        rebuild_xref(&out).map(|b| (b, n))
    }
}

/// The next match of a search at or after a position, kept so that later positions up to it
/// need no new search.
#[derive(Default)]
struct Next {
    searched_from: usize,
    searched: bool,
    found: Option<(usize, usize)>,
}

impl Next {
    fn at_or_after(
        &mut self,
        from: usize,
        search: impl FnOnce(usize) -> Option<(usize, usize)>,
    ) -> Option<(usize, usize)> {
        let still_valid = self.searched
            && self.searched_from <= from
            && self.found.is_none_or(|(start, _)| start >= from);
        if !still_valid {
            self.found = search(from);
            self.searched_from = from;
            self.searched = true;
        }
        self.found
    }
}

/// Whether `n` bytes of stream data from `data` are followed (after an end-of-line or other white
/// space) by `endstream`.
fn ends_at_endstream(bytes: &[u8], data: usize, n: usize) -> bool {
    let Some(rest) = data.checked_add(n).and_then(|end| bytes.get(end..)) else {
        return false;
    };
    let skip = rest
        .iter()
        .take(4)
        .take_while(|b| b"\r\n\t \x0C\x00".contains(b))
        .count();
    rest[skip..].starts_with(b"endstream")
}

/// Every object that is a bare integer, by (number, generation): the targets of indirect lengths.
fn integer_objects(bytes: &[u8]) -> std::collections::HashMap<(u32, u16), usize> {
    INTEGER_OBJ
        .captures_iter(bytes)
        .filter_map(|c| {
            Some((
                (number::<u32>(c.get(1))?, number::<u16>(c.get(2))?),
                number::<usize>(c.get(3))?,
            ))
        })
        .collect()
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

    /// Many object headers and no `endobj` or stream at all: each object must not search to the
    /// end of the file again (the searches are remembered), or this would take minutes.
    #[test]
    fn many_objects_without_an_end_are_scanned_once() {
        let mut pdf = b"%PDF-1.4\n".to_vec();
        for i in 1..=50_000 {
            pdf.extend_from_slice(format!("{i} 0 obj [ {i} ]\n").as_bytes());
        }
        assert_eq!(stream_lengths(&pdf), None);
        pdf.extend_from_slice(
            b"50001 0 obj\n<< /Length 3 >>\nstream\nabcdef\nendstream\nendobj\n%%EOF\n",
        );
        let (fixed, n) = stream_lengths(&pdf).unwrap_or_default();
        assert_eq!(n, 1);
        assert!(String::from_utf8_lossy(&fixed).contains("/Length 6 >>\nstream\nabcdef\nendstream"));
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
