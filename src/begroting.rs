//! Map a [`Workbook`] onto a [`Begroting`]: budget lines, the stated total, hours and rates.
//!
//! The real "Concept begroting WSV.xlsx" is not public and every WSV edits it, so nothing here
//! uses fixed addresses. The table is found by its header words:
//! 1. every row in the first [`HEADER_SCAN_ROWS`] rows of every sheet is scored as a header, alone
//!    and together with the row below it (two header rows, e.g. "Bedrag" merged over "2025 | 2026");
//!    a merged cell lends its text to every column it covers. A header needs a label column (post
//!    or omschrijving) and an amount column (total or per-year); the best score over all sheets
//!    wins, so an "Instructie" sheet in front or a renamed sheet does not matter;
//! 2. below the header each row is a line (label and an amount), a group heading (label, no amount),
//!    a subtotal ("Subtotaal …", or "Totaal X" above the grand total) or a total row;
//! 3. the grand total is the first row labelled only with total words ("Totaal", "Totaal
//!    begroting", "Totale kosten"); failing that the last "Totaal …" row; failing that the last
//!    unlabelled row whose amount is a vertical `SUM`. Rows below it are not part of the budget:
//!    a cofinanciering row ("Cofinanciering partners (niet in totaal)") is kept apart in
//!    `Begroting::cofinanciering`, other rows ("Toelichting") are ignored.
//!
//! A line is a vacatie line by its name or nature ([`is_vacatie`]), not by having hours and a rate.
//!
//! The mapper reports exact data only: sums and rates are the audit's business. Its findings are
//! `FORMULE_ZONDER_WAARDE`, saying what the reader computed itself, and `BEDRAG_NIET_GELEZEN` for
//! every amount cell of a line or the total that was not taken as it stands (English notation,
//! an accounting negative `(500,00)`, an ambiguous `1,234`, an error value, text, more than
//! € 1 miljard): the cell, what it says and what was done. Such a row never vanishes: it stays a
//! line (at € 0 when nothing could be read) or the total, so the rows around it keep their place.

use crate::domain::{Begroting, Cents, Code, Finding, Jaarbedrag, Mapped, Regel, Veld};
use crate::model::{a1, CellValue, Sheet, SheetCell, Workbook};
use crate::text::norm;

/// Header rows are looked for this far down a sheet.
const HEADER_SCAN_ROWS: usize = 100;
/// A header cell has at most this many words; longer cells are prose (instructions).
const MAX_HEADER_WORDS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Post,
    Thema,
    Omschrijving,
    Uren,
    Tarief,
    Year(u16),
    Total,
    /// Cofinanciering; `uren` when the column counts hours rather than euros.
    Cofin {
        uren: bool,
    },
}

/// Words that may accompany a year or total in an amount column header.
const AMOUNT_WORDS: &[&str] = &[
    "bedrag",
    "bedragen",
    "kosten",
    "begroting",
    "totaal",
    "budget",
    "euro",
    "eur",
    "incl",
    "excl",
    "inclusief",
    "exclusief",
    "btw",
    "in",
    "jaar",
    "totale",
    "begroot",
];

fn year_of(word: &str) -> Option<u16> {
    let y: u16 = word.parse().ok()?;
    (word.len() == 4 && (2000..=2099).contains(&y)).then_some(y)
}

/// The role of a header cell, from its words (case- and diacritics-insensitive).
fn classify(label: &str) -> Option<Role> {
    let n = norm(label);
    if n.is_empty() {
        return None;
    }
    let words: Vec<&str> = n.split(' ').collect();
    if words.len() > MAX_HEADER_WORDS {
        return None;
    }
    let has = |w: &str| words.contains(&w);
    let any = |ws: &[&str]| ws.iter().any(|w| words.contains(w));
    if any(&["cofinanciering", "cofinancering"])
        || (has("eigen") && has("bijdrage"))
        || (has("co") && has("financiering"))
    {
        return Some(Role::Cofin {
            uren: any(&["uren", "uur"]),
        });
    }
    if any(&["tarief", "uurtarief", "tarieven"]) {
        return Some(Role::Tarief);
    }
    if any(&["uren", "uur"]) {
        return Some(Role::Uren);
    }
    let years: Vec<u16> = words.iter().filter_map(|w| year_of(w)).collect();
    if !years.is_empty()
        && words
            .iter()
            .all(|w| year_of(w).is_some() || AMOUNT_WORDS.contains(w))
    {
        let first = years.first().copied().unwrap_or_default();
        return Some(if years.iter().all(|y| *y == first) {
            Role::Year(first)
        } else {
            Role::Total
        });
    }
    if any(&["thema", "themas", "themanummer"]) {
        return Some(Role::Thema);
    }
    if any(&[
        "omschrijving",
        "toelichting",
        "beschrijving",
        "specificatie",
    ]) {
        return Some(Role::Omschrijving);
    }
    if any(&[
        "post",
        "posten",
        "kostenpost",
        "onderdeel",
        "activiteit",
        "activiteiten",
        "kostensoort",
        "begrotingspost",
    ]) {
        return Some(Role::Post);
    }
    if any(&[
        "totaal",
        "bedrag",
        "bedragen",
        "kosten",
        "totaalbedrag",
        "budget",
    ]) {
        return Some(Role::Total);
    }
    None
}

/// Which column holds what. 0-based column indexes.
#[derive(Debug, Clone, Default, PartialEq)]
struct Columns {
    post: Option<usize>,
    thema: Option<usize>,
    omschrijving: Option<usize>,
    uren: Option<usize>,
    tarief: Option<usize>,
    years: Vec<(u16, usize)>,
    total: Option<usize>,
    cofin: Option<(usize, bool)>,
}

impl Columns {
    fn from_labels(labels: &[String]) -> Columns {
        let mut c = Columns::default();
        for (i, l) in labels.iter().enumerate() {
            match classify(l) {
                Some(Role::Post) => c.post = c.post.or(Some(i)),
                Some(Role::Thema) => c.thema = c.thema.or(Some(i)),
                Some(Role::Omschrijving) => c.omschrijving = c.omschrijving.or(Some(i)),
                Some(Role::Uren) => c.uren = c.uren.or(Some(i)),
                Some(Role::Tarief) => c.tarief = c.tarief.or(Some(i)),
                Some(Role::Year(y)) if !c.years.iter().any(|(yy, _)| *yy == y) => {
                    c.years.push((y, i));
                }
                Some(Role::Year(_)) => {}
                // The rightmost total column is the line total ("Bedrag … | Totaal").
                Some(Role::Total) => c.total = Some(i),
                Some(Role::Cofin { uren }) => c.cofin = c.cofin.or(Some((i, uren))),
                None => {}
            }
        }
        c
    }

    fn valid(&self) -> bool {
        (self.post.is_some() || self.omschrijving.is_some())
            && (self.total.is_some() || !self.years.is_empty())
    }

    fn score(&self) -> usize {
        [
            self.post,
            self.thema,
            self.omschrijving,
            self.uren,
            self.tarief,
            self.total,
        ]
        .iter()
        .filter(|c| c.is_some())
        .count()
            + self.years.len()
            + usize::from(self.cofin.is_some())
    }

    fn amount_cols(&self) -> impl Iterator<Item = usize> + '_ {
        self.total
            .into_iter()
            .chain(self.years.iter().map(|(_, c)| *c))
    }
}

/// A found header: sheet, its first and last row, the columns.
#[derive(Debug, Clone)]
struct Header {
    sheet: usize,
    first_row: usize,
    last_row: usize,
    cols: Columns,
    score: usize,
}

/// Text of a cell for labels: text trimmed, whole numbers without decimals.
fn cell_text(cell: Option<&SheetCell>) -> String {
    match cell.map(|c| &c.value) {
        Some(CellValue::Text(t)) => t.trim().to_string(),
        Some(CellValue::Number(n)) if n.fract() == 0.0 && n.abs() < 1e15 => {
            format!("{}", *n as i64)
        }
        Some(CellValue::Number(n)) => n.to_string(),
        Some(CellValue::Date(d)) => d.clone(),
        _ => String::new(),
    }
}

/// Header text at (row, col): the cell's own text, or that of the merged region covering it.
fn header_text(sheet: &Sheet, row: usize, col: usize) -> String {
    let own = cell_text(sheet.cell(row, col));
    if !own.is_empty() {
        return own;
    }
    for &(r0, c0, r1, c1) in &sheet.merged {
        let (r0, c0, r1, c1) = (r0 as usize, c0 as usize, r1 as usize, c1 as usize);
        if (r0..=r1).contains(&row) && (c0..=c1).contains(&col) {
            return cell_text(sheet.cell(r0, c0));
        }
    }
    String::new()
}

fn sheet_width(sheet: &Sheet) -> usize {
    sheet.rows.iter().map(Vec::len).max().unwrap_or(0)
}

fn find_header(wb: &Workbook) -> Option<Header> {
    let mut best: Option<Header> = None;
    for (si, sheet) in wb.sheets.iter().enumerate() {
        if let Some(c) = find_header_in(sheet, si) {
            if best.as_ref().is_none_or(|b| c.score > b.score) {
                best = Some(c);
            }
        }
    }
    best
}

/// The best header row (or pair of rows) of one sheet; `si` is the sheet's index.
fn find_header_in(sheet: &Sheet, si: usize) -> Option<Header> {
    let mut best: Option<Header> = None;
    let width = sheet_width(sheet);
    let scan = sheet.rows.len().min(HEADER_SCAN_ROWS);
    for r in 0..scan {
        let single: Vec<String> = (0..width).map(|c| header_text(sheet, r, c)).collect();
        let single_cols = Columns::from_labels(&single);
        let mut cand = single_cols.valid().then(|| Header {
            sheet: si,
            first_row: r,
            last_row: r,
            score: single_cols.score(),
            cols: single_cols.clone(),
        });
        // Two header rows: only when this row is a header on its own already.
        if single_cols.score() >= 2 && r + 1 < sheet.rows.len() {
            let combined: Vec<String> = (0..width)
                .map(|c| {
                    let below = header_text(sheet, r + 1, c);
                    match single.get(c) {
                        Some(above)
                            if !above.is_empty() && !below.is_empty() && above != &below =>
                        {
                            format!("{above} {below}")
                        }
                        Some(above) if !above.is_empty() => above.clone(),
                        _ => below,
                    }
                })
                .collect();
            let cols = Columns::from_labels(&combined);
            if cols.valid() && cols.score() > cand.as_ref().map_or(0, |h| h.score) {
                cand = Some(Header {
                    sheet: si,
                    first_row: r,
                    last_row: r + 1,
                    score: cols.score(),
                    cols,
                });
            }
        }
        if let Some(c) = cand {
            if best.as_ref().is_none_or(|b| c.score > b.score) {
                best = Some(c);
            }
        }
    }
    best
}

/// How the rest of a sheet writes amounts as text: the evidence for reading `1,234`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stijl {
    /// Decimal comma (`80,00`, `€ 800,-`, `1.234.567`).
    Nl,
    /// Decimal point or thousands commas (`12.50`, `3,234.56`, `1,234,567`).
    En,
}

/// An amount typed as text, read as far as it can be without guessing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TekstBedrag {
    /// Taken as it stands: Dutch notation (`€ 1.234,56`, `€ 800,-`, `1.500` = 1500, `-€ 50`),
    /// plain digits, or a decimal point with one or two decimals (`12.50`: a thousands group always
    /// has three digits).
    Gewoon(Cents),
    /// Read, but not as it stands: thousands commas in English notation (`3,234.56`,
    /// `1,234,567`) and/or a negative amount in parentheses as accountants write it (`(500,00)`).
    Omgezet {
        bedrag: Cents,
        engels: bool,
        haakjes: bool,
    },
    /// `1,234`: a Dutch decimal comma (€ 1,234, to the cent € 1,23) or an English thousands comma
    /// (€ 1.234). Which one only the rest of the sheet can tell.
    Dubbelzinnig { nl: Cents, en: Cents, haakjes: bool },
    /// A number, but more than € 1 miljard ([`Cents::MAX_ABS`]).
    TeGroot,
    /// No amount (`nvt`, `PM`, `1.23.4`, `1e5`).
    Geen,
}

/// Digits grouped by `sep` in threes (`1.234.567` with `.`), or plain digits; `None` otherwise.
/// Saturates far above the cap instead of overflowing.
fn grouped(t: &str, sep: char) -> Option<u128> {
    let parts: Vec<&str> = t.split(sep).collect();
    let first = parts.first()?;
    if first.is_empty() || (parts.len() > 1 && first.len() > 3) {
        return None;
    }
    if parts.iter().skip(1).any(|p| p.len() != 3) {
        return None;
    }
    let digits: String = parts.concat();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = digits.trim_start_matches('0');
    if digits.len() > 30 {
        return Some(u128::MAX / 1000);
    }
    Some(digits.parse().unwrap_or(0))
}

/// One or two decimals as cents: `5` → 50, `56` → 56.
fn frac_cents(f: &str) -> Option<u128> {
    if !(1..=2).contains(&f.len()) || !f.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let v: u128 = f.parse().ok()?;
    Some(if f.len() == 1 { v * 10 } else { v })
}

/// Read an amount typed as text. See [`TekstBedrag`] for what counts as taken as it stands; the
/// second value is what the text shows of the sheet's notation, if anything.
pub fn lees_tekst(s: &str) -> (TekstBedrag, Option<Stijl>) {
    use TekstBedrag::*;
    let lower = s
        .to_lowercase()
        .replace("euro", " ")
        .replace("eur", " ")
        .replace('€', " ");
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    let (haakjes, inner) = match compact.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => (false, compact.as_str()),
    };
    let (neg, body) = match inner.strip_prefix(['-', '−', '–']) {
        // `(-500)` has two signs: no amount.
        Some(_) if haakjes => return (Geen, None),
        Some(rest) => (true, rest),
        None if haakjes => (true, inner),
        None => (false, inner.strip_prefix('+').unwrap_or(inner)),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-')
    {
        return (Geen, None);
    }
    // (cents, English notation, notation shown); `None` for no amount.
    let read: Option<(u128, bool, Option<Stijl>)> = if let Some(b) =
        body.strip_suffix(",--").or_else(|| body.strip_suffix(",-"))
    {
        grouped(b, '.').map(|e| (e.saturating_mul(100), false, Some(Stijl::Nl)))
    } else if body.contains('-') {
        None
    } else {
        match body.rfind([',', '.']) {
            None => grouped(body, '.').map(|e| (e.saturating_mul(100), false, None)),
            Some(pos) => {
                let (head, tail) = (&body[..pos], &body[pos + 1..]);
                if body[pos..].starts_with(',') {
                    if head.contains(',') {
                        // `1,234,567`: only thousands commas.
                        grouped(body, ',').map(|e| (e.saturating_mul(100), true, Some(Stijl::En)))
                    } else if let Some(f) = frac_cents(tail) {
                        grouped(head, '.')
                            .map(|e| (e.saturating_mul(100) + f, false, Some(Stijl::Nl)))
                    } else if tail.len() == 3
                        && (1..=3).contains(&head.len())
                        && head.chars().all(|c| c.is_ascii_digit())
                        && tail.chars().all(|c| c.is_ascii_digit())
                    {
                        let (int, f): (i64, i64) =
                            (head.parse().unwrap_or(0), tail.parse().unwrap_or(0));
                        let sign = if neg { -1 } else { 1 };
                        return (
                            Dubbelzinnig {
                                // € 1,234 to the cent, half away from zero.
                                nl: Cents(sign * ((int * 1000 + f + 5) / 10)),
                                en: Cents(sign * (int * 1000 + f) * 100),
                                haakjes,
                            },
                            None,
                        );
                    } else {
                        None
                    }
                } else if head.contains('.') {
                    // `1.234.567`: only thousands points.
                    grouped(body, '.').map(|e| (e.saturating_mul(100), false, Some(Stijl::Nl)))
                } else if let Some(f) = frac_cents(tail) {
                    if head.contains(',') {
                        // `3,234.56`
                        grouped(head, ',')
                            .map(|e| (e.saturating_mul(100) + f, true, Some(Stijl::En)))
                    } else {
                        // `12.50`
                        grouped(head, '.')
                            .map(|e| (e.saturating_mul(100) + f, false, Some(Stijl::En)))
                    }
                } else if !head.contains(',') {
                    // `1.500` is 1500.
                    grouped(body, '.').map(|e| (e.saturating_mul(100), false, None))
                } else {
                    None
                }
            }
        }
    };
    let Some((cents, engels, stijl)) = read else {
        return (Geen, None);
    };
    let Some(abs) = i64::try_from(cents).ok().filter(|c| *c <= Cents::MAX_ABS) else {
        return (TeGroot, stijl);
    };
    let bedrag = Cents(if neg { -abs } else { abs });
    if engels || haakjes {
        (
            Omgezet {
                bedrag,
                engels,
                haakjes,
            },
            stijl,
        )
    } else {
        (Gewoon(bedrag), stijl)
    }
}

/// A Dutch amount typed as text, taken as it stands: `€ 1.234,56`, `€ 800,-`, `1.234` (= 1234),
/// `-€ 50`, `EUR 1.000`, `80,00`, `12.50`. `None` for anything else (including `(50)`,
/// `3,234.56` and `1,234`, which [`lees_tekst`] reads with a note): never guess an amount.
pub fn parse_bedrag(s: &str) -> Option<Cents> {
    match lees_tekst(s).0 {
        TekstBedrag::Gewoon(c) => Some(c),
        _ => None,
    }
}

/// Hours typed as text: `12,5`, `12.5`, `40 uur`.
pub fn parse_uren(s: &str) -> Option<f64> {
    let t = s.trim().to_lowercase();
    let t = t
        .trim_end_matches("uren")
        .trim_end_matches("uur")
        .trim_end_matches('u')
        .trim();
    let t = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else {
        t.to_string()
    };
    let v: f64 = t.parse().ok()?;
    v.is_finite().then_some(v)
}

/// What an amount cell holds, as the mapper takes it.
#[derive(Debug, Clone, PartialEq)]
enum Lezing {
    /// Nothing in the cell (or only spaces).
    Leeg,
    /// An amount taken as it stands.
    Bedrag(Cents),
    /// An amount read with a note: (amount, what the cell says and how it was read).
    Omgezet(Cents, String),
    /// No amount could be taken: what the cell says and why. The cell counts as € 0.
    NietGelezen(String),
}

impl Lezing {
    fn waarde(&self) -> Option<Cents> {
        match self {
            Lezing::Bedrag(c) | Lezing::Omgezet(c, _) => Some(*c),
            _ => None,
        }
    }
}

/// A number in Dutch notation for a message: `2.000.000.000`, `1.234,5`; huge ones as `2e300`.
fn nl_number(n: f64) -> String {
    if !n.is_finite() || n.abs() >= 1e15 {
        return format!("{n:e}");
    }
    let s = format!("{:.2}", n.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let frac = frac.trim_end_matches('0');
    let sign = if n < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// The cell text quoted for a message, cut at 60 characters.
fn quoted(t: &str) -> String {
    let t = t.trim();
    if t.chars().count() <= 60 {
        format!("‘{t}’")
    } else {
        format!("‘{}…’", t.chars().take(60).collect::<String>())
    }
}

/// A spreadsheet error typed or stored as text: `#DIV/0!`, `#N/A`, `#WAARDE!`, `#NAAM?`.
fn is_error_text(t: &str) -> bool {
    let t = t.trim();
    t.len() <= 16
        && t.strip_prefix('#').is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "/!?_".contains(c))
        })
}

/// Read an amount cell. `stijl` is how the rest of the table writes amounts, for `1,234`.
fn lees(cell: Option<&SheetCell>, stijl: Option<Stijl>) -> Lezing {
    let meer_dan = Cents(Cents::MAX_ABS).nl();
    // A formula without a stored value that the evaluator could not compute is empty, but it is
    // an amount the WSV meant: it must not make its row (or the Totaal row) vanish.
    if let Some(c) = cell.filter(|c| c.evaluated && c.value == CellValue::Empty) {
        return Lezing::NietGelezen(format!(
            "de formule {} zonder opgeslagen waarde, die wijkregister niet kon uitrekenen",
            quoted(&format!("={}", c.formula.as_deref().unwrap_or("")))
        ));
    }
    match cell.map(|c| &c.value) {
        None | Some(CellValue::Empty) => Lezing::Leeg,
        Some(CellValue::Number(n)) => match Cents::from_euros(*n) {
            Some(c) => Lezing::Bedrag(c),
            None if n.is_finite() => {
                Lezing::NietGelezen(format!("{}, meer dan {meer_dan}", nl_number(*n)))
            }
            None => Lezing::NietGelezen("een getal dat geen bedrag is".into()),
        },
        Some(CellValue::Text(t)) if t.trim().is_empty() => Lezing::Leeg,
        Some(CellValue::Text(t)) if is_error_text(t) => {
            Lezing::NietGelezen(format!("de foutwaarde {}, geen bedrag", quoted(t)))
        }
        Some(CellValue::Text(t)) => match lees_tekst(t).0 {
            TekstBedrag::Gewoon(c) => Lezing::Bedrag(c),
            TekstBedrag::Omgezet {
                bedrag,
                engels,
                haakjes,
            } => {
                let hoe = match (engels, haakjes) {
                    (true, true) => "in Engelse schrijfwijze (komma voor duizendtallen, punt voor decimalen) en tussen haakjes, de boekhoudnotatie voor een negatief bedrag",
                    (true, false) => "in Engelse schrijfwijze (komma voor duizendtallen, punt voor decimalen)",
                    _ => "tussen haakjes, de boekhoudnotatie voor een negatief bedrag",
                };
                Lezing::Omgezet(
                    bedrag,
                    format!("{}, {hoe}; gelezen als {}", quoted(t), bedrag.nl()),
                )
            }
            TekstBedrag::Dubbelzinnig { nl, en, haakjes } => {
                let neg = if haakjes {
                    " (tussen haakjes: negatief)"
                } else {
                    ""
                };
                let keuze = match stijl {
                    Some(Stijl::En) => format!(
                        "de andere bedragen in de tabel staan in Engelse schrijfwijze, dus gelezen als {}",
                        en.nl()
                    ),
                    Some(Stijl::Nl) => format!(
                        "de andere bedragen in de tabel hebben een decimale komma, dus gelezen als {} (afgerond op centen)",
                        nl.nl()
                    ),
                    None => format!(
                        "uit de andere bedragen in de tabel is niet op te maken welke schrijfwijze bedoeld is, dus Nederlands gelezen (komma voor decimalen) als {} (afgerond op centen)",
                        nl.nl()
                    ),
                };
                let v = if stijl == Some(Stijl::En) { en } else { nl };
                Lezing::Omgezet(
                    v,
                    format!(
                        "{}{neg}, wat {} (komma voor decimalen) of {} (komma voor duizendtallen) kan zijn; {keuze}",
                        quoted(t),
                        nl.nl(),
                        en.nl()
                    ),
                )
            }
            TekstBedrag::TeGroot => {
                Lezing::NietGelezen(format!("{}, meer dan {meer_dan}", quoted(t)))
            }
            TekstBedrag::Geen => Lezing::NietGelezen(format!("{}, geen bedrag", quoted(t))),
        },
        Some(CellValue::Error(e)) => {
            Lezing::NietGelezen(format!("de foutwaarde {}, geen bedrag", quoted(e)))
        }
        Some(CellValue::Bool(b)) => Lezing::NietGelezen(format!(
            "{}, geen bedrag",
            if *b { "‘WAAR’" } else { "‘ONWAAR’" }
        )),
        Some(CellValue::Date(d)) => Lezing::NietGelezen(format!("de datum {d}, geen bedrag")),
    }
}

/// How the table writes amounts as text, from every text cell in its amount columns: one
/// notation only is evidence; both or neither is none.
fn table_stijl(sheet: &Sheet, header: &Header) -> Option<Stijl> {
    let mut cols: Vec<usize> = header.cols.amount_cols().collect();
    cols.extend(header.cols.tarief);
    cols.extend(header.cols.cofin.filter(|(_, uren)| !uren).map(|(c, _)| c));
    let (mut nl, mut en) = (false, false);
    for r in header.last_row + 1..sheet.rows.len() {
        for &c in &cols {
            if let Some(CellValue::Text(t)) = sheet.cell(r, c).map(|x| &x.value) {
                match lees_tekst(t).1 {
                    Some(Stijl::Nl) => nl = true,
                    Some(Stijl::En) => en = true,
                    None => {}
                }
            }
        }
    }
    match (nl, en) {
        (true, false) => Some(Stijl::Nl),
        (false, true) => Some(Stijl::En),
        _ => None,
    }
}

fn hours(cell: Option<&SheetCell>) -> Option<f64> {
    match cell.map(|c| &c.value) {
        Some(CellValue::Number(n)) if n.is_finite() => Some(*n),
        Some(CellValue::Text(t)) => parse_uren(t),
        _ => None,
    }
}

/// `SUM(H6:H12)`: a vertical sum, the mark of an unlabelled total row.
fn is_vertical_sum(formula: Option<&str>) -> bool {
    let Some(f) = formula else { return false };
    let upper = f.trim().to_uppercase();
    let Some(inner) = upper
        .strip_prefix("SUM(")
        .or_else(|| upper.strip_prefix("SOM("))
    else {
        return false;
    };
    let rows: Vec<&str> = inner
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    inner.contains(':') && rows.len() >= 2 && rows.first() != rows.last()
}

#[derive(Debug)]
enum RowKind {
    /// A budget line, with the `BEDRAG_NIET_GELEZEN` findings of its cells.
    Line(Regel, Vec<Finding>),
    /// A total-like row: is it labelled with total words only, is it labelled at all, its amount
    /// (`None` when no cell of it could be read) and amount cell, and the findings of its cells.
    Total {
        grand: bool,
        labelled: bool,
        bedrag: Option<Cents>,
        cell: String,
        findings: Vec<Finding>,
    },
    Other,
}

/// Words a grand-total label may consist of: "Totaal", "Totaal begroting", "Totale kosten".
const GRAND_WORDS: &[&str] = &[
    "totaal",
    "totale",
    "eindtotaal",
    "generaal",
    "begroting",
    "kosten",
    "bedrag",
    "aangevraagd",
    "aanvraag",
    "budget",
    "incl",
    "excl",
    "inclusief",
    "exclusief",
    "btw",
    "euro",
    "eur",
    "wsv",
];

/// What was done with an amount cell that was not taken as it stands, for its finding.
enum Gedaan {
    /// Read as the amount the note says.
    Gelezen,
    /// Counted as € 0.
    Nul,
}

fn classify_row(
    sheet: &Sheet,
    r: usize,
    cols: &Columns,
    plek: &Plek<'_>,
    stijl: Option<Stijl>,
) -> RowKind {
    let text = |c: Option<usize>| c.map(|c| cell_text(sheet.cell(r, c))).unwrap_or_default();
    let post = text(cols.post);
    let omschrijving = text(cols.omschrijving);
    let amount_cols: Vec<usize> = cols.amount_cols().collect();
    // Label: post, else omschrijving, else the first text left of the amounts ("Totaal" is often
    // typed in whatever column sits next to the total).
    let label = if !post.is_empty() {
        post.clone()
    } else if !omschrijving.is_empty() {
        omschrijving.clone()
    } else {
        let first_amount = amount_cols.iter().copied().min().unwrap_or(0);
        (0..first_amount)
            .filter(|c| Some(*c) != cols.thema)
            .map(|c| match sheet.cell(r, c).map(|x| &x.value) {
                Some(CellValue::Text(t)) => t.trim().to_string(),
                _ => String::new(),
            })
            .find(|t| !t.is_empty())
            .unwrap_or_default()
    };
    let bron = |c: usize| plek.bron(sheet, r, c);
    let read = |c: usize| lees(sheet.cell(r, c), stijl);
    // Cells not taken as they stand: (column, what it says, what was done).
    let mut notes: Vec<(usize, String, Gedaan)> = Vec::new();
    let mut note = |c: usize, l: &Lezing| match l {
        Lezing::Omgezet(_, m) => notes.push((c, m.clone(), Gedaan::Gelezen)),
        Lezing::NietGelezen(m) => notes.push((c, m.clone(), Gedaan::Nul)),
        _ => {}
    };
    // The total column gives the amount; else the year columns together. A year cell that cannot
    // be read counts as € 0, and a row whose only amounts cannot be read is still a line (or the
    // total): it must not vanish, nor take the rows around it along.
    let total = cols.total.map(|c| (c, read(c)));
    let (bedrag, cell) = match &total {
        Some((c, l)) if l.waarde().is_some() => {
            note(*c, l);
            (l.waarde(), *c)
        }
        _ => {
            if let Some((c, l)) = &total {
                note(*c, l);
            }
            let years: Vec<(usize, Lezing)> =
                cols.years.iter().map(|(_, c)| (*c, read(*c))).collect();
            for (c, l) in &years {
                note(*c, l);
            }
            let values: Vec<(usize, Cents)> = years
                .iter()
                .filter_map(|(c, l)| Some((*c, l.waarde()?)))
                .collect();
            match (values.first(), notes.first()) {
                (Some((c, _)), _) => (Some(Cents(values.iter().map(|(_, v)| v.0).sum())), *c),
                (None, Some((c, _, _))) => (None, *c),
                (None, None) => return RowKind::Other,
            }
        }
    };
    let n = norm(&label);
    let first_word = n.split(' ').next().unwrap_or("");
    if first_word == "subtotaal" || n.starts_with("sub totaal") {
        return RowKind::Other;
    }
    let finding = |c: usize, wie: &str, zegt: &str, gedaan: String| {
        Finding::new(
            Code::BEDRAG_NIET_GELEZEN,
            format!("{} {wie} bevat {zegt}; {gedaan}.", plek.cel(sheet, r, c)),
            bron(c),
        )
    };
    let total_findings = |notes: &[(usize, String, Gedaan)]| -> Vec<Finding> {
        notes
            .iter()
            .map(|(c, zegt, gedaan)| {
                let gedaan = match (gedaan, bedrag) {
                    (Gedaan::Gelezen, _) => "dat is het opgegeven totaal".to_string(),
                    (Gedaan::Nul, Some(b)) => format!(
                        "die cel telt als € 0, het opgegeven totaal is {}",
                        b.nl()
                    ),
                    (Gedaan::Nul, None) => "het opgegeven totaal is niet gelezen, de begroting telt met de som van de regels".to_string(),
                };
                finding(*c, "van de totaalregel", zegt, gedaan)
            })
            .collect()
    };
    if matches!(
        first_word,
        "totaal" | "totale" | "eindtotaal" | "totaalbedrag" | "total"
    ) {
        let grand = n
            .split(' ')
            .all(|w| GRAND_WORDS.contains(&w) || year_of(w).is_some());
        return RowKind::Total {
            grand,
            labelled: true,
            bedrag,
            cell: bron(cell),
            findings: total_findings(&notes),
        };
    }
    if label.is_empty() {
        let formula = sheet.cell(r, cell).and_then(|c| c.formula.as_deref());
        if is_vertical_sum(formula) {
            return RowKind::Total {
                grand: false,
                labelled: false,
                bedrag,
                cell: bron(cell),
                findings: total_findings(&notes),
            };
        }
    }
    let bedrag = bedrag.unwrap_or(Cents(0));
    let wie = if label.is_empty() {
        "van een regel zonder naam".to_string()
    } else {
        format!("van regel {}", quoted(&label))
    };
    let mut findings: Vec<Finding> = notes
        .iter()
        .map(|(c, zegt, gedaan)| {
            let gedaan = match gedaan {
                Gedaan::Gelezen if *c == cell && cols.total == Some(*c) => {
                    "dat is het bedrag van de regel".to_string()
                }
                Gedaan::Gelezen => format!("het bedrag van de regel is {}", bedrag.nl()),
                Gedaan::Nul if bedrag.0 == 0 => {
                    "de regel staat in de begroting met € 0 en telt niet mee in de som".to_string()
                }
                Gedaan::Nul => format!(
                    "die cel telt als € 0, de regel staat in de begroting met {}",
                    bedrag.nl()
                ),
            };
            finding(*c, &wie, zegt, gedaan)
        })
        .collect();
    let thema = text(cols.thema);
    let uren = cols.uren.and_then(|c| hours(sheet.cell(r, c)));
    let tarief = cols.tarief.and_then(|c| {
        let l = read(c);
        let gedaan = match &l {
            Lezing::Omgezet(..) => Some("dat is het tarief van de regel".to_string()),
            Lezing::NietGelezen(_) => Some("de regel heeft geen tarief".to_string()),
            _ => None,
        };
        if let (Some(g), Lezing::Omgezet(_, m) | Lezing::NietGelezen(m)) = (gedaan, &l) {
            findings.push(finding(c, &wie, m, g));
        }
        l.waarde()
    });
    let cofinanciering_uren = cols
        .cofin
        .filter(|(_, in_uren)| *in_uren)
        .and_then(|(c, _)| hours(sheet.cell(r, c)));
    let cofinanciering = cols.cofin.and_then(|(c, in_uren)| {
        if in_uren {
            // Co-financed hours are worth hours × the line's rate; without a rate, unknown.
            Cents::from_euros(cofinanciering_uren? * tarief?.euros())
        } else {
            let l = read(c);
            let gedaan = match &l {
                Lezing::Omgezet(..) => Some("dat is de cofinanciering van de regel".to_string()),
                Lezing::NietGelezen(_) => {
                    Some("de cofinanciering van de regel is niet gelezen".to_string())
                }
                _ => None,
            };
            if let (Some(g), Lezing::Omgezet(_, m) | Lezing::NietGelezen(m)) = (gedaan, &l) {
                findings.push(finding(c, &wie, m, g));
            }
            l.waarde()
        }
    });
    // The split per year, when the table has year columns (whether or not it has a total too).
    let jaren: Vec<Jaarbedrag> = cols
        .years
        .iter()
        .filter_map(|(y, c)| {
            Some(Jaarbedrag {
                jaar: *y,
                bedrag: read(*c).waarde()?,
                bron: plek.cel_bron(sheet, r, *c),
            })
        })
        .collect();
    let vacatie = is_vacatie(&post, &omschrijving, uren.is_some() && tarief.is_some());
    RowKind::Line(
        Regel {
            post: label,
            thema: (!thema.is_empty()).then_some(thema),
            omschrijving: (!omschrijving.is_empty()).then_some(omschrijving),
            uren,
            tarief,
            bedrag,
            cofinanciering,
            vacatie,
            bron: bron(cell),
            jaren,
            cofinanciering_uren,
            tarief_bron: tarief.and(cols.tarief).map(|c| plek.cel_bron(sheet, r, c)),
        },
        findings,
    )
}

/// Words that make hours × rate someone's own time in the WSV: the kerngroep, a werkgroep.
const EIGEN_UREN: &[&str] = &[
    "kerngroep",
    "kernteam",
    "werkgroep",
    "kerngroepleden",
    "kernteamleden",
    "overleg",
    "overleggen",
    "mdo",
    "aanjager",
    "aanjagers",
];

/// Words that make hours × rate a purchase from outside: a bureau, a hired facilitator or trainer.
const INKOOP: &[&str] = &[
    "bureau",
    "adviesbureau",
    "extern",
    "externe",
    "inhuur",
    "ingehuurd",
    "ingehuurde",
    "procesbegeleider",
    "procesbegeleiding",
    "facilitator",
    "trainer",
    "training",
    "consultant",
    "offerte",
    "bv",
];

/// A vacatie line by its name (`vacatie…`) or its nature: hours with a rate spent by the
/// kerngroep or a werkgroep, unless the line says it buys them from outside (issue 13: an external
/// process facilitator at € 95 per hour is procurement, not vacatiegeld at the wrong rate).
pub fn is_vacatie(post: &str, omschrijving: &str, uren_en_tarief: bool) -> bool {
    let text = format!("{} {}", norm(post), norm(omschrijving));
    if text.contains("vacatie") {
        return true;
    }
    if !uren_en_tarief {
        return false;
    }
    let words: Vec<&str> = text.split(' ').collect();
    let has = |list: &[&str]| {
        words.iter().any(|w| {
            list.iter()
                .any(|l| w == l || (l.len() >= 6 && w.starts_with(l)))
        })
    };
    has(EIGEN_UREN) && !has(INKOOP)
}

/// A row label that names cofinanciering: `Cofinanciering partners (niet in totaal)`,
/// `Eigen bijdrage partners`, `Co-financiering`.
fn is_cofinanciering_label(label: &str) -> bool {
    let n = norm(label);
    n.contains("cofinanciering")
        || n.contains("cofinancering")
        || n.contains("co financiering")
        || n.contains("eigen bijdrage")
}

/// Words stripped from a WSV name found in a title cell.
const NAME_STOP_WORDS: &[&str] = &[
    "begroting",
    "concept",
    "wsv",
    "wijksamenwerkingsverband",
    "voor",
    "van",
    "de",
    "het",
    "definitief",
    "definitieve",
    "versie",
    "naam",
];

/// "Begroting WSV Laak 2025-2026" → "Laak"; "WSV: Escamp-Noord" → "Escamp-Noord".
fn clean_wsv_name(text: &str) -> Option<String> {
    let part = text.rsplit(':').next().unwrap_or(text);
    let kept: Vec<&str> = part
        .split_whitespace()
        .filter(|tok| {
            let n = norm(tok);
            !n.is_empty()
                && !NAME_STOP_WORDS.contains(&n.as_str())
                && !n.split(' ').all(|w| w.chars().all(|c| c.is_ascii_digit()))
        })
        .collect();
    let name = kept.join(" ");
    let name = name
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (!name.is_empty()).then_some(name)
}

/// The WSV named above the table: a label cell ("Naam WSV", "WSV") with the name to its right,
/// or a title cell mentioning the WSV.
fn find_wsv_naam(sheet: &Sheet, above: usize) -> Option<String> {
    for r in 0..above.min(sheet.rows.len()) {
        let width = sheet.rows.get(r).map_or(0, Vec::len);
        for c in 0..width {
            let t = cell_text(sheet.cell(r, c));
            let n = norm(&t);
            if n.is_empty() {
                continue;
            }
            if matches!(
                n.as_str(),
                "naam wsv"
                    | "wsv"
                    | "wsv naam"
                    | "naam van de wsv"
                    | "wijk wsv"
                    | "wijksamenwerkingsverband"
            ) {
                let value = (c + 1..width)
                    .map(|cc| cell_text(sheet.cell(r, cc)))
                    .find(|v| !v.is_empty());
                if let Some(name) = value.as_deref().and_then(clean_wsv_name) {
                    return Some(name);
                }
                continue;
            }
            let words: Vec<&str> = n.split(' ').collect();
            if words.len() <= 8
                && (words.contains(&"wsv") || words.contains(&"wijksamenwerkingsverband"))
            {
                if let Some(name) = clean_wsv_name(&t) {
                    return Some(name);
                }
            }
        }
    }
    None
}

/// Which header cell a label announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kop {
    GemeenteStadsdeel,
    Wijken,
    Versie,
    Datum,
    VersieDatum,
}

/// The header-cell label a (normalised) text is, if any: "Gemeente/stadsdeel", "Wijk(en)",
/// "Versie/datum", …
fn kop_label(n: &str) -> Option<Kop> {
    Some(match n {
        "gemeente stadsdeel"
        | "stadsdeel gemeente"
        | "gemeente"
        | "stadsdeel"
        | "gemeente of stadsdeel"
        | "stadsdeel of gemeente"
        | "gemeente en stadsdeel"
        | "plaats" => Kop::GemeenteStadsdeel,
        "wijk en" | "wijken" | "wijk" | "wijk buurt" | "wijken buurten" | "buurten"
        | "werkgebied" => Kop::Wijken,
        "versie" | "versienummer" => Kop::Versie,
        "datum" | "d d" => Kop::Datum,
        "versie datum" | "versiedatum" | "datum versie" | "versie en datum" => Kop::VersieDatum,
        _ => return None,
    })
}

/// A value the WSV did not fill in: empty, `[invullen]`, `…`.
fn is_placeholder(v: &str) -> bool {
    let t = v.trim();
    t.is_empty()
        || (t.starts_with('[') && t.ends_with(']'))
        || t.chars().all(|c| matches!(c, '.' | '…' | '_' | '-' | ' '))
}

/// The labelled header cells of one sheet (rows `0..rows`): per kind the first value and its
/// `bron`. A value stands after the label's colon in the same cell, or in the first non-empty cell
/// to its right.
fn labelled_cells(sheet: &Sheet, rows: usize, file: &str) -> Vec<(Kop, String, String)> {
    let mut out: Vec<(Kop, String, String)> = Vec::new();
    for r in 0..rows.min(sheet.rows.len()) {
        let width = sheet.rows.get(r).map_or(0, Vec::len);
        for c in 0..width {
            let t = cell_text(sheet.cell(r, c));
            if t.is_empty() || t.chars().count() > 200 {
                continue;
            }
            let (label, rest) = match t.split_once(':') {
                Some((l, v)) => (l, v.trim()),
                None => (t.as_str(), ""),
            };
            let Some(kop) = kop_label(&norm(label)) else {
                continue;
            };
            if out.iter().any(|(k, _, _)| *k == kop) {
                continue;
            }
            let found = if !rest.is_empty() {
                Some((rest.to_string(), c))
            } else {
                (c + 1..width)
                    .map(|cc| (cell_text(sheet.cell(r, cc)), cc))
                    .find(|(v, _)| !v.is_empty())
            };
            if let Some((v, vc)) = found.filter(|(v, _)| !is_placeholder(v)) {
                out.push((kop, v, format!("{file} {}!{}", sheet.name, a1(r, vc))));
            }
        }
    }
    out
}

/// A version written in a title: `v3`, `versie 1.2`.
static VERSIE_IN_TEKST: std::sync::LazyLock<Option<regex::Regex>> =
    std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(v(?:ersie)?\s*\.?\s*\d+(?:[.,]\d+)*)\b").ok()
    });

/// An unlabelled cell above the table that states a version or date ("Versie 1.2, 14 mei 2025",
/// "definitief, 2 juni 2025", or the `(v3)` in a title): the whole cell when it is about the
/// version, else only the version in it. A period such as "2025-2026" is no version.
fn unlabelled_versie(sheet: &Sheet, rows: usize, file: &str) -> Option<(String, String)> {
    let mut from_title: Option<(String, String)> = None;
    for r in 0..rows.min(sheet.rows.len()) {
        let width = sheet.rows.get(r).map_or(0, Vec::len);
        for c in 0..width {
            let t = cell_text(sheet.cell(r, c));
            if t.is_empty() || t.chars().count() > 80 {
                continue;
            }
            let n = norm(&t);
            let words: Vec<&str> = n.split(' ').collect();
            let bron = format!("{file} {}!{}", sheet.name, a1(r, c));
            let is_title = words
                .iter()
                .any(|w| matches!(*w, "wsv" | "begroting" | "wijksamenwerkingsverband"));
            let versie = VERSIE_IN_TEKST
                .as_ref()
                .and_then(|re| re.find(&t))
                .map(|m| m.as_str().to_string());
            let has_date = crate::pairing::parse_date(&t).is_some();
            if !is_title && (versie.is_some() || has_date) {
                return Some((t, bron));
            }
            if from_title.is_none() {
                from_title = versie.map(|v| (v, bron));
            }
        }
    }
    from_title
}

/// Fill the header cells gemeente/stadsdeel, wijk(en) and versie/datum: labelled cells above the
/// table first, then labelled cells at the top of the other sheets; versie/datum also from an
/// unlabelled version or date line above the table.
fn header_cells(wb: &Workbook, header: &Header, file: &str, b: &mut Begroting) {
    let mut found: Vec<(Kop, String, String)> = Vec::new();
    if let Some(sheet) = wb.sheets.get(header.sheet) {
        found.extend(labelled_cells(sheet, header.first_row, file));
    }
    for (si, sheet) in wb.sheets.iter().enumerate() {
        if si == header.sheet {
            continue;
        }
        for f in labelled_cells(sheet, 30, file) {
            if !found.iter().any(|(k, _, _)| *k == f.0) {
                found.push(f);
            }
        }
    }
    let get = |kop: Kop| found.iter().find(|(k, _, _)| *k == kop);
    let veld = |v: &(Kop, String, String)| Veld {
        waarde: Some(v.1.trim().to_string()),
        bron: v.2.clone(),
    };
    if let Some(v) = get(Kop::GemeenteStadsdeel) {
        b.gemeente_stadsdeel = veld(v);
    }
    if let Some(v) = get(Kop::Wijken) {
        b.wijken = veld(v);
    }
    b.versie_datum = match (get(Kop::VersieDatum), get(Kop::Versie), get(Kop::Datum)) {
        (Some(v), _, _) => veld(v),
        (None, Some(v), d) => {
            // "Versie: 2" alone reads as a bare number: say it is a version, so that the
            // version number is found in the value wherever it is used.
            let versie = v.1.trim();
            let versie = if norm(versie).starts_with('v') {
                versie.to_string()
            } else {
                format!("versie {versie}")
            };
            Veld {
                waarde: Some(match d {
                    Some(d) => format!("{versie}, {}", d.1.trim()),
                    None => versie,
                }),
                bron: v.2.clone(),
            }
        }
        (None, None, Some(d)) => veld(d),
        (None, None, None) => wb
            .sheets
            .get(header.sheet)
            .and_then(|s| unlabelled_versie(s, header.first_row, file))
            .map(|(waarde, bron)| Veld {
                waarde: Some(waarde),
                bron,
            })
            .unwrap_or_default(),
    };
}

/// The `FORMULE_ZONDER_WAARDE` finding: how many formulas had no stored value, how many were
/// computed, which were not.
fn formula_finding(wb: &Workbook, file: &str) -> Option<Finding> {
    let mut total = 0usize;
    let mut failed: Vec<String> = Vec::new();
    let mut first: Option<String> = None;
    for sheet in &wb.sheets {
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.evaluated {
                    continue;
                }
                total += 1;
                let place = format!("{}!{}", sheet.name, a1(r, c));
                if first.is_none() {
                    first = Some(place.clone());
                }
                if cell.value == CellValue::Empty {
                    failed.push(place);
                }
            }
        }
    }
    let first = first?;
    let noun = if total == 1 { "formule" } else { "formules" };
    let bericht = if failed.is_empty() {
        let pron = if total == 1 { "die" } else { "ze" };
        format!(
            "{total} {noun} zonder opgeslagen waarde; wijkregister heeft {pron} zelf uitgerekend (SOM en verwijzingen), de totalen zijn daarmee berekend."
        )
    } else {
        let shown: Vec<&str> = failed.iter().take(10).map(String::as_str).collect();
        let more = if failed.len() > 10 { ", …" } else { "" };
        format!(
            "{total} {noun} zonder opgeslagen waarde; wijkregister heeft er {} zelf uitgerekend en {} niet ({}{more}), die cellen tellen als leeg.",
            total - failed.len(),
            failed.len(),
            shown.join(", ")
        )
    };
    Some(Finding::new(
        Code::FORMULE_ZONDER_WAARDE,
        bericht,
        format!("{file} {first}"),
    ))
}

/// Find the budget table by its header words and read lines and the stated total.
/// `file` is the display name used in `bron` (e.g. `begroting.xlsx`). `None` when no budget table
/// could be found at all.
pub fn map_begroting(wb: &Workbook, file: &str) -> Option<Mapped<Begroting>> {
    let header = find_header(wb)?;
    let sheet = wb.sheets.get(header.sheet)?;
    let Mapped {
        mut value,
        findings,
    } = read_table(sheet, &header, &Plek::Blad { file });
    let mut all: Vec<Finding> = formula_finding(wb, file).into_iter().collect();
    all.extend(findings);
    value.wsv_naam = find_wsv_naam(sheet, header.first_row);
    header_cells(wb, &header, file, &mut value);
    Some(Mapped {
        value,
        findings: all,
    })
}

/// Where a cell of the budget table is, for `bron` and for messages: a sheet cell
/// (`Begroting.xlsx Begroting!F19`) or a row of a table in a Word document
/// (`Wijkplan.docx §7 tabel 1 rij 3`, see `plan_begroting`).
pub(crate) enum Plek<'a> {
    Blad {
        file: &'a str,
    },
    /// `tabel` is the table's address without the row: `Wijkplan.docx §7 tabel 1`.
    Tabel {
        tabel: &'a str,
    },
}

impl Plek<'_> {
    /// `bron` of a line or total: the amount's cell, or the table row.
    fn bron(&self, sheet: &Sheet, r: usize, c: usize) -> String {
        match self {
            Plek::Blad { file } => format!("{file} {}!{}", sheet.name, a1(r, c)),
            Plek::Tabel { tabel } => format!("{tabel} rij {}", r + 1),
        }
    }
    /// `bron` of one cell (a rate, a year amount): in a table the row and column.
    fn cel_bron(&self, sheet: &Sheet, r: usize, c: usize) -> String {
        match self {
            Plek::Blad { .. } => self.bron(sheet, r, c),
            Plek::Tabel { tabel } => format!("{tabel} rij {} kolom {}", r + 1, c + 1),
        }
    }
    /// How a message names the cell: `Cel Begroting!F19`, `Rij 3 kolom 4 van de tabel`.
    fn cel(&self, sheet: &Sheet, r: usize, c: usize) -> String {
        match self {
            Plek::Blad { .. } => format!("Cel {}!{}", sheet.name, a1(r, c)),
            Plek::Tabel { .. } => format!("Rij {} kolom {} van de begrotingstabel", r + 1, c + 1),
        }
    }
}

/// The budget table of one sheet (a spreadsheet's, or a Word table laid out as one), when its
/// header words make it one: lines, the stated total, cofinanciering below it. Header cells
/// above the table (WSV name, gemeente, versie) are the caller's business.
pub(crate) fn map_table(sheet: &Sheet, plek: &Plek<'_>) -> Option<Mapped<Begroting>> {
    let header = find_header_in(sheet, 0)?;
    Some(read_table(sheet, &header, plek))
}

fn read_table(sheet: &Sheet, header: &Header, plek: &Plek<'_>) -> Mapped<Begroting> {
    let stijl = table_stijl(sheet, header);
    let mut rows = Vec::new();
    for r in header.last_row + 1..sheet.rows.len() {
        rows.push(classify_row(sheet, r, &header.cols, plek, stijl));
    }
    // The grand total: the first row labelled with total words only; else the last "Totaal …"
    // row; else the last unlabelled vertical SUM.
    let pick = |pred: &dyn Fn(&RowKind) -> bool, last: bool| {
        let mut it = rows.iter().enumerate().filter(|(_, k)| pred(k));
        if last {
            it.last().map(|(i, _)| i)
        } else {
            it.next().map(|(i, _)| i)
        }
    };
    let grand = pick(&|k| matches!(k, RowKind::Total { grand: true, .. }), false)
        .or_else(|| {
            pick(
                &|k| matches!(k, RowKind::Total { labelled: true, .. }),
                true,
            )
        })
        .or_else(|| pick(&|k| matches!(k, RowKind::Total { .. }), true));
    let end = grand.unwrap_or(rows.len());
    let mut findings: Vec<Finding> = Vec::new();
    let mut regels: Vec<Regel> = Vec::new();
    for k in rows.iter().take(end) {
        if let RowKind::Line(r, f) = k {
            regels.push(r.clone());
            findings.extend(f.iter().cloned());
        }
    }
    let (totaal_opgegeven, totaal_bron) = match grand.and_then(|i| rows.get(i)) {
        Some(RowKind::Total {
            bedrag,
            cell,
            findings: f,
            ..
        }) => {
            findings.extend(f.iter().cloned());
            (*bedrag, bedrag.map(|_| cell.clone()))
        }
        _ => (None, None),
    };
    // Below the total: cofinanciering rows ("Cofinanciering partners (niet in totaal)"), kept
    // outside the sum; other rows there (notes, signatures) are not part of the budget.
    let mut cofinanciering: Vec<Regel> = Vec::new();
    if grand.is_some() {
        for k in rows.iter().skip(end + 1) {
            if let RowKind::Line(r, f) = k {
                if is_cofinanciering_label(&r.post) {
                    let mut c = r.clone();
                    c.cofinanciering = Some(c.bedrag);
                    c.cofinanciering_uren = c.cofinanciering_uren.or(c.uren);
                    c.bedrag = Cents(0);
                    c.vacatie = false;
                    c.jaren.clear();
                    findings.extend(f.iter().cloned());
                    cofinanciering.push(c);
                }
            }
        }
    }
    let value = Begroting {
        totaal_opgegeven,
        totaal_bron,
        regels,
        blad: sheet.name.clone(),
        cofinanciering,
        ..Begroting::default()
    };
    Mapped { value, findings }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cell shorthand: text, number, empty, formula with a value.
    fn s(t: &str) -> SheetCell {
        SheetCell {
            value: CellValue::Text(t.into()),
            ..Default::default()
        }
    }
    fn n(v: f64) -> SheetCell {
        SheetCell {
            value: CellValue::Number(v),
            ..Default::default()
        }
    }
    fn e() -> SheetCell {
        SheetCell::default()
    }
    fn fx(formula: &str, v: f64) -> SheetCell {
        SheetCell {
            value: CellValue::Number(v),
            formula: Some(formula.into()),
            evaluated: false,
        }
    }
    fn sheet(name: &str, rows: Vec<Vec<SheetCell>>) -> Sheet {
        Sheet {
            name: name.into(),
            rows,
            merged: vec![],
        }
    }
    fn wb(sheets: Vec<Sheet>) -> Workbook {
        Workbook {
            sheets,
            notes: vec![],
        }
    }
    fn map(w: &Workbook) -> Begroting {
        match map_begroting(w, "begroting.xlsx") {
            Some(m) => m.value,
            None => panic!("no begroting found"),
        }
    }
    fn amounts(b: &Begroting) -> Vec<(String, i64)> {
        b.regels
            .iter()
            .map(|r| (r.post.clone(), r.bedrag.0))
            .collect()
    }

    #[test]
    fn dutch_amounts_as_text() {
        assert_eq!(parse_bedrag("€ 1.234,56"), Some(Cents(123456)));
        assert_eq!(parse_bedrag("€ 800,-"), Some(Cents(80000)));
        assert_eq!(parse_bedrag("€ 800,--"), Some(Cents(80000)));
        assert_eq!(parse_bedrag("1.234"), Some(Cents(123400)));
        assert_eq!(parse_bedrag("1.234,5"), Some(Cents(123450)));
        assert_eq!(parse_bedrag("-€ 50"), Some(Cents(-5000)));
        // Beyond € 1 miljard is no budget amount (and would let sums overflow).
        assert_eq!(parse_bedrag("€ 1.000.000.000"), Some(Cents(Cents::MAX_ABS)));
        assert_eq!(parse_bedrag("€ 1.000.000.001"), None);
        assert_eq!(parse_bedrag("€ -50,00"), Some(Cents(-5000)));
        assert_eq!(parse_bedrag("80"), Some(Cents(8000)));
        assert_eq!(parse_bedrag("80,00"), Some(Cents(8000)));
        assert_eq!(parse_bedrag("EUR 1.000"), Some(Cents(100000)));
        assert_eq!(parse_bedrag("1.234.567,89"), Some(Cents(123456789)));
        assert_eq!(parse_bedrag("\u{a0}€\u{a0}12.50 "), Some(Cents(1250)));
        assert_eq!(parse_bedrag("€ 0,-"), Some(Cents(0)));
    }

    #[test]
    fn garbage_amounts_are_none() {
        for g in [
            "",
            "€",
            "-",
            "(50)",
            "nvt",
            "n.v.t.",
            "1,234,5",
            "12,345",
            "1.23.4",
            "1234.567",
            "12a",
            "€ 80 per uur",
            "1,2,3",
            "--5",
            ",50",
            "1.234,-5",
            "1e5",
            "99999999999999",
        ] {
            assert_eq!(parse_bedrag(g), None, "{g:?}");
        }
    }

    #[test]
    fn hours_as_text() {
        assert_eq!(parse_uren("12,5"), Some(12.5));
        assert_eq!(parse_uren("12.5"), Some(12.5));
        assert_eq!(parse_uren("40 uur"), Some(40.0));
        assert_eq!(parse_uren("veel"), None);
    }

    #[test]
    fn header_words() {
        for (label, role) in [
            ("Post", Role::Post),
            ("Kostenpost", Role::Post),
            ("Onderdeel", Role::Post),
            ("Activiteit/post", Role::Post),
            ("Thema", Role::Thema),
            ("Thema (nr)", Role::Thema),
            ("Project/thema", Role::Thema),
            ("Omschrijving", Role::Omschrijving),
            ("Toelichting", Role::Omschrijving),
            ("Uren", Role::Uren),
            ("Aantal uren", Role::Uren),
            ("Uren (totaal)", Role::Uren),
            ("Tarief", Role::Tarief),
            ("Uurtarief", Role::Tarief),
            ("Tarief per uur", Role::Tarief),
            ("Bedrag 2025", Role::Year(2025)),
            ("2025", Role::Year(2025)),
            ("Kosten 2026", Role::Year(2026)),
            ("Totaal", Role::Total),
            ("Bedrag", Role::Total),
            ("Totaal bedrag", Role::Total),
            ("Kosten", Role::Total),
            ("Bedrag (€)", Role::Total),
            ("Totaal 2025-2026", Role::Total),
            ("Cofinanciering", Role::Cofin { uren: false }),
            ("Cofinanciering (uren)", Role::Cofin { uren: true }),
            ("Eigen bijdrage", Role::Cofin { uren: false }),
        ] {
            assert_eq!(classify(label), Some(role), "{label}");
        }
        assert_eq!(
            classify("Vul hier per post het bedrag in dat u aanvraagt"),
            None
        );
        assert_eq!(classify("Begroting WSV Laak 2025-2026"), None);
        assert_eq!(classify(""), None);
    }

    /// The common layout: title, header, group rows, subtotals, Totaal, lines below it.
    fn standard() -> Workbook {
        wb(vec![sheet(
            "Begroting",
            vec![
                vec![s("Begroting WSV Laak 2025-2026")],
                vec![],
                vec![
                    s("Post"),
                    s("Thema"),
                    s("Omschrijving"),
                    s("Uren"),
                    s("Tarief"),
                    s("Bedrag"),
                ],
                vec![s("Vacatiegelden")],
                vec![
                    s("Kerngroep overleg"),
                    n(1.0),
                    s("Maandelijks"),
                    n(40.0),
                    n(80.0),
                    fx("D5*E5", 3200.0),
                ],
                vec![
                    s("Vacatie huisartsen"),
                    n(2.0),
                    e(),
                    s("12,5"),
                    s("€ 80,00"),
                    s("€ 1.000,-"),
                ],
                vec![s("Subtotaal vacatiegelden"), e(), e(), e(), e(), n(4200.0)],
                vec![s("Organisatie en faciliteiten")],
                vec![
                    s("Zaalhuur"),
                    n(1.0),
                    s("Bijeenkomsten"),
                    e(),
                    e(),
                    n(1234.56),
                ],
                vec![s("Communicatie"), s("7"), e(), e(), e(), s("EUR 500")],
                vec![s("Subtotaal organisatie"), e(), e(), e(), e(), n(1734.56)],
                vec![],
                vec![s("Totaal"), e(), e(), e(), e(), fx("SUM(F5:F10)", 5934.56)],
                vec![],
                vec![
                    s("Cofinanciering partners (niet in totaal)"),
                    e(),
                    e(),
                    e(),
                    e(),
                    n(2000.0),
                ],
                vec![s("Toelichting"), e(), s("Bedragen incl. btw")],
            ],
        )])
    }

    #[test]
    fn standard_layout() {
        let b = map(&standard());
        assert_eq!(
            amounts(&b),
            vec![
                ("Kerngroep overleg".into(), 320000),
                ("Vacatie huisartsen".into(), 100000),
                ("Zaalhuur".into(), 123456),
                ("Communicatie".into(), 50000),
            ]
        );
        assert_eq!(b.totaal_opgegeven, Some(Cents(593456)));
        assert_eq!(
            b.totaal_bron.as_deref(),
            Some("begroting.xlsx Begroting!F13")
        );
        assert_eq!(b.wsv_naam.as_deref(), Some("Laak"));
        assert_eq!(b.blad, "Begroting");
        let r0 = &b.regels[0];
        assert_eq!(r0.thema.as_deref(), Some("1"));
        assert_eq!(r0.omschrijving.as_deref(), Some("Maandelijks"));
        assert_eq!((r0.uren, r0.tarief), (Some(40.0), Some(Cents(8000))));
        assert!(r0.vacatie);
        assert_eq!(r0.bron, "begroting.xlsx Begroting!F5");
        let r1 = &b.regels[1];
        assert_eq!(
            (r1.uren, r1.tarief, r1.vacatie),
            (Some(12.5), Some(Cents(8000)), true)
        );
        assert!(!b.regels[2].vacatie);
        assert_eq!(b.regels[3].thema.as_deref(), Some("7"));
    }

    #[test]
    fn vacatie_by_name_only() {
        let w = wb(vec![sheet(
            "B",
            vec![
                vec![s("Onderdeel"), s("Kosten")],
                vec![s("Vacatiegeld apothekers"), n(800.0)],
                vec![s("Drukwerk"), n(100.0)],
            ],
        )]);
        let b = map(&w);
        assert_eq!(
            b.regels.iter().map(|r| r.vacatie).collect::<Vec<_>>(),
            vec![true, false]
        );
        assert_eq!(b.totaal_opgegeven, None);
        assert_eq!(b.wsv_naam, None);
    }

    /// Issue 13: a vacatie line by its name and nature, not by having hours × rate. An external
    /// process facilitator at € 95 an hour is procurement; the kerngroep's own hours at € 95 are
    /// vacatie at the wrong rate, with the rate's cell as `tarief_bron`.
    #[test]
    fn vacatie_by_name_and_nature_not_by_hours_times_rate() {
        let w = wb(vec![sheet(
            "B",
            vec![
                vec![s("Post"), s("Uren"), s("Tarief"), s("Bedrag")],
                vec![
                    s("Procesbegeleiding extern bureau"),
                    n(20.0),
                    n(95.0),
                    n(1900.0),
                ],
                vec![s("Uren kerngroep"), n(10.0), n(95.0), n(950.0)],
                vec![s("Uren werkgroep valpreventie"), n(5.0), n(80.0), n(400.0)],
                vec![s("Zaalhuur"), n(4.0), n(250.0), n(1000.0)],
                vec![s("Vacatiegeld apothekers"), e(), e(), n(800.0)],
                vec![s("Totaal"), e(), e(), n(5050.0)],
            ],
        )]);
        let b = map(&w);
        let got: Vec<(&str, bool)> = b
            .regels
            .iter()
            .map(|r| (r.post.as_str(), r.vacatie))
            .collect();
        assert_eq!(
            got,
            [
                ("Procesbegeleiding extern bureau", false),
                ("Uren kerngroep", true),
                ("Uren werkgroep valpreventie", true),
                ("Zaalhuur", false),
                ("Vacatiegeld apothekers", true),
            ]
        );
        assert_eq!(
            b.regels[1].tarief_bron.as_deref(),
            Some("begroting.xlsx B!C3")
        );
        assert_eq!(b.vacatie_uren(), 15.0);
        let f = crate::audit::vacatie_findings(&b);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].bron, "begroting.xlsx B!C3");
        assert!(f[0]
            .bericht
            .contains("‘Uren kerngroep’ rekent € 95,00 per uur"));
    }

    #[test]
    fn cofinanciering_row_below_the_total_and_hours_column() {
        let w = wb(vec![sheet(
            "B",
            vec![
                vec![
                    s("Post"),
                    s("Uren"),
                    s("Tarief"),
                    s("Cofinanciering (uren)"),
                    s("2025"),
                    s("2026"),
                ],
                vec![
                    s("Vacatiegelden kernteam"),
                    n(20.0),
                    n(80.0),
                    n(5.0),
                    n(800.0),
                    n(800.0),
                ],
                vec![s("Totaal"), e(), e(), e(), n(800.0), n(800.0)],
                vec![
                    s("Cofinanciering partners (niet in totaal)"),
                    e(),
                    e(),
                    e(),
                    n(1200.0),
                    e(),
                ],
                vec![s("Toelichting: zie plan"), e(), e(), e(), e(), e()],
            ],
        )]);
        let b = map(&w);
        assert_eq!(b.som_regels(), Cents(160_000));
        let r = &b.regels[0];
        assert_eq!(r.cofinanciering_uren, Some(5.0));
        assert_eq!(r.cofinanciering, Some(Cents(40_000)));
        let jaren: Vec<(u16, i64, &str)> = r
            .jaren
            .iter()
            .map(|j| (j.jaar, j.bedrag.0, j.bron.as_str()))
            .collect();
        assert_eq!(
            jaren,
            [
                (2025, 80_000, "begroting.xlsx B!E2"),
                (2026, 80_000, "begroting.xlsx B!F2")
            ]
        );
        assert_eq!(b.cofinanciering.len(), 1);
        assert_eq!(b.cofinanciering[0].cofinanciering, Some(Cents(120_000)));
        assert_eq!(b.cofinanciering[0].bedrag, Cents(0));
        assert_eq!(b.cofinanciering_bedrag(), Some(Cents(160_000)));
        assert_eq!(b.cofinanciering_uren(), Some(5.0));
    }

    #[test]
    fn other_column_order() {
        let w = wb(vec![sheet(
            "Begroting",
            vec![
                vec![
                    s("Totaal bedrag"),
                    s("Tarief per uur"),
                    s("Aantal uren"),
                    s("Kostenpost"),
                    s("Thema (nr)"),
                ],
                vec![n(800.0), n(80.0), n(10.0), s("Overleg"), n(3.0)],
                vec![n(250.0), e(), e(), s("Website"), n(7.0)],
                vec![n(1050.0), e(), e(), s("Totaal begroting")],
            ],
        )]);
        let b = map(&w);
        assert_eq!(
            amounts(&b),
            vec![("Overleg".into(), 80000), ("Website".into(), 25000)]
        );
        assert_eq!(b.regels[0].thema.as_deref(), Some("3"));
        assert_eq!(b.regels[0].bron, "begroting.xlsx Begroting!A2");
        assert!(b.regels[0].vacatie);
        assert_eq!(b.totaal_opgegeven, Some(Cents(105000)));
        assert_eq!(
            b.totaal_bron.as_deref(),
            Some("begroting.xlsx Begroting!A4")
        );
    }

    #[test]
    fn two_header_rows_with_merged_bedrag_and_years() {
        let mut sh = sheet(
            "Begroting",
            vec![
                vec![s("Activiteit/post"), s("Omschrijving"), s("Bedrag"), e()],
                vec![e(), e(), n(2025.0), n(2026.0)],
                vec![s("Kerngroep"), s("Overleg"), n(1000.0), n(1500.0)],
                vec![s("Scholing"), e(), s("€ 300,-"), e()],
                vec![s("Totale kosten"), e(), n(1300.0), n(1500.0)],
            ],
        );
        sh.merged = vec![(0, 2, 0, 3), (0, 0, 1, 0)];
        let b = map(&wb(vec![sh.clone()]));
        assert_eq!(
            amounts(&b),
            vec![("Kerngroep".into(), 250000), ("Scholing".into(), 30000)]
        );
        assert_eq!(b.regels[0].bron, "begroting.xlsx Begroting!C3");
        assert_eq!(b.totaal_opgegeven, Some(Cents(280000)));
        // Without merge information (ods) the years still read as year columns.
        sh.merged.clear();
        assert_eq!(
            amounts(&map(&wb(vec![sh]))),
            vec![("Kerngroep".into(), 250000), ("Scholing".into(), 30000)]
        );
    }

    #[test]
    fn total_column_wins_over_years() {
        let w = wb(vec![sheet(
            "Begroting",
            vec![
                vec![s("Post"), s("Kosten 2025"), s("Kosten 2026"), s("Totaal")],
                vec![s("Zaal"), n(100.0), n(200.0), n(300.0)],
                vec![s("Flyers"), n(50.0), n(50.0), e()],
                vec![s("Totaal"), n(150.0), n(250.0), n(400.0)],
            ],
        )]);
        let b = map(&w);
        assert_eq!(
            amounts(&b),
            vec![("Zaal".into(), 30000), ("Flyers".into(), 10000)]
        );
        assert_eq!(b.regels[0].bron, "begroting.xlsx Begroting!D2");
        assert_eq!(b.regels[1].bron, "begroting.xlsx Begroting!B3");
        assert_eq!(
            b.totaal_bron.as_deref(),
            Some("begroting.xlsx Begroting!D4")
        );
    }

    #[test]
    fn instructie_sheet_first_and_renamed_sheet() {
        let instructie = sheet(
            "Instructie",
            vec![
                vec![s(
                    "Vul per post het bedrag in; gebruik per regel één kostenpost.",
                )],
                vec![s("Post"), s("Uitleg")],
            ],
        );
        let mut w = standard();
        w.sheets[0].name = "Blad1 (2)".into();
        w.sheets.insert(0, instructie);
        let b = map(&w);
        assert_eq!(b.blad, "Blad1 (2)");
        assert_eq!(b.regels.len(), 4);
        assert_eq!(
            b.totaal_bron.as_deref(),
            Some("begroting.xlsx Blad1 (2)!F13")
        );
    }

    #[test]
    fn subtotal_named_totaal_and_grand_total() {
        let w = wb(vec![sheet(
            "B",
            vec![
                vec![s("Post"), s("Bedrag")],
                vec![s("Vacatie kerngroep"), n(100.0)],
                vec![s("Totaal vacatiegelden"), n(100.0)],
                vec![s("Zaalhuur"), n(50.0)],
                vec![s("Totaal begroting 2025-2026"), n(150.0)],
                vec![s("Extra wens"), n(999.0)],
            ],
        )]);
        let b = map(&w);
        assert_eq!(
            amounts(&b),
            vec![
                ("Vacatie kerngroep".into(), 10000),
                ("Zaalhuur".into(), 5000)
            ]
        );
        assert_eq!(b.totaal_opgegeven, Some(Cents(15000)));
    }

    #[test]
    fn unlabelled_sum_row_is_the_total() {
        let w = wb(vec![sheet(
            "B",
            vec![
                vec![s("Omschrijving"), s("Bedrag")],
                vec![s("Zaal"), n(100.0)],
                vec![s("Koffie"), n(25.5)],
                vec![e(), fx("SUM(B2:B3)", 125.5)],
            ],
        )]);
        let b = map(&w);
        assert_eq!(
            amounts(&b),
            vec![("Zaal".into(), 10000), ("Koffie".into(), 2550)]
        );
        assert_eq!(b.regels[0].omschrijving.as_deref(), Some("Zaal"));
        assert_eq!(b.totaal_opgegeven, Some(Cents(12550)));
        assert_eq!(b.totaal_bron.as_deref(), Some("begroting.xlsx B!B4"));
    }

    #[test]
    fn totaal_label_in_another_column() {
        let w = wb(vec![sheet(
            "B",
            vec![
                vec![s("Post"), s("Uren"), s("Tarief"), s("Bedrag")],
                vec![s("Overleg"), n(10.0), n(80.0), n(800.0)],
                vec![e(), e(), s("Totaal"), n(800.0)],
            ],
        )]);
        let b = map(&w);
        assert_eq!(b.regels.len(), 1);
        assert_eq!(b.totaal_opgegeven, Some(Cents(80000)));
    }

    #[test]
    fn cofinanciering_columns() {
        let w = wb(vec![sheet(
            "B",
            vec![
                vec![
                    s("Post"),
                    s("Uren"),
                    s("Uurtarief"),
                    s("Bedrag"),
                    s("Cofinanciering (uren)"),
                ],
                vec![s("Overleg"), n(10.0), n(80.0), n(800.0), n(2.5)],
                vec![s("Zaal"), e(), e(), n(100.0), e()],
            ],
        )]);
        let b = map(&w);
        assert_eq!(b.regels[0].cofinanciering, Some(Cents(20000)));
        assert_eq!(b.regels[1].cofinanciering, None);
        let w = wb(vec![sheet(
            "B",
            vec![
                vec![s("Post"), s("Bedrag"), s("Eigen bijdrage")],
                vec![s("Zaal"), n(100.0), s("€ 25,-")],
            ],
        )]);
        assert_eq!(map(&w).regels[0].cofinanciering, Some(Cents(2500)));
    }

    #[test]
    fn wsv_naam_variants() {
        let with_top = |top: Vec<Vec<SheetCell>>| {
            let mut rows = top;
            rows.push(vec![s("Post"), s("Bedrag")]);
            rows.push(vec![s("Zaal"), n(1.0)]);
            map(&wb(vec![sheet("B", rows)])).wsv_naam
        };
        assert_eq!(
            with_top(vec![vec![s("WSV: Escamp-Noord")]]).as_deref(),
            Some("Escamp-Noord")
        );
        assert_eq!(
            with_top(vec![vec![s("Naam WSV"), e(), s("Laak-Noord")]]).as_deref(),
            Some("Laak-Noord")
        );
        assert_eq!(
            with_top(vec![vec![s("Naam WSV:"), s("WSV Segbroek")]]).as_deref(),
            Some("Segbroek")
        );
        assert_eq!(
            with_top(vec![vec![s(
                "Concept begroting WSV Haagse Hout 2025 – 2026"
            )]])
            .as_deref(),
            Some("Haagse Hout")
        );
        assert_eq!(with_top(vec![vec![s("Begroting 2025")]]), None);
        assert_eq!(with_top(vec![]), None);
    }

    #[test]
    fn header_cells_labelled() {
        let with_top = |top: Vec<Vec<SheetCell>>| {
            let mut rows = top;
            rows.push(vec![s("Post"), s("Bedrag")]);
            rows.push(vec![s("Zaal"), n(1.0)]);
            map(&wb(vec![sheet("B", rows)]))
        };
        let b = with_top(vec![
            vec![s("Begroting WSV Bezuidenhout")],
            vec![s("Gemeente/stadsdeel:"), e(), s("Den Haag, Haagse Hout")],
            vec![s("Wijk(en): Bezuidenhout en Mariahoeve")],
            vec![s("Versie/datum"), s("versie 2 – 3 juni 2025")],
        ]);
        assert_eq!(
            b.gemeente_stadsdeel,
            Veld {
                waarde: Some("Den Haag, Haagse Hout".into()),
                bron: "begroting.xlsx B!C2".into()
            }
        );
        assert_eq!(
            b.wijken,
            Veld {
                waarde: Some("Bezuidenhout en Mariahoeve".into()),
                bron: "begroting.xlsx B!A3".into()
            }
        );
        assert_eq!(
            b.versie_datum,
            Veld {
                waarde: Some("versie 2 – 3 juni 2025".into()),
                bron: "begroting.xlsx B!B4".into()
            }
        );
        // Separate Versie and Datum cells are joined; a bare number is called a version.
        let b = with_top(vec![
            vec![s("Stadsdeel"), s("Escamp")],
            vec![s("Versie:"), n(2.0), e(), s("Datum:"), s("3-6-2025")],
        ]);
        assert_eq!(b.gemeente_stadsdeel.waarde.as_deref(), Some("Escamp"));
        assert_eq!(b.wijken, Veld::default());
        assert_eq!(
            b.versie_datum,
            Veld {
                waarde: Some("versie 2, 3-6-2025".into()),
                bron: "begroting.xlsx B!B2".into()
            }
        );
        // The template's placeholder is no value.
        let b = with_top(vec![vec![s("Wijken:"), s("[invullen]")]]);
        assert_eq!(b.wijken, Veld::default());
        // Labels on another sheet (an "Algemeen" sheet in front) count too.
        let algemeen = sheet(
            "Algemeen",
            vec![
                vec![s("Gemeente"), s("Rijswijk")],
                vec![s("Datum"), s("1 mei 2025")],
            ],
        );
        let begroting = sheet(
            "Begroting",
            vec![vec![s("Post"), s("Bedrag")], vec![s("Zaal"), n(1.0)]],
        );
        let b = map(&wb(vec![algemeen, begroting]));
        assert_eq!(
            b.gemeente_stadsdeel,
            Veld {
                waarde: Some("Rijswijk".into()),
                bron: "begroting.xlsx Algemeen!B1".into()
            }
        );
        assert_eq!(b.versie_datum.waarde.as_deref(), Some("1 mei 2025"));
    }

    #[test]
    fn header_cells_unlabelled_versie() {
        let with_top = |top: Vec<Vec<SheetCell>>| {
            let mut rows = top;
            rows.push(vec![s("Post"), s("Bedrag")]);
            rows.push(vec![s("Zaal"), n(1.0)]);
            map(&wb(vec![sheet("B", rows)])).versie_datum
        };
        assert_eq!(
            with_top(vec![
                vec![s("Begroting WSV Laak 2025-2026")],
                vec![s("Versie 1.2, 14 mei 2025")]
            ]),
            Veld {
                waarde: Some("Versie 1.2, 14 mei 2025".into()),
                bron: "begroting.xlsx B!A2".into()
            }
        );
        assert_eq!(
            with_top(vec![vec![s("WSV Zuid – begroting 2025-2026 (v3)")]]),
            Veld {
                waarde: Some("v3".into()),
                bron: "begroting.xlsx B!A1".into()
            }
        );
        // A period is no version or date.
        assert_eq!(
            with_top(vec![vec![s("Begroting WSV Noord")], vec![s("2025-2026")]]),
            Veld::default()
        );
    }

    /// The sample begrotingen (fixtures/gen/src/sheets.rs writes their header cells).
    #[test]
    fn header_cells_of_the_sample_batch() {
        use crate::read::sheet::{read_sheet, SheetFormat};
        let get = |path: &str, format: SheetFormat| {
            let full = format!("{}/fixtures/submissions/{path}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
            let w = read_sheet(&bytes, format).unwrap_or_else(|e| panic!("{full}: {e}"));
            let name = path.rsplit('/').next().unwrap_or(path);
            match map_begroting(&w, name) {
                Some(m) => m.value,
                None => panic!("{path}: no begroting"),
            }
        };
        let laak = get("Laak/Begroting WSV Laak.xlsx", SheetFormat::Xlsx);
        assert_eq!(
            laak.versie_datum,
            Veld {
                waarde: Some("Versie 1.2, 14 mei 2025".into()),
                bron: "Begroting WSV Laak.xlsx Begroting!A2".into()
            }
        );
        let rijswijk = get("Rijswijk/Begroting Rijswijk.ods", SheetFormat::Ods);
        assert_eq!(
            rijswijk.versie_datum.waarde.as_deref(),
            Some("definitief, 2 juni 2025")
        );
        let zuid = get("begroting_escamp_zuid_v3.xlsx", SheetFormat::Xlsx);
        assert_eq!(
            zuid.versie_datum,
            Veld {
                waarde: Some("v3".into()),
                bron: "begroting_escamp_zuid_v3.xlsx Begroting 2025-2026!A1".into()
            }
        );
        let noord = get(
            "Escamp Noord/Begroting WSV Escamp Noord.xlsx",
            SheetFormat::Xlsx,
        );
        assert_eq!(noord.versie_datum, Veld::default());
        let hout = get("Begroting WSV Haagse Hout.xlsx", SheetFormat::Xlsx);
        assert_eq!(
            (hout.gemeente_stadsdeel, hout.wijken, hout.versie_datum),
            (Veld::default(), Veld::default(), Veld::default())
        );
    }

    #[test]
    fn no_header_is_none() {
        let w = wb(vec![sheet(
            "Instructie",
            vec![
                vec![s("Lees dit eerst: vul de begroting in per post en thema.")],
                vec![n(1.0), n(2.0)],
            ],
        )]);
        assert!(map_begroting(&w, "x.xlsx").is_none());
        assert!(map_begroting(&Workbook::default(), "x.xlsx").is_none());
        // Labels without any amount column are no budget table.
        let w = wb(vec![sheet(
            "B",
            vec![vec![s("Post"), s("Thema")], vec![s("Zaal"), n(1.0)]],
        )]);
        assert!(map_begroting(&w, "x.xlsx").is_none());
    }

    #[test]
    fn formula_finding_counts_computed_and_failed() {
        let mut w = standard();
        assert!(map_begroting(&w, "b.xlsx").is_some_and(|m| m.findings.is_empty()));
        if let Some(c) = w.sheets[0].rows.get_mut(4).and_then(|r| r.get_mut(5)) {
            c.evaluated = true;
        }
        if let Some(c) = w.sheets[0].rows.get_mut(12).and_then(|r| r.get_mut(5)) {
            c.evaluated = true;
        }
        let m = map_begroting(&w, "b.xlsx")
            .map(|m| m.findings)
            .unwrap_or_default();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].code, Code::FORMULE_ZONDER_WAARDE);
        assert_eq!(
            m[0].bericht,
            "2 formules zonder opgeslagen waarde; wijkregister heeft ze zelf uitgerekend (SOM en verwijzingen), de totalen zijn daarmee berekend."
        );
        assert_eq!(m[0].bron, "b.xlsx Begroting!F5");
        // The total could not be computed: it is Empty, and the message names it.
        if let Some(c) = w.sheets[0].rows.get_mut(12).and_then(|r| r.get_mut(5)) {
            c.value = CellValue::Empty;
        }
        let m = map_begroting(&w, "b.xlsx")
            .map(|m| m.findings)
            .unwrap_or_default();
        assert_eq!(
            m[0].bericht,
            "2 formules zonder opgeslagen waarde; wijkregister heeft er 1 zelf uitgerekend en 1 niet (Begroting!F13), die cellen tellen als leeg."
        );
    }
}

/// Real workbooks in `fixtures/sheets/`, made by `fixtures/sheets/make.sh`: the generator below
/// writes the raw xlsx (formulas without stored values, as a script writes them); LibreOffice
/// converts it to xlsx/ods/xls with stored values, as users' files arrive.
#[cfg(test)]
mod fixtures {
    use super::*;
    use crate::read::sheet::{read_sheet, SheetFormat};
    use rust_xlsxwriter::{Format, Workbook as XlsxWorkbook};

    /// Writes `begroting-laak-raw.xlsx` into `$SHEET_FIXTURE_DIR`. Run by make.sh only.
    #[test]
    #[ignore = "generator for fixtures/sheets, run by fixtures/sheets/make.sh"]
    fn write_raw_fixture() -> Result<(), rust_xlsxwriter::XlsxError> {
        let dir = std::env::var("SHEET_FIXTURE_DIR").unwrap_or_else(|_| "fixtures/sheets".into());
        let mut book = XlsxWorkbook::new();
        let uitleg = book.add_worksheet();
        uitleg.set_name("Uitleg en tarieven")?;
        uitleg.write(
            0,
            0,
            "Vul per post het bedrag in. Vacatiegeld is € 80 per uur.",
        )?;
        uitleg.write(2, 0, "Uurtarief vacatiegeld")?;
        uitleg.write(2, 1, 80)?;
        let ws = book.add_worksheet();
        ws.set_name("Begroting")?;
        // As openpyxl writes them: a formula with no cached result at all.
        ws.set_formula_result_default("");
        let bold = Format::new().set_bold();
        ws.write(0, 0, "Begroting WSV Laak 2025-2026")?;
        for (c, h) in ["Post", "Thema", "Omschrijving", "Uren", "Tarief"]
            .iter()
            .enumerate()
        {
            ws.merge_range(2, c as u16, 3, c as u16, h, &bold)?;
        }
        ws.merge_range(2, 5, 2, 6, "Bedrag", &bold)?;
        ws.write_with_format(3, 5, 2025, &bold)?;
        ws.write_with_format(3, 6, 2026, &bold)?;
        ws.merge_range(2, 7, 3, 7, "Totaal", &bold)?;
        ws.write(4, 0, "Vacatiegelden")?;
        ws.write(5, 0, "Kerngroep overleg")?;
        ws.write(5, 1, 1)?;
        ws.write(5, 2, "Maandelijks overleg kernteam")?;
        ws.write(5, 3, 40)?;
        ws.write_formula(5, 4, "='Uitleg en tarieven'!B3")?;
        ws.write_formula(5, 5, "=D6*E6/2")?;
        ws.write_formula(5, 6, "=D6*E6/2")?;
        ws.write_formula(5, 7, "=SUM(F6:G6)")?;
        ws.write(6, 0, "Vacatie huisartsen")?;
        ws.write(6, 1, 2)?;
        ws.write(6, 3, 25)?;
        ws.write(6, 4, 80)?;
        ws.write_formula(6, 5, "=D7*E7")?;
        ws.write(6, 6, 0)?;
        ws.write_formula(6, 7, "=F7+G7")?;
        ws.write(7, 0, "Subtotaal vacatiegelden")?;
        ws.write_formula(7, 7, "=SUM(H6:H7)")?;
        ws.write(8, 0, "Organisatie en faciliteiten")?;
        ws.write(9, 0, "Zaalhuur")?;
        ws.write(9, 1, 1)?;
        ws.write(9, 2, "Bijeenkomsten")?;
        ws.write(9, 5, 500)?;
        ws.write(9, 6, 700)?;
        ws.write_formula(9, 7, "=SUM(F10:G10)")?;
        ws.write(10, 0, "Communicatie")?;
        ws.write(10, 1, 7)?;
        ws.write(10, 5, 375.5)?;
        ws.write(10, 6, 374.5)?;
        ws.write_formula(10, 7, "=F11+G11")?;
        ws.write(11, 0, "Subtotaal organisatie")?;
        ws.write_formula(11, 7, "=SUM(H10:H11)")?;
        ws.write(12, 0, "Totaal")?;
        ws.write_formula(12, 7, "=SUM(H6:H7)+SUM(H10:H11)")?;
        ws.write(14, 0, "Cofinanciering partners (niet in totaal)")?;
        ws.write(14, 7, 2000)?;
        ws.write(15, 0, "Toelichting")?;
        ws.write(15, 2, "Alle bedragen zijn inclusief btw.")?;
        book.save(format!("{dir}/begroting-laak-raw.xlsx"))?;
        Ok(())
    }

    fn read(name: &str, format: SheetFormat) -> Workbook {
        let path = format!("{}/fixtures/sheets/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        read_sheet(&bytes, format).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// `begroting-formules.fods` as LibreOffice saves it (fixtures/sheets/make.sh): E7's
    /// `=IF(C7="";"";C7*D7)` stored an empty string. That is its value, so no line is "a formula
    /// without a stored value", in any format; and the cell at IV65536 does not make the sheet
    /// too large.
    #[test]
    fn empty_string_formula_results_are_no_missing_values() {
        for (file, format) in [
            ("begroting-formules.xlsx", SheetFormat::Xlsx),
            ("begroting-formules-rijen.xlsx", SheetFormat::Xlsx),
            ("begroting-formules.xls", SheetFormat::Xls),
            ("begroting-formules.ods", SheetFormat::Ods),
        ] {
            let wb = read(file, format);
            let Some(m) = map_begroting(&wb, file) else {
                panic!("{file}: no begroting")
            };
            assert!(
                !m.findings
                    .iter()
                    .any(|f| f.code == Code::FORMULE_ZONDER_WAARDE),
                "{file}: {:?}",
                m.findings
            );
            let bedragen: Vec<(&str, i64)> = m
                .value
                .regels
                .iter()
                .filter(|r| r.bedrag.0 != 0)
                .map(|r| (r.post.as_str(), r.bedrag.0))
                .collect();
            assert_eq!(
                bedragen,
                vec![
                    ("Zaalhuur", 90_000),
                    ("Coördinatie", 600_000),
                    ("Drukwerk", 35_000)
                ],
                "{file}"
            );
            assert_eq!(m.value.totaal_opgegeven, Some(Cents(725_000)), "{file}");
        }
    }

    /// Every variant of the Laak workbook maps to the same four lines and total.
    fn assert_laak(wb: &Workbook, file: &str) -> Vec<Finding> {
        let Some(m) = map_begroting(wb, file) else {
            panic!("{file}: no begroting")
        };
        let b = m.value;
        assert_eq!(b.blad, "Begroting");
        assert_eq!(b.wsv_naam.as_deref(), Some("Laak"));
        assert_eq!(
            b.regels
                .iter()
                .map(|r| (r.post.as_str(), r.bedrag.0, r.vacatie))
                .collect::<Vec<_>>(),
            vec![
                ("Kerngroep overleg", 320000, true),
                ("Vacatie huisartsen", 200000, true),
                ("Zaalhuur", 120000, false),
                ("Communicatie", 75000, false),
            ],
            "{file}"
        );
        assert_eq!(b.regels[0].bron, format!("{file} Begroting!H6"));
        assert_eq!(b.regels[0].uren, Some(40.0));
        assert_eq!(b.regels[0].tarief, Some(Cents(8000)));
        assert_eq!(b.regels[0].thema.as_deref(), Some("1"));
        assert_eq!(b.totaal_opgegeven, Some(Cents(715000)), "{file}");
        assert_eq!(b.totaal_bron, Some(format!("{file} Begroting!H13")));
        m.findings
    }

    #[test]
    fn raw_xlsx_without_stored_values_is_computed() {
        let wb = read("begroting-laak-raw.xlsx", SheetFormat::Xlsx);
        assert!(wb.notes.is_empty(), "{:?}", wb.notes);
        let h13 = wb.sheets[1].cell(12, 7).cloned().unwrap_or_default();
        assert_eq!(h13.formula.as_deref(), Some("SUM(H6:H7)+SUM(H10:H11)"));
        assert!(h13.evaluated);
        assert_eq!(wb.sheets[1].merged.len(), 7);
        let findings = assert_laak(&wb, "begroting-laak-raw.xlsx");
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].bericht,
            "11 formules zonder opgeslagen waarde; wijkregister heeft ze zelf uitgerekend (SOM en verwijzingen), de totalen zijn daarmee berekend."
        );
        assert_eq!(findings[0].bron, "begroting-laak-raw.xlsx Begroting!E6");
    }

    #[test]
    fn libreoffice_xlsx_has_stored_values() {
        let wb = read("begroting-laak-lo.xlsx", SheetFormat::Xlsx);
        let h13 = wb.sheets[1].cell(12, 7).cloned().unwrap_or_default();
        assert_eq!(
            (h13.value, h13.evaluated),
            (CellValue::Number(7150.0), false)
        );
        assert_eq!(wb.sheets[1].merged.len(), 7);
        assert!(assert_laak(&wb, "begroting-laak-lo.xlsx").is_empty());
    }

    /// begroting-laak-omgekeerd.xlsx has `C4:C3` and `G3:F3` where the LibreOffice file has
    /// `C3:C4` and `F3:G3` (fixtures/sheets/make.sh). Excel reads a range either way round; so
    /// does wijkregister, in a debug and a release build alike (calamine alone panics or wraps).
    #[test]
    fn merged_ranges_written_end_first_read_as_the_original() {
        let lo = read("begroting-laak-lo.xlsx", SheetFormat::Xlsx);
        let wb = read("begroting-laak-omgekeerd.xlsx", SheetFormat::Xlsx);
        let mut got = wb.sheets[1].merged.clone();
        let mut want = lo.sheets[1].merged.clone();
        got.sort();
        want.sort();
        assert_eq!(got, want);
        // C3:C4 is rows 2–3 of column 2, F3:G3 row 2 of columns 5–6 (0-based).
        assert!(got.contains(&(2, 2, 3, 2)), "{got:?}");
        assert!(got.contains(&(2, 5, 2, 6)), "{got:?}");
        assert!(assert_laak(&wb, "begroting-laak-omgekeerd.xlsx").is_empty());
    }

    /// begroting-laak-state-show.xlsx has `state="show"` on both sheets where the LibreOffice
    /// file has `state="visible"` (fixtures/sheets/make.sh); calamine alone refuses it.
    #[test]
    fn a_sheet_state_outside_the_standard_reads_as_visible() {
        let wb = read("begroting-laak-state-show.xlsx", SheetFormat::Xlsx);
        assert!(assert_laak(&wb, "begroting-laak-state-show.xlsx").is_empty());
    }

    /// begroting-laak-ingesprongen.ods is begroting-laak.ods with a line break and an indent
    /// between every two table elements (fixtures/sheets/make.sh); calamine alone refuses it.
    /// It reads as the original: the same four lines and total.
    #[test]
    fn ods_indented_between_table_elements_reads_as_the_original() {
        let wb = read("begroting-laak-ingesprongen.ods", SheetFormat::Ods);
        assert_laak(&wb, "begroting-laak-ingesprongen.ods");
    }

    #[test]
    fn ods_formulas_are_normalised() {
        let wb = read("begroting-laak.ods", SheetFormat::Ods);
        let e6 = wb.sheets[1].cell(5, 4).cloned().unwrap_or_default();
        assert_eq!(e6.formula.as_deref(), Some("'Uitleg en tarieven'!B3"));
        assert_eq!(e6.value, CellValue::Number(80.0));
        assert!(
            wb.sheets[1].merged.is_empty(),
            "calamine reads no merges from ods"
        );
        assert!(assert_laak(&wb, "begroting-laak.ods").is_empty());
    }

    /// `begroting-bedragen.xlsx` (from `begroting-bedragen.fods`, saved by LibreOffice) read as
    /// `run` reads it: every amount that is not a plain number gets its finding, no line vanishes
    /// and the Totaal row still ends the budget.
    #[test]
    fn amounts_not_taken_as_they_stand_end_to_end() {
        use crate::intake::Found;
        use crate::snapshot::Content;
        let bestand = "begroting-bedragen.xlsx";
        let outcome = crate::pipeline::process_file(&Found {
            path: format!("{}/fixtures/sheets/{bestand}", env!("CARGO_MANIFEST_DIR")).into(),
            bestand: bestand.into(),
            map: String::new(),
            lid: Vec::new(),
        });
        let Content::Begroting(b) = &outcome.content else {
            panic!("geen begroting: {:?}", outcome.findings)
        };
        assert_eq!(
            b.regels
                .iter()
                .map(|r| (r.post.as_str(), r.bedrag.0, r.bron.as_str()))
                .collect::<Vec<_>>(),
            [
                ("Zaalhuur", 125_000, "begroting-bedragen.xlsx Begroting!D4"),
                ("Drukwerk", 323_456, "begroting-bedragen.xlsx Begroting!D5"),
                (
                    "Korting gemeente",
                    -50_000,
                    "begroting-bedragen.xlsx Begroting!D6"
                ),
                (
                    "Vacatie per deelnemer",
                    0,
                    "begroting-bedragen.xlsx Begroting!D7"
                ),
                (
                    "Verbouwing wijkcentrum",
                    0,
                    "begroting-bedragen.xlsx Begroting!D8"
                ),
                ("Postzegels", 123, "begroting-bedragen.xlsx Begroting!D9"),
            ]
        );
        assert_eq!(b.totaal_opgegeven, Some(Cents(398_456)));
        assert_eq!(
            b.totaal_bron.as_deref(),
            Some("begroting-bedragen.xlsx Begroting!D10")
        );
        let found: Vec<(Code, &str, &str)> = outcome
            .findings
            .iter()
            .map(|f| (f.code, f.bron.as_str(), f.bericht.as_str()))
            .collect();
        let b = Code::BEDRAG_NIET_GELEZEN;
        assert_eq!(
            found,
            [
                (b, "begroting-bedragen.xlsx Begroting!D5", "Cel Begroting!D5 van regel ‘Drukwerk’ bevat ‘3,234.56’, in Engelse schrijfwijze (komma voor duizendtallen, punt voor decimalen); gelezen als € 3.234,56; dat is het bedrag van de regel."),
                (b, "begroting-bedragen.xlsx Begroting!D6", "Cel Begroting!D6 van regel ‘Korting gemeente’ bevat ‘(500,00)’, tussen haakjes, de boekhoudnotatie voor een negatief bedrag; gelezen als -€ 500,00; dat is het bedrag van de regel."),
                (b, "begroting-bedragen.xlsx Begroting!D7", "Cel Begroting!D7 van regel ‘Vacatie per deelnemer’ bevat de foutwaarde ‘#DIV/0!’, geen bedrag; de regel staat in de begroting met € 0 en telt niet mee in de som."),
                (b, "begroting-bedragen.xlsx Begroting!D8", "Cel Begroting!D8 van regel ‘Verbouwing wijkcentrum’ bevat 2.000.000.000, meer dan € 1.000.000.000,00; de regel staat in de begroting met € 0 en telt niet mee in de som."),
                // The table has a decimal comma, (500,00), and English notation, 3,234.56: no
                // evidence either way, so the Dutch reading.
                (b, "begroting-bedragen.xlsx Begroting!D9", "Cel Begroting!D9 van regel ‘Postzegels’ bevat ‘1,234’, wat € 1,23 (komma voor decimalen) of € 1.234,00 (komma voor duizendtallen) kan zijn; uit de andere bedragen in de tabel is niet op te maken welke schrijfwijze bedoeld is, dus Nederlands gelezen (komma voor decimalen) als € 1,23 (afgerond op centen); dat is het bedrag van de regel."),
            ]
        );
    }

    #[test]
    fn xls_ints_are_numbers() {
        let wb = read("begroting-laak.xls", SheetFormat::Xls);
        assert_eq!(
            wb.sheets[1].cell(5, 3).map(|c| c.value.clone()),
            Some(CellValue::Number(40.0))
        );
        assert_eq!(wb.sheets[1].merged.len(), 7);
        assert!(assert_laak(&wb, "begroting-laak.xls").is_empty());
    }
}

#[cfg(test)]
mod bedrag_niet_gelezen {
    use super::*;

    fn s(t: &str) -> SheetCell {
        SheetCell {
            value: CellValue::Text(t.into()),
            ..Default::default()
        }
    }
    fn n(v: f64) -> SheetCell {
        SheetCell {
            value: CellValue::Number(v),
            ..Default::default()
        }
    }
    fn err(e: &str) -> SheetCell {
        SheetCell {
            value: CellValue::Error(e.into()),
            ..Default::default()
        }
    }

    /// Header `Post | Bedrag` in row 1, the given rows below it, on sheet `Begroting`.
    fn map_rows(rows: Vec<Vec<SheetCell>>) -> Mapped<Begroting> {
        let mut all = vec![vec![s("Post"), s("Bedrag")]];
        all.extend(rows);
        let wb = Workbook {
            sheets: vec![Sheet {
                name: "Begroting".into(),
                rows: all,
                merged: vec![],
            }],
            notes: vec![],
        };
        match map_begroting(&wb, "b.xlsx") {
            Some(m) => m,
            None => panic!("no begroting"),
        }
    }

    fn lines(b: &Begroting) -> Vec<(&str, i64)> {
        b.regels
            .iter()
            .map(|r| (r.post.as_str(), r.bedrag.0))
            .collect()
    }

    fn messages(m: &Mapped<Begroting>) -> Vec<(String, String)> {
        m.findings
            .iter()
            .map(|f| {
                assert_eq!(f.code, Code::BEDRAG_NIET_GELEZEN);
                assert_eq!(f.ernst, crate::domain::Ernst::Waarschuwing);
                (f.bron.clone(), f.bericht.clone())
            })
            .collect()
    }

    #[test]
    fn text_notations() {
        use TekstBedrag::*;
        let read = |t: &str| lees_tekst(t).0;
        assert_eq!(
            read("3,234.56"),
            Omgezet {
                bedrag: Cents(323_456),
                engels: true,
                haakjes: false
            }
        );
        assert_eq!(
            read("€ 1,234,567"),
            Omgezet {
                bedrag: Cents(123_456_700),
                engels: true,
                haakjes: false
            }
        );
        assert_eq!(
            read("(500,00)"),
            Omgezet {
                bedrag: Cents(-50_000),
                engels: false,
                haakjes: true
            }
        );
        assert_eq!(
            read("€ (1,250.50)"),
            Omgezet {
                bedrag: Cents(-125_050),
                engels: true,
                haakjes: true
            }
        );
        assert_eq!(
            read("1,234"),
            Dubbelzinnig {
                nl: Cents(123),
                en: Cents(123_400),
                haakjes: false
            }
        );
        assert_eq!(
            read("12,345"),
            Dubbelzinnig {
                nl: Cents(1_235),
                en: Cents(1_234_500),
                haakjes: false
            }
        );
        // Dutch notation and plain numbers are taken as they stand.
        assert_eq!(read("1,5"), Gewoon(Cents(150)));
        assert_eq!(read("1.500"), Gewoon(Cents(150_000)));
        assert_eq!(read("3.234,56"), Gewoon(Cents(323_456)));
        assert_eq!(read("€ 800,-"), Gewoon(Cents(80_000)));
        // Beyond the cap is a number, but no amount.
        assert_eq!(read("€ 2.000.000.000"), TeGroot);
        assert_eq!(read("2,000,000,000.00"), TeGroot);
        assert_eq!(read("9".repeat(80).as_str()), TeGroot);
        for g in [
            "nvt",
            "PM",
            "(-500)",
            "1,234.567",
            "3.234.56",
            "1,23,456",
            "()",
        ] {
            assert_eq!(read(g), Geen, "{g:?}");
        }
        // What a text shows of the sheet's notation.
        assert_eq!(lees_tekst("80,00").1, Some(Stijl::Nl));
        assert_eq!(lees_tekst("€ 800,-").1, Some(Stijl::Nl));
        assert_eq!(lees_tekst("12.50").1, Some(Stijl::En));
        assert_eq!(lees_tekst("3,234.56").1, Some(Stijl::En));
        assert_eq!(lees_tekst("1.500").1, None);
        assert_eq!(lees_tekst("1,234").1, None);
        assert_eq!(lees_tekst("500").1, None);
    }

    #[test]
    fn english_thousands_commas() {
        let m = map_rows(vec![
            vec![s("Drukwerk"), s("3,234.56")],
            vec![s("Zaalhuur"), n(500.0)],
            vec![s("Totaal"), n(3734.56)],
        ]);
        assert_eq!(
            lines(&m.value),
            [("Drukwerk", 323_456), ("Zaalhuur", 50_000)]
        );
        assert_eq!(m.value.totaal_opgegeven, Some(Cents(373_456)));
        assert_eq!(
            messages(&m),
            [(
                "b.xlsx Begroting!B2".to_string(),
                "Cel Begroting!B2 van regel ‘Drukwerk’ bevat ‘3,234.56’, in Engelse schrijfwijze (komma voor duizendtallen, punt voor decimalen); gelezen als € 3.234,56; dat is het bedrag van de regel.".to_string()
            )]
        );
    }

    #[test]
    fn accounting_negative() {
        let m = map_rows(vec![
            vec![s("Zaalhuur"), n(1500.0)],
            vec![s("Korting gemeente"), s("(500,00)")],
            vec![s("Totaal"), n(1000.0)],
        ]);
        assert_eq!(
            lines(&m.value),
            [("Zaalhuur", 150_000), ("Korting gemeente", -50_000)]
        );
        assert_eq!(m.value.som_regels(), Cents(100_000));
        assert_eq!(
            messages(&m),
            [(
                "b.xlsx Begroting!B3".to_string(),
                "Cel Begroting!B3 van regel ‘Korting gemeente’ bevat ‘(500,00)’, tussen haakjes, de boekhoudnotatie voor een negatief bedrag; gelezen als -€ 500,00; dat is het bedrag van de regel.".to_string()
            )]
        );
    }

    #[test]
    fn error_values_count_as_zero_and_the_total_stays() {
        let m = map_rows(vec![
            vec![s("Zaalhuur"), n(500.0)],
            vec![s("Vacatie per deelnemer"), err("#DIV/0!")],
            vec![s("Drukwerk"), s("#REF!")],
            vec![s("Totaal"), err("#DIV/0!")],
            vec![s("Cofinanciering partners (niet in totaal)"), n(2000.0)],
        ]);
        // The lines stay, at € 0; the Totaal row still ends the budget, so the row below it is no
        // line.
        assert_eq!(
            lines(&m.value),
            [
                ("Zaalhuur", 50_000),
                ("Vacatie per deelnemer", 0),
                ("Drukwerk", 0)
            ]
        );
        assert_eq!(m.value.totaal_opgegeven, None);
        assert_eq!(m.value.totaal_bron, None);
        assert_eq!(m.value.totaal(), Cents(50_000));
        assert_eq!(
            messages(&m),
            [
                (
                    "b.xlsx Begroting!B3".to_string(),
                    "Cel Begroting!B3 van regel ‘Vacatie per deelnemer’ bevat de foutwaarde ‘#DIV/0!’, geen bedrag; de regel staat in de begroting met € 0 en telt niet mee in de som.".to_string()
                ),
                (
                    "b.xlsx Begroting!B4".to_string(),
                    "Cel Begroting!B4 van regel ‘Drukwerk’ bevat de foutwaarde ‘#REF!’, geen bedrag; de regel staat in de begroting met € 0 en telt niet mee in de som.".to_string()
                ),
                (
                    "b.xlsx Begroting!B5".to_string(),
                    "Cel Begroting!B5 van de totaalregel bevat de foutwaarde ‘#DIV/0!’, geen bedrag; het opgegeven totaal is niet gelezen, de begroting telt met de som van de regels.".to_string()
                ),
            ]
        );
    }

    /// Issue 12: a line above € 1 miljard took the Totaal row along and the begroting read
    /// € 1.000,00 without a word.
    #[test]
    fn above_a_billion_keeps_the_line_and_the_total_row() {
        let m = map_rows(vec![
            vec![s("Zaalhuur"), n(600.0)],
            vec![s("Verbouwing"), n(2_000_000_000.0)],
            vec![s("Drukwerk"), n(400.0)],
            vec![s("Totaal"), n(2_000_001_000.0)],
            vec![s("Extra wens"), n(999.0)],
        ]);
        assert_eq!(
            lines(&m.value),
            [
                ("Zaalhuur", 60_000),
                ("Verbouwing", 0),
                ("Drukwerk", 40_000)
            ]
        );
        assert_eq!(m.value.som_regels(), Cents(100_000));
        assert_eq!(m.value.totaal_opgegeven, None);
        assert_eq!(
            messages(&m),
            [
                (
                    "b.xlsx Begroting!B3".to_string(),
                    "Cel Begroting!B3 van regel ‘Verbouwing’ bevat 2.000.000.000, meer dan € 1.000.000.000,00; de regel staat in de begroting met € 0 en telt niet mee in de som.".to_string()
                ),
                (
                    "b.xlsx Begroting!B5".to_string(),
                    "Cel Begroting!B5 van de totaalregel bevat 2.000.001.000, meer dan € 1.000.000.000,00; het opgegeven totaal is niet gelezen, de begroting telt met de som van de regels.".to_string()
                ),
            ]
        );
        // A total that can be read stays the stated total, next to the line it leaves out.
        let m = map_rows(vec![
            vec![s("Zaalhuur"), n(600.0)],
            vec![s("Verbouwing"), s("€ 2.000.000.000")],
            vec![s("Totaal"), n(600.0)],
        ]);
        assert_eq!(lines(&m.value), [("Zaalhuur", 60_000), ("Verbouwing", 0)]);
        assert_eq!(m.value.totaal_opgegeven, Some(Cents(60_000)));
        assert_eq!(m.value.totaal_bron.as_deref(), Some("b.xlsx Begroting!B4"));
        assert_eq!(
            messages(&m),
            [(
                "b.xlsx Begroting!B3".to_string(),
                "Cel Begroting!B3 van regel ‘Verbouwing’ bevat ‘€ 2.000.000.000’, meer dan € 1.000.000.000,00; de regel staat in de begroting met € 0 en telt niet mee in de som.".to_string()
            )]
        );
    }

    #[test]
    fn ambiguous_comma_follows_the_sheet() {
        // Other amounts with a decimal comma: the comma in 1,234 is a decimal comma.
        let m = map_rows(vec![
            vec![s("Zaalhuur"), s("80,00")],
            vec![s("Postzegels"), s("1,234")],
        ]);
        assert_eq!(lines(&m.value), [("Zaalhuur", 8_000), ("Postzegels", 123)]);
        assert_eq!(
            messages(&m),
            [(
                "b.xlsx Begroting!B3".to_string(),
                "Cel Begroting!B3 van regel ‘Postzegels’ bevat ‘1,234’, wat € 1,23 (komma voor decimalen) of € 1.234,00 (komma voor duizendtallen) kan zijn; de andere bedragen in de tabel hebben een decimale komma, dus gelezen als € 1,23 (afgerond op centen); dat is het bedrag van de regel.".to_string()
            )]
        );
        // Other amounts in English notation: a thousands comma.
        let m = map_rows(vec![
            vec![s("Zaalhuur"), s("1,500.00")],
            vec![s("Drukwerk"), s("1,234")],
        ]);
        assert_eq!(
            lines(&m.value),
            [("Zaalhuur", 150_000), ("Drukwerk", 123_400)]
        );
        assert_eq!(m.findings.len(), 2);
        assert_eq!(
            m.findings[1].bericht,
            "Cel Begroting!B3 van regel ‘Drukwerk’ bevat ‘1,234’, wat € 1,23 (komma voor decimalen) of € 1.234,00 (komma voor duizendtallen) kan zijn; de andere bedragen in de tabel staan in Engelse schrijfwijze, dus gelezen als € 1.234,00; dat is het bedrag van de regel."
        );
        // Nothing to go by (numbers only, or both notations): the Dutch reading, and it says so.
        for other in [n(80.0), s("3,234.56")] {
            let both = matches!(other.value, CellValue::Text(_));
            let mut rows = vec![vec![s("Zaalhuur"), other], vec![s("Drukwerk"), s("1,234")]];
            if both {
                rows.push(vec![s("Koffie"), s("12,50")]);
            }
            let m = map_rows(rows);
            assert_eq!(m.value.regels[1].bedrag, Cents(123));
            assert_eq!(
                m.findings.iter().map(|f| f.bericht.as_str()).find(|b| b.contains("‘1,234’")),
                Some("Cel Begroting!B3 van regel ‘Drukwerk’ bevat ‘1,234’, wat € 1,23 (komma voor decimalen) of € 1.234,00 (komma voor duizendtallen) kan zijn; uit de andere bedragen in de tabel is niet op te maken welke schrijfwijze bedoeld is, dus Nederlands gelezen (komma voor decimalen) als € 1,23 (afgerond op centen); dat is het bedrag van de regel.")
            );
        }
    }

    #[test]
    fn a_formula_that_could_not_be_computed_keeps_its_row() {
        let failed = |f: &str| SheetCell {
            value: CellValue::Empty,
            formula: Some(f.into()),
            evaluated: true,
        };
        let m = map_rows(vec![
            vec![s("Zaalhuur"), n(500.0)],
            vec![s("Koffie"), failed("B9*2")],
            vec![s("Totaal"), failed("SUM(B2:B3)+Blad9!A1")],
            vec![s("Extra wens"), n(999.0)],
        ]);
        assert_eq!(lines(&m.value), [("Zaalhuur", 50_000), ("Koffie", 0)]);
        assert_eq!(m.value.totaal_opgegeven, None);
        let got: Vec<(Code, &str)> = m
            .findings
            .iter()
            .map(|f| (f.code, f.bericht.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Code::FORMULE_ZONDER_WAARDE, "2 formules zonder opgeslagen waarde; wijkregister heeft er 0 zelf uitgerekend en 2 niet (Begroting!B3, Begroting!B4), die cellen tellen als leeg."),
                (Code::BEDRAG_NIET_GELEZEN, "Cel Begroting!B3 van regel ‘Koffie’ bevat de formule ‘=B9*2’ zonder opgeslagen waarde, die wijkregister niet kon uitrekenen; de regel staat in de begroting met € 0 en telt niet mee in de som."),
                (Code::BEDRAG_NIET_GELEZEN, "Cel Begroting!B4 van de totaalregel bevat de formule ‘=SUM(B2:B3)+Blad9!A1’ zonder opgeslagen waarde, die wijkregister niet kon uitrekenen; het opgegeven totaal is niet gelezen, de begroting telt met de som van de regels."),
            ]
        );
    }

    #[test]
    fn text_that_is_no_amount() {
        let m = map_rows(vec![
            vec![s("Zaalhuur"), n(500.0)],
            vec![s("Website"), s("PM")],
            vec![s("Totaal"), n(500.0)],
        ]);
        assert_eq!(lines(&m.value), [("Zaalhuur", 50_000), ("Website", 0)]);
        assert_eq!(
            messages(&m),
            [(
                "b.xlsx Begroting!B3".to_string(),
                "Cel Begroting!B3 van regel ‘Website’ bevat ‘PM’, geen bedrag; de regel staat in de begroting met € 0 en telt niet mee in de som.".to_string()
            )]
        );
        // Dutch amounts as text, plain numbers and empty cells give no finding; nor does what
        // stands below the total.
        let m = map_rows(vec![
            vec![s("Zaalhuur"), s("€ 1.234,56")],
            vec![s("Koffie"), s("€ 80,-")],
            vec![s("Organisatie")],
            vec![s("Flyers"), n(10.0)],
            vec![s("Totaal"), n(1324.56)],
            vec![s("Toelichting"), s("bedragen incl. btw")],
        ]);
        assert!(m.findings.is_empty(), "{:?}", m.findings);
    }

    #[test]
    fn year_columns_tarief_and_cofinanciering() {
        let wb = Workbook {
            sheets: vec![Sheet {
                name: "B".into(),
                rows: vec![
                    vec![
                        s("Post"),
                        s("Uren"),
                        s("Tarief"),
                        s("2025"),
                        s("2026"),
                        s("Eigen bijdrage"),
                    ],
                    vec![
                        s("Overleg"),
                        n(10.0),
                        s("#WAARDE!"),
                        n(400.0),
                        err("#N/A"),
                        s("(50,00)"),
                    ],
                ],
                merged: vec![],
            }],
            notes: vec![],
        };
        let Some(m) = map_begroting(&wb, "b.ods") else {
            panic!("no begroting")
        };
        let r = &m.value.regels[0];
        assert_eq!((r.bedrag, r.tarief), (Cents(40_000), None));
        assert_eq!(r.cofinanciering, Some(Cents(-5_000)));
        let got: Vec<(&str, &str)> = m
            .findings
            .iter()
            .map(|f| (f.bron.as_str(), f.bericht.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("b.ods B!E2", "Cel B!E2 van regel ‘Overleg’ bevat de foutwaarde ‘#N/A’, geen bedrag; die cel telt als € 0, de regel staat in de begroting met € 400,00."),
                ("b.ods B!C2", "Cel B!C2 van regel ‘Overleg’ bevat de foutwaarde ‘#WAARDE!’, geen bedrag; de regel heeft geen tarief."),
                ("b.ods B!F2", "Cel B!F2 van regel ‘Overleg’ bevat ‘(50,00)’, tussen haakjes, de boekhoudnotatie voor een negatief bedrag; gelezen als -€ 50,00; dat is de cofinanciering van de regel."),
            ]
        );
    }
}
