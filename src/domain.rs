//! Domain types: what the template and begroting mappers produce, what the register stores, what
//! the audit and the emitters read. Field names follow `interface.md` (Dutch domain nouns).

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of money in euro cents. Exact: no float drift when adding budget lines.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Cents(pub i64);

impl Cents {
    /// The largest amount read from a document: € 1 miljard. Anything bigger is no budget line,
    /// and the cap keeps every sum of lines (at most a million cells per sheet) far inside i64.
    pub const MAX_ABS: i64 = 100_000_000_000;

    /// From a spreadsheet float, rounded half away from zero to the cent; `None` beyond
    /// [`Cents::MAX_ABS`].
    pub fn from_euros(e: f64) -> Option<Cents> {
        if !e.is_finite() || e.abs() * 100.0 > Cents::MAX_ABS as f64 {
            return None;
        }
        Some(Cents((e * 100.0).round() as i64))
    }
    pub fn euros(self) -> f64 {
        self.0 as f64 / 100.0
    }
    /// Dutch notation for messages: `€ 1.234,56`, `-€ 50,00`.
    pub fn nl(self) -> String {
        let neg = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(ch);
        }
        format!(
            "{}€ {},{:02}",
            if neg { "-" } else { "" },
            grouped,
            abs % 100
        )
    }
}

impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.nl())
    }
}

/// Severity of a finding, as in `interface.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ernst {
    Fout,
    Waarschuwing,
    Info,
}

impl Ernst {
    pub fn as_str(self) -> &'static str {
        match self {
            Ernst::Fout => "fout",
            Ernst::Waarschuwing => "waarschuwing",
            Ernst::Info => "info",
        }
    }
    pub fn parse(s: &str) -> Option<Ernst> {
        match s {
            "fout" => Some(Ernst::Fout),
            "waarschuwing" => Some(Ernst::Waarschuwing),
            "info" => Some(Ernst::Info),
            _ => None,
        }
    }
}

/// Finding codes of `interface.md`. The severity belongs to the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[allow(non_camel_case_types)]
pub enum Code {
    BUDGET_OVER_SHARE,
    STADSDEEL_OVER_BUDGET,
    INWONERS_ONDER_MINIMUM,
    BUITEN_STADSDEEL,
    STADSDEEL_ONBEKEND,
    DISCIPLINES_ONDER_MINIMUM,
    BEGROTING_ONTBREEKT,
    WIJKPLAN_ONTBREEKT,
    BEGROTING_SOM_AFWIJKING,
    VACATIE_TARIEF_AFWIJKEND,
    THEMA_ZONDER_BEGROTING,
    FORMULE_ZONDER_WAARDE,
    VELD_NIET_INGEVULD,
    VOORBEELDTEKST_AANWEZIG,
    CHECKLIST_ONVOLLEDIG,
    HAAGLANDEN_GEZONDER_ONTBREEKT,
    ANDER_SJABLOON,
    GEEN_TEKSTLAAG,
    BESTAND_ONLEESBAAR,
    REFERENTIE_AFWIJKING,
    SAMENWERKINGSOVEREENKOMST_ONTBREEKT,
    WSV_OVERLAP,
    WSV_ONBEPAALD,
    BEDRAG_NIET_GELEZEN,
    ZORG_IN_BEGROTING,
    KERNGROEP_FREQUENTIE,
    REGIONALE_AANVRAAG_IN_BEGROTING,
    DISCIPLINES_GROEI_ONVERMELD,
    BEGROTING_ZONDER_THEMA,
    CORRECTIE_VERVALLEN,
    SJABLOON_AFWIJKING,
    BEGROTING_PLAN_AFWIJKING,
    OCR_GELEZEN,
}

impl Code {
    pub const ALL: [Code; 33] = [
        Code::BUDGET_OVER_SHARE,
        Code::STADSDEEL_OVER_BUDGET,
        Code::INWONERS_ONDER_MINIMUM,
        Code::BUITEN_STADSDEEL,
        Code::STADSDEEL_ONBEKEND,
        Code::DISCIPLINES_ONDER_MINIMUM,
        Code::BEGROTING_ONTBREEKT,
        Code::WIJKPLAN_ONTBREEKT,
        Code::BEGROTING_SOM_AFWIJKING,
        Code::VACATIE_TARIEF_AFWIJKEND,
        Code::THEMA_ZONDER_BEGROTING,
        Code::FORMULE_ZONDER_WAARDE,
        Code::VELD_NIET_INGEVULD,
        Code::VOORBEELDTEKST_AANWEZIG,
        Code::CHECKLIST_ONVOLLEDIG,
        Code::HAAGLANDEN_GEZONDER_ONTBREEKT,
        Code::ANDER_SJABLOON,
        Code::GEEN_TEKSTLAAG,
        Code::BESTAND_ONLEESBAAR,
        Code::REFERENTIE_AFWIJKING,
        Code::SAMENWERKINGSOVEREENKOMST_ONTBREEKT,
        Code::WSV_OVERLAP,
        Code::WSV_ONBEPAALD,
        Code::BEDRAG_NIET_GELEZEN,
        Code::ZORG_IN_BEGROTING,
        Code::KERNGROEP_FREQUENTIE,
        Code::REGIONALE_AANVRAAG_IN_BEGROTING,
        Code::DISCIPLINES_GROEI_ONVERMELD,
        Code::BEGROTING_ZONDER_THEMA,
        Code::CORRECTIE_VERVALLEN,
        Code::SJABLOON_AFWIJKING,
        Code::BEGROTING_PLAN_AFWIJKING,
        Code::OCR_GELEZEN,
    ];

    pub fn ernst(self) -> Ernst {
        use Code::*;
        match self {
            STADSDEEL_OVER_BUDGET
            | BUITEN_STADSDEEL
            | STADSDEEL_ONBEKEND
            | DISCIPLINES_ONDER_MINIMUM
            | BEGROTING_ONTBREEKT
            | WIJKPLAN_ONTBREEKT
            | BEGROTING_SOM_AFWIJKING
            | GEEN_TEKSTLAAG
            | BESTAND_ONLEESBAAR
            | WSV_OVERLAP => Ernst::Fout,
            BUDGET_OVER_SHARE
            | INWONERS_ONDER_MINIMUM
            | VACATIE_TARIEF_AFWIJKEND
            | THEMA_ZONDER_BEGROTING
            | FORMULE_ZONDER_WAARDE
            | VELD_NIET_INGEVULD
            | VOORBEELDTEKST_AANWEZIG
            | SAMENWERKINGSOVEREENKOMST_ONTBREEKT
            | WSV_ONBEPAALD
            | BEDRAG_NIET_GELEZEN
            | REGIONALE_AANVRAAG_IN_BEGROTING
            | BEGROTING_ZONDER_THEMA
            | CORRECTIE_VERVALLEN
            | BEGROTING_PLAN_AFWIJKING
            | OCR_GELEZEN => Ernst::Waarschuwing,
            CHECKLIST_ONVOLLEDIG
            | HAAGLANDEN_GEZONDER_ONTBREEKT
            | ANDER_SJABLOON
            | REFERENTIE_AFWIJKING
            | ZORG_IN_BEGROTING
            | KERNGROEP_FREQUENTIE
            | DISCIPLINES_GROEI_ONVERMELD
            | SJABLOON_AFWIJKING => Ernst::Info,
        }
    }

    pub fn as_str(self) -> &'static str {
        use Code::*;
        match self {
            BUDGET_OVER_SHARE => "BUDGET_OVER_SHARE",
            STADSDEEL_OVER_BUDGET => "STADSDEEL_OVER_BUDGET",
            INWONERS_ONDER_MINIMUM => "INWONERS_ONDER_MINIMUM",
            BUITEN_STADSDEEL => "BUITEN_STADSDEEL",
            STADSDEEL_ONBEKEND => "STADSDEEL_ONBEKEND",
            DISCIPLINES_ONDER_MINIMUM => "DISCIPLINES_ONDER_MINIMUM",
            BEGROTING_ONTBREEKT => "BEGROTING_ONTBREEKT",
            WIJKPLAN_ONTBREEKT => "WIJKPLAN_ONTBREEKT",
            BEGROTING_SOM_AFWIJKING => "BEGROTING_SOM_AFWIJKING",
            VACATIE_TARIEF_AFWIJKEND => "VACATIE_TARIEF_AFWIJKEND",
            THEMA_ZONDER_BEGROTING => "THEMA_ZONDER_BEGROTING",
            FORMULE_ZONDER_WAARDE => "FORMULE_ZONDER_WAARDE",
            VELD_NIET_INGEVULD => "VELD_NIET_INGEVULD",
            VOORBEELDTEKST_AANWEZIG => "VOORBEELDTEKST_AANWEZIG",
            CHECKLIST_ONVOLLEDIG => "CHECKLIST_ONVOLLEDIG",
            HAAGLANDEN_GEZONDER_ONTBREEKT => "HAAGLANDEN_GEZONDER_ONTBREEKT",
            ANDER_SJABLOON => "ANDER_SJABLOON",
            GEEN_TEKSTLAAG => "GEEN_TEKSTLAAG",
            BESTAND_ONLEESBAAR => "BESTAND_ONLEESBAAR",
            REFERENTIE_AFWIJKING => "REFERENTIE_AFWIJKING",
            SAMENWERKINGSOVEREENKOMST_ONTBREEKT => "SAMENWERKINGSOVEREENKOMST_ONTBREEKT",
            WSV_OVERLAP => "WSV_OVERLAP",
            WSV_ONBEPAALD => "WSV_ONBEPAALD",
            BEDRAG_NIET_GELEZEN => "BEDRAG_NIET_GELEZEN",
            ZORG_IN_BEGROTING => "ZORG_IN_BEGROTING",
            KERNGROEP_FREQUENTIE => "KERNGROEP_FREQUENTIE",
            REGIONALE_AANVRAAG_IN_BEGROTING => "REGIONALE_AANVRAAG_IN_BEGROTING",
            DISCIPLINES_GROEI_ONVERMELD => "DISCIPLINES_GROEI_ONVERMELD",
            BEGROTING_ZONDER_THEMA => "BEGROTING_ZONDER_THEMA",
            CORRECTIE_VERVALLEN => "CORRECTIE_VERVALLEN",
            SJABLOON_AFWIJKING => "SJABLOON_AFWIJKING",
            BEGROTING_PLAN_AFWIJKING => "BEGROTING_PLAN_AFWIJKING",
            OCR_GELEZEN => "OCR_GELEZEN",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Names of the seven fixed themes of the sjabloon's section 4 (8 and 9 are the WSV's own), as
/// the sjabloon definition states them (`template::sjabloon_haaglanden`, a leaf data module).
pub const THEMA_NAMEN: [&str; 7] = crate::template::sjabloon_haaglanden::VASTE_THEMAS;

/// Haaglanden Gezonder projects (seed 001, "Ketenaanpakken Haaglanden Gezonder") and how plans
/// write them, normalised with `text::norm`, grouped per project so the report can say which one.
/// Bare "overgewicht" belongs to GLI (adults) and Kind naar gezonder gewicht alike: it is in
/// [`HAAGLANDEN_GEZONDER_ALGEMEEN`].
pub const HAAGLANDEN_GEZONDER: [(&str, &[&str]); 5] = [
    ("Kansrijke start", &["kansrijke start", "kansrijk start"]),
    (
        "GLI",
        &[
            "gli",
            "gecombineerde leefstijlinterventie",
            "gecombineerde leefstijl interventie",
            "overgewicht volwassenen",
        ],
    ),
    ("Valpreventie", &["valpreventie", "val preventie"]),
    ("Welzijn op Recept", &["welzijn op recept"]),
    (
        "Kind naar gezonder gewicht",
        &[
            "kind naar gezonder gewicht",
            "naar gezonder gewicht",
            "jogg",
            "gezond gewicht",
        ],
    ),
];

/// Words that name the programme or its chains without naming one project.
pub const HAAGLANDEN_GEZONDER_ALGEMEEN: [&str; 2] = ["haaglanden gezonder", "overgewicht"];

/// One finding: code, severity (from the code), one Dutch sentence, and where it rests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: Code,
    pub ernst: Ernst,
    pub bericht: String,
    pub bron: String,
}

impl Finding {
    pub fn new(code: Code, bericht: impl Into<String>, bron: impl Into<String>) -> Finding {
        Finding {
            code,
            ernst: code.ernst(),
            bericht: bericht.into(),
            bron: bron.into(),
        }
    }
}

/// A value together with the findings produced while computing it (typst's `Warned<T>`).
#[derive(Debug, Clone)]
pub struct Mapped<T> {
    pub value: T,
    pub findings: Vec<Finding>,
}

/// Which template a wijkplan follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sjabloon {
    #[serde(rename = "haaglanden-2025")]
    Haaglanden2025,
    #[serde(rename = "zorg-en-zekerheid-2018")]
    ZorgEnZekerheid2018,
    #[serde(rename = "medrie")]
    Medrie,
    #[serde(rename = "onbekend")]
    Onbekend,
}

impl Sjabloon {
    pub fn as_str(self) -> &'static str {
        match self {
            Sjabloon::Haaglanden2025 => "haaglanden-2025",
            Sjabloon::ZorgEnZekerheid2018 => "zorg-en-zekerheid-2018",
            Sjabloon::Medrie => "medrie",
            Sjabloon::Onbekend => "onbekend",
        }
    }
    pub fn parse(s: &str) -> Sjabloon {
        match s {
            "haaglanden-2025" => Sjabloon::Haaglanden2025,
            "zorg-en-zekerheid-2018" => Sjabloon::ZorgEnZekerheid2018,
            "medrie" => Sjabloon::Medrie,
            _ => Sjabloon::Onbekend,
        }
    }
}

/// The five core disciplines of a kernteam.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Discipline {
    Huisarts,
    Welzijn,
    Wijkverpleging,
    Apotheker,
    Paramedici,
}

impl Discipline {
    pub const ALL: [Discipline; 5] = [
        Discipline::Huisarts,
        Discipline::Welzijn,
        Discipline::Wijkverpleging,
        Discipline::Apotheker,
        Discipline::Paramedici,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Discipline::Huisarts => "huisarts",
            Discipline::Welzijn => "welzijn",
            Discipline::Wijkverpleging => "wijkverpleging",
            Discipline::Apotheker => "apotheker",
            Discipline::Paramedici => "paramedici",
        }
    }
    pub fn parse(s: &str) -> Option<Discipline> {
        Discipline::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// A section-1 field: the WSV's value (None when left as placeholder or empty) and where it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Veld {
    pub waarde: Option<String>,
    pub bron: String,
}

/// The seven section-1 fields of the Haaglanden sjabloon.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Velden {
    pub wijk_wsv: Veld,
    pub gemeente_stadsdeel: Veld,
    pub versie_datum: Veld,
    pub aanjagers: Veld,
    pub aanspreekpunt_resv: Veld,
    pub budgethouder: Veld,
    pub kernteamleden: Veld,
}

impl Velden {
    /// (json key, label in the sjabloon, field) in template order.
    /// The seven fields, to change each in turn (bounds, provenance).
    pub fn all_mut(&mut self) -> [&mut Veld; 7] {
        [
            &mut self.wijk_wsv,
            &mut self.gemeente_stadsdeel,
            &mut self.versie_datum,
            &mut self.aanjagers,
            &mut self.aanspreekpunt_resv,
            &mut self.budgethouder,
            &mut self.kernteamleden,
        ]
    }

    /// Keys and labels come from the sjabloon definition
    /// (`template::sjabloon_haaglanden::VELDEN`), in the same order as the struct's fields.
    pub fn all(&self) -> [(&'static str, &'static str, &Veld); 7] {
        use crate::template::sjabloon_haaglanden::VELDEN as V;
        [
            (V[0].0, V[0].1, &self.wijk_wsv),
            (V[1].0, V[1].1, &self.gemeente_stadsdeel),
            (V[2].0, V[2].1, &self.versie_datum),
            (V[3].0, V[3].1, &self.aanjagers),
            (V[4].0, V[4].1, &self.aanspreekpunt_resv),
            (V[5].0, V[5].1, &self.budgethouder),
            (V[6].0, V[6].1, &self.kernteamleden),
        ]
    }
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Veld> {
        Some(match key {
            "wijk_wsv" => &mut self.wijk_wsv,
            "gemeente_stadsdeel" => &mut self.gemeente_stadsdeel,
            "versie_datum" => &mut self.versie_datum,
            "aanjagers" => &mut self.aanjagers,
            "aanspreekpunt_resv" => &mut self.aanspreekpunt_resv,
            "budgethouder" => &mut self.budgethouder,
            "kernteamleden" => &mut self.kernteamleden,
            _ => return None,
        })
    }
}

/// A free-text section (2, 3, 5, 6, 7, 8 of the sjabloon), the WSV's own words only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sectie {
    pub nummer: u32,
    pub titel: String,
    pub tekst: String,
    pub bron: String,
}

/// A row of the section-4 themes table. Empty strings where the WSV wrote nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thema {
    pub nummer: u32,
    pub naam: String,
    pub doelen: String,
    pub activiteiten: String,
    pub resultaten: String,
    pub middelen: String,
    pub partijen: String,
    /// Provenance of the row, e.g. `plan.docx §4 rij 2`.
    pub bron: String,
    /// Per-column provenance (doelen, activiteiten, resultaten, middelen, partijen), saying
    /// `(samengevoegde cel)` where a merged cell gave its text to this column.
    pub cel_bronnen: [String; 5],
}

impl Thema {
    /// The sjabloon's column names (`template::sjabloon_haaglanden::KOLOM_NAMEN`).
    pub const COLUMNS: [&'static str; 5] = crate::template::sjabloon_haaglanden::KOLOM_NAMEN;

    pub fn cells(&self) -> [&str; 5] {
        [
            &self.doelen,
            &self.activiteiten,
            &self.resultaten,
            &self.middelen,
            &self.partijen,
        ]
    }
    pub fn has_content(&self) -> bool {
        self.cells().iter().any(|c| !c.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub tekst: String,
    pub aangevinkt: bool,
    pub bron: String,
}

/// A wijkplan mapped from a document. Template instructions and example text are not in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wijkplan {
    pub sjabloon: Sjabloon,
    pub velden: Velden,
    pub kerndisciplines: Vec<Discipline>,
    pub secties: Vec<Sectie>,
    pub themas: Vec<Thema>,
    pub checklist: Vec<ChecklistItem>,
    /// A normalised fingerprint of the plan's content, to recognise the same plan in two files
    /// (a .docx and its PDF export): see `template::fingerprint`.
    pub vingerafdruk: String,
    /// The budget the plan itself holds as a Word table (§7, or the begroting chapter of an older
    /// template), read like a spreadsheet begroting (`plan_begroting`). It is the WSV's begroting
    /// when no spreadsheet came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begroting: Option<Begroting>,
}

/// A line's amount for one year (a year column of the begroting) and its cell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jaarbedrag {
    pub jaar: u16,
    pub bedrag: Cents,
    /// e.g. `begroting.xlsx Begroting!E6`.
    pub bron: String,
}

/// One budget line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Regel {
    pub post: String,
    pub thema: Option<String>,
    pub omschrijving: Option<String>,
    pub uren: Option<f64>,
    pub tarief: Option<Cents>,
    pub bedrag: Cents,
    pub cofinanciering: Option<Cents>,
    /// `true` when this is a vacatiegeld line: by its name (vacatie, vacatiegeld) or its nature
    /// (hours of the kerngroep or a werkgroep at a personal rate), never merely by having hours
    /// and a rate (an external bureau's hours are procurement).
    pub vacatie: bool,
    /// e.g. `begroting.xlsx Begroting!H14` (the amount's cell; the row holds the rest).
    pub bron: String,
    /// The amount per year when the begroting has year columns (`2025`, `2026`), in column
    /// order; empty when it has one amount column.
    #[serde(default)]
    pub jaren: Vec<Jaarbedrag>,
    /// Co-financed hours, when the cofinanciering column counts hours.
    #[serde(default)]
    pub cofinanciering_uren: Option<f64>,
    /// Where the rate is (`begroting.xlsx Begroting!E6`): the cell a rate finding points at.
    #[serde(default)]
    pub tarief_bron: Option<String>,
}

/// A begroting mapped from a workbook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Begroting {
    /// WSV named in a header cell (e.g. "WSV: Laak-Noord"), if any.
    pub wsv_naam: Option<String>,
    pub totaal_opgegeven: Option<Cents>,
    /// Where the stated total is, e.g. `begroting.xlsx Begroting!H20`.
    pub totaal_bron: Option<String>,
    pub regels: Vec<Regel>,
    /// Sheet the budget table was found on.
    pub blad: String,
    /// Header cell naming the gemeente/stadsdeel (e.g. "Gemeente/stadsdeel: Den Haag, Escamp"):
    /// placement for a WSV that sent only a begroting.
    #[serde(default)]
    pub gemeente_stadsdeel: Veld,
    /// Header cell naming the wijk(en) the WSV covers.
    #[serde(default)]
    pub wijken: Veld,
    /// Header cell with a version or date ("Versie: 2", "Datum: 3 juni 2025"): which of two
    /// begrotingen of one WSV is current.
    #[serde(default)]
    pub versie_datum: Veld,
    /// Cofinanciering rows outside the total ("Cofinanciering partners (niet in totaal)" below
    /// the Totaal row): `bedrag` € 0, the amount in `cofinanciering`, hours in
    /// `cofinanciering_uren`. Never part of the sum or the total.
    #[serde(default)]
    pub cofinanciering: Vec<Regel>,
}

impl Begroting {
    /// Cofinanciering in hours: the lines' hours column plus the rows below the total.
    pub fn cofinanciering_uren(&self) -> Option<f64> {
        let all = self.regels.iter().chain(&self.cofinanciering);
        let uren: Vec<f64> = all.filter_map(|r| r.cofinanciering_uren).collect();
        (!uren.is_empty()).then(|| uren.iter().sum())
    }
    /// Cofinanciering in euros: the lines' cofinanciering plus the rows below the total.
    pub fn cofinanciering_bedrag(&self) -> Option<Cents> {
        let all = self.regels.iter().chain(&self.cofinanciering);
        let c: Vec<Cents> = all.filter_map(|r| r.cofinanciering).collect();
        (!c.is_empty()).then(|| Cents(c.iter().map(|c| c.0).sum()))
    }
    pub fn som_regels(&self) -> Cents {
        Cents(self.regels.iter().map(|r| r.bedrag.0).sum())
    }
    pub fn vacatie_uren(&self) -> f64 {
        self.regels
            .iter()
            .filter(|r| r.vacatie)
            .filter_map(|r| r.uren)
            .sum()
    }
    /// The total used for budget checks: the stated total, else the sum of lines.
    pub fn totaal(&self) -> Cents {
        self.totaal_opgegeven.unwrap_or_else(|| self.som_regels())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_amounts() {
        assert_eq!(Cents(5664100).nl(), "€ 56.641,00");
        assert_eq!(Cents(455900).nl(), "€ 4.559,00");
        assert_eq!(Cents(-5000).nl(), "-€ 50,00");
        assert_eq!(Cents(5).nl(), "€ 0,05");
        assert_eq!(Cents(12345678901).nl(), "€ 123.456.789,01");
        assert_eq!(Cents::from_euros(1234.565).map(|c| c.0), Some(123457));
        assert_eq!(Cents::from_euros(f64::NAN), None);
        assert_eq!(Cents::from_euros(1e9).map(|c| c.0), Some(Cents::MAX_ABS));
        assert_eq!(Cents::from_euros(1.01e9), None);
    }

    #[test]
    fn codes_roundtrip_and_severity() {
        for c in Code::ALL {
            assert_eq!(Code::parse(c.as_str()), Some(c));
        }
        assert_eq!(Code::BUDGET_OVER_SHARE.ernst(), Ernst::Waarschuwing);
        assert_eq!(Code::STADSDEEL_OVER_BUDGET.ernst(), Ernst::Fout);
        assert_eq!(Code::REFERENTIE_AFWIJKING.ernst(), Ernst::Info);
    }
}
