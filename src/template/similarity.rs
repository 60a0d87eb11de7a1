//! Tolerant text comparison for recognising template text that a WSV may have edited slightly.
//!
//! Everything works on the words of [`text::norm`] output, so case, diacritics, punctuation,
//! bullets and whitespace never matter. Two measures, for two jobs:
//! - [`lcs_ratio`] (word-level longest common subsequence, 2·LCS/(|a|+|b|)) for paragraphs: it is
//!   order-aware, so a paragraph that merely shares vocabulary with the example ("Welzijn op Recept",
//!   "Haaglanden Gezonder") stays far below the threshold, while a copy with a few words changed
//!   stays above it;
//! - [`title_score`] for headings and labels, which are short and often shortened ("Huidige
//!   situatie" for "Huidige situatie in de wijk"): the mean of Dice overlap and containment of the
//!   content words.

use crate::text;

/// Threshold above which a paragraph counts as (lightly edited) template text.
pub const PARAGRAPH_THRESHOLD: f64 = 0.8;

/// Dutch function words left out of title comparison: they carry no meaning in a heading and would
/// make "Monitoring & evaluatie" differ from "Monitoring en evaluatie".
const STOPWORDS: [&str; 14] = [
    "de", "het", "een", "en", "in", "van", "op", "voor", "met", "aan", "of", "te", "bij", "s",
];

/// The words of `s` after normalisation.
pub fn words(s: &str) -> Vec<String> {
    text::words(&text::norm(s)).map(str::to_string).collect()
}

/// 2·LCS/(|a|+|b|) over word sequences (words or their ids in a
/// [`super::phrase_index::Vocab`]); 1.0 for two empty sequences.
pub fn lcs_ratio<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    match lcs_len(a, b, |_| true) {
        Some(lcs) => 2.0 * lcs as f64 / (a.len() + b.len()) as f64,
        None => 0.0,
    }
}

/// The length of the longest common subsequence of `a` and `b`, by the two-row dynamic programme
/// (O(|a|·|b|) time, O(|b|) memory, both rows in one allocation). After each row of `a`,
/// `go_on(lcs + rows left)` gets the most the LCS can still become; `false` stops and gives
/// `None`, as does an empty `a` or `b` (whose LCS is 0).
fn lcs_len<T: PartialEq>(a: &[T], b: &[T], mut go_on: impl FnMut(usize) -> bool) -> Option<usize> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let mut rows = vec![0usize; 2 * (b.len() + 1)];
    let (mut prev, mut cur) = rows.split_at_mut(b.len() + 1);
    for (i, wa) in a.iter().enumerate() {
        for (j, wb) in b.iter().enumerate() {
            cur[j + 1] = if wa == wb {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
        if !go_on(prev[b.len()] + (a.len() - i - 1)) {
            return None;
        }
    }
    Some(prev[b.len()])
}

/// The highest [`lcs_ratio`] two sequences of these lengths can have (the LCS is at most the
/// shorter one), by the same expression: `lcs_ratio(a, b) <= lcs_ratio_bound(a.len(), b.len())`,
/// so a bound under a threshold proves the ratio is too (issue 15).
pub fn lcs_ratio_bound(a_len: usize, b_len: usize) -> f64 {
    if a_len == 0 && b_len == 0 {
        return 1.0;
    }
    2.0 * a_len.min(b_len) as f64 / (a_len + b_len) as f64
}

/// Whether two word sequences are similar at `threshold` by [`lcs_ratio`]. Cheap length check
/// first: the ratio cannot reach `t` when the shorter is below t/(2−t) of the longer, which keeps
/// a 2,000-word WSV paragraph from being compared word by word with a 60-word example.
pub fn similar_words<T: PartialEq>(a: &[T], b: &[T], threshold: f64) -> bool {
    let (short, long) = if a.len() <= b.len() {
        (a.len(), b.len())
    } else {
        (b.len(), a.len())
    };
    if long > 0 && (short as f64) < (threshold / (2.0 - threshold)) * long as f64 {
        return false;
    }
    // An untouched copy (an instruction left as the sjabloon has it) is 1.0 without the table.
    if a == b {
        return 1.0 >= threshold;
    }
    lcs_reaches(a, b, threshold)
}

/// `lcs_ratio(a, b) >= threshold`, stopping as soon as the rows of `a` still to come cannot lift
/// the LCS far enough: each row adds at most one, so `LCS(a, b) ≤ LCS(a[..=i], b) + rows left`.
/// The ratio is computed by the same expression as [`lcs_ratio`], so the answer is the same
/// (issue 15: most candidates that pass the overlap bound of the phrase index still fail here).
fn lcs_reaches<T: PartialEq>(a: &[T], b: &[T], threshold: f64) -> bool {
    if a.is_empty() || b.is_empty() {
        return lcs_ratio(a, b) >= threshold;
    }
    let ratio = |lcs: usize| 2.0 * lcs as f64 / (a.len() + b.len()) as f64;
    lcs_len(a, b, |most| ratio(most) >= threshold).is_some_and(|lcs| ratio(lcs) >= threshold)
}

/// Similarity of two titles in [0, 1]: mean of Dice and containment over content words.
pub fn title_score(a: &str, b: &str) -> f64 {
    title_score_words(&content_words(a), &content_words(b))
}

/// [`title_score`] over [`content_words`] computed beforehand: a mapper that compares every
/// heading candidate with every section title and alias normalises each text once instead of once
/// per pair (that pairwise normalisation was the top of the profile, issue 15).
pub fn title_score_words(wa: &[String], wb: &[String]) -> f64 {
    title_score_counts(
        wa.iter().filter(|w| wb.contains(w)).count(),
        wa.len(),
        wb.len(),
    )
}

/// [`title_score_words`] from what it counts: `common` words shared by two titles of `la` and
/// `lb` distinct content words. A caller that numbers the words (the mapper's heading
/// candidates, issue 15) counts the shared ones itself and gets the same score.
pub fn title_score_counts(common: usize, la: usize, lb: usize) -> f64 {
    if la == 0 || lb == 0 {
        return 0.0;
    }
    let common = common as f64;
    let dice = 2.0 * common / (la + lb) as f64;
    let containment = common / la.min(lb) as f64;
    (dice + containment) / 2.0
}

/// A Dutch function word that [`content_words`] leaves out.
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.contains(&w)
}

/// The distinct words of `s` without Dutch function words, in order of first occurrence.
pub fn content_words(s: &str) -> Vec<String> {
    content_words_of(words(s))
}

/// [`content_words`] of words already split by [`words`].
pub fn content_words_of(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        if !STOPWORDS.contains(&w.as_str()) && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// `needle` (already normalised) occurs in `hay` (already normalised) on word boundaries.
pub fn contains_phrase(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(i, _)| {
        let before_ok = i == 0 || hay.as_bytes().get(i - 1) == Some(&b' ');
        let end = i + needle.len();
        let after_ok = end == hay.len() || hay.as_bytes().get(end) == Some(&b' ');
        before_ok && after_ok
    })
}

/// `hay` (normalised) starts with `prefix` (normalised) on a word boundary.
pub fn starts_with_phrase(hay: &str, prefix: &str) -> bool {
    !prefix.is_empty()
        && hay.starts_with(prefix)
        && (hay.len() == prefix.len() || hay.as_bytes().get(prefix.len()) == Some(&b' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lcs_ratio_exact_edited_and_unrelated() {
        let a = words("Het WSV wil de komende periode vooral investeren in samenwerking.");
        assert_eq!(lcs_ratio(&a, &a), 1.0);
        let edited = words("Ons WSV wil de komende periode vooral investeren in de samenwerking.");
        // a: 10 words, edited: 11 words, LCS 9 → 18/21.
        assert!((lcs_ratio(&a, &edited) - 18.0 / 21.0).abs() < 1e-9);
        assert!(similar_words(&a, &edited, PARAGRAPH_THRESHOLD));
        let other = words("Wij starten met Welzijn op Recept in de wijk.");
        assert!(!similar_words(&a, &other, PARAGRAPH_THRESHOLD));
        assert_eq!(lcs_ratio(&[], &a), 0.0);
    }

    /// The early stop and the shortcut for equal texts give `lcs_ratio(a, b) >= t` exactly: on
    /// every pair of prefixes of a few word lists (equal, edited, reordered, unrelated, empty),
    /// at thresholds around their ratios.
    #[test]
    fn similar_words_agrees_with_lcs_ratio() {
        let texts = [
            words("Het WSV wil de komende periode vooral investeren in samenwerking."),
            words("Ons WSV wil de komende periode vooral investeren in de samenwerking."),
            words("samenwerking in investeren vooral periode komende de wil WSV Het"),
            words("Wij starten met Welzijn op Recept in de wijk."),
            words("de de de wijk wijk wsv wsv"),
            Vec::new(),
        ];
        for a in &texts {
            for b in &texts {
                for la in 0..=a.len() {
                    for lb in 0..=b.len() {
                        let (a, b) = (&a[..la], &b[..lb]);
                        for t in [0.0, 0.3, 0.5, 0.6, 0.75, 0.8, 0.9, 1.0] {
                            assert_eq!(
                                lcs_reaches(a, b, t),
                                lcs_ratio(a, b) >= t,
                                "{a:?} {b:?} {t}"
                            );
                            let long = a.len().max(b.len()) as f64;
                            let short = a.len().min(b.len()) as f64;
                            let by_length = long == 0.0 || short >= (t / (2.0 - t)) * long;
                            assert_eq!(
                                similar_words(a, b, t),
                                by_length && lcs_ratio(a, b) >= t,
                                "{a:?} {b:?} {t}"
                            );
                        }
                    }
                }
            }
        }
        // Unrelated texts of similar length: the case the early stop is for.
        let a = words("een twee drie vier vijf zes zeven acht negen tien");
        let b = words("elf twaalf dertien veertien vijftien zestien zeventien achttien");
        assert!(!lcs_reaches(&a, &b, PARAGRAPH_THRESHOLD));
    }

    #[test]
    fn lcs_ratio_bound_is_the_ratio_of_a_full_match() {
        let a = words("Is het afgestemd met andere WSV’s in het stadsdeel?");
        for n in 0..=a.len() {
            for m in 0..=a.len() {
                let (x, y) = (&a[..n], &a[..m]);
                // A prefix of the other: the LCS is the shorter, the bound is reached.
                assert_eq!(lcs_ratio(x, y), lcs_ratio_bound(n, m), "{n} {m}");
                let rev: Vec<String> = y.iter().rev().cloned().collect();
                assert!(lcs_ratio(x, &rev) <= lcs_ratio_bound(n, m), "{n} {m}");
            }
        }
        assert_eq!(lcs_ratio_bound(2, 8), 0.4);
    }

    #[test]
    fn title_score_tolerates_shortening_and_ampersand() {
        assert_eq!(
            title_score("Monitoring & evaluatie", "Monitoring en evaluatie"),
            1.0
        );
        // {huidige, situatie} vs {huidige, situatie, wijk}: dice 0.8, containment 1.0.
        assert!(
            (title_score("Huidige situatie", "Huidige situatie in de wijk") - 0.9).abs() < 1e-9
        );
        assert!(title_score("Huidige situatie", "Gewenste situatie en ambitie 2025–2026") < 0.5);
        assert_eq!(title_score("", "Begroting"), 0.0);
    }

    #[test]
    fn title_score_over_precomputed_words() {
        // content_words drops the function words and repeats: {wijk} against
        // {huidige, situatie, wijk} is dice 2/4 and containment 1/1.
        let a = content_words("De de de wijk wijk");
        assert_eq!(a, ["wijk"]);
        let b = content_words("Huidige situatie in de wijk");
        assert_eq!(b, ["huidige", "situatie", "wijk"]);
        assert!((title_score_words(&a, &b) - 0.75).abs() < 1e-9);
        assert_eq!(title_score_words(&[], &b), 0.0);
        assert_eq!(title_score_counts(1, 1, 3), 0.75);
        assert_eq!(title_score_counts(0, 0, 3), 0.0);
        assert_eq!(title_score_counts(0, 2, 0), 0.0);
        assert!(is_stopword("de") && !is_stopword("wijk"));
    }

    #[test]
    fn phrase_boundaries() {
        assert!(contains_phrase("de wijk wsv laak", "wijk wsv"));
        assert!(!contains_phrase("wijkwsv laak", "wsv"));
        assert!(starts_with_phrase("aanjager s", "aanjager"));
        assert!(!starts_with_phrase("aanjagers", "aanjager"));
    }
}
