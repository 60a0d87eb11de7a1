//! Template recognition and mapping: a [`Document`] becomes a [`Wijkplan`].
//! Each sjabloon is data (titles, labels, example texts) in its own module.

pub mod haaglanden;

use crate::domain::{Mapped, Wijkplan};
use crate::model::Document;

/// Recognise the template `doc` follows and map it. `file` is the display name for `bron`.
pub fn map_document(doc: &Document, file: &str) -> Mapped<Wijkplan> {
    haaglanden::map(doc, file)
}
