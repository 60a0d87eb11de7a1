//! Spreadsheet reader: xlsx, xls and ods bytes into a [`Workbook`] of typed cells, with formulas.
//!
//! calamine does the format work; this module only normalises what differs per format and fills
//! in what calamine cannot do (evaluate formulas, see [`crate::formula`]).
//!
//! What calamine 0.38 was seen to do on the fixtures in `fixtures/sheets/` (made with
//! rust_xlsxwriter and converted by LibreOffice, see `fixtures/sheets/make.sh`):
//! - Numbers: xls gives `Int` for whole numbers, xlsx and ods give `Float`. Both become
//!   [`CellValue::Number`].
//! - A formula written without result by rust_xlsxwriter (`set_formula_result_default("")`,
//!   `<c t="str"><f>…</f><v></v></c>`) reads as `String("")`; openpyxl's `<v></v>` reads as
//!   `Empty`. Both are "no stored value". rust_xlsxwriter's default instead stores `0` for every
//!   formula and sets `fullCalcOnLoad="1"` in `xl/workbook.xml`; when that flag is set, a stored
//!   0 (or empty text) is not a computed result and is treated as no stored value too.
//! - LibreOffice stores computed results in all three formats it saves.
//! - `worksheet_formula` texts: xlsx as written, without `=` (`SUM(A1:A2)`,
//!   `'Uitleg en tarieven'!B3*A1`); ods in OpenFormula (`of:=SUM([.A1:.A2])`,
//!   `of:=[$'Uitleg en tarieven'.B3]*[.A1]`), which [`crate::formula::normalise`] turns into A1
//!   syntax; xls decoded from the binary tokens, where references to another sheet come out
//!   garbled (`Uitleg en tarieven!E$3` for `'Uitleg en tarieven'!B3`). xls files always store
//!   results, so those texts are kept for information and never evaluated in practice.
//! - Ranges returned by `worksheet_range`/`worksheet_formula` start at the first used cell and
//!   their `used_cells` positions are relative to that start; they are made absolute here.
//! - Merged regions: xlsx and xls via `merge_cells_by_sheet_name`; calamine has none for ods, so
//!   `Sheet::merged` stays empty there (the begroting mapper copes without).
//!
//! Size: two limits per sheet. [`MAX_SHEET_CELLS`] counts the filled cells that are there (a
//! sheet of four cells with one at IV65536 is four cells); [`MAX_SHEET_AREA`] bounds the area
//! from A1 to the last cell, which is what memory costs (calamine's dense grids for xls and ods,
//! the model's rows). xlsx cells are streamed (`worksheet_cells_reader`) and the read stops as
//! soon as either is exceeded, before anything dense is allocated; xls and ods are measured on
//! their bytes first (`xls_precheck`, `ods_precheck`), because calamine allocates while opening.

use crate::formula;
use crate::limits::{MAX_PART_BYTES, MAX_SHEET_AREA, MAX_SHEET_CELLS};
use crate::model::{CellValue, Sheet, SheetCell, Workbook};
use crate::read::ReadError;
use calamine::{
    Data, Dimensions, Ods, OdsError, Range, Reader, Xls, XlsError, Xlsb, XlsbError, Xlsx, XlsxError,
};
use std::io::{Cursor, Read};

/// Which spreadsheet format the bytes are (decided by intake from the bytes, not the name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Xlsx,
    Xls,
    Ods,
    Xlsb,
}

impl SheetFormat {
    fn soort(self) -> &'static str {
        match self {
            SheetFormat::Xlsx => "xlsx",
            SheetFormat::Xls => "xls",
            SheetFormat::Ods => "ods",
            SheetFormat::Xlsb => "xlsb",
        }
    }
}

/// One sheet as read, sparse, absolute 0-based positions.
#[derive(Default, Debug, PartialEq)]
struct RawSheet {
    name: String,
    values: Vec<(u32, u32, CellValue)>,
    formulas: Vec<(u32, u32, String)>,
    merged: Vec<(u32, u32, u32, u32)>,
    /// Cells whose stored value is an empty string. For a formula cell that is its result
    /// (`=IF(D18="","",D18*E18)`), not a missing value: see [`densify`].
    empty_text: Vec<(u32, u32)>,
}

impl RawSheet {
    /// Keep one cell as read: a value, or an empty string's position (see `empty_text`);
    /// nothing for an empty cell.
    fn push(&mut self, extent: &mut Extent, r: u32, c: u32, data: &Data) -> Result<(), ReadError> {
        let value = convert(data);
        if value == CellValue::Empty {
            if matches!(data, Data::String(s) if s.is_empty()) {
                extent.include(r, c)?;
                self.empty_text.push((r, c));
            }
            return Ok(());
        }
        extent.include(r, c)?;
        self.values.push((r, c, value));
        Ok(())
    }
}

/// Read a workbook into the neutral model, evaluating simple formulas that have no stored value.
pub fn read_sheet(bytes: &[u8], format: SheetFormat) -> Result<Workbook, ReadError> {
    let mut notes = Vec::new();
    let (raw, zero_is_unset) = match format {
        SheetFormat::Xlsx => read_xlsx(bytes, &mut notes)?,
        SheetFormat::Xls => (read_xls(bytes, &mut notes)?, false),
        SheetFormat::Ods => (read_ods(bytes, &mut notes)?, false),
        SheetFormat::Xlsb => (read_xlsb(bytes, &mut notes)?, false),
    };
    let mut wb = Workbook {
        sheets: Vec::with_capacity(raw.len()),
        notes,
    };
    for r in raw {
        wb.sheets.push(densify(r, zero_is_unset));
    }
    formula::evaluate_workbook(&mut wb);
    Ok(wb)
}

/// Why a workbook could not be opened, in Dutch: the spreadsheet libraries' own messages are
/// English ("Unrecognized sheet:state: show", "Cfb error: Codepage 8001 not found") and the
/// RESV must be able to tell a WSV what is wrong without them.
fn not_opened(e: &dyn std::fmt::Display) -> String {
    format!(
        "de werkmap kon niet worden geopend: {}",
        crate::osfout::library(e)
    )
}

fn corrupt(format: SheetFormat, detail: String) -> ReadError {
    ReadError::Corrupt {
        soort: format.soort(),
        detail,
    }
}

/// Dutch thousands separators for limit messages.
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Tracks a sheet's filled cells and its extent from A1: refuses more than [`MAX_SHEET_CELLS`]
/// filled cells, or an area past [`MAX_SHEET_AREA`]. Values and formulas are tracked by separate
/// `Extent`s, so a formula cell with its stored value counts once in each.
struct Extent<'a> {
    sheet: &'a str,
    cells: u64,
    rows: u64,
    cols: u64,
}

impl<'a> Extent<'a> {
    fn new(sheet: &'a str) -> Self {
        Extent {
            sheet,
            cells: 0,
            rows: 0,
            cols: 0,
        }
    }

    fn include(&mut self, row: u32, col: u32) -> Result<(), ReadError> {
        self.cells += 1;
        if self.cells > MAX_SHEET_CELLS {
            return Err(too_many_cells(self.sheet, self.cells));
        }
        self.span(row, col)
    }

    /// A run of cells in one row, `c0..=c1` (an xls MULRK record).
    fn include_run(&mut self, row: u32, c0: u32, c1: u32) -> Result<(), ReadError> {
        self.cells += u64::from(c1.saturating_sub(c0));
        self.include(row, c0)?;
        self.span(row, c1)
    }

    /// Grow the area without counting a filled cell (a range's claimed end).
    fn span(&mut self, row: u32, col: u32) -> Result<(), ReadError> {
        self.rows = self.rows.max(u64::from(row) + 1);
        self.cols = self.cols.max(u64::from(col) + 1);
        let area = self.rows.saturating_mul(self.cols);
        if area > MAX_SHEET_AREA {
            return Err(too_wide(self.sheet, area));
        }
        Ok(())
    }
}

fn too_many_cells(sheet: &str, cells: u64) -> ReadError {
    ReadError::TooLarge {
        wat: format!("het werkblad '{sheet}'"),
        limiet: format!("{} gevulde cellen", grouped(MAX_SHEET_CELLS)),
        gevonden: format!("minstens {} gevulde cellen", grouped(cells)),
    }
}

fn too_wide(sheet: &str, area: u64) -> ReadError {
    ReadError::TooLarge {
        wat: format!("het werkblad '{sheet}'"),
        limiet: format!(
            "{} cellen van A1 tot de laatste cel",
            grouped(MAX_SHEET_AREA)
        ),
        gevonden: format!("minstens {}", grouped(area)),
    }
}

fn convert(d: &Data) -> CellValue {
    match d {
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::String(s) if s.is_empty() => CellValue::Empty,
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Bool(b) => CellValue::Bool(*b),
        // Only what calamine itself typed as a date becomes a Date; plain numbers never do.
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                CellValue::Date(format!("{y:04}-{mo:02}-{d:02}"))
            } else {
                CellValue::Date(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"))
            }
        }
        // A duration (`[h]:mm`) keeps its serial value in days.
        Data::DateTime(dt) => CellValue::Number(dt.as_f64()),
        Data::DateTimeIso(s) => CellValue::Date(s.clone()),
        Data::DurationIso(s) => CellValue::Text(s.clone()),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::Empty => CellValue::Empty,
    }
}

/// rust_xlsxwriter and other writers that store a placeholder `0` for each formula set
/// `fullCalcOnLoad` so that the application recomputes on opening. `xml` is `xl/workbook.xml`
/// as the package check inflated it (issue 15: it was opened and inflated a second time here);
/// only that attribute is looked for.
fn requests_full_recalc(xml: &[u8]) -> bool {
    let xml = String::from_utf8_lossy(xml);
    xml.contains("fullCalcOnLoad=\"1\"") || xml.contains("fullCalcOnLoad=\"true\"")
}

/// The sheets of an xlsx, and whether its workbook asks for a full recalculation on opening
/// (see [`requests_full_recalc`]).
fn read_xlsx(bytes: &[u8], notes: &mut Vec<String>) -> Result<(Vec<RawSheet>, bool), ReadError> {
    let f = SheetFormat::Xlsx;
    // Why: `Xlsx::new` first parses its input as an OLE container (to spot a password-protected
    // package) with the CFB parser that panics on malformed containers (see [`clean_ole`]). An
    // xlsx is a zip; an OLE file here is checked with the `cfb` crate and never given to calamine.
    if bytes.starts_with(&OLE_MAGIC) {
        let cf =
            cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| corrupt(f, not_opened(&e)))?;
        if cf.is_stream("/EncryptedPackage") {
            return Err(ReadError::Encrypted);
        }
        return Err(corrupt(
            f,
            "de werkmap kon niet worden geopend: een OLE-bestand, geen xlsx-werkmap".into(),
        ));
    }
    let stripped = without_macro_sheets(bytes)?;
    let bytes = match &stripped {
        Some((b, skipped)) => {
            for name in skipped {
                notes.push(format!(
                    "Werkblad '{name}' is een Excel 4-macroblad en is overgeslagen; de andere werkbladen zijn gelezen."
                ));
            }
            b.as_slice()
        }
        None => bytes,
    };
    let checked = checked_and_repaired(bytes)?;
    let bytes = checked.rewritten.as_deref().unwrap_or(bytes);
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| corrupt(f, not_opened(&e)))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let mut raw = RawSheet {
            name: name.clone(),
            ..Default::default()
        };
        let in_one_pass = match book.worksheet_cells_reader(&name) {
            Ok(mut cells) => values_and_formulas(&mut cells, &mut raw).is_some(),
            // A chart sheet has no cells: keep it as an empty sheet.
            Err(XlsxError::NotAWorksheet(_)) => {
                out.push(raw);
                continue;
            }
            Err(e) => return Err(sheet_error(f, &name, e)),
        };
        if !in_one_pass {
            raw = RawSheet {
                name: name.clone(),
                ..Default::default()
            };
            values_then_formulas(&mut book, &mut raw, notes)?;
        }
        // Without the word "mergeCell" in any part there are no merged cells to find. What the
        // search could still report is damage past `</sheetData>`, where nothing else is read.
        if checked.merges_possible {
            match book.merge_cells_by_sheet_name(&name) {
                Ok(dims) => raw.merged = merged(&dims),
                Err(e) => notes.push(format!(
                    "De samengevoegde cellen op werkblad '{name}' konden niet worden gelezen ({}).",
                    crate::osfout::library(&e)
                )),
            }
        }
        out.push(raw);
    }
    Ok((out, checked.full_recalc))
}

/// One pass over an xlsx sheet for its stored values and its formulas together (issue 15: the
/// sheet was inflated and parsed once for each). `None` when anything in the pass fails (a
/// library error or a size limit): the caller then reads the sheet with
/// [`values_then_formulas`], whose errors and notes are the ones users see. A pass that succeeds
/// gives what that function gives: the same values and formulas in the same order, and the size
/// limits only grow with each cell, so where every check passed here, each passes there.
/// The one difference is a cell whose `<f>` comes after its `<v>`, against the schema's order:
/// `next_cell` reads such a cell's value as empty, this pass keeps the stored value.
fn values_and_formulas(
    cells: &mut calamine::XlsxCellReader<'_, Cursor<&[u8]>>,
    raw: &mut RawSheet,
) -> Option<()> {
    let name = raw.name.clone();
    let mut extent = Extent::new(&name);
    let mut formula_extent = Extent::new(&name);
    while let Some(cell) = cells.next_cell_with_formula().ok()? {
        let (r, c) = cell.pos;
        raw.push(&mut extent, r, c, &Data::from(cell.value)).ok()?;
        if let Some(text) = cell.formula.filter(|t| !t.is_empty()) {
            formula_extent.include(r, c).ok()?;
            extent.span(r, c).ok()?;
            raw.formulas.push((r, c, formula::normalise(&text)));
        }
    }
    Some(())
}

/// An xlsx sheet's stored values, then its formulas, each in a pass of its own: a formula that
/// cannot be read costs only the formulas (a note), never the values.
fn values_then_formulas(
    book: &mut Xlsx<Cursor<&[u8]>>,
    raw: &mut RawSheet,
    notes: &mut Vec<String>,
) -> Result<(), ReadError> {
    let f = SheetFormat::Xlsx;
    let name = raw.name.clone();
    let mut extent = Extent::new(&name);
    let mut formula_extent = Extent::new(&name);
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| sheet_error(f, &name, e))?;
    while let Some(cell) = cells.next_cell().map_err(|e| sheet_error(f, &name, e))? {
        let (r, c) = cell.get_position();
        raw.push(&mut extent, r, c, &Data::from(cell.get_value().clone()))?;
    }
    drop(cells);
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| sheet_error(f, &name, e))?;
    push_formulas(
        || cells.next_formula(),
        raw,
        &mut extent,
        &mut formula_extent,
        notes,
    )
}

/// A sheet's formulas as its reader gives them (`next`). A formula that cannot be read ends the
/// formulas with a note; the values already read stay.
fn push_formulas<E: std::fmt::Display>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<String>>, E>,
    raw: &mut RawSheet,
    extent: &mut Extent,
    formula_extent: &mut Extent,
    notes: &mut Vec<String>,
) -> Result<(), ReadError> {
    loop {
        match next() {
            Ok(Some(cell)) if !cell.get_value().is_empty() => {
                let (r, c) = cell.get_position();
                formula_extent.include(r, c)?;
                extent.span(r, c)?;
                raw.formulas
                    .push((r, c, formula::normalise(cell.get_value())));
            }
            Ok(Some(_)) => {}
            Ok(None) => return Ok(()),
            Err(e) => {
                notes.push(format!(
                    "De formules op werkblad '{}' konden niet worden gelezen ({}); alleen de opgeslagen waarden zijn gebruikt.",
                    raw.name,
                    crate::osfout::library(&e)
                ));
                return Ok(());
            }
        }
    }
}

/// xlsb through calamine's `Xlsb`, streaming the cells like xlsx so that a sheet past
/// [`MAX_SHEET_CELLS`] is refused before anything dense is allocated. calamine 0.38 reads no
/// merged regions from xlsb (`Sheet::merged` stays empty, as for ods). A macro sheet in an xlsb
/// makes calamine refuse the whole workbook ("Unrecognized BoundSheet8:dt"); unlike xlsx the
/// binary workbook part is not rewritten here, so such a file is `onleesbaar` with that reason.
fn read_xlsb(bytes: &[u8], notes: &mut Vec<String>) -> Result<Vec<RawSheet>, ReadError> {
    let f = SheetFormat::Xlsb;
    let expanded = expand_short_cells(bytes)?;
    let bytes = expanded.as_deref().unwrap_or(bytes);
    let mut book = match Xlsb::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(XlsbError::Password) => return Err(ReadError::Encrypted),
        Err(e) => return Err(corrupt(f, not_opened(&e))),
    };
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let mut raw = RawSheet {
            name: name.clone(),
            ..Default::default()
        };
        let mut extent = Extent::new(&name);
        let mut formula_extent = Extent::new(&name);
        match book.worksheet_cells_reader(&name) {
            Ok(mut cells) => {
                while let Some(cell) = cells.next_cell().map_err(|e| sheet_error(f, &name, e))? {
                    let (r, c) = cell.get_position();
                    raw.push(&mut extent, r, c, &Data::from(cell.get_value().clone()))?;
                }
            }
            Err(e) => return Err(sheet_error(f, &name, e)),
        }
        match book.worksheet_cells_reader(&name) {
            Ok(mut cells) => push_formulas(
                || cells.next_formula(),
                &mut raw,
                &mut extent,
                &mut formula_extent,
                notes,
            )?,
            Err(e) => return Err(sheet_error(f, &name, e)),
        }
        out.push(raw);
    }
    Ok(out)
}

/// Why: MS-XLSB has "short" cell records (`BrtShortBlank` 0x0C … `BrtShortIsst` 0x12) for a cell
/// in the column right after the previous cell of its row: the same payload without the 4-byte
/// column. SheetJS writes them for every run of adjacent cells, and calamine 0.38 skips them
/// without a word (`_ => continue` in its xlsb cells reader): on `fixtures/formats/
/// begroting-laak.xlsb` it gave 27 of the begroting's cells, only the first cell of each run,
/// and the sheet had no begroting table any more. So every worksheet part is rewritten first,
/// each short record as its full counterpart (`BrtCellBlank` 0x01 … `BrtCellIsst` 0x07) with the
/// column made explicit, and calamine reads that. `Ok(None)`: no short records, nothing to do.
fn expand_short_cells(bytes: &[u8]) -> Result<Option<Vec<u8>>, ReadError> {
    let f = SheetFormat::Xlsb;
    let bad = |e: String| {
        corrupt(
            f,
            format!(
                "de werkmap kon niet worden gelezen ({})",
                crate::osfout::library(&e)
            ),
        )
    };
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(None);
    };
    let mut changed: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
        let name = entry.name().unwrap_or_default().into_owned();
        if !(name.starts_with("xl/worksheets/") && name.ends_with(".bin")) {
            continue;
        }
        let mut data = Vec::new();
        (&mut entry)
            .take(MAX_PART_BYTES.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| bad(e.to_string()))?;
        if data.len() as u64 > MAX_PART_BYTES {
            return Err(ReadError::TooLarge {
                wat: format!("onderdeel {name}"),
                limiet: crate::read::package::human_bytes(MAX_PART_BYTES),
                gevonden: format!(
                    "uitgepakt meer dan {}",
                    crate::read::package::human_bytes(MAX_PART_BYTES)
                ),
            });
        }
        if let Some(new) = expand_sheet_records(&data) {
            changed.push((name, new));
        }
    }
    if changed.is_empty() {
        return Ok(None);
    }
    let zerr = |e: zip::result::ZipError| bad(e.to_string());
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(zerr)?;
        let name = entry.name().unwrap_or_default().into_owned();
        match changed.iter().find(|(n, _)| *n == name) {
            Some((_, data)) => {
                drop(entry);
                out.start_file(name, zip::write::SimpleFileOptions::default())
                    .map_err(zerr)?;
                std::io::Write::write_all(&mut out, data).map_err(|e| bad(e.to_string()))?;
            }
            None => out.raw_copy_file(entry).map_err(zerr)?,
        }
    }
    Ok(Some(out.finish().map_err(zerr)?.into_inner()))
}

/// One worksheet part's records with short cells made full; `None` if it had none (or is not a
/// record stream we understand: then calamine gets it as it is and reports on it).
fn expand_sheet_records(d: &[u8]) -> Option<Vec<u8>> {
    fn varint(d: &[u8], at: &mut usize, max: usize) -> Option<usize> {
        let mut v = 0usize;
        for k in 0..max {
            let b = *d.get(*at)?;
            *at += 1;
            v |= usize::from(b & 0x7f) << (7 * k);
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        Some(v)
    }
    fn put_varint(out: &mut Vec<u8>, mut v: usize) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }
    let mut out = Vec::with_capacity(d.len() + d.len() / 4);
    let mut at = 0usize;
    let mut next_col: u32 = 0;
    let mut any = false;
    while at < d.len() {
        let typ = varint(d, &mut at, 2)?;
        let len = varint(d, &mut at, 4)?;
        let body = d.get(at..at.checked_add(len)?)?;
        at += len;
        match typ {
            // BrtRowHdr: a new row starts at column 0.
            0x0000 => next_col = 0,
            // Full cells (BrtCellBlank … BrtFmlaError): the column is in the first 4 bytes.
            0x0001..=0x000B => {
                let col = u32::from_le_bytes(body.get(..4)?.try_into().ok()?);
                next_col = col.saturating_add(1);
            }
            0x000C..=0x0012 => {
                any = true;
                put_varint(&mut out, typ - 0x000B);
                put_varint(&mut out, len + 4);
                out.extend_from_slice(&next_col.to_le_bytes());
                out.extend_from_slice(body);
                next_col = next_col.saturating_add(1);
                continue;
            }
            _ => {}
        }
        put_varint(&mut out, typ);
        put_varint(&mut out, len);
        out.extend_from_slice(body);
    }
    any.then_some(out)
}

/// A package rewritten without its macro sheets, and the names of the sheets taken out.
type Stripped = (Vec<u8>, Vec<String>);

/// Relationship types of Excel 4 macro sheets (`xl/macrosheets/…`).
const MACROSHEET_RELS: [&str; 2] = ["/xlMacrosheet", "/xlIntlMacrosheet"];

/// Why: calamine 0.38 refuses a whole workbook that lists an Excel 4 macro sheet
/// (`Unrecognized sheet:type: xl/macrosheets/sheet1.xml`, from its `read_workbook`, which knows
/// only worksheet, chartsheet and dialogsheet relationships). A begroting in an .xlsm that carries
/// such a sheet (old budget templates do) would be `onleesbaar` for a sheet that holds no budget.
/// So the `<sheet>` entries whose relationship is a macro sheet are taken out of
/// `xl/workbook.xml`, the package is written anew in memory (every other part copied as it is,
/// still compressed), and calamine reads that. `Ok(None)`: nothing to take out. Returns the names
/// of the sheets taken out, for a note.
fn without_macro_sheets(bytes: &[u8]) -> Result<Option<Stripped>, ReadError> {
    use crate::read::xml::attr;
    use quick_xml::events::Event;
    const WORKBOOK: &str = "xl/workbook.xml";
    const RELS: &str = "xl/_rels/workbook.xml.rels";
    let f = SheetFormat::Xlsx;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(None);
    };
    let part = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| {
        crate::read::package::read_part(zip, name, MAX_PART_BYTES, "xlsx")
    };
    let Some(rels) = part(&mut zip, RELS)? else {
        return Ok(None);
    };
    if !MACROSHEET_RELS.iter().any(|t| rels.contains(t)) {
        return Ok(None);
    }
    // The ids of the macro-sheet relationships.
    let mut macro_ids: Vec<String> = Vec::new();
    let mut reader = quick_xml::Reader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                if let (Some(id), Some(t)) = (attr(&e, "Id"), attr(&e, "Type")) {
                    if MACROSHEET_RELS.iter().any(|m| t.ends_with(m)) {
                        macro_ids.push(id);
                    }
                }
            }
            Ok(Event::DocType(_)) => {
                return Err(ReadError::Hostile(format!(
                    "{RELS} bevat een DOCTYPE-declaratie en is daarom niet gelezen"
                )))
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(corrupt(
                    f,
                    format!(
                        "{RELS} is geen geldige XML ({})",
                        crate::osfout::library(&e)
                    ),
                ))
            }
            _ => {}
        }
    }
    if macro_ids.is_empty() {
        return Ok(None);
    }
    let Some(workbook) = part(&mut zip, WORKBOOK)? else {
        return Ok(None);
    };
    // Copy workbook.xml event by event, leaving out the macro sheets' `<sheet>` elements.
    let mut skipped = Vec::new();
    let mut reader = quick_xml::Reader::from_str(&workbook);
    let mut writer = quick_xml::Writer::new(Vec::new());
    let mut skip_depth = 0usize;
    loop {
        let ev = reader.read_event().map_err(|e| {
            corrupt(
                f,
                format!(
                    "{WORKBOOK} is geen geldige XML ({})",
                    crate::osfout::library(&e)
                ),
            )
        })?;
        let is_macro_sheet = |e: &quick_xml::events::BytesStart| {
            e.local_name().as_ref() == "sheet"
                && attr(e, "id").is_some_and(|id| macro_ids.contains(&id))
        };
        let name_of = |e: &quick_xml::events::BytesStart| attr(e, "name").unwrap_or_default();
        match ev {
            Event::Eof => break,
            Event::DocType(_) => {
                return Err(ReadError::Hostile(format!(
                    "{WORKBOOK} bevat een DOCTYPE-declaratie en is daarom niet gelezen"
                )))
            }
            _ if skip_depth > 0 => match ev {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                _ => {}
            },
            Event::Empty(ref e) if is_macro_sheet(e) => skipped.push(name_of(e)),
            Event::Start(ref e) if is_macro_sheet(e) => {
                skipped.push(name_of(e));
                skip_depth = 1;
            }
            ev => writer.write_event(ev).map_err(|e| {
                corrupt(
                    f,
                    format!(
                        "{WORKBOOK} kon niet worden herschreven ({})",
                        crate::osfout::library(&e)
                    ),
                )
            })?,
        }
    }
    let new_workbook = writer.into_inner();
    let bytes = rewrite_package(&mut zip, vec![(WORKBOOK.to_string(), new_workbook)], f)?;
    Ok(Some((bytes, skipped)))
}

/// The package written anew in memory with the parts in `replaced` (name, new content) stored
/// uncompressed, and every other part copied as it is, still compressed. The xlsx and ods
/// repairs feed calamine this, and so does the xlsx check with every part it inflated: calamine
/// then copies those parts instead of inflating them a second time (issue 15). Uncompressed:
/// the package lives only in memory, for calamine, and deflating it again would cost more than
/// it saves.
fn rewrite_package(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    replaced: Vec<(String, Vec<u8>)>,
    f: SheetFormat,
) -> Result<Vec<u8>, ReadError> {
    let bad = |e: zip::result::ZipError| {
        corrupt(
            f,
            format!(
                "de werkmap kon niet worden herschreven ({})",
                crate::osfout::library(&e)
            ),
        )
    };
    // The output is sized up front and each replaced part is freed once written, so the
    // package and its parts are not held twice over (every part of a workbook may be here).
    let copied: u64 = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|e| e.compressed_size()))
        .fold(0, u64::saturating_add);
    let capacity = replaced
        .iter()
        .map(|(_, d)| d.len())
        .fold(usize::try_from(copied).unwrap_or(0), usize::saturating_add)
        .saturating_add(zip.len().saturating_mul(256))
        .min(1 << 30);
    // Looked up by name: with every part replaced, a search through the list per entry would
    // grow with the square of the number of parts.
    let mut replaced: std::collections::HashMap<String, Vec<u8>> = replaced.into_iter().collect();
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(capacity)));
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(bad)?;
        let new = entry
            .name()
            .ok()
            .and_then(|n| replaced.remove_entry(n.as_ref()));
        match new {
            Some((name, data)) => {
                drop(entry);
                out.start_file(name, stored).map_err(bad)?;
                std::io::Write::write_all(&mut out, &data).map_err(|e| {
                    corrupt(
                        f,
                        format!(
                            "de werkmap kon niet worden herschreven ({})",
                            crate::osfout::library(&e)
                        ),
                    )
                })?;
            }
            None => out.raw_copy_file(entry).map_err(bad)?,
        }
    }
    Ok(out.finish().map_err(bad)?.into_inner())
}

/// All XML parts of an xlsx together, inflated: four times one part's limit. A real workbook is
/// far below it (a full [`MAX_SHEET_CELLS`] sheet is some 50 MB of XML).
const MAX_WORKBOOK_XML_BYTES: u64 = 4 * MAX_PART_BYTES;

/// How much of a worksheet part is looked at for its `<dimension>`: it comes before
/// `<sheetData>`, after a few view and format elements.
const DIMENSION_PREFIX_BYTES: usize = 64 * 1024;

/// Why: the xlsx parts go through this one pass before calamine, for four reasons.
/// - calamine reads a worksheet only as far as it needs, so the zip crate never reaches the end of
///   the part, where it compares the CRC-32. A part damaged in transit (one byte changed) would be
///   read as far as the damage allows, silently: a fuzzed copy of the Laak begroting was read as
///   Laak's begroting in a release build. Every XML part under `xl/` is therefore read to its end
///   here, and a mismatch refuses the file as damaged ("beschadigd").
/// - calamine 0.38 parses a worksheet's `<dimension ref>` as a cell range and refuses the whole
///   workbook when it is not one ("Range is missing the expected column component"). LibreOffice
///   and exceljs write row-only (`ref="1:4"`) or column-only references for sheets with whole-row
///   formatting, and Excel opens them. The dimension is only a hint: the cells are read from
///   `<sheetData>` either way. So a `<dimension>` whose reference is not `A1` or `A1:B2` is taken
///   out of its worksheet part.
/// - calamine 0.38 subtracts a merged range's start from its end without a check (`get_dimension`):
///   a `<mergeCell ref="C6:C4"/>` written end first panics in a debug build and wraps to a range of
///   four billion rows in a release build. Excel reads a range either way round, so the reference
///   is written start first.
/// - calamine 0.38 refuses the workbook for a sheet `state` outside the standard
///   ([`sheet_states_known`]).
///
/// The package is written anew in memory with every part this pass inflated, repaired where
/// needed, stored uncompressed (the other parts copied as they are), and calamine reads that:
/// inflating each part here and again in calamine was a sixth of reading an xlsx (issue 15).
/// [`Checked::rewritten`] is `None` only when there was nothing to repair and the package could
/// not be written anew.
fn checked_and_repaired(bytes: &[u8]) -> Result<Checked, ReadError> {
    checked_and_repaired_within(bytes, MAX_WORKBOOK_XML_BYTES)
}

/// What [`checked_and_repaired`] found in a package.
struct Checked {
    /// The package written anew with every part the check inflated (repaired where needed)
    /// stored uncompressed; `None` when it could not be written anew and nothing needed repair.
    rewritten: Option<Vec<u8>>,
    /// Whether any part was repaired (not only stored anew). Read only by the tests, which
    /// compare a package stored anew without repair with the file it came from.
    #[cfg_attr(not(test), allow(dead_code))]
    repairs: bool,
    /// Whether any part may hold merged cells. When not, calamine's search for them, a parse
    /// of every worksheet from its start to its end (issue 15: an eighth of reading an xlsx),
    /// cannot find any and is left out. Conservative: true for a package that is not read here,
    /// for a part that is not UTF-8, and for a part outside `xl/` that could be a sheet.
    merges_possible: bool,
    /// Whether `xl/workbook.xml` asks for a full recalculation on opening
    /// ([`requests_full_recalc`]); false when the package or that part is not read here.
    full_recalc: bool,
}

/// [`checked_and_repaired`] with the budget for all parts together as a parameter (for tests).
fn checked_and_repaired_within(bytes: &[u8], budget: u64) -> Result<Checked, ReadError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(Checked {
            rewritten: None,
            repairs: false,
            merges_possible: true,
            full_recalc: false,
        });
    };
    let parts: Vec<String> = zip
        .file_names()
        .flatten()
        .filter(|n| n.starts_with("xl/") && (n.ends_with(".xml") || n.ends_with(".rels")))
        .map(|n| n.to_string())
        .collect();
    // A relationship may point a sheet anywhere in the package; only the document properties,
    // the content types and the relationships themselves are known not to be sheets.
    let mut merges_possible = zip.file_names().any(|n| match n {
        Ok(n) => {
            !n.starts_with("xl/")
                && !n.starts_with("docProps/")
                && n != "[Content_Types].xml"
                && !n.ends_with(".rels")
                && !n.ends_with('/')
        }
        Err(_) => true,
    });
    // Every part read here, repaired or as it is, for the package calamine reads.
    let mut inflated: Vec<(String, Vec<u8>)> = Vec::new();
    let mut any_repair = false;
    let mut full_recalc = false;
    let mut total: u64 = 0;
    for name in parts {
        let Some(xml) =
            crate::read::package::read_part_bytes(&mut zip, &name, MAX_PART_BYTES, "xlsx")?
        else {
            continue;
        };
        // Every part: a sheet may live anywhere under `xl/`, and its name need not say so.
        merges_possible =
            merges_possible || std::str::from_utf8(&xml).map_or(true, |x| x.contains("mergeCell"));
        // Each part is bounded; so is their sum (a package of many large parts is a zip bomb,
        // and the repaired parts are kept until the package is written anew).
        total = total.saturating_add(xml.len() as u64);
        if total > budget {
            return Err(ReadError::TooLarge {
                wat: "de werkmap (alle onderdelen uitgepakt)".into(),
                limiet: crate::read::package::human_bytes(budget),
                gevonden: format!(
                    "uitgepakt meer dan {}",
                    crate::read::package::human_bytes(budget)
                ),
            });
        }
        if name == "xl/workbook.xml" {
            full_recalc = requests_full_recalc(&xml);
            match std::str::from_utf8(&xml).ok().and_then(sheet_states_known) {
                Some(fixed) => {
                    any_repair = true;
                    inflated.push((name, fixed.into_bytes()));
                }
                None => inflated.push((name, xml)),
            }
            continue;
        }
        if !name.starts_with("xl/worksheets/") {
            inflated.push((name, xml));
            continue;
        }
        // A part that is not UTF-8 is left to calamine, which says what is wrong with it.
        let xml = match String::from_utf8(xml) {
            Ok(xml) => xml,
            Err(e) => {
                inflated.push((name, e.into_bytes()));
                continue;
            }
        };
        let mut prefix_end = xml.len().min(DIMENSION_PREFIX_BYTES);
        while !xml.is_char_boundary(prefix_end) {
            prefix_end -= 1;
        }
        let mut fixed = partial_dimension(&xml[..prefix_end]).map(|el| xml.replacen(el, "", 1));
        if let Some(ordered) = merges_start_first(fixed.as_deref().unwrap_or(&xml)) {
            fixed = Some(ordered);
        }
        match fixed {
            Some(fixed) => {
                any_repair = true;
                inflated.push((name, fixed.into_bytes()));
            }
            None => inflated.push((name, xml.into_bytes())),
        }
    }
    // The package with every part read here stored uncompressed, so calamine does not inflate
    // them again. A repair must reach calamine; without one, a package that cannot be written
    // anew (a name twice, say) is read as it came, as before.
    let rewritten = match rewrite_package(&mut zip, inflated, SheetFormat::Xlsx) {
        Ok(p) => Some(p),
        Err(e) if any_repair => return Err(e),
        Err(_) => None,
    };
    Ok(Checked {
        rewritten,
        repairs: any_repair,
        merges_possible,
        full_recalc,
    })
}

/// `xml` (the workbook part) with every sheet `state` outside the standard's three values
/// (`visible`, `hidden`, `veryHidden`) written as `visible`, or `None` when all are standard.
///
/// Why: calamine 0.38 refuses the whole workbook for one unknown value ("Unrecognized
/// sheet:state: show", exceljs's `test-row-styles.xlsx` in `../shared/corpus/sheets`), where
/// LibreOffice opens it and shows the sheet. A state that is not "hidden" is a visible sheet.
fn sheet_states_known(xml: &str) -> Option<String> {
    static STATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(<(?:[A-Za-z0-9_]+:)?sheet\b[^>]*?\bstate\s*=\s*["'])([^"']*)(["'])"#)
            .expect("vaste reguliere expressie")
    });
    let mut changed = false;
    let out = STATE.replace_all(xml, |c: &regex::Captures| {
        if matches!(&c[2], "visible" | "hidden" | "veryHidden") {
            return c[0].to_string();
        }
        changed = true;
        format!("{}visible{}", &c[1], &c[3])
    });
    changed.then(|| out.into_owned())
}

/// `xml` with every `<mergeCell ref="…">` written start first (`C6:C4` becomes `C4:C6`), or
/// `None` when every merged range already is.
fn merges_start_first(xml: &str) -> Option<String> {
    static MERGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r#"(<(?:[A-Za-z0-9_]+:)?mergeCell\b[^>]*?\bref\s*=\s*["'])\$?([A-Za-z]{1,3})\$?([0-9]{1,7}):\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(["'])"#,
        )
        .expect("vaste reguliere expressie")
    });
    if !xml.contains("mergeCell") {
        return None;
    }
    let column = |letters: &str| {
        letters.bytes().fold(0u32, |n, b| {
            n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
        })
    };
    let mut changed = false;
    let out = MERGE.replace_all(xml, |c: &regex::Captures| {
        let (c1, r1) = (column(&c[2]), c[3].parse::<u32>().unwrap_or(0));
        let (c2, r2) = (column(&c[4]), c[5].parse::<u32>().unwrap_or(0));
        if c1 <= c2 && r1 <= r2 {
            return c[0].to_string();
        }
        changed = true;
        let (first, last) = if c1 <= c2 {
            (&c[2], &c[4])
        } else {
            (&c[4], &c[2])
        };
        format!(
            "{}{first}{}:{last}{}{}",
            &c[1],
            r1.min(r2),
            r1.max(r2),
            &c[6]
        )
    });
    changed.then(|| out.into_owned())
}

/// The `<dimension …/>` element in `xml` when its `ref` is not a cell or a cell range (e.g.
/// `1:4`, `A:C`): the exact text of the element, to take out.
fn partial_dimension(xml: &str) -> Option<&str> {
    static CELL_RANGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\$?[A-Za-z]{1,3}\$?[0-9]{1,7}(:\$?[A-Za-z]{1,3}\$?[0-9]{1,7})?$")
            .expect("vaste reguliere expressie")
    });
    let start = xml.find("<dimension").or_else(|| {
        // A prefixed SpreadsheetML namespace (`<x:dimension`).
        xml.match_indices(":dimension")
            .map(|(i, _)| i)
            .find_map(|i| {
                xml[..i]
                    .rfind('<')
                    .filter(|&lt| !xml[lt..i].contains(['>', ' ']))
            })
    })?;
    let rest = &xml[start..];
    let tag_end = rest.find('>')?;
    let end = if rest[..tag_end].ends_with('/') {
        tag_end + 1
    } else {
        rest.find("dimension>").map(|i| i + "dimension>".len())?
    };
    let element = &rest[..end];
    let reference = element.split("ref=").nth(1)?;
    let quote = reference
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'')?;
    let value = reference[1..].split(quote).next()?;
    (!CELL_RANGE.is_match(value.trim())).then_some(element)
}

fn sheet_error(f: SheetFormat, sheet: &str, e: impl std::fmt::Display) -> ReadError {
    corrupt(
        f,
        format!(
            "werkblad '{sheet}' kon niet worden gelezen: {}",
            crate::osfout::library(&e)
        ),
    )
}

/// Merged regions as (first row, first column, last row, last column). Start and end are ordered
/// here as well: xls merges come from calamine without the xlsx repair above.
fn merged(dims: &[Dimensions]) -> Vec<(u32, u32, u32, u32)> {
    dims.iter()
        .map(|d| {
            (
                d.start.0.min(d.end.0),
                d.start.1.min(d.end.1),
                d.start.0.max(d.end.0),
                d.start.1.max(d.end.1),
            )
        })
        .collect()
}

/// The values of a calamine range with absolute positions into `raw`, refusing oversized sheets.
fn range_values(raw: &mut RawSheet, range: &Range<Data>) -> Result<(), ReadError> {
    let name = raw.name.clone();
    let mut extent = Extent::new(&name);
    if let Some((r, c)) = range.end() {
        extent.span(r, c)?;
    }
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, d) in range.used_cells() {
        raw.push(&mut extent, r0 + r as u32, c0 + c as u32, d)?;
    }
    Ok(())
}

fn range_formulas(range: &Range<String>) -> Vec<(u32, u32, String)> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .filter(|(_, _, f)| !f.is_empty())
        .map(|(r, c, f)| (r0 + r as u32, c0 + c as u32, formula::normalise(f)))
        .collect()
}

/// OLE compound file (CFB) signature.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The streams of an .xls container that calamine reads.
const XLS_STREAMS: [&str; 4] = [
    "/Workbook",
    "/Book",
    "/\u{5}SummaryInformation",
    "/\u{5}DocumentSummaryInformation",
];

/// Why: calamine 0.38 reads OLE containers with its own CFB parser, which panics on truncated
/// or malformed ones (slice index out of range in its `cfb.rs:320`, `assert_eq!` in its
/// `utils.rs:29`; found by the xls and xlsx fuzz targets, see fuzz/README.md). The `cfb` crate,
/// which intake already uses to sniff, checks the container and returns errors instead; the
/// streams calamine needs are copied into a fresh container written by that crate, so calamine's
/// CFB parser only ever sees a well-formed one.
fn clean_ole(bytes: &[u8], f: SheetFormat) -> Result<Vec<u8>, ReadError> {
    let bad = |e: std::io::Error| corrupt(f, not_opened(&e));
    let mut src = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(bad)?;
    // Version 3 (512-byte sectors), as Excel writes .xls; calamine refuses a version 4 container
    // whose root has no mini stream.
    let mut dst = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
        .map_err(bad)?;
    for name in XLS_STREAMS {
        if !src.is_stream(name) {
            continue;
        }
        let mut data = Vec::new();
        src.open_stream(name)
            .and_then(|s| s.take(MAX_PART_BYTES).read_to_end(&mut data))
            .map_err(bad)?;
        if name == "/Workbook" || name == "/Book" {
            xls_precheck(&data)?;
        }
        dst.create_stream(name)
            .and_then(|mut s| std::io::Write::write_all(&mut s, &data))
            .map_err(bad)?;
    }
    dst.flush().map_err(bad)?;
    Ok(dst.into_inner().into_inner())
}

/// BIFF records the way calamine's `RecordIter` yields them: type and data, with following
/// CONTINUE (0x003C) records folded into the record before them. Stops where calamine would
/// report a malformed stream.
struct BiffRecords<'a>(&'a [u8]);

impl<'a> Iterator for BiffRecords<'a> {
    type Item = (u16, &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        let s = self.0;
        let typ = u16::from_le_bytes([*s.first()?, *s.get(1)?]);
        let len = usize::from(u16::from_le_bytes([*s.get(2)?, *s.get(3)?]));
        let data = s.get(4..4 + len)?;
        let mut rest = s.get(4 + len..)?;
        while rest.len() > 4 && rest.starts_with(&[0x3C, 0x00]) {
            let l = usize::from(u16::from_le_bytes([rest[2], rest[3]]));
            rest = rest.get(4 + l..)?;
        }
        self.0 = rest;
        Some((typ, data))
    }
}

fn le16(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
    ])))
}

fn le32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// A BIFF8 BOUNDSHEET record's sheet name (for messages only; `None` when it is not plain
/// BIFF8 text).
fn boundsheet_name(d: &[u8]) -> Option<String> {
    let n = usize::from(*d.get(6)?);
    match *d.get(7)? {
        0 => Some(d.get(8..8 + n)?.iter().map(|&b| char::from(b)).collect()),
        1 => {
            let units: Vec<u16> = d
                .get(8..8 + 2 * n)?
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        _ => None,
    }
}

/// Why: calamine builds every xls sheet as a dense range from its first to its last cell
/// (`Range::from_sparse`) and reserves the cells a DIMENSIONS record claims, all inside
/// `Xls::new`, before [`Extent`] can look. Two cells far apart made it ask for 134 GB; a
/// failed allocation aborts the process, which no `catch_unwind` catches (found by the xls fuzz
/// target, see fuzz/README.md). So the Workbook stream is walked here first the way calamine
/// walks it (sheets from the BOUNDSHEET offsets, embedded substreams skipped, to each sheet's
/// EOF), and a sheet with more than [`MAX_SHEET_CELLS`] filled cells, or whose cells or claimed
/// dimensions span more than [`MAX_SHEET_AREA`], is refused.
fn xls_precheck(workbook: &[u8]) -> Result<(), ReadError> {
    let mut offsets = Vec::new();
    for (typ, data) in BiffRecords(workbook) {
        match typ {
            0x0085 => offsets.extend(le32(data, 0).map(|p| (p, boundsheet_name(data)))),
            // FILEPASS: the workbook is encrypted (RC4 or XOR obfuscation). The record data
            // that follows is ciphertext, so nothing after it (cell positions, dimensions) can
            // be measured; say what it is instead of a size the garbage seems to claim.
            0x002F => return Err(ReadError::Encrypted),
            0x000A => break,
            _ => {}
        }
    }
    for (i, (pos, name)) in offsets.into_iter().enumerate() {
        let Some(stream) = workbook.get(pos as usize..) else {
            continue;
        };
        let name = name.unwrap_or_else(|| format!("{}", i + 1));
        let mut extent = Extent::new(&name);
        let (mut seen_bof, mut nested) = (false, 0usize);
        for (typ, data) in BiffRecords(stream) {
            if nested > 0 {
                match typ {
                    0x0809 => nested += 1,
                    0x000A => nested -= 1,
                    _ => {}
                }
                continue;
            }
            match typ {
                0x0809 if seen_bof => nested += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                // DIMENSIONS, read as calamine does (including its wrap-around when the last
                // row or column is before the first).
                0x0200 => {
                    let (rf, rl, cf, cl) = match data.len() {
                        10 => (le16(data, 0), le16(data, 2), le16(data, 4), le16(data, 6)),
                        14 | 16 => (le32(data, 0), le32(data, 4), le16(data, 8), le16(data, 10)),
                        _ => break,
                    };
                    let (Some(rf), Some(rl), Some(cf), Some(cl)) = (rf, rl, cf, cl) else {
                        break;
                    };
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    let (er, ec) = if rl >= 1 && cl >= 1 {
                        (rl - 1, cl - 1)
                    } else {
                        (rf, cf)
                    };
                    let rows = u64::from(er.wrapping_sub(rf).wrapping_add(1));
                    let cols = u64::from(ec.wrapping_sub(cf).wrapping_add(1));
                    let area = rows.saturating_mul(cols);
                    if area > MAX_SHEET_AREA {
                        return Err(too_wide(&name, area));
                    }
                }
                // Cells: Number, Label, RString, BoolErr, Rk, LabelSst, Formula.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    if let (Some(r), Some(c)) = (le16(data, 0), le16(data, 2)) {
                        extent.include(r, c)?;
                    }
                }
                // MulRk: one row, a run of columns.
                0x00BD => {
                    let last = data.len().saturating_sub(2);
                    if let (Some(r), Some(c0), Some(c1)) =
                        (le16(data, 0), le16(data, 2), le16(data, last))
                    {
                        extent.include_run(r, c0, c1)?;
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

fn read_xls(bytes: &[u8], notes: &mut Vec<String>) -> Result<Vec<RawSheet>, ReadError> {
    let f = SheetFormat::Xls;
    // Garbage that is no OLE file at all still gets calamine's own message.
    let clean;
    let bytes = if bytes.starts_with(&OLE_MAGIC) {
        clean = clean_ole(bytes, f)?;
        clean.as_slice()
    } else {
        bytes
    };
    let mut book = match Xls::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(XlsError::Password) => return Err(ReadError::Encrypted),
        Err(e) => return Err(corrupt(f, not_opened(&e))),
    };
    read_sheets(&mut book, f, notes, |book, name| {
        book.merge_cells_by_sheet_name(name).map(|d| merged(&d))
    })
}

fn read_ods(bytes: &[u8], notes: &mut Vec<String>) -> Result<Vec<RawSheet>, ReadError> {
    let f = SheetFormat::Ods;
    let empty_results = ods_precheck(bytes)?;
    let repaired = ods_without_table_whitespace(bytes)?;
    let bytes = repaired.as_deref().unwrap_or(bytes);
    let mut book = match Ods::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(OdsError::Password) => return Err(ReadError::Encrypted),
        Err(e) => return Err(corrupt(f, not_opened(&e))),
    };
    // calamine reads no merged regions from ods: `merged` stays empty.
    let mut sheets = read_sheets(&mut book, f, notes, |_, _| Ok::<_, OdsError>(Vec::new()))?;
    // calamine reads an empty-string formula result as an empty cell; the precheck saw it.
    for (table, r, c) in empty_results {
        if let Some(raw) = sheets.iter_mut().find(|s| s.name == table) {
            raw.empty_text.push((r, c));
        }
    }
    Ok(sheets)
}

/// Why: calamine 0.38 expects the next `table:table-cell` right after a cell and refuses the
/// whole workbook when white space stands between them ("Expecting 'table-cell', found
/// 'Text(… "\n  " …)'"). KSpread and other writers that indent their XML put line breaks there
/// (odfpy's `pythagoras-kspread.ods` in `../shared/corpus/sheets`), and LibreOffice opens such a
/// file. Between two table elements white space carries nothing (a cell's text is in its
/// `text:p`), so it is taken out there and only there; inside paragraphs it stays. `Ok(None)`:
/// nothing to take out.
fn ods_without_table_whitespace(bytes: &[u8]) -> Result<Option<Vec<u8>>, ReadError> {
    static AFTER_TABLE_TAG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(</?table:[A-Za-z-]+(?:[ \t\r\n][^>]*)?/?>)[ \t\r\n]+")
            .expect("vaste reguliere expressie")
    });
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(None);
    };
    let Some(xml) =
        crate::read::package::read_part(&mut zip, "content.xml", MAX_PART_BYTES, "ods")?
    else {
        return Ok(None);
    };
    let mut changed = false;
    let fixed = AFTER_TABLE_TAG.replace_all(&xml, |c: &regex::Captures| {
        let end = c.get(0).map_or(0, |m| m.end());
        let next = &xml[end..];
        if next.starts_with("<table:") || next.starts_with("</table:") {
            changed = true;
            c[1].to_string()
        } else {
            c[0].to_string()
        }
    });
    if !changed {
        return Ok(None);
    }
    let fixed = fixed.into_owned().into_bytes();
    rewrite_package(
        &mut zip,
        vec![("content.xml".to_string(), fixed)],
        SheetFormat::Ods,
    )
    .map(Some)
}

/// Every sheet of an opened xls/ods workbook: values, formulas (a failure there is a note: the
/// stored values still count) and merged regions (`merges`, per format).
fn read_sheets<'a, B, E>(
    book: &mut B,
    f: SheetFormat,
    notes: &mut Vec<String>,
    merges: impl Fn(&mut B, &str) -> Result<Vec<(u32, u32, u32, u32)>, E>,
) -> Result<Vec<RawSheet>, ReadError>
where
    B: Reader<Cursor<&'a [u8]>>,
    B::Error: std::fmt::Display,
    E: std::fmt::Display,
{
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| sheet_error(f, &name, e))?;
        let mut raw = RawSheet {
            name: name.clone(),
            ..Default::default()
        };
        range_values(&mut raw, &range)?;
        match book.worksheet_formula(&name) {
            Ok(fr) => raw.formulas = range_formulas(&fr),
            Err(e) => notes.push(format!(
                "De formules op werkblad '{name}' konden niet worden gelezen ({}); alleen de opgeslagen waarden zijn gebruikt.",
                crate::osfout::library(&e)
            )),
        }
        match merges(book, &name) {
            Ok(m) => raw.merged = m,
            Err(e) => notes.push(format!(
                "De samengevoegde cellen op werkblad '{name}' konden niet worden gelezen ({}).",
                crate::osfout::library(&e)
            )),
        }
        out.push(raw);
    }
    Ok(out)
}

/// Formula cells of an .ods whose stored result is an empty string, as (table, row, column).
type EmptyResults = Vec<(String, u32, u32)>;

/// A cell open in `content.xml` while [`ods_precheck`] walks it.
struct OdsCell {
    /// `table:number-columns-repeated`.
    reps: u64,
    /// Has a value type or text: counts for the extent.
    filled: bool,
    /// A formula with no `office:value-type`: LibreOffice writes a formula whose result is an
    /// empty string that way, with an empty `<text:p/>`. A script that stored no result at all
    /// writes no paragraph either.
    formula_without_type: bool,
    /// A `text:p` was seen inside the cell.
    paragraph: bool,
    /// Element depth inside the cell.
    depth: usize,
}

/// Most columns calamine gives an ods row (it caps repeats there).
const ODS_MAX_COLUMNS: u64 = 16_384;
/// Most rows calamine gives an ods table (it caps row repeats there).
const ODS_MAX_ROWS: u64 = 1_048_576;

/// Why: `Ods::new` parses every table and expands repeated cells and rows into memory before
/// [`Extent`] can look at a range. calamine 0.38 caps a table at 100 million cells, which is
/// more than the worker's memory: a 927-byte .ods with one row (`number-rows-repeated="6000"`)
/// of one value cell repeated 16.000 columns took 30 s and over 3 GB before failing (see
/// fuzz/README.md). So the extent calamine would build is measured on `content.xml` first,
/// streaming and without allocating per cell, and refused past [`MAX_SHEET_AREA`] like any
/// other sheet. Two measures per table: the dense extent from A1 (what [`Extent`] checks
/// afterwards), and the cells calamine pushes row element by row element before it applies
/// row repeats.
///
/// Also why: calamine 0.38 loops forever when `content.xml` ends inside an unclosed
/// `table:table` (its `read_table` ignores `Eof`) or `office:annotation` (found by the ods fuzz
/// target: a cut-off part hung past any deadline). So a `content.xml` that is not well-formed
/// XML, or ends with elements still open, is refused here as corrupt.
fn ods_precheck(bytes: &[u8]) -> Result<EmptyResults, ReadError> {
    use quick_xml::events::Event;
    let mut empty_results = EmptyResults::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(empty_results);
    };
    // An encrypted package keeps its manifest readable and says so there; its content.xml is
    // ciphertext, which would otherwise be reported as "geen geldige XML".
    if let Some(manifest) =
        crate::read::package::read_part(&mut zip, "META-INF/manifest.xml", MAX_PART_BYTES, "ods")?
    {
        if manifest.contains("encryption-data") {
            return Err(ReadError::Encrypted);
        }
    }
    let Ok(part) = zip.by_name("content.xml") else {
        return Ok(empty_results);
    };
    let mut reader =
        quick_xml::Reader::from_reader(std::io::BufReader::new(part.take(MAX_PART_BYTES)));
    let mut buf = Vec::new();
    let mut table = String::new();
    let (mut row, mut row_repeats, mut col, mut width) = (0u64, 1u64, 0u64, 0u64);
    let (mut pushed, mut rows_end, mut cols_end) = (0u64, 0u64, 0u64);
    // The open cell, if any.
    let mut cell: Option<OdsCell> = None;
    let mut open = 0usize;
    loop {
        let ev = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) if open == 0 => return Ok(empty_results),
            Ok(Event::Eof) => {
                return Err(corrupt(
                    SheetFormat::Ods,
                    format!("content.xml is afgebroken: {open} element(en) niet afgesloten"),
                ))
            }
            Err(_) => {
                return Err(corrupt(
                    SheetFormat::Ods,
                    format!(
                        "content.xml is geen geldige XML (fout rond byte {})",
                        reader.error_position()
                    ),
                ))
            }
            Ok(ev) => ev,
        };
        match &ev {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            _ => {}
        }
        if let Some(c) = cell.as_mut() {
            match &ev {
                Event::Start(e) | Event::Empty(e) if e.name().0 == "text:p" => {
                    c.paragraph = true;
                    if let Event::Start(_) = ev {
                        c.depth += 1;
                    }
                }
                Event::Start(_) => c.depth += 1,
                Event::End(_) if c.depth > 0 => c.depth -= 1,
                Event::Text(t) if t.chars().any(|ch| !ch.is_whitespace()) => c.filled = true,
                Event::GeneralRef(_) | Event::CData(_) => c.filled = true,
                Event::End(_) => {
                    if c.formula_without_type && c.paragraph && !c.filled {
                        if let (Ok(r), Ok(col_at)) = (u32::try_from(row), u32::try_from(col)) {
                            empty_results.push((table.clone(), r, col_at));
                        }
                    }
                    col = col.saturating_add(c.reps).min(ODS_MAX_COLUMNS);
                    if c.filled || c.formula_without_type {
                        width = col;
                    }
                    cell = None;
                }
                _ => {}
            }
            buf.clear();
            continue;
        }
        let (e, closed) = match &ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) if e.name().0 == "table:table-row" => {
                if width > 0 {
                    pushed = pushed.saturating_add(width);
                    rows_end = row.saturating_add(row_repeats).min(ODS_MAX_ROWS);
                    cols_end = cols_end.max(width);
                }
                row = row.saturating_add(row_repeats).min(ODS_MAX_ROWS);
                // What calamine allocates: the cells it pushes and the dense grid it builds.
                let cells = pushed.max(rows_end.saturating_mul(cols_end));
                if cells > MAX_SHEET_AREA {
                    return Err(too_wide(&table, cells));
                }
                buf.clear();
                continue;
            }
            _ => {
                buf.clear();
                continue;
            }
        };
        let attr = |name: &str| -> Option<String> {
            e.attributes()
                .with_checks(false)
                .flatten()
                .find(|a| a.key.0 == name)
                .map(|a| a.value.into_owned())
        };
        match e.name().0 {
            "table:table" => {
                table = attr("table:name").unwrap_or_default();
                (row, pushed, rows_end, cols_end) = (0, 0, 0, 0);
            }
            "table:table-row" if !closed => {
                row_repeats = attr("table:number-rows-repeated")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1);
                (col, width) = (0, 0);
            }
            "table:table-row" => {
                let reps: u64 = attr("table:number-rows-repeated")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1);
                row = row.saturating_add(reps).min(ODS_MAX_ROWS);
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let reps = attr("table:number-columns-repeated")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1u64);
                let typed = attr("office:value-type").is_some();
                let formula = attr("table:formula").is_some();
                if closed {
                    col = col.saturating_add(reps).min(ODS_MAX_COLUMNS);
                    if typed || formula {
                        width = col;
                    }
                } else {
                    cell = Some(OdsCell {
                        reps,
                        filled: typed,
                        formula_without_type: formula && !typed,
                        paragraph: false,
                        depth: 0,
                    });
                }
            }
            _ => {}
        }
        buf.clear();
    }
}

/// Sparse cells into dense rows from A1. A formula cell whose stored value is a placeholder
/// (`zero_is_unset`: the writer asked for recalculation and stored 0) loses that value so that
/// the evaluator computes it.
fn densify(raw: RawSheet, zero_is_unset: bool) -> Sheet {
    let mut rows: Vec<Vec<SheetCell>> = Vec::new();
    let slot = |rows: &mut Vec<Vec<SheetCell>>, r: u32, c: u32| -> (usize, usize) {
        let (r, c) = (r as usize, c as usize);
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        if let Some(row) = rows.get_mut(r) {
            if row.len() <= c {
                row.resize_with(c + 1, SheetCell::default);
            }
        }
        (r, c)
    };
    for (r, c, value) in raw.values {
        let (r, c) = slot(&mut rows, r, c);
        if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
            cell.value = value;
        }
    }
    for (r, c, f) in raw.formulas {
        let (r, c) = slot(&mut rows, r, c);
        if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
            if zero_is_unset && cell.value == CellValue::Number(0.0) {
                cell.value = CellValue::Empty;
            }
            cell.formula = Some(f);
        }
    }
    // An empty string stored as a formula's result is that formula's value (Excel and
    // LibreOffice show an empty cell and never recompute it), so the cell is not "a formula
    // without a stored value". An empty string in a plain cell stays an empty cell. A writer
    // that asks for recalculation on opening (`zero_is_unset`) stores placeholders, `0` or an
    // empty `<v></v>` (rust_xlsxwriter), so there they are not values.
    let empty_results = if zero_is_unset {
        Vec::new()
    } else {
        raw.empty_text
    };
    for (r, c) in empty_results {
        if let Some(cell) = rows
            .get_mut(r as usize)
            .and_then(|row| row.get_mut(c as usize))
        {
            if cell.formula.is_some() && cell.value == CellValue::Empty {
                cell.value = CellValue::Text(String::new());
            }
        }
    }
    Sheet {
        name: raw.name,
        rows,
        merged: raw.merged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_corrupt_with_dutch_detail() {
        for format in [SheetFormat::Xlsx, SheetFormat::Xls, SheetFormat::Ods] {
            match read_sheet(b"dit is geen rekenblad", format) {
                Err(ReadError::Corrupt { soort, detail }) => {
                    assert_eq!(soort, format.soort());
                    assert!(
                        detail.starts_with("de werkmap kon niet worden geopend"),
                        "{detail}"
                    );
                }
                other => panic!("{format:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn extent_counts_filled_cells_not_the_area() {
        // Four cells, one at IV65536: the whole .xls grid, still four cells (issue 11).
        let mut e = Extent::new("Blad1");
        for (r, c) in [(0, 0), (0, 1), (1, 0), (65_535, 255)] {
            assert!(e.include(r, c).is_ok());
        }
        // One column further is past the area an .xls can have.
        match e.include(0, 256) {
            Err(ReadError::TooLarge {
                wat,
                limiet,
                gevonden,
            }) => {
                assert_eq!(wat, "het werkblad 'Blad1'");
                assert_eq!(limiet, "16.777.216 cellen van A1 tot de laatste cel");
                assert_eq!(gevonden, "minstens 16.842.752");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn extent_refuses_the_millionth_and_first_filled_cell() {
        let mut e = Extent::new("Blad1");
        // 1.000 × 1.000 filled cells: the limit exactly.
        for r in 0..1000 {
            for c in 0..1000 {
                assert!(e.include(r, c).is_ok());
            }
        }
        match e.include(1000, 0) {
            Err(ReadError::TooLarge {
                limiet, gevonden, ..
            }) => {
                assert_eq!(limiet, "1.000.000 gevulde cellen");
                assert_eq!(gevonden, "minstens 1.000.001 gevulde cellen");
            }
            other => panic!("{other:?}"),
        }
        // A run of cells (xls MULRK) counts every cell in it.
        let mut run = Extent::new("Blad1");
        assert!(run.include_run(0, 0, 9).is_ok());
        assert_eq!(run.cells, 10);
    }

    #[test]
    fn xlsx_far_cell_is_too_large_before_allocating() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.write(0, 0, 1).ok();
        ws.write(1_000_000, 100, 1).ok();
        let bytes = book.save_to_buffer().unwrap_or_default();
        assert!(matches!(
            read_sheet(&bytes, SheetFormat::Xlsx),
            Err(ReadError::TooLarge { .. })
        ));
    }

    #[test]
    fn values_are_normalised() {
        assert_eq!(convert(&Data::Int(3)), CellValue::Number(3.0));
        assert_eq!(convert(&Data::Float(2.5)), CellValue::Number(2.5));
        assert_eq!(convert(&Data::String(String::new())), CellValue::Empty);
        assert_eq!(
            convert(&Data::Error(calamine::CellErrorType::Div0)),
            CellValue::Error("#DIV/0!".into())
        );
        assert_eq!(
            convert(&Data::DateTimeIso("2025-03-01".into())),
            CellValue::Date("2025-03-01".into())
        );
        let date =
            calamine::ExcelDateTime::new(45717.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(
            convert(&Data::DateTime(date)),
            CellValue::Date("2025-03-01".into())
        );
    }

    #[test]
    fn xlsxwriter_placeholder_zero_is_recomputed() {
        // rust_xlsxwriter's default stores 0 for each formula and sets fullCalcOnLoad.
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.write(0, 0, 20).ok();
        ws.write(1, 0, 22).ok();
        ws.write_formula(2, 0, "=SUM(A1:A2)").ok();
        ws.write_formula(3, 0, "=A1-20").ok();
        let bytes = book.save_to_buffer().unwrap_or_default();
        assert!(checked_and_repaired(&bytes).is_ok_and(|c| c.full_recalc));
        let wb = read_sheet(&bytes, SheetFormat::Xlsx).unwrap_or_default();
        let a3 = wb.sheets[0].cell(2, 0).cloned().unwrap_or_default();
        assert_eq!(a3.value, CellValue::Number(42.0));
        assert_eq!(a3.formula.as_deref(), Some("SUM(A1:A2)"));
        assert!(a3.evaluated);
        let a4 = wb.sheets[0].cell(3, 0).cloned().unwrap_or_default();
        assert_eq!(a4.value, CellValue::Number(0.0));
        assert!(a4.evaluated);
    }

    /// The check reads `fullCalcOnLoad` from the workbook part it inflates, and only there:
    /// Duinoord-Vogelwijk's and Escamp Zuid's begroting carry `<calcPr calcId="124519"
    /// fullCalcOnLoad="1"/>`; Laak's and De Vliet's (saved by LibreOffice 7.4, says their
    /// `docProps/app.xml`) carry a `calcPr` without it (`unzip -p … xl/workbook.xml`).
    #[test]
    fn the_check_reports_a_full_recalculation_only_where_the_workbook_asks_for_one() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/submissions");
        for (file, asks) in [
            ("Duinoord-Vogelwijk/Begroting Duinoord-Vogelwijk.xlsx", true),
            ("begroting_escamp_zuid_v3.xlsx", true),
            ("Laak/Begroting WSV Laak.xlsx", false),
            ("De Vliet/Begroting WSV De Vliet.xlsx", false),
        ] {
            let bytes = std::fs::read(dir.join(file)).expect("fixture");
            let checked = checked_and_repaired(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(checked.full_recalc, asks, "{file}");
            let mut notes = Vec::new();
            let (_, full_recalc) = read_xlsx(&bytes, &mut notes).expect("gelezen");
            assert_eq!(full_recalc, asks, "{file}");
        }
        // A package the check cannot open asks for nothing.
        let checked = checked_and_repaired(b"geen zip").unwrap_or_else(|e| panic!("{e}"));
        assert!(!checked.full_recalc);
    }

    /// A minimal ods package around one `content.xml` table body.
    fn ods_with(rows: &str) -> Vec<u8> {
        use std::io::Write;
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Blad1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content.as_str()),
        ] {
            w.start_file(name, opts).ok();
            w.write_all(data.as_bytes()).ok();
        }
        w.finish().map(|c| c.into_inner()).unwrap_or_default()
    }

    /// White space between table elements goes; inside a cell's paragraph it stays.
    #[test]
    fn ods_white_space_goes_only_between_table_elements() {
        let bytes = ods_with(
            "\n  <table:table-row>\n    <table:table-cell><text:p>a <text:span>b</text:span></text:p></table:table-cell>\n    <table:table-cell/>\n  </table:table-row>\n",
        );
        let fixed = match ods_without_table_whitespace(&bytes) {
            Ok(Some(b)) => b,
            other => panic!("{:?}", other.map(|b| b.map(|b| b.len()))),
        };
        let mut zip =
            zip::ZipArchive::new(Cursor::new(fixed.as_slice())).unwrap_or_else(|e| panic!("{e}"));
        let xml = crate::read::package::read_part(&mut zip, "content.xml", MAX_PART_BYTES, "ods")
            .ok()
            .flatten()
            .unwrap_or_default();
        assert!(
            xml.contains(r#"<table:table table:name="Blad1"><table:table-row><table:table-cell><text:p>a <text:span>b</text:span></text:p></table:table-cell><table:table-cell/></table:table-row></table:table>"#),
            "{xml}"
        );
        assert_eq!(ods_without_table_whitespace(&fixed), Ok(None));
    }

    #[test]
    fn ods_repeated_rows_and_cells_are_refused_before_calamine_expands_them() {
        // 6.000 rows × 16.000 columns of one value: calamine alone would build 96 million cells.
        let bytes = ods_with(
            r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#,
        );
        match read_sheet(&bytes, SheetFormat::Ods) {
            Err(ReadError::TooLarge { wat, gevonden, .. }) => {
                assert_eq!(wat, "het werkblad 'Blad1'");
                assert_eq!(gevonden, "minstens 96.000.000");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ods_precheck_ignores_empty_repeats_and_counts_text_cells() {
        // Empty styled cells repeated to the last column, as LibreOffice writes them: no extent.
        let empty = ods_with(
            r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:style-name="ce1" table:number-columns-repeated="16384"/></table:table-row>"#,
        );
        assert_eq!(ods_precheck(&empty), Ok(Vec::new()));
        // A text cell (no value type) at column 16.384 of row 2.000: 2.000 × 16.384 cells.
        let text = ods_with(
            r#"<table:table-row table:number-rows-repeated="1999"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"#,
        );
        match ods_precheck(&text) {
            Err(ReadError::TooLarge { gevonden, .. }) => {
                assert_eq!(gevonden, "minstens 32.768.000")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ods_precheck_passes_the_fixture() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/sheets/begroting-laak.ods"
        ))
        .unwrap_or_default();
        assert!(!bytes.is_empty());
        // Every formula in it has a stored, typed result.
        assert_eq!(ods_precheck(&bytes), Ok(Vec::new()));
    }

    /// `begroting-formules.fods`, saved by LibreOffice in each format (fixtures/sheets/make.sh):
    /// E4 = 20 × 45 = 900, E5 = 100 × 60 = 6000, E6 = 350 typed in, E7 = IF(C7="";"";…) with C7
    /// empty, so an empty string; E8 = SUM(E4:E7) = 7250; "einde" at IV65536.
    #[test]
    fn empty_string_results_and_a_far_cell_in_every_format() {
        for (file, format) in [
            ("begroting-formules.xlsx", SheetFormat::Xlsx),
            ("begroting-formules-rijen.xlsx", SheetFormat::Xlsx),
            ("begroting-formules.xls", SheetFormat::Xls),
            ("begroting-formules.ods", SheetFormat::Ods),
        ] {
            let wb = match read_sheet(&fixture(&format!("sheets/{file}")), format) {
                Ok(wb) => wb,
                Err(e) => panic!("{file}: {e}"),
            };
            assert_eq!(wb.notes, Vec::<String>::new(), "{file}");
            let sheet = &wb.sheets[0];
            let value = |r: usize, c: usize| sheet.cell(r, c).map(|x| x.value.clone());
            assert_eq!(value(3, 4), Some(CellValue::Number(900.0)), "{file} E4");
            assert_eq!(value(4, 4), Some(CellValue::Number(6000.0)), "{file} E5");
            assert_eq!(value(5, 4), Some(CellValue::Number(350.0)), "{file} E6");
            let e7 = sheet.cell(6, 4);
            assert!(e7.is_some_and(|x| x.formula.is_some()), "{file} E7 formule");
            assert_eq!(
                e7.map(|x| (x.value.clone(), x.evaluated)),
                Some((CellValue::Text(String::new()), false)),
                "{file} E7: the stored empty string, not a formula to compute"
            );
            assert_eq!(value(7, 4), Some(CellValue::Number(7250.0)), "{file} E8");
            assert_eq!(
                value(65_535, 255),
                Some(CellValue::Text("einde".into())),
                "{file} IV65536"
            );
        }
    }

    /// The same workbook with password "geheim" (fixtures/sheets/wachtwoord.py): each format
    /// says it is protected by a password, not that it is too large or not XML (issue 11).
    #[test]
    fn password_workbooks_say_so_in_every_format() {
        for (file, format) in [
            ("begroting-wachtwoord.xlsx", SheetFormat::Xlsx),
            ("begroting-wachtwoord.xls", SheetFormat::Xls),
            ("begroting-wachtwoord.ods", SheetFormat::Ods),
        ] {
            let bytes = fixture(&format!("sheets/{file}"));
            assert!(!bytes.is_empty(), "{file}");
            assert!(
                matches!(read_sheet(&bytes, format), Err(ReadError::Encrypted)),
                "{file}"
            );
        }
    }

    /// fixtures/bad/fuzz/fuzz-xlsx-upstream-panic-dimension-underflow.xlsx is the Laak begroting
    /// with bytes changed inside `xl/worksheets/sheet2.xml` (`unzip -t` reports "bad CRC
    /// e66a5b3a (should be d4a6da52)"). It is refused as damaged, naming the part, before calamine
    /// sees it: in a release build calamine read it as Laak's begroting.
    #[test]
    fn a_part_that_fails_its_crc_refuses_the_workbook() {
        let bytes = fixture("bad/fuzz/fuzz-xlsx-upstream-panic-dimension-underflow.xlsx");
        match read_sheet(&bytes, SheetFormat::Xlsx) {
            Err(ReadError::Corrupt { detail, .. }) => assert_eq!(
                detail,
                "onderdeel xl/worksheets/sheet2.xml is beschadigd in het zip-archief"
            ),
            other => panic!("{:?}", other.map(|w| w.sheets.len())),
        }
    }

    /// The parts of begroting-laak-lo.xlsx together are some 20 KB of XML: within a budget of
    /// 1 MB the package passes, every part as it was (nothing in it needs repair), with a budget
    /// of 1 KB it is refused as too large.
    #[test]
    fn all_parts_together_are_bounded() {
        let bytes = fixture("sheets/begroting-laak-lo.xlsx");
        let Ok(Checked {
            rewritten: Some(rewritten),
            repairs: false,
            ..
        }) = checked_and_repaired_within(&bytes, 1024 * 1024)
        else {
            panic!("de werkmap had binnen 1 MB moeten passen, zonder herstel");
        };
        assert!(package_parts(&rewritten) == package_parts(&bytes));
        match checked_and_repaired_within(&bytes, 1024) {
            Err(ReadError::TooLarge { wat, .. }) => {
                assert_eq!(wat, "de werkmap (alle onderdelen uitgepakt)")
            }
            other => panic!("{:?}", other.map(|b| b.rewritten.map(|b| b.len()))),
        }
    }

    /// Every .xlsx under `fixtures/`.
    fn fixture_xlsx_files() -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures"
        ))];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "xlsx") {
                    files.push(p);
                }
            }
        }
        files
    }

    /// A fixture's bytes and what the package check makes of them; `None` for an OLE file, a
    /// workbook with macro sheets (both read another way) and a package the check refuses.
    fn checked_fixture(p: &std::path::Path) -> Option<(Vec<u8>, Checked)> {
        let bytes = std::fs::read(p).unwrap_or_default();
        if bytes.starts_with(&OLE_MAGIC) || !matches!(without_macro_sheets(&bytes), Ok(None)) {
            return None;
        }
        let checked = checked_and_repaired(&bytes).ok()?;
        Some((bytes, checked))
    }

    /// Every part of a package, inflated, by name in the package's order.
    fn package_parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut data = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut data).unwrap();
                (f.name().map(|n| n.to_string()).unwrap_or_default(), data)
            })
            .collect()
    }

    /// calamine reads the package the check writes anew (every part it inflated stored
    /// uncompressed) as it reads the file itself: for every xlsx under `fixtures/` that needs no
    /// repair and that calamine opens as it is, the same parts, and the same values, formulas and
    /// merged cells on every sheet.
    #[test]
    fn the_package_written_anew_reads_as_the_file() {
        let files = fixture_xlsx_files();
        let read_all = |bytes: &[u8]| -> Option<Vec<RawSheet>> {
            let mut book = Xlsx::new(Cursor::new(bytes)).ok()?;
            let mut out = Vec::new();
            for name in book.sheet_names() {
                let mut raw = RawSheet {
                    name: name.clone(),
                    ..Default::default()
                };
                let mut notes = Vec::new();
                values_then_formulas(&mut book, &mut raw, &mut notes).ok()?;
                raw.merged = merged(&book.merge_cells_by_sheet_name(&name).ok()?);
                out.push(raw);
            }
            Some(out)
        };
        let mut compared = 0;
        for p in &files {
            let Some((bytes, checked)) = checked_fixture(p) else {
                continue;
            };
            if checked.repairs {
                continue;
            }
            let Some(as_it_came) = read_all(&bytes) else {
                continue;
            };
            let rewritten = checked.rewritten.expect("opnieuw geschreven");
            // The same parts, inflated, in the same order (no dump of the bytes on failure).
            assert!(package_parts(&rewritten) == package_parts(&bytes), "{p:?}");
            assert!(read_all(&rewritten) == Some(as_it_came), "{p:?}");
            compared += 1;
        }
        assert!(compared >= 12, "{compared} werkmappen vergeleken");
    }

    /// Every xlsx under `fixtures/` (written by Excel, LibreOffice, openpyxl and rust_xlsxwriter;
    /// shared formulas, empty-string results, dates) gives the same sheets read in one pass as
    /// read the way before issue 15, values first and formulas after.
    #[test]
    fn one_pass_reads_what_values_then_formulas_read() {
        let files = fixture_xlsx_files();
        let mut sheets_with_formulas = 0;
        let mut compared = 0;
        let mut with_merges = 0;
        for p in &files {
            // What calamine is given in `read_xlsx`: no OLE file, repaired where needed.
            let Some((bytes, checked)) = checked_fixture(p) else {
                continue;
            };
            let merges_possible = checked.merges_possible;
            with_merges += usize::from(merges_possible);
            let bytes = checked.rewritten.unwrap_or(bytes);
            let Ok(mut book) = Xlsx::new(Cursor::new(bytes.as_slice())) else {
                continue;
            };
            for name in book.sheet_names() {
                // Leaving out the search for merged cells loses none.
                if !merges_possible {
                    let found = book.merge_cells_by_sheet_name(&name).map(|d| d.len());
                    assert!(matches!(found, Ok(0) | Err(_)), "{p:?} {name}: {found:?}");
                }
                let Ok(mut cells) = book.worksheet_cells_reader(&name) else {
                    continue;
                };
                let mut one = RawSheet {
                    name: name.clone(),
                    ..Default::default()
                };
                let ok = values_and_formulas(&mut cells, &mut one).is_some();
                drop(cells);
                let mut two = RawSheet {
                    name: name.clone(),
                    ..Default::default()
                };
                let mut notes = Vec::new();
                let read = values_then_formulas(&mut book, &mut two, &mut notes);
                if ok {
                    assert!(read.is_ok() && notes.is_empty(), "{p:?} {name}: {notes:?}");
                    assert_eq!(one, two, "{p:?} {name}");
                    compared += 1;
                    sheets_with_formulas += usize::from(!one.formulas.is_empty());
                }
            }
        }
        assert!(compared >= 20, "{compared} werkbladen vergeleken");
        assert!(
            sheets_with_formulas >= 5,
            "{sheets_with_formulas} met formules"
        );
        assert!(with_merges >= 4, "{with_merges} met samengevoegde cellen");
    }

    /// The search for merged cells is left out only where no part can hold them: the Escamp Zuid
    /// begroting merges its header cells, Laak's (from Excel) merges none; a sheet part outside
    /// `xl/` is not read here, so it may hold them.
    #[test]
    fn merges_are_looked_for_wherever_a_part_may_hold_them() {
        let escamp = fixture("submissions/begroting_escamp_zuid_v3.xlsx");
        assert!(checked_and_repaired(&escamp).is_ok_and(|c| c.merges_possible));
        let laak = fixture("submissions/Laak/Begroting WSV Laak.xlsx");
        assert!(checked_and_repaired(&laak).is_ok_and(|c| !c.merges_possible));
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for (name, text) in [
            ("[Content_Types].xml", "<Types/>"),
            ("docProps/app.xml", "<Properties/>"),
            ("xl/workbook.xml", "<workbook/>"),
        ] {
            zip.start_file(name, opts).expect("deel");
            std::io::Write::write_all(&mut zip, text.as_bytes()).expect("schrijven");
        }
        let plain = zip.finish().expect("zip").into_inner();
        assert!(checked_and_repaired(&plain).is_ok_and(|c| !c.merges_possible));
        let mut zip = zip::ZipWriter::new_append(Cursor::new(plain)).expect("zip");
        zip.start_file("bladen/blad1.xml", opts).expect("deel");
        std::io::Write::write_all(&mut zip, b"<worksheet/>").expect("schrijven");
        let elsewhere = zip.finish().expect("zip").into_inner();
        assert!(checked_and_repaired(&elsewhere).is_ok_and(|c| c.merges_possible));
    }

    /// A shared formula without its `si` cannot be read. The one pass then gives way to the two
    /// passes: the stored values are all read, and a note says the formulas were not.
    #[test]
    fn a_formula_that_cannot_be_read_costs_only_the_formulas() {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write(0, 0, 1).ok();
        let bytes = book.save_to_buffer().unwrap_or_default();
        let sheet = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>5</v></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>10</v></c></row><row r="2"><c r="A2"><v>7</v></c><c r="B2"><f t="shared">A2*2</f><v>14</v></c></row></sheetData></worksheet>"#;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).expect("zip");
        let bytes = rewrite_package(
            &mut zip,
            vec![("xl/worksheets/sheet1.xml".into(), sheet.as_bytes().to_vec())],
            SheetFormat::Xlsx,
        )
        .expect("herschreven");
        let mut notes = Vec::new();
        let (raw, _) = read_xlsx(&bytes, &mut notes).expect("gelezen");
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].starts_with("De formules op werkblad 'Sheet1' konden niet worden gelezen (")
                && notes[0].ends_with("); alleen de opgeslagen waarden zijn gebruikt."),
            "{notes:?}"
        );
        assert_eq!(
            raw[0].values,
            [
                (0, 0, CellValue::Number(5.0)),
                (0, 1, CellValue::Number(10.0)),
                (1, 0, CellValue::Number(7.0)),
                (1, 1, CellValue::Number(14.0)),
            ]
        );
    }

    #[test]
    fn unknown_sheet_states_become_visible() {
        let xml = r#"<sheets><sheet name="Uitleg" sheetId="1" state="show" r:id="rId1"/><sheet name="Verborgen" sheetId="2" state="hidden" r:id="rId2"/><x:sheet name="B" state='shown'/></sheets>"#;
        assert_eq!(
            sheet_states_known(xml).as_deref(),
            Some(
                r#"<sheets><sheet name="Uitleg" sheetId="1" state="visible" r:id="rId1"/><sheet name="Verborgen" sheetId="2" state="hidden" r:id="rId2"/><x:sheet name="B" state='visible'/></sheets>"#
            )
        );
        assert_eq!(
            sheet_states_known(r#"<sheet name="A" state="veryHidden"/><sheet name="B"/>"#),
            None
        );
    }

    #[test]
    fn merged_ranges_are_written_start_first() {
        let xml = r#"<mergeCells count="3"><mergeCell ref="C6:C4"/><mergeCell ref="A1:B2"/><x:mergeCell ref='$H$3:$F$3'/></mergeCells>"#;
        assert_eq!(
            merges_start_first(xml).as_deref(),
            Some(
                r#"<mergeCells count="3"><mergeCell ref="C4:C6"/><mergeCell ref="A1:B2"/><x:mergeCell ref='F3:H3'/></mergeCells>"#
            )
        );
        // AA comes after Z: columns compare as numbers, not as text.
        assert_eq!(merges_start_first(r#"<mergeCell ref="Z1:AA2"/>"#), None);
        assert_eq!(
            merges_start_first(r#"<mergeCell ref="AA2:Z1"/>"#).as_deref(),
            Some(r#"<mergeCell ref="Z1:AA2"/>"#)
        );
        assert_eq!(merges_start_first("<sheetData/>"), None);
    }

    #[test]
    fn partial_dimension_references_are_found_and_cell_ranges_kept() {
        let sheet = |d: &str| format!(r#"<worksheet><sheetPr/>{d}<sheetData/></worksheet>"#);
        for bad in [
            r#"<dimension ref="1:4"/>"#,
            r#"<dimension ref="A:C"/>"#,
            r#"<x:dimension ref='3:3'></x:dimension>"#,
        ] {
            assert_eq!(partial_dimension(&sheet(bad)), Some(bad), "{bad}");
        }
        for good in [
            r#"<dimension ref="A1"/>"#,
            r#"<dimension ref="A1:IV65536"/>"#,
            r#"<dimension ref="$B$2:$D$9"/>"#,
        ] {
            assert_eq!(partial_dimension(&sheet(good)), None, "{good}");
        }
        assert_eq!(
            partial_dimension("<worksheet><sheetData/></worksheet>"),
            None
        );
    }

    fn fixture(rel: &str) -> Vec<u8> {
        let bytes = std::fs::read(format!("{}/fixtures/{rel}", env!("CARGO_MANIFEST_DIR")))
            .unwrap_or_default();
        assert!(!bytes.is_empty(), "{rel}");
        bytes
    }

    #[test]
    fn xls_in_a_clean_container_reads_like_the_original() {
        for rel in [
            "sheets/begroting-laak.xls",
            "submissions/Wassenaar/begroting wassenaar.xls",
        ] {
            let orig = fixture(rel);
            let clean = clean_ole(&orig, SheetFormat::Xls);
            let mut a = Xls::new(Cursor::new(orig)).unwrap();
            let mut b = Xls::new(Cursor::new(clean.unwrap())).unwrap();
            assert_eq!(a.sheet_names(), b.sheet_names(), "{rel}");
            for name in a.sheet_names() {
                assert_eq!(
                    a.worksheet_range(&name).ok(),
                    b.worksheet_range(&name).ok(),
                    "{rel} {name}"
                );
                assert_eq!(
                    a.worksheet_formula(&name).ok(),
                    b.worksheet_formula(&name).ok(),
                    "{rel} {name}"
                );
            }
        }
    }

    #[test]
    fn truncated_xls_is_corrupt_not_a_panic() {
        // calamine's own CFB parser panicked on cut-off containers; every cut is an error here.
        let orig = fixture("sheets/begroting-laak.xls");
        for len in (512..orig.len()).step_by(256) {
            match read_sheet(&orig[..len], SheetFormat::Xls) {
                Err(ReadError::Corrupt { soort: "xls", .. }) => {}
                other => panic!("cut at {len}: {other:?}"),
            }
        }
    }

    #[test]
    fn xlsx_reader_checks_an_ole_file_itself() {
        assert_eq!(
            read_sheet(
                &fixture("bad/versleuteld-wachtwoord.xlsx"),
                SheetFormat::Xlsx
            )
            .err(),
            Some(ReadError::Encrypted)
        );
        assert_eq!(
            read_sheet(&fixture("sheets/begroting-laak.xls"), SheetFormat::Xlsx).err(),
            Some(ReadError::Corrupt {
                soort: "xlsx",
                detail: "de werkmap kon niet worden geopend: een OLE-bestand, geen xlsx-werkmap"
                    .into()
            })
        );
    }

    #[test]
    fn ods_cut_off_content_is_corrupt_not_a_hang() {
        // calamine alone loops forever on both: an unclosed table, an unclosed annotation.
        for (rows, open) in [
            (
                r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
                4,
            ),
            (
                r#"<table:table-row><table:table-cell><office:annotation><text:p>x</text:p>"#,
                7,
            ),
        ] {
            let cut = ods_cut(rows);
            match read_sheet(&cut, SheetFormat::Ods) {
                Err(ReadError::Corrupt {
                    soort: "ods",
                    detail,
                }) => assert_eq!(
                    detail,
                    format!("content.xml is afgebroken: {open} element(en) niet afgesloten")
                ),
                other => panic!("{other:?}"),
            }
        }
    }

    /// Like [`ods_with`], but `content.xml` stops right after `rows`.
    fn ods_cut(rows: &str) -> Vec<u8> {
        use std::io::Write;
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Blad1">{rows}"#
        );
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content.as_str()),
        ] {
            w.start_file(name, opts).ok();
            w.write_all(data.as_bytes()).ok();
        }
        w.finish().map(|c| c.into_inner()).unwrap_or_default()
    }

    /// A BIFF record: type, length, data.
    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend(data);
        v
    }

    /// A Workbook stream with one sheet made of `sheet_records` (BOF and EOF added).
    fn workbook(sheet_records: &[Vec<u8>]) -> Vec<u8> {
        let bof = rec(0x0809, &[0; 16]);
        let eof = rec(0x000A, &[]);
        let globals_len = bof.len() + 4 + 13 + eof.len();
        let mut boundsheet = (globals_len as u32).to_le_bytes().to_vec();
        boundsheet.extend([0, 0, 5, 0]);
        boundsheet.extend(b"Blad1");
        let mut v = bof.clone();
        v.extend(rec(0x0085, &boundsheet));
        v.extend(&eof);
        assert_eq!(v.len(), globals_len);
        v.extend(&bof);
        for r in sheet_records {
            v.extend(r);
        }
        v.extend(&eof);
        v
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0; 10]);
        rec(0x0203, &d)
    }

    #[test]
    fn xls_far_apart_cells_are_refused_before_calamine_allocates() {
        // Rows 0 and 65.535, columns 0 and 256: past the 65.536 × 256 grid of an .xls.
        let wb = workbook(&[number(0, 0), number(65535, 256)]);
        match xls_precheck(&wb) {
            Err(ReadError::TooLarge { wat, gevonden, .. }) => {
                assert_eq!(wat, "het werkblad 'Blad1'");
                assert_eq!(gevonden, "minstens 16.842.752");
            }
            other => panic!("{other:?}"),
        }
        // Two cells at A1 and IV65536 (the whole grid) are two cells: read.
        assert_eq!(
            xls_precheck(&workbook(&[number(0, 0), number(65535, 255)])),
            Ok(())
        );
        // Close together: fine.
        assert_eq!(
            xls_precheck(&workbook(&[number(3, 1), number(40, 6)])),
            Ok(())
        );
    }

    #[test]
    fn xls_dimensions_claim_is_checked_including_wrap_around() {
        let dims = |rf: u32, rl: u32, cf: u16, cl: u16| {
            let mut d = rf.to_le_bytes().to_vec();
            d.extend(rl.to_le_bytes());
            d.extend(cf.to_le_bytes());
            d.extend(cl.to_le_bytes());
            d.extend([0, 0]);
            rec(0x0200, &d)
        };
        assert_eq!(xls_precheck(&workbook(&[dims(0, 40, 0, 6)])), Ok(()));
        match xls_precheck(&workbook(&[dims(0, 1_000_000, 0, 200)])) {
            Err(ReadError::TooLarge { gevonden, .. }) => {
                assert_eq!(gevonden, "minstens 200.000.000")
            }
            other => panic!("{other:?}"),
        }
        // Last row before the first: calamine's `end - start + 1` wraps to about 4 billion rows.
        assert!(matches!(
            xls_precheck(&workbook(&[dims(10, 5, 0, 1)])),
            Err(ReadError::TooLarge { .. })
        ));
    }
}
