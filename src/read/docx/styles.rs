//! `word/styles.xml`: just what the body reader needs from a style — outline level (headings),
//! auto-numbering, bold, and the `basedOn` chain to inherit them through.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::xml::{attr, attr_u32, drive, on_off, Ns, Sink};
use crate::read::ReadError;

/// Longest `basedOn` chain followed; also what stops a cyclic chain (Word refuses cycles, a
/// hand-made file need not).
const MAX_CHAIN: usize = 32;

#[derive(Debug, Default, Clone)]
struct StyleDef {
    id: String,
    /// `w:name`, lowercased ("heading 1", "toc 2").
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    bold: Option<bool>,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    map: HashMap<String, StyleDef>,
    default_para: Option<String>,
}

impl Styles {
    pub(super) fn parse(part: &str, xml: &str) -> Result<Styles, ReadError> {
        let mut sink = StyleSink::default();
        drive(part, xml, &mut sink)?;
        Ok(sink.styles)
    }

    fn chain<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a StyleDef> + 'a {
        let mut next = self.map.get(id);
        let mut hops = 0;
        std::iter::from_fn(move || {
            let cur = next?;
            hops += 1;
            next = if hops >= MAX_CHAIN {
                None
            } else {
                cur.based_on.as_deref().and_then(|b| self.map.get(b))
            };
            Some(cur)
        })
    }

    /// The style a paragraph without `w:pStyle` has (Normal / Standaard).
    pub(super) fn default_para(&self) -> Option<&str> {
        self.default_para.as_deref()
    }

    /// Heading level (1 = top) of a paragraph style: `w:outlineLvl` on the style or its `basedOn`
    /// chain (level 9 = body text), else the built-in name ("heading 1") or the id Word and
    /// LibreOffice give it (`Kop1`, `Heading1`).
    pub(super) fn heading_level(&self, id: &str) -> Option<u8> {
        for s in self.chain(id) {
            if let Some(l) = s.outline {
                return (l < 9).then_some(l + 1);
            }
        }
        let own_name = self.map.get(id).map_or("", |s| s.name.as_str());
        level_from_name(own_name)
            .or_else(|| level_from_name(&id.to_lowercase()))
            .or_else(|| {
                id.strip_prefix("Kop")
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=9).contains(n))
            })
    }

    /// `(numId, ilvl)` of the style's own auto-numbering, inherited through `basedOn`.
    pub(super) fn numbering(&self, id: &str) -> Option<(u32, Option<u8>)> {
        self.chain(id)
            .find_map(|s| s.num_id.map(|n| (n, s.ilvl)))
            .filter(|(n, _)| *n != 0)
    }

    /// Whether text in this (paragraph or character) style is bold, if the style says.
    pub(super) fn bold(&self, id: &str) -> Option<bool> {
        self.chain(id).find_map(|s| s.bold)
    }

    /// Table-of-contents styles: entries (`TOC1`, Dutch `Inhopg1`, name "toc 1") and the TOC heading.
    pub(super) fn is_toc(&self, id: &str) -> bool {
        let name = self.map.get(id).map_or("", |s| s.name.as_str());
        id.starts_with("TOC")
            || id.starts_with("Inhopg")
            || id.eq_ignore_ascii_case("Kopvaninhoudsopgave")
            || name.starts_with("toc ")
            || name == "toc heading"
    }
}

/// "heading 3" → 3 (also LibreOffice's id lowercased, "heading3").
fn level_from_name(name: &str) -> Option<u8> {
    let rest = name.strip_prefix("heading")?.trim_start();
    rest.parse::<u8>().ok().filter(|n| (1..=9).contains(n))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Style,
    PPr,
    RPr,
    NumPr,
    Other,
}

#[derive(Default)]
struct StyleSink {
    styles: Styles,
    stack: Vec<K>,
    cur: Option<(StyleDef, bool)>,
}

impl StyleSink {
    fn parent(&self, up: usize) -> Option<K> {
        self.stack
            .len()
            .checked_sub(1 + up)
            .and_then(|i| self.stack.get(i).copied())
    }
}

impl Sink for StyleSink {
    fn start(&mut self, ns: Ns, local: &str, e: &BytesStart) -> Result<(), ReadError> {
        if ns != Ns::W {
            self.stack.push(K::Other);
            return Ok(());
        }
        let p0 = self.parent(0);
        let p1 = self.parent(1);
        let kind = match local {
            "style" => {
                let id = attr(e, "styleId").unwrap_or_default();
                let is_para = attr(e, "type").is_none_or(|t| t == "paragraph");
                let is_default = attr(e, "default").is_some_and(|d| d == "1" || d == "true");
                self.cur = Some((
                    StyleDef {
                        id,
                        ..StyleDef::default()
                    },
                    is_para && is_default,
                ));
                K::Style
            }
            "pPr" if p0 == Some(K::Style) => K::PPr,
            "rPr" if p0 == Some(K::Style) => K::RPr,
            "numPr" if p0 == Some(K::PPr) && p1 == Some(K::Style) => K::NumPr,
            _ => {
                if let Some((s, _)) = self.cur.as_mut() {
                    match (local, p0) {
                        ("name", Some(K::Style)) => {
                            s.name = attr(e, "val").unwrap_or_default().to_lowercase()
                        }
                        ("basedOn", Some(K::Style)) => s.based_on = attr(e, "val"),
                        ("outlineLvl", Some(K::PPr)) => {
                            s.outline = attr_u32(e, "val").map(|v| v.min(9) as u8)
                        }
                        ("numId", Some(K::NumPr)) => s.num_id = attr_u32(e, "val"),
                        ("ilvl", Some(K::NumPr)) => {
                            s.ilvl = attr_u32(e, "val").map(|v| v.min(8) as u8)
                        }
                        ("b", Some(K::RPr)) => s.bold = Some(on_off(e)),
                        _ => {}
                    }
                }
                K::Other
            }
        };
        self.stack.push(kind);
        Ok(())
    }

    fn end(&mut self) -> Result<(), ReadError> {
        if self.stack.pop() == Some(K::Style) {
            if let Some((s, is_default)) = self.cur.take() {
                if is_default && self.styles.default_para.is_none() {
                    self.styles.default_para = Some(s.id.clone());
                }
                self.styles.map.insert(s.id.clone(), s);
            }
        }
        Ok(())
    }

    fn text(&mut self, _t: &str) {}

    fn note(&mut self, _note: String) {}
}
