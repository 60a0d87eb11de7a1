//! `overzicht.xlsx`: the overview for Excel users, with the same cells as `overzicht.csv`.
//! Amounts are numbers in `#,##0.00` (Dutch Excel shows `1.234,56`), so users can sum and filter
//! them. Texts go through `write_string`, which never makes a formula, and are still neutralised
//! like the CSV so a copy-paste into another sheet stays harmless.

use super::{
    begrotingsregels_rijen, neutralise, overzicht_rijen, Cell, EmitError,
    BEGROTINGSREGELS_KOLOMMEN, OVERZICHT_KOLOMMEN,
};
use crate::snapshot::Snapshot;
use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook};
use std::io::Write;
use std::path::Path;

/// Excel's limit on the length of one cell's text, in UTF-16 units.
const MAX_CELL_UTF16: usize = 32_767;
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;

/// Write `overzicht.xlsx` to `path`.
pub fn write_overzicht_file(s: &Snapshot, path: &Path) -> Result<(), EmitError> {
    let bytes = overzicht_bytes(s)?;
    super::with_file(path, |w| Ok(w.write_all(&bytes)?))
}

/// Write `overzicht.xlsx` to `w`.
pub fn write_overzicht(s: &Snapshot, w: &mut dyn Write) -> Result<(), EmitError> {
    w.write_all(&overzicht_bytes(s)?)?;
    Ok(())
}

/// The workbook as bytes: the sheets Overzicht and Begrotingsregels.
pub fn overzicht_bytes(s: &Snapshot) -> Result<Vec<u8>, EmitError> {
    let mut wb = Workbook::new();
    write_sheet(
        &mut wb,
        "Overzicht",
        &OVERZICHT_KOLOMMEN,
        &overzicht_rijen(s),
    )?;
    write_sheet(
        &mut wb,
        "Begrotingsregels",
        &BEGROTINGSREGELS_KOLOMMEN,
        &begrotingsregels_rijen(s),
    )?;
    Ok(wb.save_to_buffer()?)
}

/// One sheet: bold header, typed cells, widths from the content, header frozen, a filter.
fn write_sheet(
    wb: &mut Workbook,
    name: &str,
    header: &[&str],
    rows: &[Vec<Cell>],
) -> Result<(), EmitError> {
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, col(c), *h, &bold)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = RowNum::try_from(i + 1).map_err(|_| EmitError::TeVeelRijen(rows.len()))?;
        for (c, cell) in row.iter().enumerate() {
            let shown = match cell {
                Cell::Text(t) => {
                    let t = truncate_utf16(&neutralise(t), MAX_CELL_UTF16);
                    ws.write_string(r, col(c), t.as_str())?;
                    t.chars().count()
                }
                Cell::Amount(a) => {
                    ws.write_number_with_format(r, col(c), a.euros(), &money)?;
                    super::format_amount(*a, ',').len() + 2
                }
                Cell::Int(n) => {
                    ws.write_number(r, col(c), *n as f64)?;
                    n.to_string().len()
                }
                Cell::Hours(h) if h.is_finite() => {
                    ws.write_number(r, col(c), super::round_hours(*h))?;
                    super::format_hours(*h, ',').len()
                }
                Cell::Hours(_) | Cell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c), (*w).clamp(MIN_WIDTH, MAX_WIDTH) as f64 + 1.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_row = RowNum::try_from(rows.len()).map_err(|_| EmitError::TeVeelRijen(rows.len()))?;
    ws.autofilter(0, 0, last_row, col(header.len().saturating_sub(1)))?;
    Ok(())
}

/// Column index; the overview has 23 columns, far below Excel's 16,384.
fn col(c: usize) -> ColNum {
    ColNum::try_from(c).unwrap_or(ColNum::MAX)
}

/// Cut `s` so that it fits `max` UTF-16 units, on a character boundary.
fn truncate_utf16(s: &str, max: usize) -> String {
    let mut used = 0;
    s.chars()
        .take_while(|ch| {
            used += ch.len_utf16();
            used <= max
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::tests::sample;
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use std::io::Cursor;

    fn sheet() -> calamine::Range<Data> {
        let bytes = overzicht_bytes(&sample()).unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        wb.worksheet_range("Overzicht").unwrap()
    }

    #[test]
    fn header_and_numeric_amounts() {
        let range = sheet();
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header, OVERZICHT_KOLOMMEN);
        // begroting_totaal (col 14) and a negative ruimte (col 19) are numbers, not text.
        assert_eq!(range.get_value((1, 14)), Some(&Data::Float(61200.0)));
        assert_eq!(range.get_value((1, 19)), Some(&Data::Float(-4559.0)));
        assert_eq!(range.get_value((1, 4)), Some(&Data::Float(30000.0)));
        assert_eq!(range.get_value((1, 16)), Some(&Data::Float(12.5)));
    }

    #[test]
    fn hostile_name_is_text_with_apostrophe() {
        let range = sheet();
        assert_eq!(
            range.get_value((2, 0)),
            Some(&Data::String("'=HYPERLINK(\"http://x\",\"y\")".into()))
        );
        assert_eq!(
            range.get_value((2, 21)),
            Some(&Data::String("akkoord".into()))
        );
    }

    #[test]
    fn overlong_text_is_cut_to_excel_limit() {
        let long = "é".repeat(40_000);
        assert_eq!(
            truncate_utf16(&long, MAX_CELL_UTF16).chars().count(),
            MAX_CELL_UTF16
        );
        let emoji = "😀".repeat(20_000);
        assert_eq!(
            truncate_utf16(&emoji, MAX_CELL_UTF16).chars().count(),
            16_383
        );
        let mut s = sample();
        s.wsvs[0].wsv = long;
        assert!(overzicht_bytes(&s).is_ok());
    }
}
