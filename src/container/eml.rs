//! E-mails saved as `.eml` (MIME, RFC 5322): the attachments are the members.
//!
//! MIME decoding is not hand-written: `mail-parser` (Stalwart) decodes base64 and
//! quoted-printable bodies, RFC 2047 encoded-words and RFC 2231 continuations in attachment names
//! (with non-ASCII characters), and parses nested `message/rfc822` parts. Measured here on the
//! fixtures in `fixtures/mail`: the attachment names in RFC 2231 (UTF-8) and RFC 2047
//! (ISO-8859-1) form come out as written, and the Laak mail cut at every 97th byte or garbled at
//! every 13th gives no panic (tests below; the worker boundary would catch one anyway). Version
//! 0.11: the 1.x line needs Rust 1.98, newer than this project's toolchain.
//!
//! Inline images (a logo in the signature) are members too: they are listed and then ignored as
//! images, like a loose logo.png, so nothing is dropped silently.

use super::{display_name, too_large_member, Lid, Member};
use crate::limits::MAX_FILE_BYTES;
use crate::read::ReadError;
use mail_parser::{MessageParser, MimeHeaders};

fn parse(bytes: &[u8]) -> Result<mail_parser::Message<'_>, ReadError> {
    MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| ReadError::Corrupt {
            soort: "e-mail",
            detail: "geen geldig e-mailbericht".into(),
        })
}

pub fn members(bytes: &[u8]) -> Result<Vec<Member>, ReadError> {
    let msg = parse(bytes)?;
    let mut out = Vec::new();
    for (i, part) in msg.attachments().enumerate() {
        let naam = match part.attachment_name() {
            Some(n) if !display_name(n).is_empty() => display_name(n),
            _ => unnamed(i, part),
        };
        let contents = part.contents();
        let bytes = if contents.len() as u64 > MAX_FILE_BYTES {
            Err(too_large_member(&naam, contents.len() as u64))
        } else {
            Ok(contents.to_vec())
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

/// The bytes of attachment `index`, or `None` when there is no such attachment.
pub fn member(bytes: &[u8], index: usize) -> Result<Option<Vec<u8>>, ReadError> {
    let msg = parse(bytes)?;
    let Some(part) = msg.attachments().nth(index) else {
        return Ok(None);
    };
    let contents = part.contents();
    if contents.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large_member(
            &format!("bijlage {}", index + 1),
            contents.len() as u64,
        ));
    }
    Ok(Some(contents.to_vec()))
}

/// A name for an attachment without one: its position and what it is.
fn unnamed(i: usize, part: &mail_parser::MessagePart) -> String {
    if part.is_message() {
        return format!("doorgestuurd bericht {}.eml", i + 1);
    }
    let ext = part
        .content_type()
        .and_then(|ct| ct.subtype())
        .map(|s| s.to_ascii_lowercase())
        .filter(|s| s.len() <= 10 && s.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".into());
    format!("bijlage {}.{ext}", i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laak() -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/mail/inzendingen/Mail/RE_ Wijkplan en begroting WSV Laak.eml"),
        )
        .unwrap()
    }

    #[test]
    fn attachment_names_in_every_encoding_come_out_as_written() {
        let names: Vec<String> = members(&laak())
            .unwrap()
            .into_iter()
            .map(|m| m.lid.naam)
            .collect();
        // fixtures/mail/make.py: an inline logo, an RFC 2231 name with an en dash, an RFC 2047
        // ISO-8859-1 name with "één".
        assert_eq!(
            names,
            [
                "logo-wsv.png",
                "Wijkplan WSV Laak – definitief.docx",
                "Begroting WSV Laak één tabblad.xlsx"
            ]
        );
    }

    #[test]
    fn a_cut_or_garbled_message_never_panics() {
        let full = laak();
        for cut in (0..full.len()).step_by(97) {
            let _ = members(&full[..cut]);
            let _ = member(&full[..cut], 1);
        }
        let mut garbled = full.clone();
        for i in (0..garbled.len()).step_by(13) {
            garbled[i] = b'=';
        }
        let _ = members(&garbled);
    }
}
