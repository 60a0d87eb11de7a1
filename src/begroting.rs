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
//!    unlabelled row whose amount is a vertical `SUM`. Rows below it are not part of the budget
//!    ("Cofinanciering partners (niet in totaal)", "Toelichting") and are ignored.
//!
//! The mapper reports exact data only: sums and rates are the audit's business. Its one finding is
//! `FORMULE_ZONDER_WAARDE`, saying what the reader computed itself.

use crate::domain::{Begroting, Cents, Code, Finding, Mapped, Regel, Veld};
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
    }
    best
}

/// A Dutch amount typed as text: `€ 1.234,56`, `€ 800,-`, `1.234` (= 1234), `-€ 50`, `EUR 1.000`,
/// `80,00`. `None` for anything else (including `(50)`): never guess an amount.
pub fn parse_bedrag(s: &str) -> Option<Cents> {
    let lower = s
        .to_lowercase()
        .replace("euro", " ")
        .replace("eur", " ")
        .replace('€', " ");
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    let (neg, body) = match compact.strip_prefix(['-', '−', '–']) {
        Some(rest) => (true, rest),
        None => (false, compact.strip_prefix('+').unwrap_or(&compact)),
    };
    let (body, dash_cents) = match body.strip_suffix(",--").or_else(|| body.strip_suffix(",-")) {
        Some(b) => (b, true),
        None => (body, false),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let grouped_int = |t: &str| -> Option<i64> {
        let parts: Vec<&str> = t.split('.').collect();
        let first = parts.first()?;
        if first.is_empty() || (first.len() > 3 && parts.len() > 1) {
            return None;
        }
        if parts.iter().skip(1).any(|p| p.len() != 3) {
            return None;
        }
        let digits: String = parts.concat();
        if digits.is_empty() || digits.len() > 13 {
            return None;
        }
        digits.parse().ok()
    };
    let (euros, cents) = if let Some((int, frac)) = body.split_once(',') {
        if dash_cents
            || frac.is_empty()
            || frac.len() > 2
            || !frac.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let f: i64 = frac.parse().ok()?;
        (grouped_int(int)?, if frac.len() == 1 { f * 10 } else { f })
    } else if body.matches('.').count() == 1
        && body
            .split_once('.')
            .is_some_and(|(_, f)| (1..=2).contains(&f.len()))
    {
        // `12.50`: a decimal point (a thousands group always has three digits).
        let (int, frac) = body.split_once('.')?;
        if int.is_empty() || int.len() > 13 {
            return None;
        }
        let f: i64 = frac.parse().ok()?;
        (int.parse().ok()?, if frac.len() == 1 { f * 10 } else { f })
    } else {
        (grouped_int(body)?, 0)
    };
    let total = euros.checked_mul(100)?.checked_add(cents)?;
    if total > Cents::MAX_ABS {
        return None;
    }
    Some(Cents(if neg { -total } else { total }))
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

fn amount(cell: Option<&SheetCell>) -> Option<Cents> {
    match cell.map(|c| &c.value) {
        Some(CellValue::Number(n)) => Cents::from_euros(*n),
        Some(CellValue::Text(t)) => parse_bedrag(t),
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
    Line(Regel),
    /// A total-like row: (is it labelled with total words only, amount, amount cell).
    Total {
        grand: bool,
        labelled: bool,
        bedrag: Cents,
        cell: String,
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

fn classify_row(sheet: &Sheet, r: usize, cols: &Columns, file: &str) -> RowKind {
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
    let bron = |c: usize| format!("{file} {}!{}", sheet.name, a1(r, c));
    let total_val = cols
        .total
        .and_then(|c| amount(sheet.cell(r, c)).map(|v| (v, c)));
    let year_vals: Vec<(Cents, usize)> = cols
        .years
        .iter()
        .filter_map(|(_, c)| amount(sheet.cell(r, *c)).map(|v| (v, *c)))
        .collect();
    let (bedrag, cell) = match (total_val, year_vals.first()) {
        (Some((v, c)), _) => (v, c),
        (None, Some((_, c))) => (Cents(year_vals.iter().map(|(v, _)| v.0).sum()), *c),
        (None, None) => return RowKind::Other,
    };
    let n = norm(&label);
    let first_word = n.split(' ').next().unwrap_or("");
    if first_word == "subtotaal" || n.starts_with("sub totaal") {
        return RowKind::Other;
    }
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
            };
        }
    }
    let thema = text(cols.thema);
    let uren = cols.uren.and_then(|c| hours(sheet.cell(r, c)));
    let tarief = cols.tarief.and_then(|c| amount(sheet.cell(r, c)));
    let cofinanciering = cols.cofin.and_then(|(c, in_uren)| {
        if in_uren {
            // Co-financed hours are worth hours × the line's rate; without a rate, unknown.
            let h = hours(sheet.cell(r, c))?;
            Cents::from_euros(h * tarief?.euros())
        } else {
            amount(sheet.cell(r, c))
        }
    });
    let vacatie = norm(&post).contains("vacatie")
        || norm(&omschrijving).contains("vacatie")
        || (uren.is_some() && tarief.is_some());
    RowKind::Line(Regel {
        post: label,
        thema: (!thema.is_empty()).then_some(thema),
        omschrijving: (!omschrijving.is_empty()).then_some(omschrijving),
        uren,
        tarief,
        bedrag,
        cofinanciering,
        vacatie,
        bron: bron(cell),
    })
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
    let mut rows = Vec::new();
    for r in header.last_row + 1..sheet.rows.len() {
        rows.push(classify_row(sheet, r, &header.cols, file));
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
    let regels: Vec<Regel> = rows
        .iter()
        .take(end)
        .filter_map(|k| match k {
            RowKind::Line(r) => Some(r.clone()),
            _ => None,
        })
        .collect();
    let (totaal_opgegeven, totaal_bron) = match grand.and_then(|i| rows.get(i)) {
        Some(RowKind::Total { bedrag, cell, .. }) => (Some(*bedrag), Some(cell.clone())),
        _ => (None, None),
    };
    let findings = formula_finding(wb, file).into_iter().collect();
    let mut value = Begroting {
        wsv_naam: find_wsv_naam(sheet, header.first_row),
        totaal_opgegeven,
        totaal_bron,
        regels,
        blad: sheet.name.clone(),
        ..Begroting::default()
    };
    header_cells(wb, &header, file, &mut value);
    Some(Mapped { value, findings })
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
