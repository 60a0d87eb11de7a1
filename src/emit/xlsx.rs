//! `overzicht.xlsx`: the workbook for Excel users. Its sheets Overzicht, Stadsdelen,
//! Bevindingen, Begrotingsregels and Bestanden have the same columns and cells as the CSV files of
//! the same name (the rows are built once, in `emit` and `emit::csv`), so the two can never
//! disagree.
//!
//! Why it looks like this:
//! - Amounts are numbers in a euro format (`€ 1.234,56` in Dutch Excel), so users can sum and
//!   filter them; negative amounts show red.
//! - The header row and the key column (the WSV, or stadsdeel, or file) are frozen: the overview
//!   has 27 columns and scrolling right must not lose which WSV a row is.
//! - Status and severity are coloured by conditional formats, not by cell fills: a user who sorts,
//!   filters or edits a status keeps the colour right.
//! - Printing is set up for the way the sheets are used on paper: landscape, one page wide (as
//!   many pages tall as needed), the header row repeated on every page, and a footer with the
//!   period and the page numbers. One page wide is only worth it when the letter stays legible:
//!   long texts wrap in narrow columns and rows are as tall as their text ([`layout`]), so the
//!   A4 sheets print at 7–9 pt. The overview is the exception that needs A3: its 27 columns
//!   hold about 260 characters side by side even when every text wraps (eleven of them are
//!   amounts and counts that cannot wrap), which on A4 means letters of under 5 pt; on A3 the
//!   sample batch prints at 6.6 pt (`make check-workbook` prints the workbook with LibreOffice
//!   and fails below 6 pt).
//! - Texts go through `write_string`, which never makes a formula, and are still neutralised like
//!   the CSV so a copy-paste into another sheet stays harmless.

use super::csv::{
    bestanden_rijen, bevindingen_rijen, stadsdelen_rijen, BESTANDEN_KOLOMMEN, BEVINDINGEN_KOLOMMEN,
    STADSDELEN_KOLOMMEN,
};
use super::{
    begrotingsregels_rijen, neutralise, overzicht_rijen, Cell, EmitError,
    BEGROTINGSREGELS_KOLOMMEN, OVERZICHT_KOLOMMEN,
};
use crate::snapshot::Snapshot;
use rust_xlsxwriter::{
    ColNum, Color, ConditionalFormatCell, ConditionalFormatCellRule, Format, FormatAlign,
    FormatBorder, RowNum, Workbook, Worksheet,
};

mod layout;
use std::io::Write;
use std::path::Path;

/// Excel's limit on the length of one cell's text, in UTF-16 units.
const MAX_CELL_UTF16: usize = 32_767;
/// The narrowest column, in digit widths (`nee`, `ja`, a one-digit count).
const MIN_WIDTH: f64 = 4.0;
/// A header may wrap over at most this many lines; it sets the narrowest width of its column.
const HEADER_LINES: f64 = 4.0;
/// Bold text is this much wider than regular (Calibri Bold against Calibri).
const BOLD: f64 = 1.07;
/// The height of one line of 11-point Calibri, in points (Excel's default row height).
const LINE_PT: f64 = 15.0;
/// Excel's tallest row is 409 points: 27 lines. A longer text is whole in the cell.
const MAX_LINES: usize = 27;

/// Euro amounts: `€ 1.234,56` in a Dutch Excel, negative in red. The euro sign is a literal, so
/// it shows in every locale.
pub const EURO_FORMAT: &str = "\"€ \"#,##0.00;[Red]\"-€ \"#,##0.00";
/// Counts (inhabitants) with a thousands separator.
const INT_FORMAT: &str = "#,##0";

/// Paper size codes of the OOXML page setup.
const A4: u8 = 9;
const A3: u8 = 8;

/// The sheets, in workbook order.
pub const BLADEN: [&str; 5] = [
    "Overzicht",
    "Stadsdelen",
    "Bevindingen",
    "Begrotingsregels",
    "Bestanden",
];

/// A colour of a status or severity: (fill, text), Excel's own "good/neutral/bad" styles.
#[derive(Clone, Copy)]
enum Kleur {
    Goed,
    Let,
    Slecht,
    Info,
    Grijs,
}

impl Kleur {
    fn format(self) -> Format {
        let (fill, font) = match self {
            Kleur::Goed => (0xC6EFCE, 0x006100),
            Kleur::Let => (0xFFEB9C, 0x9C5700),
            Kleur::Slecht => (0xFFC7CE, 0x9C0006),
            Kleur::Info => (0xDDEBF7, 0x1F4E78),
            Kleur::Grijs => (0xEDEDED, 0x595959),
        };
        Format::new()
            .set_background_color(Color::RGB(fill))
            .set_font_color(Color::RGB(font))
    }
}

/// One sheet: its name, columns, rows, how many key columns stay frozen, and which column is
/// coloured by which value.
struct Blad<'a> {
    naam: &'static str,
    kolommen: &'a [&'a str],
    rijen: Vec<Vec<Cell>>,
    vaste_kolommen: u16,
    kleuren: Option<(&'static str, &'static [(&'static str, Kleur)])>,
    /// Paper for this sheet (landscape).
    papier: u8,
    /// The widest a text column gets, in digit widths: longer texts wrap. Per column where the
    /// default does not suit (`bericht` reads better in long lines, codes should stay whole).
    breedte: f64,
    breedtes: &'static [(&'static str, f64)],
}

impl Blad<'_> {
    fn cap(&self, kolom: &str) -> f64 {
        self.breedtes
            .iter()
            .find(|(k, _)| *k == kolom)
            .map_or(self.breedte, |(_, w)| *w)
    }
}

const STATUS_WSV: &[(&str, Kleur)] = &[
    ("akkoord", Kleur::Goed),
    ("aandacht", Kleur::Let),
    ("afgekeurd", Kleur::Slecht),
];
const STATUS_STADSDEEL: &[(&str, Kleur)] = &[
    ("binnen budget", Kleur::Goed),
    ("over budget", Kleur::Slecht),
    ("geen begroting", Kleur::Grijs),
    ("niet geplaatst", Kleur::Grijs),
];
const ERNST: &[(&str, Kleur)] = &[
    ("fout", Kleur::Slecht),
    ("waarschuwing", Kleur::Let),
    ("info", Kleur::Info),
];
const STATUS_BESTAND: &[(&str, Kleur)] = &[
    ("verwerkt", Kleur::Goed),
    ("onleesbaar", Kleur::Slecht),
    ("genegeerd", Kleur::Let),
    ("dubbel", Kleur::Grijs),
    ("vervangen", Kleur::Grijs),
    ("uitgepakt", Kleur::Grijs),
];

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

/// The workbook as bytes, with the sheets of [`BLADEN`].
pub fn overzicht_bytes(s: &Snapshot) -> Result<Vec<u8>, EmitError> {
    let bladen = [
        Blad {
            naam: BLADEN[0],
            kolommen: &OVERZICHT_KOLOMMEN,
            rijen: overzicht_rijen(s),
            vaste_kolommen: 1,
            kleuren: Some(("status", STATUS_WSV)),
            papier: A3,
            breedte: 9.0,
            // Finding codes whole on a line (STADSDEEL_OVER_BUDGET), a WSV's name, its wijken,
            // files and disciplines ("wijkverpleging") on as few lines as the page allows.
            breedtes: &[
                ("bevindingen", 20.0),
                ("wsv", 11.0),
                ("wijken", 12.0),
                ("bestanden", 12.0),
                ("kerndisciplines", 12.5),
                ("themas", 7.0),
            ],
        },
        Blad {
            naam: BLADEN[1],
            kolommen: &STADSDELEN_KOLOMMEN,
            rijen: stadsdelen_rijen(s),
            vaste_kolommen: 2,
            kleuren: Some(("status", STATUS_STADSDEEL)),
            papier: A4,
            breedte: 30.0,
            breedtes: &[],
        },
        Blad {
            naam: BLADEN[2],
            kolommen: &BEVINDINGEN_KOLOMMEN,
            rijen: bevindingen_rijen(s),
            vaste_kolommen: 1,
            kleuren: Some(("ernst", ERNST)),
            papier: A4,
            breedte: 20.0,
            breedtes: &[("bericht", 48.0), ("code", 26.0), ("bron", 24.0)],
        },
        Blad {
            naam: BLADEN[3],
            kolommen: &BEGROTINGSREGELS_KOLOMMEN,
            rijen: begrotingsregels_rijen(s),
            vaste_kolommen: 1,
            kleuren: None,
            papier: A4,
            breedte: 20.0,
            breedtes: &[("omschrijving", 28.0)],
        },
        Blad {
            naam: BLADEN[4],
            kolommen: &BESTANDEN_KOLOMMEN,
            rijen: bestanden_rijen(s),
            vaste_kolommen: 1,
            kleuren: Some(("status", STATUS_BESTAND)),
            papier: A4,
            breedte: 20.0,
            breedtes: &[("bestand", 28.0), ("toelichting", 40.0)],
        },
    ];
    // The same period as the report's title, so a printed sheet and the report match.
    let footer = footer(&super::report::periode(s));
    let mut wb = Workbook::new();
    for blad in &bladen {
        write_sheet(&mut wb, blad, &footer)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// The printed footer: product, period and sheet name (`&A`) left, page numbers right. The
/// period is made of digits only (see [`super::report::periode`]: years and a dash), so it holds no `&` code.
fn footer(periode: &str) -> String {
    format!("&LWijkregister – inzendingen {periode} – &A&RPagina &P van &N")
}

/// One sheet: header, typed cells, widths from the content, rows as tall as their wrapped
/// text, panes frozen, a filter, coloured status, page setup.
fn write_sheet(wb: &mut Workbook, blad: &Blad, footer: &str) -> Result<(), EmitError> {
    let header_fmt = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border_bottom(FormatBorder::Thin);
    let text_fmt = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let money = Format::new()
        .set_num_format(EURO_FORMAT)
        .set_align(FormatAlign::Top);
    let int = Format::new()
        .set_num_format(INT_FORMAT)
        .set_align(FormatAlign::Top);
    let plain = Format::new().set_align(FormatAlign::Top);
    let rows = &blad.rijen;
    let ws = wb.add_worksheet();
    ws.set_name(blad.naam)?;
    let widths = column_widths(blad);
    for (c, h) in blad.kolommen.iter().enumerate() {
        ws.write_string_with_format(0, col(c), *h, &header_fmt)?;
    }
    let header_lines = blad
        .kolommen
        .iter()
        .zip(&widths)
        .map(|(h, w)| layout::lines(h, w / BOLD, MAX_LINES))
        .max()
        .unwrap_or(1);
    ws.set_row_height(0, header_lines as f64 * LINE_PT)?;
    for (i, row) in rows.iter().enumerate() {
        let r = RowNum::try_from(i + 1).map_err(|_| EmitError::TeVeelRijen(rows.len()))?;
        let mut row_lines = 1;
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(t) => {
                    let t = truncate_utf16(&neutralise(t), MAX_CELL_UTF16);
                    ws.write_string_with_format(r, col(c), t.as_str(), &text_fmt)?;
                    let w = widths.get(c).copied().unwrap_or(MIN_WIDTH);
                    row_lines = row_lines.max(layout::lines(&t, w, MAX_LINES));
                }
                Cell::Amount(a) => {
                    ws.write_number_with_format(r, col(c), a.euros(), &money)?;
                }
                Cell::Int(n) => {
                    ws.write_number_with_format(r, col(c), *n as f64, &int)?;
                }
                Cell::Hours(h) if h.is_finite() => {
                    ws.write_number_with_format(r, col(c), super::round_hours(*h), &plain)?;
                }
                Cell::Hours(_) | Cell::Empty => {}
            }
        }
        if row_lines > 1 {
            ws.set_row_height(r, row_lines as f64 * LINE_PT)?;
        }
    }
    for (c, w) in widths.iter().enumerate() {
        // rust_xlsxwriter adds the cell margins (5 pixels) to the stored width, as Excel does.
        ws.set_column_width(col(c), *w)?;
    }
    let last_row = RowNum::try_from(rows.len()).map_err(|_| EmitError::TeVeelRijen(rows.len()))?;
    let last_col = col(blad.kolommen.len().saturating_sub(1));
    ws.set_freeze_panes(1, blad.vaste_kolommen)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    if let Some((kolom, kleuren)) = blad.kleuren {
        if let Some(c) = blad.kolommen.iter().position(|k| *k == kolom) {
            colour_column(ws, col(c), last_row.max(1), kleuren)?;
        }
    }
    page_setup(ws, blad.papier, footer)?;
    Ok(())
}

/// The width of each column's text area, in digit widths: an amount or count as wide as its
/// widest value shown (numbers cannot wrap; too narrow prints `###`), a text as wide as its
/// longest value up to the sheet's cap for that column (longer texts wrap), and never so narrow
/// that the header needs more than [`HEADER_LINES`] lines.
fn column_widths(blad: &Blad) -> Vec<f64> {
    let mut text = vec![0.0_f64; blad.kolommen.len()];
    let mut number = vec![0.0_f64; blad.kolommen.len()];
    for row in &blad.rijen {
        for (c, cell) in row.iter().enumerate() {
            let (slot, w) = match cell {
                Cell::Text(t) => (&mut text, layout::units(t)),
                Cell::Amount(a) => (&mut number, layout::units(&layout::shown_amount(a.0))),
                Cell::Int(n) => (&mut number, layout::units(&layout::thousands(*n))),
                Cell::Hours(h) if h.is_finite() => {
                    (&mut number, layout::units(&super::format_hours(*h, ',')))
                }
                Cell::Hours(_) | Cell::Empty => continue,
            };
            if let Some(x) = slot.get_mut(c) {
                *x = x.max(w);
            }
        }
    }
    blad.kolommen
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let t = text[c].min(blad.cap(h));
            // A number needs a little room beside it (Excel shows ### when it is tight).
            let n = if number[c] > 0.0 {
                number[c] + 0.8
            } else {
                0.0
            };
            let header = layout::units(h) * BOLD / HEADER_LINES;
            // Quarter units: whole units would add up to a few characters across 27 columns.
            (t.max(n).max(header).max(MIN_WIDTH) * 4.0).ceil() / 4.0
        })
        .collect()
}

/// One conditional format per value of the column (`afgekeurd` red, …), over all its data rows.
fn colour_column(
    ws: &mut Worksheet,
    c: ColNum,
    last_row: RowNum,
    kleuren: &[(&str, Kleur)],
) -> Result<(), EmitError> {
    for (waarde, kleur) in kleuren {
        let cf = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(*waarde))
            .set_format(kleur.format());
        ws.add_conditional_format(1, c, last_row, c, &cf)?;
    }
    Ok(())
}

/// Landscape on `papier`, one page wide, the header row on every page, footer with period and
/// pages. Narrow side margins: every millimetre across is letter size.
fn page_setup(ws: &mut Worksheet, papier: u8, footer: &str) -> Result<(), EmitError> {
    ws.set_landscape();
    ws.set_paper_size(papier);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.set_print_gridlines(true);
    ws.set_margins(0.25, 0.25, 0.5, 0.6, 0.3, 0.3);
    ws.set_footer(footer);
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
    use std::io::{Cursor, Read};

    fn workbook() -> Xlsx<Cursor<Vec<u8>>> {
        let bytes = overzicht_bytes(&sample()).unwrap();
        open_workbook_from_rs(Cursor::new(bytes)).unwrap()
    }

    fn sheet() -> calamine::Range<Data> {
        workbook().worksheet_range("Overzicht").unwrap()
    }

    /// The XML of one part of the workbook package.
    fn part(name: &str) -> String {
        let bytes = overzicht_bytes(&sample()).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        xml
    }

    fn header(range: &calamine::Range<Data>) -> Vec<String> {
        range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect()
    }

    #[test]
    fn five_sheets_with_the_csv_columns_and_values() {
        let mut wb = workbook();
        assert_eq!(wb.sheet_names(), BLADEN.map(String::from).to_vec());
        let st = wb.worksheet_range("Stadsdelen").unwrap();
        assert_eq!(header(&st), STADSDELEN_KOLOMMEN);
        // The sample's stadsdeel row: numbers stay numbers, a negative ruimte too.
        assert_eq!(st.get_value((1, 1)), Some(&Data::String("Laak".into())));
        assert_eq!(st.get_value((1, 3)), Some(&Data::Float(100_000.0)));
        assert_eq!(st.get_value((1, 7)), Some(&Data::Float(-1234.56)));
        assert_eq!(
            st.get_value((1, 8)),
            Some(&Data::String("over budget".into()))
        );
        let bev = wb.worksheet_range("Bevindingen").unwrap();
        assert_eq!(header(&bev), BEVINDINGEN_KOLOMMEN);
        // 3 WSV findings and the regional one; a message starting with '-' is text, guarded.
        assert_eq!(bev.height(), 5);
        assert_eq!(
            bev.get_value((1, 4)),
            Some(&Data::String(
                "'-€ 4.559,00 ruimte: de begroting ligt boven het aandeel.".into()
            ))
        );
        assert_eq!(
            bev.get_value((4, 2)),
            Some(&Data::String("REFERENTIE_AFWIJKING".into()))
        );
        let regels = wb.worksheet_range("Begrotingsregels").unwrap();
        assert_eq!(header(&regels), BEGROTINGSREGELS_KOLOMMEN);
        assert_eq!(regels.get_value((1, 8)), Some(&Data::Float(1000.0)));
        assert_eq!(regels.get_value((2, 8)), Some(&Data::Float(60_200.0)));
        let best = wb.worksheet_range("Bestanden").unwrap();
        assert_eq!(header(&best), BESTANDEN_KOLOMMEN);
        assert_eq!(
            best.get_value((1, 0)),
            Some(&Data::String("laak/plan.docx".into()))
        );
        assert_eq!(
            best.get_value((1, 4)),
            Some(&Data::String("verwerkt".into()))
        );
    }

    #[test]
    fn panes_filters_formats_and_colours_in_the_sheet_xml() {
        // sheet1 = Overzicht, sheet2 = Stadsdelen, sheet3 = Bevindingen, sheet5 = Bestanden.
        let overzicht = part("xl/worksheets/sheet1.xml");
        // Header row and WSV column frozen: the pane starts at B2.
        assert!(
            overzicht.contains(r#"<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>"#),
            "{overzicht}"
        );
        // Filter over the header and both WSV rows, all 27 columns (A..AA).
        assert!(
            overzicht.contains(r#"<autoFilter ref="A1:AA3"/>"#),
            "{overzicht}"
        );
        // Status (column V) coloured per value.
        for v in ["akkoord", "aandacht", "afgekeurd"] {
            assert!(
                overzicht.contains(&format!("<formula>\"{v}\"</formula>")),
                "{v}: {overzicht}"
            );
        }
        assert!(
            overzicht.contains(r#"<conditionalFormatting sqref="V2:V3">"#),
            "{overzicht}"
        );
        let stadsdelen = part("xl/worksheets/sheet2.xml");
        assert!(
            stadsdelen.contains(r#"xSplit="2" ySplit="1" topLeftCell="C2""#),
            "{stadsdelen}"
        );
        assert!(stadsdelen.contains("<formula>\"over budget\"</formula>"));
        let bevindingen = part("xl/worksheets/sheet3.xml");
        for v in ["fout", "waarschuwing", "info"] {
            assert!(
                bevindingen.contains(&format!("<formula>\"{v}\"</formula>")),
                "{v}"
            );
        }
        assert!(bevindingen.contains(r#"<conditionalFormatting sqref="D2:D5">"#));
        let bestanden = part("xl/worksheets/sheet5.xml");
        assert!(bestanden.contains("<formula>\"onleesbaar\"</formula>"));
        // The euro format is in the styles and used.
        let styles = part("xl/styles.xml");
        assert!(
            styles.contains("formatCode=\"&quot;€ &quot;#,##0.00;[Red]&quot;-€ &quot;#,##0.00\""),
            "{styles}"
        );
        // Widths: every column has one, none wider than the cap.
        let cols = overzicht.matches("<col ").count();
        assert!(cols >= 1, "{overzicht}");
    }

    #[test]
    fn every_sheet_prints_landscape_one_page_wide_with_titles_and_footer() {
        for n in 1..=5 {
            let xml = part(&format!("xl/worksheets/sheet{n}.xml"));
            assert!(
                xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#),
                "sheet{n}: {xml}"
            );
            // The overview on A3 (code 8), the others on A4 (code 9).
            let paper = if n == 1 { 8 } else { 9 };
            assert!(
                xml.contains(&format!(
                    r#"<pageSetup paperSize="{paper}" fitToHeight="0" orientation="landscape""#
                )),
                "sheet{n}: {xml}"
            );
            assert!(
                xml.contains("<oddFooter>&amp;LWijkregister – inzendingen 2026 – &amp;A&amp;RPagina &amp;P van &amp;N</oddFooter>"),
                "sheet{n}: {xml}"
            );
        }
        // The header row repeats on every printed page of every sheet.
        let wb = part("xl/workbook.xml");
        for (i, naam) in BLADEN.iter().enumerate() {
            assert!(
                wb.contains(&format!(
                    r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{naam}!$1:$1</definedName>"#
                )),
                "{naam}: {wb}"
            );
        }
    }

    #[test]
    fn footer_period_is_the_reports() {
        // The sample plan's only year is in its version date "v2, 1 maart 2026".
        let mut s = sample();
        assert_eq!(
            footer(&super::super::report::periode(&s)),
            "&LWijkregister – inzendingen 2026 – &A&RPagina &P van &N"
        );
        if let Some((_, p)) = s.wsvs[0].plan.as_mut() {
            p.velden.versie_datum.waarde = Some("versie 3, 12 juni 2025 (na 2024-overleg)".into());
        }
        assert_eq!(super::super::report::periode(&s), "2024–2025");
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
    fn long_texts_wrap_in_capped_columns_and_rows_grow() {
        let long = "woord ".repeat(40);
        let blad = Blad {
            naam: "Test",
            kolommen: &["wsv", "bedrag", "samenwerkingsovereenkomst"],
            rijen: vec![
                vec![
                    Cell::Text(long.clone()),
                    Cell::Amount(crate::domain::Cents(12_389_400)),
                    Cell::Text("nee".into()),
                ],
                vec![
                    Cell::Text("Laak".into()),
                    Cell::Amount(crate::domain::Cents(-160_600)),
                    Cell::Empty,
                ],
            ],
            vaste_kolommen: 1,
            kleuren: None,
            papier: A3,
            breedte: 10.0,
            breedtes: &[("wsv", 12.0)],
        };
        let w = column_widths(&blad);
        // The text column stops at its cap; the amount column fits "€ 123.894,00" and a margin;
        // "nee" is narrow, but the long header needs at most four lines.
        assert_eq!(w[0], 12.0);
        let amount = layout::units("€ 123.894,00");
        assert!(w[1] >= amount + 0.8 && w[1] < amount + 1.5, "{w:?}");
        assert!(w[2] * HEADER_LINES >= layout::units("samenwerkingsovereenkomst") * BOLD);
        assert!(w[2] < 8.0, "{w:?}");
        // Written: the row with the long text is as tall as its lines, the short row is not set.
        let mut wb = Workbook::new();
        write_sheet(&mut wb, &blad, "").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let lines = layout::lines(&long, 12.0, MAX_LINES);
        assert!(lines >= 20, "{lines}");
        assert!(
            xml.contains(&format!(
                r#"<row r="2" spans="1:3" ht="{}" customHeight="1">"#,
                lines as f64 * LINE_PT
            )),
            "{xml}"
        );
        assert!(xml.contains(r#"<row r="3" spans="1:3">"#), "{xml}");
        // Text cells wrap and sit at the top of their cell.
        let mut styles = String::new();
        let bytes = {
            let mut wb = Workbook::new();
            write_sheet(&mut wb, &blad, "").unwrap();
            wb.save_to_buffer().unwrap()
        };
        zip::ZipArchive::new(Cursor::new(bytes))
            .unwrap()
            .by_name("xl/styles.xml")
            .unwrap()
            .read_to_string(&mut styles)
            .unwrap();
        assert!(
            styles.contains(r#"<alignment vertical="top" wrapText="1"/>"#),
            "{styles}"
        );
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
