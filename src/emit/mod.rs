//! Emitters: pure functions from a [`Snapshot`] to the output files (`overzicht.csv`,
//! `bevindingen.csv`, `bestanden.csv`, `stadsdelen.csv`, `register.json`, `overzicht.xlsx`,
//! `lerende-cyclus.html`).
//!
//! Why it looks like this:
//! - The overview's cells are computed once ([`overzicht_rijen`]) as typed [`Cell`]s; the CSV and
//!   xlsx writers only decide how a text, an amount or a count looks in their format. So the two
//!   overviews can never disagree on a value.
//! - Nothing is invented: a value the snapshot does not have is an empty cell (or `null` in JSON).
//! - Every text comes from an untrusted document. A text cell that starts with `=`, `+`, `-`, `@`,
//!   tab or carriage return would be run as a formula by a spreadsheet ("CSV injection"), so it is
//!   written with a leading apostrophe (`'=…`), the OWASP recommendation: the spreadsheet shows the
//!   text instead of evaluating it. Amounts are typed numbers and never get the prefix, so a
//!   negative `ruimte` stays a number.

pub mod csv;
pub mod json;
pub mod report;
pub mod xlsx;

use crate::domain::Cents;
use crate::snapshot::{Snapshot, WsvRecord};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Output file names inside the `--out` folder (interface.md).
pub const OVERZICHT_CSV: &str = "overzicht.csv";
pub const BEVINDINGEN_CSV: &str = "bevindingen.csv";
pub const BESTANDEN_CSV: &str = "bestanden.csv";
pub const STADSDELEN_CSV: &str = "stadsdelen.csv";
pub const REGISTER_JSON: &str = "register.json";
pub const OVERZICHT_XLSX: &str = "overzicht.xlsx";
pub const BEGROTINGSREGELS_CSV: &str = "begrotingsregels.csv";
pub const LERENDE_CYCLUS_HTML: &str = "lerende-cyclus.html";

/// Every file `run` leaves in `--out`, for its summary (the register plus what [`write_all`]
/// writes; a test keeps the two in step).
pub const UITVOER: [&str; 9] = [
    OVERZICHT_CSV,
    OVERZICHT_XLSX,
    BEVINDINGEN_CSV,
    BESTANDEN_CSV,
    STADSDELEN_CSV,
    BEGROTINGSREGELS_CSV,
    REGISTER_JSON,
    LERENDE_CYCLUS_HTML,
    "register.sqlite",
];

/// Separator between the items of a list inside one cell.
pub const LIST_SEP: &str = " | ";

/// The columns of `overzicht.csv` and `overzicht.xlsx`, in contract order.
pub const OVERZICHT_KOLOMMEN: [&str; 27] = [
    "wsv",
    "gemeente",
    "stadsdeel",
    "wijken",
    "inwoners",
    "versie_datum",
    "sjabloon",
    "bestanden",
    "aanjagers",
    "aanspreekpunt_resv",
    "budgethouder",
    "kerndisciplines_aantal",
    "kerndisciplines",
    "themas",
    "begroting_totaal",
    "begroting_som_regels",
    "vacatie_uren",
    "aandeel_uitvoeringsbudget",
    "stadsdeel_budget",
    "ruimte",
    "voorbereidingsbudget",
    "status",
    "bevindingen",
    // Added at the end (issue 13), never in between.
    "cofinanciering_uren",
    "cofinanciering_bedrag",
    "samenwerkingsovereenkomst",
    "regionale_aanvraag",
];

/// `begrotingsregels.csv`: the current begrotingen in long format, one row per line and year.
pub const BEGROTINGSREGELS_KOLOMMEN: [&str; 12] = [
    "wsv",
    "bestand",
    "post",
    "thema",
    "omschrijving",
    "uren",
    "tarief",
    "jaar",
    "bedrag",
    "cofinanciering_uren",
    "cofinanciering_bedrag",
    "bron",
];

/// How a CSV file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// `;` separated, UTF-8 with BOM, decimal comma: what Dutch Excel opens by double-click.
    #[default]
    ExcelNl,
    /// `,` separated, no BOM, decimal point.
    Rfc4180,
}

impl Dialect {
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::ExcelNl => "excel-nl",
            Dialect::Rfc4180 => "rfc4180",
        }
    }
    pub fn parse(s: &str) -> Option<Dialect> {
        match s {
            "excel-nl" => Some(Dialect::ExcelNl),
            "rfc4180" => Some(Dialect::Rfc4180),
            _ => None,
        }
    }
    pub(crate) fn delimiter(self) -> u8 {
        match self {
            Dialect::ExcelNl => b';',
            Dialect::Rfc4180 => b',',
        }
    }
    pub(crate) fn decimal(self) -> char {
        match self {
            Dialect::ExcelNl => ',',
            Dialect::Rfc4180 => '.',
        }
    }
}

/// Errors while writing outputs. Messages are Dutch, for the staff member running the tool.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("kan {pad} niet schrijven: {}", crate::osfout::nl(bron))]
    Bestand { pad: PathBuf, bron: std::io::Error },
    #[error("kan uitvoer niet schrijven: {}", crate::osfout::nl(.0))]
    Io(#[from] std::io::Error),
    #[error("kan CSV niet schrijven: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("kan JSON niet schrijven: {0}")]
    Json(#[from] serde_json::Error),
    #[error("kan Excel-bestand niet schrijven: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("te veel rijen voor een Excel-werkblad ({0})")]
    TeVeelRijen(usize),
}

/// One typed cell of an output table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Untrusted text; neutralised against formula injection when written.
    Text(String),
    /// Money: two decimals, never prefixed.
    Amount(Cents),
    /// A count (inhabitants, disciplines).
    Int(u64),
    /// Hours: decimals only when needed (`12,5`, `40`).
    Hours(f64),
    Empty,
}

impl Cell {
    /// Text, or an empty cell for an empty string.
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }
    pub fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }
    pub fn opt_amount(c: Option<Cents>) -> Cell {
        c.map_or(Cell::Empty, Cell::Amount)
    }
    pub fn list<S: AsRef<str>>(items: &[S]) -> Cell {
        Cell::text(
            items
                .iter()
                .map(|s| s.as_ref())
                .collect::<Vec<_>>()
                .join(LIST_SEP),
        )
    }
}

/// The text a spreadsheet shows as text: a leading `'` before `=`, `+`, `-`, `@`, tab or CR.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// `1234,56` / `-1234.56`: no thousands separator, two decimals.
pub fn format_amount(c: Cents, decimal: char) -> String {
    let sign = if c.0 < 0 { "-" } else { "" };
    let abs = c.0.unsigned_abs();
    format!("{sign}{}{decimal}{:02}", abs / 100, abs % 100)
}

/// Hours rounded to two decimals, decimals only when needed: `12,5`, `40`, `0,25`.
pub fn format_hours(h: f64, decimal: char) -> String {
    if !h.is_finite() {
        return String::new();
    }
    let s = format!("{:.2}", round_hours(h));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let s = if s == "-0" { "0" } else { s };
    s.replace('.', &decimal.to_string())
}

/// Hours as a number rounded to two decimals (sums of floats drift: 0.1 + 0.2).
pub(crate) fn round_hours(h: f64) -> f64 {
    (h * 100.0).round() / 100.0
}

/// The overview rows, one per WSV in snapshot order, cells in [`OVERZICHT_KOLOMMEN`] order.
pub fn overzicht_rijen(s: &Snapshot) -> Vec<Vec<Cell>> {
    s.wsvs.iter().map(overzicht_rij).collect()
}

fn overzicht_rij(r: &WsvRecord) -> Vec<Cell> {
    let plan = r.plan.as_ref().map(|(_, p)| p);
    let begroting = r.begroting.as_ref().map(|(_, b)| b);
    let veld = |f: fn(&crate::domain::Velden) -> &Option<String>| {
        Cell::opt_text(plan.and_then(|p| f(&p.velden).as_deref()))
    };
    let pl = &r.plaatsing;
    let totaal = begroting.map(|b| b.totaal());
    let ruimte = match (pl.aandeel_uitvoeringsbudget, totaal) {
        (Some(a), Some(t)) => Some(Cents(a.0 - t.0)),
        _ => None,
    };
    let mut codes: Vec<&str> = Vec::new();
    for b in &r.bevindingen {
        let c = b.finding.code.as_str();
        if !codes.contains(&c) {
            codes.push(c);
        }
    }
    vec![
        Cell::text(r.wsv.as_str()),
        Cell::opt_text(pl.gemeente.as_deref()),
        Cell::opt_text(pl.stadsdeel.as_deref()),
        Cell::list(&pl.wijken),
        pl.inwoners.map_or(Cell::Empty, Cell::Int),
        veld(|v| &v.versie_datum.waarde),
        plan.map_or(Cell::Empty, |p| Cell::text(p.sjabloon.as_str())),
        Cell::list(&r.bestanden),
        veld(|v| &v.aanjagers.waarde),
        veld(|v| &v.aanspreekpunt_resv.waarde),
        veld(|v| &v.budgethouder.waarde),
        plan.map_or(Cell::Empty, |p| Cell::Int(p.kerndisciplines.len() as u64)),
        plan.map_or(Cell::Empty, |p| {
            Cell::list(
                &p.kerndisciplines
                    .iter()
                    .map(|d| d.as_str())
                    .collect::<Vec<_>>(),
            )
        }),
        plan.map_or(Cell::Empty, |p| {
            let nummers: Vec<String> = p
                .themas
                .iter()
                .filter(|t| t.has_content())
                .map(|t| t.nummer.to_string())
                .collect();
            Cell::list(&nummers)
        }),
        Cell::opt_amount(totaal),
        Cell::opt_amount(begroting.map(|b| b.som_regels())),
        begroting.map_or(Cell::Empty, |b| Cell::Hours(b.vacatie_uren())),
        Cell::opt_amount(pl.aandeel_uitvoeringsbudget),
        Cell::opt_amount(pl.stadsdeel_budget),
        Cell::opt_amount(ruimte),
        Cell::opt_amount(pl.voorbereidingsbudget),
        Cell::text(r.status()),
        Cell::list(&codes),
        begroting
            .and_then(|b| b.cofinanciering_uren())
            .map_or(Cell::Empty, Cell::Hours),
        Cell::opt_amount(begroting.and_then(|b| b.cofinanciering_bedrag())),
        Cell::text(if r.samenwerkingsovereenkomst.is_some() {
            "ja"
        } else {
            "nee"
        }),
        Cell::opt_amount(plan.and_then(|p| crate::audit::regionale_aanvraag(p)?.1)),
    ]
}

/// The rows of `begrotingsregels.csv`: per WSV with a current begroting, each line once per year
/// column (once, `jaar` empty, without year columns), then the cofinanciering rows below the
/// total (`bedrag` empty). A line's cofinanciering is on its first row only, so a pivot table's
/// sum counts it once.
pub fn begrotingsregels_rijen(s: &Snapshot) -> Vec<Vec<Cell>> {
    let mut out = Vec::new();
    for r in &s.wsvs {
        let Some((bestand, b)) = &r.begroting else {
            continue;
        };
        let row = |g: &crate::domain::Regel,
                   jaar: Option<u16>,
                   bedrag: Option<Cents>,
                   cofin: bool,
                   bron: &str| {
            vec![
                Cell::text(r.wsv.as_str()),
                Cell::text(bestand.as_str()),
                Cell::text(g.post.as_str()),
                Cell::opt_text(g.thema.as_deref()),
                Cell::opt_text(g.omschrijving.as_deref()),
                g.uren.map_or(Cell::Empty, Cell::Hours),
                Cell::opt_amount(g.tarief),
                jaar.map_or(Cell::Empty, |j| Cell::Int(u64::from(j))),
                Cell::opt_amount(bedrag),
                if cofin {
                    g.cofinanciering_uren.map_or(Cell::Empty, Cell::Hours)
                } else {
                    Cell::Empty
                },
                if cofin {
                    Cell::opt_amount(g.cofinanciering)
                } else {
                    Cell::Empty
                },
                Cell::text(bron),
            ]
        };
        for g in &b.regels {
            if g.jaren.is_empty() {
                out.push(row(g, None, Some(g.bedrag), true, &g.bron));
            } else {
                for (i, j) in g.jaren.iter().enumerate() {
                    out.push(row(g, Some(j.jaar), Some(j.bedrag), i == 0, &j.bron));
                }
            }
        }
        for g in &b.cofinanciering {
            out.push(row(g, None, None, true, &g.bron));
        }
    }
    out
}

/// Write every CSV, the JSON and the xlsx overview into `dir` (which must exist).
pub fn write_all(s: &Snapshot, dialect: Dialect, dir: &Path) -> Result<(), EmitError> {
    type CsvFn = fn(&Snapshot, Dialect, &mut dyn std::io::Write) -> Result<(), EmitError>;
    let tables: [(&str, CsvFn); 5] = [
        (OVERZICHT_CSV, csv::write_overzicht),
        (BEGROTINGSREGELS_CSV, csv::write_begrotingsregels),
        (BEVINDINGEN_CSV, csv::write_bevindingen),
        (BESTANDEN_CSV, csv::write_bestanden),
        (STADSDELEN_CSV, csv::write_stadsdelen),
    ];
    for (name, f) in tables {
        with_file(&dir.join(name), |w| f(s, dialect, w))?;
    }
    with_file(&dir.join(REGISTER_JSON), |w| json::write_register(s, w))?;
    with_file(&dir.join(LERENDE_CYCLUS_HTML), |w| {
        report::write_report(s, w)
    })?;
    xlsx::write_overzicht_file(s, &dir.join(OVERZICHT_XLSX))
}

/// Write `path` through `f`: into a temporary file beside it, then renamed over it, so a run that
/// is killed halfway never leaves a half-written output (the old one stays until the new one is
/// whole). I/O errors name the file.
pub fn with_file(
    path: &Path,
    f: impl FnOnce(&mut dyn std::io::Write) -> Result<(), EmitError>,
) -> Result<(), EmitError> {
    let named = |bron| EmitError::Bestand {
        pad: path.to_path_buf(),
        bron,
    };
    // Unique per process and call: two runs into one folder never write the same temp file.
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(path.file_name().unwrap_or_default());
    tmp_name.push(format!(".{}.{n}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let file = std::fs::File::create(&tmp).map_err(named)?;
    let mut w = std::io::BufWriter::new(file);
    let result = match f(&mut w) {
        Err(EmitError::Io(bron)) => Err(named(bron)),
        other => other,
    }
    .and_then(|()| {
        let file = w.into_inner().map_err(|e| named(e.into_error()))?;
        file.sync_all().map_err(named)
    })
    .and_then(|()| std::fs::rename(&tmp, path).map_err(named));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::{
        Begroting, Code, Discipline, Finding, Regel, Sjabloon, Thema, Veld, Velden, Wijkplan,
    };
    use crate::snapshot::{
        BestandRij, Bevinding, Plaatsing, Soort, StadsdeelRij, Status, WsvRecord,
    };

    /// A small snapshot: one complete WSV, one with only a hostile name, one regional finding.
    pub(crate) fn sample() -> Snapshot {
        let veld = |w: Option<&str>| Veld {
            waarde: w.map(str::to_string),
            bron: "plan.docx §1".into(),
        };
        let plan = Wijkplan {
            sjabloon: Sjabloon::Haaglanden2025,
            velden: Velden {
                wijk_wsv: veld(Some("Laak-Noord")),
                gemeente_stadsdeel: veld(Some("Den Haag / Laak")),
                versie_datum: veld(Some("v2, 1 maart 2026")),
                aanjagers: veld(Some("A. de Vries")),
                aanspreekpunt_resv: veld(None),
                budgethouder: veld(Some("Stichting X")),
                kernteamleden: veld(None),
            },
            kerndisciplines: vec![
                Discipline::Huisarts,
                Discipline::Welzijn,
                Discipline::Apotheker,
            ],
            secties: vec![],
            themas: vec![
                Thema {
                    nummer: 1,
                    naam: "Wijkgerichte samenwerking".into(),
                    doelen: "Overleg".into(),
                    ..Thema::default()
                },
                Thema {
                    nummer: 2,
                    naam: "Preventie".into(),
                    ..Thema::default()
                },
                Thema {
                    nummer: 5,
                    naam: "GGZ".into(),
                    partijen: "GGZ-team".into(),
                    ..Thema::default()
                },
            ],
            checklist: vec![],
            vingerafdruk: "x".into(),
            begroting: None,
        };
        let begroting = Begroting {
            wsv_naam: None,
            totaal_opgegeven: Some(Cents(6_120_000)),
            totaal_bron: Some("begroting.xlsx Begroting!H20".into()),
            regels: vec![
                Regel {
                    post: "Vacatiegeld".into(),
                    thema: Some("1".into()),
                    omschrijving: None,
                    uren: Some(12.5),
                    tarief: Some(Cents(8000)),
                    bedrag: Cents(100_000),
                    cofinanciering: None,
                    vacatie: true,
                    bron: "begroting.xlsx Begroting!H14".into(),
                    ..Regel::default()
                },
                Regel {
                    post: "Projecten".into(),
                    thema: None,
                    omschrijving: Some("Valpreventie".into()),
                    uren: None,
                    tarief: None,
                    bedrag: Cents(6_020_000),
                    cofinanciering: None,
                    vacatie: false,
                    bron: "begroting.xlsx Begroting!H15".into(),
                    ..Regel::default()
                },
            ],
            blad: "Begroting".into(),
            ..Begroting::default()
        };
        let laak = WsvRecord {
            wsv: "Laak-Noord".into(),
            plan: Some(("laak/plan.docx".into(), plan)),
            begroting: Some(("laak/begroting.xlsx".into(), begroting)),
            bestanden: vec!["laak/begroting.xlsx".into(), "laak/plan.docx".into()],
            eerdere_versies: vec![],
            samenwerkingsovereenkomst: None,
            plan_scan: None,
            plaatsing: Plaatsing {
                gemeente: Some("Den Haag".into()),
                stadsdeel: Some("Laak".into()),
                wijken: vec!["Laakkwartier en Spoorwijk".into(), "Binckhorst".into()],
                inwoners: Some(30_000),
                aandeel_uitvoeringsbudget: Some(Cents(5_664_100)),
                stadsdeel_budget: Some(Cents(10_000_000)),
                voorbereidingsbudget: Some(Cents(500_000)),
            },
            bevindingen: vec![
                Bevinding {
                    wsv: Some("Laak-Noord".into()),
                    bestand: None,
                    finding: Finding::new(
                        Code::BUDGET_OVER_SHARE,
                        "-€ 4.559,00 ruimte: de begroting ligt boven het aandeel.",
                        "wijkindeling Laak",
                    ),
                },
                Bevinding {
                    wsv: Some("Laak-Noord".into()),
                    bestand: Some("laak/plan.docx".into()),
                    finding: Finding::new(
                        Code::VELD_NIET_INGEVULD,
                        "Veld niet ingevuld.",
                        "plan.docx §1",
                    ),
                },
                Bevinding {
                    wsv: Some("Laak-Noord".into()),
                    bestand: Some("laak/plan.docx".into()),
                    finding: Finding::new(
                        Code::VELD_NIET_INGEVULD,
                        "Ander veld.",
                        "plan.docx §1 b",
                    ),
                },
            ],
        };
        let evil = WsvRecord {
            wsv: "=HYPERLINK(\"http://x\",\"y\")".into(),
            plan: None,
            begroting: None,
            bestanden: vec![],
            eerdere_versies: vec![],
            samenwerkingsovereenkomst: None,
            plan_scan: None,
            plaatsing: Plaatsing::default(),
            bevindingen: vec![],
        };
        Snapshot {
            wsvs: vec![laak, evil],
            bestanden: vec![BestandRij {
                bestand: "laak/plan.docx".into(),
                sha256: "ab12".into(),
                soort: Soort::Docx,
                wsv: Some("Laak-Noord".into()),
                status: Status::Verwerkt,
                toelichting: String::new(),
                rol: Some(crate::snapshot::Rol::Wijkplan),
            }],
            stadsdelen: vec![StadsdeelRij {
                gemeente: "Den Haag".into(),
                stadsdeel: "Laak".into(),
                inwoners: 45_000,
                uitvoeringsbudget: Cents(10_000_000),
                wsvs: vec!["Laak-Noord".into(), "Laak-Zuid".into()],
                inwoners_gedekt: 30_000,
                aangevraagd: Cents(10_123_456),
                ruimte: Cents(-123_456),
                status: "over budget".into(),
            }],
            bevindingen_regio: vec![Bevinding {
                wsv: None,
                bestand: None,
                finding: Finding::new(
                    Code::REFERENTIE_AFWIJKING,
                    "Som klopt niet.",
                    "wijkindeling",
                ),
            }],
            ..Snapshot::default()
        }
    }

    #[test]
    fn neutralise_prefixes_formula_starts_only() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("+31 70"), "'+31 70");
        assert_eq!(neutralise("-€ 50,00"), "'-€ 50,00");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("Laak = goed"), "Laak = goed");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn amounts_and_hours_format() {
        assert_eq!(format_amount(Cents(123_456), ','), "1234,56");
        assert_eq!(format_amount(Cents(-123_456), '.'), "-1234.56");
        assert_eq!(format_amount(Cents(-5), ','), "-0,05");
        assert_eq!(format_amount(Cents(4_125_000), ','), "41250,00");
        assert_eq!(format_hours(12.5, ','), "12,5");
        assert_eq!(format_hours(40.0, ','), "40");
        assert_eq!(format_hours(0.1 + 0.2, '.'), "0.3");
        assert_eq!(format_hours(0.0, ','), "0");
        assert_eq!(format_hours(f64::NAN, ','), "");
    }

    #[test]
    fn overview_row_derives_values_and_leaves_unknowns_empty() {
        let rows = overzicht_rijen(&sample());
        let laak = &rows[0];
        assert_eq!(laak.len(), OVERZICHT_KOLOMMEN.len());
        assert_eq!(laak[13], Cell::Text("1 | 5".into()));
        assert_eq!(laak[19], Cell::Amount(Cents(5_664_100 - 6_120_000)));
        assert_eq!(
            laak[22],
            Cell::Text("BUDGET_OVER_SHARE | VELD_NIET_INGEVULD".into())
        );
        let evil = &rows[1];
        assert!(evil[1..21].iter().all(|c| *c == Cell::Empty), "{evil:?}");
        assert_eq!(evil[21], Cell::Text("akkoord".into()));
    }

    #[test]
    fn outputs_from_a_register_are_deterministic() {
        use crate::register::Register;
        use crate::snapshot::{Assignment, Content, FileOutcome};
        let mut reg = Register::open_in_memory().unwrap();
        let file = |bestand: &str, sha: &str, content: Content| FileOutcome {
            bestand: bestand.into(),
            map: "laak".into(),
            sha256: sha.into(),
            grootte: 10,
            soort: if matches!(content, Content::Wijkplan(_)) {
                Soort::Docx
            } else {
                Soort::Xlsx
            },
            content,
            findings: vec![],
            opmerkingen: vec![],
            voorbijgaand: false,
            tekst: Vec::new(),
            tekst_opslag: None,
            technisch: Vec::new(),
        };
        let plan = crate::register::tests::plan("Laak", "v1");
        let (p, _) = reg
            .store_file(&file("laak/plan.docx", "p", Content::Wijkplan(plan)))
            .unwrap();
        let begroting = crate::register::tests::begroting();
        let (b, _) = reg
            .store_file(&file("laak/b.xlsx", "b", Content::Begroting(begroting)))
            .unwrap();
        let asg = |id| Assignment {
            file_id: id,
            wsv: Some("Laak".into()),
            status: Status::Verwerkt,
            toelichting: String::new(),
            actueel: true,
            rol: None,
        };
        reg.save_assignments(&[asg(p), asg(b)]).unwrap();
        let render = |s: &Snapshot| {
            let mut csv = Vec::new();
            csv::write_overzicht(s, Dialect::Rfc4180, &mut csv).unwrap();
            let mut js = Vec::new();
            json::write_register(s, &mut js).unwrap();
            (
                String::from_utf8(csv).unwrap(),
                String::from_utf8(js).unwrap(),
            )
        };
        let first = render(&reg.snapshot().unwrap());
        assert_eq!(render(&reg.snapshot().unwrap()), first);
        let row = first.0.lines().nth(1).unwrap();
        assert!(
            row.starts_with(
                "Laak,,,,,v1,haaglanden-2025,laak/b.xlsx | laak/plan.docx,,J. Jansen,,3,huisarts | welzijn | apotheker,1,41250.00,-234.56,12.5,,,,,"
            ),
            "{row}"
        );
    }

    #[test]
    fn write_all_writes_every_output_file() {
        let dir = tempfile::tempdir().unwrap();
        write_all(&sample(), Dialect::ExcelNl, dir.path()).unwrap();
        for name in [
            OVERZICHT_CSV,
            BEVINDINGEN_CSV,
            BESTANDEN_CSV,
            STADSDELEN_CSV,
            REGISTER_JSON,
            OVERZICHT_XLSX,
            LERENDE_CYCLUS_HTML,
        ] {
            let len = std::fs::metadata(dir.path().join(name)).unwrap().len();
            assert!(len > 3, "{name} is empty");
        }
        // The summary of `run` names exactly what is written (plus the register).
        let mut written: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        written.sort();
        let mut listed: Vec<String> = UITVOER
            .iter()
            .filter(|n| **n != "register.sqlite")
            .map(|n| n.to_string())
            .collect();
        listed.sort();
        assert_eq!(written, listed);
        let err = write_all(
            &sample(),
            Dialect::ExcelNl,
            &dir.path().join("bestaat-niet"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("bestaat-niet"), "{err}");
        // In Dutch, without the OS's English text or error number.
        assert!(err.to_string().contains("bestaat niet"), "{err}");
        assert!(!err.to_string().contains("os error"), "{err}");
    }
}
