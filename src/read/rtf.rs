//! RTF: recognised from its bytes and reported, not read (yet).
//!
//! A plan saved as RTF is rare; reading it well (groups, control words, tables from `\trowd`/
//! `\cell`/`\row`, fields, code pages) is a reader of its own. Until then an RTF is never
//! silently ignored: it is `onleesbaar` with a sentence that tells the WSV what to send instead,
//! so the WSV is not reported as having no plan without a reason.

use crate::model::Document;
use crate::read::ReadError;

/// Why an RTF is not read, for the finding.
pub const NOT_READ: &str = "het bestand is een RTF-document; wijkregister leest RTF niet. \
Vraag de WSV het plan op te slaan als Word-document (.docx) of OpenDocument-tekst (.odt) en dat \
opnieuw in te sturen";

/// Refuse an RTF with the reason and what to send instead.
pub fn read_rtf(_bytes: &[u8]) -> Result<Document, ReadError> {
    Err(ReadError::Unsupported(NOT_READ.into()))
}
