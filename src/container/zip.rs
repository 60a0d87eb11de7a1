//! Zip files a WSV sends: every file entry is a member; the folders inside the zip are folders
//! for grouping (their names are shown, never used as paths on disk).
//!
//! Against zip bombs the declared sizes are not trusted: every entry is inflated through a
//! counting reader capped at `MAX_FILE_BYTES` per member and `MAX_CONTAINER_BYTES` in total.

use super::{display_name, too_large_member, too_large_total, Lid, Member};
use crate::limits::{MAX_CONTAINER_BYTES, MAX_CONTAINER_MEMBERS, MAX_FILE_BYTES};
use crate::read::ReadError;
use std::io::Read;

pub fn members(bytes: &[u8]) -> Result<Vec<Member>, ReadError> {
    let mut zip =
        ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| ReadError::Corrupt {
            soort: "zip",
            detail: crate::osfout::library(&e).to_string(),
        })?;
    // Count before inflating anything: a zip with a million tiny entries is refused at once.
    if zip.len() > MAX_CONTAINER_MEMBERS * 2 {
        return Err(ReadError::TooLarge {
            wat: "het aantal bestanden erin".into(),
            limiet: format!("{MAX_CONTAINER_MEMBERS} (MAX_CONTAINER_MEMBERS)"),
            gevonden: zip.len().to_string(),
        });
    }
    let mut out = Vec::new();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(::zip::result::ZipError::UnsupportedArchive(m)) if m.contains("assword") => {
                out.push(Member {
                    lid: Lid {
                        id: i.to_string(),
                        naam: format!("bestand {} in de zip", i + 1),
                        sha256: None,
                    },
                    bytes: Err(ReadError::Encrypted),
                });
                continue;
            }
            Err(e) => {
                out.push(Member {
                    lid: Lid {
                        id: i.to_string(),
                        naam: format!("bestand {} in de zip", i + 1),
                        sha256: None,
                    },
                    bytes: Err(ReadError::Corrupt {
                        soort: "zip",
                        detail: crate::osfout::library(&e).to_string(),
                    }),
                });
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let naam = display_name(&String::from_utf8_lossy(entry.name_raw()));
        let naam = if naam.is_empty() {
            format!("bestand {} in de zip", i + 1)
        } else {
            naam
        };
        if entry.encrypted() {
            out.push(Member {
                lid: Lid {
                    id: i.to_string(),
                    naam,
                    sha256: None,
                },
                bytes: Err(ReadError::Encrypted),
            });
            continue;
        }
        let mut buf = Vec::new();
        let read = (&mut entry)
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| ReadError::Corrupt {
                soort: "zip",
                detail: crate::osfout::library(&e).to_string(),
            });
        total += buf.len() as u64;
        if total > MAX_CONTAINER_BYTES {
            return Err(too_large_total(total));
        }
        let bytes = match read {
            Err(e) => Err(e),
            Ok(n) if n as u64 > MAX_FILE_BYTES => Err(too_large_member(&naam, n as u64)),
            Ok(_) => Ok(buf),
        };
        out.push(Member {
            lid: Lid {
                id: i.to_string(),
                naam,
                sha256: None,
            },
            bytes,
        });
    }
    Ok(out)
}

/// The bytes of entry `index`, or `None` when it is not a file entry.
pub fn member(bytes: &[u8], index: usize) -> Result<Option<Vec<u8>>, ReadError> {
    let corrupt = |detail: String| ReadError::Corrupt {
        soort: "zip",
        detail,
    };
    let mut zip = ::zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| corrupt(crate::osfout::library(&e).to_string()))?;
    if index >= zip.len() {
        return Ok(None);
    }
    let mut entry = match zip.by_index(index) {
        Ok(e) => e,
        Err(::zip::result::ZipError::UnsupportedArchive(m)) if m.contains("assword") => {
            return Err(ReadError::Encrypted)
        }
        Err(e) => return Err(corrupt(crate::osfout::library(&e).to_string())),
    };
    if entry.is_dir() {
        return Ok(None);
    }
    if entry.encrypted() {
        return Err(ReadError::Encrypted);
    }
    let naam = display_name(&String::from_utf8_lossy(entry.name_raw()));
    let mut buf = Vec::new();
    let n = (&mut entry)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| corrupt(crate::osfout::library(&e).to_string()))?;
    if n as u64 > MAX_FILE_BYTES {
        return Err(too_large_member(&naam, n as u64));
    }
    Ok(Some(buf))
}
