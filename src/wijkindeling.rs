//! The wijkindeling: gemeenten, stadsdelen and wijken with their inhabitants, and the
//! uitvoeringsbudget per stadsdeel/randgemeente (seed 001, "Bijlage: Wijkindeling en
//! uitvoeringsbudget").
//!
//! Budgets change per period (from 2027 insurers and gemeenten fund the WSVs), so the table is
//! versioned *data*: `data/wijkindeling-2025-2026.csv` is embedded as the default and another file
//! with the same layout can be loaded instead. The table is checked as data too ([`Wijkindeling::check`]):
//! the wijken must add up to their stadsdeel and every unit must get the same budget per inhabitant.
//!
//! Layout (`;` separated, header row, one row per unit and one per wijk):
//! `gemeente;stadsdeel;wijk;inwoners;uitvoeringsbudget`. A unit row has an empty `wijk` and a budget
//! in whole euros; a wijk row has an empty budget and follows its unit's row.

use crate::domain::{Cents, Code, Finding};
use crate::text::norm;
use std::path::Path;

/// File name of the built-in table, used in `bron` of findings about it.
pub const BUILTIN_NAME: &str = "wijkindeling-2025-2026.csv";
const BUILTIN_CSV: &str = include_str!("../data/wijkindeling-2025-2026.csv");
const HEADER: [&str; 5] = [
    "gemeente",
    "stadsdeel",
    "wijk",
    "inwoners",
    "uitvoeringsbudget",
];

/// Largest difference between a unit's budget and `inwoners × median budget per inhabitant` that is
/// still read as rounding. Budgets are whole euros, so rounding alone explains €0,50; the median
/// rate is itself estimated from rounded figures, which adds up to about €1 for the largest unit
/// (132.809 inhabitants × ~1e-5). €5 leaves room for that and still catches a mistyped digit.
pub const BUDGET_TOLERANCE: Cents = Cents(500);

/// One wijk of a stadsdeel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wijk {
    pub naam: String,
    pub inwoners: u64,
    /// 1-based line in the source file.
    pub regel: u64,
}

/// A budget unit: a Den Haag stadsdeel or a randgemeente (then `stadsdeel` = gemeente name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eenheid {
    pub gemeente: String,
    pub stadsdeel: String,
    pub inwoners: u64,
    pub uitvoeringsbudget: Cents,
    /// Empty for a gemeente without wijken in the table (Rijswijk, Leidschendam-Voorburg, Wassenaar).
    pub wijken: Vec<Wijk>,
    /// 1-based line of the unit's own row.
    pub regel: u64,
}

/// The whole reference table, units in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wijkindeling {
    /// File name for `bron`, e.g. `wijkindeling-2025-2026.csv`.
    pub bron: String,
    pub eenheden: Vec<Eenheid>,
}

#[derive(Debug, thiserror::Error)]
pub enum WijkindelingError {
    #[error("de wijkindeling {pad} kan niet worden gelezen: {fout}")]
    Io {
        pad: String,
        #[source]
        fout: std::io::Error,
    },
    #[error("{bestand} regel {regel}: {reden}")]
    Regel {
        bestand: String,
        regel: u64,
        reden: String,
    },
    #[error("{bestand} bevat geen enkel stadsdeel of gemeente.")]
    Leeg { bestand: String },
}

/// The built-in 2025–2026 table. It is checked by the unit tests, so parsing cannot fail; should it
/// ever, the error is returned as an empty table rather than a panic at run time.
pub fn builtin() -> Wijkindeling {
    parse(BUILTIN_CSV, BUILTIN_NAME).unwrap_or_else(|_| Wijkindeling {
        bron: BUILTIN_NAME.to_string(),
        eenheden: Vec::new(),
    })
}

/// Read another table with the same layout (`--wijkindeling FILE`).
pub fn load(path: &Path) -> Result<Wijkindeling, WijkindelingError> {
    let text = std::fs::read_to_string(path).map_err(|fout| WijkindelingError::Io {
        pad: path.display().to_string(),
        fout,
    })?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    parse(&text, name.as_deref().unwrap_or("wijkindeling"))
}

/// Parse the CSV text; `source_name` names the file in errors and in `bron`.
pub fn parse(text: &str, source_name: &str) -> Result<Wijkindeling, WijkindelingError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |regel: u64, reden: String| WijkindelingError::Regel {
        bestand: source_name.to_string(),
        regel,
        reden,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut eenheden: Vec<Eenheid> = Vec::new();
    let mut header_seen = false;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let regel = e.position().map(|p| line_of(text, p.byte())).unwrap_or(0);
                return Err(fail(regel, format!("de regel is geen geldige CSV ({e}).")));
            }
        };
        // The csv crate's own line counter skips blank lines; count newlines up to the record's
        // byte offset instead so the number matches what an editor shows.
        let regel = record
            .position()
            .map(|p| line_of(text, p.byte()))
            .unwrap_or(0);
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let [gemeente, stadsdeel, wijk, inwoners, budget] = cells[..] else {
            return Err(fail(
                regel,
                format!(
                    "verwacht {} kolommen ({}), gevonden {}.",
                    HEADER.len(),
                    HEADER.join(";"),
                    cells.len()
                ),
            ));
        };
        if !header_seen {
            let matches = cells.iter().zip(HEADER).all(|(c, h)| norm(c) == h);
            if !matches {
                return Err(fail(
                    regel,
                    format!(
                        "de eerste regel moet de kopregel ‘{}’ zijn.",
                        HEADER.join(";")
                    ),
                ));
            }
            header_seen = true;
            continue;
        }
        let inwoners = parse_whole(inwoners).ok_or_else(|| {
            fail(
                regel,
                format!("het aantal inwoners ‘{inwoners}’ is geen geheel getal."),
            )
        })?;
        if wijk.is_empty() {
            if stadsdeel.is_empty() {
                return Err(fail(regel, "de kolom stadsdeel is leeg.".to_string()));
            }
            let gemeente = if gemeente.is_empty() {
                stadsdeel
            } else {
                gemeente
            };
            if let Some(dup) = eenheden
                .iter()
                .find(|e| norm(&e.stadsdeel) == norm(stadsdeel))
            {
                return Err(fail(
                    regel,
                    format!(
                        "stadsdeel ‘{stadsdeel}’ staat er al eerder in (regel {}).",
                        dup.regel
                    ),
                ));
            }
            if inwoners == 0 {
                return Err(fail(
                    regel,
                    format!("stadsdeel ‘{stadsdeel}’ heeft 0 inwoners."),
                ));
            }
            let euros = parse_whole(budget).ok_or_else(|| {
                fail(
                    regel,
                    format!("het uitvoeringsbudget ‘{budget}’ van ‘{stadsdeel}’ is geen bedrag in hele euro's."),
                )
            })?;
            let cents = euros
                .checked_mul(100)
                .and_then(|c| i64::try_from(c).ok())
                .ok_or_else(|| {
                    fail(
                        regel,
                        format!("het uitvoeringsbudget ‘{budget}’ is te groot."),
                    )
                })?;
            eenheden.push(Eenheid {
                gemeente: gemeente.to_string(),
                stadsdeel: stadsdeel.to_string(),
                inwoners,
                uitvoeringsbudget: Cents(cents),
                wijken: Vec::new(),
                regel,
            });
        } else {
            if !budget.is_empty() {
                return Err(fail(
                    regel,
                    format!("wijk ‘{wijk}’ heeft een uitvoeringsbudget; dat hoort alleen bij het stadsdeel."),
                ));
            }
            // A wijk row may repeat its gemeente/stadsdeel or leave them empty; either way it
            // belongs to the unit named (or, when empty, the last unit read).
            let unit = if stadsdeel.is_empty() {
                eenheden.last_mut()
            } else {
                eenheden
                    .iter_mut()
                    .find(|e| norm(&e.stadsdeel) == norm(stadsdeel))
            };
            let Some(unit) = unit else {
                return Err(fail(
                    regel,
                    if stadsdeel.is_empty() {
                        format!("wijk ‘{wijk}’ staat voor de regel van enig stadsdeel.")
                    } else {
                        format!("wijk ‘{wijk}’ staat voor de regel van stadsdeel ‘{stadsdeel}’.")
                    },
                ));
            };
            if !gemeente.is_empty() && norm(gemeente) != norm(&unit.gemeente) {
                return Err(fail(
                    regel,
                    format!(
                        "wijk ‘{wijk}’ noemt gemeente ‘{gemeente}’, maar stadsdeel ‘{}’ hoort bij ‘{}’.",
                        unit.stadsdeel, unit.gemeente
                    ),
                ));
            }
            if let Some(dup) = unit.wijken.iter().find(|w| norm(&w.naam) == norm(wijk)) {
                return Err(fail(
                    regel,
                    format!("wijk ‘{wijk}’ staat er al eerder in (regel {}).", dup.regel),
                ));
            }
            unit.wijken.push(Wijk {
                naam: wijk.to_string(),
                inwoners,
                regel,
            });
        }
    }
    if !header_seen {
        return Err(fail(
            1,
            format!(
                "het bestand is leeg; verwacht de kopregel ‘{}’.",
                HEADER.join(";")
            ),
        ));
    }
    if eenheden.is_empty() {
        return Err(WijkindelingError::Leeg {
            bestand: source_name.to_string(),
        });
    }
    Ok(Wijkindeling {
        bron: source_name.to_string(),
        eenheden,
    })
}

/// 1-based line number of the record starting at `byte`. The csv crate reports a record that
/// follows blank lines at the first blank line, so the newlines right there are skipped first.
fn line_of(text: &str, byte: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut end = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
    while bytes.get(end).is_some_and(|&c| c == b'\n' || c == b'\r') {
        end += 1;
    }
    1 + bytes
        .get(..end)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count() as u64)
}

/// A whole number as people type it: `110510`, `110.510`, `€ 103.091`.
fn parse_whole(s: &str) -> Option<u64> {
    let s = s.trim();
    let s = s.strip_prefix('€').unwrap_or(s).trim();
    if s.is_empty() {
        return None;
    }
    let groups: Vec<&str> = s.split('.').collect();
    let grouped_ok = groups.len() == 1
        || (groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.iter().skip(1).all(|g| g.len() == 3));
    if !grouped_ok
        || !groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    groups.concat().parse().ok()
}

/// A count in Dutch notation: `132809` → `132.809`.
pub fn nl_getal(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

impl Wijkindeling {
    /// `bron` text for a line of the table.
    pub fn bron_regel(&self, regel: u64) -> String {
        format!("{} regel {regel}", self.bron)
    }

    /// The unit with this stadsdeel (or randgemeente) name, compared tolerantly.
    pub fn eenheid(&self, stadsdeel: &str) -> Option<&Eenheid> {
        let key = norm(stadsdeel);
        self.eenheden.iter().find(|e| norm(&e.stadsdeel) == key)
    }

    /// Cross-checks of the table itself, as `REFERENTIE_AFWIJKING` findings (info), in table order:
    /// every unit's wijken add up to its inhabitants, and every unit's budget is its inhabitants
    /// times the median budget per inhabitant within [`BUDGET_TOLERANCE`].
    pub fn check(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        for e in &self.eenheden {
            if e.wijken.is_empty() {
                continue;
            }
            let som: u64 = e.wijken.iter().map(|w| w.inwoners).sum();
            if som != e.inwoners {
                out.push(Finding::new(
                    Code::REFERENTIE_AFWIJKING,
                    format!(
                        "De {} wijken van {} tellen op tot {} inwoners, maar het stadsdeel staat op {} inwoners (verschil {}).",
                        e.wijken.len(),
                        e.stadsdeel,
                        nl_getal(som),
                        nl_getal(e.inwoners),
                        nl_getal(som.abs_diff(e.inwoners))
                    ),
                    self.bron_regel(e.regel),
                ));
            }
        }
        let Some(rate) = self.median_rate() else {
            return out;
        };
        // Say how the rate was found, so the message reproduces its own arithmetic (issue 13:
        // "€ 0,9329" alone does not give € 25.677).
        let median = self.median_units();
        let rekensom = |inwoners: u64| -> String {
            match median.as_slice() {
                [m] => format!(
                    "{} inwoners × {} / {} inwoners (het budget per inwoner van {}, het middelste van de {})",
                    nl_getal(inwoners),
                    m.uitvoeringsbudget.nl(),
                    nl_getal(m.inwoners),
                    m.stadsdeel,
                    self.eenheden.iter().filter(|e| e.inwoners > 0).count()
                ),
                [a, b] => format!(
                    "{} inwoners × het gemiddelde van {} / {} inwoners ({}) en {} / {} inwoners ({}), de middelste twee budgetten per inwoner",
                    nl_getal(inwoners),
                    a.uitvoeringsbudget.nl(),
                    nl_getal(a.inwoners),
                    a.stadsdeel,
                    b.uitvoeringsbudget.nl(),
                    nl_getal(b.inwoners),
                    b.stadsdeel
                ),
                _ => format!("{} inwoners × € {rate:.6} per inwoner", nl_getal(inwoners)),
            }
        };
        for e in &self.eenheden {
            let exact = e.inwoners as f64 * rate;
            let expected = Cents((exact.round() as i64) * 100);
            let diff = Cents((e.uitvoeringsbudget.0 - expected.0).abs());
            if diff > BUDGET_TOLERANCE {
                out.push(Finding::new(
                    Code::REFERENTIE_AFWIJKING,
                    format!(
                        "Het uitvoeringsbudget van {} ({}) wijkt {} af van wat het mediane budget per inwoner geeft: {} = {}, afgerond {}.",
                        e.stadsdeel,
                        e.uitvoeringsbudget.nl(),
                        diff.nl(),
                        rekensom(e.inwoners),
                        Cents::from_euros(exact).unwrap_or_default().nl(),
                        expected.nl()
                    ),
                    self.bron_regel(e.regel),
                ));
            }
        }
        out
    }

    /// The unit (odd count) or two units (even count) whose budget per inhabitant is the median.
    fn median_units(&self) -> Vec<&Eenheid> {
        let mut units: Vec<&Eenheid> = self.eenheden.iter().filter(|e| e.inwoners > 0).collect();
        units.sort_by(|a, b| {
            (a.uitvoeringsbudget.euros() / a.inwoners as f64)
                .total_cmp(&(b.uitvoeringsbudget.euros() / b.inwoners as f64))
        });
        let n = units.len();
        match n {
            0 => Vec::new(),
            _ if n % 2 == 1 => units.get(n / 2).copied().into_iter().collect(),
            _ => units
                .get(n / 2 - 1..=n / 2)
                .map(<[_]>::to_vec)
                .unwrap_or_default(),
        }
    }

    /// Median budget per inhabitant in euros (the mean of the two middle ones for an even count).
    fn median_rate(&self) -> Option<f64> {
        let mut rates: Vec<f64> = self
            .eenheden
            .iter()
            .filter(|e| e.inwoners > 0)
            .map(|e| e.uitvoeringsbudget.euros() / e.inwoners as f64)
            .collect();
        rates.sort_by(f64::total_cmp);
        let n = rates.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => rates.get(n / 2).copied(),
            _ => Some((rates.get(n / 2 - 1)? + rates.get(n / 2)?) / 2.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(wk: &Wijkindeling) -> Vec<(&str, u64, i64, usize)> {
        wk.eenheden
            .iter()
            .map(|e| {
                (
                    e.stadsdeel.as_str(),
                    e.inwoners,
                    e.uitvoeringsbudget.0 / 100,
                    e.wijken.len(),
                )
            })
            .collect()
    }

    #[test]
    fn builtin_matches_the_seed() {
        // Figures as printed in seed 001, "Bijlage: Wijkindeling en uitvoeringsbudget".
        let wk = parse(BUILTIN_CSV, BUILTIN_NAME).expect("built-in table parses");
        assert_eq!(
            units(&wk),
            vec![
                ("Centrum", 110_510, 103_091, 8),
                ("Escamp", 132_809, 123_894, 7),
                ("Haagse Hout", 50_368, 46_986, 3),
                ("Laak", 48_255, 45_015, 2),
                ("Leidschenveen-Ypenburg", 48_005, 44_782, 4),
                ("Loosduinen", 54_674, 51_003, 5),
                ("Scheveningen", 61_008, 56_912, 8),
                ("Segbroek", 63_259, 59_012, 5),
                ("Rijswijk", 60_717, 56_641, 0),
                ("Leidschendam-Voorburg", 78_318, 73_060, 0),
                ("Wassenaar", 27_525, 25_667, 0),
            ]
        );
        let gemeenten: Vec<&str> = wk.eenheden.iter().map(|e| e.gemeente.as_str()).collect();
        assert_eq!(gemeenten[..8], ["Den Haag"; 8]);
        assert_eq!(
            gemeenten[8..],
            ["Rijswijk", "Leidschendam-Voorburg", "Wassenaar"]
        );
        assert_eq!(builtin(), wk);
    }

    #[test]
    fn builtin_wijk_names_and_page_break() {
        let wk = builtin();
        let schev = wk.eenheid("scheveningen").expect("Scheveningen");
        let names: Vec<&str> = schev.wijken.iter().map(|w| w.naam.as_str()).collect();
        assert_eq!(
            names,
            [
                "Duindorp",
                "Duinoord",
                "Duttendel/Wittebrug",
                "Geuzen-Statenkwartier",
                "Belgisch Park",
                "Scheveningen-Dorp/Oud Scheveningen/Haven",
                "van Stolkpark",
                "Zorgvliet"
            ]
        );
        let lo = wk.eenheid("Loosduinen").expect("Loosduinen");
        assert_eq!(lo.wijken[0].naam, "Bohemien, Meer & bos");
        assert_eq!(lo.wijken[0].inwoners, 4923);
        assert_eq!(
            wk.eenheid("Centrum").map(|e| e.wijken[5].naam.as_str()),
            Some("Groente/fruit markt")
        );
        assert_eq!(wk.eenheid("Escamp").map(|e| e.regel), Some(11));
    }

    #[test]
    fn builtin_check_finds_only_wassenaar_budget() {
        // The wijken of every stadsdeel add up exactly (e.g. Escamp 29.547 + 17.030 + 21.726 +
        // 20.783 + 19.187 + 24.415 + 121 = 132.809; Scheveningen's eight wijken = 61.008). The
        // median rate is Scheveningen's 56.912 / 61.008; Wassenaar at that rate would get 25.677.
        let f = builtin().check();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, Code::REFERENTIE_AFWIJKING);
        assert_eq!(
            f[0].bericht,
            "Het uitvoeringsbudget van Wassenaar (€ 25.667,00) wijkt € 10,00 af van wat het mediane budget per inwoner geeft: 27.525 inwoners × € 56.912,00 / 61.008 inwoners (het budget per inwoner van Scheveningen, het middelste van de 11) = € 25.677,01, afgerond € 25.677,00."
        );
        assert_eq!(f[0].bron, "wijkindeling-2025-2026.csv regel 54");
    }

    #[test]
    fn check_reports_wijk_sum_mismatch_with_both_numbers() {
        let csv = "gemeente;stadsdeel;wijk;inwoners;uitvoeringsbudget\n\
                   Den Haag;Escamp;;132.809;€ 123.894\n\
                   Den Haag;Escamp;Moerwijk;21726;\n\
                   ;;Zuiderpark;121;\n";
        let wk = parse(csv, "t.csv").expect("parses");
        let f = wk.check();
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].bericht,
            "De 2 wijken van Escamp tellen op tot 21.847 inwoners, maar het stadsdeel staat op 132.809 inwoners (verschil 110.962)."
        );
        assert_eq!(f[0].bron, "t.csv regel 2");
    }

    fn err_of(csv: &str) -> String {
        match parse(csv, "w.csv") {
            Ok(_) => "ok".to_string(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn malformed_lines_are_named() {
        let h = "gemeente;stadsdeel;wijk;inwoners;uitvoeringsbudget\n";
        assert_eq!(
            err_of(&format!("{h}Den Haag;Laak;;48255;45015\nDen Haag;Laak;Binckhorst;3397\n")),
            "w.csv regel 3: verwacht 5 kolommen (gemeente;stadsdeel;wijk;inwoners;uitvoeringsbudget), gevonden 4."
        );
        assert_eq!(
            err_of(&format!("{h}Den Haag;Laak;;veel;45015\n")),
            "w.csv regel 2: het aantal inwoners ‘veel’ is geen geheel getal."
        );
        assert_eq!(
            err_of(&format!(
                "{h};;Binckhorst;3397;\nDen Haag;Laak;;48255;45015\n"
            )),
            "w.csv regel 2: wijk ‘Binckhorst’ staat voor de regel van enig stadsdeel."
        );
        assert_eq!(
            err_of(&format!(
                "{h}Den Haag;Laak;;48255;45015\n\nDen Haag;laak;;1;1\n"
            )),
            "w.csv regel 4: stadsdeel ‘laak’ staat er al eerder in (regel 2)."
        );
        assert_eq!(
            err_of(&format!("{h}Den Haag;Laak;;48255;45.0150\n")),
            "w.csv regel 2: het uitvoeringsbudget ‘45.0150’ van ‘Laak’ is geen bedrag in hele euro's."
        );
        assert_eq!(
            err_of(&format!("{h}Den Haag;Laak;Binckhorst;3397;100\n")),
            "w.csv regel 2: wijk ‘Binckhorst’ heeft een uitvoeringsbudget; dat hoort alleen bij het stadsdeel."
        );
        assert_eq!(
            err_of("stadsdeel;inwoners;x;y;z\n"),
            "w.csv regel 1: de eerste regel moet de kopregel ‘gemeente;stadsdeel;wijk;inwoners;uitvoeringsbudget’ zijn."
        );
        assert_eq!(err_of(h), "w.csv bevat geen enkel stadsdeel of gemeente.");
    }

    #[test]
    fn quoted_fields_and_bom_are_read() {
        let csv = "\u{feff}gemeente;stadsdeel;wijk;inwoners;uitvoeringsbudget\r\n\
                   Den Haag;Loosduinen;;54674;51003\r\n\
                   Den Haag;Loosduinen;\"Bohemien; Meer & bos\";4923;\r\n";
        let wk = parse(csv, "q.csv").expect("parses");
        assert_eq!(wk.eenheden[0].wijken[0].naam, "Bohemien; Meer & bos");
        assert_eq!(wk.eenheden[0].wijken[0].regel, 3);
    }

    #[test]
    fn load_reads_a_file_and_names_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("eigen.csv");
        std::fs::write(
            &p,
            "gemeente;stadsdeel;wijk;inwoners;uitvoeringsbudget\nRijswijk;Rijswijk;;1;x\n",
        )
        .expect("write");
        assert_eq!(
            load(&p).map(|_| ()).map_err(|e| e.to_string()),
            Err("eigen.csv regel 2: het uitvoeringsbudget ‘x’ van ‘Rijswijk’ is geen bedrag in hele euro's.".to_string())
        );
        assert!(matches!(
            load(&dir.path().join("weg.csv")),
            Err(WijkindelingError::Io { .. })
        ));
    }

    #[test]
    fn dutch_counts() {
        assert_eq!(nl_getal(0), "0");
        assert_eq!(nl_getal(999), "999");
        assert_eq!(nl_getal(132_809), "132.809");
        assert_eq!(nl_getal(1_234_567), "1.234.567");
        assert_eq!(parse_whole("110.510"), Some(110_510));
        assert_eq!(parse_whole("€ 103.091"), Some(103_091));
        assert_eq!(parse_whole("1.23"), None);
        assert_eq!(parse_whole("-5"), None);
    }
}
