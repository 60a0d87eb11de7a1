//! Which of a WSV's documents of one role is current: the clues and their order.
//!
//! Plans and begrotingen alike: the date in their own Versie/datum (the plan's §1 field, the
//! begroting's header cell), then the version number written there, then what the file name
//! suggests (`definitief` > `v3` > `v2` > plain > `concept`), then — for a begroting — whether it
//! sits beside the current plan, then the richer format (.docx before its PDF), then the name.
//! A readable document always goes before a scan of one.

use crate::snapshot::{Content, Soort, StoredFile};
use crate::text::norm;
use regex::Regex;
use std::sync::LazyLock;

// Compiled once; `ok()` because a regex literal that fails to compile must not panic a run.
static NAME_VERSION: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|[^a-z])v(?:ersie)?[ _.-]?(\d+(?:[._]\d+)*)").ok());
static FIELD_VERSION: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)\bv(?:ersie)?\s*\.?\s*(\d+(?:[.,]\d+)*)").ok());
static ISO_DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b").ok());
static DMY_DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b").ok());

/// The order of versions; compare newest-last.
pub(crate) type VersionKey = (
    bool,
    Option<(i32, u32, u32)>,
    Vec<u32>,
    i32,
    Vec<u32>,
    bool,
    bool,
    String,
);

/// The text of a document's own Versie/datum: the plan's §1 field or the begroting's header cell.
pub(crate) fn versie_datum(f: &StoredFile) -> Option<&str> {
    match &f.outcome.content {
        Content::Wijkplan(w) => w.velden.versie_datum.waarde.as_deref(),
        Content::Begroting(b) => b.versie_datum.waarde.as_deref(),
        _ => None,
    }
}

/// Compare documents of one role. `beside_plan`: the file sits in the same folder as the WSV's
/// current plan (only a tie-breaker for begrotingen).
pub(crate) fn version_key(f: &StoredFile, beside_plan: bool) -> VersionKey {
    let field = versie_datum(f).unwrap_or_default();
    let (hint, name_version) = name_hint(&f.outcome.bestand);
    (
        !matches!(f.outcome.content, Content::Scan),
        parse_date(field),
        parse_version(field),
        hint,
        name_version,
        beside_plan,
        // On a tie the .docx is the richer source than a PDF.
        f.outcome.soort == Soort::Docx,
        f.outcome.bestand.clone(),
    )
}

/// Say which clue made `current` newer than `older`, in the order `version_key` weighs them.
pub(crate) fn why_replaced(c: &VersionKey, o: &VersionKey, current: &str) -> String {
    let reason = if c.0 != o.0 {
        "die is leesbaar; deze scan niet".to_string()
    } else if c.1 != o.1 {
        match (c.1, o.1) {
            (Some(a), Some(b)) => format!(
                "versie/datum {} is nieuwer dan {}",
                fmt_date(a),
                fmt_date(b)
            ),
            (Some(a), None) => format!("alleen die heeft een datum ({})", fmt_date(a)),
            _ => "nieuwere versie/datum".to_string(),
        }
    } else if c.2 != o.2 {
        "hoger versienummer in de eigen versie/datum".to_string()
    } else if c.3 != o.3 || c.4 != o.4 {
        "nieuwere versie volgens de bestandsnaam".to_string()
    } else if c.5 != o.5 {
        "zelfde versie; die staat bij het actuele wijkplan".to_string()
    } else if c.6 != o.6 {
        "zelfde versie; de .docx gaat voor de PDF".to_string()
    } else {
        "gelijkwaardige versie; de laatste bestandsnaam in alfabetische volgorde is gekozen"
            .to_string()
    };
    format!("vervangen door {current} ({reason})")
}

fn fmt_date((y, m, d): (i32, u32, u32)) -> String {
    format!("{d:02}-{m:02}-{y}")
}

/// What a file name says about its recency: rank and version number.
pub(crate) fn name_hint(bestand: &str) -> (i32, Vec<u32>) {
    let stem = crate::intake::eigen_naam(bestand);
    let stem = stem.rsplit_once('.').map(|(s, _)| s).unwrap_or(stem);
    let n = norm(stem);
    let tokens: Vec<&str> = n.split(' ').collect();
    let rank = if tokens.iter().any(|t| {
        matches!(
            *t,
            "definitief" | "def" | "final" | "defintief" | "vastgesteld"
        )
    }) {
        2
    } else if tokens.iter().any(|t| *t == "concept" || *t == "draft") {
        -1
    } else {
        0
    };
    let ver = NAME_VERSION
        .as_ref()
        .and_then(|r| {
            r.captures(stem)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string())
        })
        .map(|s| s.split(['.', '_']).filter_map(|p| p.parse().ok()).collect())
        .unwrap_or_default();
    (rank, ver)
}

/// A version number written in a Versie/datum: `versie 1.0`, `v0.9`, `Versie 2`.
pub(crate) fn parse_version(s: &str) -> Vec<u32> {
    let Some(re) = FIELD_VERSION.as_ref() else {
        return vec![];
    };
    re.captures(s)
        .and_then(|c| c.get(1))
        .map(|m| {
            m.as_str()
                .split(['.', ','])
                .filter_map(|p| p.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

const MONTHS: [(&str, u32); 23] = [
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("april", 4),
    ("mei", 5),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mrt", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("okt", 10),
    ("nov", 11),
];

/// A date in the ways Dutch staff write it: `2 juni 2025`, `12-03-2025`, `12/3/2025`,
/// `2025-06-02`, `juni 2025` (first of the month).
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let valid = |y: i32, m: u32, d: u32| {
        (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
    };
    let iso = ISO_DATE.as_ref()?;
    if let Some(c) = iso.captures(s) {
        let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        if valid(y, m, d) {
            return Some((y, m, d));
        }
    }
    let dmy = DMY_DATE.as_ref()?;
    if let Some(c) = dmy.captures(s) {
        let mut y: i32 = c[3].parse().ok()?;
        if y < 100 {
            y += 2000;
        }
        let (d, m) = (c[1].parse().ok()?, c[2].parse().ok()?);
        if valid(y, m, d) {
            return Some((y, m, d));
        }
    }
    let n = norm(s);
    let tokens: Vec<&str> = n.split(' ').collect();
    for (i, t) in tokens.iter().enumerate() {
        let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| name == t) else {
            continue;
        };
        let year = tokens.get(i + 1).and_then(|y| y.parse::<i32>().ok());
        let day = i
            .checked_sub(1)
            .and_then(|j| tokens.get(j))
            .and_then(|d| d.parse::<u32>().ok());
        if let Some(y) = year {
            let d = day.filter(|d| (1..=31).contains(d)).unwrap_or(1);
            if valid(y, m, d) {
                return Some((y, m, d));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_versions_parse_the_dutch_way() {
        assert_eq!(parse_date("versie 1.0 – 2 juni 2025"), Some((2025, 6, 2)));
        assert_eq!(parse_date("12-03-2025"), Some((2025, 3, 12)));
        assert_eq!(parse_date("v3, 2025-11-04"), Some((2025, 11, 4)));
        assert_eq!(parse_date("concept sept 2025"), Some((2025, 9, 1)));
        assert_eq!(parse_date("versie 2"), None);
        assert_eq!(parse_version("versie 0.9 – 12 maart 2025"), vec![0, 9]);
        assert_eq!(parse_version("V2 def"), vec![2]);
    }
}
