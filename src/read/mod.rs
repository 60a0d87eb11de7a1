//! Format readers: bytes in, neutral model ([`crate::model`]) out. One module per format.

pub mod docx;
pub mod pdf;
pub mod sheet;

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
    #[error("de PDF bevat geen tekst (alleen afbeeldingen, zoals een scan); lever de .docx of een PDF met tekst aan")]
    NoTextLayer,
    #[error("{0}")]
    Unsupported(String),
}
