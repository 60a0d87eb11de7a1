//! The CSV outputs. Quoting is the `csv` crate's (only where needed); lines end in CRLF, as
//! RFC 4180 says and as Excel writes its own CSV files.

use super::{begrotingsregels_rijen, BEGROTINGSREGELS_KOLOMMEN, LIST_SEP, OVERZICHT_KOLOMMEN};
use super::{format_amount, format_hours, neutralise, overzicht_rijen, Cell, Dialect, EmitError};
use crate::snapshot::{Bevinding, Snapshot};
use std::io::Write;

const UTF8_BOM: &[u8] = "\u{feff}".as_bytes();

/// `overzicht.csv`: one row per WSV.
pub fn write_overzicht(s: &Snapshot, d: Dialect, w: &mut dyn Write) -> Result<(), EmitError> {
    write_table(w, d, &OVERZICHT_KOLOMMEN, overzicht_rijen(s))
}

/// `begrotingsregels.csv`: every line of the current begrotingen, one row per line and year.
pub fn write_begrotingsregels(
    s: &Snapshot,
    d: Dialect,
    w: &mut dyn Write,
) -> Result<(), EmitError> {
    write_table(w, d, &BEGROTINGSREGELS_KOLOMMEN, begrotingsregels_rijen(s))
}

/// `bevindingen.csv` columns.
pub(crate) const BEVINDINGEN_KOLOMMEN: [&str; 6] =
    ["wsv", "bestand", "code", "ernst", "bericht", "bron"];

/// `bestanden.csv` columns.
pub(crate) const BESTANDEN_KOLOMMEN: [&str; 7] = [
    "bestand",
    "sha256",
    "soort",
    "wsv",
    "status",
    "toelichting",
    "rol",
];

/// `stadsdelen.csv` columns.
pub(crate) const STADSDELEN_KOLOMMEN: [&str; 9] = [
    "gemeente",
    "stadsdeel",
    "inwoners",
    "uitvoeringsbudget",
    "wsvs",
    "inwoners_gedekt",
    "aangevraagd",
    "ruimte",
    "status",
];

/// The rows of `bevindingen.csv` (and the workbook's sheet Bevindingen): the WSVs' findings in
/// WSV order, then the regional ones.
pub(crate) fn bevindingen_rijen(s: &Snapshot) -> Vec<Vec<Cell>> {
    let row = |b: &Bevinding| {
        vec![
            Cell::opt_text(b.wsv.as_deref()),
            Cell::opt_text(b.bestand.as_deref()),
            Cell::text(b.finding.code.as_str()),
            Cell::text(b.finding.ernst.as_str()),
            Cell::text(b.finding.bericht.as_str()),
            Cell::text(b.finding.bron.as_str()),
        ]
    };
    s.wsvs
        .iter()
        .flat_map(|r| r.bevindingen.iter())
        .chain(&s.bevindingen_regio)
        .map(row)
        .collect()
}

/// The rows of `bestanden.csv` (and the sheet Bestanden): every input file with what became of it.
pub(crate) fn bestanden_rijen(s: &Snapshot) -> Vec<Vec<Cell>> {
    s.bestanden
        .iter()
        .map(|b| {
            vec![
                Cell::text(b.bestand.as_str()),
                Cell::text(b.sha256.as_str()),
                Cell::text(b.soort.as_str()),
                Cell::opt_text(b.wsv.as_deref()),
                Cell::text(b.status.as_str()),
                Cell::text(b.toelichting.as_str()),
                Cell::opt_text(b.rol.map(|r| r.as_str())),
            ]
        })
        .collect()
}

/// The rows of `stadsdelen.csv` (and the sheet Stadsdelen): the budget audit per stadsdeel.
pub(crate) fn stadsdelen_rijen(s: &Snapshot) -> Vec<Vec<Cell>> {
    s.stadsdelen
        .iter()
        .map(|r| {
            vec![
                Cell::text(r.gemeente.as_str()),
                Cell::text(r.stadsdeel.as_str()),
                Cell::Int(r.inwoners),
                Cell::Amount(r.uitvoeringsbudget),
                Cell::text(r.wsvs.join(LIST_SEP)),
                Cell::Int(r.inwoners_gedekt),
                Cell::Amount(r.aangevraagd),
                Cell::Amount(r.ruimte),
                Cell::text(r.status.as_str()),
            ]
        })
        .collect()
}

/// `bevindingen.csv`: the WSVs' findings (in WSV order), then the regional ones.
pub fn write_bevindingen(s: &Snapshot, d: Dialect, w: &mut dyn Write) -> Result<(), EmitError> {
    write_table(w, d, &BEVINDINGEN_KOLOMMEN, bevindingen_rijen(s))
}

/// `bestanden.csv`: every input file with what became of it.
pub fn write_bestanden(s: &Snapshot, d: Dialect, w: &mut dyn Write) -> Result<(), EmitError> {
    write_table(w, d, &BESTANDEN_KOLOMMEN, bestanden_rijen(s))
}

/// `stadsdelen.csv`: the budget audit per stadsdeel or gemeente.
pub fn write_stadsdelen(s: &Snapshot, d: Dialect, w: &mut dyn Write) -> Result<(), EmitError> {
    write_table(w, d, &STADSDELEN_KOLOMMEN, stadsdelen_rijen(s))
}

fn write_table(
    w: &mut dyn Write,
    d: Dialect,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> Result<(), EmitError> {
    if d == Dialect::ExcelNl {
        // Without the BOM Excel reads UTF-8 as Windows-1252 and garbles ë, é, €.
        w.write_all(UTF8_BOM)?;
    }
    let mut out = ::csv::WriterBuilder::new()
        .delimiter(d.delimiter())
        .terminator(::csv::Terminator::CRLF)
        .from_writer(w);
    out.write_record(header)?;
    for row in rows {
        out.write_record(row.iter().map(|c| render(c, d)))?;
    }
    out.flush()?;
    Ok(())
}

fn render(c: &Cell, d: Dialect) -> String {
    match c {
        Cell::Text(s) => neutralise(s).into_owned(),
        Cell::Amount(a) => format_amount(*a, d.decimal()),
        Cell::Int(n) => n.to_string(),
        Cell::Hours(h) => format_hours(*h, d.decimal()),
        Cell::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::tests::sample;

    fn overzicht(d: Dialect) -> String {
        let mut buf = Vec::new();
        write_overzicht(&sample(), d, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    const HEADER_NL: &str = "wsv;gemeente;stadsdeel;wijken;inwoners;versie_datum;sjabloon;bestanden;aanjagers;\
aanspreekpunt_resv;budgethouder;kerndisciplines_aantal;kerndisciplines;themas;begroting_totaal;\
begroting_som_regels;vacatie_uren;aandeel_uitvoeringsbudget;stadsdeel_budget;ruimte;voorbereidingsbudget;\
status;bevindingen;cofinanciering_uren;cofinanciering_bedrag;samenwerkingsovereenkomst;regionale_aanvraag\r\n";

    #[test]
    fn overzicht_excel_nl_exact_bytes() {
        let expected = format!(
            "\u{feff}{HEADER_NL}\
Laak-Noord;Den Haag;Laak;Laakkwartier en Spoorwijk | Binckhorst;30000;v2, 1 maart 2026;haaglanden-2025;\
laak/begroting.xlsx | laak/plan.docx;A. de Vries;;Stichting X;3;huisarts | welzijn | apotheker;1 | 5;\
61200,00;61200,00;12,5;56641,00;100000,00;-4559,00;5000,00;aandacht;BUDGET_OVER_SHARE | VELD_NIET_INGEVULD;;;nee;\r\n\
\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";;;;;;;;;;;;;;;;;;;;;akkoord;;;;nee;\r\n"
        );
        assert_eq!(overzicht(Dialect::ExcelNl), expected);
    }

    #[test]
    fn overzicht_rfc4180_exact_bytes() {
        let expected = format!(
            "{}\
Laak-Noord,Den Haag,Laak,Laakkwartier en Spoorwijk | Binckhorst,30000,\"v2, 1 maart 2026\",haaglanden-2025,\
laak/begroting.xlsx | laak/plan.docx,A. de Vries,,Stichting X,3,huisarts | welzijn | apotheker,1 | 5,\
61200.00,61200.00,12.5,56641.00,100000.00,-4559.00,5000.00,aandacht,BUDGET_OVER_SHARE | VELD_NIET_INGEVULD,,,nee,\r\n\
\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,,,,,,,,,,,,,,,,,,,,akkoord,,,,nee,\r\n",
            HEADER_NL.replace(';', ",")
        );
        let got = overzicht(Dialect::Rfc4180);
        assert!(!got.starts_with('\u{feff}'));
        assert_eq!(got, expected);
    }

    #[test]
    fn bevindingen_neutralise_text_but_not_codes() {
        let mut buf = Vec::new();
        write_bevindingen(&sample(), Dialect::ExcelNl, &mut buf).unwrap();
        let got = String::from_utf8(buf).unwrap();
        let expected = "\u{feff}wsv;bestand;code;ernst;bericht;bron\r\n\
Laak-Noord;;BUDGET_OVER_SHARE;waarschuwing;'-€ 4.559,00 ruimte: de begroting ligt boven het aandeel.;wijkindeling Laak\r\n\
Laak-Noord;laak/plan.docx;VELD_NIET_INGEVULD;waarschuwing;Veld niet ingevuld.;plan.docx §1\r\n\
Laak-Noord;laak/plan.docx;VELD_NIET_INGEVULD;waarschuwing;Ander veld.;plan.docx §1 b\r\n\
;;REFERENTIE_AFWIJKING;info;Som klopt niet.;wijkindeling\r\n";
        assert_eq!(got, expected);
    }

    #[test]
    fn stadsdelen_negative_ruimte_is_a_plain_number() {
        let mut buf = Vec::new();
        write_stadsdelen(&sample(), Dialect::ExcelNl, &mut buf).unwrap();
        let got = String::from_utf8(buf).unwrap();
        let expected = "\u{feff}gemeente;stadsdeel;inwoners;uitvoeringsbudget;wsvs;inwoners_gedekt;aangevraagd;ruimte;status\r\n\
Den Haag;Laak;45000;100000,00;Laak-Noord | Laak-Zuid;30000;101234,56;-1234,56;over budget\r\n";
        assert_eq!(got, expected);
    }

    #[test]
    fn bestanden_rows() {
        let mut buf = Vec::new();
        write_bestanden(&sample(), Dialect::Rfc4180, &mut buf).unwrap();
        let got = String::from_utf8(buf).unwrap();
        assert_eq!(
            got,
            "bestand,sha256,soort,wsv,status,toelichting,rol\r\nlaak/plan.docx,ab12,docx,Laak-Noord,verwerkt,,wijkplan\r\n"
        );
    }
}
