//! Reading one part out of a zip package (docx, xlsx, odt, ods) with the zip-bomb guard in one
//! place.
//!
//! A deflated part is inflated here with one `flate2::Decompress` per thread, reset for each
//! part, into a buffer that is never zeroed first; the CRC-32 is checked with `crc32fast`, as
//! the zip crate checks it. Why (issue 15): the zip crate sets up a new inflater for every part
//! it opens (zlib-rs allocates and clears its state and window each time) and reads it through a
//! buffered reader whose buffer `read_to_end` zeroes, for each of the ten or so small parts of a
//! docx or xlsx. callgrind counted 21.6 M of the 74 M instructions of reading the parts of 100
//! docx as that setup, and 15.9 M of 49 M for 100 xlsx; natively a worker's CPU went down by
//! 3 % (docx) and 4.5 % (xlsx). Every other part (stored, encrypted, another method) is read
//! through the zip crate as before.

use std::cell::RefCell;
use std::io::{Cursor, Read};

use flate2::{Decompress, FlushDecompress, Status};
use zip::{CompressionMethod, ZipArchive};

use crate::read::ReadError;

/// The most a part's declared (uncompressed) size may reserve before anything is inflated: a
/// zip can claim any size, so a lie costs at most this much untouched capacity.
const MAX_SIZE_HINT: u64 = 8 * 1024 * 1024;

pub(crate) fn human_bytes(n: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if n >= MB && n.is_multiple_of(MB) {
        format!("{} MB", n / MB)
    } else {
        format!("{n} bytes")
    }
}

/// Read one zip entry as UTF-8 text, inflating at most `cap` bytes (zip-bomb guard: the entry's
/// declared size is not trusted, the inflater is cut off). `Ok(None)` if there is no such part.
/// `soort` names the format in error messages ("Word", "OpenDocument-tekst").
pub(crate) fn read_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    cap: u64,
    soort: &'static str,
) -> Result<Option<String>, ReadError> {
    let Some(buf) = read_part_bytes(zip, name, cap, soort)? else {
        return Ok(None);
    };
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| ReadError::Corrupt {
            soort,
            detail: format!("onderdeel {name} is geen UTF-8-tekst"),
        })
}

/// Read one zip entry whole, as [`read_part`] does, without asking for UTF-8. Reading to the end
/// is what makes the zip crate compare the part with its CRC-32: a part damaged in transit is an
/// error here ("beschadigd"), never text read as far as the damage allows.
pub(crate) fn read_part_bytes(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    cap: u64,
    soort: &'static str,
) -> Result<Option<Vec<u8>>, ReadError> {
    let corrupt = |detail: String| ReadError::Corrupt { soort, detail };
    let idx = match zip.index_for_name(name) {
        Some(i) => Some(i),
        // OPC part names are case-insensitive; some writers vary the case.
        None => zip
            .file_names()
            .flatten()
            .position(|n| n.eq_ignore_ascii_case(name)),
    };
    let Some(idx) = idx else { return Ok(None) };
    if let Some(read) = inflate_part(zip, idx, cap) {
        return match read {
            Ok(buf) if buf.len() as u64 > cap => Err(too_large(name, cap)),
            Ok(buf) => Ok(Some(buf)),
            Err(PartError::Open) => Err(corrupt(format!(
                "onderdeel {name} kan niet uit het zip-archief gelezen worden"
            ))),
            Err(PartError::Damaged(e)) => {
                crate::technisch::record(&format!("{name}: {e}"));
                Err(corrupt(format!(
                    "onderdeel {name} is beschadigd in het zip-archief"
                )))
            }
        };
    }
    let file = zip.by_index(idx).map_err(|_| {
        corrupt(format!(
            "onderdeel {name} kan niet uit het zip-archief gelezen worden"
        ))
    })?;
    // The declared size is only a capacity hint (issue 15: growing the buffer by doubling, and
    // zeroing each new part of it, showed in the profile). It is not trusted: it is bounded by
    // the cap and by `MAX_SIZE_HINT`, and reading still stops at the cap whatever it says.
    let hint = file.size().min(cap).min(MAX_SIZE_HINT);
    let mut buf = Vec::with_capacity(usize::try_from(hint).unwrap_or(0).saturating_add(1));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| {
            crate::technisch::record(&format!("{name}: {e}"));
            corrupt(format!("onderdeel {name} is beschadigd in het zip-archief"))
        })?;
    if buf.len() as u64 > cap {
        return Err(too_large(name, cap));
    }
    Ok(Some(buf))
}

fn too_large(name: &str, cap: u64) -> ReadError {
    ReadError::TooLarge {
        wat: format!("onderdeel {name}"),
        limiet: human_bytes(cap),
        gevonden: format!("uitgepakt meer dan {}", human_bytes(cap)),
    }
}

/// Why [`inflate_part`] could not read a part.
#[derive(Debug)]
enum PartError {
    /// The entry could not be found in the archive (as the zip crate's `by_index` fails).
    Open,
    /// The data is damaged, in the zip crate's own words ("Invalid checksum", …), so that the
    /// technical note is the same whichever way the part was read.
    Damaged(&'static str),
}

thread_local! {
    /// The inflater every deflated part of this thread goes through (see the module doc).
    static INFLATER: RefCell<Decompress> = RefCell::new(Decompress::new(false));
}

/// Most output one inflate step may add: the buffer grows by at most this much at a time
/// (beyond the part's declared size, which is only a hint).
const INFLATE_STEP: usize = 256 * 1024;

/// Entry `idx` inflated whole, as the zip crate's reader would give it through
/// `take(cap + 1).read_to_end`: at most `cap + 1` bytes (more means the part is too large), an
/// error where that reader fails, and the CRC-32 compared once the stream has ended. `None`: the
/// entry is not a plain deflated one (stored, encrypted, another method), for the zip crate.
fn inflate_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    idx: usize,
    cap: u64,
) -> Option<Result<Vec<u8>, PartError>> {
    let Ok(mut raw) = zip.by_index_raw(idx) else {
        return Some(Err(PartError::Open));
    };
    if raw.encrypted() || raw.compression() != CompressionMethod::Deflated {
        return None;
    }
    let (declared, crc) = (raw.size(), raw.crc32());
    // The compressed bytes, bounded by the archive itself (it is in memory already).
    let mut input = Vec::with_capacity(
        usize::try_from(raw.compressed_size())
            .unwrap_or(0)
            .min(1 << 20),
    );
    if raw.read_to_end(&mut input).is_err() {
        return Some(Err(PartError::Damaged("incomplete deflate stream")));
    }
    let limit = usize::try_from(cap.saturating_add(1)).unwrap_or(usize::MAX);
    let hint = usize::try_from(declared.min(cap).min(MAX_SIZE_HINT)).unwrap_or(0);
    let mut out: Vec<u8> = Vec::with_capacity(hint.saturating_add(1).min(limit));
    let result = INFLATER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut d) => inflate_into(&mut d, &input, &mut out, limit, declared),
        // Not reachable (nothing here reads a part while reading a part), but a fresh inflater
        // is always correct.
        Err(_) => inflate_into(
            &mut Decompress::new(false),
            &input,
            &mut out,
            limit,
            declared,
        ),
    });
    Some(match result {
        Err(e) => Err(e),
        // Cut off at the limit: too large, and the caller says so without a CRC check, as
        // `take(cap + 1)` never reached the end.
        Ok(ended) if !ended || out.len() >= limit => Ok(out),
        Ok(_) if crc32fast::hash(&out) != crc => Err(PartError::Damaged("Invalid checksum")),
        Ok(_) => Ok(out),
    })
}

/// Inflate the raw deflate stream `input` into `out` (empty, any capacity) with `d`, reset first.
/// `Ok(true)`: the stream ended; `Ok(false)`: `out` reached `limit` bytes first. The zip crate's
/// checks, in its words: more than the `declared` size is an error, and so is a stream that
/// stops before its end or is not deflate at all.
fn inflate_into(
    d: &mut Decompress,
    input: &[u8],
    out: &mut Vec<u8>,
    limit: usize,
    declared: u64,
) -> Result<bool, PartError> {
    d.reset(false);
    loop {
        if out.len() >= limit {
            return Ok(false);
        }
        if out.len() == out.capacity() {
            // Doubling (at least a step), never past the limit: linear in the output.
            out.reserve_exact((limit - out.len()).min(out.len().max(INFLATE_STEP)));
        }
        let (before_in, before_out) = (d.total_in(), d.total_out());
        let consumed = usize::try_from(before_in).map_or(input.len(), |n| n.min(input.len()));
        let status = d.decompress_vec(&input[consumed..], out, FlushDecompress::Finish);
        // `take(cap + 1)` never gives more than the limit, whatever the allocator rounded the
        // capacity up to.
        out.truncate(limit);
        if out.len() as u64 > declared {
            return Err(PartError::Damaged(
                "File is larger than its declared uncompressed size",
            ));
        }
        match status {
            Ok(Status::StreamEnd) => return Ok(true),
            Ok(Status::Ok | Status::BufError) => {
                if d.total_in() == before_in && d.total_out() == before_out {
                    return Err(PartError::Damaged("incomplete deflate stream"));
                }
            }
            Err(_) => return Err(PartError::Damaged("corrupt deflate stream")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A zip holding `parts` (name, bytes, deflated?), written by the zip crate.
    fn zip_of(parts: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data, deflate) in parts {
            let method = if *deflate {
                CompressionMethod::Deflated
            } else {
                CompressionMethod::Stored
            };
            let opts = zip::write::SimpleFileOptions::default().compression_method(method);
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// The offsets of the (only) entry's local header and central directory header.
    fn headers(bytes: &[u8]) -> (usize, usize) {
        let find = |sig: &[u8]| bytes.windows(4).position(|w| w == sig).unwrap();
        (find(b"PK\x03\x04"), find(b"PK\x01\x02"))
    }

    /// Overwrite a little-endian u32 in the local header (at `local`) and the central directory
    /// header (at `central`) of the only entry.
    fn patch_u32(bytes: &mut [u8], local: usize, central: usize, value: impl Fn(u32) -> u32) {
        let (l, c) = headers(bytes);
        for at in [l + local, c + central] {
            let old = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
            bytes[at..at + 4].copy_from_slice(&value(old).to_le_bytes());
        }
    }

    /// What `read_part_bytes` gives, with the technical note it recorded.
    fn read(
        bytes: &[u8],
        name: &str,
        cap: u64,
    ) -> (Result<Option<Vec<u8>>, ReadError>, Vec<String>) {
        crate::technisch::take();
        let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
        let got = read_part_bytes(&mut zip, name, cap, "Word");
        (got, crate::technisch::take())
    }

    /// What the zip crate's own reader says about the entry, read as far as `cap + 1` bytes (as
    /// `read_part_bytes` read every part before issue 15): its bytes or its error text.
    fn zip_crate_reads_to(bytes: &[u8], name: &str, cap: u64) -> Result<Vec<u8>, String> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
        let f = zip.by_name(name).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        f.take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| e.to_string())?;
        Ok(out)
    }

    fn zip_crate_reads(bytes: &[u8], name: &str) -> Result<Vec<u8>, String> {
        zip_crate_reads_to(bytes, name, u64::MAX - 1)
    }

    fn text(n: usize) -> Vec<u8> {
        (0..n)
            .map(|i| format!("<w:t>woord {i}</w:t>"))
            .collect::<String>()
            .into_bytes()
    }

    /// Every part of every docx, xlsx, odt and ods among the fixtures reads as the zip crate
    /// reads it, deflated and stored alike, and on one thread in a row (the inflater is reused).
    #[test]
    fn every_fixture_part_reads_as_the_zip_crate_reads_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut files = Vec::new();
        let mut dirs = vec![root];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| ["docx", "xlsx", "odt", "ods", "xlsm"].contains(&x))
                {
                    files.push(p);
                }
            }
        }
        let (mut deflated, mut compared) = (0, 0);
        for p in &files {
            let bytes = std::fs::read(p).unwrap();
            let Ok(mut zip) = ZipArchive::new(Cursor::new(bytes.as_slice())) else {
                continue;
            };
            let names: Vec<String> = zip.file_names().flatten().map(|n| n.to_string()).collect();
            for name in names {
                if name.ends_with('/') {
                    continue;
                }
                if zip
                    .by_name(&name)
                    .is_ok_and(|f| f.compression() == CompressionMethod::Deflated)
                {
                    deflated += 1;
                }
                // The fixtures include zip bombs (`bad/`): a part over the cap is too large
                // for both, and neither inflates more than the cap and a byte of it.
                const CAP: u64 = 8 << 20;
                let ours = read_part_bytes(&mut zip, &name, CAP, "Word");
                match (ours, zip_crate_reads_to(&bytes, &name, CAP)) {
                    (Ok(Some(a)), Ok(b)) => assert!(a == b, "{}: {name}", p.display()),
                    (Err(ReadError::TooLarge { .. }), Ok(b)) if b.len() as u64 > CAP => {}
                    (Err(ReadError::Corrupt { .. }), Err(_)) => {}
                    (a, b) => panic!(
                        "{}: {name}: {:?} against {:?}",
                        p.display(),
                        a.map(|o| o.map(|v| v.len())),
                        b.map(|v| v.len())
                    ),
                }
                compared += 1;
            }
        }
        assert!(files.len() >= 20, "{}", files.len());
        assert!(
            deflated >= 200 && compared >= deflated,
            "{deflated} {compared}"
        );
    }

    #[test]
    fn a_part_whose_checksum_does_not_match_is_damaged() {
        let body = text(500);
        for deflate in [true, false] {
            let mut bytes = zip_of(&[("word/document.xml", &body, deflate)]);
            patch_u32(&mut bytes, 14, 16, |crc| crc ^ 1);
            assert_eq!(
                zip_crate_reads(&bytes, "word/document.xml").unwrap_err(),
                "Invalid checksum"
            );
            let (got, notes) = read(&bytes, "word/document.xml", 1 << 20);
            assert!(
                matches!(&got, Err(ReadError::Corrupt { detail, .. })
                    if detail == "onderdeel word/document.xml is beschadigd in het zip-archief"),
                "{got:?}"
            );
            assert_eq!(notes, ["word/document.xml: Invalid checksum"]);
        }
    }

    #[test]
    fn a_stream_cut_short_or_not_deflate_at_all_is_damaged() {
        let body = text(2000);
        let whole = zip_of(&[("word/document.xml", &body, true)]);
        // Half the compressed bytes, as declared in both headers.
        let mut short = whole.clone();
        patch_u32(&mut short, 18, 20, |size| size / 2);
        // The first block claims the reserved block type 3.
        let mut garbage = whole.clone();
        let (l, _) = headers(&garbage);
        let name_len = u16::from_le_bytes([garbage[l + 26], garbage[l + 27]]) as usize;
        let extra_len = u16::from_le_bytes([garbage[l + 28], garbage[l + 29]]) as usize;
        garbage[l + 30 + name_len + extra_len] = 0b0000_0111;
        for (bytes, note) in [
            (short, "incomplete deflate stream"),
            (garbage, "corrupt deflate stream"),
        ] {
            assert!(zip_crate_reads(&bytes, "word/document.xml").is_err());
            let (got, notes) = read(&bytes, "word/document.xml", 1 << 20);
            assert!(matches!(got, Err(ReadError::Corrupt { .. })), "{got:?}");
            assert_eq!(notes, [format!("word/document.xml: {note}")]);
        }
    }

    #[test]
    fn a_part_larger_than_it_declares_is_damaged() {
        let body = text(2000);
        let mut bytes = zip_of(&[("word/document.xml", &body, true)]);
        patch_u32(&mut bytes, 22, 24, |_| 1000);
        assert!(zip_crate_reads(&bytes, "word/document.xml").is_err());
        let (got, notes) = read(&bytes, "word/document.xml", 1 << 20);
        assert!(matches!(got, Err(ReadError::Corrupt { .. })), "{got:?}");
        assert_eq!(
            notes,
            ["word/document.xml: File is larger than its declared uncompressed size"]
        );
    }

    /// A zip bomb: 50 MB of zeros, declared as such, against a cap of 1 MB. Too large, and the
    /// buffer never held more than the cap and one byte.
    #[test]
    fn a_part_over_the_cap_is_too_large_and_inflated_only_to_the_cap() {
        let zeros = vec![0u8; 50 << 20];
        let bytes = zip_of(&[("word/document.xml", &zeros, true)]);
        assert!(bytes.len() < 1 << 20, "{}", bytes.len());
        let (got, _) = read(&bytes, "word/document.xml", 1 << 20);
        assert!(matches!(got, Err(ReadError::TooLarge { .. })), "{got:?}");
        let mut zip = ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
        let Some(Ok(out)) = inflate_part(&mut zip, 0, 1 << 20) else {
            panic!("not inflated here");
        };
        assert_eq!(out.len(), (1 << 20) + 1);
        assert!(
            out.capacity() <= (1 << 20) + 1 + INFLATE_STEP,
            "{}",
            out.capacity()
        );
    }

    /// After a damaged part, the same thread's inflater reads the next part whole.
    #[test]
    fn the_inflater_reads_a_good_part_after_a_damaged_one() {
        let body = text(3000);
        let mut bad = zip_of(&[("word/document.xml", &body, true)]);
        patch_u32(&mut bad, 18, 20, |size| size / 3);
        let good = zip_of(&[("word/document.xml", &body, true)]);
        for _ in 0..3 {
            assert!(read(&bad, "word/document.xml", 1 << 20).0.is_err());
            let (got, notes) = read(&good, "word/document.xml", 1 << 20);
            assert_eq!(got.unwrap().unwrap(), body);
            assert!(notes.is_empty(), "{notes:?}");
        }
    }
}
