//! The RESV Haaglanden sjabloon 2025–2026 (placeholder; implemented on its own branch).
use crate::domain::{Mapped, Sjabloon, Velden, Wijkplan};
use crate::model::Document;

pub fn map(doc: &Document, file: &str) -> Mapped<Wijkplan> {
    let _ = (doc, file);
    Mapped {
        value: Wijkplan {
            sjabloon: Sjabloon::Onbekend,
            velden: Velden::default(),
            kerndisciplines: vec![],
            secties: vec![],
            themas: vec![],
            checklist: vec![],
            vingerafdruk: String::new(),
        },
        findings: vec![],
    }
}
