//! Outlook messages saved as `.msg` (MS-OXMSG): a compound file (CFB) whose attachments are
//! storages named `__attach_version1.0_#NNNNNNNN`. In each, the attachment's bytes are the stream
//! `__substg1.0_37010102` (PidTagAttachDataBinary) and its name `__substg1.0_3707001F`
//! (PidTagAttachLongFilename, UTF-16LE), else `…3704001F` (PidTagAttachFilename), else the display
//! name `…3001001F` (8-bit `…001E` variants too).
//!
//! An attached Outlook message (`__substg1.0_3701000D`, a storage, not bytes) is listed with a
//! Dutch reason instead of being read: it is not a file of its own inside the .msg.
//!
//! Read with the `cfb` crate (already used to sniff OLE files); every stream is length-checked
//! before it is read.

use super::{display_name, too_large_member, Lid, Member};
use crate::limits::MAX_FILE_BYTES;
use crate::read::ReadError;
use std::io::{Cursor, Read};

const DATA: &str = "__substg1.0_37010102";
const EMBEDDED_MSG: &str = "__substg1.0_3701000D";
const NAME_STREAMS: [&str; 6] = [
    "__substg1.0_3707001F",
    "__substg1.0_3704001F",
    "__substg1.0_3001001F",
    "__substg1.0_3707001E",
    "__substg1.0_3704001E",
    "__substg1.0_3001001E",
];

type Cf<'a> = cfb::CompoundFile<Cursor<&'a [u8]>>;

fn open(bytes: &[u8]) -> Result<(Cf<'_>, Vec<String>), ReadError> {
    let cf = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| ReadError::Corrupt {
        soort: "Outlook-bericht (.msg)",
        detail: crate::osfout::library(&e).to_string(),
    })?;
    let mut storages: Vec<String> = cf
        .read_root_storage()
        .filter(|e| e.is_storage() && e.name().starts_with("__attach_version1.0_#"))
        .map(|e| e.name().to_string())
        .collect();
    storages.sort();
    Ok((cf, storages))
}

/// The bytes of attachment `index`, or `None` when there is no such attachment.
pub fn member(bytes: &[u8], index: usize) -> Result<Option<Vec<u8>>, ReadError> {
    let (mut cf, storages) = open(bytes)?;
    let Some(st) = storages.get(index) else {
        return Ok(None);
    };
    attachment(&mut cf, st, &format!("bijlage {}", index + 1)).map(Some)
}

fn attachment(cf: &mut Cf, st: &str, naam: &str) -> Result<Vec<u8>, ReadError> {
    let data = format!("/{st}/{DATA}");
    if cf.is_stream(&data) {
        read_stream(cf, &data, naam)
    } else if cf.is_storage(format!("/{st}/{EMBEDDED_MSG}")) {
        Err(ReadError::Unsupported(
            "een doorgestuurd Outlook-bericht binnen een .msg wordt niet gelezen; sla de bijlagen ervan apart op".into(),
        ))
    } else {
        Err(ReadError::Corrupt {
            soort: "Outlook-bijlage",
            detail: "de bijlage heeft geen inhoud".into(),
        })
    }
}

pub fn members(bytes: &[u8]) -> Result<Vec<Member>, ReadError> {
    let (mut cf, storages) = open(bytes)?;
    let mut out = Vec::new();
    for (i, st) in storages.iter().enumerate() {
        let naam = NAME_STREAMS
            .iter()
            .find_map(|s| read_name(&mut cf, &format!("/{st}/{s}")))
            .map(|n| display_name(&n))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("bijlage {}", i + 1));
        let bytes = attachment(&mut cf, st, &naam);
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

fn read_stream(cf: &mut Cf, path: &str, naam: &str) -> Result<Vec<u8>, ReadError> {
    let corrupt = |e: std::io::Error| ReadError::Corrupt {
        soort: "Outlook-bijlage",
        detail: crate::osfout::library(&e).to_string(),
    };
    let s = cf.open_stream(path).map_err(corrupt)?;
    let len = s.len();
    if len > MAX_FILE_BYTES {
        return Err(too_large_member(naam, len));
    }
    let mut buf = Vec::new();
    s.take(MAX_FILE_BYTES)
        .read_to_end(&mut buf)
        .map_err(corrupt)?;
    Ok(buf)
}

fn read_name(cf: &mut Cf, path: &str) -> Option<String> {
    if !cf.is_stream(path) {
        return None;
    }
    let mut s = cf.open_stream(path).ok()?;
    if s.len() > 4096 {
        return None;
    }
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = if path.ends_with("001F") {
        let units: Vec<u16> = buf
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        // PT_STRING8 in the message's code page; Windows-1252 covers Dutch names.
        buf.iter().map(|&b| char::from(b)).collect()
    };
    let text = text.trim_end_matches('\0').trim().to_string();
    (!text.is_empty()).then_some(text)
}
