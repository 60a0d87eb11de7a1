//! Which WSV each document belongs to, from what the documents say.
//!
//! Staff save a mailbox however they like: one folder per WSV, folders per month received, per
//! stadsdeel, one or two levels deeper, or everything flat with names a save dialog made unique
//! (`Concept begroting WSV (2).xlsx`). So the folder is never the key. The clues, in order of trust:
//! 1. the WSV a document names itself: the plan's Wijk/WSV field, the begroting's header cell, the
//!    "WSV …" an agreement or attachment opens with. Plans that name different WSVs are never one
//!    WSV; a begroting joins the plan whose name it states (exactly, or as the only plan whose name
//!    contains its name or is contained in it);
//! 2. the file name (`begroting_escamp_zuid_v3.xlsx`), matched the same way;
//! 3. the nearest folder whose files, as far as they are identified, belong to exactly one WSV.
//!
//! A plan or begroting that none of these place starts a WSV of its own when its file name (or a
//! folder holding only it) names one; otherwise it stays without a WSV and the audit reports it
//! (WSV_ONBEPAALD): it is never quietly merged.
//!
//! Every step decides against the groups as they stood at its start, in an order that depends on
//! the documents (keys, sha256), never on paths, so the result is the same for every layout.

use crate::snapshot::{Content, Rol, StoredFile};
use crate::text::norm;
use std::collections::{BTreeSet, HashMap};

/// Words that say nothing about which WSV a name means.
const STOPWORDS: [&str; 43] = [
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
    "samenwerkingsovereenkomst",
    "overeenkomst",
    "sok",
    "getekend",
    "ondertekend",
    "bijlage",
    "scan",
    "re",
    "fw",
    "fwd",
    "wg",
    "aw",
    "doorgestuurd",
    "ontvangen",
    "inzending",
    "inzendingen",
    "nieuw",
    "nieuwe",
    "oud",
    "oude",
    "stuk",
];

/// A key: the significant words of a WSV name or a file name.
pub(crate) type Key = BTreeSet<String>;

/// Significant tokens of a WSV name or file name.
pub(crate) fn key_tokens(s: &str) -> Key {
    let s = s.split('(').next().unwrap_or(s);
    norm(s)
        .split(' ')
        .filter(|t| !t.is_empty())
        .filter(|t| !STOPWORDS.contains(t))
        .filter(|t| !is_month(t))
        .filter(|t| {
            !(t.starts_with('v') && t.len() > 1 && t[1..].chars().all(|c| c.is_ascii_digit()))
        })
        .filter(|t| !t.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

fn is_month(t: &str) -> bool {
    matches!(
        t,
        "januari"
            | "februari"
            | "maart"
            | "april"
            | "mei"
            | "juni"
            | "juli"
            | "augustus"
            | "september"
            | "oktober"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mrt"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "okt"
            | "nov"
            | "dec"
    )
}

/// The WSV name a document states itself (plan field, begroting header, agreement), if any.
pub(crate) fn stated_name(f: &StoredFile) -> Option<String> {
    match &f.outcome.content {
        Content::Wijkplan(w) => w.velden.wijk_wsv.waarde.clone(),
        Content::Begroting(b) => b.wsv_naam.clone(),
        Content::Bijlage(b) => b.wsv_naam.clone(),
        _ => None,
    }
    .map(|n| clean_name(&n))
    .filter(|n| !key_tokens(n).is_empty())
}

pub(crate) fn file_stem(bestand: &str) -> String {
    let name = crate::intake::eigen_naam(bestand);
    name.rsplit_once('.')
        .map(|(s, _)| s.to_string())
        .unwrap_or_else(|| name.to_string())
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

/// A display name from a file or folder name: its significant words, as written.
/// `Begroting WSV Haagse Hout v2` → `Haagse Hout`.
pub(crate) fn name_from_words(raw: &str) -> String {
    let raw = raw.split('(').next().unwrap_or(raw);
    raw.split([' ', '_'])
        .filter(|w| !w.is_empty())
        .filter(|w| !key_tokens(w).is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a document was placed with its WSV (for `bestanden.csv`'s toelichting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clue {
    /// It names the WSV itself.
    Content,
    /// Its file name names the WSV.
    FileName,
    /// The nearest folder holding files of one WSV only.
    Folder,
    /// It started a WSV of its own from its file name or its folder's name.
    OwnName,
}

/// One WSV as the grouping builds it.
#[derive(Debug)]
pub(crate) struct Group {
    /// Keys the WSV's documents state (plan field, begroting header, agreement).
    pub stated: Vec<Key>,
    /// Keys of its documents' file names and, for a group made from a folder, the folder's name.
    pub named: Vec<Key>,
    /// A name for the group when no document states one (file or folder name, as written).
    pub fallback_name: String,
    /// Indices into the documents given to [`group`].
    pub members: Vec<usize>,
}

/// A document to place: its file, role and keys.
pub(crate) struct Doc<'a> {
    pub f: &'a StoredFile,
    /// `None` for files that are no document (ignored, unreadable).
    pub rol: Option<Rol>,
    pub stated: Option<Key>,
    pub named: Key,
}

impl<'a> Doc<'a> {
    pub fn new(f: &'a StoredFile, rol: Option<Rol>) -> Doc<'a> {
        Doc {
            f,
            rol,
            stated: stated_name(f).map(|n| key_tokens(&n)),
            named: key_tokens(&file_stem(&f.outcome.bestand)),
        }
    }
    fn order(&self) -> (u8, Vec<String>, Vec<String>, &str) {
        let rank = match (&self.f.outcome.content, self.rol) {
            (Content::Wijkplan(_), _) => 0,
            (Content::Begroting(_), _) => 1,
            (_, Some(Rol::Samenwerkingsovereenkomst)) => 2,
            (_, Some(_)) => 3,
            (_, None) => 4,
        };
        (
            rank,
            self.stated.iter().flatten().cloned().collect(),
            self.named.iter().cloned().collect(),
            self.f.outcome.sha256.as_str(),
        )
    }
}

/// The keys of a set of groups, indexed so that [`KeyIndex::find`] does not compare a key with
/// every group: pairing 1,000 WSVs' files must not cost 1,000 × 1,000 comparisons.
///
/// `exact` answers "which groups hold this very key". For the near match (one key contains the
/// other) every key is filed under each of its words (`by_word`: candidates for a key that
/// contains the one looked up) and under its rarest word when filed (`by_rarest`: candidates for
/// a key contained in the one looked up; such a key's rarest word is one of the looked-up key's
/// words). A look-up costs the keys sharing a word with it, not the number of groups, and stops
/// at the second distinct group, since only "exactly one" is an answer.
#[derive(Default)]
struct KeyIndex {
    exact: HashMap<Key, Vec<usize>>,
    by_word: HashMap<String, Vec<(usize, Key)>>,
    by_rarest: HashMap<String, Vec<(usize, Key)>>,
}

impl KeyIndex {
    /// Index the keys `keys_of` gives for each of `groups` (group index = position).
    fn new<'g>(groups: &'g [Group], keys_of: impl Fn(&'g Group) -> Vec<&'g Key>) -> KeyIndex {
        let mut ix = KeyIndex::default();
        for (g, group) in groups.iter().enumerate() {
            for k in keys_of(group) {
                ix.add(g, k);
            }
        }
        ix
    }

    fn add(&mut self, g: usize, k: &Key) {
        if k.is_empty() {
            return;
        }
        let holders = self.exact.entry(k.clone()).or_default();
        if holders.contains(&g) {
            return;
        }
        holders.push(g);
        for w in k {
            self.by_word
                .entry(w.clone())
                .or_default()
                .push((g, k.clone()));
        }
        let rarest = k
            .iter()
            .min_by_key(|w| self.by_word.get(*w).map_or(0, Vec::len));
        if let Some(w) = rarest {
            self.by_rarest
                .entry(w.clone())
                .or_default()
                .push((g, k.clone()));
        }
    }

    /// The one group holding `k` itself, else the one group with a key that contains `k` or is
    /// contained in it; `None` when none or more than one.
    fn find(&self, k: &Key) -> Option<usize> {
        if k.is_empty() {
            return None;
        }
        if let Some(holders) = self.exact.get(k) {
            return match holders.as_slice() {
                [one] => Some(*one),
                _ => None,
            };
        }
        let mut hit: Option<usize> = None;
        let mut note = |g: usize| -> bool {
            match hit {
                None => {
                    hit = Some(g);
                    true
                }
                Some(h) => h == g,
            }
        };
        // Keys containing `k`: all are filed under its least common word.
        let supersets = k
            .iter()
            .filter_map(|w| self.by_word.get(w))
            .min_by_key(|v| v.len());
        let all_words_known = k.iter().all(|w| self.by_word.contains_key(w));
        if let (Some(list), true) = (supersets, all_words_known) {
            for (g, gk) in list {
                if k.is_subset(gk) && !note(*g) {
                    return None;
                }
            }
        }
        // Keys contained in `k`: each is filed under one of its own words, so one of `k`'s.
        for w in k {
            for (g, gk) in self.by_rarest.get(w).map(Vec::as_slice).unwrap_or(&[]) {
                if gk.is_subset(k) && !note(*g) {
                    return None;
                }
            }
        }
        hit
    }
}

fn folder_chain(map: &str) -> Vec<String> {
    // Nearest first, ending with the input folder itself ("").
    let mut out = Vec::new();
    let mut cur = map.to_string();
    loop {
        out.push(cur.clone());
        match cur.rsplit_once('/') {
            Some((parent, _)) => cur = parent.to_string(),
            None if cur.is_empty() => break,
            None => cur.clear(),
        }
    }
    out
}

/// For every folder (and its ancestors, up to the input folder ""), the WSVs of the placed files
/// under it. Built once, so looking a folder up costs its depth, not the number of files.
fn groups_by_folder(
    docs: &[Doc],
    placed: &[Option<(usize, Clue)>],
) -> HashMap<String, BTreeSet<usize>> {
    let mut by: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (d, p) in docs.iter().zip(placed) {
        if let Some((g, _)) = p {
            for folder in folder_chain(&d.f.outcome.map) {
                by.entry(folder).or_default().insert(*g);
            }
        }
    }
    by
}

/// The group of the nearest folder of `map` whose placed files all belong to one WSV.
/// `None` when the nearest folder with placed files holds several WSVs, or none has any.
fn by_folder(by: &HashMap<String, BTreeSet<usize>>, map: &str) -> Option<usize> {
    for folder in folder_chain(map) {
        match by.get(&folder) {
            None => continue,
            Some(groups) if groups.len() == 1 => return groups.iter().next().copied(),
            Some(_) => return None,
        }
    }
    None
}

/// Start a WSV; returns its index.
fn new_group(groups: &mut Vec<Group>, stated: Vec<Key>, named: Vec<Key>, name: String) -> usize {
    groups.push(Group {
        stated,
        named,
        fallback_name: name,
        members: vec![],
    });
    groups.len() - 1
}

/// Place every document: `(group index, clue)` per document, `None` when no clue decides.
pub(crate) fn group(docs: &[Doc]) -> (Vec<Group>, Vec<Option<(usize, Clue)>>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut placed: Vec<Option<(usize, Clue)>> = vec![None; docs.len()];
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].order().cmp(&docs[b].order()));

    // Clue 1a: plans by the name they state; only an equal name is the same WSV.
    let mut by_stated: HashMap<&Key, usize> = HashMap::new();
    for &i in &order {
        let d = &docs[i];
        let (Content::Wijkplan(_), Some(k)) = (&d.f.outcome.content, &d.stated) else {
            continue;
        };
        let g = *by_stated
            .entry(k)
            .or_insert_with(|| new_group(&mut groups, vec![k.clone()], vec![], String::new()));
        placed[i] = Some((g, Clue::Content));
    }
    // Clue 1b: other documents that state a name join the WSV of that name, else start one (a
    // begroting or agreement of a WSV whose plan is missing is still that WSV's).
    // The plans' groups are indexed (and the index kept up to date as they gain names), the
    // groups started here are found by their exact name: no look-up walks all groups.
    let plan_groups = groups.len();
    let mut among_plans = KeyIndex::new(&groups, |g| g.stated.iter().collect());
    let mut started: HashMap<&Key, usize> = HashMap::new();
    for &i in &order {
        let d = &docs[i];
        if placed[i].is_some() || d.rol.is_none() {
            continue;
        }
        let Some(k) = &d.stated else { continue };
        let hit = among_plans.find(k).or_else(|| started.get(k).copied());
        let g = match hit {
            Some(g) => g,
            None => {
                let g = new_group(&mut groups, vec![k.clone()], vec![], String::new());
                started.insert(k, g);
                g
            }
        };
        if let Some(gr) = groups.get_mut(g) {
            if !gr.stated.contains(k) {
                gr.stated.push(k.clone());
                if g < plan_groups {
                    among_plans.add(g, k);
                }
            }
        }
        placed[i] = Some((g, Clue::Content));
    }
    // The file names of placed documents are keys of their WSV too (each once, in order).
    // No group has file-name keys yet (the groups above start with stated names only).
    let mut named_seen: std::collections::HashSet<(usize, &Key)> = Default::default();
    for (i, p) in placed.iter().enumerate() {
        if let Some((g, _)) = p {
            let k = &docs[i].named;
            if !k.is_empty() && named_seen.insert((*g, k)) {
                if let Some(group) = groups.get_mut(*g) {
                    group.named.push(k.clone());
                }
            }
        }
    }
    // Clue 2: the file name, against the WSVs as the documents named them. Unreadable files take
    // part too (their finding then reaches the WSV); ignored files (images, Thumbs.db) do not.
    let fixed = KeyIndex::new(&groups, |g| g.stated.iter().chain(&g.named).collect());
    let mut by_name: Vec<(usize, usize)> = Vec::new();
    for &i in &order {
        let d = &docs[i];
        if placed[i].is_some() || matches!(d.f.outcome.content, Content::Genegeerd(_)) {
            continue;
        }
        if let Some(g) = fixed.find(&d.named) {
            by_name.push((i, g));
        }
    }
    for (i, g) in by_name {
        placed[i] = Some((g, Clue::FileName));
    }
    // Clue 3: the nearest folder with files of one WSV only.
    let by = groups_by_folder(docs, &placed);
    for &i in &order {
        if placed[i].is_none() {
            if let Some(g) = by_folder(&by, &docs[i].f.outcome.map) {
                placed[i] = Some((g, Clue::Folder));
            }
        }
    }
    let occupied = groups_by_folder(docs, &placed);
    let mut own_names: HashMap<Key, usize> = HashMap::new();
    // Last: a plan or begroting (or a scan of one) that nothing placed starts a WSV of its own
    // when its file name names one, or else its folder does while holding no other WSV's files.
    for &i in &order {
        let d = &docs[i];
        if placed[i].is_some() || !matches!(d.rol, Some(Rol::Wijkplan | Rol::Begroting)) {
            continue;
        }
        let folder_name = d.f.outcome.map.rsplit('/').next().unwrap_or("").to_string();
        let folder_key = key_tokens(&folder_name);
        let folder_is_free =
            !d.f.outcome.map.is_empty() && !occupied.contains_key(&d.f.outcome.map);
        let (key, name) = if !d.named.is_empty() {
            (
                d.named.clone(),
                name_from_words(&file_stem(&d.f.outcome.bestand)),
            )
        } else if folder_is_free && !folder_key.is_empty() {
            (folder_key, name_from_words(&folder_name))
        } else {
            continue;
        };
        let g = match own_names.get(&key) {
            Some(g) => *g,
            None => {
                let g = new_group(&mut groups, vec![], vec![key.clone()], name);
                own_names.insert(key, g);
                g
            }
        };
        placed[i] = Some((g, Clue::OwnName));
    }
    for (i, p) in placed.iter().enumerate() {
        if let Some((g, _)) = p {
            if let Some(gr) = groups.get_mut(*g) {
                gr.members.push(i);
            }
        }
    }
    (groups, placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(words: &str) -> Key {
        words
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// What `KeyIndex::find` answers, by comparing `k` with every group's keys (the definition).
    fn find_by_scanning(groups: &[Vec<Key>], k: &Key) -> Option<usize> {
        if k.is_empty() {
            return None;
        }
        let exact: Vec<usize> = (0..groups.len())
            .filter(|&g| groups[g].contains(k))
            .collect();
        match exact.as_slice() {
            [one] => return Some(*one),
            [] => {}
            _ => return None,
        }
        let overlaps = |a: &Key| !a.is_empty() && (a.is_subset(k) || k.is_subset(a));
        let near: Vec<usize> = (0..groups.len())
            .filter(|&g| groups[g].iter().any(overlaps))
            .collect();
        match near.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    #[test]
    fn the_index_answers_as_a_scan_of_every_group_would() {
        // Keys from a small vocabulary, so that subsets, supersets, shared words and keys held by
        // two groups all occur; every key of up to three words is looked up.
        let words = ["escamp", "zuid", "noord", "laak", "centrum", "oost"];
        let mut groups: Vec<Vec<Key>> = Vec::new();
        let mut seed = 7u32;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as usize
        };
        for _ in 0..40 {
            let keys = (0..1 + next() % 2)
                .map(|_| {
                    (0..1 + next() % 3)
                        .map(|_| words[next() % words.len()].to_string())
                        .collect::<Key>()
                })
                .collect();
            groups.push(keys);
        }
        let as_groups: Vec<Group> = groups
            .iter()
            .map(|keys| Group {
                stated: keys.clone(),
                named: vec![],
                fallback_name: String::new(),
                members: vec![],
            })
            .collect();
        for n in [3, 12, 40] {
            let ix = KeyIndex::new(&as_groups[..n], |g| g.stated.iter().collect());
            let mut checked = 0;
            for a in words {
                for b in words {
                    for c in ["", "laak", "oost"] {
                        let k = key(&format!("{a} {b} {c}"));
                        assert_eq!(
                            ix.find(&k),
                            find_by_scanning(&groups[..n], &k),
                            "{k:?} onder {n} groepen"
                        );
                        checked += 1;
                    }
                }
            }
            assert_eq!(checked, 108);
        }
        // Hand-checked cases: one superset, one subset, two candidates.
        let groups = [
            vec![key("escamp zuid")],
            vec![key("laak")],
            vec![key("laak oost")],
        ];
        let as_groups: Vec<Group> = groups
            .iter()
            .map(|keys| Group {
                stated: keys.clone(),
                named: vec![],
                fallback_name: String::new(),
                members: vec![],
            })
            .collect();
        let ix = KeyIndex::new(&as_groups, |g| g.stated.iter().collect());
        assert_eq!(ix.find(&key("zuid")), Some(0));
        assert_eq!(ix.find(&key("escamp zuid wsv")), Some(0));
        assert_eq!(ix.find(&key("laak")), Some(1), "exact gaat voor");
        assert_eq!(ix.find(&key("oost")), Some(2));
        assert_eq!(ix.find(&key("laak oost centrum")), None, "twee kandidaten");
        assert_eq!(ix.find(&key("centrum")), None);
        assert_eq!(ix.find(&Key::new()), None);
    }
}
