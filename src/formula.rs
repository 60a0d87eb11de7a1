//! A small evaluator for the spreadsheet formulas that budgets actually use, for cells whose file
//! stored no computed value.
//!
//! Why this exists: calamine reads formulas and stored results but cannot evaluate
//! (tafia/calamine#220). Workbooks written by scripts (openpyxl, rust_xlsxwriter with an empty
//! default result) store no value for a formula, so a budget's `=SUM(H6:H12)` total would read as
//! empty. Budgets use a tiny language — numbers, references, `+ - * / ^`, parentheses and
//! `SUM`/`SOM` — so a hand-written evaluator for exactly that is small and honest; anything outside
//! it is reported as "could not compute" instead of guessed. No crate of the field does Excel
//! formula evaluation without pulling in a whole engine.
//!
//! Accepted syntax, after [`normalise`]:
//! - numbers (`12`, `1.5`, `1e3`), trailing `%`, string literals (only as values),
//!   `TRUE`/`FALSE`;
//! - references `A1`, `$A$1`, `Sheet!A1`, `'My Sheet'!A1` and ranges `A1:B5` (ranges only as a
//!   function argument);
//! - `+ - * / ^` with Excel precedence (unary minus binds tightest, then `^`, `* /`, `+ -`);
//! - `SUM`/`SOM` over ranges, references and expressions (as Excel: text, booleans and empty cells
//!   inside ranges are skipped).
//!
//! Evaluation follows dependencies: a reference to another formula cell without stored value
//! evaluates that cell first (recursively, with a depth limit and cycle detection). Division by
//! zero, a cycle, an unknown function or sheet, text in arithmetic or an error value make the
//! formula unevaluable: the cell stays `Empty`, `evaluated = true`, and a Dutch note says why.

use crate::model::{a1, CellValue, Workbook};
use std::collections::HashMap;

/// Deepest chain of formula cells evaluated through each other. Cells are evaluated in sheet
/// order, so running totals resolve one step at a time and never come near this.
pub const MAX_DEPTH: usize = 100;
/// Deepest nesting of parentheses/unary operators parsed, against stack exhaustion.
const MAX_PARSE_DEPTH: usize = 100;
/// Notes about unevaluable formulas per workbook; the rest is summarised in one more note.
const MAX_NOTES: usize = 20;

/// Turn formula text as a reader gives it into A1 syntax without leading `=`:
/// OpenDocument `of:=SUM([.C4:.C8];[$Sheet1.C4])` becomes `SUM(C4:C8,Sheet1!C4)`.
/// Excel formulas pass through (minus a leading `=`). String literals are kept as they are.
pub fn normalise(formula: &str) -> String {
    let mut s = formula.trim();
    for prefix in ["of:", "msoxl:", "oooc:"] {
        if s.len() >= prefix.len()
            && s.is_char_boundary(prefix.len())
            && s[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            s = &s[prefix.len()..];
            break;
        }
    }
    let s = s.strip_prefix('=').unwrap_or(s);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' => {
                out.push('"');
                // Copy the literal; `""` inside is an escaped quote and simply copies through.
                for c in chars.by_ref() {
                    out.push(c);
                    if c == '"' {
                        break;
                    }
                }
            }
            '[' => {
                let mut inner = String::new();
                let mut in_quote = false;
                for c in chars.by_ref() {
                    if c == '\'' {
                        in_quote = !in_quote;
                    }
                    if c == ']' && !in_quote {
                        break;
                    }
                    inner.push(c);
                }
                out.push_str(&odf_reference(&inner));
            }
            ';' => out.push(','),
            _ => out.push(ch),
        }
    }
    out
}

/// `.C4` → `C4`, `$Sheet1.C4` → `Sheet1!C4`, `$'My Sheet'.C4:.C8` → `'My Sheet'!C4:C8`.
fn odf_reference(inner: &str) -> String {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut in_quote = false;
    for c in inner.chars() {
        if c == '\'' {
            in_quote = !in_quote;
        }
        if c == ':' && !in_quote {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    let mut sheet: Option<String> = None;
    let mut cells = Vec::new();
    for part in &parts {
        let (sh, cell) = split_odf_part(part);
        if sheet.is_none() {
            sheet = sh;
        }
        cells.push(cell);
    }
    let body = cells.join(":");
    match sheet {
        Some(name) => format!("{}!{}", quote_sheet(&name), body),
        None => body,
    }
}

/// Split one ODF reference part at the last `.` outside quotes into (sheet, cell).
fn split_odf_part(part: &str) -> (Option<String>, String) {
    let mut in_quote = false;
    let mut split = None;
    for (i, c) in part.char_indices() {
        if c == '\'' {
            in_quote = !in_quote;
        }
        if c == '.' && !in_quote {
            split = Some(i);
        }
    }
    match split {
        Some(i) => {
            let sheet = part[..i].trim_start_matches('$');
            let cell = part[i + 1..].to_string();
            if sheet.is_empty() {
                (None, cell)
            } else {
                let sheet = sheet
                    .strip_prefix('\'')
                    .and_then(|s| s.strip_suffix('\''))
                    .map(|s| s.replace("''", "'"))
                    .unwrap_or_else(|| sheet.to_string());
                (Some(sheet), cell)
            }
        }
        None => (None, part.to_string()),
    }
}

fn quote_sheet(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// A cell position: 0-based row and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Pos {
    row: u32,
    col: u32,
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Num(f64),
    Str(String),
    Bool(bool),
    Ref(Option<String>, Pos),
    Range(Option<String>, Pos, Pos),
    Neg(Box<Expr>),
    Percent(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Bool(bool),
    Ref(Option<String>, Pos),
    Range(Option<String>, Pos, Pos),
    Func(String),
    LParen,
    RParen,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Percent,
}

/// Parse `$A$1` / `A1` into a position. Excel's limits: 3 letters, 1..=1048576 rows.
fn parse_cell(s: &str) -> Option<Pos> {
    let s = s.trim();
    let b = s.as_bytes();
    let mut i = 0;
    if b.get(i) == Some(&b'$') {
        i += 1;
    }
    let letters_start = i;
    while b.get(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        i += 1;
    }
    let letters = s.get(letters_start..i)?;
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    if b.get(i) == Some(&b'$') {
        i += 1;
    }
    let digits = s.get(i..)?;
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let row: u32 = digits.parse().ok()?;
    if row == 0 || row > 1_048_576 {
        return None;
    }
    let mut col: u32 = 0;
    for c in letters.bytes() {
        col = col * 26 + u32::from(c.to_ascii_uppercase() - b'A' + 1);
    }
    Some(Pos {
        row: row - 1,
        col: col - 1,
    })
}

fn tokenize(src: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            '(' => {
                toks.push(Tok::LParen);
                i += 1
            }
            ')' => {
                toks.push(Tok::RParen);
                i += 1
            }
            ',' | ';' => {
                toks.push(Tok::Comma);
                i += 1
            }
            '+' => {
                toks.push(Tok::Plus);
                i += 1
            }
            '-' => {
                toks.push(Tok::Minus);
                i += 1
            }
            '*' => {
                toks.push(Tok::Star);
                i += 1
            }
            '/' => {
                toks.push(Tok::Slash);
                i += 1
            }
            '^' => {
                toks.push(Tok::Caret);
                i += 1
            }
            '%' => {
                toks.push(Tok::Percent);
                i += 1
            }
            '"' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err("tekst zonder sluitend aanhalingsteken".into()),
                        Some('"') if chars.get(i + 1) == Some(&'"') => {
                            s.push('"');
                            i += 2;
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            s.push(ch);
                            i += 1;
                        }
                    }
                }
                toks.push(Tok::Str(s));
            }
            '\'' => {
                // Quoted sheet name: 'My Sheet'!A1
                let mut name = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err("bladnaam zonder sluitend aanhalingsteken".into()),
                        Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                            name.push('\'');
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            name.push(ch);
                            i += 1;
                        }
                    }
                }
                if chars.get(i) != Some(&'!') {
                    return Err(format!("onverwachte tekst '{name}'"));
                }
                i += 1;
                let (tok, next) = read_reference(&chars, i, Some(name))?;
                toks.push(tok);
                i = next;
            }
            c if c.is_ascii_digit() || c == '.' => {
                let start = i;
                while chars
                    .get(i)
                    .is_some_and(|c| c.is_ascii_digit() || *c == '.')
                {
                    i += 1;
                }
                if matches!(chars.get(i), Some('e' | 'E'))
                    && chars
                        .get(i + 1)
                        .is_some_and(|c| c.is_ascii_digit() || *c == '+' || *c == '-')
                {
                    i += 2;
                    while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
                        i += 1;
                    }
                }
                let text: String = chars.get(start..i).unwrap_or_default().iter().collect();
                let n: f64 = text
                    .parse()
                    .map_err(|_| format!("ongeldig getal '{text}'"))?;
                toks.push(Tok::Num(n));
            }
            c if c.is_alphanumeric() || c == '$' || c == '_' => {
                let start = i;
                while chars
                    .get(i)
                    .is_some_and(|c| c.is_alphanumeric() || matches!(c, '$' | '_' | '.'))
                {
                    i += 1;
                }
                let word: String = chars.get(start..i).unwrap_or_default().iter().collect();
                match chars.get(i) {
                    Some('(') => toks.push(Tok::Func(word.to_uppercase())),
                    Some('!') => {
                        let (tok, next) = read_reference(&chars, i + 1, Some(word))?;
                        toks.push(tok);
                        i = next;
                    }
                    _ => {
                        let (tok, next) = read_reference(&chars, start, None)?;
                        toks.push(tok);
                        i = next;
                    }
                }
            }
            other => return Err(format!("onbekend teken '{other}'")),
        }
    }
    Ok(toks)
}

/// Read `A1` or `A1:B2` (the second part may repeat the sheet name) starting at `i`.
fn read_reference(
    chars: &[char],
    mut i: usize,
    sheet: Option<String>,
) -> Result<(Tok, usize), String> {
    let word = |i: &mut usize| -> String {
        let start = *i;
        while chars
            .get(*i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '$')
        {
            *i += 1;
        }
        chars.get(start..*i).unwrap_or_default().iter().collect()
    };
    let first = word(&mut i);
    let Some(p1) = parse_cell(&first) else {
        let upper = first.to_uppercase();
        if sheet.is_none() && (upper == "TRUE" || upper == "WAAR") {
            return Ok((Tok::Bool(true), i));
        }
        if sheet.is_none() && (upper == "FALSE" || upper == "ONWAAR") {
            return Ok((Tok::Bool(false), i));
        }
        return Err(format!("onbekende naam of verwijzing '{first}'"));
    };
    if chars.get(i) == Some(&':') {
        let mut j = i + 1;
        let mut second = word(&mut j);
        if chars.get(j) == Some(&'!') {
            // `Sheet1!A1:Sheet1!B2`: the repeated sheet name is dropped.
            j += 1;
            second = word(&mut j);
        }
        let p2 = parse_cell(&second).ok_or_else(|| format!("ongeldig bereik tot '{second}'"))?;
        let lo = Pos {
            row: p1.row.min(p2.row),
            col: p1.col.min(p2.col),
        };
        let hi = Pos {
            row: p1.row.max(p2.row),
            col: p1.col.max(p2.col),
        };
        return Ok((Tok::Range(sheet, lo, hi), j));
    }
    Ok((Tok::Ref(sheet, p1), i))
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
}

fn parse(src: &str) -> Result<Expr, String> {
    let toks = tokenize(src)?;
    if toks.is_empty() {
        return Err("lege formule".into());
    }
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    let e = p.additive()?;
    if p.pos != p.toks.len() {
        return Err("onverwachte tekens aan het eind".into());
    }
    Ok(e)
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_PARSE_DEPTH {
            return Err("formule te diep genest".into());
        }
        Ok(())
    }

    fn additive(&mut self) -> Result<Expr, String> {
        self.enter()?;
        let mut lhs = self.term()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Plus) => Op::Add,
                Some(Tok::Minus) => Op::Sub,
                _ => break,
            };
            self.pos += 1;
            let rhs = self.term()?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        self.depth -= 1;
        Ok(lhs)
    }

    fn term(&mut self) -> Result<Expr, String> {
        let mut lhs = self.power()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Star) => Op::Mul,
                Some(Tok::Slash) => Op::Div,
                _ => break,
            };
            self.pos += 1;
            let rhs = self.power()?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn power(&mut self) -> Result<Expr, String> {
        let mut lhs = self.unary()?;
        while self.peek() == Some(&Tok::Caret) {
            self.pos += 1;
            let rhs = self.unary()?;
            lhs = Expr::Bin(Op::Pow, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        match self.peek() {
            Some(Tok::Minus) => {
                self.pos += 1;
                self.enter()?;
                let e = self.unary()?;
                self.depth -= 1;
                Ok(Expr::Neg(Box::new(e)))
            }
            Some(Tok::Plus) => {
                self.pos += 1;
                self.enter()?;
                let e = self.unary()?;
                self.depth -= 1;
                Ok(e)
            }
            _ => {
                let mut e = self.primary()?;
                while self.peek() == Some(&Tok::Percent) {
                    self.pos += 1;
                    e = Expr::Percent(Box::new(e));
                }
                Ok(e)
            }
        }
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Tok::Num(n)) => Ok(Expr::Num(n)),
            Some(Tok::Str(s)) => Ok(Expr::Str(s)),
            Some(Tok::Bool(b)) => Ok(Expr::Bool(b)),
            Some(Tok::Ref(s, p)) => Ok(Expr::Ref(s, p)),
            Some(Tok::Range(s, a, b)) => Ok(Expr::Range(s, a, b)),
            Some(Tok::LParen) => {
                let e = self.additive()?;
                match self.next() {
                    Some(Tok::RParen) => Ok(e),
                    _ => Err("haakje niet gesloten".into()),
                }
            }
            Some(Tok::Func(name)) => {
                if self.next() != Some(Tok::LParen) {
                    return Err(format!("functie {name} zonder haakjes"));
                }
                let mut args = Vec::new();
                if self.peek() == Some(&Tok::RParen) {
                    self.pos += 1;
                    return Ok(Expr::Call(name, args));
                }
                loop {
                    args.push(self.additive()?);
                    match self.next() {
                        Some(Tok::Comma) => continue,
                        Some(Tok::RParen) => break,
                        _ => return Err(format!("argumenten van {name} niet gesloten")),
                    }
                }
                Ok(Expr::Call(name, args))
            }
            Some(_) => Err("onverwacht teken".into()),
            None => Err("formule houdt onverwacht op".into()),
        }
    }
}

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Num(f64),
    Text(String),
    Bool(bool),
    Empty,
}

#[derive(Debug, Clone)]
enum State {
    InProgress,
    Done(Result<Val, String>),
}

/// Evaluates formula cells of one workbook; read-only over the workbook, results kept aside.
struct Evaluator<'a> {
    wb: &'a Workbook,
    /// Lowercased sheet name → index (Excel compares sheet names case-insensitively).
    sheets: HashMap<String, usize>,
    state: HashMap<(usize, Pos), State>,
}

/// A formula cell that the file stored no value for.
fn needs_evaluation(value: &CellValue, formula: Option<&String>) -> bool {
    formula.is_some() && matches!(value, CellValue::Empty)
}

impl<'a> Evaluator<'a> {
    fn new(wb: &'a Workbook) -> Self {
        let sheets = wb
            .sheets
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.to_lowercase(), i))
            .collect();
        Evaluator {
            wb,
            sheets,
            state: HashMap::new(),
        }
    }

    fn sheet_index(&self, current: usize, name: &Option<String>) -> Result<usize, String> {
        match name {
            None => Ok(current),
            Some(n) => self
                .sheets
                .get(&n.to_lowercase())
                .copied()
                .ok_or_else(|| format!("blad '{n}' bestaat niet")),
        }
    }

    /// The value of a cell, evaluating it first when it is a formula without stored value.
    fn cell(&mut self, sheet: usize, pos: Pos, depth: usize) -> Result<Val, String> {
        let Some(cell) = self
            .wb
            .sheets
            .get(sheet)
            .and_then(|s| s.cell(pos.row as usize, pos.col as usize))
        else {
            return Ok(Val::Empty);
        };
        if needs_evaluation(&cell.value, cell.formula.as_ref()) {
            return self.formula_cell(sheet, pos, depth + 1);
        }
        match &cell.value {
            CellValue::Empty => Ok(Val::Empty),
            CellValue::Number(n) => Ok(Val::Num(*n)),
            CellValue::Text(t) => Ok(Val::Text(t.clone())),
            CellValue::Bool(b) => Ok(Val::Bool(*b)),
            CellValue::Date(d) => Err(format!("{} bevat een datum ({d})", self.name(sheet, pos))),
            CellValue::Error(e) => Err(format!("{} bevat de fout {e}", self.name(sheet, pos))),
        }
    }

    fn name(&self, sheet: usize, pos: Pos) -> String {
        let sheet_name = self
            .wb
            .sheets
            .get(sheet)
            .map(|s| s.name.as_str())
            .unwrap_or("?");
        format!("{sheet_name}!{}", a1(pos.row as usize, pos.col as usize))
    }

    fn formula_cell(&mut self, sheet: usize, pos: Pos, depth: usize) -> Result<Val, String> {
        match self.state.get(&(sheet, pos)) {
            Some(State::Done(r)) => return r.clone(),
            Some(State::InProgress) => {
                return Err(format!("kringverwijzing via {}", self.name(sheet, pos)))
            }
            None => {}
        }
        if depth > MAX_DEPTH {
            return Err(format!("meer dan {MAX_DEPTH} formules achter elkaar"));
        }
        let formula = self
            .wb
            .sheets
            .get(sheet)
            .and_then(|s| s.cell(pos.row as usize, pos.col as usize))
            .and_then(|c| c.formula.clone())
            .unwrap_or_default();
        self.state.insert((sheet, pos), State::InProgress);
        let result = parse(&formula).and_then(|e| match e {
            Expr::Range(..) => Err("een bereik buiten een functie".into()),
            e => self.eval(&e, sheet, depth),
        });
        self.state.insert((sheet, pos), State::Done(result.clone()));
        result
    }

    fn eval(&mut self, e: &Expr, sheet: usize, depth: usize) -> Result<Val, String> {
        match e {
            Expr::Num(n) => Ok(Val::Num(*n)),
            Expr::Str(s) => Ok(Val::Text(s.clone())),
            Expr::Bool(b) => Ok(Val::Bool(*b)),
            Expr::Ref(s, p) => {
                let idx = self.sheet_index(sheet, s)?;
                self.cell(idx, *p, depth)
            }
            Expr::Range(..) => Err("een bereik buiten een functie".into()),
            Expr::Neg(inner) => {
                let v = self.eval(inner, sheet, depth)?;
                Ok(Val::Num(-number(&v)?))
            }
            Expr::Percent(inner) => {
                let v = self.eval(inner, sheet, depth)?;
                Ok(Val::Num(number(&v)? / 100.0))
            }
            Expr::Bin(op, l, r) => {
                let a = number(&self.eval(l, sheet, depth)?)?;
                let b = number(&self.eval(r, sheet, depth)?)?;
                let v = match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div => {
                        if b == 0.0 {
                            return Err("deling door nul".into());
                        }
                        a / b
                    }
                    Op::Pow => a.powf(b),
                };
                if !v.is_finite() {
                    return Err("de uitkomst is geen eindig getal".into());
                }
                Ok(Val::Num(v))
            }
            Expr::Call(name, args) => match name.as_str() {
                "SUM" | "SOM" | "_XLFN.SUM" => self.sum(args, sheet, depth),
                other => Err(format!("de functie {other} wordt niet ondersteund")),
            },
        }
    }

    /// Excel's SUM: numbers in ranges and references add up; text, booleans and empty cells in
    /// them are skipped; direct arguments are converted to numbers; error values propagate.
    fn sum(&mut self, args: &[Expr], sheet: usize, depth: usize) -> Result<Val, String> {
        let mut total = 0.0;
        for arg in args {
            match arg {
                Expr::Range(s, lo, hi) => {
                    let idx = self.sheet_index(sheet, s)?;
                    let Some(sh) = self.wb.sheets.get(idx) else {
                        continue;
                    };
                    // Clip to the sheet's extent: `A:A`-sized ranges cost only what exists.
                    let last_row = (sh.rows.len() as u32).saturating_sub(1).min(hi.row);
                    for row in lo.row..=last_row {
                        let width = sh.rows.get(row as usize).map_or(0, |r| r.len()) as u32;
                        let last_col = width.saturating_sub(1).min(hi.col);
                        if width == 0 {
                            continue;
                        }
                        for col in lo.col..=last_col {
                            if let Val::Num(n) = self.cell(idx, Pos { row, col }, depth)? {
                                total += n;
                            }
                        }
                    }
                }
                Expr::Ref(s, p) => {
                    let idx = self.sheet_index(sheet, s)?;
                    if let Val::Num(n) = self.cell(idx, *p, depth)? {
                        total += n;
                    }
                }
                other => total += number(&self.eval(other, sheet, depth)?)?,
            }
        }
        if !total.is_finite() {
            return Err("de uitkomst is geen eindig getal".into());
        }
        Ok(Val::Num(total))
    }
}

/// A value as a number in arithmetic, as Excel coerces: empty is 0, booleans are 1/0, text that
/// is a plain number counts; other text cannot be computed with.
fn number(v: &Val) -> Result<f64, String> {
    match v {
        Val::Num(n) => Ok(*n),
        Val::Empty => Ok(0.0),
        Val::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
        Val::Text(t) => t
            .trim()
            .parse::<f64>()
            .map_err(|_| format!("er wordt gerekend met de tekst '{t}'")),
    }
}

/// Evaluate every formula cell that has no stored value (`formula` set, `value` Empty), in sheet
/// order, following references. Sets `evaluated = true` on each; on success the value is filled
/// in, otherwise it stays `Empty` and a Dutch note in `wb.notes` says which cell and why.
pub fn evaluate_workbook(wb: &mut Workbook) {
    let mut targets = Vec::new();
    for (si, sheet) in wb.sheets.iter().enumerate() {
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if needs_evaluation(&cell.value, cell.formula.as_ref()) {
                    targets.push((
                        si,
                        Pos {
                            row: r as u32,
                            col: c as u32,
                        },
                    ));
                }
            }
        }
    }
    if targets.is_empty() {
        return;
    }
    let mut results = Vec::with_capacity(targets.len());
    {
        let mut ev = Evaluator::new(wb);
        for &(si, pos) in &targets {
            let r = ev.formula_cell(si, pos, 0);
            let name = ev.name(si, pos);
            results.push((si, pos, name, r));
        }
    }
    let mut failed = 0usize;
    for (si, pos, name, result) in results {
        let Some(cell) = wb
            .sheets
            .get_mut(si)
            .and_then(|s| s.rows.get_mut(pos.row as usize))
            .and_then(|r| r.get_mut(pos.col as usize))
        else {
            continue;
        };
        cell.evaluated = true;
        match result {
            Ok(v) => {
                cell.value = match v {
                    Val::Num(n) => CellValue::Number(n),
                    Val::Text(t) => CellValue::Text(t),
                    Val::Bool(b) => CellValue::Bool(b),
                    // A formula pointing at an empty cell shows 0 in Excel.
                    Val::Empty => CellValue::Number(0.0),
                };
            }
            Err(why) => {
                failed += 1;
                if failed <= MAX_NOTES {
                    let f = cell.formula.clone().unwrap_or_default();
                    wb.notes.push(format!(
                        "De formule in {name} (={f}) heeft geen opgeslagen waarde en kon niet worden uitgerekend: {why}."
                    ));
                }
            }
        }
    }
    if failed > MAX_NOTES {
        wb.notes.push(format!(
            "Nog {} formules zonder opgeslagen waarde konden niet worden uitgerekend.",
            failed - MAX_NOTES
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Sheet, SheetCell};

    fn num(n: f64) -> SheetCell {
        SheetCell {
            value: CellValue::Number(n),
            ..Default::default()
        }
    }
    fn text(t: &str) -> SheetCell {
        SheetCell {
            value: CellValue::Text(t.into()),
            ..Default::default()
        }
    }
    fn f(src: &str) -> SheetCell {
        SheetCell {
            formula: Some(normalise(src)),
            ..Default::default()
        }
    }
    fn wb(sheets: Vec<(&str, Vec<Vec<SheetCell>>)>) -> Workbook {
        Workbook {
            sheets: sheets
                .into_iter()
                .map(|(n, rows)| Sheet {
                    name: n.into(),
                    rows,
                    merged: vec![],
                })
                .collect(),
            notes: vec![],
        }
    }
    /// Evaluate `formula` in A1 of a sheet "Blad1" whose row 2 is 1, 2, 3, 4 (A2..D2) and
    /// B1 = text; a second sheet "My Sheet" holds 10 in A1.
    fn eval1(formula: &str) -> (CellValue, Vec<String>) {
        let mut w = wb(vec![
            (
                "Blad1",
                vec![
                    vec![f(formula), text("tekst")],
                    vec![num(1.0), num(2.0), num(3.0), num(4.0)],
                ],
            ),
            ("My Sheet", vec![vec![num(10.0)]]),
        ]);
        evaluate_workbook(&mut w);
        let c = &w.sheets[0].rows[0][0];
        assert!(c.evaluated);
        (c.value.clone(), w.notes)
    }
    fn n(formula: &str) -> f64 {
        match eval1(formula).0 {
            CellValue::Number(x) => x,
            other => panic!("{formula}: {other:?}"),
        }
    }
    fn unevaluable(formula: &str) -> String {
        let (v, notes) = eval1(formula);
        assert_eq!(v, CellValue::Empty, "{formula}");
        assert_eq!(notes.len(), 1, "{formula}");
        notes[0].clone()
    }

    #[test]
    fn numbers_and_precedence() {
        assert_eq!(n("=1+2*3"), 7.0);
        assert_eq!(n("=(1+2)*3"), 9.0);
        assert_eq!(n("=10-4-3"), 3.0);
        assert_eq!(n("=12/4/3"), 1.0);
        assert_eq!(n("=2^3*2"), 16.0);
        assert_eq!(n("=1.5e2"), 150.0);
        assert_eq!(n("=50%*200"), 100.0);
    }

    #[test]
    fn unary_minus() {
        assert_eq!(n("=-A2+5"), 4.0);
        assert_eq!(n("=-(2+3)*2"), -10.0);
        assert_eq!(n("=--3"), 3.0);
        // Excel: negation binds tighter than ^.
        assert_eq!(n("=-2^2"), 4.0);
    }

    #[test]
    fn references() {
        assert_eq!(n("=A2+B2"), 3.0);
        assert_eq!(n("=$C$2*$D2"), 12.0);
        assert_eq!(n("=Blad1!D2"), 4.0);
        assert_eq!(n("='My Sheet'!A1/4"), 2.5);
        assert_eq!(
            n("=blad1!A2"),
            1.0,
            "sheet names compare case-insensitively"
        );
        // A reference to an empty cell counts as 0.
        assert_eq!(n("=Z99+1"), 1.0);
    }

    #[test]
    fn sum_and_som_over_ranges_and_lists() {
        assert_eq!(n("=SUM(A2:D2)"), 10.0);
        assert_eq!(n("=SOM(A2:B2;D2)"), 7.0);
        assert_eq!(n("=sum(A2,B2,5)"), 8.0);
        assert_eq!(n("=SUM(D2:A2)"), 10.0, "reversed corners");
        // Text cells inside a range are skipped, as Excel does.
        assert_eq!(n("=SUM(B1:D2)"), 9.0);
        assert_eq!(n("=SUM('My Sheet'!A1:B3)+SUM()"), 10.0);
        assert_eq!(
            n("=SUM(A2:XFD1048576)"),
            10.0,
            "huge range clipped to the sheet"
        );
    }

    #[test]
    fn ods_syntax_is_normalised() {
        assert_eq!(normalise("of:=SUM([.C4:.C8])"), "SUM(C4:C8)");
        assert_eq!(normalise("of:=[.C4]*2"), "C4*2");
        assert_eq!(normalise("of:=[$Sheet1.C4]"), "Sheet1!C4");
        assert_eq!(normalise("of:=[$'My Sheet'.B3]*[.A1]"), "'My Sheet'!B3*A1");
        assert_eq!(
            normalise("of:=SUM([.A1:.A2];[$Blad2.$B$1:.B4])"),
            "SUM(A1:A2,Blad2!$B$1:B4)"
        );
        assert_eq!(normalise("of:=\"a;b\"&[.A1]"), "\"a;b\"&A1");
        assert_eq!(normalise("=A1+1"), "A1+1");
        assert_eq!(n("of:=SUM([.A2:.D2];[$'My Sheet'.A1])"), 20.0);
    }

    #[test]
    fn dependencies_are_evaluated_first() {
        // A1 = B1*2 where B1 = SUM(A2:B2) itself has no stored value; C1 refers to A1.
        let mut w = wb(vec![(
            "Blad1",
            vec![
                vec![f("=B1*2"), f("=SUM(A2:B2)"), f("=A1+B1")],
                vec![num(1.0), num(2.0)],
            ],
        )]);
        evaluate_workbook(&mut w);
        let row = &w.sheets[0].rows[0];
        assert_eq!(row[0].value, CellValue::Number(6.0));
        assert_eq!(row[1].value, CellValue::Number(3.0));
        assert_eq!(row[2].value, CellValue::Number(9.0));
        assert!(row.iter().all(|c| c.evaluated));
        assert!(w.notes.is_empty());
    }

    #[test]
    fn stored_values_are_not_recomputed() {
        let stored = SheetCell {
            value: CellValue::Number(99.0),
            formula: Some("A2".into()),
            evaluated: false,
        };
        let mut w = wb(vec![(
            "Blad1",
            vec![vec![stored.clone(), f("=A1+1")], vec![num(1.0)]],
        )]);
        evaluate_workbook(&mut w);
        assert_eq!(w.sheets[0].rows[0][0], stored);
        assert_eq!(w.sheets[0].rows[0][1].value, CellValue::Number(100.0));
    }

    #[test]
    fn cycles_are_unevaluable() {
        let mut w = wb(vec![(
            "Blad1",
            vec![vec![f("=B1+1"), f("=A1+1"), f("=C1")]],
        )]);
        evaluate_workbook(&mut w);
        let row = &w.sheets[0].rows[0];
        assert!(row
            .iter()
            .all(|c| c.evaluated && c.value == CellValue::Empty));
        assert_eq!(w.notes.len(), 3);
        assert!(w.notes[0].contains("kringverwijzing"), "{}", w.notes[0]);
        assert!(
            w.notes[0].starts_with("De formule in Blad1!A1 (=B1+1)"),
            "{}",
            w.notes[0]
        );
    }

    #[test]
    fn long_chains_in_sheet_order_evaluate() {
        // A running total down 500 rows: evaluated top-down, never deeper than one step.
        let mut rows = vec![vec![num(1.0)]];
        for r in 1..500 {
            rows.push(vec![f(&format!("=A{}+1", r))]);
        }
        let mut w = wb(vec![("Blad1", rows)]);
        evaluate_workbook(&mut w);
        assert_eq!(w.sheets[0].rows[499][0].value, CellValue::Number(500.0));
        assert!(w.notes.is_empty());
    }

    #[test]
    fn too_deep_backward_chain_is_unevaluable() {
        // A1 = A2+1, A2 = A3+1, … : the first cell needs the whole chain at once.
        let mut rows = Vec::new();
        for r in 0..(MAX_DEPTH + 10) {
            rows.push(vec![f(&format!("=A{}+1", r + 2))]);
        }
        let mut w = wb(vec![("Blad1", rows)]);
        evaluate_workbook(&mut w);
        assert_eq!(w.sheets[0].rows[0][0].value, CellValue::Empty);
        assert!(
            w.notes[0].contains("formules achter elkaar"),
            "{}",
            w.notes[0]
        );
    }

    #[test]
    fn division_by_zero_is_unevaluable() {
        assert!(unevaluable("=A2/0").contains("deling door nul"));
        assert!(unevaluable("=A2/Z9").contains("deling door nul"));
    }

    #[test]
    fn unsupported_constructs_are_unevaluable() {
        assert!(unevaluable("=VLOOKUP(A2,A2:B2,2)").contains("VLOOKUP wordt niet ondersteund"));
        assert!(unevaluable("=B1*2").contains("tekst 'tekst'"));
        assert!(unevaluable("=Onbekend!A1").contains("blad 'Onbekend' bestaat niet"));
        assert!(unevaluable("=A2:B2").contains("bereik"));
        assert!(unevaluable("=(1+2").contains("haakje"));
        assert!(unevaluable("=mijnnaam*2").contains("onbekende naam"));
        assert!(unevaluable("=A2=1").contains("onbekend teken"));
        let deep = format!("={}1{}", "(".repeat(500), ")".repeat(500));
        assert!(unevaluable(&deep).contains("te diep"));
    }

    #[test]
    fn error_values_propagate() {
        let err = SheetCell {
            value: CellValue::Error("#REF!".into()),
            ..Default::default()
        };
        let mut w = wb(vec![("Blad1", vec![vec![err, f("=SUM(A1:A1)")]])]);
        evaluate_workbook(&mut w);
        assert_eq!(w.sheets[0].rows[0][1].value, CellValue::Empty);
        assert!(w.notes[0].contains("#REF!"));
    }

    #[test]
    fn reference_to_text_gives_text() {
        let (v, notes) = eval1("=B1");
        assert_eq!(v, CellValue::Text("tekst".into()));
        assert!(notes.is_empty());
    }
}
