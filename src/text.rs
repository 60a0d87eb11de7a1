//! Small text helpers shared by mappers and checks: normalisation for tolerant comparison, and
//! bounded enumerations for messages.

/// Lowercase, strip diacritics, map punctuation and dashes to spaces, collapse whitespace.
/// `"Den Haag – Escamp"` and `"den haag escamp"` compare equal after this.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    norm_into(s, &mut out);
    out
}

/// [`norm`] of `s` appended to `out`, whatever `out` held before: a caller that normalises many
/// texts reuses one buffer instead of allocating a string per paragraph (issue 15). The
/// appended part is exactly `norm(s)`.
pub fn norm_into(s: &str, out: &mut String) {
    let mut n = Normaliser::new(out);
    n.push(s);
    n.finish();
}

/// [`norm`] over text that arrives in pieces: `push(a); push(b)` appends exactly `norm(a + b)`
/// (once [`Normaliser::finish`] has run), without joining the pieces into one string first.
pub struct Normaliser<'a> {
    out: &'a mut String,
    start: usize,
    /// The last character written is a space, or nothing is written yet (no leading space).
    space: bool,
}

impl<'a> Normaliser<'a> {
    pub fn new(out: &'a mut String) -> Normaliser<'a> {
        let start = out.len();
        Normaliser {
            out,
            start,
            space: true,
        }
    }

    pub fn push(&mut self, s: &str) {
        // Byte by byte with the output and the space flag in locals, an ASCII byte through
        // `ASCII_NORM`: a quarter fewer instructions than a `chars()` loop writing through
        // `self` (issue 15; copying whole ASCII runs measured slower on plan text's short words).
        let out = &mut *self.out;
        let mut space = self.space;
        let bytes = s.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                // ASCII needs no decomposition, and this is the mapping's hot path.
                match ASCII_NORM.get(usize::from(b)) {
                    Some(&lower) if lower != 0 => {
                        out.push(char::from(lower));
                        space = false;
                    }
                    _ => {
                        if !space {
                            out.push(' ');
                            space = true;
                        }
                    }
                }
                i += 1;
            } else {
                // `i` is on a character boundary: only whole ASCII bytes and whole characters
                // are stepped over.
                let Some(ch) = s.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                // Per-character compatibility decomposition equals NFKD here because the
                // combining marks that reordering would move are dropped anyway.
                unicode_normalization::char::decompose_compatible(ch, |d| {
                    if !unicode_normalization::char::is_combining_mark(d) {
                        push_char(out, &mut space, d);
                    }
                });
                i += ch.len_utf8();
            }
        }
        self.space = space;
    }

    /// Drops the trailing space of the normalised text (never one that was in `out` before).
    pub fn finish(self) {
        if self.out.len() > self.start && self.out.ends_with(' ') {
            self.out.pop();
        }
    }
}

/// Per ASCII byte: its lowercase when it is a letter or digit, 0 (a separator) otherwise.
const ASCII_NORM: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0u8;
    while b < 128 {
        if b.is_ascii_alphanumeric() {
            table[b as usize] = b.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// One character of a decomposition into `out`: a letter or digit lowercased, anything else
/// one space unless the last character written is one (`space`).
#[inline]
fn push_char(out: &mut String, space: &mut bool, ch: char) {
    if ch.is_alphanumeric() {
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        *space = false;
    } else if !*space {
        out.push(' ');
        *space = true;
    }
}

/// The words of `norm(s)`, each passed to `f`, normalising into `buf` (cleared first): no string
/// per word.
pub fn for_each_word(s: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    norm_into(s, buf);
    for w in words(buf) {
        f(w);
    }
}

/// The words of `s` split at spaces, empty ones left out: `s.split(' ').filter(|w|
/// !w.is_empty())`, for normalised text (whose only separator is a space). A scan of the bytes
/// for the next space: `str::split` searched each one with a general-purpose routine whose call
/// cost more, on normalised plan text, than normalising it (issue 15).
pub fn words(s: &str) -> Words<'_> {
    Words { rest: s }
}

/// The iterator of [`words`].
#[derive(Clone)]
pub struct Words<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        while !self.rest.is_empty() {
            let end = self
                .rest
                .bytes()
                .position(|b| b == b' ')
                .unwrap_or(self.rest.len());
            // A space is one byte and a character of its own, so `end` is a character boundary.
            let (word, rest) = self.rest.split_at_checked(end)?;
            self.rest = rest.get(1..).unwrap_or("");
            if !word.is_empty() {
                return Some(word);
            }
        }
        None
    }
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

    /// `words` splits as `split(' ')` without the empty pieces, on any text: leading, trailing
    /// and double spaces, other whitespace (not a separator here), non-ASCII letters.
    #[test]
    fn words_equal_split_at_spaces() {
        for s in [
            "",
            " ",
            "  ",
            "een",
            "een twee drie",
            " een  twee ",
            "a\tb c\n",
            "dietist coordinatie ﬁets é",
            "x",
            "  x",
            "x  ",
        ] {
            let expected: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
            assert_eq!(words(s).collect::<Vec<_>>(), expected, "{s:?}");
        }
    }

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

    /// The definition `norm` had before its ASCII runs were copied whole: character by
    /// character, NFKD per character, combining marks dropped, lowercase, other characters one
    /// space. The fast path must agree with it on every string.
    fn norm_char_by_char(s: &str) -> String {
        let mut out = String::new();
        let mut space = true;
        let mut push = |ch: char, out: &mut String| {
            if ch.is_alphanumeric() {
                out.extend(ch.to_lowercase());
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        };
        for ch in s.chars() {
            unicode_normalization::char::decompose_compatible(ch, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    push(d, &mut out);
                }
            });
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    #[test]
    fn norm_equals_the_char_by_char_definition() {
        // Every ordered pair and triple of these pieces: ASCII runs, punctuation, whitespace,
        // accented and decomposed letters, ligatures, dashes, quotes, digits, Greek, CJK.
        let pieces = [
            "", "a", "Z", "9", " ", "\t\n", "-", "–", "’", "ë", "e\u{308}", "É", "ﬁ", "ß", "İ",
            "Ω", "中", "½", "x²", "WSV", "Den Haag", "…", "\u{a0}",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(norm(&s), norm_char_by_char(&s), "{s:?}");
                }
            }
        }
    }

    /// The byte table gives what the character tests give, for every ASCII character (NUL and
    /// DEL included), alone and between letters.
    #[test]
    fn norm_of_each_ascii_character() {
        for b in 0u8..128 {
            let c = char::from(b);
            for s in [c.to_string(), format!("a{c}B"), format!("{c}{c}x{c}")] {
                assert_eq!(norm(&s), norm_char_by_char(&s), "{b}");
            }
        }
    }

    /// The buffer-reusing forms give exactly what `norm` gives: appended after what the buffer
    /// held, and over pieces as over their concatenation (also when a piece ends or starts inside
    /// a run of punctuation, or is empty).
    #[test]
    fn norm_into_and_pieces_equal_norm() {
        let mut buf = String::from("al er ");
        norm_into(" Diëtist – ", &mut buf);
        assert_eq!(buf, "al er dietist");
        norm_into("", &mut buf);
        assert_eq!(buf, "al er dietist");
        let pieces = ["Den Haag –", " ", "", "– Escamp,", "\n", "ﬁets ", "É"];
        let mut out = String::from("x");
        let mut n = Normaliser::new(&mut out);
        for p in pieces {
            n.push(p);
        }
        n.finish();
        assert_eq!(out, format!("x{}", norm(&pieces.concat())));
        assert_eq!(out, "xden haag escamp fiets e");
        let mut words = Vec::new();
        for_each_word(" Thema’s,  activiteiten ", &mut buf, |w| {
            words.push(w.to_string())
        });
        assert_eq!(words, ["thema", "s", "activiteiten"]);
    }
}
