//! Kerndisciplines from the free-text kernteam list, through a table of synonyms.
//!
//! The rule, and why:
//! - The kernteam value is read **per entry**: one line (or `;`-separated part) per member,
//!   "naam, organisatie, discipline". A discipline counts when any synonym occurs in an entry.
//! - Matching is on `text::norm` words. A synonym is a word sequence; a word ending in `*` matches
//!   any word that starts with it, so Dutch compounds count ("huisarts*" matches
//!   "huisartsenpraktijk", "apothe*" matches "Apotheek Mariahoeve" — an organisation name that says
//!   apotheek is an apotheek). Other words must match whole, so "poh" does not match "pohl".
//! - Project names that contain a discipline word are removed from the entry first: "Welzijn op
//!   Recept" is a Haaglanden Gezonder project that a huisarts may run, not the welzijn discipline.
//! - "gezondheidscentrum" is deliberately not a synonym: a centre houses several disciplines, and
//!   counting it as huisarts would let a plan pass the three-disciplines rule on a building's name.

use crate::domain::Discipline;
use crate::text;

/// Synonyms per discipline (normalised words; trailing `*` = word prefix).
pub const SYNONIEMEN: &[(Discipline, &[&str])] = &[
    (
        Discipline::Huisarts,
        &["huisarts*", "poh", "praktijkondersteuner*"],
    ),
    (
        Discipline::Welzijn,
        &[
            "welzijn*",
            "sociaal werk*",
            "sociale werk*",
            "buurtwerk*",
            "xtra",
            "sociaal wijkteam*",
            "wijkteam sociaal",
            "maatschappelijk werk*",
        ],
    ),
    (
        Discipline::Wijkverpleging,
        &["wijkverple*", "thuiszorg*", "vvt", "florence", "wzh", "hww"],
    ),
    (Discipline::Apotheker, &["apothe*", "farmaceut*"]),
    (
        Discipline::Paramedici,
        &[
            "fysiothera*",
            "fysio",
            "dietist*",
            "oefenthera*",
            "ergothera*",
            "logoped*",
            "podothera*",
            "paramedi*",
        ],
    ),
];

/// Phrases removed from an entry before matching: project names that contain a discipline word.
pub const UITSLUITINGEN: &[&str] = &["welzijn op recept"];

/// The core disciplines named in a kernteam list, in `Discipline::ALL` order, without duplicates.
pub fn kerndisciplines(kernteam: &str) -> Vec<Discipline> {
    let mut found = [false; 5];
    // Each synonym split into its words once, not once per entry (issue 15).
    let patterns: Vec<(&Discipline, Vec<Vec<&str>>)> = SYNONIEMEN
        .iter()
        .map(|(d, syns)| (d, syns.iter().map(|s| s.split(' ').collect()).collect()))
        .collect();
    for entry in kernteam.split(['\n', ';']) {
        let words = entry_words(entry);
        for (d, syns) in &patterns {
            if syns.iter().any(|s| matches_synonym(&words, s)) {
                if let Some(i) = Discipline::ALL.iter().position(|x| x == *d) {
                    found[i] = true;
                }
            }
        }
    }
    Discipline::ALL
        .into_iter()
        .zip(found)
        .filter(|(_, f)| *f)
        .map(|(d, _)| d)
        .collect()
}

/// Normalised words of one entry with the excluded phrases cut out.
fn entry_words(entry: &str) -> Vec<String> {
    let mut words: Vec<String> = text::words(&text::norm(entry)).map(String::from).collect();
    for phrase in UITSLUITINGEN {
        let p: Vec<&str> = phrase.split(' ').collect();
        let mut i = 0;
        while i + p.len() <= words.len() {
            if words[i..i + p.len()].iter().zip(&p).all(|(w, q)| w == q) {
                words.drain(i..i + p.len());
            } else {
                i += 1;
            }
        }
    }
    words
}

/// Whether a run of `words` matches the synonym's words (`pattern`, the synonym split on spaces).
fn matches_synonym(words: &[String], pattern: &[&str]) -> bool {
    if pattern.is_empty() || words.len() < pattern.len() {
        return false;
    }
    words
        .windows(pattern.len())
        .any(|win| win.iter().zip(pattern).all(|(w, p)| word_matches(w, p)))
}

fn word_matches(word: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => word == pattern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Discipline::*;

    fn one(s: &str) -> Vec<Discipline> {
        kerndisciplines(s)
    }

    #[test]
    fn every_synonym_maps_to_its_discipline() {
        let cases: &[(&str, Discipline)] = &[
            ("huisarts", Huisarts),
            ("Huisartsenpraktijk De Linde", Huisarts),
            ("huisartsen", Huisarts),
            ("POH-GGZ", Huisarts),
            ("praktijkondersteuner", Huisarts),
            ("welzijn", Welzijn),
            ("Welzijnsorganisatie Zebra", Welzijn),
            ("sociaal werk", Welzijn),
            ("sociaal werker", Welzijn),
            ("Buurtwerk", Welzijn),
            ("welzijnscoach", Welzijn),
            ("Xtra", Welzijn),
            ("Welzijn Rijswijk", Welzijn),
            ("sociaal wijkteam", Welzijn),
            ("wijkverpleging", Wijkverpleging),
            ("wijkverpleegkundige", Wijkverpleging),
            ("Thuiszorg West", Wijkverpleging),
            ("VVT", Wijkverpleging),
            ("Florence", Wijkverpleging),
            ("WZH", Wijkverpleging),
            ("HWW zorg", Wijkverpleging),
            ("apotheker", Apotheker),
            ("Apotheek Mariahoeve", Apotheker),
            ("farmaceut", Apotheker),
            ("fysiotherapeut", Paramedici),
            ("Fysiotherapie Laak", Paramedici),
            ("diëtist", Paramedici),
            ("oefentherapeut", Paramedici),
            ("ergotherapeut", Paramedici),
            ("logopedist", Paramedici),
            ("podotherapeut", Paramedici),
            ("paramedici", Paramedici),
            ("paramedisch", Paramedici),
        ];
        for (text, d) in cases {
            assert_eq!(one(text), vec![*d], "{text}");
        }
    }

    #[test]
    fn welzijn_op_recept_is_a_project_not_a_discipline() {
        assert_eq!(one("Welzijn op Recept"), vec![]);
        assert_eq!(
            one("J. de Vries, Huisartsenpraktijk Laak, huisarts (trekker Welzijn op Recept)"),
            vec![Huisarts]
        );
        // A welzijn entry of its own still counts.
        assert_eq!(
            one("Welzijn op Recept\nA. Bakker, Xtra, welzijnscoach"),
            vec![Welzijn]
        );
    }

    #[test]
    fn whole_list_sorted_and_deduplicated() {
        let list = "Piet, Apotheek Laak, apotheker\nAnna, Florence, wijkverpleegkundige\n\
                    Jan, HAP Laak, huisarts; Els, huisartsenpraktijk Noord, POH\nKees, Xtra, sociaal werker";
        assert_eq!(
            one(list),
            vec![Huisarts, Welzijn, Wijkverpleging, Apotheker]
        );
        assert_eq!(one(""), vec![]);
        // "poh" only as a whole word; a gezondheidscentrum alone is no discipline.
        assert_eq!(one("Pohlmann, Gezondheidscentrum Oost"), vec![]);
    }
}
