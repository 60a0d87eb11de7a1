//! Reading one part out of a zip package (docx, odt) with the zip-bomb guard in one place.

use std::io::{Cursor, Read};

use zip::ZipArchive;

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
        return Err(ReadError::TooLarge {
            wat: format!("onderdeel {name}"),
            limiet: human_bytes(cap),
            gevonden: format!("uitgepakt meer dan {}", human_bytes(cap)),
        });
    }
    Ok(Some(buf))
}
