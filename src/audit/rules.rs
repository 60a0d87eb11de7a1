//! One function per rule of seed 001 that looks at a single plan or begroting. Each returns its
//! findings with `bron` pointing at the field, cell or row it rests on; budget rules that need the
//! placement or the whole stadsdeel live in `audit.rs`.

use crate::domain::{
    Begroting, Cents, ChecklistItem, Code, Discipline, Finding, Regel, Thema, Wijkplan,
    HAAGLANDEN_GEZONDER, HAAGLANDEN_GEZONDER_ALGEMEEN, THEMA_NAMEN,
};
use crate::text::norm;
use crate::wijkindeling::nl_getal;
use std::collections::HashMap;

/// The minimum number of inhabitants a WSV serves (seed 001).
pub const MIN_INWONERS: u64 = 25_000;
/// Core disciplines a kernteam needs at least (of the five).
pub const MIN_DISCIPLINES: usize = 3;
/// Vacatiegeld per hour incl. btw, the same for everyone.
pub const VACATIE_TARIEF: Cents = Cents(8_000);
/// A stated total may differ this much from the sum of lines (rounding in the spreadsheet).
pub const SOM_TOLERANTIE: Cents = Cents(100);

pub fn inwoners_onder_minimum(inwoners: u64, voorbereiding: Cents, bron: &str) -> Option<Finding> {
    (inwoners < MIN_INWONERS).then(|| {
        Finding::new(
            Code::INWONERS_ONDER_MINIMUM,
            format!(
                "De WSV bedient {} inwoners, minder dan het minimum van {}, zodat het voorbereidingsbudget naar rato {} wordt.",
                nl_getal(inwoners),
                nl_getal(MIN_INWONERS),
                voorbereiding.nl()
            ),
            bron,
        )
    })
}

pub fn budget_over_share(totaal: Cents, aandeel: Cents, bron: &str) -> Option<Finding> {
    (totaal > aandeel).then(|| {
        Finding::new(
            Code::BUDGET_OVER_SHARE,
            format!(
                "Begroting {} ligt {} boven het aandeel van {}.",
                totaal.nl(),
                Cents(totaal.0 - aandeel.0).nl(),
                aandeel.nl()
            ),
            bron,
        )
    })
}

fn join_nl(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

pub fn disciplines(plan: &Wijkplan, bron: &str) -> Option<Finding> {
    let present: Vec<Discipline> = Discipline::ALL
        .into_iter()
        .filter(|d| plan.kerndisciplines.contains(d))
        .collect();
    if present.len() >= MIN_DISCIPLINES {
        return None;
    }
    let missing: Vec<String> = Discipline::ALL
        .into_iter()
        .filter(|d| !present.contains(d))
        .map(|d| d.as_str().to_string())
        .collect();
    let names: Vec<String> = present.iter().map(|d| d.as_str().to_string()).collect();
    let have = if names.is_empty() {
        "Het kernteam noemt geen van de 5 kerndisciplines".to_string()
    } else {
        format!(
            "Het kernteam heeft {} van de 5 kerndisciplines ({})",
            names.len(),
            join_nl(&names)
        )
    };
    Some(Finding::new(
        Code::DISCIPLINES_ONDER_MINIMUM,
        format!(
            "{have}, minimaal {MIN_DISCIPLINES} nodig; er ontbreken {}.",
            join_nl(&missing)
        ),
        bron,
    ))
}

pub fn som_afwijking(b: &Begroting, bron: &str) -> Option<Finding> {
    let stated = b.totaal_opgegeven?;
    let som = b.som_regels();
    let diff = Cents((stated.0 - som.0).abs());
    (diff > SOM_TOLERANTIE).then(|| {
        Finding::new(
            Code::BEGROTING_SOM_AFWIJKING,
            format!(
                "Het opgegeven totaal van {} wijkt {} af van de som van de regels ({}).",
                stated.nl(),
                diff.nl(),
                som.nl()
            ),
            bron,
        )
    })
}

/// A spreadsheet begroting and a budget table in the plan that state different totals: the
/// spreadsheet is the begroting, but one of the two is out of date, and a reader of the plan sees
/// another amount than the RESV counts. Within [`SOM_TOLERANTIE`] is rounding.
pub fn plan_begroting_afwijking(
    spreadsheet: &Begroting,
    spreadsheet_file: &str,
    plan: &Begroting,
    plan_file: &str,
) -> Option<Finding> {
    let (s, p) = (spreadsheet.totaal(), plan.totaal());
    let diff = Cents((s.0 - p.0).abs());
    (diff > SOM_TOLERANTIE).then(|| {
        let plan_bron = plan
            .totaal_bron
            .clone()
            .filter(|_| plan.totaal_opgegeven.is_some())
            .unwrap_or_else(|| plan_file.to_string());
        Finding::new(
            Code::BEGROTING_PLAN_AFWIJKING,
            format!(
                "De begroting {spreadsheet_file} komt op {}, de begrotingstabel in het wijkplan ({plan_bron}) op {}: {} verschil. Geteld wordt de begroting {spreadsheet_file}.",
                s.nl(),
                p.nl(),
                diff.nl()
            ),
            plan_bron,
        )
    })
}

/// Hours in Dutch notation: `10`, `12,5`, `0,25`.
fn nl_uren(u: f64) -> String {
    let s = format!("{:.2}", u);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

fn regel_naam(r: &Regel) -> String {
    let post = r.post.trim();
    if post.is_empty() {
        r.omschrijving.as_deref().unwrap_or("").trim().to_string()
    } else {
        post.to_string()
    }
}

/// `uren × tarief` in cents, rounded half away from zero; None when not finite.
fn product(uren: f64, tarief: Cents) -> Option<Cents> {
    let v = (uren * tarief.0 as f64).round();
    (v.is_finite() && v.abs() < 1e15).then_some(Cents(v as i64))
}

/// One finding per vacatie line whose rate is not €80 or whose hours × rate is not its amount.
pub fn vacatie(b: &Begroting) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in b.regels.iter().filter(|r| r.vacatie) {
        let naam = regel_naam(r);
        let off = |expected: Cents| (expected.0 - r.bedrag.0).abs() > 1;
        let bericht = match (r.tarief, r.uren) {
            (Some(t), uren) if t != VACATIE_TARIEF => {
                let mut m = format!("Vacatieregel ‘{naam}’ rekent {} per uur in plaats van {}", t.nl(), VACATIE_TARIEF.nl());
                if let Some((u, exp)) = uren.and_then(|u| Some((u, product(u, t)?))).filter(|(_, e)| off(*e)) {
                    m.push_str(&format!(
                        ", en {} uur × {} = {} is niet het bedrag van {}",
                        nl_uren(u),
                        t.nl(),
                        exp.nl(),
                        r.bedrag.nl()
                    ));
                }
                Some(m + ".")
            }
            (Some(t), Some(u)) => product(u, t).filter(|e| off(*e)).map(|exp| {
                format!(
                    "Vacatieregel ‘{naam}’: {} uur × {} = {}, maar het bedrag is {}.",
                    nl_uren(u),
                    t.nl(),
                    exp.nl(),
                    r.bedrag.nl()
                )
            }),
            (None, Some(u)) if u > 0.0 => product(u, VACATIE_TARIEF).filter(|e| off(*e)).and_then(|_| {
                let per_uur = Cents::from_euros(r.bedrag.euros() / u)?;
                Some(format!(
                    "Vacatieregel ‘{naam}’ komt uit op {} per uur ({} voor {} uur) in plaats van {}.",
                    per_uur.nl(),
                    r.bedrag.nl(),
                    nl_uren(u),
                    VACATIE_TARIEF.nl()
                ))
            }),
            _ => None,
        };
        if let Some(m) = bericht {
            // A rate other than € 80 points at the rate cell; hours × rate ≠ amount (or a rate
            // implied by the amount) at the amount cell.
            let bron = match (r.tarief, &r.tarief_bron) {
                (Some(t), Some(cell)) if t != VACATIE_TARIEF => cell.clone(),
                _ => r.bron.clone(),
            };
            out.push(Finding::new(Code::VACATIE_TARIEF_AFWIJKEND, m, bron));
        }
    }
    out
}

const THEMA_STOPWORDS: [&str; 14] = [
    "en", "de", "het", "een", "van", "voor", "met", "in", "op", "naar", "zorg", "thema", "wijk",
    "the",
];

/// The name a theme goes by: the WSV's text without its leading number, or the sjabloon's name.
pub fn thema_naam(t: &Thema) -> String {
    let own = t.naam.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || c == '.' || c == ')'
    });
    if own.chars().any(char::is_alphanumeric) {
        return own.trim().to_string();
    }
    usize::try_from(t.nummer)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| THEMA_NAMEN.get(i))
        .map(|s| s.to_string())
        .unwrap_or_default()
}

fn significant(text: &str) -> Vec<String> {
    norm(text)
        .split(' ')
        .filter(|w| {
            w.chars().count() >= 3
                && !THEMA_STOPWORDS.contains(w)
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_string)
        .collect()
}

/// Words match when equal, or when the shorter (at least 5 letters) is inside the longer
/// (`ouderen`/`ouderenzorg`, `preventie`/`valpreventie`).
fn words_match(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    a == b || (short.chars().count() >= 5 && long.contains(short))
}

/// The theme number a `thema` cell gives: `2`, `Thema 2`, `2. Preventie`.
fn thema_nummer(text: &str) -> Option<u32> {
    let n = norm(text);
    let mut words = n.split(' ').peekable();
    if words.peek() == Some(&"thema") {
        words.next();
    }
    words
        .next()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .and_then(|w| w.parse().ok())
}

/// Distinct words in first-seen order, each with its index: what a theme or line refers to.
#[derive(Default)]
struct WordSet {
    words: Vec<String>,
    index: HashMap<String, usize>,
}

impl WordSet {
    fn add(&mut self, w: String) -> usize {
        if let Some(&i) = self.index.get(&w) {
            return i;
        }
        let i = self.words.len();
        self.index.insert(w.clone(), i);
        self.words.push(w);
        i
    }
}

/// The words of `inside` (at least 5 characters) that occur in a word of `texts`, as
/// (text index, inside index) pairs, each pair once. Aho-Corasick over `inside`, so the cost is
/// the length of the texts plus the matches, not |texts| × |inside|.
fn contained(texts: &[String], inside: &[String]) -> Vec<(usize, usize)> {
    let ids: Vec<usize> = (0..inside.len())
        .filter(|&i| inside.get(i).is_some_and(|w| w.chars().count() >= 5))
        .collect();
    let mut out = Vec::new();
    if ids.is_empty() {
        return out;
    }
    let patterns = ids.iter().filter_map(|&i| inside.get(i));
    match aho_corasick::AhoCorasick::new(patterns) {
        Ok(ac) => {
            for (t, text) in texts.iter().enumerate() {
                let Ok(it) = ac.try_find_overlapping_iter(text.as_str()) else {
                    continue;
                };
                for m in it {
                    if let Some(&i) = ids.get(m.pattern().as_usize()) {
                        out.push((t, i));
                    }
                }
            }
        }
        // Too many patterns for an automaton: compare pairwise rather than miss a match.
        Err(_) => {
            for (t, text) in texts.iter().enumerate() {
                for &i in &ids {
                    if inside.get(i).is_some_and(|w| text.contains(w.as_str())) {
                        out.push((t, i));
                    }
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Every pair (a, b) of distinct words with `words_match(a, b)`: equal, or the one of at least 5
/// letters inside the other. Found by hash and by [`contained`] both ways, never pair by pair.
fn matching_pairs(a: &WordSet, b: &WordSet) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = a
        .words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| b.index.get(w).map(|&j| (i, j)))
        .collect();
    out.extend(contained(&a.words, &b.words));
    out.extend(
        contained(&b.words, &a.words)
            .into_iter()
            .map(|(j, i)| (i, j)),
    );
    out.sort_unstable();
    out.dedup();
    debug_assert!(out.iter().all(|&(i, j)| a
        .words
        .get(i)
        .zip(b.words.get(j))
        .is_some_and(|(x, y)| words_match(x, y))));
    out
}

/// The theme numbers free text names as `thema N` (as `text_mentions` reads them: `N` exactly as
/// the number is written, so `thema 02` is no theme 2).
fn thema_nummers_in(text: &str) -> Vec<u32> {
    let n = norm(text);
    let words: Vec<&str> = n.split(' ').collect();
    words
        .windows(2)
        .filter_map(|w| match w {
            ["thema", num] => num.parse::<u32>().ok().filter(|v| v.to_string() == *num),
            _ => None,
        })
        .collect()
}

/// Themes of section 4 with content and no begroting line for them.
///
/// A line names a theme in its `thema` cell (by number, else by a word of the theme's name); a
/// line whose cell names none of the plan's themes, or that has no cell, may still say in its post
/// or description what it is for (`thema 2`, or a word of the name). Each theme is covered when
/// some line names it.
///
/// Computed in one pass over the lines and one over the themes, with indexes by number and by word
/// (issue 12: comparing every theme with every line, and each line again with every theme, took
/// minutes for a thousand of each).
pub fn thema_zonder_begroting(plan: &Wijkplan, b: &Begroting, plan_file: &str) -> Vec<Finding> {
    let themes: Vec<(&Thema, String)> = plan
        .themas
        .iter()
        .filter(|t| t.has_content())
        .map(|t| (t, thema_naam(t)))
        .collect();
    let mut by_number: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut theme_words = WordSet::default();
    let mut themes_of_word: Vec<Vec<usize>> = Vec::new();
    for (ti, (t, naam)) in themes.iter().enumerate() {
        by_number.entry(t.nummer).or_default().push(ti);
        for w in significant(naam) {
            let wi = theme_words.add(w);
            if themes_of_word.len() <= wi {
                themes_of_word.resize_with(wi + 1, Vec::new);
            }
            if let Some(list) = themes_of_word.get_mut(wi) {
                if list.last() != Some(&ti) {
                    list.push(ti);
                }
            }
        }
    }
    let mut covered = vec![false; themes.len()];
    let cover = |covered: &mut Vec<bool>, tis: &[usize]| {
        for &ti in tis {
            if let Some(c) = covered.get_mut(ti) {
                *c = true;
            }
        }
    };
    // Lines whose thema cell has words (no number): their words, to be matched all at once.
    let mut cell_words = WordSet::default();
    let mut cell_lines: Vec<(&Regel, Vec<usize>)> = Vec::new();
    // Lines whose post and description decide.
    let mut by_text: Vec<&Regel> = Vec::new();
    for r in &b.regels {
        let cell = r.thema.as_deref().map(str::trim).filter(|s| !s.is_empty());
        match cell.map(|c| (c, thema_nummer(c))) {
            Some((_, Some(n))) => match by_number.get(&n) {
                Some(tis) => cover(&mut covered, tis),
                // A number no theme of the plan has.
                None => by_text.push(r),
            },
            Some((c, None)) => {
                let ws = significant(c).into_iter().map(|w| cell_words.add(w));
                cell_lines.push((r, ws.collect()));
            }
            None => by_text.push(r),
        }
    }
    let mut cell_word_names_theme = vec![false; cell_words.words.len()];
    for (ci, twi) in matching_pairs(&cell_words, &theme_words) {
        if let Some(m) = cell_word_names_theme.get_mut(ci) {
            *m = true;
        }
        cover(
            &mut covered,
            themes_of_word.get(twi).map_or(&[][..], Vec::as_slice),
        );
    }
    for (r, ws) in cell_lines {
        if !ws
            .iter()
            .any(|&ci| cell_word_names_theme.get(ci) == Some(&true))
        {
            by_text.push(r);
        }
    }
    let mut text_words = WordSet::default();
    for r in by_text {
        let text = format!("{} {}", r.post, r.omschrijving.as_deref().unwrap_or(""));
        for n in thema_nummers_in(&text) {
            if let Some(tis) = by_number.get(&n) {
                cover(&mut covered, tis);
            }
        }
        for w in significant(&text) {
            text_words.add(w);
        }
    }
    for (_, twi) in matching_pairs(&text_words, &theme_words) {
        cover(
            &mut covered,
            themes_of_word.get(twi).map_or(&[][..], Vec::as_slice),
        );
    }
    let mut out = Vec::new();
    for ((t, naam), covered) in themes.iter().zip(covered) {
        if !covered {
            let bron = match t.cel_bronnen.get(3) {
                // A corrected middelen cell: the finding rests on the correction.
                Some(b) if b.starts_with("correctie:") => b.clone(),
                _ if t.bron.is_empty() => format!("{plan_file} §4 rij {}", t.nummer),
                _ => t.bron.clone(),
            };
            let label = if naam.is_empty() {
                format!("Thema {}", t.nummer)
            } else {
                format!("Thema {} ‘{naam}’", t.nummer)
            };
            let middelen = t.middelen.trim();
            let mut f = Finding::new(
                Code::THEMA_ZONDER_BEGROTING,
                if middelen.is_empty() {
                    format!("{label} heeft inhoud in het wijkplan maar geen regel in de begroting; de benodigde middelen zijn niet ingevuld.")
                } else if super::handreiking::anders_betaald(middelen) {
                    format!("{label} heeft inhoud in het wijkplan maar geen regel in de begroting; volgens de benodigde middelen (‘{middelen}’) wordt het thema anders betaald.")
                } else {
                    format!("{label} heeft inhoud in het wijkplan maar geen regel in de begroting; benodigde middelen: ‘{middelen}’.")
                },
                bron,
            );
            // Paid otherwise (eigen middelen, reguliere financiering, cofinanciering): nothing is
            // missing from the begroting, only worth knowing.
            if super::handreiking::anders_betaald(middelen) {
                f.ernst = crate::domain::Ernst::Info;
            }
            out.push(f);
        }
    }
    out
}

/// A checklist item shortened for a message: without its tick mark, at most ~45 characters.
fn kort(item: &ChecklistItem) -> String {
    let t = item
        .tekst
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim();
    if t.chars().count() <= 45 {
        return t.to_string();
    }
    let mut out = String::new();
    for w in t.split_whitespace() {
        if out.chars().count() + w.chars().count() + 1 > 45 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out + "…"
}

/// The places of several checklist items as one `bron`: `plan.docx §10 item 3 en 5` when they
/// share the part before ` item `, else each place in full, joined with `; `.
fn checklist_bron(items: &[&ChecklistItem]) -> String {
    let split = |b: &str| {
        b.rsplit_once(" item ")
            .map(|(p, n)| (p.to_string(), n.to_string()))
    };
    let parts: Option<Vec<(String, String)>> = items.iter().map(|c| split(&c.bron)).collect();
    match parts {
        Some(p) if p.len() > 1 && p.iter().all(|(pre, _)| *pre == p[0].0) => {
            let nummers: Vec<String> = p.iter().map(|(_, n)| n.clone()).collect();
            format!("{} items {}", p[0].0, join_nl(&nummers))
        }
        _ => items
            .iter()
            .map(|c| c.bron.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

pub fn checklist(plan: &Wijkplan) -> Option<Finding> {
    let open: Vec<&ChecklistItem> = plan.checklist.iter().filter(|c| !c.aangevinkt).collect();
    if open.is_empty() {
        return None;
    }
    let names: Vec<String> = open.iter().map(|c| format!("‘{}’", kort(c))).collect();
    let (n, verb) = if open.len() == 1 {
        ("punt", "is")
    } else {
        ("punten", "zijn")
    };
    Some(Finding::new(
        Code::CHECKLIST_ONVOLLEDIG,
        format!(
            "{} van de {} {n} van de checklist {verb} niet aangevinkt: {}.",
            open.len(),
            plan.checklist.len(),
            join_nl(&names)
        ),
        // Every unticked item's place, not only the first.
        checklist_bron(&open),
    ))
}

/// Whether `text` names a Haaglanden Gezonder project.
pub fn noemt_haaglanden_gezonder(text: &str) -> bool {
    let padded = format!(" {} ", norm(text));
    let phrases = HAAGLANDEN_GEZONDER
        .iter()
        .flat_map(|(_, p)| p.iter())
        .chain(HAAGLANDEN_GEZONDER_ALGEMEEN.iter());
    // Short ones must match a whole word; longer ones may start a compound (`valpreventieprogramma`).
    phrases.into_iter().any(|p| {
        if p.chars().count() < 5 {
            padded.contains(&format!(" {p} "))
        } else {
            padded.contains(&format!(" {p}"))
        }
    })
}

pub fn haaglanden_gezonder(plan: &Wijkplan, plan_file: &str) -> Option<Finding> {
    let mut texts: Vec<&str> = plan.secties.iter().map(|s| s.tekst.as_str()).collect();
    for t in &plan.themas {
        texts.push(&t.naam);
        texts.extend(t.cells());
    }
    if texts.iter().any(|t| noemt_haaglanden_gezonder(t)) {
        return None;
    }
    Some(Finding::new(
        Code::HAAGLANDEN_GEZONDER_ONTBREEKT,
        "Het wijkplan noemt geen project van Haaglanden Gezonder, zoals Kansrijke start, GLI, Valpreventie, Welzijn op Recept of Kind naar gezonder gewicht.",
        format!("{plan_file} §4"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Sjabloon, Velden};

    pub(crate) fn regel(post: &str, thema: Option<&str>, bedrag: i64) -> Regel {
        Regel {
            post: post.to_string(),
            thema: thema.map(str::to_string),
            omschrijving: None,
            uren: None,
            tarief: None,
            bedrag: Cents(bedrag),
            cofinanciering: None,
            vacatie: false,
            bron: format!("b.xlsx Begroting!H{}", bedrag % 97),
            ..Regel::default()
        }
    }

    fn begroting(regels: Vec<Regel>, totaal: Option<i64>) -> Begroting {
        Begroting {
            wsv_naam: None,
            totaal_opgegeven: totaal.map(Cents),
            totaal_bron: Some("b.xlsx Begroting!H20".into()),
            regels,
            blad: "Begroting".into(),
            ..Begroting::default()
        }
    }

    fn plan() -> Wijkplan {
        Wijkplan {
            sjabloon: Sjabloon::Haaglanden2025,
            velden: Velden::default(),
            kerndisciplines: vec![],
            secties: vec![],
            themas: vec![],
            checklist: vec![],
            vingerafdruk: String::new(),
            begroting: None,
        }
    }

    fn thema(nummer: u32, naam: &str, doelen: &str) -> Thema {
        Thema {
            nummer,
            naam: naam.into(),
            doelen: doelen.into(),
            bron: format!("p.docx §4 rij {nummer}"),
            ..Thema::default()
        }
    }

    #[test]
    fn inwoners_boundary() {
        assert_eq!(inwoners_onder_minimum(25_000, Cents(500_000), "b"), None);
        let f = inwoners_onder_minimum(24_999, Cents(499_980), "b").expect("finding");
        assert_eq!(
            f.bericht,
            "De WSV bedient 24.999 inwoners, minder dan het minimum van 25.000, zodat het voorbereidingsbudget naar rato € 4.999,80 wordt."
        );
    }

    #[test]
    fn budget_over_share_message() {
        let f = budget_over_share(Cents(6_120_000), Cents(5_664_100), "b.xlsx Begroting!H20")
            .expect("finding");
        assert_eq!(
            f.bericht,
            "Begroting € 61.200,00 ligt € 4.559,00 boven het aandeel van € 56.641,00."
        );
        assert_eq!(f.bron, "b.xlsx Begroting!H20");
        assert_eq!(
            budget_over_share(Cents(5_664_100), Cents(5_664_100), "b"),
            None
        );
    }

    #[test]
    fn disciplines_boundary() {
        let mut p = plan();
        p.kerndisciplines = vec![Discipline::Welzijn, Discipline::Huisarts];
        let f = disciplines(&p, "p.docx §1 'Kernteamleden per discipline'").expect("finding");
        assert_eq!(
            f.bericht,
            "Het kernteam heeft 2 van de 5 kerndisciplines (huisarts en welzijn), minimaal 3 nodig; er ontbreken wijkverpleging, apotheker en paramedici."
        );
        p.kerndisciplines.push(Discipline::Apotheker);
        assert_eq!(disciplines(&p, "b"), None);
    }

    #[test]
    fn plan_begroting_afwijking_names_both_totals() {
        let sheet = begroting(vec![regel("a", None, 1_000_000)], Some(1_000_000));
        let mut plan = begroting(vec![regel("a", None, 900_000)], Some(900_000));
        plan.totaal_bron = Some("plan.docx §7 tabel 1 rij 4".into());
        let f = plan_begroting_afwijking(&sheet, "Begroting.xlsx", &plan, "plan.docx").unwrap();
        assert_eq!(f.code, Code::BEGROTING_PLAN_AFWIJKING);
        assert_eq!(f.bron, "plan.docx §7 tabel 1 rij 4");
        assert_eq!(
            f.bericht,
            "De begroting Begroting.xlsx komt op € 10.000,00, de begrotingstabel in het wijkplan (plan.docx §7 tabel 1 rij 4) op € 9.000,00: € 1.000,00 verschil. Geteld wordt de begroting Begroting.xlsx."
        );
        // € 1 apart is rounding.
        let plan = begroting(vec![regel("a", None, 999_900)], None);
        assert_eq!(
            plan_begroting_afwijking(&sheet, "Begroting.xlsx", &plan, "plan.docx"),
            None
        );
    }

    #[test]
    fn som_afwijking_boundary() {
        // Lines sum to € 1.000,00; a stated total € 1,00 off is rounding, € 1,01 is not.
        let lines = vec![regel("a", None, 60_000), regel("b", None, 40_000)];
        assert_eq!(
            som_afwijking(&begroting(lines.clone(), Some(100_100)), "b"),
            None
        );
        assert_eq!(
            som_afwijking(&begroting(lines.clone(), Some(99_900)), "b"),
            None
        );
        let f = som_afwijking(
            &begroting(lines.clone(), Some(100_101)),
            "b.xlsx Begroting!H20",
        )
        .expect("finding");
        assert_eq!(f.bericht, "Het opgegeven totaal van € 1.001,01 wijkt € 1,01 af van de som van de regels (€ 1.000,00).");
        assert_eq!(som_afwijking(&begroting(lines, None), "b"), None);
    }

    fn vac(uren: Option<f64>, tarief: Option<i64>, bedrag: i64) -> Regel {
        Regel {
            post: "Vacatiegeld kernteam".into(),
            uren,
            tarief: tarief.map(Cents),
            vacatie: true,
            bron: "b.xlsx Begroting!H7".into(),
            ..regel("", None, bedrag)
        }
    }

    #[test]
    fn vacatie_rate_and_product() {
        let b = begroting(
            vec![
                vac(Some(10.0), Some(8_000), 80_000), // fine
                vac(Some(10.0), Some(7_500), 75_000), // €75
                vac(Some(12.5), Some(8_000), 90_000), // 12,5 × 80 = 1.000
                vac(Some(10.0), None, 75_000),        // implied €75
                vac(Some(10.0), Some(7_500), 80_000), // €75 and product off
                vac(Some(10.0), Some(8_000), 80_001), // one cent: fine
                Regel {
                    vacatie: false,
                    ..vac(Some(1.0), Some(1), 5)
                },
            ],
            None,
        );
        let msgs: Vec<String> = vacatie(&b).into_iter().map(|f| f.bericht).collect();
        assert_eq!(
            msgs,
            [
                "Vacatieregel ‘Vacatiegeld kernteam’ rekent € 75,00 per uur in plaats van € 80,00.",
                "Vacatieregel ‘Vacatiegeld kernteam’: 12,5 uur × € 80,00 = € 1.000,00, maar het bedrag is € 900,00.",
                "Vacatieregel ‘Vacatiegeld kernteam’ komt uit op € 75,00 per uur (€ 750,00 voor 10 uur) in plaats van € 80,00.",
                "Vacatieregel ‘Vacatiegeld kernteam’ rekent € 75,00 per uur in plaats van € 80,00, en 10 uur × € 75,00 = € 750,00 is niet het bedrag van € 800,00.",
            ]
        );
        assert_eq!(vacatie(&b)[0].bron, "b.xlsx Begroting!H7");
    }

    fn uncovered(p: &Wijkplan, regels: Vec<Regel>) -> Vec<u32> {
        let b = begroting(regels, None);
        thema_zonder_begroting(p, &b, "p.docx")
            .iter()
            .filter_map(|f| f.bron.rsplit(' ').next().and_then(|n| n.parse().ok()))
            .collect()
    }

    #[test]
    fn themes_by_number_name_and_free_name() {
        let mut p = plan();
        p.themas = vec![
            thema(1, "1. Wijkgerichte samenwerking", ""),
            thema(2, "2. Preventie", "Meer bewegen"),
            thema(3, "3. (Kwetsbare) ouderen", "Valpreventie"),
            thema(5, "5. Mentale gezondheid/GGZ", "Wachttijden"),
            thema(8, "8. Eenzaamheid onder mantelzorgers", "Contact"),
        ];
        // Nothing budgeted: every theme with content is reported, the empty theme 1 is not.
        assert_eq!(
            uncovered(&p, vec![regel("Huur zaal", None, 100)]),
            [2, 3, 5, 8]
        );
        let f = thema_zonder_begroting(&p, &begroting(vec![], None), "p.docx");
        assert_eq!(
            f[0].bericht,
            "Thema 2 ‘Preventie’ heeft inhoud in het wijkplan maar geen regel in de begroting; de benodigde middelen zijn niet ingevuld."
        );
        assert_eq!(f[0].bron, "p.docx §4 rij 2");
        // By number, by name (tolerant: "ouderen" for "(Kwetsbare) ouderen"), by free-theme name,
        // and by the post text when the thema cell is empty.
        let regels = vec![
            regel("Beweegactiviteit", Some("Thema 2"), 100),
            regel("Bijeenkomst", Some("ouderen"), 200),
            regel("Lotgenotengroep", Some("Eenzaamheid"), 300),
            regel("Training GGZ-signalering", None, 400),
        ];
        assert_eq!(uncovered(&p, regels), Vec::<u32>::new());
        // "2. Preventie" as a cell is theme 2, not theme 5.
        assert_eq!(
            uncovered(&p, vec![regel("x", Some("2. Preventie"), 1)]),
            [3, 5, 8]
        );
        // A number names that theme only.
        assert_eq!(
            uncovered(&p, vec![regel("Preventie", Some("3"), 1)]),
            [2, 5, 8]
        );
    }

    /// The rule as it was written before issue 12 (every theme against every line, and a line's
    /// cell again against every theme): the reference the indexed version must agree with.
    fn naive_uncovered(plan: &Wijkplan, b: &Begroting) -> Vec<u32> {
        fn cell_matches(cell: &str, nummer: u32, naam: &str) -> bool {
            match thema_nummer(cell) {
                Some(n) => n == nummer,
                None => {
                    let names = significant(naam);
                    significant(cell)
                        .iter()
                        .any(|w| names.iter().any(|n| words_match(w, n)))
                }
            }
        }
        fn mentions(text: &str, nummer: u32, naam: &str) -> bool {
            let padded = format!(" {} ", norm(text));
            if padded.contains(&format!(" thema {nummer} ")) {
                return true;
            }
            let names = significant(naam);
            significant(text)
                .iter()
                .any(|w| names.iter().any(|n| words_match(w, n)))
        }
        let themes: Vec<(&Thema, String)> = plan
            .themas
            .iter()
            .filter(|t| t.has_content())
            .map(|t| (t, thema_naam(t)))
            .collect();
        let mut out = Vec::new();
        for (t, naam) in &themes {
            let covered = b.regels.iter().any(|r| {
                let cell = r.thema.as_deref().map(str::trim).filter(|s| !s.is_empty());
                match cell {
                    Some(c) if cell_matches(c, t.nummer, naam) => true,
                    Some(c) if themes.iter().any(|(o, on)| cell_matches(c, o.nummer, on)) => false,
                    _ => {
                        let text =
                            format!("{} {}", r.post, r.omschrijving.as_deref().unwrap_or(""));
                        mentions(&text, t.nummer, naam)
                    }
                }
            });
            if !covered {
                out.push(t.nummer);
            }
        }
        out
    }

    /// Many small plans and begrotingen drawn from pools of tricky values (words inside words,
    /// short words, `thema 02`, numbers no theme has, duplicate numbers, empty themes): the
    /// indexed rule reports exactly the themes the pairwise rule did.
    #[test]
    fn indexed_rule_agrees_with_the_pairwise_rule() {
        let names = [
            "1. Wijkgerichte samenwerking",
            "2. Preventie",
            "3. (Kwetsbare) ouderen",
            "4.",
            "5. Mentale gezondheid/GGZ",
            "8. Eenzaamheid onder mantelzorgers",
            "9. …",
            "8. Ouderenzorg",
            "Buurtsport",
            "GGZ",
            "7. Inwonersparticipatie",
        ];
        let numbers = [1, 2, 3, 4, 5, 7, 8, 9, 2, 12];
        let cells = [
            None,
            Some("2"),
            Some("Thema 3"),
            Some("thema 02"),
            Some("12"),
            Some("99"),
            Some("ouderen"),
            Some("ouderenzorg"),
            Some("zorg"),
            Some("ggz"),
            Some("eenzaam"),
            Some("sport"),
            Some("Overig"),
            Some("  "),
            Some("Preventie en GGZ"),
            Some("participatie"),
        ];
        let posts = [
            "Huur zaal",
            "Bijeenkomsten thema 2",
            "thema 02 overleg",
            "Valpreventie cursus",
            "Training GGZ-signalering",
            "Mantelzorgers",
            "Buurtsportcoach",
            "Thema 12",
            "Samenwerking huisartsen",
            "",
        ];
        let mut seed: u64 = 12;
        let mut next = |m: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % m as u64) as usize
        };
        for _ in 0..400 {
            let mut p = plan();
            for _ in 0..1 + next(6) {
                let doelen = if next(5) == 0 { "" } else { "iets" };
                let mut t = thema(
                    numbers[next(numbers.len())],
                    names[next(names.len())],
                    doelen,
                );
                if next(4) == 0 {
                    t.naam.clear();
                }
                p.themas.push(t);
            }
            let regels: Vec<Regel> = (0..next(6))
                .map(|_| Regel {
                    omschrijving: (next(3) == 0).then(|| posts[next(posts.len())].to_string()),
                    ..regel(posts[next(posts.len())], cells[next(cells.len())], 1)
                })
                .collect();
            let b = begroting(regels, None);
            let fast: Vec<u32> = thema_zonder_begroting(&p, &b, "p.docx")
                .iter()
                .filter_map(|f| f.bron.rsplit(' ').next().and_then(|n| n.parse().ok()))
                .collect();
            assert_eq!(
                fast,
                naive_uncovered(&p, &b),
                "{:?}\n{:?}",
                p.themas,
                b.regels
            );
        }
    }

    #[test]
    fn theme_names_fall_back_to_the_sjabloon() {
        assert_eq!(
            thema_naam(&thema(4, "4.", "x")),
            "Chronische zorg en acute zorg"
        );
        assert_eq!(thema_naam(&thema(9, "9. …", "x")), "");
        assert_eq!(thema_naam(&thema(8, "Buurtsport", "x")), "Buurtsport");
        assert_eq!(thema_nummer("Thema 12"), Some(12));
        assert_eq!(thema_nummer("Preventie 2"), None);
    }

    #[test]
    fn checklist_lists_open_items() {
        let mut p = plan();
        let item = |t: &str, a: bool, n: u32| ChecklistItem {
            tekst: t.into(),
            aangevinkt: a,
            bron: format!("p.docx §10 item {n}"),
        };
        p.checklist = vec![
            item("✅ Zijn mandaten geregeld en ondertekend?", false, 4),
            item(
                "✅ Is duidelijk wie aanspreekpunt is voor RESV en wie budgethouder is?",
                true,
                5,
            ),
            item(
                "✅ Past het plan binnen het uitvoeringsbudget dat voor jouw WSV beschikbaar is?",
                false,
                6,
            ),
        ];
        let f = checklist(&p).expect("finding");
        assert_eq!(
            f.bericht,
            "2 van de 3 punten van de checklist zijn niet aangevinkt: ‘Zijn mandaten geregeld en ondertekend?’ en ‘Past het plan binnen het uitvoeringsbudget…’."
        );
        // Both unticked items are cited, not only the first (issue 14).
        assert_eq!(f.bron, "p.docx §10 items 4 en 6");
        // One unticked item: its own place.
        p.checklist[2].aangevinkt = true;
        assert_eq!(checklist(&p).unwrap().bron, "p.docx §10 item 4");
        // Items from places without a shared prefix: every place in full.
        p.checklist[2].aangevinkt = false;
        p.checklist[2].bron = "p.pdf p.9".into();
        assert_eq!(checklist(&p).unwrap().bron, "p.docx §10 item 4; p.pdf p.9");
        p.checklist.iter_mut().for_each(|c| c.aangevinkt = true);
        assert_eq!(checklist(&p), None);
    }

    #[test]
    fn haaglanden_gezonder_names() {
        assert!(noemt_haaglanden_gezonder(
            "We doen mee met Welzijn op Recept."
        ));
        assert!(noemt_haaglanden_gezonder("GLI-traject voor volwassenen"));
        assert!(noemt_haaglanden_gezonder("Valpreventieprogramma ouderen"));
        assert!(noemt_haaglanden_gezonder("KANSRIJKE START"));
        assert!(!noemt_haaglanden_gezonder("Een glimlach voor ouderen"));
        let mut p = plan();
        p.themas = vec![thema(3, "3. (Kwetsbare) ouderen", "Vallen voorkomen")];
        assert_eq!(
            haaglanden_gezonder(&p, "p.docx").map(|f| f.bron),
            Some("p.docx §4".to_string())
        );
        p.themas[0].doelen = "Aansluiten bij Haaglanden Gezonder".into();
        assert_eq!(haaglanden_gezonder(&p, "p.docx"), None);
    }
}
