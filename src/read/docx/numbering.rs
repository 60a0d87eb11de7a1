//! `word/numbering.xml` and the counting Word does when it shows a list or heading number.
//!
//! Word does not store "4." in a numbered heading's text; it computes it from the level's
//! `w:start`, `w:numFmt` and `w:lvlText` ("%1.", "%1.%2") by counting the paragraphs of the same
//! list in document order. We count the same way, so a plan whose sections are auto-numbered gets
//! the same numbers the WSV saw on screen.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::xml::{attr, attr_u32, drive, Ns, Sink};
use crate::read::ReadError;

const LEVELS: usize = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Fmt {
    #[default]
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    /// Bullets and `none`: no number to show.
    NoNumber,
}

impl Fmt {
    fn from_val(v: &str) -> Fmt {
        match v {
            "decimalZero" => Fmt::DecimalZero,
            "lowerLetter" => Fmt::LowerLetter,
            "upperLetter" => Fmt::UpperLetter,
            "lowerRoman" => Fmt::LowerRoman,
            "upperRoman" => Fmt::UpperRoman,
            "bullet" | "none" => Fmt::NoNumber,
            // ordinal, cardinalText, … are shown as words in Word; digits are close enough here.
            _ => Fmt::Decimal,
        }
    }

    fn format(self, n: u32) -> String {
        match self {
            Fmt::Decimal => n.to_string(),
            Fmt::DecimalZero => format!("{n:02}"),
            Fmt::LowerLetter => letters(n),
            Fmt::UpperLetter => letters(n).to_uppercase(),
            Fmt::LowerRoman => roman(n).to_lowercase(),
            Fmt::UpperRoman => roman(n),
            Fmt::NoNumber => String::new(),
        }
    }
}

/// Word's letter numbering: a…z, then aa…zz, aaa… (the letter repeated).
fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let idx = (n - 1) % 26;
    let reps = ((n - 1) / 26 + 1).min(50) as usize;
    let c = char::from(b'a' + idx as u8);
    std::iter::repeat_n(c, reps).collect()
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    fmt: Fmt,
    text: Option<String>,
    pstyle: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: u32,
    /// `w:lvlOverride/w:startOverride`: (ilvl, start).
    overrides: Vec<(usize, u32)>,
}

/// Which counter set a list counts in: Word continues a list across `w:num`s that share an
/// abstract definition, unless a `w:num` restarts it with a `startOverride`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum CounterKey {
    Abstract(u32),
    Num(u32),
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    nums: HashMap<u32, Num>,
    counters: HashMap<CounterKey, [Option<u32>; LEVELS]>,
}

impl Numbering {
    pub(super) fn parse(part: &str, xml: &str) -> Result<Numbering, ReadError> {
        let mut sink = NumSink::default();
        drive(part, xml, &mut sink)?;
        Ok(sink.n)
    }

    /// The level of list `num_id` whose `w:pStyle` is `style` (how Word ties "Kop 1" to level 0
    /// of a heading list when the style's `w:numPr` carries no `w:ilvl`).
    pub(super) fn level_for_style(&self, num_id: u32, style: &str) -> Option<u8> {
        let levels = self.abstracts.get(&self.nums.get(&num_id)?.abstract_id)?;
        levels
            .iter()
            .position(|l| l.pstyle.as_deref() == Some(style))
            .map(|i| i as u8)
    }

    /// Count one more paragraph of list `num_id` at `ilvl` and return the number Word shows,
    /// without a trailing dot ("4", "2.1", "b"); `None` for bullets, unknown lists, empty texts.
    pub(super) fn next(&mut self, num_id: u32, ilvl: u8) -> Option<String> {
        let num = self.nums.get(&num_id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        let ilvl = usize::from(ilvl).min(LEVELS - 1);
        let start_of = |i: usize| -> u32 {
            num.overrides
                .iter()
                .find(|(l, _)| *l == i)
                .map(|(_, s)| *s)
                .unwrap_or_else(|| levels.get(i).map_or(1, |l| l.start))
        };
        let key = if num.overrides.is_empty() {
            CounterKey::Abstract(num.abstract_id)
        } else {
            CounterKey::Num(num_id)
        };
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        let cur = counters.get(ilvl).copied().flatten();
        let value = cur.map_or_else(|| start_of(ilvl), |v| v.saturating_add(1));
        if let Some(c) = counters.get_mut(ilvl) {
            *c = Some(value);
        }
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        let level = levels.get(ilvl)?;
        if level.fmt == Fmt::NoNumber {
            return None;
        }
        let template = level.text.as_deref()?;
        let mut out = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let i = (d as usize).saturating_sub(1);
                    if i <= ilvl {
                        let v = counters.get(i).copied().flatten().unwrap_or(start_of(i));
                        let f = levels.get(i).map_or(Fmt::Decimal, |l| l.fmt);
                        out.push_str(&f.format(v));
                    }
                    continue;
                }
            }
            out.push(c);
        }
        let out = out.trim().trim_end_matches('.').trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Abstract,
    Lvl,
    Num,
    Override,
    Other,
}

#[derive(Default)]
struct NumSink {
    n: Numbering,
    stack: Vec<K>,
    abs: Option<(u32, Vec<Level>)>,
    lvl: Option<usize>,
    num: Option<(u32, Num)>,
    ovr: Option<usize>,
}

impl Sink for NumSink {
    fn start(&mut self, ns: Ns, local: &str, e: &BytesStart) -> Result<(), ReadError> {
        let p0 = self.stack.last().copied();
        let kind = if ns != Ns::W {
            K::Other
        } else {
            match (local, p0) {
                ("abstractNum", _) => {
                    let id = attr_u32(e, "abstractNumId").unwrap_or(u32::MAX);
                    let levels = vec![
                        Level {
                            start: 1,
                            ..Level::default()
                        };
                        LEVELS
                    ];
                    self.abs = Some((id, levels));
                    K::Abstract
                }
                ("lvl", Some(K::Abstract)) => {
                    self.lvl = attr_u32(e, "ilvl")
                        .map(|v| v as usize)
                        .filter(|v| *v < LEVELS);
                    K::Lvl
                }
                ("num", _) => {
                    let id = attr_u32(e, "numId").unwrap_or(u32::MAX);
                    self.num = Some((id, Num::default()));
                    K::Num
                }
                ("lvlOverride", Some(K::Num)) => {
                    self.ovr = attr_u32(e, "ilvl")
                        .map(|v| v as usize)
                        .filter(|v| *v < LEVELS);
                    K::Override
                }
                (_, Some(K::Lvl)) => {
                    let level = match (self.abs.as_mut(), self.lvl) {
                        (Some((_, levels)), Some(i)) => levels.get_mut(i),
                        _ => None,
                    };
                    if let Some(l) = level {
                        match local {
                            "start" => l.start = attr_u32(e, "val").unwrap_or(1),
                            "numFmt" => l.fmt = Fmt::from_val(&attr(e, "val").unwrap_or_default()),
                            "lvlText" => l.text = attr(e, "val"),
                            "pStyle" => l.pstyle = attr(e, "val"),
                            _ => {}
                        }
                    }
                    K::Other
                }
                ("abstractNumId", Some(K::Num)) => {
                    if let Some((_, n)) = self.num.as_mut() {
                        n.abstract_id = attr_u32(e, "val").unwrap_or(u32::MAX);
                    }
                    K::Other
                }
                ("startOverride", Some(K::Override)) => {
                    if let (Some((_, n)), Some(i)) = (self.num.as_mut(), self.ovr) {
                        n.overrides.push((i, attr_u32(e, "val").unwrap_or(1)));
                    }
                    K::Other
                }
                _ => K::Other,
            }
        };
        self.stack.push(kind);
        Ok(())
    }

    fn end(&mut self) -> Result<(), ReadError> {
        match self.stack.pop() {
            Some(K::Abstract) => {
                if let Some((id, levels)) = self.abs.take() {
                    self.n.abstracts.insert(id, levels);
                }
            }
            Some(K::Num) => {
                if let Some((id, n)) = self.num.take() {
                    self.n.nums.insert(id, n);
                }
            }
            Some(K::Lvl) => self.lvl = None,
            Some(K::Override) => self.ovr = None,
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, _t: &str) {}

    fn note(&mut self, _note: String) {}
}
