//! Placing a WSV in the wijkindeling: which gemeente/stadsdeel, which wijken.
//!
//! People write places the way they speak: `Den Haag Escamp`, `stadsdeel Escamp`, `Den Haag,
//! stadsdeel Laak`, `Leidschendam Voorburg`, `Groente- en fruitmarkt`, `Stationsbuurt` (for
//! `Stationsbuurt/Rivierenbuurt`), `Moerwijk en Zuiderpark`. Splitting on separators first would
//! break names that contain them (`Bohemien, Meer & bos`, `Bouwlust/Vrederust`), so the text is
//! scanned as words instead: at each word the longest run of words whose letters (without the
//! filler `en`) spell a known name wins. Full names beat parts of compound names (split at `/`,
//! `-`, `,` and `&`), `ij` and `y` are one letter (`Kraaijenstein`), and in the WSV's own fields a
//! name one letter off a long table name still matches (`Bohemen, Meer en Bos` for `Bohemien, Meer
//! & bos`). A name that fits two places is never guessed: it is reported.
//!
//! Free text (the plan's sections) is the weakest clue: there a place right after `WSV` is another
//! WSV's name (`samen met WSV Escamp Zuid`), not where this WSV lies, and text that names places in
//! several stadsdelen places nothing.

use crate::domain::{Code, Finding};
use crate::text::norm;
use crate::wijkindeling::Wijkindeling;
use std::collections::{BTreeSet, HashMap};

/// What a run of words refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Target {
    /// A gemeente with several units (Den Haag): says nothing about the stadsdeel.
    Gemeente(usize),
    /// A unit (stadsdeel or randgemeente), by index in `Wijkindeling::eenheden`.
    Unit(usize),
    /// A wijk: (unit index, wijk index).
    Wijk(usize, usize),
}

/// Longest name in words we try to match (`Scheveningen Dorp Oud Scheveningen Haven` is 5).
const MAX_SPAN: usize = 8;
/// Words that carry no place: neither a match nor worth reporting as unknown.
const STOPWORDS: [&str; 16] = [
    "stadsdeel",
    "stadsdelen",
    "wijk",
    "wijken",
    "gemeente",
    "wsv",
    "wsv s",
    "en",
    "de",
    "het",
    "in",
    "van",
    "te",
    "met",
    "s",
    "deel",
];
/// Parts of compound names that are ordinary Dutch words and would match too much on their own.
const GENERIC_PARTS: [&str; 4] = ["haven", "groente", "fruitmarkt", "dorp"];
/// Other names of gemeente Den Haag.
const DEN_HAAG_ALIASES: [&str; 3] = ["s gravenhage", "gravenhage", "the hague"];

/// Lookup from a compact name (normalised words without `en`, concatenated) to its targets.
pub(crate) struct Index {
    full: HashMap<String, BTreeSet<Target>>,
    part: HashMap<String, BTreeSet<Target>>,
    /// Every full or part key of at least [`FUZZY_MIN_CHARS`] with one letter left out: lets a
    /// name with one letter missing, extra or different match (symmetric deletion).
    fuzzy: HashMap<String, BTreeSet<Target>>,
    gemeenten: Vec<String>,
}

/// What a lookup found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Hit {
    One(Target),
    /// The spelling fits several places: reported, never guessed.
    Several(Vec<Target>),
}

fn compact(words: &[&str]) -> String {
    // `ij` and `y` are one letter in Dutch names (Kraayenstein, Kraaijenstein).
    words
        .iter()
        .filter(|w| **w != "en")
        .copied()
        .collect::<Vec<_>>()
        .concat()
        .replace("ij", "y")
}

/// A fuzzy key is at least this long (letters of the compact form): shorter names are too close
/// to ordinary words and to each other.
const FUZZY_MIN_CHARS: usize = 7;

/// Every string that is `key` with one character left out.
fn deletions(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    (0..chars.len())
        .map(|i| {
            chars
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| *c)
                .collect()
        })
        .collect()
}

fn compact_name(name: &str) -> String {
    let n = norm(name);
    compact(&n.split(' ').collect::<Vec<_>>())
}

impl Index {
    pub(crate) fn new(wk: &Wijkindeling) -> Index {
        let mut full: HashMap<String, BTreeSet<Target>> = HashMap::new();
        let mut part: HashMap<String, BTreeSet<Target>> = HashMap::new();
        let mut gemeenten: Vec<String> = Vec::new();
        for e in &wk.eenheden {
            if !gemeenten.contains(&e.gemeente) {
                gemeenten.push(e.gemeente.clone());
            }
        }
        for (gi, g) in gemeenten.iter().enumerate() {
            let units: Vec<usize> = wk
                .eenheden
                .iter()
                .enumerate()
                .filter(|(_, e)| &e.gemeente == g)
                .map(|(i, _)| i)
                .collect();
            // A gemeente that is a single unit (Rijswijk) places the WSV; Den Haag does not.
            let target = match units.as_slice() {
                [only] => Target::Unit(*only),
                _ => Target::Gemeente(gi),
            };
            full.entry(compact_name(g)).or_default().insert(target);
            if norm(g) == "den haag" {
                for alias in DEN_HAAG_ALIASES {
                    full.entry(compact_name(alias)).or_default().insert(target);
                }
            }
        }
        let add_parts =
            |name: &str, target: Target, part: &mut HashMap<String, BTreeSet<Target>>| {
                for slash in name.split('/') {
                    let mut pieces = vec![slash.to_string()];
                    pieces.extend(
                        slash
                            .split('-')
                            .filter(|p| p.trim().chars().count() >= 5)
                            .map(str::to_string),
                    );
                    // `Bohemien, Meer & bos` → `Bohemien`; `Bomen&bloemenbuurt` → `bloemenbuurt`.
                    // Longer than the dash parts: `Bomen` or `Meer` alone are ordinary words.
                    pieces.extend(
                        slash
                            .split([',', '&'])
                            .filter(|p| p.trim().chars().count() >= 7)
                            .map(str::to_string),
                    );
                    if let Some(rest) = slash.trim().strip_prefix("van ") {
                        pieces.push(rest.to_string());
                    }
                    for p in pieces {
                        let key = compact_name(&p);
                        if !key.is_empty() && !GENERIC_PARTS.contains(&key.as_str()) {
                            part.entry(key).or_default().insert(target);
                        }
                    }
                }
            };
        for (ui, e) in wk.eenheden.iter().enumerate() {
            full.entry(compact_name(&e.stadsdeel))
                .or_default()
                .insert(Target::Unit(ui));
            add_parts(&e.stadsdeel, Target::Unit(ui), &mut part);
            for (wi, w) in e.wijken.iter().enumerate() {
                full.entry(compact_name(&w.naam))
                    .or_default()
                    .insert(Target::Wijk(ui, wi));
                add_parts(&w.naam, Target::Wijk(ui, wi), &mut part);
            }
        }
        // A full name always wins over a part with the same spelling.
        part.retain(|k, _| !full.contains_key(k));
        let mut fuzzy: HashMap<String, BTreeSet<Target>> = HashMap::new();
        for (key, targets) in full.iter().chain(part.iter()) {
            if key.chars().count() < FUZZY_MIN_CHARS {
                continue;
            }
            for d in deletions(key) {
                fuzzy.entry(d).or_default().extend(targets.iter().copied());
            }
        }
        Index {
            full,
            part,
            fuzzy,
            gemeenten,
        }
    }

    fn hit(set: &BTreeSet<Target>) -> Option<Hit> {
        let mut it = set.iter();
        match (it.next(), it.next()) {
            (Some(t), None) => Some(Hit::One(*t)),
            (Some(_), Some(_)) => Some(Hit::Several(set.iter().copied().collect())),
            _ => None,
        }
    }

    /// The exact spelling (ignoring case, accents, punctuation, `en`, `ij`/`y`).
    fn lookup(&self, key: &str) -> Option<Hit> {
        match self.full.get(key) {
            Some(set) => Index::hit(set),
            None => self.part.get(key).and_then(Index::hit),
        }
    }

    /// One letter missing, extra or different, for keys of at least [`FUZZY_MIN_CHARS`].
    fn lookup_fuzzy(&self, key: &str) -> Option<Hit> {
        if key.chars().count() < FUZZY_MIN_CHARS {
            return None;
        }
        let mut found: BTreeSet<Target> = BTreeSet::new();
        if let Some(set) = self.fuzzy.get(key) {
            found.extend(set.iter().copied());
        }
        for d in deletions(key) {
            for map in [&self.full, &self.part, &self.fuzzy] {
                if let Some(set) = map.get(&d) {
                    found.extend(set.iter().copied());
                }
            }
        }
        Index::hit(&found)
    }

    pub(crate) fn gemeente(&self, i: usize) -> &str {
        self.gemeenten.get(i).map(String::as_str).unwrap_or("")
    }
}

/// What a scan of one text found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Scan {
    pub targets: Vec<Target>,
    /// Runs of words that matched nothing, in the writer's spelling.
    pub unknown: Vec<String>,
    /// Names that fit several places: the writer's spelling and the places.
    pub ambiguous: Vec<(String, Vec<Target>)>,
}

/// How much to trust a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trust {
    /// A field that says where the WSV is, or its name: tolerant spelling.
    Field,
    /// Free text: exact spellings only, and a place right after `WSV` is another WSV's name.
    FreeText,
}

/// Words that announce a WSV's name.
const WSV_WORDS: [&str; 4] = [
    "wsv",
    "wsvs",
    "wijksamenwerkingsverband",
    "wijksamenwerkingsverbanden",
];

/// A word of the original text: its normalised form and its byte range.
struct Word {
    norm: String,
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, ch) in text.char_indices() {
        let is_word = ch.is_alphanumeric();
        match (is_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    norm: norm(&text[s..i]),
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            norm: norm(&text[s..]),
            start: s,
            end: text.len(),
        });
    }
    out.retain(|w| !w.norm.is_empty());
    out
}

/// Scan `text` for gemeenten, stadsdelen and wijken.
pub(crate) fn scan(text: &str, idx: &Index, trust: Trust) -> Scan {
    let ws = words(text);
    let mut out = Scan::default();
    let mut unknown_run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>, out: &mut Scan| {
        if let Some((s, e)) = run.take() {
            if let Some(frag) = text.get(s..e) {
                out.unknown.push(frag.to_string());
            }
        }
    };
    // In free text: the places right after `WSV` (and those joined to them by `en`) name
    // another WSV.
    let mut naming_wsv = false;
    let mut i = 0;
    while i < ws.len() {
        let mut matched = None;
        if ws.get(i).is_some_and(|w| w.norm != "en") {
            let max = MAX_SPAN.min(ws.len() - i);
            let key = |len: usize| {
                let span: Vec<&str> = ws[i..i + len].iter().map(|w| w.norm.as_str()).collect();
                compact(&span)
            };
            // Exact spellings of any length first: a fuzzy long match must not beat an exact one.
            matched = (1..=max)
                .rev()
                .find_map(|len| idx.lookup(&key(len)).map(|h| (h, len)));
            if matched.is_none() && trust == Trust::Field {
                matched = (1..=max)
                    .rev()
                    .find_map(|len| idx.lookup_fuzzy(&key(len)).map(|h| (h, len)));
            }
        }
        match matched {
            Some((hit, len)) => {
                flush(&mut unknown_run, &mut out);
                let frag = match (ws.get(i), ws.get(i + len - 1)) {
                    (Some(a), Some(b)) => text.get(a.start..b.end).unwrap_or(""),
                    _ => "",
                };
                match hit {
                    _ if naming_wsv => {}
                    Hit::One(t) => {
                        if !out.targets.contains(&t) {
                            out.targets.push(t);
                        }
                    }
                    Hit::Several(ts) => {
                        if !out.ambiguous.iter().any(|(f, _)| f == frag) {
                            out.ambiguous.push((frag.to_string(), ts));
                        }
                    }
                }
                i += len;
            }
            None => {
                let w = &ws[i];
                if trust == Trust::FreeText {
                    if WSV_WORDS.contains(&w.norm.as_str()) {
                        naming_wsv = true;
                    } else if !matches!(w.norm.as_str(), "en" | "s") {
                        naming_wsv = false;
                    }
                }
                let separated = unknown_run.is_some_and(|(_, e)| {
                    text.get(e..w.start)
                        .is_some_and(|gap| gap.contains([',', ';', '/', '&', '+', '\n', '(', ')']))
                });
                if STOPWORDS.contains(&w.norm.as_str()) || separated {
                    flush(&mut unknown_run, &mut out);
                }
                if !STOPWORDS.contains(&w.norm.as_str()) {
                    unknown_run = Some(match unknown_run {
                        Some((s, _)) => (s, w.end),
                        None => (w.start, w.end),
                    });
                }
                i += 1;
            }
        }
    }
    flush(&mut unknown_run, &mut out);
    out
}

/// The number of inhabitants a text states for the WSV's own area ("In de wijk wonen 15.685
/// mensen", "ca. 12000 inwoners"): the first such number, if any.
pub(crate) fn stated_inwoners(text: &str) -> Option<u64> {
    static RE: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(\d{1,3}(?:\.\d{3})+|\d{3,7})\s+(?:inwoners|bewoners|mensen|ingezetenen)\b",
        )
        .ok()
    });
    let caps = RE.as_ref()?.captures(text)?;
    caps.get(1)?.as_str().replace('.', "").parse().ok()
}

/// Where the WSV lies, before budgets are computed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Placed {
    pub gemeente: Option<String>,
    /// The unit index when the WSV lies within one unit.
    pub unit: Option<usize>,
    /// Wijken named (table names, table order); empty = the whole unit.
    pub wijken: Vec<(usize, usize)>,
    pub inwoners: Option<u64>,
}

/// The result of resolving scanned targets.
pub(crate) enum Resolved {
    Nothing,
    /// Only a gemeente with several stadsdelen (Den Haag) was named.
    OnlyGemeente(usize),
    Placed(Placed),
    /// Wijken/units in more than one unit: the Dutch list for the message and a partial placement.
    Outside(String, Placed),
}

fn join_nl(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

pub(crate) fn resolve(targets: &[Target], wk: &Wijkindeling, idx: &Index) -> Resolved {
    let mut units: BTreeSet<usize> = BTreeSet::new();
    let mut wijken: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut gemeente: Option<usize> = None;
    for t in targets {
        match *t {
            Target::Gemeente(g) => gemeente = gemeente.or(Some(g)),
            Target::Unit(u) => {
                units.insert(u);
            }
            Target::Wijk(u, w) => {
                wijken.insert((u, w));
            }
        }
    }
    if units.is_empty() && wijken.is_empty() {
        return match gemeente {
            Some(g) => Resolved::OnlyGemeente(g),
            None => Resolved::Nothing,
        };
    }
    let wijk_units: BTreeSet<usize> = wijken.iter().map(|(u, _)| *u).collect();
    let all_units: BTreeSet<usize> = units.union(&wijk_units).copied().collect();
    let wijk_inwoners: u64 = wijken
        .iter()
        .filter_map(|(u, w)| wk.eenheden.get(*u).and_then(|e| e.wijken.get(*w)))
        .map(|w| w.inwoners)
        .sum();
    let unit_of = |u: usize| wk.eenheden.get(u);
    let gemeenten: BTreeSet<&str> = all_units
        .iter()
        .filter_map(|u| unit_of(*u))
        .map(|e| e.gemeente.as_str())
        .collect();
    let common_gemeente = match gemeenten.iter().next() {
        Some(g) if gemeenten.len() == 1 => Some(g.to_string()),
        _ => gemeente.map(|g| idx.gemeente(g).to_string()),
    };
    if all_units.len() == 1 {
        let u = all_units.iter().next().copied();
        let inwoners = if wijken.is_empty() {
            u.and_then(unit_of).map(|e| e.inwoners)
        } else {
            Some(wijk_inwoners)
        };
        return Resolved::Placed(Placed {
            gemeente: common_gemeente,
            unit: u,
            wijken: wijken.into_iter().collect(),
            inwoners,
        });
    }
    // More than one unit: name every wijk with its stadsdeel, and the units named without wijken.
    let mut items: Vec<String> = wijken
        .iter()
        .filter_map(|(u, w)| {
            let e = unit_of(*u)?;
            Some(format!("{} ({})", e.wijken.get(*w)?.naam, e.stadsdeel))
        })
        .collect();
    let whole: Vec<usize> = units.difference(&wijk_units).copied().collect();
    items.extend(whole.iter().filter_map(|u| unit_of(*u)).map(|e| {
        if e.gemeente == e.stadsdeel {
            format!("gemeente {}", e.stadsdeel)
        } else {
            format!("stadsdeel {}", e.stadsdeel)
        }
    }));
    let inwoners = wijk_inwoners
        + whole
            .iter()
            .filter_map(|u| unit_of(*u))
            .map(|e| e.inwoners)
            .sum::<u64>();
    Resolved::Outside(
        join_nl(&items),
        Placed {
            gemeente: common_gemeente,
            unit: None,
            wijken: wijken.into_iter().collect(),
            inwoners: Some(inwoners),
        },
    )
}

/// One text to place the WSV by: a label for the message and the text.
#[derive(Clone, Copy)]
pub(crate) struct Source<'a> {
    pub label: &'a str,
    pub text: &'a str,
}

/// What a group of sources is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Fields that say where the WSV is (the plan's §1, or a begroting-only WSV's header cells).
    Fields,
    /// The begroting's header cells beside a plan: they place the WSV when the plan's fields do
    /// not, and name the wijken when the plan's fields name only the stadsdeel.
    Refines,
    /// The WSV's name(s).
    Names,
    /// Free text: places only within one stadsdeel, never with a finding of its own.
    FreeText,
}

/// Sources tried together, and where a finding about them points.
pub(crate) struct Group<'a> {
    pub kind: Kind,
    pub sources: Vec<Source<'a>>,
    /// `bron` of findings when this group decides (or, for the first group, when none does).
    pub bron: String,
    /// The file the group's sources are in.
    pub bestand: String,
}

/// The Dutch name of a place for messages: `Moerwijk (Escamp)`, `stadsdeel Escamp`, `gemeente
/// Rijswijk`, `Den Haag`.
fn target_name(t: Target, wk: &Wijkindeling, idx: &Index) -> String {
    match t {
        Target::Gemeente(g) => idx.gemeente(g).to_string(),
        Target::Unit(u) => match wk.eenheden.get(u) {
            Some(e) if e.gemeente == e.stadsdeel => format!("gemeente {}", e.stadsdeel),
            Some(e) => format!("stadsdeel {}", e.stadsdeel),
            None => String::new(),
        },
        Target::Wijk(u, w) => wk
            .eenheden
            .get(u)
            .and_then(|e| Some(format!("{} ({})", e.wijken.get(w)?.naam, e.stadsdeel)))
            .unwrap_or_default(),
    }
}

/// One group scanned: its targets and what it could not use.
struct Scanned {
    targets: Vec<Target>,
    unknown: Vec<String>,
    ambiguous: Vec<(String, Vec<Target>)>,
    tried: Vec<String>,
}

fn scan_group(group: &Group<'_>, idx: &Index) -> Scanned {
    let trust = if group.kind == Kind::FreeText {
        Trust::FreeText
    } else {
        Trust::Field
    };
    let mut out = Scanned {
        targets: Vec::new(),
        unknown: Vec::new(),
        ambiguous: Vec::new(),
        tried: Vec::new(),
    };
    for src in &group.sources {
        if src.text.trim().is_empty() {
            continue;
        }
        if !src.label.is_empty() {
            out.tried.push(src.label.to_string());
        }
        let s = scan(src.text, idx, trust);
        for t in s.targets {
            if !out.targets.contains(&t) {
                out.targets.push(t);
            }
        }
        // Free text is full of words that are no place; only named fields and names are worth
        // quoting back as unknown or ambiguous.
        if trust == Trust::FreeText {
            continue;
        }
        for u in s.unknown {
            if !out.unknown.contains(&u) {
                out.unknown.push(u);
            }
        }
        for a in s.ambiguous {
            if !out.ambiguous.iter().any(|(f, _)| *f == a.0) {
                out.ambiguous.push(a);
            }
        }
    }
    out
}

/// `‘Noord’ past bij meer dan één plaats (Noord-Oost (Stad) en Noord-West (Stad))` for each
/// ambiguous name.
fn ambiguous_reasons(
    ambiguous: &[(String, Vec<Target>)],
    wk: &Wijkindeling,
    idx: &Index,
) -> Vec<String> {
    ambiguous
        .iter()
        .map(|(frag, ts)| {
            let names: Vec<String> = ts.iter().map(|t| target_name(*t, wk, idx)).collect();
            format!(
                "‘{frag}’ past bij meer dan één plaats in de wijkindeling ({})",
                join_nl(&names)
            )
        })
        .collect()
}

fn sentence(reasons: &[String]) -> String {
    let joined = reasons.join("; ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// Place a WSV from groups of sources, tried in order: the first group that names a stadsdeel,
/// randgemeente or wijk decides (a [`Kind::Refines`] group may still name the wijken of a
/// stadsdeel the deciding group named whole). Returns the placement and its findings:
/// `STADSDEEL_ONBEKEND` when it fails or a name fitted several places, `BUITEN_STADSDEEL` when it
/// spans several units; each with the `bron` of the deciding group (the first group when none
/// decides). The index is that of the group the placement rests on.
pub(crate) fn place(
    groups: &[Group<'_>],
    wk: &Wijkindeling,
    idx: &Index,
) -> (Placed, Vec<Finding>, usize) {
    let bron_of = |i: usize| groups.get(i).map(|g| g.bron.as_str()).unwrap_or("");
    let mut unknown: Vec<String> = Vec::new();
    let mut ambiguous: Vec<(String, Vec<Target>)> = Vec::new();
    let mut only_gemeente: Option<usize> = None;
    let mut tried: Vec<String> = Vec::new();
    let ambiguity_finding = |ambiguous: &[(String, Vec<Target>)], bron: &str| {
        let reasons = ambiguous_reasons(ambiguous, wk, idx);
        (!reasons.is_empty()).then(|| {
            Finding::new(
                Code::STADSDEEL_ONBEKEND,
                sentence(&[reasons.join("; "), "die naam is niet meegeteld".to_string()]),
                bron,
            )
        })
    };
    for (gi, group) in groups.iter().enumerate() {
        let s = scan_group(group, idx);
        tried.extend(s.tried);
        for u in s.unknown {
            if !unknown.contains(&u) {
                unknown.push(u);
            }
        }
        for a in s.ambiguous {
            if !ambiguous.iter().any(|(f, _)| *f == a.0) {
                ambiguous.push(a);
            }
        }
        match resolve(&s.targets, wk, idx) {
            Resolved::Nothing => {}
            Resolved::OnlyGemeente(g) => only_gemeente = only_gemeente.or(Some(g)),
            Resolved::Placed(mut p) => {
                if p.gemeente.is_none() {
                    p.gemeente = only_gemeente.map(|g| idx.gemeente(g).to_string());
                }
                if p.wijken.is_empty() && group.kind != Kind::FreeText {
                    if let Some(q) = refined(&p, groups.get(gi + 1..).unwrap_or(&[]), wk, idx) {
                        p = q;
                    }
                }
                let f = ambiguity_finding(&ambiguous, bron_of(gi));
                return (p, f.into_iter().collect(), gi);
            }
            // Free text naming places in several stadsdelen says nothing about where the WSV
            // lies (a neighbour, a partner, a project elsewhere).
            Resolved::Outside(..) if group.kind == Kind::FreeText => {}
            Resolved::Outside(list, p) => {
                let mut out = vec![Finding::new(
                    Code::BUITEN_STADSDEEL,
                    format!("De WSV ligt niet binnen één stadsdeel of gemeente: {list}."),
                    bron_of(gi),
                )];
                out.extend(ambiguity_finding(&ambiguous, bron_of(gi)));
                return (p, out, gi);
            }
        }
    }
    let mut reasons: Vec<String> = Vec::new();
    if let Some(g) = only_gemeente {
        reasons.push(format!(
            "{} heeft meerdere stadsdelen maar er is geen stadsdeel of wijk genoemd",
            idx.gemeente(g)
        ));
    }
    reasons.extend(ambiguous_reasons(&ambiguous, wk, idx));
    let quoted: Vec<String> = unknown.iter().map(|u| format!("‘{u}’")).collect();
    match quoted.len() {
        0 => {}
        1 => reasons.push(format!(
            "{} komt niet voor in de wijkindeling",
            join_nl(&quoted)
        )),
        _ => reasons.push(format!(
            "{} komen niet voor in de wijkindeling",
            join_nl(&quoted)
        )),
    }
    if reasons.is_empty() {
        reasons.push(if tried.is_empty() {
            "er is geen gemeente, stadsdeel of wijk opgegeven".to_string()
        } else {
            let verb = if tried.len() == 1 { "noemt" } else { "noemen" };
            format!(
                "{} {verb} geen gemeente, stadsdeel of wijk uit de wijkindeling",
                join_nl(&tried)
            )
        });
    }
    let placed = Placed {
        gemeente: only_gemeente.map(|g| idx.gemeente(g).to_string()),
        ..Placed::default()
    };
    (
        placed,
        vec![Finding::new(
            Code::STADSDEEL_ONBEKEND,
            sentence(&reasons),
            bron_of(0),
        )],
        0,
    )
}

/// The wijken a later [`Kind::Refines`] group names inside the whole unit `p` was placed in.
fn refined(p: &Placed, later: &[Group<'_>], wk: &Wijkindeling, idx: &Index) -> Option<Placed> {
    later
        .iter()
        .filter(|g| g.kind == Kind::Refines)
        .find_map(|g| match resolve(&scan_group(g, idx).targets, wk, idx) {
            Resolved::Placed(q) if q.unit == p.unit && !q.wijken.is_empty() => Some(Placed {
                gemeente: p.gemeente.clone(),
                ..q
            }),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wijkindeling::builtin;

    #[test]
    fn stated_inwoners_reads_dutch_thousands_and_the_words_for_people() {
        assert_eq!(
            stated_inwoners("In de wijk wonen 15.685 mensen."),
            Some(15_685)
        );
        assert_eq!(
            stated_inwoners("ca. 12000 inwoners, veel ouderen"),
            Some(12_000)
        );
        assert_eq!(
            stated_inwoners("Het gebied telt 1.203.400 Inwoners"),
            Some(1_203_400)
        );
        // A year, a postcode or a percentage is not a number of people.
        assert_eq!(
            stated_inwoners("Sinds 2019 werken wij samen (postcode 2591)."),
            None
        );
        assert_eq!(stated_inwoners("25% van de mensen is ouder dan 65."), None);
    }

    /// Every group a [`Kind::Fields`] group; the first finding.
    fn place_fields(
        groups: &[Vec<Source<'_>>],
        wk: &Wijkindeling,
        idx: &Index,
        bron: &str,
    ) -> (Placed, Option<Finding>) {
        let groups: Vec<Group> = groups
            .iter()
            .map(|g| Group {
                kind: Kind::Fields,
                sources: g.clone(),
                bron: bron.to_string(),
                bestand: String::new(),
            })
            .collect();
        let (p, f, _) = place(&groups, wk, idx);
        (p, f.into_iter().next())
    }

    /// Place from one text and describe the result as (stadsdeel, wijken, inwoners).
    fn placed(text: &str) -> (Option<String>, Vec<String>, Option<u64>) {
        let wk = builtin();
        let idx = Index::new(&wk);
        let (p, f) = place_fields(&[vec![Source { label: "x", text }]], &wk, &idx, "b");
        assert!(f.is_none(), "{text}: {f:?}");
        let stadsdeel = p
            .unit
            .and_then(|u| wk.eenheden.get(u))
            .map(|e| e.stadsdeel.clone());
        let wijken = p
            .wijken
            .iter()
            .filter_map(|(u, w)| wk.eenheden.get(*u)?.wijken.get(*w))
            .map(|w| w.naam.clone())
            .collect();
        (stadsdeel, wijken, p.inwoners)
    }

    fn whole(name: &str, inwoners: u64) -> (Option<String>, Vec<String>, Option<u64>) {
        (Some(name.to_string()), vec![], Some(inwoners))
    }

    #[test]
    fn stadsdeel_spellings() {
        assert_eq!(placed("Den Haag Escamp"), whole("Escamp", 132_809));
        assert_eq!(placed("stadsdeel Escamp"), whole("Escamp", 132_809));
        assert_eq!(placed("Den Haag, stadsdeel Laak"), whole("Laak", 48_255));
        assert_eq!(
            placed("Leidschendam Voorburg"),
            whole("Leidschendam-Voorburg", 78_318)
        );
        assert_eq!(
            placed("gemeente Leidschendam-Voorburg"),
            whole("Leidschendam-Voorburg", 78_318)
        );
        assert_eq!(
            placed("LEIDSCHENVEEN–YPENBURG"),
            whole("Leidschenveen-Ypenburg", 48_005)
        );
        assert_eq!(placed("Rijswijk"), whole("Rijswijk", 60_717));
        assert_eq!(placed("Gemeente Wassenaar"), whole("Wassenaar", 27_525));
        assert_eq!(
            placed("’s-Gravenhage - Haagse Hout"),
            whole("Haagse Hout", 50_368)
        );
    }

    #[test]
    fn wijk_spellings() {
        let p = |s: &str, w: &[&str], n: u64| {
            (
                Some(s.to_string()),
                w.iter().map(|x| x.to_string()).collect(),
                Some(n),
            )
        };
        assert_eq!(
            placed("Groente- en fruitmarkt"),
            p("Centrum", &["Groente/fruit markt"], 7510)
        );
        assert_eq!(
            placed("Stationsbuurt"),
            p("Centrum", &["Stationsbuurt/Rivierenbuurt"], 13_357)
        );
        assert_eq!(
            placed("Moerwijk en Zuiderpark"),
            p("Escamp", &["Moerwijk", "Zuiderpark"], 21_847)
        );
        assert_eq!(
            placed("Bouwlust/Vrederust"),
            p("Escamp", &["Bouwlust/Vrederust"], 29_547)
        );
        assert_eq!(
            placed("Bouwlust & Vrederust"),
            p("Escamp", &["Bouwlust/Vrederust"], 29_547)
        );
        assert_eq!(
            placed("Bohemien, Meer & bos; Waldeck"),
            p("Loosduinen", &["Bohemien, Meer & bos", "Waldeck"], 22_581)
        );
        assert_eq!(
            placed("Bomen- en Bloemenbuurt"),
            p("Segbroek", &["Bomen&bloemenbuurt"], 14_973)
        );
        assert_eq!(
            placed("Statenkwartier, Zorgvliet"),
            p(
                "Scheveningen",
                &["Geuzen-Statenkwartier", "Zorgvliet"],
                15_514
            )
        );
        assert_eq!(
            placed("Oud Scheveningen"),
            p(
                "Scheveningen",
                &["Scheveningen-Dorp/Oud Scheveningen/Haven"],
                19_345
            )
        );
        assert_eq!(
            placed("Wateringseveld"),
            p("Escamp", &["Wateringse Veld"], 24_415)
        );
        // A stadsdeel named with its own wijken stays inside it.
        assert_eq!(
            placed("Den Haag Escamp: Moerwijk, Morgenstond"),
            p("Escamp", &["Moerwijk", "Morgenstond"], 42_509)
        );
    }

    #[test]
    fn unknown_names_are_quoted() {
        let wk = builtin();
        let idx = Index::new(&wk);
        let (p, f) = place_fields(
            &[vec![Source {
                label: "Gemeente/stadsdeel",
                text: "Vlietzone",
            }]],
            &wk,
            &idx,
            "p.docx §1",
        );
        assert_eq!(p, Placed::default());
        let f = f.expect("finding");
        assert_eq!(f.code, Code::STADSDEEL_ONBEKEND);
        assert_eq!(f.bericht, "‘Vlietzone’ komt niet voor in de wijkindeling.");
        assert_eq!(f.bron, "p.docx §1");
        let (p, f) = place_fields(
            &[vec![Source {
                label: "Gemeente/stadsdeel",
                text: "Den Haag Zuidwest",
            }]],
            &wk,
            &idx,
            "b",
        );
        assert_eq!(p.gemeente.as_deref(), Some("Den Haag"));
        assert_eq!(
            f.map(|f| f.bericht),
            Some("Den Haag heeft meerdere stadsdelen maar er is geen stadsdeel of wijk genoemd; ‘Zuidwest’ komt niet voor in de wijkindeling.".to_string())
        );
    }

    #[test]
    fn wijken_in_two_stadsdelen() {
        let wk = builtin();
        let idx = Index::new(&wk);
        let (p, f) = place_fields(
            &[vec![Source {
                label: "Wijk/WSV",
                text: "Moerwijk en Binckhorst",
            }]],
            &wk,
            &idx,
            "b",
        );
        let f = f.expect("finding");
        assert_eq!(f.code, Code::BUITEN_STADSDEEL);
        assert_eq!(f.bericht, "De WSV ligt niet binnen één stadsdeel of gemeente: Moerwijk (Escamp) en Binckhorst (Laak).");
        assert_eq!(p.unit, None);
        assert_eq!(p.gemeente.as_deref(), Some("Den Haag"));
        assert_eq!(p.inwoners, Some(21_726 + 3_397));
        let (_, f) = place_fields(
            &[vec![
                Source {
                    label: "",
                    text: "Escamp",
                },
                Source {
                    label: "",
                    text: "Laakkwartier",
                },
            ]],
            &wk,
            &idx,
            "b",
        );
        assert_eq!(
            f.map(|f| f.bericht),
            Some("De WSV ligt niet binnen één stadsdeel of gemeente: Laakkwartier/Spoorwijk (Laak) en stadsdeel Escamp.".to_string())
        );
    }

    #[test]
    fn later_groups_are_fallbacks() {
        let wk = builtin();
        let idx = Index::new(&wk);
        let groups = vec![
            vec![Source {
                label: "Gemeente/stadsdeel",
                text: "Den Haag",
            }],
            vec![Source {
                label: "WSV-naam",
                text: "WSV Ypenburg",
            }],
        ];
        let (p, f) = place_fields(&groups, &wk, &idx, "b");
        assert!(f.is_none());
        assert_eq!(p.gemeente.as_deref(), Some("Den Haag"));
        assert_eq!(p.inwoners, Some(26_544));
    }

    #[test]
    fn names_as_people_write_them() {
        let p = |s: &str, w: &[&str], n: u64| {
            (
                Some(s.to_string()),
                w.iter().map(|x| x.to_string()).collect(),
                Some(n),
            )
        };
        assert_eq!(
            placed("Duttendel en Wittebrug"),
            p("Scheveningen", &["Duttendel/Wittebrug"], 2_372)
        );
        assert_eq!(
            placed("Kijkduin"),
            p("Loosduinen", &["Kijkduin/Ockenburg"], 3_662)
        );
        assert_eq!(
            placed("Groente- en Fruitmarkt"),
            p("Centrum", &["Groente/fruit markt"], 7_510)
        );
        // The table writes "Bohemien, Meer & bos"; people write Bohemen.
        assert_eq!(
            placed("Bohemen, Meer en Bos"),
            p("Loosduinen", &["Bohemien, Meer & bos"], 4_923)
        );
        assert_eq!(
            placed("Bohemen en Kijkduin"),
            p(
                "Loosduinen",
                &["Bohemien, Meer & bos", "Kijkduin/Ockenburg"],
                4_923 + 3_662
            )
        );
        assert_eq!(
            placed("Kraaijenstein"),
            p("Loosduinen", &["Kraayenstein/Vroondaal"], 10_491)
        );
        assert_eq!(
            placed("Mariahoeve en Marlot"),
            p("Haagse Hout", &["Mariahoeve/Marlot"], 15_685)
        );
    }

    /// Two wijken whose parts are spelled alike: `Noord` is both.
    fn two_noords() -> Wijkindeling {
        crate::wijkindeling::parse(
            "gemeente;stadsdeel;wijk;inwoners;uitvoeringsbudget\n\
             Stad;Oost;;30000;30000\n\
             Stad;Oost;Kade-Noord;10000;\n\
             Stad;Oost;Alfa;20000;\n\
             Stad;West;;30000;30000\n\
             Stad;West;Markt-Noord;10000;\n\
             Stad;West;Beta;20000;\n",
            "t.csv",
        )
        .expect("parses")
    }

    #[test]
    fn a_name_that_fits_two_wijken_is_a_finding() {
        let wk = two_noords();
        let idx = Index::new(&wk);
        let (p, f) = place_fields(
            &[vec![Source {
                label: "Wijk/WSV",
                text: "Noord",
            }]],
            &wk,
            &idx,
            "p.docx §1",
        );
        assert_eq!(p.unit, None);
        let f = f.expect("finding");
        assert_eq!(f.code, Code::STADSDEEL_ONBEKEND);
        assert_eq!(
            f.bericht,
            "‘Noord’ past bij meer dan één plaats in de wijkindeling (Kade-Noord (Oost) en Markt-Noord (West))."
        );
        // Beside a name that does place, the ambiguous one is still reported, not guessed.
        let (p, f) = place_fields(
            &[vec![Source {
                label: "Wijk/WSV",
                text: "Alfa en Noord",
            }]],
            &wk,
            &idx,
            "p.docx §1",
        );
        assert_eq!(
            (p.unit, p.wijken.clone(), p.inwoners),
            (Some(0), vec![(0, 1)], Some(20_000))
        );
        assert_eq!(
            f.map(|f| (f.code, f.bericht)),
            Some((
                Code::STADSDEEL_ONBEKEND,
                "‘Noord’ past bij meer dan één plaats in de wijkindeling (Kade-Noord (Oost) en Markt-Noord (West)); die naam is niet meegeteld.".to_string()
            ))
        );
        // The full name is not ambiguous.
        let (p, f) = place_fields(
            &[vec![Source {
                label: "Wijk/WSV",
                text: "Markt Noord",
            }]],
            &wk,
            &idx,
            "b",
        );
        assert!(f.is_none(), "{f:?}");
        assert_eq!(p.wijken, vec![(1, 0)]);
    }

    #[test]
    fn free_text_skips_other_wsvs_and_spread_places() {
        let wk = builtin();
        let idx = Index::new(&wk);
        let text = |t: &'static str| {
            let groups = [Group {
                kind: Kind::FreeText,
                sources: vec![Source { label: "", text: t }],
                bron: "b".into(),
                bestand: String::new(),
            }];
            let (p, f, _) = place(&groups, &wk, &idx);
            (
                p.unit
                    .and_then(|u| wk.eenheden.get(u))
                    .map(|e| e.stadsdeel.clone()),
                f.len(),
            )
        };
        assert_eq!(text("We werken samen met WSV Escamp Zuid."), (None, 1));
        assert_eq!(
            text("Samen met de WSV's Laak en Escamp Noord organiseren we een avond."),
            (None, 1)
        );
        // Its own place, beside another WSV's name, still counts.
        assert_eq!(
            text("Ons WSV werkt in Bezuidenhout, naast WSV Laak."),
            (Some("Haagse Hout".to_string()), 0)
        );
        // Places in two stadsdelen: no placement, and no BUITEN_STADSDEEL from free text.
        assert_eq!(
            text("Huisartsen uit Bezuidenhout en Moerwijk doen mee."),
            (None, 1)
        );
        // A misspelling in free text is not read tolerantly.
        assert_eq!(text("Wij werken in Bohemen."), (None, 1));
    }
}
