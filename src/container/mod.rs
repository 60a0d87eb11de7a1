//! Containers: e-mails (.eml, .msg) and zip files whose members are the real submissions.
//!
//! RESV staff receive mail, not folders. A container is an intake step that yields members; each
//! member is then read exactly as a loose file would be (same readers, same worker process, same
//! limits), and no stage after intake knows whether a file came loose or from a container.
//!
//! Why it is shaped like this:
//! - **Nothing is written to disk.** A member is addressed by its container file plus a chain of
//!   member ids (`Found::lid`); the worker opens the container again and takes the member out in
//!   memory. So a member called `../../etc/passwd` or `C:\Windows\x.dll` can never escape anything:
//!   its name is only ever shown (cleaned by [`display_name`]) and used for grouping.
//! - **Listing happens in the worker too.** Parsing a hostile container is as dangerous as parsing
//!   a hostile document, so it gets the same deadline, memory cap and panic boundary.
//! - **Limits** ([`crate::limits`]): nesting depth, members per container, total inflated bytes per
//!   container, and every member within `MAX_FILE_BYTES`. A container over a limit is one
//!   `BESTAND_ONLEESBAAR` with the limit and the figure; the rest of the batch is untouched.

pub mod eml;
pub mod msg;
pub mod zip;

use crate::limits::{MAX_CONTAINER_BYTES, MAX_CONTAINER_MEMBERS, MAX_FILE_BYTES};
use crate::read::ReadError;
use crate::snapshot::Soort;
use serde::{Deserialize, Serialize};

/// One member of a container, as listed (its bytes are taken out again when it is read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lid {
    /// How to find it again inside its container (entry index, attachment position).
    pub id: String,
    /// Its name as shown: the attachment's file name, or the path inside the zip, cleaned.
    pub naam: String,
    /// The sha256 of its bytes, when they could be taken out (so a rerun knows it without
    /// opening the container again).
    #[serde(default)]
    pub sha256: Option<String>,
}

/// A member taken out of its container, with its bytes.
pub struct Member {
    pub lid: Lid,
    pub bytes: Result<Vec<u8>, ReadError>,
}

/// The members of a container of kind `soort`, each with its bytes (or why they could not be had).
/// Fails as a whole when the container itself is unreadable or breaks a limit.
pub fn members(soort: Soort, bytes: &[u8]) -> Result<Vec<Member>, ReadError> {
    let list = match soort {
        Soort::Eml => eml::members(bytes)?,
        Soort::Msg => msg::members(bytes)?,
        Soort::Zip => zip::members(bytes)?,
        _ => {
            return Err(ReadError::Unsupported(
                "dit is geen e-mail of zip-bestand".into(),
            ))
        }
    };
    if list.len() > MAX_CONTAINER_MEMBERS {
        return Err(ReadError::TooLarge {
            wat: "het aantal bijlagen of bestanden erin".into(),
            limiet: format!("{MAX_CONTAINER_MEMBERS} (MAX_CONTAINER_MEMBERS)"),
            gevonden: format!("{}", list.len()),
        });
    }
    let total: u64 = list
        .iter()
        .filter_map(|m| m.bytes.as_ref().ok())
        .map(|b| b.len() as u64)
        .sum();
    if total > MAX_CONTAINER_BYTES {
        return Err(too_large_total(total));
    }
    Ok(list)
}

/// The members as listed in the register: name, id and hash.
pub fn list(soort: Soort, bytes: &[u8]) -> Result<Vec<Lid>, ReadError> {
    Ok(members(soort, bytes)?
        .into_iter()
        .map(|m| Lid {
            sha256: m
                .bytes
                .as_ref()
                .ok()
                .map(|b| crate::intake::sha256_bytes(b)),
            ..m.lid
        })
        .collect())
}

/// The bytes of member `id` of a container (to read it as a file of its own). Only that member
/// is taken out, so reading every member of a container costs about as much as listing it.
pub fn member(soort: Soort, bytes: &[u8], id: &str) -> Result<Vec<u8>, ReadError> {
    let gone = || ReadError::Corrupt {
        soort: "container",
        detail: format!("onderdeel {id} niet meer gevonden"),
    };
    let index: usize = id.parse().map_err(|_| gone())?;
    if index >= MAX_CONTAINER_MEMBERS * 2 {
        return Err(gone());
    }
    match soort {
        Soort::Eml => eml::member(bytes, index),
        Soort::Msg => msg::member(bytes, index),
        Soort::Zip => zip::member(bytes, index),
        _ => Err(gone()),
    }?
    .ok_or_else(gone)
}

pub(crate) fn too_large_total(total: u64) -> ReadError {
    ReadError::TooLarge {
        wat: "de uitgepakte inhoud".into(),
        limiet: format!(
            "{} MB per container (MAX_CONTAINER_BYTES)",
            MAX_CONTAINER_BYTES / (1024 * 1024)
        ),
        gevonden: format!("meer dan {} bytes", total),
    }
}

pub(crate) fn too_large_member(naam: &str, size: u64) -> ReadError {
    ReadError::TooLarge {
        wat: format!("onderdeel {naam}"),
        limiet: format!("{} MB (MAX_FILE_BYTES)", MAX_FILE_BYTES / (1024 * 1024)),
        gevonden: format!("{size} bytes"),
    }
}

/// A member name fit to show and to group by: `/` separators, no drive letter, no leading `/`,
/// no `.` or `..` segments, no control characters. Never used as a path on disk.
pub fn display_name(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .map(|c| if c == '\\' { '/' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    let parts: Vec<&str> = cleaned
        .split('/')
        .map(str::trim)
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    let mut parts: Vec<String> = parts.into_iter().map(str::to_string).collect();
    // A drive letter ("C:") at the start says where it was on someone's machine, nothing more.
    if let Some(first) = parts.first() {
        if first.len() == 2 && first.ends_with(':') {
            parts.remove(0);
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_never_escape() {
        assert_eq!(display_name("../../etc/passwd"), "etc/passwd");
        assert_eq!(display_name("/abs/plan.docx"), "abs/plan.docx");
        assert_eq!(display_name("C:\\Users\\x\\plan.docx"), "Users/x/plan.docx");
        assert_eq!(display_name("a/./b/../c.docx"), "a/b/c.docx");
        assert_eq!(display_name("Wijkplan\u{0}WSV.docx"), "WijkplanWSV.docx");
        assert_eq!(
            display_name("WSV Laak/Begroting.xlsx"),
            "WSV Laak/Begroting.xlsx"
        );
    }
}
