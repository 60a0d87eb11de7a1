//! docx reader (placeholder signature; implemented on its own branch).
use crate::model::Document;
use crate::read::ReadError;

/// Read a .docx (OOXML WordprocessingML package) into the neutral model.
pub fn read_docx(bytes: &[u8]) -> Result<Document, ReadError> {
    let _ = bytes;
    Err(ReadError::Unsupported("docx-lezer nog niet gebouwd".into()))
}
