//! Pairing: which files form one WSV's submission, what each document is, which version is
//! current and what is a duplicate.
//!
//! - **Identity** ([`identity`]): from what the documents say first, then file names, then the
//!   nearest folder of one WSV; never from folder layout alone.
//! - **Role** (`rol`): from the content (see `classify`); for a scan, from its name.
//! - **Duplicates**: the same bytes, the same plan in another format (a PDF export of the
//!   .docx, recognised by its words), or a damaged copy of a plan (it names no WSV, and nearly
//!   all its words are in a plan that does). Two documents from which (almost) nothing was extracted are
//!   never duplicates of each other: there is nothing to compare.
//! - **Versions** ([`versions`]): per WSV and role, newest first by the document's own
//!   Versie/datum, then the name; the others are `vervangen`, with the reason.

mod copies;
mod identity;
mod versions;

pub use identity::clean_name;
pub use versions::parse_date;

use crate::domain::Wijkplan;
use crate::limits::MAX_NAMED_PER_MESSAGE;
use crate::snapshot::{Assignment, Content, Rol, Soort, Status, StoredFile};
use crate::text::norm;
use identity::{Clue, Doc, Group};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use versions::{version_key, why_replaced};

/// Decide WSV, role, status and current version for every stored file.
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

    // 1b. The same plan in another format (a PDF export of the .docx, the .odt or .doc LibreOffice
    // saved from it), matched by content, not by name: the richest format is kept (.docx, then
    // .odt, .doc, PDF) and the others are `dubbel`. The bytes differ and extraction is not equally
    // good in every format, so this compares the plans' words rather than their fingerprints.
    // Only plans that name the same WSV are compared (linear in the number of plans).
    // The words of every plan are computed once here; step 3 needs only their number.
    let mut word_counts: HashMap<i64, usize> = HashMap::new();
    let mut by_name: BTreeMap<Vec<String>, Vec<(&StoredFile, PlanWords)>> = BTreeMap::new();
    for f in &primaries {
        let Some(w) = plan_of(f) else { continue };
        let words = plan_words(w);
        word_counts.insert(f.id, words.len());
        if words.len() < MIN_PLAN_WORDS {
            continue;
        }
        let key: Vec<String> = identity::stated_name(f)
            .map(|n| identity::key_tokens(&n).into_iter().collect())
            .unwrap_or_default();
        by_name.entry(key).or_default().push((f, words));
    }
    let mut format_dups: BTreeSet<i64> = BTreeSet::new();
    for same_name in by_name.values_mut() {
        same_name.sort_by_key(|(f, _)| (format_rank(f.outcome.soort), f.outcome.bestand.clone()));
        let mut kept: Vec<(&StoredFile, &PlanWords)> = Vec::new();
        for (f, words) in same_name.iter() {
            let w = plan_of(f);
            let best = kept
                .iter()
                .filter(|(k, _)| format_rank(k.outcome.soort) < format_rank(f.outcome.soort))
                .filter_map(|(k, kw)| {
                    let threshold = match same_version_field(plan_of(k), w?)? {
                        true => SAME_PLAN_SIMILARITY_SAME_VERSION,
                        false => SAME_PLAN_SIMILARITY,
                    };
                    let sim = words.jaccard(kw);
                    (sim >= threshold).then_some((sim, *k))
                })
                .max_by(|a, b| a.0.total_cmp(&b.0));
            match best {
                Some((sim, richer)) => {
                    format_dups.insert(f.id);
                    dup_of.push((
                        f,
                        richer,
                        format!(
                            "zelfde plan als {} ({}, {:.0}% dezelfde woorden); de .{} is gebruikt",
                            richer.outcome.bestand,
                            if f.outcome.soort == Soort::Pdf {
                                "PDF-export"
                            } else {
                                "andere bestandsvorm"
                            },
                            sim * 100.0,
                            richer.outcome.soort.as_str()
                        ),
                    ));
                }
                None => kept.push((f, words)),
            }
        }
    }
    // 1c. A damaged copy of a plan (it names no WSV, and its words are nearly all in a plan that
    // does) is `dubbel` of that plan; see `copies`.
    if let Some(unnamed) = by_name.get(&Vec::new()) {
        let unnamed: Vec<(&StoredFile, &PlanWords)> = unnamed
            .iter()
            .filter(|(f, _)| !format_dups.contains(&f.id))
            .map(|(f, w)| (*f, w))
            .collect();
        let named: Vec<(&StoredFile, &PlanWords)> = by_name
            .iter()
            .filter(|(k, _)| !k.is_empty())
            .flat_map(|(_, v)| v.iter())
            .filter(|(f, _)| !format_dups.contains(&f.id))
            .map(|(f, w)| (*f, w))
            .collect();
        for (f, whole, c) in copies::damaged_copies(&unnamed, &named) {
            format_dups.insert(f.id);
            dup_of.push((
                f,
                whole,
                format!(
                    "deel van hetzelfde plan als {} ({:.0}% van zijn woorden staat daarin); het bestand noemt zelf geen WSV",
                    whole.outcome.bestand,
                    c * 100.0
                ),
            ));
        }
    }
    // The same begroting in two formats (an .xlsx and the .xls or .ods saved from it): the same
    // stated total and the same lines.
    let mut begrotingen: BTreeMap<String, &StoredFile> = BTreeMap::new();
    let mut sheets: Vec<&StoredFile> = primaries
        .iter()
        .copied()
        .filter(|f| matches!(f.outcome.content, Content::Begroting(_)))
        .collect();
    sheets.sort_by_key(|f| (format_rank(f.outcome.soort), f.outcome.bestand.clone()));
    for f in sheets {
        let Content::Begroting(b) = &f.outcome.content else {
            continue;
        };
        if b.regels.is_empty() {
            continue;
        }
        let print = format!(
            "{:?}|{:?}",
            b.totaal_opgegeven,
            b.regels
                .iter()
                .map(|r| (norm(&r.post), r.bedrag.0))
                .collect::<Vec<_>>()
        );
        match begrotingen.get(&print) {
            Some(first) if first.outcome.soort != f.outcome.soort => {
                format_dups.insert(f.id);
                dup_of.push((
                    f,
                    first,
                    format!(
                        "zelfde begroting als {} (andere bestandsvorm, dezelfde regels en bedragen)",
                        first.outcome.bestand
                    ),
                ));
            }
            Some(_) => {}
            None => {
                begrotingen.insert(print, f);
            }
        }
    }
    primaries.retain(|f| !format_dups.contains(&f.id));

    // 2. Roles and WSVs.
    let docs: Vec<Doc> = primaries.iter().map(|f| Doc::new(f, rol_of(f))).collect();
    let (groups, placed) = identity::group(&docs);
    let names = display_names(&groups, &docs);

    // 3. Per WSV: the same plan twice, versions of plans, begrotingen and agreements.
    for (gi, g) in groups.iter().enumerate() {
        let name = names.get(gi).cloned().unwrap_or_default();
        let member = |i: &usize| docs.get(*i);
        let of_rol = |r: Rol| -> Vec<&StoredFile> {
            g.members
                .iter()
                .filter_map(member)
                .filter(|d| d.rol == Some(r))
                .map(|d| d.f)
                .collect()
        };
        let mut plans = Vec::new();
        // Same fingerprint = same plan (a .docx and its PDF export): keep the richer source.
        let mut by_print: BTreeMap<String, Vec<&StoredFile>> = BTreeMap::new();
        for p in of_rol(Rol::Wijkplan) {
            let enough_words = |w: &Wijkplan| {
                word_counts
                    .get(&p.id)
                    .copied()
                    .unwrap_or_else(|| plan_words(w).len())
                    >= MIN_PLAN_WORDS
            };
            match plan_of(p) {
                Some(w) if enough_words(w) => {
                    by_print.entry(w.vingerafdruk.clone()).or_default().push(p)
                }
                _ => plans.push(p),
            }
        }
        for same in by_print.values() {
            let mut same = same.clone();
            same.sort_by_key(|f| (f.outcome.soort != Soort::Docx, f.outcome.bestand.clone()));
            if let Some((keep, rest)) = same.split_first() {
                plans.push(keep);
                for r in rest {
                    out.insert(
                        r.id,
                        Assignment {
                            file_id: r.id,
                            wsv: Some(name.clone()),
                            status: Status::Dubbel,
                            toelichting: format!("zelfde plan als {}", keep.outcome.bestand),
                            actueel: false,
                            rol: Some(Rol::Wijkplan),
                        },
                    );
                }
            }
        }
        let current_plan = assign_versions(&plans, &name, "wijkplan", None, &mut out);
        let plan_map = current_plan.map(|f| f.outcome.map.clone());
        let begrotingen: Vec<&StoredFile> = of_rol(Rol::Begroting)
            .into_iter()
            .filter(|f| matches!(f.outcome.content, Content::Begroting(_)))
            .collect();
        assign_versions(
            &begrotingen,
            &name,
            "begroting",
            plan_map.as_deref(),
            &mut out,
        );
        // Agreements and attachments: all kept, all listed; an agreement counts for its WSV, so
        // it is `actueel`. A scan of a begroting (nothing read) is listed with its finding.
        for d in g.members.iter().filter_map(member) {
            if out.contains_key(&d.f.id) || matches!(d.f.outcome.content, Content::Container(_)) {
                continue;
            }
            let Some(rol) = d.rol else { continue };
            let actueel = rol == Rol::Samenwerkingsovereenkomst
                || matches!(d.f.outcome.content, Content::Scan);
            out.insert(
                d.f.id,
                Assignment {
                    file_id: d.f.id,
                    wsv: Some(name.clone()),
                    status: Status::Verwerkt,
                    toelichting: String::new(),
                    actueel,
                    rol: Some(rol),
                },
            );
        }
    }
    // How a document found its WSV, when not by its own words.
    let mut clue_notes: HashMap<i64, String> = HashMap::new();
    for (d, p) in docs.iter().zip(&placed) {
        let Some((_, clue)) = p else { continue };
        let why = match clue {
            Clue::Content => continue,
            Clue::FileName => "WSV herkend aan de bestandsnaam".to_string(),
            Clue::Folder => format!(
                "WSV herkend aan de map{}",
                if d.f.outcome.map.is_empty() {
                    String::new()
                } else {
                    format!(" {}", d.f.outcome.map)
                }
            ),
            Clue::OwnName => {
                if d.named.is_empty() {
                    "WSV genoemd naar de map: het bestand noemt geen WSV".to_string()
                } else {
                    "WSV genoemd naar de bestandsnaam: het bestand noemt geen WSV".to_string()
                }
            }
        };
        clue_notes.insert(d.f.id, why);
    }

    // 4. Files that are no document or could not be read, and documents no clue placed.
    // The WSVs per folder, built once (not per unplaced document).
    let mut wsvs_in: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for (d, p) in docs.iter().zip(&placed) {
        if let Some(n) = p.and_then(|(g, _)| names.get(g)) {
            wsvs_in
                .entry(d.f.outcome.map.as_str())
                .or_default()
                .insert(n.as_str());
        }
    }
    for (d, p) in docs.iter().zip(&placed) {
        if out.contains_key(&d.f.id) {
            continue;
        }
        let wsv = p.and_then(|(g, _)| names.get(g).cloned());
        let (status, toelichting) = match &d.f.outcome.content {
            Content::Genegeerd(reden) => (Status::Genegeerd, reden.clone()),
            Content::Onleesbaar => (
                Status::Onleesbaar,
                d.f.outcome
                    .findings
                    .first()
                    .map(|x| x.bericht.clone())
                    .unwrap_or_default(),
            ),
            Content::Container(leden) => (
                Status::Uitgepakt,
                match leden.len() {
                    0 => "e-mail of zip zonder bijlagen of bestanden".to_string(),
                    1 => "1 onderdeel, met een eigen regel".to_string(),
                    n => format!("{n} onderdelen, elk met een eigen regel"),
                },
            ),
            _ => (Status::Verwerkt, not_placed(d, &wsvs_in)),
        };
        out.insert(
            d.f.id,
            Assignment {
                file_id: d.f.id,
                wsv,
                status,
                toelichting,
                actueel: false,
                rol: d.rol,
            },
        );
    }
    for (id, why) in clue_notes {
        if let Some(a) = out.get_mut(&id) {
            a.toelichting = join_note(&a.toelichting, &why);
        }
    }
    for (dup, first, toelichting) in dup_of {
        let base = out.get(&first.id).cloned();
        out.insert(
            dup.id,
            Assignment {
                file_id: dup.id,
                wsv: base.as_ref().and_then(|a| a.wsv.clone()),
                status: Status::Dubbel,
                toelichting,
                actueel: false,
                rol: base.and_then(|a| a.rol).or_else(|| rol_of(dup)),
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
            let notes = format!(
                "gelezen met opmerkingen: {}",
                f.outcome.opmerkingen.join("; ")
            );
            a.toelichting = join_note(&a.toelichting, &notes);
        }
    }

    let mut v: Vec<Assignment> = out.into_values().collect();
    v.sort_by_key(|a| a.file_id);
    v
}

/// Two parts of a toelichting as one text: "a; b". A finding's sentence ends in a full stop,
/// which the semicolon replaces (not "….; WSV herkend aan de map").
fn join_note(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{}; {b}", a.strip_suffix('.').unwrap_or(a)),
    }
}

/// Why a document has no WSV: the words a staff member needs to place it by hand.
fn not_placed(d: &Doc, wsvs_in: &HashMap<&str, BTreeSet<&str>>) -> String {
    let folder = &d.f.outcome.map;
    let here: Vec<String> = wsvs_in
        .get(folder.as_str())
        .map(|s| s.iter().map(|n| n.to_string()).collect())
        .unwrap_or_default();
    let waar = if folder.is_empty() {
        "de invoermap".to_string()
    } else {
        format!("de map {folder}")
    };
    let tail = match here.as_slice() {
        [] => format!("en {waar} bevat geen bestanden van een herkende WSV"),
        [one] => {
            format!("en {waar} bevat alleen bestanden van {one}, maar dat is niet zeker genoeg")
        }
        many => {
            // Bounded: a flat folder of 1,000 WSVs must not put 1,000 names in every such row.
            let lijst = match many.get(..MAX_NAMED_PER_MESSAGE) {
                Some(named) if many.len() > MAX_NAMED_PER_MESSAGE => format!(
                    "{} en nog {} andere",
                    named.join(", "),
                    many.len() - named.len()
                ),
                _ => many.join(", "),
            };
            format!("en {waar} bevat bestanden van meerdere WSV's ({lijst})")
        }
    };
    format!("WSV niet te bepalen: het bestand noemt geen WSV die in de inzendingen voorkomt, de bestandsnaam ook niet, {tail}")
}

/// The WSV's display name: the current plan's Wijk/WSV field, else a begroting's header name,
/// else what an agreement names, else the file or folder name. Unique per WSV.
fn display_names(groups: &[Group], docs: &[Doc]) -> Vec<String> {
    let mut names: Vec<String> = groups
        .iter()
        .map(|g| {
            let members: Vec<&Doc> = g.members.iter().filter_map(|i| docs.get(*i)).collect();
            let mut plans: Vec<&&Doc> = members.iter().filter(|d| plan_of(d.f).is_some()).collect();
            // Each key parses dates and versions: computed once per plan, not per comparison.
            plans.sort_by_cached_key(|d| std::cmp::Reverse(version_key(d.f, false)));
            let stated = |want: fn(&Content) -> bool| {
                let mut c: Vec<(Vec<String>, String)> = members
                    .iter()
                    .filter(|d| want(&d.f.outcome.content))
                    .filter_map(|d| identity::stated_name(d.f))
                    .map(|n| (identity::key_tokens(&n).into_iter().collect(), n))
                    .collect();
                c.sort();
                c.into_iter().next().map(|(_, n)| n)
            };
            plans
                .iter()
                .find_map(|d| identity::stated_name(d.f))
                .or_else(|| stated(|c| matches!(c, Content::Begroting(_))))
                .or_else(|| stated(|c| matches!(c, Content::Bijlage(_))))
                .unwrap_or_else(|| g.fallback_name.clone())
        })
        .collect();
    // Two WSVs never share a name (the register groups by it).
    let mut seen: HashMap<String, usize> = HashMap::new();
    for n in &mut names {
        let count = seen.entry(n.to_lowercase()).or_insert(0);
        *count += 1;
        if *count > 1 {
            *n = format!("{n} ({count})");
        }
    }
    names
}

/// Lower is more trusted as the original of identical copies: not named a copy, a loose file
/// before the same bytes inside an e-mail or zip, inside a folder, shorter name, alphabetical.
fn primary_rank(f: &StoredFile) -> (bool, bool, bool, usize, String) {
    let lower = f.outcome.bestand.to_lowercase();
    (
        lower.contains("kopie") || lower.contains("copy"),
        f.outcome.bestand.contains(" » "),
        f.outcome.map.is_empty(),
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
/// Distinct words a plan must have before it can be the same plan as another: two nearly empty
/// plans (a scan's OCR failed, a template sent back unfilled) have nothing to compare.
const MIN_PLAN_WORDS: usize = 30;

/// The words of a plan's own content (fields, sections, theme cells), normalised: the words of
/// `norm` of those texts joined by spaces, normalised piece by piece without the joined copy.
fn plan_words(w: &Wijkplan) -> PlanWords {
    let mut text = String::new();
    let mut n = crate::text::Normaliser::new(&mut text);
    for (_, _, v) in w.velden.all() {
        n.push(v.waarde.as_deref().unwrap_or(""));
        n.push(" ");
    }
    for s in &w.secties {
        n.push(&s.tekst);
        n.push(" ");
    }
    for t in &w.themas {
        for c in t.cells() {
            n.push(c);
            n.push(" ");
        }
    }
    n.finish();
    PlanWords::new(&text)
}

/// A plan's distinct words, sorted, in one string (space-separated: a normalised word holds no
/// space). The same set as a `BTreeSet<String>` of the words, in a tenth of the memory: a batch
/// of a thousand copies held every plan's set at once, the largest part of its peak (issue 15).
#[derive(Debug)]
struct PlanWords {
    sorted: String,
    count: usize,
}

impl PlanWords {
    fn new(normalised: &str) -> PlanWords {
        // Distinct words first, then only those sorted: a plan repeats most of its words, and
        // sorting every occurrence was the larger part of pairing (issue 15).
        let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
        let mut words: Vec<&str> = normalised
            .split(' ')
            .filter(|t| !t.is_empty() && seen.insert(t))
            .collect();
        words.sort_unstable();
        PlanWords {
            sorted: words.join(" "),
            count: words.len(),
        }
    }

    fn len(&self) -> usize {
        self.count
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.sorted.split(' ').filter(|t| !t.is_empty())
    }

    /// Shared words over all words of both (0 when both are empty).
    fn jaccard(&self, other: &PlanWords) -> f64 {
        let shared = self.shared(other);
        let union = self.count + other.count - shared;
        if union == 0 {
            return 0.0;
        }
        shared as f64 / union as f64
    }

    /// Share of this plan's words that are in `whole` (0 when it has none).
    fn containment(&self, whole: &PlanWords) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        self.shared(whole) as f64 / self.count as f64
    }

    /// Words in both: one merge over the two sorted lists.
    fn shared(&self, other: &PlanWords) -> usize {
        let (mut a, mut b) = (self.iter().peekable(), other.iter().peekable());
        let mut shared = 0usize;
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    a.next();
                    b.next();
                }
            }
        }
        shared
    }
}

/// Richer formats first: what the reader gets from them is closest to what the WSV wrote.
fn format_rank(s: Soort) -> u8 {
    match s {
        Soort::Docx | Soort::Xlsx => 0,
        Soort::Odt | Soort::Ods => 1,
        Soort::Doc | Soort::Xls | Soort::Xlsb => 2,
        _ => 3,
    }
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

/// What a document is: from its content; a scan (no text) from its name, a plan when the name
/// says nothing (a scan among a WSV's files is most often the signed plan).
fn rol_of(f: &StoredFile) -> Option<Rol> {
    match &f.outcome.content {
        Content::Wijkplan(_) => Some(Rol::Wijkplan),
        Content::Begroting(_) => Some(Rol::Begroting),
        Content::Bijlage(b) => Some(b.rol),
        Content::Scan => {
            Some(crate::classify::rol_from_name(&f.outcome.bestand).unwrap_or(Rol::Wijkplan))
        }
        Content::Container(_) => Some(Rol::Container),
        Content::Genegeerd(_) | Content::Onleesbaar => None,
    }
}

fn plan_of(f: &StoredFile) -> Option<&Wijkplan> {
    match &f.outcome.content {
        Content::Wijkplan(w) => Some(w),
        _ => None,
    }
}

/// Newest first: the first is current (`verwerkt`, `actueel`), the others `vervangen` with the
/// clue that decided. Returns the current one.
fn assign_versions<'a>(
    list: &[&'a StoredFile],
    wsv: &str,
    what: &str,
    plan_map: Option<&str>,
    out: &mut HashMap<i64, Assignment>,
) -> Option<&'a StoredFile> {
    let rol = match what {
        "begroting" => Rol::Begroting,
        _ => Rol::Wijkplan,
    };
    let key = |f: &StoredFile| version_key(f, plan_map == Some(f.outcome.map.as_str()));
    let mut sorted: Vec<&StoredFile> = list.to_vec();
    // Stable like `sort_by_key`, with each key computed once per file instead of once per
    // comparison: 9,000 instructions a key, n log n times, was a fifth of pairing (issue 15).
    sorted.sort_by_cached_key(|f| std::cmp::Reverse(key(f)));
    let (current, older) = sorted.split_first()?;
    out.insert(
        current.id,
        Assignment {
            file_id: current.id,
            wsv: Some(wsv.to_string()),
            status: Status::Verwerkt,
            toelichting: if older.is_empty() {
                String::new()
            } else {
                format!("actuele {what}; {} oudere versie(s)", older.len())
            },
            actueel: true,
            rol: Some(rol),
        },
    );
    let ck = key(current);
    for o in older {
        out.insert(
            o.id,
            Assignment {
                file_id: o.id,
                wsv: Some(wsv.to_string()),
                status: Status::Vervangen,
                toelichting: why_replaced(&ck, &key(o), &current.outcome.bestand),
                actueel: false,
                rol: Some(rol),
            },
        );
    }
    Some(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compact word set counts and compares as a set of distinct words would.
    #[test]
    fn toelichting_parts_join_without_a_stop_before_the_semicolon() {
        assert_eq!(
            join_note(
                "x.xlsx is niet te lezen: beschadigd.",
                "WSV herkend aan de map"
            ),
            "x.xlsx is niet te lezen: beschadigd; WSV herkend aan de map"
        );
        assert_eq!(
            join_note("zelfde inhoud als a.docx", "b"),
            "zelfde inhoud als a.docx; b"
        );
        assert_eq!(join_note("", "b."), "b.");
        assert_eq!(join_note("a.", ""), "a.");
    }

    /// The words of every plan in the sample batch are the distinct words of `norm` of its
    /// texts joined by spaces, sorted: the definition, computed the plain way.
    #[test]
    fn plan_words_of_the_sample_plans_are_the_distinct_words_of_their_text() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/submissions");
        let (found, _) = crate::pipeline::discover(&[dir]).unwrap();
        let mut plans = 0;
        for f in &found {
            let o = crate::file::process_file(f);
            let Content::Wijkplan(w) = &o.content else {
                continue;
            };
            plans += 1;
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
            let want: BTreeSet<String> = norm(&text).split_whitespace().map(String::from).collect();
            let got = plan_words(w);
            assert_eq!(got.len(), want.len(), "{}", f.bestand);
            assert!(
                got.iter().eq(want.iter().map(String::as_str)),
                "{}",
                f.bestand
            );
        }
        assert!(plans >= 8, "{plans}");
    }

    #[test]
    fn plan_words_are_distinct_sorted_words_and_compare_by_jaccard() {
        let a = PlanWords::new("zorg  welzijn zorg buurt ");
        assert_eq!(a.len(), 3);
        assert_eq!(a.iter().collect::<Vec<_>>(), ["buurt", "welzijn", "zorg"]);
        let b = PlanWords::new("welzijn zorg huisarts apotheek");
        // Shared: welzijn, zorg; all: buurt, welzijn, zorg, huisarts, apotheek.
        assert_eq!(a.jaccard(&b), 2.0 / 5.0);
        assert_eq!(b.jaccard(&a), 2.0 / 5.0);
        // Containment: of a's 3 words 2 are in b; of b's 4, 2 are in a.
        assert_eq!(a.containment(&b), 2.0 / 3.0);
        assert_eq!(b.containment(&a), 2.0 / 4.0);
        assert_eq!(a.jaccard(&a), 1.0);
        let empty = PlanWords::new("   ");
        assert_eq!(empty.len(), 0);
        assert_eq!(empty.jaccard(&empty), 0.0);
        assert_eq!(a.jaccard(&empty), 0.0);
        assert_eq!(empty.containment(&a), 0.0);
        // Words that are prefixes of each other stay distinct.
        let c = PlanWords::new("zorg zorgen zorgverlener");
        assert_eq!(a.jaccard(&c), 1.0 / 5.0);
    }
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
            begroting: None,
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
                tekst: Vec::new(),
                tekst_opslag: None,
                technisch: Vec::new(),
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
    fn the_name_inside_outranks_the_folder() {
        // See issue 8: identity comes from the documents; the folder is the last clue. A begroting
        // that names Laak belongs to Laak, whichever folder it was saved in.
        let files = vec![
            plan(1, "Rijswijk/plan.docx", "Rijswijk", "", "a"),
            sheet(2, "Rijswijk/begroting.ods", Some("Laak"), "b"),
            plan(3, "Laak/plan.docx", "Laak", "", "c"),
        ];
        let a = assign(&files);
        assert_eq!(by_id(&a, 2).wsv.as_deref(), Some("Laak"));
        assert_eq!(by_id(&a, 1).wsv.as_deref(), Some("Rijswijk"));
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

    /// A plan that names no WSV and holds 90 of the Laak plan's 100 words (a damaged PDF copy
    /// without §1) is `dubbel` of the Laak plan; an unnamed plan with other words starts its own.
    #[test]
    fn a_damaged_copy_without_a_name_is_part_of_the_plan_it_came_from() {
        let words: Vec<String> = (0..100).map(|i| format!("laakwoord{i}")).collect();
        let mut laak = plan(
            1,
            "Laak/Wijkplan WSV Laak.docx",
            "WSV Laak",
            "1 mei 2025",
            "a",
        );
        let mut other = plan(2, "Escamp/Wijkplan WSV Escamp.docx", "WSV Escamp", "", "b");
        let mut copy = plan(3, "kapot.pdf", "", "", "c");
        let mut own = plan(4, "Wijkplan Moerwijk.pdf", "", "", "d");
        for (f, text) in [
            (&mut laak, words.join(" ")),
            (
                &mut other,
                (0..100)
                    .map(|i| format!("escampwoord{i}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            // 90 of Laak's words and 10 garbled ones: 90 % of its words are in the Laak plan.
            (
                &mut copy,
                words[..90].join(" ")
                    + " "
                    + &(0..10)
                        .map(|i| format!("ruis{i}"))
                        .collect::<Vec<_>>()
                        .join(" "),
            ),
            // Half Laak's words, half its own: not a copy.
            (
                &mut own,
                words[..50].join(" ")
                    + " "
                    + &(0..50)
                        .map(|i| format!("moerwijk{i}"))
                        .collect::<Vec<_>>()
                        .join(" "),
            ),
        ] {
            if let Content::Wijkplan(w) = &mut f.outcome.content {
                w.velden.aanjagers.waarde = Some(text);
            }
        }
        copy.outcome.soort = Soort::Pdf;
        own.outcome.soort = Soort::Pdf;
        let a = assign(&[laak, other, copy, own]);
        assert_eq!(by_id(&a, 3).status, Status::Dubbel);
        assert_eq!(by_id(&a, 3).wsv.as_deref(), Some("Laak"));
        assert_eq!(
            by_id(&a, 3).toelichting,
            "deel van hetzelfde plan als Laak/Wijkplan WSV Laak.docx (90% van zijn woorden staat daarin); het bestand noemt zelf geen WSV"
        );
        assert_eq!(by_id(&a, 1).status, Status::Verwerkt);
        assert_ne!(by_id(&a, 4).status, Status::Dubbel);
        assert_ne!(by_id(&a, 4).wsv.as_deref(), Some("Laak"));
    }

    #[test]
    fn same_plan_as_pdf_is_dubbel_and_docx_preferred() {
        let mut pdf = with_words(plan(2, "Laak/plan.pdf", "Laak", "", "x"), 40);
        pdf.outcome.soort = Soort::Pdf;
        let mut docx = with_words(plan(1, "Laak/plan.docx", "Laak", "", "x2"), 40);
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
            plan(4, "Rijswijk/plan.docx", "Rijswijk", "", "r"),
        ];
        let a = assign(&files);
        assert_eq!(by_id(&a, 2).status, Status::Genegeerd);
        assert_eq!(by_id(&a, 2).wsv.as_deref(), Some("Laak"));
        assert_eq!(by_id(&a, 2).rol, None);
        // At the top, beside the folders of two WSVs: no WSV.
        assert_eq!(by_id(&a, 3).status, Status::Onleesbaar);
        assert_eq!(by_id(&a, 3).wsv, None);
        assert_eq!(a.len(), 4);
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
    fn wsv_names_are_cleaned() {
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

    /// Give a plan `n` distinct words of its own content.
    fn with_words(mut f: StoredFile, n: usize) -> StoredFile {
        if let Content::Wijkplan(w) = &mut f.outcome.content {
            let words: Vec<String> = (0..n).map(|i| format!("woord{i}")).collect();
            w.velden.aanjagers.waarde = Some(words.join(" "));
        }
        f
    }

    fn bijlage(id: i64, bestand: &str, rol: Rol, naam: Option<&str>, sha: &str) -> StoredFile {
        let b = crate::snapshot::Bijlage {
            rol,
            wsv_naam: naam.map(str::to_string),
            titel: String::new(),
            bron: bestand.into(),
        };
        file(id, bestand, sha, Content::Bijlage(b), Soort::Docx)
    }

    /// The WSV, status and role of every file, by file name (what must not change with layout).
    fn outcome_by_name(files: &[StoredFile]) -> Vec<(String, Option<String>, Status, Option<Rol>)> {
        let a = assign(files);
        let mut v: Vec<_> = files
            .iter()
            .map(|f| {
                let x = by_id(&a, f.id);
                let name = f.outcome.bestand.rsplit('/').next().unwrap().to_string();
                (name, x.wsv.clone(), x.status, x.rol)
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    #[test]
    fn folders_do_not_decide_the_wsv() {
        // See issue 8: one folder deeper, folders per month, per stadsdeel, or flat: the same.
        let batch = |prefix: &dyn Fn(&str) -> String| {
            vec![
                plan(
                    1,
                    &prefix("Laak/Wijkplan WSV Laak.docx"),
                    "WSV Laak",
                    "1 mei 2025",
                    "a",
                ),
                sheet(
                    2,
                    &prefix("Laak/Begroting WSV Laak.xlsx"),
                    Some("Laak"),
                    "b",
                ),
                plan(
                    3,
                    &prefix("Escamp Noord/Wijkplan.docx"),
                    "WSV Escamp Noord",
                    "",
                    "c",
                ),
                sheet(
                    4,
                    &prefix("Escamp Noord/begroting.xlsx"),
                    Some("Escamp Noord"),
                    "d",
                ),
                plan(5, &prefix("Escamp Zuid/plan.docx"), "Escamp Zuid", "", "e"),
                sheet(
                    6,
                    &prefix("Escamp Zuid/Concept begroting WSV.xlsx"),
                    Some("WSV Escamp Zuid"),
                    "f",
                ),
            ]
        };
        let original = outcome_by_name(&batch(&|p: &str| p.to_string()));
        let deeper = outcome_by_name(&batch(&|p: &str| format!("mail/inzendingen 2025/{p}")));
        let flat = outcome_by_name(&batch(&|p: &str| p.rsplit('/').next().unwrap().to_string()));
        let month = outcome_by_name(&batch(&|p: &str| {
            let m = if p.starts_with("Escamp") {
                "ontvangen juni"
            } else {
                "ontvangen mei"
            };
            format!("{m}/{}", p.rsplit('/').next().unwrap())
        }));
        let stadsdeel = outcome_by_name(&batch(&|p: &str| {
            let sd = if p.starts_with("Escamp") {
                "Escamp"
            } else {
                "Laak"
            };
            format!("{sd}/{p}")
        }));
        assert_eq!(
            original
                .iter()
                .filter(|x| x.1.as_deref() == Some("Laak"))
                .count(),
            2
        );
        assert_eq!(
            original
                .iter()
                .filter(|x| x.1.as_deref() == Some("Escamp Noord"))
                .count(),
            2
        );
        assert_eq!(
            original
                .iter()
                .filter(|x| x.1.as_deref() == Some("Escamp Zuid"))
                .count(),
            2
        );
        assert!(original.iter().all(|x| x.2 == Status::Verwerkt));
        assert_eq!(deeper, original);
        assert_eq!(flat, original);
        assert_eq!(month, original);
        assert_eq!(stadsdeel, original);
    }

    #[test]
    fn plans_naming_different_wsvs_are_never_versions_of_each_other() {
        let files = vec![
            plan(1, "inzendingen/plan a.docx", "WSV Laak", "1 mei 2025", "a"),
            plan(
                2,
                "inzendingen/plan b.docx",
                "WSV Rijswijk",
                "2 juni 2025",
                "b",
            ),
        ];
        let a = assign(&files);
        assert_eq!(by_id(&a, 1).status, Status::Verwerkt);
        assert_eq!(by_id(&a, 2).status, Status::Verwerkt);
        assert_eq!(by_id(&a, 1).wsv.as_deref(), Some("Laak"));
        assert_eq!(by_id(&a, 2).wsv.as_deref(), Some("Rijswijk"));
    }

    #[test]
    fn a_file_no_clue_places_stays_without_wsv_and_says_why() {
        let files = vec![
            plan(1, "mei/plan.docx", "WSV Laak", "", "a"),
            plan(2, "mei/ander plan.docx", "WSV Rijswijk", "", "b"),
            sheet(3, "mei/Concept begroting WSV (2).xlsx", None, "c"),
        ];
        let a = assign(&files);
        let b = by_id(&a, 3);
        assert_eq!(b.wsv, None);
        assert_eq!(b.status, Status::Verwerkt);
        assert_eq!(b.rol, Some(Rol::Begroting));
        assert!(
            b.toelichting.starts_with("WSV niet te bepalen"),
            "{}",
            b.toelichting
        );
        assert!(
            b.toelichting.contains("meerdere WSV's (Laak, Rijswijk)"),
            "{}",
            b.toelichting
        );
    }

    #[test]
    fn a_file_without_name_joins_the_only_wsv_of_its_nearest_folder() {
        let files = vec![
            plan(1, "mei/Laak/plan.docx", "WSV Laak", "", "a"),
            sheet(2, "mei/Laak/Concept begroting WSV.xlsx", None, "b"),
            plan(3, "mei/Rijswijk/plan.docx", "WSV Rijswijk", "", "c"),
        ];
        let a = assign(&files);
        assert_eq!(by_id(&a, 2).wsv.as_deref(), Some("Laak"));
        assert_eq!(by_id(&a, 2).toelichting, "WSV herkend aan de map mei/Laak");
    }

    #[test]
    fn empty_plans_are_never_dubbel() {
        // Two plans from which nothing was read share the (empty) fingerprint: not the same plan.
        let mut a1 = plan(1, "X/leeg.docx", "X", "", "a");
        let mut a2 = plan(2, "X/ook leeg.docx", "X", "", "b");
        for p in [&mut a1, &mut a2] {
            if let Content::Wijkplan(w) = &mut p.outcome.content {
                w.vingerafdruk = "leeg".into();
            }
        }
        let a = assign(&[a1, a2]);
        assert!(a.iter().all(|x| x.status != Status::Dubbel), "{a:?}");
        // Two versions instead: one current, one replaced.
        assert_eq!(
            a.iter().filter(|x| x.status == Status::Vervangen).count(),
            1
        );
    }

    #[test]
    fn an_agreement_is_never_a_version_of_the_plan() {
        let files = vec![
            plan(1, "Laak/Wijkplan WSV Laak.docx", "WSV Laak", "", "a"),
            bijlage(
                2,
                "Laak/Wijkplan Laak definitief getekend.docx",
                Rol::Samenwerkingsovereenkomst,
                Some("Laak"),
                "b",
            ),
            bijlage(3, "Laak/wijkanalyse.docx", Rol::Bijlage, None, "c"),
        ];
        let a = assign(&files);
        assert_eq!(by_id(&a, 1).status, Status::Verwerkt);
        assert!(by_id(&a, 1).actueel);
        assert_eq!(by_id(&a, 2).status, Status::Verwerkt);
        assert_eq!(by_id(&a, 2).rol, Some(Rol::Samenwerkingsovereenkomst));
        assert_eq!(by_id(&a, 2).wsv.as_deref(), Some("Laak"));
        assert_eq!(by_id(&a, 3).rol, Some(Rol::Bijlage));
        assert_eq!(by_id(&a, 3).wsv.as_deref(), Some("Laak"));
        assert!(!by_id(&a, 3).actueel);
    }

    #[test]
    fn a_scan_is_its_wsvs_plan_unless_a_readable_plan_exists() {
        let scan = |id, bestand: &str, sha: &str| file(id, bestand, sha, Content::Scan, Soort::Pdf);
        let files = vec![
            sheet(1, "Begroting WSV Laak.xlsx", Some("Laak"), "a"),
            scan(2, "Wijkplan WSV Laak.pdf", "b"),
            plan(3, "Wijkplan WSV Rijswijk.docx", "Rijswijk", "", "c"),
            scan(4, "Wijkplan WSV Rijswijk getekend.pdf", "d"),
        ];
        let a = assign(&files);
        assert_eq!(by_id(&a, 2).wsv.as_deref(), Some("Laak"));
        assert_eq!(by_id(&a, 2).rol, Some(Rol::Wijkplan));
        assert_eq!(by_id(&a, 2).status, Status::Verwerkt);
        assert!(by_id(&a, 2).actueel);
        assert_eq!(by_id(&a, 4).wsv.as_deref(), Some("Rijswijk"));
        assert_eq!(by_id(&a, 4).status, Status::Vervangen);
        assert!(by_id(&a, 4)
            .toelichting
            .contains("die is leesbaar; deze scan niet"));
        assert!(by_id(&a, 3).actueel);
    }

    #[test]
    fn begroting_versions_follow_their_own_versie_cell_then_the_name() {
        let versioned = |id, bestand: &str, versie: &str, sha: &str| {
            let mut f = sheet(id, bestand, Some("Laak"), sha);
            if let Content::Begroting(b) = &mut f.outcome.content {
                b.versie_datum = Veld {
                    waarde: Some(versie.into()),
                    bron: format!("{bestand} Begroting!B3"),
                };
            }
            f
        };
        let files = vec![
            plan(1, "Wijkplan WSV Laak.docx", "Laak", "", "a"),
            // Named "definitief", but its own cell says it is older.
            versioned(2, "Begroting Laak definitief.xlsx", "12 maart 2025", "b"),
            versioned(3, "Begroting Laak.xlsx", "2 juni 2025", "c"),
            sheet(4, "Begroting Laak v1.xlsx", Some("Laak"), "d"),
            sheet(5, "Begroting Laak v2.xlsx", Some("Laak"), "e"),
        ];
        let a = assign(&files);
        assert!(by_id(&a, 3).actueel);
        assert_eq!(by_id(&a, 2).status, Status::Vervangen);
        assert_eq!(
            by_id(&a, 2).toelichting,
            "vervangen door Begroting Laak.xlsx (versie/datum 02-06-2025 is nieuwer dan 12-03-2025)"
        );
        assert_eq!(by_id(&a, 4).status, Status::Vervangen);
        assert_eq!(by_id(&a, 5).status, Status::Vervangen);
        // Without dates, the name decides.
        let a = assign(&[
            sheet(4, "Begroting Laak v1.xlsx", Some("Laak"), "d"),
            sheet(5, "Begroting Laak v2.xlsx", Some("Laak"), "e"),
        ]);
        assert!(by_id(&a, 5).actueel);
        assert_eq!(
            by_id(&a, 4).toelichting,
            "vervangen door Begroting Laak v2.xlsx (nieuwere versie volgens de bestandsnaam)"
        );
    }

    #[test]
    fn a_thousand_wsvs_in_one_folder_pair_by_name_and_messages_stay_bounded() {
        // See issue 12: pairing compared every file with every WSV; the message of a file no
        // clue places named every WSV of its folder. 1,000 plans stating "Buurtaaa Noord" …, a
        // begroting per plan stating the shorter "Buurtaaa" (a near match: its words
        // are a subset of exactly one plan's), ten begrotingen stating nothing whose file name
        // names the WSV, and three that name nothing at all — all in one folder. Names are
        // letters ("Buurtaab"): digits are no part of a key.
        let n = 1_000;
        let buurt = |i: usize| {
            let l = |k: usize| char::from(b'a' + (k % 26) as u8);
            format!("Buurt{}{}{}", l(i / 676), l(i / 26), l(i))
        };
        let mut files = Vec::new();
        for i in 0..n {
            let naam = format!("{} Noord", buurt(i));
            files.push(plan(
                i as i64,
                &format!("Wijkplan {i}.docx"),
                &naam,
                "",
                &format!("p{i}"),
            ));
            let stated = (i >= 10).then(|| buurt(i));
            files.push(sheet(
                (n + i) as i64,
                &format!("Begroting {}.xlsx", buurt(i)),
                stated.as_deref(),
                &format!("b{i}"),
            ));
        }
        for k in 0..3 {
            files.push(sheet(
                (2 * n + k) as i64,
                &format!("Begroting ({k}).xlsx"),
                None,
                &format!("x{k}"),
            ));
        }
        let a = assign(&files);
        for i in [0, 9, 10, 500, 999] {
            let want = format!("{} Noord", buurt(i));
            assert_eq!(by_id(&a, i as i64).wsv.as_deref(), Some(want.as_str()));
            assert_eq!(
                by_id(&a, (n + i) as i64).wsv.as_deref(),
                Some(want.as_str()),
                "begroting {i}"
            );
            assert!(by_id(&a, (n + i) as i64).actueel);
        }
        let placed = (0..n)
            .filter(|i| {
                by_id(&a, (n + i) as i64).wsv.as_deref()
                    == Some(format!("{} Noord", buurt(*i)).as_str())
            })
            .count();
        assert_eq!(placed, n);
        let first_ten = (0..10)
            .map(|i| format!("{} Noord", buurt(i)))
            .collect::<Vec<_>>()
            .join(", ");
        for k in 0..3 {
            let x = by_id(&a, (2 * n + k) as i64);
            assert_eq!(x.wsv, None);
            assert!(
                x.toelichting.ends_with(&format!(
                    "en de invoermap bevat bestanden van meerdere WSV's ({first_ten} en nog 990 andere)"
                )),
                "{}",
                x.toelichting
            );
        }
    }
}
