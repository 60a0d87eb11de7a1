//! The few style facts the odt reader needs, from `styles.xml` and the automatic styles of
//! `content.xml`: which paragraph and text styles are bold (following `style:parent-style-name`),
//! and how list styles and the outline style number their levels.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use crate::read::xml::{attr, Ns, Sink};
use crate::read::ReadError;

/// ODF has ten list levels.
pub(super) const LEVELS: usize = 10;
/// Longest `style:parent-style-name` chain followed (a cycle in a hostile file ends here).
const MAX_PARENT_HOPS: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Family {
    Paragraph,
    Text,
}

#[derive(Debug, Default, Clone)]
struct StyleDef {
    parent: Option<String>,
    bold: Option<bool>,
}

/// How one list level shows its number. `fmt: None` is a bullet, an image or `num-format=""`.
#[derive(Debug, Default, Clone)]
pub(super) struct Level {
    pub fmt: Option<NumFmt>,
    pub prefix: String,
    pub suffix: String,
    /// `text:display-levels`: how many levels the number shows ("2.1" shows 2).
    pub display: usize,
    pub start: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumFmt {
    Decimal,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
}

impl NumFmt {
    fn parse(v: &str) -> Option<NumFmt> {
        match v {
            "" => None,
            "a" => Some(NumFmt::LowerLetter),
            "A" => Some(NumFmt::UpperLetter),
            "i" => Some(NumFmt::LowerRoman),
            "I" => Some(NumFmt::UpperRoman),
            // "1" and anything LibreOffice shows as words or other scripts: digits are close
            // enough to compare with the sjabloon's section numbers.
            _ => Some(NumFmt::Decimal),
        }
    }

    pub(super) fn format(self, n: u32) -> String {
        match self {
            NumFmt::Decimal => n.to_string(),
            NumFmt::LowerLetter => letters(n),
            NumFmt::UpperLetter => letters(n).to_uppercase(),
            NumFmt::LowerRoman => roman(n).to_lowercase(),
            NumFmt::UpperRoman => roman(n),
        }
    }
}

/// LibreOffice's letter numbering: a…z, then aa…zz (the letter repeated), as Word does.
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
    let mut out = String::new();
    for (v, s) in T {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    styles: HashMap<(Family, String), StyleDef>,
    default_para_bold: Option<bool>,
    lists: HashMap<String, Vec<Level>>,
    outline: Vec<Level>,
}

impl Styles {
    /// Whether text in style `name` of `family` is bold, following parents; `None` if no style in
    /// the chain says.
    pub(super) fn bold(&self, family: Family, name: &str) -> Option<bool> {
        let mut cur = Some(name.to_string());
        for _ in 0..MAX_PARENT_HOPS {
            let n = cur?;
            let def = self.styles.get(&(family, n))?;
            if def.bold.is_some() {
                return def.bold;
            }
            cur = def.parent.clone();
        }
        None
    }

    pub(super) fn default_para_bold(&self) -> Option<bool> {
        self.default_para_bold
    }

    /// Level `level` (1-based) of list style `name`.
    pub(super) fn list_level(&self, name: &str, level: usize) -> Option<&Level> {
        self.lists.get(name)?.get(level.checked_sub(1)?)
    }

    /// Level `level` (1-based) of the outline (heading) numbering.
    pub(super) fn outline_level(&self, level: usize) -> Option<&Level> {
        self.outline.get(level.checked_sub(1)?)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Style(Family),
    DefaultPara,
    ListStyle,
    Outline,
    Other,
}

/// Collects styles from one part; run it over `styles.xml` then `content.xml`.
pub(super) struct StyleSink<'a> {
    pub styles: &'a mut Styles,
    stack: Vec<K>,
    current: Option<(Family, String, StyleDef)>,
    list: Option<(String, Vec<Level>)>,
}

impl<'a> StyleSink<'a> {
    pub(super) fn new(styles: &'a mut Styles) -> StyleSink<'a> {
        StyleSink {
            styles,
            stack: Vec::new(),
            current: None,
            list: None,
        }
    }

    fn level(&mut self, e: &BytesStart, number: bool) {
        let idx = attr(e, "level")
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, LEVELS)
            - 1;
        let lvl = Level {
            fmt: if number {
                NumFmt::parse(attr(e, "num-format").unwrap_or_default().trim())
            } else {
                None
            },
            prefix: attr(e, "num-prefix").unwrap_or_default(),
            suffix: attr(e, "num-suffix").unwrap_or_default(),
            display: attr(e, "display-levels")
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, LEVELS),
            start: attr(e, "start-value")
                .and_then(|v| v.trim().parse::<u32>().ok())
                .unwrap_or(1),
        };
        let in_outline = self.stack.last() == Some(&K::Outline);
        let levels = if in_outline {
            &mut self.styles.outline
        } else if let Some((_, l)) = self.list.as_mut() {
            l
        } else {
            return;
        };
        if levels.len() <= idx {
            levels.resize(idx + 1, Level::default());
        }
        if let Some(slot) = levels.get_mut(idx) {
            *slot = lvl;
        }
    }
}

fn weight_is_bold(v: &str) -> bool {
    match v.trim() {
        "bold" => true,
        "normal" => false,
        n => n.parse::<u32>().is_ok_and(|w| w >= 600),
    }
}

impl Sink for StyleSink<'_> {
    fn start(&mut self, ns: Ns, local: &str, e: &BytesStart) -> Result<(), ReadError> {
        let parent = self.stack.last().copied();
        let k = match (ns, local) {
            (Ns::OdfStyle, "style") => {
                let family = match attr(e, "family").as_deref() {
                    Some("paragraph") => Some(Family::Paragraph),
                    Some("text") => Some(Family::Text),
                    _ => None,
                };
                match (family, attr(e, "name")) {
                    (Some(f), Some(name)) => {
                        self.current = Some((
                            f,
                            name,
                            StyleDef {
                                parent: attr(e, "parent-style-name"),
                                bold: None,
                            },
                        ));
                        K::Style(f)
                    }
                    _ => K::Other,
                }
            }
            (Ns::OdfStyle, "default-style")
                if attr(e, "family").as_deref() == Some("paragraph") =>
            {
                K::DefaultPara
            }
            (Ns::OdfStyle, "text-properties") => {
                if let Some(w) = attr(e, "font-weight") {
                    let b = weight_is_bold(&w);
                    match parent {
                        Some(K::Style(_)) => {
                            if let Some((_, _, def)) = self.current.as_mut() {
                                def.bold = Some(b);
                            }
                        }
                        Some(K::DefaultPara) => self.styles.default_para_bold = Some(b),
                        _ => {}
                    }
                }
                K::Other
            }
            (Ns::OdfText, "list-style") => {
                self.list = attr(e, "name").map(|n| (n, Vec::new()));
                K::ListStyle
            }
            (Ns::OdfText, "outline-style") => K::Outline,
            (Ns::OdfText, "list-level-style-number" | "outline-level-style") => {
                self.level(e, true);
                K::Other
            }
            (Ns::OdfText, "list-level-style-bullet" | "list-level-style-image") => {
                self.level(e, false);
                K::Other
            }
            _ => K::Other,
        };
        self.stack.push(k);
        Ok(())
    }

    fn end(&mut self) -> Result<(), ReadError> {
        match self.stack.pop() {
            Some(K::Style(_)) => {
                if let Some((f, name, def)) = self.current.take() {
                    self.styles.styles.insert((f, name), def);
                }
            }
            Some(K::ListStyle) => {
                if let Some((name, levels)) = self.list.take() {
                    self.styles.lists.insert(name, levels);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, _t: &str) {}
    fn note(&mut self, _note: String) {}
}
