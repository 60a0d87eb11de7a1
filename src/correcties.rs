//! Corrections staff give for values the product misread (issue 13): `correcties.csv`
//! (`wsv;veld;waarde;reden;door`), read as Dutch Excel saves it, kept in the register for good, and
//! applied to the snapshot every audit and emitter reads, so a corrected value replaces the
//! extracted one everywhere and says where it came from (`correctie: <reden> (<door>)`).
//!
//! Why it looks like this:
//! - A correction belongs to one document: the first time it is applied, the register keeps the
//!   sha256 of the document its value came from and the value extracted there. When that document
//!   changes (a new version of the plan), the correction no longer applies: it is reported
//!   (`CORRECTIE_VERVALLEN`) and the new document's value stands. Nothing is silently applied to a
//!   document it was not written for, or silently dropped.
//! - The file is untrusted text like every input: decoded as UTF-8 (with or without BOM) or, when
//!   it is not valid UTF-8, as Windows-1252 (what Excel's "CSV (puntkomma)" writes); parsed by the
//!   `csv` crate (quoted fields, `;` inside quotes); stored with bind parameters.

use crate::domain::{Discipline, Thema};
use crate::snapshot::WsvRecord;
use crate::text::norm;

/// The file `run` looks for in each input folder.
pub const BESTANDSNAAM: &str = "correcties.csv";

/// One row of a correcties file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correctie {
    pub wsv: String,
    pub veld: String,
    pub waarde: String,
    pub reden: String,
    pub door: String,
    /// `correcties.csv regel 3`.
    pub bron: String,
}

/// A correction as the register holds it, with what became of it in this snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectieStand {
    pub id: i64,
    pub correctie: Correctie,
    /// UTC, when it was first read.
    pub ingevoerd_op: String,
    /// The document and extracted value it was first applied to (None until then).
    pub sha256: Option<String>,
    pub oorspronkelijk: Option<String>,
    /// Applied to this snapshot, or why not.
    pub uitkomst: Uitkomst,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Uitkomst {
    /// Applied: the document's sha256 and the value it replaced.
    Toegepast {
        sha256: String,
        oorspronkelijk: String,
    },
    /// Not applied; the Dutch reason.
    Vervallen(String),
}

impl CorrectieStand {
    /// `correctie: <reden> (<door>)`: the `bron` of a corrected value.
    pub fn bron(&self) -> String {
        format!(
            "correctie: {} ({})",
            self.correctie.reden, self.correctie.door
        )
    }
}

/// Errors reading a correcties file (Dutch, for the person who wrote it).
#[derive(Debug, thiserror::Error)]
pub enum CorrectieFout {
    #[error("{naam}: kan het bestand niet lezen: {bron}")]
    Lezen { naam: String, bron: std::io::Error },
    #[error(
        "{naam}: de kopregel moet de kolommen wsv;veld;waarde;reden;door hebben (gevonden: {kop})"
    )]
    Kop { naam: String, kop: String },
    #[error("{naam} regel {regel}: {reden}")]
    Regel {
        naam: String,
        regel: u64,
        reden: String,
    },
}

/// UTF-8 (BOM or not), else Windows-1252.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Read a correcties file's bytes. `naam` is how messages and `bron` name the file.
pub fn lees(bytes: &[u8], naam: &str) -> Result<Vec<Correctie>, CorrectieFout> {
    let text = decode(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let kop: Vec<String> = rdr
        .headers()
        .map_err(|e| CorrectieFout::Regel {
            naam: naam.to_string(),
            regel: 1,
            reden: e.to_string(),
        })?
        .iter()
        .map(norm)
        .collect();
    let kolom = |n: &str| kop.iter().position(|h| h == n);
    let (Some(wsv), Some(veld), Some(waarde), Some(reden), Some(door)) = (
        kolom("wsv"),
        kolom("veld"),
        kolom("waarde"),
        kolom("reden"),
        kolom("door"),
    ) else {
        return Err(CorrectieFout::Kop {
            naam: naam.to_string(),
            kop: kop.join(";"),
        });
    };
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    loop {
        let more = rdr
            .read_record(&mut rec)
            .map_err(|e| CorrectieFout::Regel {
                naam: naam.to_string(),
                regel: e.position().map_or(0, |p| p.line() + 1),
                reden: e.to_string(),
            })?;
        if !more {
            break;
        }
        // The csv reader counts the line terminators before a record: its first line is one on.
        let regel = rec.position().map_or(0, |p| p.line() + 1);
        let get = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let c = Correctie {
            wsv: get(wsv),
            veld: get(veld),
            waarde: get(waarde),
            reden: get(reden),
            door: get(door),
            bron: format!("{naam} regel {regel}"),
        };
        for (label, v) in [("wsv", &c.wsv), ("veld", &c.veld), ("door", &c.door)] {
            if v.is_empty() {
                return Err(CorrectieFout::Regel {
                    naam: naam.to_string(),
                    regel,
                    reden: format!("kolom {label} is leeg"),
                });
            }
        }
        out.push(c);
    }
    Ok(out)
}

/// What a `veld` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Doel {
    /// A §1 field, by its json key.
    Veld(&'static str),
    Kerndisciplines,
    Inwoners,
    BegrotingTotaal,
    /// Theme number and column index (doelen, activiteiten, resultaten, middelen, partijen).
    ThemaCel(u32, usize),
}

fn doel(veld: &str) -> Option<Doel> {
    let n = norm(veld);
    let key = n.replace(' ', "_");
    for (k, label, _) in crate::domain::Velden::default().all() {
        if key == k || n == norm(label) {
            return Some(Doel::Veld(k));
        }
    }
    match key.as_str() {
        // Placement reads these fields: correcting them places the WSV anew.
        "stadsdeel" | "gemeente" => return Some(Doel::Veld("gemeente_stadsdeel")),
        "wijken" | "wijk" => return Some(Doel::Veld("wijk_wsv")),
        "kerndisciplines" | "disciplines" => return Some(Doel::Kerndisciplines),
        "inwoners" => return Some(Doel::Inwoners),
        "begroting_totaal" | "begroting" | "totaal" => return Some(Doel::BegrotingTotaal),
        _ => {}
    }
    // "thema 4 doelen", "thema 4 benodigde middelen"
    let words: Vec<&str> = n.split(' ').collect();
    if let ["thema", num, rest @ ..] = words.as_slice() {
        let nummer: u32 = num.parse().ok()?;
        let kolom = match rest.last().copied()? {
            "doelen" | "smart" => 0,
            "activiteiten" => 1,
            "resultaten" => 2,
            "middelen" => 3,
            "partijen" | "trekker" => 4,
            _ => return None,
        };
        return Some(Doel::ThemaCel(nummer, kolom));
    }
    None
}

fn thema_cel(t: &mut Thema, kolom: usize) -> Option<&mut String> {
    match kolom {
        0 => Some(&mut t.doelen),
        1 => Some(&mut t.activiteiten),
        2 => Some(&mut t.resultaten),
        3 => Some(&mut t.middelen),
        4 => Some(&mut t.partijen),
        _ => None,
    }
}

fn parse_disciplines(waarde: &str) -> Option<Vec<Discipline>> {
    let mut out = Vec::new();
    for part in waarde.split(['|', ',', ';', '/']) {
        let p = norm(part);
        if p.is_empty() || p == "en" {
            continue;
        }
        let d = Discipline::ALL
            .into_iter()
            .find(|d| p == d.as_str() || p.starts_with(d.as_str()))?;
        if !out.contains(&d) {
            out.push(d);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The shas of a WSV's current documents, for the anchoring of corrections.
#[derive(Debug, Clone, Default)]
pub struct Documenten {
    pub plan: Option<String>,
    pub begroting: Option<String>,
}

/// A correction of a placement value, applied by the audit after placing the WSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plaatsingscorrectie {
    pub wsv: String,
    pub inwoners: u64,
    pub bron: String,
}

/// Apply every correction in force to the WSVs; return each with what became of it. A correction
/// of `inwoners` is returned as a [`Plaatsingscorrectie`] too, for the audit to apply.
pub fn toepassen(
    wsvs: &mut [WsvRecord],
    docs: &std::collections::HashMap<String, Documenten>,
    mut standen: Vec<CorrectieStand>,
) -> (Vec<CorrectieStand>, Vec<Plaatsingscorrectie>) {
    let mut plaatsing = Vec::new();
    for s in &mut standen {
        let bron = s.bron();
        let c = s.correctie.clone();
        let Some(rec) = wsvs
            .iter_mut()
            .find(|r| r.wsv == c.wsv || norm(&r.wsv) == norm(&c.wsv))
        else {
            s.uitkomst =
                Uitkomst::Vervallen(format!("er is geen WSV ‘{}’ in deze inzendingen", c.wsv));
            continue;
        };
        let Some(d) = doel(&c.veld) else {
            s.uitkomst = Uitkomst::Vervallen(format!(
                "‘{}’ is geen veld dat gecorrigeerd kan worden (een kolom van het overzicht, een veld van hoofdstuk 1 of een themacel als ‘thema 4 doelen’)",
                c.veld
            ));
            continue;
        };
        let doc = docs.get(&rec.wsv).cloned().unwrap_or_default();
        let sha = match d {
            Doel::BegrotingTotaal => doc.begroting.clone(),
            Doel::Inwoners => doc.plan.clone().or(doc.begroting.clone()),
            _ => doc.plan.clone(),
        };
        let Some(sha) = sha else {
            s.uitkomst = Uitkomst::Vervallen(format!(
                "WSV {} heeft geen {} om te corrigeren",
                rec.wsv,
                if d == Doel::BegrotingTotaal {
                    "begroting"
                } else {
                    "wijkplan"
                }
            ));
            continue;
        };
        if let Some(old) = &s.sha256 {
            if *old != sha {
                s.uitkomst = Uitkomst::Vervallen(format!(
                    "het document is gewijzigd sinds de correctie (sha256 {} is nu {}); kijk of de correctie nog nodig is en zet hem opnieuw in {BESTANDSNAAM}",
                    short(old),
                    short(&sha)
                ));
                continue;
            }
        }
        let result: Result<String, String> = match d {
            Doel::Veld(key) => match rec.plan.as_mut().and_then(|(_, p)| p.velden.get_mut(key)) {
                Some(v) => {
                    let was = v.waarde.clone().unwrap_or_default();
                    v.waarde = Some(c.waarde.clone());
                    v.bron = bron.clone();
                    Ok(was)
                }
                None => Err("het wijkplan heeft dit veld niet".to_string()),
            },
            Doel::Kerndisciplines => match (parse_disciplines(&c.waarde), rec.plan.as_mut()) {
                (Some(list), Some((_, p))) => {
                    let was: Vec<&str> = p.kerndisciplines.iter().map(|d| d.as_str()).collect();
                    let was = was.join(" | ");
                    p.kerndisciplines = list;
                    p.velden.kernteamleden.bron = bron.clone();
                    Ok(was)
                }
                (None, _) => Err(format!(
                    "‘{}’ is geen lijst van kerndisciplines (huisarts, welzijn, wijkverpleging, apotheker, paramedici, gescheiden door |)",
                    c.waarde
                )),
                (_, None) => Err("er is geen wijkplan".to_string()),
            },
            Doel::ThemaCel(n, k) => {
                match rec
                    .plan
                    .as_mut()
                    .and_then(|(_, p)| p.themas.iter_mut().find(|t| t.nummer == n))
                {
                    Some(t) => {
                        if let Some(b) = t.cel_bronnen.get_mut(k) {
                            *b = bron.clone();
                        }
                        match thema_cel(t, k) {
                            Some(cel) => Ok(std::mem::replace(cel, c.waarde.clone())),
                            None => Err("onbekende kolom".to_string()),
                        }
                    }
                    None => Err(format!("het wijkplan heeft geen thema {n}")),
                }
            }
            Doel::BegrotingTotaal => match (
                crate::begroting::parse_bedrag(&c.waarde),
                rec.begroting.as_mut(),
            ) {
                (Some(bedrag), Some((_, b))) => {
                    let was = b.totaal().nl();
                    b.totaal_opgegeven = Some(bedrag);
                    b.totaal_bron = Some(bron.clone());
                    Ok(was)
                }
                (None, _) => Err(format!("‘{}’ is geen bedrag", c.waarde)),
                (_, None) => Err("er is geen begroting".to_string()),
            },
            Doel::Inwoners => match c.waarde.replace(['.', ' '], "").parse::<u64>() {
                Ok(n) => {
                    plaatsing.push(Plaatsingscorrectie {
                        wsv: rec.wsv.clone(),
                        inwoners: n,
                        bron: bron.clone(),
                    });
                    Ok(rec
                        .plaatsing
                        .inwoners
                        .map(|n| n.to_string())
                        .unwrap_or_default())
                }
                Err(_) => Err(format!("‘{}’ is geen aantal inwoners", c.waarde)),
            },
        };
        s.uitkomst = match result {
            Ok(was) => Uitkomst::Toegepast {
                sha256: sha,
                // The value first replaced stays the extracted one.
                oorspronkelijk: s.oorspronkelijk.clone().unwrap_or(was),
            },
            Err(reden) => Uitkomst::Vervallen(reden),
        };
    }
    (standen, plaatsing)
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_excel_nl_files_in_every_encoding() {
        let rows = "wsv;veld;waarde;reden;door\r\nLaak;inwoners;48300;telling gemeente 2025;J. de Vries\r\n\"Escamp Zuid\";thema 4 doelen;\"Eén MDO; per kwartaal\";plan zei het in §3;Anouk\r\n";
        let utf8 = lees(rows.as_bytes(), "correcties.csv").unwrap();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(rows.as_bytes());
        assert_eq!(lees(&bom, "correcties.csv").unwrap(), utf8);
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(rows);
        assert!(std::str::from_utf8(&cp1252).is_err());
        assert_eq!(lees(&cp1252, "correcties.csv").unwrap(), utf8);
        assert_eq!(utf8[1].waarde, "Eén MDO; per kwartaal");
        assert_eq!(utf8[1].bron, "correcties.csv regel 3");
        let err = lees(b"wsv;veld\r\nLaak;inwoners\r\n", "c.csv").unwrap_err();
        assert!(
            err.to_string().contains("wsv;veld;waarde;reden;door"),
            "{err}"
        );
        let err = lees(
            b"wsv;veld;waarde;reden;door\r\n;inwoners;1;x;y\r\n",
            "c.csv",
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "c.csv regel 2: kolom wsv is leeg");
    }

    #[test]
    fn field_names() {
        assert_eq!(doel("inwoners"), Some(Doel::Inwoners));
        assert_eq!(doel("Aanjager(s)"), Some(Doel::Veld("aanjagers")));
        assert_eq!(doel("kernteamleden"), Some(Doel::Veld("kernteamleden")));
        assert_eq!(doel("thema 4 doelen"), Some(Doel::ThemaCel(4, 0)));
        assert_eq!(
            doel("Thema 7 benodigde middelen"),
            Some(Doel::ThemaCel(7, 3))
        );
        assert_eq!(doel("kerndisciplines"), Some(Doel::Kerndisciplines));
        assert_eq!(doel("vacatie_uren"), None);
        assert_eq!(
            parse_disciplines("huisarts | welzijn | apotheker"),
            Some(vec![
                Discipline::Huisarts,
                Discipline::Welzijn,
                Discipline::Apotheker
            ])
        );
        assert_eq!(parse_disciplines("huisarts | tandarts"), None);
    }
}

#[cfg(test)]
mod line_tests {
    /// The `bron` names the file's line as a text editor or Excel's row number shows it.
    #[test]
    fn lines_of_records() {
        let t = "wsv;veld;waarde;reden;door\r\nLaak;inwoners;47000;t;J\r\nD;kerndisciplines;huisarts;a;A\r\nLaak;thema 7 benodigde middelen;\"V; c\";s;A\r\nOnbekend;inwoners;1;typefout;Z\r\n";
        let r = super::lees(t.as_bytes(), "c").unwrap();
        let b: Vec<&str> = r.iter().map(|c| c.bron.as_str()).collect();
        assert_eq!(b, ["c regel 2", "c regel 3", "c regel 4", "c regel 5"]);
    }
}
