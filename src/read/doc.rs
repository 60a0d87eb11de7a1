//! Word 97–2003 (.doc): recognised, not read yet (the piece-table reader follows).

use crate::model::Document;
use crate::read::ReadError;

/// Refuse a .doc with the reason and what to send instead.
pub fn read_doc(_bytes: &[u8]) -> Result<Document, ReadError> {
    Err(ReadError::Unsupported(
        "het bestand is een oud Word-document (.doc, Word 97-2003) dat wijkregister niet kan lezen; vraag de WSV het plan in Word op te slaan als .docx (Bestand > Opslaan als > Word-document) en dat opnieuw in te sturen".into(),
    ))
}
