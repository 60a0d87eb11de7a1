//! Damaged copies: a plan that names no WSV and whose words are nearly all in a plan that does.
//!
//! Such a file is a damaged or partial copy of that plan: a PDF whose §1 page could not be read
//! (read by the second PDF reader), a print of some chapters. It is the same plan, so `dubbel`;
//! otherwise it would start a WSV of its own, named after its file, and claim the other plan's
//! wijken and budget.
//!
//! Comparing every unnamed plan with every named plan would be quadratic in the batch. A copy
//! holds the rare words of its plan, so each unnamed plan is compared only with the few named
//! plans that hold its rarest words (an inverted index over those words alone).

use super::PlanWords;
use crate::snapshot::StoredFile;
use std::collections::HashMap;

/// Share of an unnamed plan's words that must be in a named plan for it to be a copy of that plan.
/// Measured on the sample batch: the damaged copy of the Laak plan (fixtures/bad/fuzz) has 91.5 %
/// of its words in the Laak plan and at most 37 % in any other plan from the same sjabloon.
const COPY_CONTAINMENT: f64 = 0.8;
/// Distinct words an unnamed plan must have to be recognised as a copy: with few words, most
/// would be in any long plan.
const MIN_COPY_WORDS: usize = 60;
/// The rarest words of an unnamed plan that choose its candidates.
const RARE_WORDS: usize = 8;
/// Named plans compared with one unnamed plan at most (those holding most of its rare words).
const MAX_CANDIDATES: usize = 16;

/// For each unnamed plan that is a copy: the plan, the named plan it is part of, and the share of
/// its words found there.
pub(super) fn damaged_copies<'a>(
    unnamed: &[(&'a StoredFile, &'a PlanWords)],
    named: &[(&'a StoredFile, &'a PlanWords)],
) -> Vec<(&'a StoredFile, &'a StoredFile, f64)> {
    let unnamed: Vec<&(&StoredFile, &PlanWords)> = unnamed
        .iter()
        .filter(|(_, w)| w.len() >= MIN_COPY_WORDS)
        .collect();
    if unnamed.is_empty() || named.is_empty() {
        return Vec::new();
    }
    // How many named plans hold each word.
    let mut df: HashMap<&str, u32> = HashMap::new();
    for (_, w) in named {
        for word in w.iter() {
            *df.entry(word).or_default() += 1;
        }
    }
    // Each unnamed plan's rarest words that some named plan holds.
    let picks: Vec<Vec<&str>> = unnamed
        .iter()
        .map(|(_, w)| {
            let mut r: Vec<(u32, &str)> = w
                .iter()
                .filter_map(|x| df.get(x).map(|n| (*n, x)))
                .collect();
            r.sort_unstable();
            r.into_iter().take(RARE_WORDS).map(|(_, x)| x).collect()
        })
        .collect();
    // Which named plans hold the picked words (postings for those words only).
    let mut postings: HashMap<&str, Vec<usize>> =
        picks.iter().flatten().map(|w| (*w, Vec::new())).collect();
    for (i, (_, w)) in named.iter().enumerate() {
        for word in w.iter() {
            if let Some(p) = postings.get_mut(word) {
                p.push(i);
            }
        }
    }
    let mut out = Vec::new();
    for ((f, words), pick) in unnamed.iter().zip(&picks) {
        let mut hits: HashMap<usize, usize> = HashMap::new();
        for w in pick {
            for &i in postings.get(w).map(Vec::as_slice).unwrap_or(&[]) {
                *hits.entry(i).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, usize)> = hits.into_iter().map(|(i, h)| (h, i)).collect();
        // Most rare words first; the earlier named plan first among equals (deterministic).
        candidates.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        candidates.truncate(MAX_CANDIDATES);
        let mut best: Option<(f64, &StoredFile)> = None;
        for (_, i) in candidates {
            let Some((whole, whole_words)) = named.get(i) else {
                continue;
            };
            let c = words.containment(whole_words);
            if c >= COPY_CONTAINMENT && best.is_none_or(|(b, _)| c > b) {
                best = Some((c, *whole));
            }
        }
        if let Some((c, whole)) = best {
            out.push((*f, whole, c));
        }
    }
    out
}
