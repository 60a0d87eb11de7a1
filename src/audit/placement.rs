//! Placing a WSV in the wijkindeling: which gemeente/stadsdeel, which wijken.
//!
//! People write places the way they speak: `Den Haag Escamp`, `stadsdeel Escamp`, `Den Haag,
//! stadsdeel Laak`, `Leidschendam Voorburg`, `Groente- en fruitmarkt`, `Stationsbuurt` (for
//! `Stationsbuurt/Rivierenbuurt`), `Moerwijk en Zuiderpark`. Splitting on separators first would
//! break names that contain them (`Bohemien, Meer & bos`, `Bouwlust/Vrederust`), so the text is
//! scanned as words instead: at each word the longest run of words whose letters (without the
//! filler `en`) spell a known name wins. Full names beat parts of compound names, and a part that
//! belongs to two names is not used at all.

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
    gemeenten: Vec<String>,
}

fn compact(words: &[&str]) -> String {
    words
        .iter()
        .filter(|w| **w != "en")
        .copied()
        .collect::<Vec<_>>()
        .concat()
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
        Index {
            full,
            part,
            gemeenten,
        }
    }

    fn lookup(&self, key: &str) -> Option<Target> {
        let pick = |set: &BTreeSet<Target>| {
            let mut it = set.iter();
            match (it.next(), it.next()) {
                (Some(t), None) => Some(*t),
                _ => None, // ambiguous: two places share this spelling
            }
        };
        match self.full.get(key) {
            Some(set) => pick(set),
            None => self.part.get(key).and_then(pick),
        }
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
}

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
pub(crate) fn scan(text: &str, idx: &Index) -> Scan {
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
    let mut i = 0;
    while i < ws.len() {
        let mut matched = None;
        if ws.get(i).is_some_and(|w| w.norm != "en") {
            for len in (1..=MAX_SPAN.min(ws.len() - i)).rev() {
                let span: Vec<&str> = ws[i..i + len].iter().map(|w| w.norm.as_str()).collect();
                if let Some(t) = idx.lookup(&compact(&span)) {
                    matched = Some((t, len));
                    break;
                }
            }
        }
        match matched {
            Some((t, len)) => {
                flush(&mut unknown_run, &mut out);
                if !out.targets.contains(&t) {
                    out.targets.push(t);
                }
                i += len;
            }
            None => {
                let w = &ws[i];
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
pub(crate) struct Source<'a> {
    pub label: &'a str,
    pub text: &'a str,
}

/// Place a WSV from groups of sources, tried in order: the first group that names a stadsdeel,
/// randgemeente or wijk decides. Returns the placement and, when it fails or spans several units,
/// the `STADSDEEL_ONBEKEND` / `BUITEN_STADSDEEL` finding with `bron`.
pub(crate) fn place(
    groups: &[Vec<Source<'_>>],
    wk: &Wijkindeling,
    idx: &Index,
    bron: &str,
) -> (Placed, Option<Finding>) {
    let mut unknown: Vec<String> = Vec::new();
    let mut only_gemeente: Option<usize> = None;
    let mut tried: Vec<String> = Vec::new();
    for group in groups {
        let mut targets: Vec<Target> = Vec::new();
        for src in group {
            if src.text.trim().is_empty() {
                continue;
            }
            if !src.label.is_empty() {
                tried.push(src.label.to_string());
            }
            let s = scan(src.text, idx);
            for t in s.targets {
                if !targets.contains(&t) {
                    targets.push(t);
                }
            }
            // Free text (sections) is full of words that are no place; only named fields and
            // names are worth quoting back as unknown.
            for u in s.unknown.into_iter().filter(|_| !src.label.is_empty()) {
                if !unknown.contains(&u) {
                    unknown.push(u);
                }
            }
        }
        match resolve(&targets, wk, idx) {
            Resolved::Nothing => {}
            Resolved::OnlyGemeente(g) => only_gemeente = only_gemeente.or(Some(g)),
            Resolved::Placed(mut p) => {
                if p.gemeente.is_none() {
                    p.gemeente = only_gemeente.map(|g| idx.gemeente(g).to_string());
                }
                return (p, None);
            }
            Resolved::Outside(list, p) => {
                let f = Finding::new(
                    Code::BUITEN_STADSDEEL,
                    format!("De WSV ligt niet binnen één stadsdeel of gemeente: {list}."),
                    bron,
                );
                return (p, Some(f));
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
    let joined = reasons.join("; ");
    let mut chars = joined.chars();
    let bericht = match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    };
    let placed = Placed {
        gemeente: only_gemeente.map(|g| idx.gemeente(g).to_string()),
        ..Placed::default()
    };
    (
        placed,
        Some(Finding::new(Code::STADSDEEL_ONBEKEND, bericht, bron)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wijkindeling::builtin;

    /// Place from one text and describe the result as (stadsdeel, wijken, inwoners).
    fn placed(text: &str) -> (Option<String>, Vec<String>, Option<u64>) {
        let wk = builtin();
        let idx = Index::new(&wk);
        let (p, f) = place(&[vec![Source { label: "x", text }]], &wk, &idx, "b");
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
        let (p, f) = place(
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
        let (p, f) = place(
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
        let (p, f) = place(
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
        let (_, f) = place(
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
        let (p, f) = place(&groups, &wk, &idx, "b");
        assert!(f.is_none());
        assert_eq!(p.gemeente.as_deref(), Some("Den Haag"));
        assert_eq!(p.inwoners, Some(26_544));
    }
}
