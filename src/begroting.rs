//! Map a Workbook onto a Begroting (placeholder signature; implemented on its own branch).
use crate::domain::{Begroting, Mapped};
use crate::model::Workbook;

/// Find the budget table by its header words and read lines and the stated total.
/// `file` is the display name used in `bron` (e.g. `begroting.xlsx`). `None` when no budget table
/// could be found at all.
pub fn map_begroting(wb: &Workbook, file: &str) -> Option<Mapped<Begroting>> {
    let _ = (wb, file);
    None
}
