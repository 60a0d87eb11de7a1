//! Format readers: bytes in, neutral model ([`crate::model`]) out. One module per format, and one
//! place that chooses the reader for a format: [`reader`].
//!
//! As in calamine, every format has one small entry point of the same shape (bytes in, model or
//! [`ReadError`] out); nothing after this module knows which format a document came from.

pub mod doc;
pub mod docx;
pub mod odt;
pub(crate) mod package;
pub mod pdf;
pub mod rtf;
pub mod sheet;
pub(crate) mod xml;

use crate::model::{Document, Workbook};
use crate::snapshot::Soort;
use sheet::SheetFormat;
use thiserror::Error;

/// Why a file could not be read. The message is Dutch: it ends up in a `BESTAND_ONLEESBAAR`
/// finding that a staff member reads.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ReadError {
    #[error("het bestand is geen geldig {soort}-bestand ({detail})")]
    Corrupt { soort: &'static str, detail: String },
    #[error("het bestand is versleuteld met een wachtwoord")]
    Encrypted,
    #[error("{wat} is groter dan de limiet van {limiet} ({gevonden})")]
    TooLarge {
        wat: String,
        limiet: String,
        gevonden: String,
    },
    #[error("{0}")]
    Hostile(String),
    /// A scan, and this machine has no text recognition (tesseract with its Dutch model).
    #[error("de PDF bevat geen tekst (alleen afbeeldingen, zoals een scan); lever de .docx of een PDF met tekst aan")]
    NoTextLayer,
    /// A scan that text recognition was tried on and read nothing from; the reason in Dutch.
    #[error("de PDF bevat geen tekst (alleen afbeeldingen, zoals een scan) en tekstherkenning las er niets uit ({0}); lever de .docx of een PDF met tekst aan")]
    NoTextAfterOcr(String),
    #[error("{0}")]
    Unsupported(String),
}

/// What a reader made of a file: a word-processing document (plan, agreement, attachment) or a
/// workbook (begroting).
#[derive(Debug, Clone)]
pub enum Read {
    Document(Document),
    Workbook(Workbook),
}

/// A format's reader: the bytes of one file in, the neutral model out.
pub type Reader = fn(&[u8]) -> Result<Read, ReadError>;

/// The reader for a kind of file, or `None` for kinds that are not documents of a WSV at all
/// (images, other OLE files, unknown bytes): the pipeline decides what those are.
pub fn reader(soort: Soort) -> Option<Reader> {
    Some(match soort {
        Soort::Docx => |b| docx::read_docx(b).map(Read::Document),
        Soort::Odt => |b| odt::read_odt(b).map(Read::Document),
        Soort::Doc => |b| doc::read_doc(b).map(Read::Document),
        Soort::Rtf => |b| rtf::read_rtf(b).map(Read::Document),
        Soort::Pdf => |b| pdf::read_pdf(b).map(Read::Document),
        Soort::Xlsx => |b| sheet::read_sheet(b, SheetFormat::Xlsx).map(Read::Workbook),
        Soort::Xls => |b| sheet::read_sheet(b, SheetFormat::Xls).map(Read::Workbook),
        Soort::Ods => |b| sheet::read_sheet(b, SheetFormat::Ods).map(Read::Workbook),
        Soort::Xlsb => |b| sheet::read_sheet(b, SheetFormat::Xlsb).map(Read::Workbook),
        Soort::Versleuteld => |_| Err(ReadError::Encrypted),
        // Containers are unpacked (`container`), never read as one document.
        Soort::Eml | Soort::Msg | Soort::Zip => return None,
        Soort::Anders | Soort::Onbekend => return None,
    })
}
