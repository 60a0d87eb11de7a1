//! Small inline SVG bar charts, written as text by the product (no script, no external file, no
//! chart library): the page must open offline from a mail attachment and print as it shows.
//!
//! Why it looks like this:
//! - Horizontal bars with the label on the left and the value written beside each bar, so the
//!   chart reads without a colour legend and long Dutch labels ("Chronische zorg en acute zorg")
//!   need no rotation.
//! - A fixed `viewBox` scaled by CSS (`width:100%`): the chart never overflows its column.
//! - Every label is document or domain text: it goes through [`escape`] inside `<text>` and
//!   `<title>` (the tooltip), never into an attribute.

use super::escape;
use std::fmt::Write;

const BREEDTE: u32 = 560;
const LABEL: u32 = 230;
const BALK_MAX: u32 = 220;
const RIJ: u32 = 24;

/// One bar: its label, its value (the length), and how the value is written.
pub struct Staaf {
    pub label: String,
    pub waarde: u64,
    pub tekst: String,
}

/// One group of the budget chart: what is available, and what is requested (None: no begroting).
pub struct Paar {
    pub label: String,
    pub beschikbaar: u64,
    pub aangevraagd: Option<u64>,
    pub tekst_beschikbaar: String,
    pub tekst_aangevraagd: String,
}

fn lengte(waarde: u64, max: u64) -> u32 {
    if max == 0 {
        return 0;
    }
    // At most BALK_MAX; u128 so a huge amount cannot overflow the product.
    let l = u128::from(waarde) * u128::from(BALK_MAX) / u128::from(max);
    u32::try_from(l.min(u128::from(BALK_MAX))).unwrap_or(BALK_MAX)
}

fn kop(out: &mut String, titel: &str, hoogte: u32) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {BREEDTE} {hoogte}\" role=\"img\" font-family=\"system-ui,Arial,sans-serif\" font-size=\"14\"><title>{}</title>",
        escape(titel)
    );
}

/// A label on the left, cut with an ellipsis when it would run into the bar (the full label is
/// in the bar's `<title>`).
fn label(out: &mut String, y: u32, tekst: &str) {
    const MAX_TEKENS: usize = 29;
    let kort: String = if tekst.chars().count() > MAX_TEKENS {
        let mut k: String = tekst.chars().take(MAX_TEKENS - 1).collect();
        k.push('…');
        k
    } else {
        tekst.to_string()
    };
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{y}\" text-anchor=\"end\" fill=\"#1d2327\">{}</text>",
        LABEL - 8,
        escape(&kort)
    );
}

/// A horizontal bar chart, one bar per item, longest value = full width.
pub fn staven(titel: &str, staven: &[Staaf]) -> String {
    let max = staven.iter().map(|s| s.waarde).max().unwrap_or(0);
    let hoogte = u32::try_from(staven.len()).unwrap_or(u32::MAX / RIJ).max(1) * RIJ + 8;
    let mut out = String::new();
    kop(&mut out, titel, hoogte);
    for (i, s) in (0u32..).zip(staven) {
        let y = 4 + i * RIJ;
        let l = lengte(s.waarde, max);
        label(&mut out, y + 16, &s.label);
        let _ = write!(
            out,
            "<g><title>{}: {}</title><rect x=\"{LABEL}\" y=\"{}\" width=\"{l}\" height=\"16\" fill=\"#3e8aa8\"/>\
             <text x=\"{}\" y=\"{}\" fill=\"#1d2327\">{}</text></g>",
            escape(&s.label),
            escape(&s.tekst),
            y + 3,
            LABEL + l + 6,
            y + 16,
            escape(&s.tekst)
        );
    }
    out.push_str("</svg>");
    out
}

/// The budget chart: per group a light bar (available) and a dark bar (requested) on one scale,
/// or the words "geen begroting" where nothing was requested because no begroting came in.
pub fn paren(titel: &str, paren: &[Paar]) -> String {
    const GROEP: u32 = 44;
    let max = paren
        .iter()
        .flat_map(|p| [Some(p.beschikbaar), p.aangevraagd])
        .flatten()
        .max()
        .unwrap_or(0);
    let hoogte = u32::try_from(paren.len())
        .unwrap_or(u32::MAX / GROEP)
        .max(1)
        * GROEP
        + 30;
    let mut out = String::new();
    kop(&mut out, titel, hoogte);
    // Legend on top.
    let _ = write!(
        out,
        "<rect x=\"{LABEL}\" y=\"4\" width=\"14\" height=\"12\" fill=\"#c5dfea\"/><text x=\"{}\" y=\"15\">beschikbaar</text>\
         <rect x=\"{}\" y=\"4\" width=\"14\" height=\"12\" fill=\"#0b4f6c\"/><text x=\"{}\" y=\"15\">aangevraagd</text>",
        LABEL + 18,
        LABEL + 120,
        LABEL + 138
    );
    for (i, p) in (0u32..).zip(paren) {
        let y = 28 + i * GROEP;
        label(&mut out, y + 22, &p.label);
        let lb = lengte(p.beschikbaar, max);
        let _ = write!(
            out,
            "<g><title>{}: beschikbaar {}</title><rect x=\"{LABEL}\" y=\"{}\" width=\"{lb}\" height=\"16\" fill=\"#c5dfea\"/>\
             <text x=\"{}\" y=\"{}\" fill=\"#1d2327\">{}</text></g>",
            escape(&p.label),
            escape(&p.tekst_beschikbaar),
            y + 2,
            LABEL + lb + 6,
            y + 15,
            escape(&p.tekst_beschikbaar)
        );
        match p.aangevraagd {
            Some(a) => {
                let la = lengte(a, max);
                let _ = write!(
                    out,
                    "<g><title>{}: aangevraagd {}</title><rect x=\"{LABEL}\" y=\"{}\" width=\"{la}\" height=\"16\" fill=\"#0b4f6c\"/>\
                     <text x=\"{}\" y=\"{}\" fill=\"#1d2327\">{}</text></g>",
                    escape(&p.label),
                    escape(&p.tekst_aangevraagd),
                    y + 20,
                    LABEL + la + 6,
                    y + 33,
                    escape(&p.tekst_aangevraagd)
                );
            }
            None => {
                let _ = write!(
                    out,
                    "<text x=\"{LABEL}\" y=\"{}\" fill=\"#6b7780\" font-style=\"italic\">{}</text>",
                    y + 33,
                    escape(&p.tekst_aangevraagd)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_labels_are_escaped() {
        let svg = staven(
            "Thema’s <per> WSV",
            &[
                Staaf {
                    label: "A & B".into(),
                    waarde: 9,
                    tekst: "9".into(),
                },
                Staaf {
                    label: "<script>".into(),
                    waarde: 3,
                    tekst: "3".into(),
                },
            ],
        );
        assert!(svg.contains("width=\"220\""), "{svg}");
        assert!(svg.contains("width=\"73\""), "{svg}");
        assert!(svg.contains("<title>Thema’s &lt;per&gt; WSV</title>"));
        assert!(svg.contains(">A &amp; B</text>"));
        assert!(!svg.contains("<script>"));
    }

    #[test]
    fn a_group_without_begroting_says_so_and_draws_no_bar() {
        let svg = paren(
            "Budget",
            &[Paar {
                label: "Centrum".into(),
                beschikbaar: 100,
                aangevraagd: None,
                tekst_beschikbaar: "€ 1,00".into(),
                tekst_aangevraagd: "geen begroting".into(),
            }],
        );
        assert!(svg.contains(">geen begroting</text>"));
        assert_eq!(svg.matches("fill=\"#0b4f6c\"").count(), 1, "legend only");
        assert!(!svg.contains("€ 0,00"));
    }
}
