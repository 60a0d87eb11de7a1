//! The one event loop every XML part of a docx or odt goes through, with the hostile-input guards
//! in one place: no DOCTYPE (so no entity expansion of any kind), bounded element depth, every
//! element closed at EOF (a truncated part is an error, never a partial success), unknown entities
//! skipped with a note.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::limits::MAX_XML_DEPTH;
use crate::read::ReadError;

/// The namespaces the readers care about. Everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML main (transitional or strict).
    W,
    /// Word 2010 extensions (`w14:checkbox`).
    W14,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Office Math (OMML, `m:oMath`): equations inside Word paragraphs.
    M,
    /// ODF `text:` (paragraphs, headings, lists, fields, tracked changes).
    OdfText,
    /// ODF `table:`.
    OdfTable,
    /// ODF `draw:` (frames, text boxes, shapes).
    OdfDraw,
    /// ODF `office:` (body, annotations, binary data).
    OdfOffice,
    /// ODF `style:` (styles, their properties).
    OdfStyle,
    /// XSL-FO compatible ODF properties (`fo:font-weight`).
    OdfFo,
    /// LibreOffice's extensions (`loext:content-control`).
    LoExt,
    Other,
}

fn ns_of_uri(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        "http://schemas.microsoft.com/office/word/2010/wordml" => Ns::W14,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        "http://schemas.openxmlformats.org/officeDocument/2006/math"
        | "http://purl.oclc.org/ooxml/officeDocument/math" => Ns::M,
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0" => Ns::OdfText,
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0" => Ns::OdfTable,
        "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" => Ns::OdfDraw,
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0" => Ns::OdfOffice,
        "urn:oasis:names:tc:opendocument:xmlns:style:1.0" => Ns::OdfStyle,
        "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" => Ns::OdfFo,
        "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" => Ns::LoExt,
        _ => Ns::Other,
    }
}

/// Prefix → namespace, learned from the root element. Word and LibreOffice declare every namespace
/// on the root; resolving namespaces per element (NsReader) would cost an attribute scan per
/// element for nothing. Undeclared prefixes fall back to the conventional ones (`w`, `w14`, `mc`,
/// `text`, `table`, …).
#[derive(Debug, Default)]
struct NsMap {
    map: Vec<(String, Ns)>,
    /// What `w` resolves to, once the root is learnt: nearly every element of a Word part has
    /// that prefix, and resolving it through `map` per element was a tenth of the XML loop's own
    /// work (issue 15).
    w: Option<Ns>,
}

impl NsMap {
    fn learn(&mut self, e: &BytesStart) {
        for a in e.attributes().with_checks(false).flatten() {
            let key = a.key.0;
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            let ns = ns_of_uri(&a.value);
            if ns != Ns::Other {
                self.map.push((prefix.to_string(), ns));
            }
        }
        self.w = Some(self.lookup("w"));
    }

    fn resolve(&self, prefix: &str) -> Ns {
        match (self.w, prefix) {
            (Some(w), "w") => w,
            _ => self.lookup(prefix),
        }
    }

    /// What the root declared for `prefix`, else the conventional namespace of that prefix.
    fn lookup(&self, prefix: &str) -> Ns {
        if let Some((_, ns)) = self.map.iter().find(|(p, _)| p == prefix) {
            return *ns;
        }
        match prefix {
            "w" => Ns::W,
            "w14" => Ns::W14,
            "mc" => Ns::Mc,
            "m" => Ns::M,
            "text" => Ns::OdfText,
            "table" => Ns::OdfTable,
            "draw" => Ns::OdfDraw,
            "office" => Ns::OdfOffice,
            "style" => Ns::OdfStyle,
            "fo" => Ns::OdfFo,
            "loext" => Ns::LoExt,
            _ => Ns::Other,
        }
    }
}

/// What a part parser receives from [`drive`].
pub(crate) trait Sink {
    /// An element opened (`empty` elements get `start` then `end`).
    fn start(&mut self, ns: Ns, local: &str, e: &BytesStart) -> Result<(), ReadError>;
    fn end(&mut self) -> Result<(), ReadError>;
    /// Character data, already unescaped exactly once.
    fn text(&mut self, t: &str);
    fn note(&mut self, note: String);
}

/// Run `sink` over the XML of one Word part. `part` names the part in error messages.
pub(crate) fn drive<S: Sink>(part: &str, xml: &str, sink: &mut S) -> Result<(), ReadError> {
    drive_as("Word", part, xml, sink)
}

/// [`drive`] for a format whose errors name it as `soort` ("OpenDocument-tekst", …).
pub(crate) fn drive_as<S: Sink>(
    soort: &'static str,
    part: &str,
    xml: &str,
    sink: &mut S,
) -> Result<(), ReadError> {
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    let mut ns = NsMap::default();
    let mut unknown_entity_noted = false;
    loop {
        let ev = reader.read_event().map_err(|_| ReadError::Corrupt {
            soort,
            detail: format!(
                "{part} is geen geldige XML (fout rond byte {})",
                reader.error_position()
            ),
        })?;
        match ev {
            Event::Start(e) | Event::Empty(e) if depth >= MAX_XML_DEPTH => {
                let _ = e;
                return Err(ReadError::Hostile(format!(
                    "{part} is dieper dan {MAX_XML_DEPTH} XML-niveaus genest"
                )));
            }
            Event::Start(e) => {
                if depth == 0 {
                    ns.learn(&e);
                }
                depth += 1;
                let (local, n) = split(&e, &ns);
                sink.start(n, local, &e)?;
            }
            Event::Empty(e) => {
                if depth == 0 {
                    ns.learn(&e);
                }
                let (local, n) = split(&e, &ns);
                sink.start(n, local, &e)?;
                sink.end()?;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                sink.end()?;
            }
            Event::Text(t) => sink.text(&t.xml10_content()),
            Event::CData(t) => sink.text(&t.xml10_content()),
            Event::GeneralRef(r) => match resolve_ref(&r) {
                Some(c) => {
                    let mut buf = [0u8; 4];
                    sink.text(c.encode_utf8(&mut buf));
                }
                None => {
                    // Without a DTD no other entity can be defined: skip it, say so once.
                    if !unknown_entity_noted {
                        unknown_entity_noted = true;
                        sink.note(format!(
                            "{part} bevat een onbekende entiteit (&{};), die is overgeslagen",
                            truncate(&r, 40)
                        ));
                    }
                }
            },
            Event::DocType(_) => {
                return Err(ReadError::Hostile(format!(
                    "{part} bevat een DOCTYPE-declaratie en is daarom niet gelezen"
                )));
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if depth != 0 {
        return Err(ReadError::Corrupt {
            soort,
            detail: format!("{part} is afgebroken: {depth} element(en) niet afgesloten"),
        });
    }
    Ok(())
}

fn split<'a>(e: &'a BytesStart, ns: &NsMap) -> (&'a str, Ns) {
    let q = e.name().0;
    // A byte scan: names are a few bytes long, and `split_once` set up a searcher per element.
    // `:` is ASCII, so the split falls on character boundaries.
    match q.bytes().position(|b| b == b':') {
        Some(i) => match (q.get(..i), q.get(i + 1..)) {
            (Some(p), Some(l)) => (l, ns.resolve(p)),
            _ => (q, ns.resolve("")),
        },
        None => (q, ns.resolve("")),
    }
}

fn resolve_ref(r: &quick_xml::events::BytesRef) -> Option<char> {
    match &**r {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => r.resolve_char_ref().ok().flatten(),
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The value of the attribute whose local name is `local` (`w:val`, `w14:val`, `w:instr`…),
/// unescaped once. A value with a broken escape counts as absent.
pub(crate) fn attr(e: &BytesStart, local: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        let k = a.key.0;
        let l = k.rsplit_once(':').map_or(k, |(_, l)| l);
        if l == local {
            return a
                .normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned());
        }
    }
    None
}

/// OOXML on/off value (`w:b`, `w:showingPlcHdr`…): absent `w:val` means on.
pub(crate) fn on_off(e: &BytesStart) -> bool {
    match attr(e, "val") {
        None => true,
        Some(v) => !matches!(v.as_str(), "0" | "false" | "off" | "none"),
    }
}

/// A non-negative integer attribute; anything else (floats, garbage) is `None`, never a panic.
pub(crate) fn attr_u32(e: &BytesStart, local: &str) -> Option<u32> {
    attr(e, local).and_then(|v| v.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Names(Vec<(Ns, String)>);

    impl Sink for Names {
        fn start(&mut self, ns: Ns, local: &str, _e: &BytesStart) -> Result<(), ReadError> {
            self.0.push((ns, local.to_string()));
            Ok(())
        }
        fn end(&mut self) -> Result<(), ReadError> {
            Ok(())
        }
        fn text(&mut self, _t: &str) {}
        fn note(&mut self, _n: String) {}
    }

    fn names(xml: &str) -> Vec<(Ns, String)> {
        let mut s = Names::default();
        drive("test.xml", xml, &mut s).unwrap();
        s.0
    }

    /// Prefixes mean what the root declares; only undeclared ones fall back to the usual ones.
    #[test]
    fn prefixes_resolve_as_the_root_declares_them() {
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
        // The usual prefix.
        assert_eq!(
            names(&format!(
                r#"<w:document xmlns:w="{w}"><w:p/><x:y/></w:document>"#
            )),
            [
                (Ns::W, "document".into()),
                (Ns::W, "p".into()),
                (Ns::Other, "y".into())
            ]
        );
        // `w` bound to another namespace, and Word's namespace under another prefix.
        assert_eq!(
            names(&format!(
                r#"<q:document xmlns:q="{w}" xmlns:w="{text}"><w:p/><q:p/><p/></q:document>"#
            )),
            [
                (Ns::W, "document".into()),
                (Ns::OdfText, "p".into()),
                (Ns::W, "p".into()),
                (Ns::Other, "p".into())
            ]
        );
        // Undeclared: `w` is Word's by convention, a default namespace applies to names
        // without a prefix.
        assert_eq!(
            names(&format!(r#"<document xmlns="{w}"><w:p/><p/></document>"#)),
            [
                (Ns::W, "document".into()),
                (Ns::W, "p".into()),
                (Ns::W, "p".into())
            ]
        );
    }
}
