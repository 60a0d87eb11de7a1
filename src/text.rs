//! Small text helpers shared by mappers and checks: normalisation for tolerant comparison, and
//! bounded enumerations for messages.

/// Lowercase, strip diacritics, map punctuation and dashes to spaces, collapse whitespace.
/// `"Den Haag – Escamp"` and `"den haag escamp"` compare equal after this.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    let mut push = |ch: char, out: &mut String| {
        if ch.is_alphanumeric() {
            if ch.is_ascii() {
                out.push(ch.to_ascii_lowercase());
            } else {
                out.extend(ch.to_lowercase());
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    };
    for ch in s.chars() {
        // ASCII needs no decomposition; this is the mapping's hot path, so skip the NFKD
        // machinery for it. Per-character compatibility decomposition equals NFKD here because
        // the combining marks that reordering would move are dropped anyway.
        if ch.is_ascii() {
            push(ch, &mut out);
        } else {
            unicode_normalization::char::decompose_compatible(ch, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    push(d, &mut out);
                }
            });
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

/// Dutch enumeration of `named` ("A, B en C"), or, when they are only the first of `total`
/// items, "A, B, C en nog 7 andere {wat}": messages stay bounded however many there are.
pub fn noem(named: &[String], total: usize, wat: &str) -> String {
    let rest = total.saturating_sub(named.len());
    match (named, rest) {
        ([], _) => String::new(),
        ([one], 0) => one.clone(),
        ([init @ .., last], 0) => format!("{} en {last}", init.join(", ")),
        (all, rest) => format!("{} en nog {rest} andere {wat}", all.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noem_names_all_or_counts_the_rest() {
        let v = |n: usize| (1..=n).map(|i| format!("W{i}")).collect::<Vec<_>>();
        assert_eq!(noem(&v(1), 1, "WSV's"), "W1");
        assert_eq!(noem(&v(3), 3, "WSV's"), "W1, W2 en W3");
        assert_eq!(noem(&v(2), 1000, "WSV's"), "W1, W2 en nog 998 andere WSV's");
        assert_eq!(noem(&[], 5, "WSV's"), "");
    }

    #[test]
    fn norm_is_tolerant() {
        assert_eq!(norm("Den Haag – Escamp"), "den haag escamp");
        assert_eq!(norm("  Diëtist/Fysiotherapeut "), "dietist fysiotherapeut");
        assert_eq!(norm("Thema’s, activiteiten"), "thema s activiteiten");
        assert_eq!(norm("ﬁets"), "fiets");
        assert_eq!(squash_ws(" a \n b\tc "), "a b c");
    }
}
