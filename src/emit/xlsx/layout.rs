//! How wide a column of the workbook is and how tall a row, so a sheet prints legibly and one
//! page wide (issue 14: the 27 columns of the overview printed at 1.9 pt).
//!
//! What decides the printed letter size is how many characters stand side by side across the
//! page: "fit to one page wide" scales the sheet until its columns fit, whatever the font. So
//! long texts wrap inside narrow columns and the rows grow instead. Neither Excel nor LibreOffice
//! grows a row for wrapped text in a generated file (LibreOffice keeps the stored height), so the
//! row heights are computed here, from the text, with Calibri's character widths and one line
//! of Excel's 15 points. That errs on the tall side: LibreOffice prints Calibri as Carlito (the
//! same widths) where that is installed and otherwise as a wider font (DejaVu Sans, 10–15 %
//! wider, on the machine `make check-workbook` ran on), whose lines are shorter, so a row keeps
//! room for its text either way.
//!
//! Widths are in Excel's column unit: the width of the digit `0` of the default font (Calibri
//! 11). Everything here is linear in the length of the text.

/// The width of one character in digit widths: Calibri's advance widths (2048 units per em)
/// divided by the digit's (1038), rounded up a little. Characters not listed count as a digit,
/// which over-estimates most accented letters slightly: a row then gets a line too many rather
/// than a line cut off.
fn char_units(c: char) -> f64 {
    match c {
        ' ' => 0.45,
        'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.5,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '–' | 'J' | '/' => 0.7,
        's' | 'z' | 'c' | 'x' | 'L' | 'F' | 'S' | 'Z' | 'E' | 'T' | 'Y' => 0.95,
        'm' | 'M' | 'W' => 1.7,
        'w' => 1.45,
        'D' | 'G' | 'H' | 'N' | 'O' | 'Q' | 'U' => 1.3,
        'A'..='Z' => 1.15,
        _ => 1.0,
    }
}

/// The width of `s` on one line, in digit widths.
pub fn units(s: &str) -> f64 {
    s.chars().map(char_units).sum()
}

/// How many lines `s` takes in a wrapped cell whose text area is `width` digit widths wide,
/// breaking as Excel and LibreOffice do: at spaces and line breaks, and a word wider than the
/// column where it reaches the edge. Stops counting at `max` (a row cannot be taller than
/// Excel's 409 points anyway).
pub fn lines(s: &str, width: f64, max: usize) -> usize {
    let width = width.max(1.0);
    let mut n = 1;
    for (i, para) in s.split('\n').enumerate() {
        if i > 0 {
            n += 1;
        }
        let mut cur = 0.0;
        for word in para.split_whitespace() {
            if n >= max {
                return max;
            }
            let w = units(word);
            let need = if cur > 0.0 {
                cur + char_units(' ') + w
            } else {
                w
            };
            if need <= width {
                cur = need;
                continue;
            }
            if cur > 0.0 {
                n += 1;
                cur = 0.0;
            }
            if w <= width {
                cur = w;
                continue;
            }
            for c in word.chars() {
                let cw = char_units(c);
                if cur > 0.0 && cur + cw > width {
                    n += 1;
                    cur = 0.0;
                    if n >= max {
                        return max;
                    }
                }
                cur += cw;
            }
        }
    }
    n.min(max)
}

/// An amount as the euro format shows it: `€ 123.894,00`, `-€ 1.606,00` (for its width).
pub fn shown_amount(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}€ {},{:02}", thousands(abs / 100), abs % 100)
}

/// A whole number with a dot every three digits: `65.449`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_calibri_roughly() {
        // Eight digits are eight units; narrow and wide letters count less and more.
        assert_eq!(units("12345678"), 8.0);
        assert!(units("iiii") < units("mmmm") / 3.0);
        assert!(units("€ 123.894,00") < 12.0 && units("€ 123.894,00") > 10.0);
    }

    #[test]
    fn wrapping_breaks_at_spaces_then_inside_long_words() {
        assert_eq!(lines("", 10.0, 30), 1);
        assert_eq!(lines("Den Haag", 10.0, 30), 1);
        // "Duinoord en Vogelwijk" is about 19 units: two lines in 12, at the space.
        assert_eq!(lines("Duinoord en Vogelwijk", 12.0, 30), 2);
        // A line break starts a new line.
        assert_eq!(lines("a\nb\n\nc", 10.0, 30), 4);
        // 40 digits without a space in a column of 10: four lines.
        assert_eq!(lines(&"0".repeat(40), 10.0, 30), 4);
        // Codes joined by " | " stay whole when they fit.
        let codes = "STADSDEEL_OVER_BUDGET | BUDGET_OVER_SHARE";
        assert_eq!(lines(codes, units("STADSDEEL_OVER_BUDGET | "), 30), 2);
    }

    #[test]
    fn line_count_stops_at_the_maximum_and_stays_linear() {
        let long = "woord ".repeat(200_000);
        assert_eq!(lines(&long, 10.0, 27), 27);
        assert_eq!(lines(&"x".repeat(1_000_000), 10.0, 27), 27);
    }

    #[test]
    fn amounts_shown_as_the_euro_format() {
        assert_eq!(shown_amount(12_389_400), "€ 123.894,00");
        assert_eq!(shown_amount(-160_600), "-€ 1.606,00");
        assert_eq!(shown_amount(5), "€ 0,05");
        assert_eq!(thousands(1_000_000), "1.000.000");
        assert_eq!(thousands(999), "999");
    }
}
