//! The rules of the handreiking (seed 001) that issue 13 added: care paid from the budget
//! (`ZORG_IN_BEGROTING`), the §6 regional request also in the begroting
//! (`REGIONALE_AANVRAAG_IN_BEGROTING`), how often the kerngroep meets (`KERNGROEP_FREQUENTIE`),
//! the intention to grow to five disciplines (`DISCIPLINES_GROEI_ONVERMELD`) and budget lines for a
//! theme without content in §4 (`BEGROTING_ZONDER_THEMA`).
//!
//! Every rule reads each text once: word lists are matched with one Aho-Corasick automaton per
//! list (built once), so the cost is the length of the plan and the begroting, never lines ×
//! words or lines × themes (issue 12).

use crate::domain::{Begroting, Cents, Code, Discipline, Finding, Regel, Thema, Wijkplan};
use crate::text::norm;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// The kerngroep meets at least this often a year (seed 001: "minimaal vier keer per jaar").
pub const MIN_KERNGROEP_PER_JAAR: u32 = 4;

/// The word list of `ZORG_IN_BEGROTING`, as data (`data/zorgwoorden.txt`).
const ZORGWOORDEN: &str = include_str!("../../data/zorgwoorden.txt");

/// A compiled word list: phrases shorter than 5 letters match whole words only, longer ones
/// anywhere inside a word.
struct WordList {
    phrases: Vec<String>,
    ac: Option<AhoCorasick>,
}

impl WordList {
    fn new(source: &str) -> WordList {
        let phrases: Vec<String> = source
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(norm)
            .filter(|l| !l.is_empty())
            .collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .ok();
        WordList { phrases, ac }
    }

    /// The words of normalised `text` that contain a phrase, each once, in text order (at most
    /// [`MAX_QUOTED`]). Linear in the text: a match inside a word already taken is skipped, and
    /// the search for a word's start never goes back past the previous word's end.
    fn hits(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let Some(ac) = &self.ac else { return out };
        let bytes = text.as_bytes();
        let Ok(it) = ac.try_find_overlapping_iter(text) else {
            return out;
        };
        let mut seen: HashSet<&str> = HashSet::new();
        let mut taken_until = 0usize;
        for m in it {
            if m.start() < taken_until {
                continue;
            }
            let Some(p) = self.phrases.get(m.pattern().as_usize()) else {
                continue;
            };
            let at_start = m.start() == 0 || bytes.get(m.start() - 1) == Some(&b' ');
            let at_end = m.end() == bytes.len() || bytes.get(m.end()) == Some(&b' ');
            if p.chars().count() < 5 && !(at_start && at_end) {
                continue;
            }
            // The whole word(s) around the match, as the line writes them (normalised).
            let from = taken_until.min(m.start());
            let start = text
                .get(from..m.start())
                .and_then(|t| t.rfind(' '))
                .map_or(from, |i| from + i + 1);
            let end = text
                .get(m.end()..)
                .and_then(|t| t.find(' '))
                .map_or(text.len(), |i| m.end() + i);
            taken_until = end;
            if let Some(word) = text.get(start..end) {
                if seen.insert(word) && out.len() < MAX_QUOTED {
                    out.push(word.to_string());
                }
            }
        }
        // "gecombineerde leefstijlinterventie" says all that "leefstijlinterventie" says.
        let all = out.clone();
        out.retain(|w| !all.iter().any(|o| o != w && o.contains(w.as_str())));
        out
    }
}

/// Words quoted in one message at most.
const MAX_QUOTED: usize = 10;

fn zorgwoorden() -> &'static WordList {
    static LIST: OnceLock<WordList> = OnceLock::new();
    LIST.get_or_init(|| WordList::new(ZORGWOORDEN))
}

fn regel_naam(r: &Regel) -> String {
    let post = r.post.trim();
    if post.is_empty() {
        r.omschrijving.as_deref().unwrap_or("").trim().to_string()
    } else {
        post.to_string()
    }
}

fn regel_tekst(r: &Regel) -> String {
    norm(&format!(
        "{} {} {}",
        r.post,
        r.omschrijving.as_deref().unwrap_or(""),
        r.thema.as_deref().unwrap_or("")
    ))
}

fn quote_list(words: &[String]) -> String {
    let q: Vec<String> = words.iter().map(|w| format!("‘{w}’")).collect();
    join_nl(&q)
}

fn join_nl(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

/// `ZORG_IN_BEGROTING` (info): every budget line whose post, description or theme holds a word
/// of the care list, with the words quoted so a person can judge.
pub fn zorg_in_begroting(b: &Begroting) -> Vec<Finding> {
    let list = zorgwoorden();
    b.regels
        .iter()
        .filter_map(|r| {
            let hits = list.hits(&regel_tekst(r));
            (!hits.is_empty()).then(|| {
                Finding::new(
                    Code::ZORG_IN_BEGROTING,
                    format!(
                        "Regel ‘{}’ ({}) lijkt zorg zelf te betalen ({}); het uitvoeringsbudget is niet bedoeld voor het verlenen van zorg. Kijk of dit zorg is.",
                        regel_naam(r),
                        r.bedrag.nl(),
                        quote_list(&hits)
                    ),
                    r.bron.clone(),
                )
            })
        })
        .collect()
}

/// Dutch number words up to twaalf, for "zes keer per jaar".
fn getal(word: &str) -> Option<u32> {
    const WORDS: [&str; 13] = [
        "nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
        "elf", "twaalf",
    ];
    if let Some(i) = WORDS.iter().position(|w| *w == word) {
        return u32::try_from(i).ok();
    }
    if word == "eens" || word == "eenmaal" {
        return Some(1);
    }
    // "6x" is one word after normalisation.
    let digits = word.strip_suffix('x').unwrap_or(word);
    if !digits.is_empty() && digits.len() <= 3 && digits.chars().all(|c| c.is_ascii_digit()) {
        return digits.parse().ok();
    }
    None
}

/// The sentences of a text, normalised.
fn sentences(text: &str) -> Vec<String> {
    text.split(['.', ';', '\n', '!', '?'])
        .map(norm)
        .filter(|s| !s.is_empty())
        .collect()
}

/// How many times a year a normalised sentence says something happens: `elk kwartaal` (4),
/// `maandelijks` (12), `zes keer per jaar`, `4x per jaar`, `vijf overleggen per jaar`, `elke zes
/// weken` (8). `None` when it names no frequency.
pub fn per_jaar(sentence: &str) -> Option<u32> {
    let words: Vec<&str> = sentence.split(' ').collect();
    let mut found: Option<u32> = None;
    let mut take = |n: u32| found = Some(found.map_or(n, |f: u32| f.max(n)));
    for (i, w) in words.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| words.get(j)).copied();
        match *w {
            "kwartaal" if matches!(prev, Some("elk" | "ieder" | "per" | "elke" | "eens")) => {
                take(4)
            }
            "driemaandelijks" | "kwartaallijks" => take(4),
            "maandelijks" | "maandelijkse" => take(12),
            "tweemaandelijks" | "tweemaandelijkse" => take(6),
            "wekelijks" | "wekelijkse" => take(52),
            "tweewekelijks" | "tweewekelijkse" => take(26),
            "halfjaarlijks" | "halfjaarlijkse" => take(2),
            "jaarlijks" | "jaarlijkse" => take(1),
            "maand" if matches!(prev, Some("elke" | "iedere" | "per")) => take(12),
            "maanden" | "weken" => {
                // "elke twee maanden", "om de zes weken", "elke zes weken"
                let n = prev.and_then(getal);
                let lead = i.checked_sub(2).and_then(|j| words.get(j)).copied();
                if let (Some(n), Some("elke" | "iedere" | "de" | "om")) = (n, lead) {
                    let per = if *w == "maanden" { 12u32 } else { 52 };
                    if let Some(v) = per.checked_div(n) {
                        take(v);
                    }
                }
            }
            "jaar" if prev == Some("per") || prev == Some("in") || prev == Some("elk") => {
                // "<n> [keer|x|maal|overleggen|…] per jaar": the number is one to three words back.
                let back: Vec<&str> = (2..=4)
                    .filter_map(|k| i.checked_sub(k).and_then(|j| words.get(j)).copied())
                    .collect();
                for (k, b) in back.iter().enumerate() {
                    if let Some(n) = getal(b) {
                        // Between the number and "per jaar" only frequency or meeting words.
                        let between = &back[..k];
                        if between.iter().all(|x| is_meeting_word(x)) {
                            take(n);
                        }
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// Words that may stand between a number and "per jaar" in a frequency: `keer`, `x`, `maal`,
/// `overleggen`, `bijeenkomsten`, `kernteambijeenkomsten`, `vergaderingen`, `sessies`, `het`.
fn is_meeting_word(w: &str) -> bool {
    matches!(w, "keer" | "x" | "maal" | "het" | "per")
        || w.contains("overleg")
        || w.contains("bijeenkomst")
        || w.contains("vergader")
        || w.contains("sessie")
        || w.contains("bijeen")
}

/// Does a normalised sentence speak of the kerngroep meeting?
fn about_meetings(s: &str) -> bool {
    s.contains("kernteam")
        || s.contains("kerngroep")
        || s.contains("overleg")
        || s.contains("bijeen")
        || s.contains("vergader")
}

/// How often the plan says the kerngroep meets: the highest number of meetings a year stated in a
/// sentence about meeting (§1 kernteam field, theme 1, §8, the begroting's lines), with that
/// sentence (normalised) and its place. `None` when no such sentence is found. Shared by
/// `KERNGROEP_FREQUENTIE` and the learning-cycle report (Organisatie en Overleg).
pub fn kerngroep_bijeen(
    plan: &Wijkplan,
    begroting: Option<&Begroting>,
) -> Option<(u32, String, String)> {
    // (text, bron) of every place that may say it.
    let mut places: Vec<(String, String)> = Vec::new();
    let kt = &plan.velden.kernteamleden;
    if let Some(w) = &kt.waarde {
        places.push((w.clone(), kt.bron.clone()));
    }
    for t in plan.themas.iter().filter(|t| t.nummer == 1) {
        for (i, c) in t.cells().iter().enumerate() {
            let bron = t
                .cel_bronnen
                .get(i)
                .filter(|b| !b.is_empty())
                .cloned()
                .unwrap_or_else(|| t.bron.clone());
            places.push((c.to_string(), bron));
        }
    }
    for s in plan.secties.iter().filter(|s| s.nummer == 8) {
        places.push((s.tekst.clone(), s.bron.clone()));
    }
    if let Some(b) = begroting {
        for r in &b.regels {
            places.push((
                format!("{}. {}", r.post, r.omschrijving.as_deref().unwrap_or("")),
                r.bron.clone(),
            ));
        }
    }
    // The highest frequency stated, with its sentence and place.
    let mut best: Option<(u32, String, String)> = None;
    for (text, bron) in &places {
        for s in sentences(text) {
            if !about_meetings(&s) {
                continue;
            }
            if let Some(n) = per_jaar(&s) {
                if best.as_ref().is_none_or(|(b, _, _)| n > *b) {
                    best = Some((n, s.clone(), bron.clone()));
                }
            }
        }
    }
    best
}

/// `KERNGROEP_FREQUENTIE` (info): the plan does not say the kerngroep meets at least four times a
/// year, or says less. Read from the §1 kernteam field, theme 1, §8 and the begroting's meeting
/// lines; sentences about meeting only, and the highest frequency stated counts (a plan that says
/// "zes keer per jaar" in theme 1 and "twee keer per jaar evalueren" in §8 meets six times).
pub fn kerngroep_frequentie(
    plan: &Wijkplan,
    plan_file: &str,
    begroting: Option<&Begroting>,
) -> Option<Finding> {
    let best = kerngroep_bijeen(plan, begroting);
    let theme1_bron = plan
        .themas
        .iter()
        .find(|t| t.nummer == 1)
        .map(|t| t.bron.clone())
        .filter(|b| !b.is_empty())
        .unwrap_or_else(|| format!("{plan_file} §4 rij 1"));
    match best {
        Some((n, _, _)) if n >= MIN_KERNGROEP_PER_JAAR => None,
        Some((n, zin, bron)) => Some(Finding::new(
            Code::KERNGROEP_FREQUENTIE,
            format!(
                "Volgens het plan komt de kerngroep {n} keer per jaar bijeen (‘{zin}’), minder dan de {MIN_KERNGROEP_PER_JAAR} keer per jaar die de handreiking vraagt."
            ),
            bron,
        )),
        None => Some(Finding::new(
            Code::KERNGROEP_FREQUENTIE,
            format!(
                "Het plan zegt niet hoe vaak de kerngroep bijeenkomt (gezocht in het veld Kernteamleden, thema 1, hoofdstuk 8 en de begroting); de handreiking vraagt minstens {MIN_KERNGROEP_PER_JAAR} keer per jaar."
            ),
            theme1_bron,
        )),
    }
}

/// Does the plan state the intention to grow to five disciplines? A sentence that speaks of
/// disciplines (or the kernteam) and of five, all, growing or widening.
fn states_growth(plan: &Wijkplan) -> bool {
    let mut texts: Vec<&str> = plan.secties.iter().map(|s| s.tekst.as_str()).collect();
    if let Some(w) = &plan.velden.kernteamleden.waarde {
        texts.push(w);
    }
    for t in &plan.themas {
        texts.extend(t.cells());
    }
    texts.iter().flat_map(|t| sentences(t)).any(|s| {
        let disciplines =
            s.contains("disciplin") || s.contains("kernteam") || s.contains("kerngroep");
        let words: Vec<&str> = s.split(' ').collect();
        let five = words.windows(2).any(|w| {
            matches!(w, ["vijf" | "5" | "alle", x] if x.contains("disciplin"))
                || matches!(w, ["alle", "vijf" | "5"])
        });
        let grow = words.iter().any(|w| {
            w.starts_with("uitbrei")
                || w.starts_with("groei")
                || w.starts_with("doorgroei")
                || w.starts_with("aanvull")
                || w.starts_with("uitgebreid")
        });
        disciplines && (five || grow)
    })
}

/// `DISCIPLINES_GROEI_ONVERMELD` (info): a kernteam of three or four core disciplines whose plan
/// does not state the intention to grow to five (seed 001: "minimaal drie disciplines met
/// intentie om door te groeien naar vijf").
pub fn groei_naar_vijf(plan: &Wijkplan, bron: &str) -> Option<Finding> {
    let present: Vec<Discipline> = Discipline::ALL
        .into_iter()
        .filter(|d| plan.kerndisciplines.contains(d))
        .collect();
    if !(3..=4).contains(&present.len()) || states_growth(plan) {
        return None;
    }
    let missing: Vec<String> = Discipline::ALL
        .into_iter()
        .filter(|d| !present.contains(d))
        .map(|d| d.as_str().to_string())
        .collect();
    Some(Finding::new(
        Code::DISCIPLINES_GROEI_ONVERMELD,
        format!(
            "Het kernteam heeft {} van de 5 kerndisciplines (er ontbreekt {}); het plan zegt niet dat het kernteam naar alle vijf wil doorgroeien, zoals de handreiking vraagt.",
            present.len(),
            join_nl(&missing)
        ),
        bron,
    ))
}

/// The first amount in euros a text names: `€ 15.000`, `€15.000,-`, `15.000 euro`.
pub fn bedrag_in_tekst(text: &str) -> Option<Cents> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for (i, t) in tokens.iter().enumerate() {
        let candidate = if let Some(rest) = t.strip_prefix('€') {
            if rest.is_empty() {
                tokens.get(i + 1).copied()
            } else {
                Some(rest)
            }
        } else if tokens
            .get(i + 1)
            .is_some_and(|n| n.trim_end_matches(['.', ',']).eq_ignore_ascii_case("euro"))
        {
            Some(*t)
        } else {
            None
        };
        if let Some(c) = candidate {
            let c = c.trim_end_matches(['.', ',', ';', ')']);
            if let Some(v) = crate::begroting::parse_bedrag(c) {
                if v.0 > 0 {
                    return Some(v);
                }
            }
        }
    }
    None
}

/// Words of a §6 text that say nothing about which project it is.
const AANVRAAG_STOPWORDS: &[&str] = &[
    "samen",
    "willen",
    "vragen",
    "regionaal",
    "regionale",
    "budget",
    "opstart",
    "project",
    "projecten",
    "aanvraag",
    "projectaanvraag",
    "escamp",
    "zorgvragen",
    "buurthuis",
    "wijken",
    "bewoners",
    "inwoners",
    "daarvoor",
    "hiervoor",
    "opzetten",
    "starten",
    "organiseren",
    "gezondheidscentrum",
    "samenwerking",
];

/// The §6 request: its text, amount and `bron`, when §6 asks for something.
pub fn regionale_aanvraag(plan: &Wijkplan) -> Option<(&str, Option<Cents>, &str)> {
    let s = plan.secties.iter().find(|s| s.nummer == 6)?;
    let n = norm(&s.tekst);
    if n.is_empty()
        || n.starts_with("geen")
        || n.starts_with("nog niet")
        || n == "nvt"
        || n == "n v t"
    {
        return None;
    }
    let bedrag = bedrag_in_tekst(&s.tekst);
    // "Wij doen in 2025 geen regionale projectaanvraag. Voor 2026 onderzoeken we …": an idea, not
    // a request, unless it names an amount.
    if bedrag.is_none() && n.split(' ').any(|w| w == "geen") {
        return None;
    }
    Some((&s.tekst, bedrag, &s.bron))
}

/// `REGIONALE_AANVRAAG_IN_BEGROTING` (waarschuwing): a begroting line that names the project of
/// the §6 regional request (a distinctive word of at least 6 letters of §6 in the line's post or
/// description, equal or inside a longer word).
pub fn regionale_aanvraag_in_begroting(plan: &Wijkplan, b: &Begroting) -> Vec<Finding> {
    let Some((tekst, bedrag, _bron)) = regionale_aanvraag(plan) else {
        return Vec::new();
    };
    let words: Vec<String> = {
        let mut seen = HashSet::new();
        norm(tekst)
            .split(' ')
            .filter(|w| w.chars().count() >= 6 && w.chars().all(char::is_alphabetic))
            .filter(|w| !AANVRAAG_STOPWORDS.contains(w))
            .filter(|w| seen.insert(w.to_string()))
            .map(str::to_string)
            .collect()
    };
    let list = WordList {
        ac: AhoCorasick::new(&words).ok(),
        phrases: words,
    };
    let gevraagd = bedrag.map_or(String::new(), |c| format!(" ({} gevraagd)", c.nl()));
    b.regels
        .iter()
        .filter_map(|r| {
            let text = norm(&format!(
                "{} {}",
                r.post,
                r.omschrijving.as_deref().unwrap_or("")
            ));
            let hits = list.hits(&text);
            (!hits.is_empty()).then(|| {
                Finding::new(
                    Code::REGIONALE_AANVRAAG_IN_BEGROTING,
                    format!(
                        "Het regionale project uit hoofdstuk 6{gevraagd} staat ook in de eigen begroting: regel ‘{}’ ({}) noemt {}. Vraag na of hier twee keer om geld gevraagd wordt.",
                        regel_naam(r),
                        r.bedrag.nl(),
                        quote_list(&hits)
                    ),
                    r.bron.clone(),
                )
            })
        })
        .collect()
}

/// The theme number a `thema` cell gives (`2`, `Thema 2`, `2. Preventie`).
fn cell_number(text: &str) -> Option<u32> {
    let n = norm(text);
    let mut words = n.split(' ').peekable();
    if words.peek() == Some(&"thema") {
        words.next();
    }
    words
        .next()
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        .and_then(|w| w.parse().ok())
}

/// `BEGROTING_ZONDER_THEMA` (waarschuwing): begroting lines whose thema cell names a theme number
/// that has no content in §4 of the plan (the reverse of THEMA_ZONDER_BEGROTING). One finding per
/// theme number, naming its lines and their sum.
pub fn begroting_zonder_thema(plan: &Wijkplan, b: &Begroting) -> Vec<Finding> {
    let with_content: HashSet<u32> = plan
        .themas
        .iter()
        .filter(|t| t.has_content())
        .map(|t| t.nummer)
        .collect();
    // Without a §4 table (another template) there is nothing to compare with.
    if plan.themas.is_empty() {
        return Vec::new();
    }
    let mut by_theme: BTreeMap<u32, Vec<&Regel>> = BTreeMap::new();
    for r in &b.regels {
        if let Some(n) = r.thema.as_deref().and_then(cell_number) {
            if !with_content.contains(&n) {
                by_theme.entry(n).or_default().push(r);
            }
        }
    }
    by_theme
        .into_iter()
        .filter_map(|(n, lines)| {
            let first = lines.first()?;
            let names: Vec<String> = lines.iter().map(|r| format!("‘{}’", regel_naam(r))).collect();
            let som = Cents(lines.iter().map(|r| r.bedrag.0).sum());
            let naam = plan_theme_name(&plan.themas, n);
            Some(Finding::new(
                Code::BEGROTING_ZONDER_THEMA,
                format!(
                    "De begroting rekent {som} onder thema {n}{naam} ({}), maar dat thema heeft geen inhoud in hoofdstuk 4 van het wijkplan.",
                    join_nl(&names),
                    som = som.nl()
                ),
                first.bron.clone(),
            ))
        })
        .collect()
}

fn plan_theme_name(themas: &[Thema], n: u32) -> String {
    let t = themas.iter().find(|t| t.nummer == n);
    let naam = t.map(super::rules::thema_naam).unwrap_or_else(|| {
        usize::try_from(n)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| crate::domain::THEMA_NAMEN.get(i))
            .map(|s| s.to_string())
            .unwrap_or_default()
    });
    if naam.is_empty() {
        String::new()
    } else {
        format!(" ‘{naam}’")
    }
}

/// Words in a theme's middelen cell that say the theme is paid otherwise than from the
/// uitvoeringsbudget: `eigen middelen`, `uit de reguliere financiering`, `cofinanciering`.
pub fn anders_betaald(middelen: &str) -> bool {
    let n = norm(middelen);
    [
        "eigen middelen",
        "eigen budget",
        "eigen bijdrage",
        "eigen geld",
        "regulier",
        "cofinanciering",
        "cofinancering",
        "co financiering",
        "bestaande financiering",
        "bestaand budget",
        "geen kosten",
        "zonder kosten",
        "in natura",
        "subsidie gemeente",
        "gemeentelijke subsidie",
        "betaalt zelf",
        "betalen zelf",
    ]
    .iter()
    .any(|p| n.contains(p))
}

#[cfg(test)]
mod tests;
