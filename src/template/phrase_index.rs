//! A precomputed index over a sjabloon's template texts (instructions, example lines), built once
//! per sjabloon definition, so that recognising template text in a plan costs about the length of
//! the plan instead of (paragraphs × template texts × LCS).
//!
//! Why this shape and not Aho–Corasick over phrases: the recognition is *tolerant* (a lightly
//! edited example still counts, by [`similarity::similar_words`]), so an exact-phrase automaton
//! would miss what the LCS accepts. Instead the index gives an upper bound that never rejects a
//! text the LCS would accept, and only the few candidates that pass it get the LCS:
//! - every word of the template texts gets a number (`vocab`); a plan's words are looked up once,
//!   a word the sjabloon never uses becomes [`ABSENT`], which equals no template word;
//! - an inverted list per word says which candidate texts contain it how often, so one pass over
//!   a paragraph's distinct words gives, for every candidate, the size of the multiset
//!   intersection. The longest common subsequence can never be longer than that, so
//!   `2·overlap/(|a|+|b|) < threshold` proves the candidate dissimilar without the LCS;
//! - word trigrams of the example lines are indexed the same way for the "long fragment of an
//!   example line" test (`trigram_share`), which then counts hits per line in one pass.
//!
//! Results are identical to comparing with every candidate: the bound only skips comparisons
//! whose outcome it has proved, and the survivors are checked in the original order.

// Fx, not SipHash: every word of a plan is looked up here, the keys are the sjabloon's own words
// (no one chooses them to collide), and SipHash was a visible share of the mapping (issue 15).
use rustc_hash::FxHashMap as HashMap;

use super::similarity;

/// The id of a word that occurs in no template text: it matches nothing.
pub const ABSENT: u32 = u32::MAX;

/// Word numbering shared by all indexes of one sjabloon.
#[derive(Debug, Default)]
pub struct Vocab {
    ids: HashMap<String, u32>,
}

impl Vocab {
    /// The id of `w`, adding it when new (only while building the index).
    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).unwrap_or(ABSENT);
        self.ids.insert(w.to_string(), id);
        id
    }

    /// Ids of `words` into `out` (cleared first); unknown words become [`ABSENT`].
    pub fn encode_into(&self, words: &[String], out: &mut Vec<u32>) {
        out.clear();
        out.extend(
            words
                .iter()
                .map(|w| self.ids.get(w.as_str()).copied().unwrap_or(ABSENT)),
        );
    }

    /// Ids of the words of `text` (as [`similarity::words`] splits it) into `out` (cleared
    /// first), normalising into `buf`: the same ids as `encode(&words(text))` without a string
    /// per word (issue 15: that allocation was a large part of the mapping's profile).
    pub fn encode_text(&self, text: &str, buf: &mut String, out: &mut Vec<u32>) {
        out.clear();
        crate::text::for_each_word(text, buf, |w| {
            out.push(self.ids.get(w).copied().unwrap_or(ABSENT));
        });
    }

    /// Ids of `words` (already normalised and split, e.g. slices of a buffer the caller also
    /// uses otherwise) into `out` (cleared first): what [`Vocab::encode_text`] gives for the
    /// text they were split from, without normalising it again (issue 15).
    pub fn encode_words<'a>(&self, words: impl IntoIterator<Item = &'a str>, out: &mut Vec<u32>) {
        out.clear();
        out.extend(
            words
                .into_iter()
                .map(|w| self.ids.get(w).copied().unwrap_or(ABSENT)),
        );
    }

    pub fn encode(&self, words: &[String]) -> Vec<u32> {
        let mut v = Vec::with_capacity(words.len());
        self.encode_into(words, &mut v);
        v
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

/// A list of candidate texts (as word ids) with, per word, the candidates containing it.
#[derive(Debug, Default)]
pub struct CandidateSet {
    items: Vec<Vec<u32>>,
    /// Per word id: (candidate, how often the word occurs in it), candidates ascending.
    postings: Vec<Vec<(u32, u32)>>,
}

impl CandidateSet {
    /// Indexes `items` (word lists), numbering their words in `vocab`.
    pub fn build(items: &[Vec<String>], vocab: &mut Vocab) -> CandidateSet {
        let encoded: Vec<Vec<u32>> = items
            .iter()
            .map(|ws| ws.iter().map(|w| vocab.intern(w)).collect())
            .collect();
        CandidateSet::of_ids(encoded, vocab.len())
    }

    /// Indexes `items` already numbered in a vocabulary of `vocab_len` words.
    fn of_ids(items: Vec<Vec<u32>>, vocab_len: usize) -> CandidateSet {
        let mut set = CandidateSet {
            items,
            postings: Vec::new(),
        };
        set.index(vocab_len);
        set
    }

    /// Builds the inverted lists. A word numbered later (by another set sharing the vocabulary)
    /// has no list here, which is right: it does not occur in these candidates.
    fn index(&mut self, vocab_len: usize) {
        let CandidateSet { items, postings } = self;
        *postings = vec![Vec::new(); vocab_len];
        for (c, item) in items.iter().enumerate() {
            let mut sorted = item.clone();
            sorted.sort_unstable();
            for run in sorted.chunk_by(|a, b| a == b) {
                if let Some(list) = run.first().and_then(|&id| postings.get_mut(id as usize)) {
                    list.push((c as u32, run.len() as u32));
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The candidate's words as ids.
    pub fn item(&self, c: usize) -> &[u32] {
        self.items.get(c).map_or(&[], Vec::as_slice)
    }

    /// The first candidate (in index order) similar to `query` at `threshold` by
    /// [`similarity::similar_words`], or `None`. An empty candidate never matches (callers skip
    /// sections without an instruction). `scratch` is reused between calls.
    pub fn first_similar(
        &self,
        query: &[u32],
        threshold: f64,
        scratch: &mut Scratch,
    ) -> Option<usize> {
        self.overlaps(query, scratch);
        let la = query.len();
        (0..self.items.len()).find(|&c| {
            let item = self.item(c);
            if item.is_empty() {
                return false;
            }
            let overlap = scratch.overlap.get(c).copied().unwrap_or(0) as usize;
            // LCS ≤ multiset overlap: when even the overlap falls short, so does the LCS.
            if (2.0 * overlap as f64 / (la + item.len()) as f64) < threshold {
                return false;
            }
            similarity::similar_words(query, item, threshold)
        })
    }

    /// Fills `scratch.overlap[c]` with the multiset intersection size of `query` and candidate c.
    fn overlaps(&self, query: &[u32], scratch: &mut Scratch) {
        scratch.overlap.clear();
        scratch.overlap.resize(self.items.len(), 0);
        scratch.sorted.clear();
        scratch
            .sorted
            .extend(query.iter().copied().filter(|&id| id != ABSENT));
        scratch.sorted.sort_unstable();
        for run in scratch.sorted.chunk_by(|a, b| a == b) {
            let (Some(&id), n) = (run.first(), run.len() as u32) else {
                continue;
            };
            for &(c, m) in self
                .postings
                .get(id as usize)
                .map_or(&[][..], Vec::as_slice)
            {
                if let Some(o) = scratch.overlap.get_mut(c as usize) {
                    *o += n.min(m);
                }
            }
        }
    }
}

/// Buffers reused across queries, so the hot loop does not allocate per paragraph.
#[derive(Debug, Default)]
pub struct Scratch {
    overlap: Vec<u32>,
    sorted: Vec<u32>,
    hits: Vec<u32>,
    ids: Vec<u32>,
}

impl Scratch {
    /// A reusable id buffer for callers encoding a query.
    pub fn ids(&mut self) -> &mut Vec<u32> {
        &mut self.ids
    }
}

/// Word trigrams of a list of lines, each trigram with the lines that contain it.
#[derive(Debug, Default)]
pub struct TrigramIndex {
    lines: usize,
    /// Per line: its word count (a line under three words has no trigrams).
    line_len: Vec<usize>,
    grams: HashMap<[u32; 3], Vec<u32>>,
}

impl TrigramIndex {
    pub fn build(lines: &[Vec<u32>]) -> TrigramIndex {
        let mut grams: HashMap<[u32; 3], Vec<u32>> = HashMap::default();
        for (l, line) in lines.iter().enumerate() {
            for g in line.windows(3) {
                if let [a, b, c] = *g {
                    let list = grams.entry([a, b, c]).or_default();
                    // Lines are visited in order, so a repeat within a line is the last entry.
                    if list.last() != Some(&(l as u32)) {
                        list.push(l as u32);
                    }
                }
            }
        }
        TrigramIndex {
            lines: lines.len(),
            line_len: lines.iter().map(Vec::len).collect(),
            grams,
        }
    }

    /// Whether some line holds at least `share` of `query`'s trigrams (counted with repeats in
    /// the query, presence in the line), as `trigram_share(query, line) >= share` for any line.
    pub fn any_line_shares(&self, query: &[u32], share: f64, scratch: &mut Scratch) -> bool {
        if query.len() < 3 {
            return false;
        }
        scratch.hits.clear();
        scratch.hits.resize(self.lines, 0);
        for g in query.windows(3) {
            let [a, b, c] = *g else { continue };
            if a == ABSENT || b == ABSENT || c == ABSENT {
                continue;
            }
            for &l in self.grams.get(&[a, b, c]).map_or(&[][..], Vec::as_slice) {
                if let Some(h) = scratch.hits.get_mut(l as usize) {
                    *h += 1;
                }
            }
        }
        let total = (query.len() - 2) as f64;
        scratch
            .hits
            .iter()
            .zip(&self.line_len)
            .any(|(&h, &len)| len >= 3 && h as f64 / total >= share)
    }
}

/// Everything a sjabloon's template-text recognition needs, built once per definition.
#[derive(Debug, Default)]
pub struct TemplateIndex {
    pub vocab: Vocab,
    /// The bracketed instructions (one per section that has one).
    pub instructions: CandidateSet,
    /// Per section (same index as `secties`): its instruction, empty when it has none.
    pub instruction_per_section: CandidateSet,
    /// Per example, per start line: the one, two and three lines from there run together (within
    /// one example), the texts a paragraph counts as example text against.
    pub example_windows: CandidateSet,
    /// All example lines, for short lines next to example text.
    pub example_lines: CandidateSet,
    /// Trigrams of the example lines, for long fragments of one line.
    pub example_trigrams: TrigramIndex,
}

impl TemplateIndex {
    pub fn build(
        instructions: &[Vec<String>],
        instruction_per_section: &[Vec<String>],
        examples: &[Vec<Vec<String>>],
    ) -> TemplateIndex {
        let mut vocab = Vocab::default();
        let instructions = CandidateSet::build(instructions, &mut vocab);
        let instruction_per_section = CandidateSet::build(instruction_per_section, &mut vocab);
        // The example lines numbered once, and the windows joined from those numbers (issue 15:
        // the windows were joined as strings, copied, and looked up word by word again). The
        // windows hold every line, in order, so the numbering is the one that gave before.
        let line_ids: Vec<Vec<Vec<u32>>> = examples
            .iter()
            .map(|ex| {
                ex.iter()
                    .map(|line| line.iter().map(|w| vocab.intern(w)).collect())
                    .collect()
            })
            .collect();
        let mut windows: Vec<Vec<u32>> = Vec::new();
        for ex in &line_ids {
            for start in 0..ex.len() {
                let mut joined: Vec<u32> = Vec::new();
                for line in ex.iter().skip(start).take(3) {
                    joined.extend_from_slice(line);
                    windows.push(joined.clone());
                }
            }
        }
        let example_windows = CandidateSet::of_ids(windows, vocab.len());
        let lines: Vec<Vec<u32>> = line_ids.into_iter().flatten().collect();
        let example_lines = CandidateSet::of_ids(lines, vocab.len());
        let example_trigrams = TrigramIndex::build(&example_lines.items);
        TemplateIndex {
            vocab,
            instructions,
            instruction_per_section,
            example_windows,
            example_lines,
            example_trigrams,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::similarity::{words, PARAGRAPH_THRESHOLD};

    fn set(texts: &[&str]) -> (CandidateSet, Vocab) {
        let mut vocab = Vocab::default();
        let items: Vec<Vec<String>> = texts.iter().map(|t| words(t)).collect();
        let set = CandidateSet::build(&items, &mut vocab);
        (set, vocab)
    }

    /// The index must give what comparing with every candidate gives, also for texts that share
    /// many words with a candidate but not their order (overlap passes, LCS fails).
    #[test]
    fn first_similar_equals_brute_force() {
        let texts = [
            "Het WSV wil de komende periode vooral investeren in samenwerking.",
            "Wij starten met Welzijn op Recept in de wijk.",
            "samenwerking in investeren vooral periode komende de wil WSV het",
            "",
        ];
        let (s, vocab) = set(&texts);
        let queries = [
            "Ons WSV wil de komende periode vooral investeren in de samenwerking.",
            "Het WSV wil samenwerking in de wijk",
            "investeren vooral periode komende de wil WSV het samenwerking in",
            "Wij starten met Welzijn op Recept in de wijk Laak.",
            "iets heel anders",
            "",
        ];
        let mut scratch = Scratch::default();
        for q in queries {
            let w = words(q);
            let brute = texts.iter().position(|t| {
                !t.is_empty() && similarity::similar_words(&w, &words(t), PARAGRAPH_THRESHOLD)
            });
            let ids = vocab.encode(&w);
            assert_eq!(
                s.first_similar(&ids, PARAGRAPH_THRESHOLD, &mut scratch),
                brute,
                "{q}"
            );
        }
    }

    /// `encode_text` is `encode(&words(..))` without the word strings: same ids, known and
    /// unknown words, punctuation and diacritics, also with a buffer that held other text.
    #[test]
    fn encode_text_equals_encode_of_words() {
        let (_, vocab) = set(&[
            "Het WSV wil de komende periode investeren",
            "Diëtist, fysio",
        ]);
        let (mut buf, mut ids) = (String::from("oud"), vec![7]);
        for t in [
            "het wsv – WIL de Komende periode!",
            "  dietist/Fysio en de rest ",
            "",
            "…",
        ] {
            vocab.encode_text(t, &mut buf, &mut ids);
            assert_eq!(ids, vocab.encode(&words(t)), "{t}");
        }
        for t in [
            "het wsv – WIL de Komende periode!",
            "  dietist/Fysio en de rest ",
            "",
        ] {
            vocab.encode_text(t, &mut buf, &mut ids);
            let normalised = crate::text::norm(t);
            let mut by_words = vec![9];
            vocab.encode_words(
                normalised.split(' ').filter(|w| !w.is_empty()),
                &mut by_words,
            );
            assert_eq!(by_words, ids, "{t}");
        }
        vocab.encode_text("Het WSV onbekend", &mut buf, &mut ids);
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[2], ABSENT);
        assert_ne!(ids[0], ABSENT);
    }

    /// The example windows and lines numbered from the lines are what indexing the joined word
    /// lists gives: same items, same postings.
    #[test]
    fn template_index_windows_equal_the_joined_word_lists() {
        let examples: Vec<Vec<Vec<String>>> = vec![
            [
                "Wij doen dit",
                "en dat ook",
                "en nog meer dingen",
                "tot slot dit",
            ]
            .iter()
            .map(|t| words(t))
            .collect(),
            ["Een ander voorbeeld", "dit"]
                .iter()
                .map(|t| words(t))
                .collect(),
        ];
        let instructions = vec![words("[Beschrijf wat je doet]")];
        let idx = TemplateIndex::build(&instructions, &instructions, &examples);
        let mut vocab = Vocab::default();
        let _ = CandidateSet::build(&instructions, &mut vocab);
        let _ = CandidateSet::build(&instructions, &mut vocab);
        let mut windows: Vec<Vec<String>> = Vec::new();
        for ex in &examples {
            for start in 0..ex.len() {
                let mut joined: Vec<String> = Vec::new();
                for line in ex.iter().skip(start).take(3) {
                    joined.extend(line.iter().cloned());
                    windows.push(joined.clone());
                }
            }
        }
        let by_strings = CandidateSet::build(&windows, &mut vocab);
        let lines: Vec<Vec<String>> = examples.iter().flatten().cloned().collect();
        let lines_by_strings = CandidateSet::build(&lines, &mut vocab);
        assert_eq!(idx.example_windows.items, by_strings.items);
        assert_eq!(idx.example_windows.postings, by_strings.postings);
        assert_eq!(idx.example_lines.items, lines_by_strings.items);
        assert_eq!(idx.example_lines.postings, lines_by_strings.postings);
        assert_eq!(idx.vocab.ids, vocab.ids);
    }

    #[test]
    fn unknown_words_match_nothing() {
        let (s, vocab) = set(&["alpha beta gamma delta"]);
        let ids = vocab.encode(&words("epsilon zeta eta theta"));
        assert!(ids.iter().all(|&i| i == ABSENT));
        assert_eq!(s.first_similar(&ids, 0.5, &mut Scratch::default()), None);
    }

    #[test]
    fn trigram_share_counts_query_trigrams_found_in_one_line() {
        let mut vocab = Vocab::default();
        let lines: Vec<Vec<String>> = ["a b c d e f g h", "x y z"]
            .iter()
            .map(|t| words(t))
            .collect();
        let set = CandidateSet::build(&lines, &mut vocab);
        let enc: Vec<Vec<u32>> = (0..set.len()).map(|c| set.item(c).to_vec()).collect();
        let idx = TrigramIndex::build(&enc);
        let mut scratch = Scratch::default();
        // Query trigrams: "b c d", "c d e", "d e f", "e f q", "f q r": 3 of 5 in line 0.
        let q = vocab.encode(&words("b c d e f q r"));
        assert!(idx.any_line_shares(&q, 0.6, &mut scratch));
        assert!(!idx.any_line_shares(&q, 0.61, &mut scratch));
        // Hits in two different lines never add up.
        let q = vocab.encode(&words("a b c x y z"));
        // Trigrams: abc (line 0), bcx, cxy, xyz (line 1): 1 of 4 per line.
        assert!(idx.any_line_shares(&q, 0.25, &mut scratch));
        assert!(!idx.any_line_shares(&q, 0.26, &mut scratch));
    }
}
