//! Small text helpers shared by mappers: normalisation for tolerant comparison.

use unicode_normalization::UnicodeNormalization;

/// Lowercase, strip diacritics, map punctuation and dashes to spaces, collapse whitespace.
/// `"Den Haag – Escamp"` and `"den haag escamp"` compare equal after this.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for ch in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(ch) {
            continue;
        }
        if ch.is_alphanumeric() {
            for l in ch.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Collapse runs of whitespace to one space and trim; keeps case and punctuation.
pub fn squash_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_is_tolerant() {
        assert_eq!(norm("Den Haag – Escamp"), "den haag escamp");
        assert_eq!(norm("  Diëtist/Fysiotherapeut "), "dietist fysiotherapeut");
        assert_eq!(norm("Thema’s, activiteiten"), "thema s activiteiten");
        assert_eq!(norm("ﬁets"), "fiets");
        assert_eq!(squash_ws(" a \n b\tc "), "a b c");
    }
}
