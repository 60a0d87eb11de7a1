//! Spreadsheet reader (placeholder signature; implemented on its own branch).
use crate::model::Workbook;
use crate::read::ReadError;

/// Which spreadsheet format the bytes are (decided by intake from the bytes, not the name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Xlsx,
    Xls,
    Ods,
}

/// Read a workbook into the neutral model, evaluating simple formulas that have no stored value.
pub fn read_sheet(bytes: &[u8], format: SheetFormat) -> Result<Workbook, ReadError> {
    let _ = (bytes, format);
    Err(ReadError::Unsupported(
        "rekenblad-lezer nog niet gebouwd".into(),
    ))
}
