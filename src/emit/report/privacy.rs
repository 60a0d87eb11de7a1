//! Privacy by default: the report goes to every WSV, so it shows no personal names and no contact
//! details. Names are taken from section 1 of every plan (aanjagers, aanspreekpunt RESV, the
//! person a budgethouder is addressed to, kernteamleden) and masked wherever they occur in any
//! text the report shows (a theme's "trekker", a quoted §8, a file name). E-mail addresses and
//! phone numbers are masked in every mode: the report is for comparing, not for contacting.
//! `--namen` (internal use) shows the names.
//!
//! Why it looks like this:
//! - A name is masked as a whole ("Joost van Dijk") and by its parts ("Joost", "van Dijk",
//!   "Dijk"), case-sensitively and as whole words, so "trekker: Joost" is masked too but the word
//!   "bos" is not taken for the surname "Bos". Parts that are also words of a WSV, stadsdeel,
//!   gemeente or wijk name are kept, so "Laak" stays readable if someone is called Laak.
//! - One Aho-Corasick automaton for all names and the `regex` crate for contact details: linear in
//!   the text, whatever a document holds.

use crate::domain::Wijkplan;
use crate::snapshot::Snapshot;
use crate::text::norm;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

pub const NAAM: &str = "[naam]";
pub const EMAIL: &str = "[e-mailadres]";
pub const TELEFOON: &str = "[telefoonnummer]";

/// Particles of Dutch (and Arabic, French) surnames: lowercase inside a name, never a name alone.
const TUSSENVOEGSELS: [&str; 16] = [
    "van", "de", "der", "den", "het", "ter", "ten", "te", "el", "al", "la", "le", "du", "da", "op",
    "in",
];

/// Words that make a phrase an organisation or a role rather than a person.
const ORGANISATIE: [&str; 24] = [
    "praktijk",
    "apothe",
    "welzijn",
    "stichting",
    "centrum",
    "centra",
    "huisarts",
    "fysio",
    "florence",
    "verpleg",
    "gemeente",
    "zorg",
    "team",
    "wsv",
    "netwerk",
    "kontakt",
    "dietist",
    "wijk",
    "buurt",
    "ggd",
    "gezondheid",
    "organisatie",
    "discipline",
    "naam",
];

fn email_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+").expect("e-mail regex")
    })
}

/// Dutch phone numbers: `06 184 255 61`, `06-12345678`, `070 - 123 45 67`, `(070) 1234567`,
/// `+31 6 1234 5678`, `0031 70 …`: a leading 0 (or +31/0031) and nine more digits, with at most
/// a few separators between them. Amounts (`€ 1.450,-`) and years do not start with 0.
fn telefoon_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:\+31|\b0031|\b0)(?:[ \-.()]{0,3}\d){9}\b").expect("telefoon regex")
    })
}

/// Mask e-mail addresses and phone numbers.
pub fn mask_contact(text: &str) -> Cow<'_, str> {
    if !text.contains('@') && !text.bytes().any(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(text);
    }
    let t = email_re().replace_all(text, EMAIL);
    if !telefoon_re().is_match(&t) {
        return t;
    }
    let mut out = String::with_capacity(t.len());
    let mut pos = 0;
    for m in telefoon_re().find_iter(&t) {
        let mut start = m.start();
        // "(070) 123 45 67": the number starts at the 0; its opening bracket belongs to it when
        // the match holds the closing one.
        let gesloten = m
            .as_str()
            .find(')')
            .is_some_and(|c| !m.as_str()[..c].contains('('));
        if gesloten && t[pos..start].ends_with('(') {
            start -= 1;
        }
        out.push_str(&t[pos..start]);
        out.push_str(TELEFOON);
        pos = m.end();
    }
    out.push_str(&t[pos..]);
    Cow::Owned(out)
}

/// A person as section 1 names them: name and, where the plan says it, organisation or role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Persoon {
    pub naam: String,
    pub organisatie: Option<String>,
}

fn is_tussenvoegsel(w: &str) -> bool {
    TUSSENVOEGSELS.contains(&w) || w == "'t" || w == "van't"
}

/// Whether a phrase reads as a person's name: one to five words, no digits, every word
/// capitalised (an initial like "A." too) or a particle, and no organisation word.
fn lijkt_naam(s: &str) -> bool {
    let woorden: Vec<&str> = s.split_whitespace().collect();
    if woorden.is_empty() || woorden.len() > 5 || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let n = norm(s);
    if ORGANISATIE.iter().any(|o| n.contains(o)) {
        return false;
    }
    woorden
        .iter()
        .all(|w| is_tussenvoegsel(w) || w.chars().next().is_some_and(char::is_uppercase))
        && woorden.iter().any(|w| !is_tussenvoegsel(w))
}

fn schoon(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '-' | '–'))
}

/// Strip titles ("dhr.", "mw.", "dr.") in front of a name.
fn zonder_titel(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let lower = s.to_lowercase();
        let Some(t) = [
            "dhr. ", "mw. ", "mevr. ", "mevrouw ", "meneer ", "dr. ", "drs. ", "ir. ",
        ]
        .iter()
        .find(|t| lower.starts_with(**t)) else {
            return s;
        };
        s = s[t.len()..].trim_start();
    }
}

/// Persons in a list field ("Fatima el Amrani (Huisartsenpraktijk De Vaart) en Joost van Dijk
/// (Xtra Welzijn)"): parts between `en`, `,`, `;`, `/`, `&` or line breaks; the text in brackets
/// is the organisation or role.
pub fn personen_uit_lijst(v: &str) -> Vec<Persoon> {
    let mut out = Vec::new();
    // Split outside brackets only.
    let mut delen: Vec<(String, Option<String>)> = Vec::new();
    let (mut naam, mut org, mut diepte) = (String::new(), String::new(), 0usize);
    let mut flush = |naam: &mut String, org: &mut String| {
        let o = schoon(org).to_string();
        delen.push((std::mem::take(naam), (!o.is_empty()).then_some(o)));
        org.clear();
    };
    let chars: Vec<char> = v.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' => diepte += 1,
            ')' => diepte = diepte.saturating_sub(1),
            _ if diepte > 0 => org.push(c),
            ',' | ';' | '/' | '&' | '\n' | '\t' => flush(&mut naam, &mut org),
            ' ' if chars.get(i + 1..i + 4) == Some(&['e', 'n', ' ']) => {
                flush(&mut naam, &mut org);
                i += 3;
                continue;
            }
            _ => naam.push(c),
        }
        i += 1;
    }
    flush(&mut naam, &mut org);
    for (naam, org) in delen {
        let naam = zonder_titel(schoon(&naam));
        if lijkt_naam(naam) {
            out.push(Persoon {
                naam: naam.to_string(),
                organisatie: org,
            });
        }
    }
    out
}

/// The person a budgethouder is addressed to ("Stichting X, t.a.v. Marieke Verbeek").
pub fn personen_uit_budgethouder(v: &str) -> Vec<Persoon> {
    let lower = v.to_lowercase();
    for marker in [
        "t.a.v.",
        "t.a.v",
        "tav ",
        "ter attentie van",
        "attn",
        "contactpersoon",
    ] {
        if let Some(pos) = lower.find(marker) {
            let rest = &v[pos + marker.len()..];
            return personen_uit_lijst(rest);
        }
    }
    Vec::new()
}

/// Kernteam members: one per line (a nested table row gives `naam<TAB>organisatie<TAB>discipline`),
/// or one paragraph per member (`Naam, Organisatie, discipline`, `Naam – Organisatie – discipline`,
/// `Naam, Organisatie (discipline)`): the name is the first field.
pub fn personen_uit_kernteam(v: &str) -> Vec<Persoon> {
    let mut out = Vec::new();
    for regel in v.lines() {
        let regel = regel.trim();
        if regel.is_empty() {
            continue;
        }
        let velden: Vec<&str> = regel
            .split(['\t', ',', ';', '(', ')', '–', '—', '|'])
            .map(schoon)
            .filter(|f| !f.is_empty())
            .collect();
        let Some(eerste) = velden.first() else {
            continue;
        };
        let eerste = zonder_titel(eerste);
        if lijkt_naam(eerste) {
            let rest: Vec<&str> = velden[1..].to_vec();
            out.push(Persoon {
                naam: eerste.to_string(),
                organisatie: (!rest.is_empty()).then(|| rest.join(", ")),
            });
        }
    }
    out
}

/// Every person section 1 of a plan names.
pub fn persoonsnamen(p: &Wijkplan) -> Vec<String> {
    let v = &p.velden;
    let mut namen: Vec<String> = Vec::new();
    let mut voeg = |ps: Vec<Persoon>| {
        for x in ps {
            if !namen.contains(&x.naam) {
                namen.push(x.naam);
            }
        }
    };
    if let Some(w) = &v.aanjagers.waarde {
        voeg(personen_uit_lijst(w));
    }
    if let Some(w) = &v.aanspreekpunt_resv.waarde {
        voeg(personen_uit_lijst(w));
    }
    if let Some(w) = &v.budgethouder.waarde {
        voeg(personen_uit_budgethouder(w));
    }
    if let Some(w) = &v.kernteamleden.waarde {
        voeg(personen_uit_kernteam(w));
    }
    namen
}

/// The masking of one report.
pub struct Privacy {
    namen_tonen: bool,
    /// Names and name parts; `None` when there is nothing to mask (or names are shown).
    namen: Option<AhoCorasick>,
}

impl Privacy {
    pub fn new(s: &Snapshot, namen_tonen: bool) -> Privacy {
        if namen_tonen {
            return Privacy {
                namen_tonen,
                namen: None,
            };
        }
        // Words that must stay readable: the WSVs' and places' own names.
        // Sets: a register of a thousand WSVs has thousands of names and place words.
        let mut plaatswoorden: HashSet<String> = HashSet::new();
        for r in &s.wsvs {
            let pl = &r.plaatsing;
            let namen = std::iter::once(r.wsv.as_str())
                .chain(pl.gemeente.as_deref())
                .chain(pl.stadsdeel.as_deref())
                .chain(pl.wijken.iter().map(String::as_str));
            for n in namen {
                plaatswoorden.extend(n.split(|c: char| !c.is_alphanumeric()).map(str::to_string));
            }
        }
        let mut patronen: Vec<String> = Vec::new();
        let mut gezien: HashSet<String> = HashSet::new();
        let mut voeg = |p: &str| {
            let p = p.trim();
            if p.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !p
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .all(|w| plaatswoorden.contains(w))
                && gezien.insert(p.to_string())
            {
                patronen.push(p.to_string());
            }
        };
        let plannen = s.wsvs.iter().flat_map(|r| {
            r.plan
                .iter()
                .map(|(_, p)| p)
                .chain(r.eerdere_versies.iter().map(|(_, p)| p))
        });
        for p in plannen {
            for naam in persoonsnamen(p) {
                voeg(&naam);
                let woorden: Vec<&str> = naam.split_whitespace().collect();
                // Given name (not an initial).
                if let Some(eerste) = woorden.first() {
                    if !eerste.ends_with('.') && !is_tussenvoegsel(eerste) {
                        voeg(eerste);
                    }
                }
                // Surname with its particles, as written and capitalised ("van Dijk", "Van Dijk").
                if let Some(start) = woorden.iter().skip(1).position(|w| is_tussenvoegsel(w)) {
                    let achter = woorden[start + 1..].join(" ");
                    voeg(&achter);
                    let mut cap = achter.clone();
                    if let Some(c) = cap.get(0..1) {
                        cap.replace_range(0..1, &c.to_uppercase());
                    }
                    voeg(&cap);
                }
                if woorden.len() > 1 {
                    if let Some(laatste) = woorden.last() {
                        voeg(laatste);
                    }
                }
            }
        }
        let namen = if patronen.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&patronen)
                .ok()
        };
        Privacy { namen_tonen, namen }
    }

    pub fn namen_tonen(&self) -> bool {
        self.namen_tonen
    }

    /// The text as the report may show it.
    pub fn mask<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let t = mask_contact(text);
        let Some(ac) = &self.namen else {
            return t;
        };
        match mask_namen(ac, &t) {
            Some(o) => Cow::Owned(o),
            None => t,
        }
    }
}

fn woordteken(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '\'')
}

/// Replace every whole-word occurrence of a pattern by [`NAAM`], the longest at each place. `None`
/// when nothing matched.
fn mask_namen(ac: &AhoCorasick, text: &str) -> Option<String> {
    // All matches (overlapping), whole words only; then the earliest, longest ones that do not
    // overlap. Overlapping search so a longer match that fails the word test ("Mark Visserij")
    // still leaves the shorter valid one ("Mark").
    let mut hits: Vec<(usize, usize)> = ac
        .find_overlapping_iter(text)
        .map(|m| (m.start(), m.end()))
        .filter(|&(a, b)| {
            !woordteken(text[..a].chars().next_back()) && !woordteken(text[b..].chars().next())
        })
        .collect();
    if hits.is_empty() {
        return None;
    }
    hits.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (a, b) in hits {
        if a < pos {
            continue;
        }
        out.push_str(&text[pos..a]);
        out.push_str(NAAM);
        pos = b;
    }
    out.push_str(&text[pos..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_fields_give_names_and_organisations() {
        assert_eq!(
            personen_uit_lijst(
                "Fatima el Amrani (Huisartsenpraktijk De Vaart) en Joost van Dijk (Xtra Welzijn)"
            ),
            [
                Persoon {
                    naam: "Fatima el Amrani".into(),
                    organisatie: Some("Huisartsenpraktijk De Vaart".into())
                },
                Persoon {
                    naam: "Joost van Dijk".into(),
                    organisatie: Some("Xtra Welzijn".into())
                }
            ]
        );
        let n: Vec<String> = personen_uit_lijst("Karin Smit (GC Moerwijk), Youssef Amrani")
            .into_iter()
            .map(|p| p.naam)
            .collect();
        assert_eq!(n, ["Karin Smit", "Youssef Amrani"]);
        assert!(personen_uit_lijst("[invullen]").is_empty());
        assert!(personen_uit_lijst("Huisartsenpraktijk Oostdorp").is_empty());
        assert_eq!(
            personen_uit_budgethouder(
                "Stichting Gezondheidscentrum Laakkwartier, t.a.v. Marieke Verbeek"
            )[0]
            .naam,
            "Marieke Verbeek"
        );
        assert!(personen_uit_budgethouder("Welzijn Rijswijk").is_empty());
    }

    #[test]
    fn kernteam_lines_in_each_layout() {
        let namen = |v: &str| -> Vec<String> {
            personen_uit_kernteam(v)
                .into_iter()
                .map(|p| p.naam)
                .collect()
        };
        assert_eq!(
            namen("Naam\tOrganisatie\tDiscipline\nFatima el Amrani\tHuisartsenpraktijk De Vaart\thuisarts"),
            ["Fatima el Amrani"]
        );
        assert_eq!(
            namen("Peter de Wit – Huisartsenpraktijk Leyenburg – huisarts\nGerda Hoek – Florence wijkverpleging – wijkverpleging"),
            ["Peter de Wit", "Gerda Hoek"]
        );
        assert_eq!(
            namen("Hans Vos, Huisartsenpraktijk Oostdorp (huisarts)\nMarloes Verhoef, Sociaal Kontakt Wassenaar (welzijn)"),
            ["Hans Vos", "Marloes Verhoef"]
        );
    }

    #[test]
    fn contact_details_are_masked() {
        assert_eq!(
            mask_contact("Bel 06 184 255 61 of mail avolmer@reos.nl."),
            "Bel [telefoonnummer] of mail [e-mailadres]."
        );
        assert_eq!(
            mask_contact("(070) 123 45 67, +31 6 12345678 en 070-1234567"),
            "[telefoonnummer], [telefoonnummer] en [telefoonnummer]"
        );
        assert_eq!(
            mask_contact("Esther (06-12345678) of 0031 70 1234567."),
            "Esther ([telefoonnummer]) of [telefoonnummer]."
        );
        // Amounts, years, postcodes and counts stay.
        for t in [
            "€ 61.500,00 in 2025–2026",
            "2513 AB Den Haag",
            "18.432 inwoners",
            "4 keer per jaar",
        ] {
            assert_eq!(mask_contact(t), t);
        }
    }

    #[test]
    fn names_and_their_parts_are_masked_as_whole_words() {
        let mut s = crate::emit::tests::sample();
        let aanjagers = |s: &mut Snapshot, v: &str| {
            s.wsvs[0].plan.as_mut().unwrap().1.velden.aanjagers.waarde = Some(v.into());
        };
        aanjagers(&mut s, "Joost van Dijk (Xtra Welzijn) en Ruud Bos");
        let pr = Privacy::new(&s, false);
        assert_eq!(
            pr.mask(
                "Trekker: Joost van Dijk; daarna Joost, Van Dijk en Bos. Het bos, Dijkstra, Bosch."
            ),
            "Trekker: [naam]; daarna [naam], [naam] en [naam]. Het bos, Dijkstra, Bosch."
        );
        // The WSV's own name is never masked, even when a surname equals it.
        aanjagers(&mut s, "Anna Laak-Noord");
        let pr = Privacy::new(&s, false);
        assert_eq!(pr.mask("WSV Laak-Noord"), "WSV Laak-Noord");
        let open = Privacy::new(&s, true);
        assert_eq!(
            open.mask("Joost van Dijk, joost@x.nl"),
            "Joost van Dijk, [e-mailadres]"
        );
    }
}
