//! The records that flow between pipeline stages: one per input file ([`FileOutcome`] before the
//! register, [`StoredFile`] after), pairing decisions ([`Assignment`]), audit results, and the
//! [`Snapshot`] of the whole register that the audit and the emitters read.

use crate::domain::{Begroting, Cents, Finding, Wijkplan};
use serde::{Deserialize, Serialize};

/// The real type of a file, decided from its bytes (never from its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Soort {
    Docx,
    Pdf,
    Xlsx,
    Xls,
    Ods,
    /// An OLE/CFB container holding an encrypted OOXML package (password-protected Office file).
    Versleuteld,
    /// Another OLE file (.msg, PowerPoint, …) or another ODF package: a known format we do not
    /// read.
    Anders,
    /// Unknown bytes, empty file, image, …
    Onbekend,
    /// An e-mail saved as .eml (MIME): a container.
    Eml,
    /// An Outlook message (.msg, CFB): a container.
    Msg,
    /// A zip archive that is not an Office/ODF package: a container.
    Zip,
    // Formats of issue 9 point 3 (readers), kept together at the end.
    /// OpenDocument text (.odt, .ott).
    Odt,
    /// Word 97–2003 binary document (an OLE file with a `WordDocument` stream).
    Doc,
    /// Rich Text Format.
    Rtf,
    /// Excel binary workbook (.xlsb).
    Xlsb,
}

impl Soort {
    pub fn as_str(self) -> &'static str {
        match self {
            Soort::Docx => "docx",
            Soort::Pdf => "pdf",
            Soort::Xlsx => "xlsx",
            Soort::Xls => "xls",
            Soort::Ods => "ods",
            Soort::Versleuteld => "versleuteld",
            Soort::Anders => "anders",
            Soort::Onbekend => "onbekend",
            Soort::Eml => "eml",
            Soort::Msg => "msg",
            Soort::Zip => "zip",
            Soort::Odt => "odt",
            Soort::Doc => "doc",
            Soort::Rtf => "rtf",
            Soort::Xlsb => "xlsb",
        }
    }
    pub fn parse(s: &str) -> Soort {
        match s {
            "docx" => Soort::Docx,
            "pdf" => Soort::Pdf,
            "xlsx" => Soort::Xlsx,
            "xls" => Soort::Xls,
            "ods" => Soort::Ods,
            "versleuteld" => Soort::Versleuteld,
            "anders" => Soort::Anders,
            "eml" => Soort::Eml,
            "msg" => Soort::Msg,
            "zip" => Soort::Zip,
            "odt" => Soort::Odt,
            "doc" => Soort::Doc,
            "rtf" => Soort::Rtf,
            "xlsb" => Soort::Xlsb,
            _ => Soort::Onbekend,
        }
    }
    pub fn is_plan(self) -> bool {
        matches!(
            self,
            Soort::Docx | Soort::Pdf | Soort::Odt | Soort::Doc | Soort::Rtf
        )
    }
    pub fn is_sheet(self) -> bool {
        matches!(self, Soort::Xlsx | Soort::Xls | Soort::Ods | Soort::Xlsb)
    }
    pub fn is_container(self) -> bool {
        matches!(self, Soort::Eml | Soort::Msg | Soort::Zip)
    }
}

/// Status of a file in `bestanden.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Status {
    Verwerkt,
    Dubbel,
    Vervangen,
    Onleesbaar,
    Genegeerd,
    /// A container whose members have rows of their own.
    Uitgepakt,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Verwerkt => "verwerkt",
            Status::Dubbel => "dubbel",
            Status::Vervangen => "vervangen",
            Status::Onleesbaar => "onleesbaar",
            Status::Genegeerd => "genegeerd",
            Status::Uitgepakt => "uitgepakt",
        }
    }
    pub fn parse(s: &str) -> Status {
        match s {
            "verwerkt" => Status::Verwerkt,
            "dubbel" => Status::Dubbel,
            "vervangen" => Status::Vervangen,
            "onleesbaar" => Status::Onleesbaar,
            "uitgepakt" => Status::Uitgepakt,
            _ => Status::Genegeerd,
        }
    }
}

/// What a document is, decided from its content (its name only when it has no readable text):
/// `bestanden.csv`'s `rol`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rol {
    Wijkplan,
    Begroting,
    /// The signed agreement between the WSV's partners (seed 001: required with plan and
    /// begroting). Never a version of the plan.
    Samenwerkingsovereenkomst,
    /// Any other attachment (a wijkanalyse, a letter, a signed annex): kept and listed, never
    /// counted as plan or begroting.
    Bijlage,
    /// An e-mail or zip whose members have rows of their own.
    Container,
}

impl Rol {
    pub fn as_str(self) -> &'static str {
        match self {
            Rol::Wijkplan => "wijkplan",
            Rol::Begroting => "begroting",
            Rol::Samenwerkingsovereenkomst => "samenwerkingsovereenkomst",
            Rol::Bijlage => "bijlage",
            Rol::Container => "container",
        }
    }
    pub fn parse(s: &str) -> Option<Rol> {
        [
            Rol::Wijkplan,
            Rol::Begroting,
            Rol::Samenwerkingsovereenkomst,
            Rol::Bijlage,
            Rol::Container,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// A readable document that is not a wijkplan: what identifies it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bijlage {
    /// `Samenwerkingsovereenkomst` or `Bijlage`.
    pub rol: Rol,
    /// The WSV the document names ("WSV Laak", "Wijksamenwerkingsverband De Vliet"), if any.
    pub wsv_naam: Option<String>,
    /// Its first heading or first line.
    pub titel: String,
    /// Where the WSV name (or else the title) was found.
    pub bron: String,
}

/// What reading and mapping one file gave.
// One value per input file, a few dozen per run: boxing the large variant buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Content {
    Wijkplan(Wijkplan),
    Begroting(Begroting),
    /// A samenwerkingsovereenkomst or another attachment.
    Bijlage(Bijlage),
    /// A PDF without a text layer (a scan): nothing could be read, but it is a document of its
    /// WSV (its role follows from its name and place). The GEEN_TEKSTLAAG finding says so.
    Scan,
    /// An e-mail or zip: its members, each read as a file of its own.
    Container(Vec<crate::container::Lid>),
    /// Not a submission type (image, Thumbs.db, …); the reason in Dutch.
    Genegeerd(String),
    /// Could not be read; the reason in Dutch is in the file's findings.
    Onleesbaar,
}

/// One input file after intake, reading and mapping, before it goes into the register.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileOutcome {
    /// Display path: relative to the input folder it was found under, with `/` separators.
    pub bestand: String,
    /// The folder the file sat in, relative to its input root ("" at top level): pairing's first clue.
    pub map: String,
    pub sha256: String,
    pub grootte: u64,
    pub soort: Soort,
    pub content: Content,
    /// Findings that belong to this file alone (unreadable, placeholders, example text, formulas…).
    pub findings: Vec<Finding>,
    /// What the reader skipped or repaired in an otherwise readable file (Dutch, one line each):
    /// shown in `bestanden.csv`'s toelichting, so nothing is skipped silently.
    #[serde(default)]
    pub opmerkingen: Vec<String>,
    /// The read failed for a passing reason (deadline, killed worker): the register reads the
    /// file again on the next run instead of keeping this outcome.
    #[serde(default)]
    pub voorbijgaand: bool,
    /// The document's full text in reading order (every heading, paragraph, table cell, text
    /// box, footnote, endnote and comment; a workbook's filled cells), for `v_tekst` and `lees`.
    #[serde(default)]
    pub tekst: Vec<crate::tekst::TekstBlok>,
    /// The same text already in the register's stored form ([`crate::tekst::opslag_json`]), as
    /// a worker reading for the register sends it ([`crate::worker::TextForm::Stored`]); `tekst`
    /// is then empty. `None` everywhere else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tekst_opslag: Option<String>,
    /// What the reader libraries said in their own (English) words when they refused or repaired
    /// something, one message each ([`crate::technisch`]): for `-v` and the register's
    /// `inhoud.technisch`, never for a finding.
    #[serde(default)]
    pub technisch: Vec<String>,
}

/// A file as the register holds it (`id` is the register's key).
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub id: i64,
    pub outcome: FileOutcome,
}

/// Pairing's decision for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub file_id: i64,
    /// The WSV the file belongs to (display name), `None` for ignored/unreadable files that could not
    /// be placed.
    pub wsv: Option<String>,
    pub status: Status,
    /// Dutch explanation for `bestanden.csv` (e.g. "zelfde inhoud als X", "oudere versie dan Y").
    pub toelichting: String,
    /// This file is the WSV's current plan or current begroting.
    pub actueel: bool,
    /// What the document is; `None` for files that are no document (ignored, unreadable).
    pub rol: Option<Rol>,
}

/// Where a WSV lies and what budget it has: the wijkindeling audit's result (issue 3).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Plaatsing {
    pub gemeente: Option<String>,
    pub stadsdeel: Option<String>,
    pub wijken: Vec<String>,
    pub inwoners: Option<u64>,
    pub aandeel_uitvoeringsbudget: Option<Cents>,
    pub stadsdeel_budget: Option<Cents>,
    pub voorbereidingsbudget: Option<Cents>,
}

/// One row of `stadsdelen.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StadsdeelRij {
    pub gemeente: String,
    pub stadsdeel: String,
    pub inwoners: u64,
    pub uitvoeringsbudget: Cents,
    pub wsvs: Vec<String>,
    pub inwoners_gedekt: u64,
    pub aangevraagd: Cents,
    pub ruimte: Cents,
    pub status: String,
}

/// A finding with the WSV and file it belongs to (a row of `bevindingen.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bevinding {
    pub wsv: Option<String>,
    pub bestand: Option<String>,
    pub finding: Finding,
}

/// One WSV as the overview shows it: its current plan and begroting and everything found.
#[derive(Debug, Clone)]
pub struct WsvRecord {
    pub wsv: String,
    /// Current plan: (file display name, plan).
    pub plan: Option<(String, Wijkplan)>,
    /// Current begroting: (file display name, begroting).
    pub begroting: Option<(String, Begroting)>,
    /// All files of this WSV (every version, duplicates too), display names, sorted.
    pub bestanden: Vec<String>,
    /// Older plan versions, oldest first: (file, plan).
    pub eerdere_versies: Vec<(String, Wijkplan)>,
    /// The WSV's samenwerkingsovereenkomst (file display name), if one was sent.
    pub samenwerkingsovereenkomst: Option<String>,
    /// The WSV's current plan is a scan that could not be read (file display name): the WSV did
    /// send a plan (no WIJKPLAN_ONTBREEKT), but no values come from it.
    pub plan_scan: Option<String>,
    pub plaatsing: Plaatsing,
    /// File findings of the current files plus pairing and audit findings of this WSV.
    pub bevindingen: Vec<Bevinding>,
}

/// A file row for `bestanden.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BestandRij {
    pub bestand: String,
    pub sha256: String,
    pub soort: Soort,
    pub wsv: Option<String>,
    pub status: Status,
    pub toelichting: String,
    pub rol: Option<Rol>,
}

/// Everything the emitters need, read back from the register.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub wsvs: Vec<WsvRecord>,
    pub bestanden: Vec<BestandRij>,
    pub stadsdelen: Vec<StadsdeelRij>,
    /// Findings that belong to no WSV: unreadable files outside any WSV, the wijkindeling's own.
    pub bevindingen_regio: Vec<Bevinding>,
    /// The corrections in force and what became of each (applied to the WSVs above already).
    pub correcties: Vec<crate::correcties::CorrectieStand>,
    /// Corrections of placement values, for the audit to apply after placing.
    pub plaatsingscorrecties: Vec<crate::correcties::Plaatsingscorrectie>,
}

/// What the audit computes from a snapshot (only its plans, begrotingen and files are read; any
/// earlier audit result in the snapshot is ignored and replaced).
#[derive(Debug, Clone, Default)]
pub struct AuditResult {
    /// Placement and budget per WSV (by WSV name).
    pub plaatsingen: Vec<(String, Plaatsing)>,
    pub stadsdelen: Vec<StadsdeelRij>,
    /// Findings per WSV (`wsv` set) and regional ones (`wsv` None, e.g. REFERENTIE_AFWIJKING).
    pub bevindingen: Vec<Bevinding>,
    /// Inhabitants as the wijkindeling gave them, for WSVs whose inhabitants were corrected: the
    /// extracted value the register keeps beside the correction.
    pub inwoners_voor_correctie: Vec<(String, Option<u64>)>,
}

impl WsvRecord {
    /// `akkoord`, `aandacht` (only waarschuwing/info findings) or `afgekeurd` (at least one fout).
    pub fn status(&self) -> &'static str {
        use crate::domain::Ernst;
        if self
            .bevindingen
            .iter()
            .any(|b| b.finding.ernst == Ernst::Fout)
        {
            "afgekeurd"
        } else if self.bevindingen.is_empty() {
            "akkoord"
        } else {
            "aandacht"
        }
    }
}
