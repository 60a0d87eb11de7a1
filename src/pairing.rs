//! Pairing and versions: which files form one WSV's submission, and which version is current.
//!
//! Staff save attachments either into one folder per WSV or loose, with names like
//! `begroting_escamp_zuid_v3.xlsx`. The clues, in order of trust:
//! 1. the folder a file sits in (everything in `Laak/` belongs together);
//! 2. the WSV named inside the file (the plan's Wijk/WSV field, a header cell of the begroting);
//! 3. the file name.
//!
//! Within a WSV, the plan with the latest Versie/datum is current; ties go to the newer-looking
//! name (`v2` over `v1`, `definitief`/`def` over `concept`). Identical bytes under two names, or the
//! same plan in two formats, make one submission: the other file is `dubbel`.

use crate::domain::Wijkplan;
use crate::snapshot::{Assignment, Content, Rol, Soort, Status, StoredFile};
use crate::text::norm;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
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

/// Decide WSV, status and current version for every stored file.
pub fn assign(files: &[StoredFile]) -> Vec<Assignment> {
    let mut out: HashMap<i64, Assignment> = HashMap::new();

    // 1. Identical bytes: one primary per sha256, the rest `dubbel`.
    let mut by_sha: BTreeMap<&str, Vec<&StoredFile>> = BTreeMap::new();
    let mut primaries: Vec<&StoredFile> = Vec::new();
    for f in files {
        if f.outcome.sha256.is_empty() {
            // No bytes were read (a symlink loop, an unopenable file): never a duplicate of another.
            primaries.push(f);
            continue;
        }
        by_sha.entry(f.outcome.sha256.as_str()).or_default().push(f);
    }
    let mut dup_of: Vec<(&StoredFile, &StoredFile, String)> = Vec::new();
    for group in by_sha.values() {
        let mut g = group.clone();
        g.sort_by_key(|f| primary_rank(f));
        if let Some((first, rest)) = g.split_first() {
            primaries.push(first);
            for r in rest {
                dup_of.push((
                    r,
                    first,
                    format!("zelfde inhoud als {}", first.outcome.bestand),
                ));
            }
        }
    }
    primaries.sort_by(|a, b| a.outcome.bestand.cmp(&b.outcome.bestand));

    // 1b. A PDF export of a .docx plan (matched by content, not by name): the .docx is the richer
    // source, the PDF is `dubbel`. The bytes differ, and PDF text extraction is not perfect, so
    // this compares the plans' words rather than their fingerprints.
    let docx_plans: Vec<(&StoredFile, BTreeSet<String>)> = primaries
        .iter()
        .filter(|f| f.outcome.soort == Soort::Docx)
        .filter_map(|f| plan_of(f).map(|w| (*f, plan_words(w))))
        .collect();
    let mut pdf_dups: BTreeSet<i64> = BTreeSet::new();
    for f in primaries.iter().filter(|f| f.outcome.soort == Soort::Pdf) {
        let Some(w) = plan_of(f) else { continue };
        let words = plan_words(w);
        let best = docx_plans
            .iter()
            .filter_map(|(d, dw)| {
                let threshold = match same_version_field(plan_of(d), w)? {
                    true => SAME_PLAN_SIMILARITY_SAME_VERSION,
                    false => SAME_PLAN_SIMILARITY,
                };
                let sim = jaccard(&words, dw);
                (sim >= threshold).then_some((sim, *d))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((sim, docx)) = best {
            pdf_dups.insert(f.id);
            dup_of.push((
                f,
                docx,
                format!(
                    "zelfde plan als {} (PDF-export, {:.0}% dezelfde woorden); de .docx is gebruikt",
                    docx.outcome.bestand,
                    sim * 100.0
                ),
            ));
        }
    }
    primaries.retain(|f| !pdf_dups.contains(&f.id));

    // 2. Group submission files into WSVs.
    let groups = group_files(&primaries);

    // 3. Per group: the same plan in two formats, versions of plans, versions of begrotingen.
    let mut wsv_of_file: HashMap<i64, String> = HashMap::new();
    for g in &groups {
        let name = g.display_name();
        for f in &g.files {
            wsv_of_file.insert(f.id, name.clone());
        }
        let plans: Vec<&StoredFile> = g
            .files
            .iter()
            .copied()
            .filter(|f| plan_of(f).is_some())
            .collect();
        let sheets: Vec<&StoredFile> = g
            .files
            .iter()
            .copied()
            .filter(|f| matches!(f.outcome.content, Content::Begroting(_)))
            .collect();
        let mut plans_left: Vec<&StoredFile> = Vec::new();
        // Same fingerprint = same plan (a .docx and its PDF export): keep the richer source.
        let mut by_print: BTreeMap<String, Vec<&StoredFile>> = BTreeMap::new();
        for p in &plans {
            let print = plan_of(p)
                .map(|w| w.vingerafdruk.clone())
                .unwrap_or_default();
            if print.is_empty() {
                plans_left.push(p);
            } else {
                by_print.entry(print).or_default().push(p);
            }
        }
        for same in by_print.values() {
            let mut same = same.clone();
            same.sort_by_key(|f| (f.outcome.soort != Soort::Docx, f.outcome.bestand.clone()));
            if let Some((keep, rest)) = same.split_first() {
                plans_left.push(keep);
                for r in rest {
                    out.insert(
                        r.id,
                        Assignment {
                            file_id: r.id,
                            rol: rol_of(r),
                            wsv: Some(name.clone()),
                            status: Status::Dubbel,
                            toelichting: format!("zelfde plan als {}", keep.outcome.bestand),
                            actueel: false,
                        },
                    );
                }
            }
        }
        assign_versions(&plans_left, &name, "plan", &mut out);
        assign_versions(&sheets, &name, "begroting", &mut out);
    }

    // 4. Files that are not (readable) submissions, and the duplicates.
    for f in files {
        if out.contains_key(&f.id) {
            continue;
        }
        let (status, toelichting) = match &f.outcome.content {
            Content::Genegeerd(reden) => (Status::Genegeerd, reden.clone()),
            Content::Onleesbaar => (
                Status::Onleesbaar,
                f.outcome
                    .findings
                    .first()
                    .map(|x| x.bericht.clone())
                    .unwrap_or_default(),
            ),
            _ => continue,
        };
        // A non-submission file in a WSV's folder is accounted to that WSV.
        let wsv = folder_key(&f.outcome.map)
            .and_then(|k| groups.iter().find(|g| g.folder.as_deref() == Some(&k)));
        out.insert(
            f.id,
            Assignment {
                file_id: f.id,
                rol: rol_of(f),
                wsv: wsv.map(|g| g.display_name()),
                status,
                toelichting,
                actueel: false,
            },
        );
    }
    for (dup, first, toelichting) in dup_of {
        let base = out.get(&first.id).cloned();
        let wsv = base
            .as_ref()
            .and_then(|a| a.wsv.clone())
            .or_else(|| wsv_of_file.get(&first.id).cloned());
        out.insert(
            dup.id,
            Assignment {
                file_id: dup.id,
                rol: rol_of(dup),
                wsv,
                status: Status::Dubbel,
                toelichting,
                actueel: false,
            },
        );
    }

    // What a reader skipped or repaired is said in the file's toelichting: nothing is skipped
    // silently.
    for f in files {
        if f.outcome.opmerkingen.is_empty() {
            continue;
        }
        if let Some(a) = out.get_mut(&f.id) {
            let notes = f.outcome.opmerkingen.join("; ");
            a.toelichting = if a.toelichting.is_empty() {
                format!("gelezen met opmerkingen: {notes}")
            } else {
                format!("{}; gelezen met opmerkingen: {notes}", a.toelichting)
            };
        }
    }

    let mut v: Vec<Assignment> = out.into_values().collect();
    v.sort_by_key(|a| a.file_id);
    v
}

/// Lower is more trusted as the original of identical copies: inside a WSV folder, not named a
/// copy, shorter name, then alphabetical.
fn primary_rank(f: &StoredFile) -> (bool, bool, usize, String) {
    let lower = f.outcome.bestand.to_lowercase();
    (
        f.outcome.map.is_empty(),
        lower.contains("kopie") || lower.contains("copy"),
        f.outcome.bestand.len(),
        f.outcome.bestand.clone(),
    )
}

/// Share of words two plans must have in common to be the same plan in two formats. High, so
/// that two versions of one plan (a theme added) stay two versions.
const SAME_PLAN_SIMILARITY: f64 = 0.95;
/// The same, when both plans state the same Versie/datum: then a PDF whose tables came out less
/// well (no ruling lines) is still recognised.
const SAME_PLAN_SIMILARITY_SAME_VERSION: f64 = 0.85;

/// The words of a plan's own content (fields, sections, theme cells), normalised.
fn plan_words(w: &Wijkplan) -> BTreeSet<String> {
    let mut text = String::new();
    for (_, _, v) in w.velden.all() {
        text.push_str(v.waarde.as_deref().unwrap_or(""));
        text.push(' ');
    }
    for s in &w.secties {
        text.push_str(&s.tekst);
        text.push(' ');
    }
    for t in &w.themas {
        for c in t.cells() {
            text.push_str(c);
            text.push(' ');
        }
    }
    norm(&text)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Compare the Versie/datum fields: `None` when they differ (different versions, however similar
/// the text), `Some(true)` when both state the same, `Some(false)` when one or both are empty.
fn same_version_field(a: Option<&Wijkplan>, b: &Wijkplan) -> Option<bool> {
    let va = a
        .and_then(|w| w.velden.versie_datum.waarde.as_deref())
        .map(norm);
    let vb = b.velden.versie_datum.waarde.as_deref().map(norm);
    match (va, vb) {
        (Some(x), Some(y)) if x == y => Some(true),
        (Some(_), Some(_)) => None,
        _ => Some(false),
    }
}

/// What a document is, from its content.
fn rol_of(f: &StoredFile) -> Option<Rol> {
    match &f.outcome.content {
        Content::Wijkplan(_) | Content::Scan => Some(Rol::Wijkplan),
        Content::Begroting(_) => Some(Rol::Begroting),
        Content::Bijlage(b) => Some(b.rol),
        Content::Genegeerd(_) | Content::Onleesbaar => None,
    }
}

fn plan_of(f: &StoredFile) -> Option<&Wijkplan> {
    match &f.outcome.content {
        Content::Wijkplan(w) => Some(w),
        _ => None,
    }
}

fn assign_versions(
    list: &[&StoredFile],
    wsv: &str,
    what: &str,
    out: &mut HashMap<i64, Assignment>,
) {
    let mut sorted: Vec<&StoredFile> = list.to_vec();
    // Newest first.
    sorted.sort_by_key(|f| std::cmp::Reverse(version_key(f)));
    let Some((current, older)) = sorted.split_first() else {
        return;
    };
    out.insert(
        current.id,
        Assignment {
            file_id: current.id,
            rol: rol_of(current),
            wsv: Some(wsv.to_string()),
            status: Status::Verwerkt,
            toelichting: if older.is_empty() {
                String::new()
            } else {
                format!("actuele {what}; {} oudere versie(s)", older.len())
            },
            actueel: true,
        },
    );
    for o in older {
        let why = why_replaced(current, o);
        out.insert(
            o.id,
            Assignment {
                file_id: o.id,
                rol: rol_of(o),
                wsv: Some(wsv.to_string()),
                status: Status::Vervangen,
                toelichting: why,
                actueel: false,
            },
        );
    }
}

/// Say which clue made `current` newer than `older`, in the order `version_key` weighs them.
fn why_replaced(current: &StoredFile, older: &StoredFile) -> String {
    let (c, o) = (version_key(current), version_key(older));
    let reason = if c.0 != o.0 {
        match (c.0, o.0) {
            (Some(a), Some(b)) => format!(
                "versie/datum {} is nieuwer dan {}",
                fmt_date(a),
                fmt_date(b)
            ),
            (Some(a), None) => format!("alleen die heeft een datum ({})", fmt_date(a)),
            _ => "nieuwere versie/datum".to_string(),
        }
    } else if c.1 != o.1 {
        "hoger versienummer in het veld Versie/datum".to_string()
    } else if c.2 != o.2 || c.3 != o.3 {
        "nieuwere versie volgens de bestandsnaam".to_string()
    } else if c.4 != o.4 {
        "zelfde versie; de .docx gaat voor de PDF".to_string()
    } else {
        "gelijkwaardige versie; de laatste bestandsnaam in alfabetische volgorde is gekozen"
            .to_string()
    };
    format!("vervangen door {} ({reason})", current.outcome.bestand)
}

fn fmt_date((y, m, d): (i32, u32, u32)) -> String {
    format!("{d:02}-{m:02}-{y}")
}

type VersionKey = (
    Option<(i32, u32, u32)>,
    Vec<u32>,
    i32,
    Vec<u32>,
    bool,
    String,
);

/// Compare plans/begrotingen by: the Versie/datum date, the version number in it, then what the
/// file name suggests (`definitief` > `v3` > `v2` > plain > `concept`), then the name.
fn version_key(f: &StoredFile) -> VersionKey {
    let field = plan_of(f)
        .and_then(|w| w.velden.versie_datum.waarde.clone())
        .unwrap_or_default();
    let (hint, name_version) = name_hint(&f.outcome.bestand);
    (
        parse_date(&field),
        parse_version(&field),
        hint,
        name_version,
        // On a tie the .docx is the richer source than a PDF.
        f.outcome.soort == Soort::Docx,
        f.outcome.bestand.clone(),
    )
}

/// What a file name says about its recency: rank and version number.
fn name_hint(bestand: &str) -> (i32, Vec<u32>) {
    let stem = bestand.rsplit('/').next().unwrap_or(bestand);
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

/// A version number written in the Versie/datum field: `versie 1.0`, `v0.9`, `Versie 2`.
fn parse_version(s: &str) -> Vec<u32> {
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

/// Words that say nothing about which WSV a name means.
const STOPWORDS: [&str; 22] = [
    "wsv",
    "wijksamenwerkingsverband",
    "wijkplan",
    "plan",
    "begroting",
    "concept",
    "definitief",
    "def",
    "final",
    "versie",
    "kopie",
    "copy",
    "van",
    "de",
    "het",
    "en",
    "wijk",
    "docx",
    "xlsx",
    "pdf",
    "ods",
    "xls",
];

/// Significant tokens of a WSV name or file name.
fn key_tokens(s: &str) -> BTreeSet<String> {
    let s = s.split('(').next().unwrap_or(s);
    norm(s)
        .split(' ')
        .filter(|t| !t.is_empty())
        .filter(|t| !STOPWORDS.contains(t))
        .filter(|t| !(t.len() == 4 && t.chars().all(|c| c.is_ascii_digit())))
        .filter(|t| {
            !(t.starts_with('v') && t.len() > 1 && t[1..].chars().all(|c| c.is_ascii_digit()))
        })
        .filter(|t| !t.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

fn folder_key(map: &str) -> Option<String> {
    let first = map.split('/').next().unwrap_or("");
    (!first.is_empty()).then(|| first.to_string())
}

/// The WSV name a file itself states (plan field or begroting header), if any.
fn stated_name(f: &StoredFile) -> Option<String> {
    match &f.outcome.content {
        Content::Wijkplan(w) => w.velden.wijk_wsv.waarde.clone(),
        Content::Begroting(b) => b.wsv_naam.clone(),
        _ => None,
    }
    .filter(|n| !key_tokens(n).is_empty())
}

fn file_stem(bestand: &str) -> String {
    let name = bestand.rsplit('/').next().unwrap_or(bestand);
    name.rsplit_once('.')
        .map(|(s, _)| s.to_string())
        .unwrap_or_else(|| name.to_string())
}

struct Group<'a> {
    folder: Option<String>,
    keys: Vec<BTreeSet<String>>,
    files: Vec<&'a StoredFile>,
}

impl Group<'_> {
    /// The WSV's display name: the current plan's Wijk/WSV field, else a begroting's header
    /// name, else the folder, else the file name; without a leading "WSV".
    fn display_name(&self) -> String {
        let mut plans: Vec<&&StoredFile> =
            self.files.iter().filter(|f| plan_of(f).is_some()).collect();
        plans.sort_by_key(|f| std::cmp::Reverse(version_key(f)));
        let from_plan = plans.iter().find_map(|f| stated_name(f));
        let from_sheet = self.files.iter().find_map(|f| match &f.outcome.content {
            Content::Begroting(_) => stated_name(f),
            _ => None,
        });
        let raw = from_plan
            .or(from_sheet)
            .or_else(|| self.folder.clone())
            .or_else(|| self.files.first().map(|f| file_stem(&f.outcome.bestand)))
            .unwrap_or_default();
        clean_name(&raw)
    }
}

/// `WSV Laak` → `Laak`; `Escamp-Noord (Bouwlust, …)` → `Escamp-Noord`.
pub fn clean_name(raw: &str) -> String {
    let mut s = raw
        .split(['(', '\n'])
        .next()
        .unwrap_or(raw)
        .trim()
        .to_string();
    for prefix in ["wijksamenwerkingsverband", "wsv"] {
        if s.to_lowercase().starts_with(prefix) {
            let rest = s[prefix.len()..]
                .trim_start_matches([' ', ':', '-', '–'])
                .trim()
                .to_string();
            if !rest.is_empty() {
                s = rest;
            }
        }
    }
    // "Escamp Noord: Bouwlust/Vrederust, …" names the WSV before the colon.
    let s = s.split(':').next().unwrap_or(&s).trim();
    s.trim_end_matches([',', ':', ';', '-', ' ']).to_string()
}

fn matches(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    !a.is_empty() && !b.is_empty() && (a.is_subset(b) || b.is_subset(a))
}

fn group_files<'a>(primaries: &[&'a StoredFile]) -> Vec<Group<'a>> {
    let submissions: Vec<&'a StoredFile> = primaries
        .iter()
        .copied()
        .filter(|f| {
            matches!(
                f.outcome.content,
                Content::Wijkplan(_) | Content::Begroting(_)
            )
        })
        .collect();
    let mut groups: Vec<Group<'a>> = Vec::new();
    // Clue 1: folders.
    let mut loose: Vec<&'a StoredFile> = Vec::new();
    for f in &submissions {
        match folder_key(&f.outcome.map) {
            Some(folder) => {
                let idx = match groups
                    .iter()
                    .position(|g| g.folder.as_deref() == Some(folder.as_str()))
                {
                    Some(i) => i,
                    None => {
                        groups.push(Group {
                            folder: Some(folder.clone()),
                            keys: vec![key_tokens(&folder)],
                            files: vec![],
                        });
                        groups.len() - 1
                    }
                };
                if let Some(g) = groups.get_mut(idx) {
                    g.files.push(f);
                    if let Some(n) = stated_name(f) {
                        g.keys.push(key_tokens(&n));
                    }
                }
            }
            None => loose.push(f),
        }
    }
    // Clues 2 and 3 for loose files: plans first, so begrotingen find the plan they belong to.
    loose.sort_by_key(|f| {
        (
            !matches!(f.outcome.content, Content::Wijkplan(_)),
            f.outcome.bestand.clone(),
        )
    });
    for f in loose {
        let stated = stated_name(f).map(|n| key_tokens(&n));
        let from_name = key_tokens(&file_stem(&f.outcome.bestand));
        let find = |k: &BTreeSet<String>, groups: &[Group]| -> Option<usize> {
            let exact: Vec<usize> = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.keys.iter().any(|gk| gk == k))
                .map(|(i, _)| i)
                .collect();
            if exact.len() == 1 {
                return exact.first().copied();
            }
            let near: Vec<usize> = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.keys.iter().any(|gk| matches(gk, k)))
                .map(|(i, _)| i)
                .collect();
            (near.len() == 1).then(|| near[0])
        };
        let hit = stated
            .as_ref()
            .and_then(|k| find(k, &groups))
            .or_else(|| find(&from_name, &groups));
        match hit {
            Some(i) => {
                if let Some(g) = groups.get_mut(i) {
                    g.files.push(f);
                    g.keys.extend(stated.clone());
                    g.keys.push(from_name);
                }
            }
            None => {
                let mut keys = vec![from_name];
                keys.extend(stated);
                groups.push(Group {
                    folder: None,
                    keys,
                    files: vec![f],
                });
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Begroting, Sjabloon, Veld, Velden};
    use crate::snapshot::FileOutcome;

    fn plan(id: i64, bestand: &str, naam: &str, versie: &str, sha: &str) -> StoredFile {
        let velden = Velden {
            wijk_wsv: Veld {
                waarde: Some(naam.into()),
                bron: String::new(),
            },
            versie_datum: Veld {
                waarde: (!versie.is_empty()).then(|| versie.into()),
                bron: String::new(),
            },
            ..Velden::default()
        };
        let w = Wijkplan {
            sjabloon: Sjabloon::Haaglanden2025,
            velden,
            kerndisciplines: vec![],
            secties: vec![],
            themas: vec![],
            checklist: vec![],
            vingerafdruk: format!("print-{sha}"),
        };
        file(id, bestand, sha, Content::Wijkplan(w), Soort::Docx)
    }

    fn sheet(id: i64, bestand: &str, naam: Option<&str>, sha: &str) -> StoredFile {
        let b = Begroting {
            wsv_naam: naam.map(str::to_string),
            totaal_opgegeven: None,
            totaal_bron: None,
            regels: vec![],
            blad: "Begroting".into(),
            ..Begroting::default()
        };
        file(id, bestand, sha, Content::Begroting(b), Soort::Xlsx)
    }

    fn file(id: i64, bestand: &str, sha: &str, content: Content, soort: Soort) -> StoredFile {
        let map = bestand
            .rsplit_once('/')
            .map(|(m, _)| m.to_string())
            .unwrap_or_default();
        StoredFile {
            id,
            outcome: FileOutcome {
                bestand: bestand.into(),
                map,
                sha256: sha.into(),
                grootte: 1,
                soort,
                content,
                findings: vec![],
                opmerkingen: vec![],
                voorbijgaand: false,
            },
        }
    }

    fn by_id(a: &[Assignment], id: i64) -> &Assignment {
        a.iter().find(|x| x.file_id == id).unwrap()
    }

    #[test]
    fn folder_groups_plan_and_begroting() {
        let files = vec![
            plan(
                1,
                "Laak/Wijkplan WSV Laak.docx",
                "WSV Laak",
                "1 mei 2025",
                "a",
            ),
            sheet(2, "Laak/begroting.xlsx", None, "b"),
        ];
        let a = assign(&files);
        assert_eq!(by_id(&a, 1).wsv.as_deref(), Some("Laak"));
        assert_eq!(by_id(&a, 2).wsv.as_deref(), Some("Laak"));
        assert!(by_id(&a, 1).actueel && by_id(&a, 2).actueel);
        assert_eq!(by_id(&a, 2).status, Status::Verwerkt);
    }

    #[test]
    fn identical_bytes_are_dubbel_and_the_folder_copy_is_kept() {
        let files = vec![
            sheet(1, "Kopie van Begroting WSV Laak.xlsx", Some("Laak"), "same"),
            plan(2, "Laak/Wijkplan Laak.docx", "Laak", "", "p"),
            sheet(3, "Laak/Begroting WSV Laak.xlsx", Some("Laak"), "same"),
        ];
        let a = assign(&files);
        assert_eq!(by_id(&a, 1).status, Status::Dubbel);
        assert_eq!(
            by_id(&a, 1).toelichting,
            "zelfde inhoud als Laak/Begroting WSV Laak.xlsx"
        );
        assert_eq!(by_id(&a, 1).wsv.as_deref(), Some("Laak"));
        assert_eq!(by_id(&a, 3).status, Status::Verwerkt);
        assert!(by_id(&a, 3).actueel);
    }

    #[test]
    fn loose_begroting_finds_its_plan_by_stated_name_then_file_name() {
        let files = vec![
            plan(
                1,
                "WSV Escamp Zuid - wijkplan.docx",
                "WSV Escamp-Zuid",
                "",
                "a",
            ),
            sheet(2, "begroting_escamp_zuid_v3.xlsx", None, "b"),
            plan(3, "wijkplan noord.docx", "Escamp-Noord", "", "c"),
            sheet(4, "begroting.xlsx", Some("WSV Escamp Noord"), "d"),
        ];
        let a = assign(&files);
        assert_eq!(by_id(&a, 2).wsv.as_deref(), Some("Escamp-Zuid"));
        assert_eq!(by_id(&a, 4).wsv.as_deref(), Some("Escamp-Noord"));
    }

    #[test]
    fn folder_outranks_the_name_inside() {
        // A begroting whose header still names another WSV (copied template) stays with its folder.
        let files = vec![
            plan(1, "Rijswijk/plan.docx", "Rijswijk", "", "a"),
            sheet(2, "Rijswijk/begroting.ods", Some("Laak"), "b"),
            plan(3, "Laak/plan.docx", "Laak", "", "c"),
        ];
        let a = assign(&files);
        assert_eq!(by_id(&a, 2).wsv.as_deref(), Some("Rijswijk"));
    }

    #[test]
    fn latest_versie_datum_is_current() {
        let files = vec![
            plan(
                1,
                "Rijswijk/Wijkplan WSV Rijswijk definitief.docx",
                "Rijswijk",
                "versie 1.0 – 2 juni 2025",
                "a",
            ),
            plan(
                2,
                "Rijswijk/Wijkplan WSV Rijswijk v1.docx",
                "Rijswijk",
                "versie 0.9 – 12 maart 2025",
                "b",
            ),
        ];
        let a = assign(&files);
        assert!(by_id(&a, 1).actueel);
        assert_eq!(by_id(&a, 2).status, Status::Vervangen);
        assert_eq!(
            by_id(&a, 2).toelichting,
            "vervangen door Rijswijk/Wijkplan WSV Rijswijk definitief.docx (versie/datum 02-06-2025 is nieuwer dan 12-03-2025)"
        );
    }

    #[test]
    fn ties_go_to_the_newer_looking_name() {
        let files = vec![
            plan(1, "X/plan v2.docx", "X", "mei 2025", "a"),
            plan(2, "X/plan v1.docx", "X", "mei 2025", "b"),
            plan(3, "Y/plan concept.docx", "Y", "", "c"),
            plan(4, "Y/plan def.docx", "Y", "", "d"),
        ];
        let a = assign(&files);
        assert!(by_id(&a, 1).actueel);
        assert_eq!(by_id(&a, 2).status, Status::Vervangen);
        assert!(by_id(&a, 4).actueel);
        assert_eq!(by_id(&a, 3).status, Status::Vervangen);
    }

    #[test]
    fn pdf_export_with_slightly_different_text_is_dubbel_of_its_docx() {
        let mut docx = plan(1, "Laak/Wijkplan Laak.docx", "WSV Laak", "1 mei 2025", "a");
        let mut pdf = plan(2, "wijkplan laak.pdf", "WSV Laak", "1 mei 2025", "b");
        pdf.outcome.soort = Soort::Pdf;
        let words: Vec<String> = (0..60).map(|i| format!("woord{i}")).collect();
        if let Content::Wijkplan(w) = &mut docx.outcome.content {
            w.velden.aanjagers.waarde = Some(words.join(" "));
        }
        if let Content::Wijkplan(w) = &mut pdf.outcome.content {
            // One word glued to its neighbour by the PDF's line breaking.
            w.velden.aanjagers.waarde =
                Some(words.join(" ").replacen("woord3 woord4", "woord3woord4", 1));
        }
        let other_version = {
            let mut p = plan(3, "wijkplan laak oud.pdf", "WSV Laak", "1 maart 2025", "c");
            p.outcome.soort = Soort::Pdf;
            if let Content::Wijkplan(w) = &mut p.outcome.content {
                w.velden.aanjagers.waarde = Some(words.join(" "));
            }
            p
        };
        let a = assign(&[docx, pdf, other_version]);
        assert!(by_id(&a, 1).actueel);
        assert_eq!(by_id(&a, 2).status, Status::Dubbel);
        assert!(
            by_id(&a, 2)
                .toelichting
                .starts_with("zelfde plan als Laak/Wijkplan Laak.docx (PDF-export"),
            "{}",
            by_id(&a, 2).toelichting
        );
        assert_eq!(by_id(&a, 2).wsv.as_deref(), Some("Laak"));
        // Another Versie/datum is another version, not the same plan.
        assert_eq!(by_id(&a, 3).status, Status::Vervangen);
    }

    #[test]
    fn same_plan_as_pdf_is_dubbel_and_docx_preferred() {
        let mut pdf = plan(2, "Laak/plan.pdf", "Laak", "", "x");
        pdf.outcome.soort = Soort::Pdf;
        let docx = plan(1, "Laak/plan.docx", "Laak", "", "x2");
        let mut docx = docx;
        if let Content::Wijkplan(w) = &mut docx.outcome.content {
            w.vingerafdruk = "print-x".into();
        }
        let a = assign(&[pdf, docx]);
        assert!(by_id(&a, 1).actueel);
        assert_eq!(by_id(&a, 2).status, Status::Dubbel);
    }

    #[test]
    fn ignored_and_unreadable_files_are_accounted_for() {
        let files = vec![
            plan(1, "Laak/plan.docx", "Laak", "", "a"),
            file(
                2,
                "Laak/Thumbs.db",
                "t",
                Content::Genegeerd("systeembestand".into()),
                Soort::Onbekend,
            ),
            file(3, "kapot.docx", "k", Content::Onleesbaar, Soort::Onbekend),
        ];
        let a = assign(&files);
        assert_eq!(by_id(&a, 2).status, Status::Genegeerd);
        assert_eq!(by_id(&a, 2).wsv.as_deref(), Some("Laak"));
        assert_eq!(by_id(&a, 3).status, Status::Onleesbaar);
        assert_eq!(by_id(&a, 3).wsv, None);
        assert_eq!(a.len(), 3);
    }

    #[test]
    fn reader_notes_show_in_the_toelichting() {
        let mut p = plan(1, "Laak/plan.docx", "Laak", "", "a");
        p.outcome.opmerkingen = vec!["onbekende entiteit &foo; overgeslagen".into()];
        let a = assign(&[p]);
        assert_eq!(
            by_id(&a, 1).toelichting,
            "gelezen met opmerkingen: onbekende entiteit &foo; overgeslagen"
        );
    }

    #[test]
    fn dates_and_versions_parse_the_dutch_way() {
        assert_eq!(parse_date("versie 1.0 – 2 juni 2025"), Some((2025, 6, 2)));
        assert_eq!(parse_date("12-03-2025"), Some((2025, 3, 12)));
        assert_eq!(parse_date("v3, 2025-11-04"), Some((2025, 11, 4)));
        assert_eq!(parse_date("concept sept 2025"), Some((2025, 9, 1)));
        assert_eq!(parse_date("versie 2"), None);
        assert_eq!(parse_version("versie 0.9 – 12 maart 2025"), vec![0, 9]);
        assert_eq!(parse_version("V2 def"), vec![2]);
        assert_eq!(
            clean_name("WSV Escamp-Noord (Bouwlust/Vrederust)"),
            "Escamp-Noord"
        );
        assert_eq!(clean_name("Wijksamenwerkingsverband: De Vliet"), "De Vliet");
        assert_eq!(clean_name("WSV: Laak"), "Laak");
        assert_eq!(
            clean_name("Escamp Noord: Bouwlust/Vrederust, Leyenburg en Morgenstond"),
            "Escamp Noord"
        );
    }
}
