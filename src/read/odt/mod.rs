//! odt reader: an OpenDocument text package → [`Document`], with zip + quick-xml like the docx
//! reader, through the same guarded event loop ([`crate::read::xml::drive_as`]: no DOCTYPE, depth
//! limit, truncation is an error) and the same per-part inflate cap ([`limits::MAX_PART_BYTES`]).
//!
//! # What it reads
//!
//! `content.xml`'s `office:text`, with the styles of `styles.xml` and `content.xml` for bold text
//! and list numbering. Headers and footers (in `styles.xml`), footnotes, comments, tables of
//! contents and other generated indexes are not plan content, as in the docx reader.
//!
//! - Headings: `text:h` with its `text:outline-level`. Its number is what LibreOffice shows: the
//!   `text:number` it stored, else the list number when the heading is a list item (counted per
//!   list style, `text:continue-numbering` going on where the previous list stopped), else the
//!   outline numbering of `text:outline-style`, else a number typed at the start of the text.
//! - Tables: every grid column has a `table:table-cell` or a `table:covered-table-cell`, so a
//!   cell's column is the count of cells before it; `number-columns-spanned` and
//!   `number-rows-spanned` are the spans; covered cells are not cells of their own (what they
//!   hold is hidden). Repeated rows and cells are copied, at most `MAX_REPEAT` times.
//! - Lists: paragraphs in a `text:list-item` are list items.
//! - Frames and text boxes: a `draw:frame` may hold several representations of one object; only
//!   the first is read, so a text box counts once. Text in shapes (`draw:custom-shape`, which
//!   LibreOffice writes for a Word text box) is a text box too. Text-box paragraphs follow the
//!   paragraph they are anchored in and are never headings.
//! - Tracked changes: ODF keeps deleted text in `text:tracked-changes`, outside the text flow;
//!   that region is skipped, and inserted text (between `text:change-start`/`-end`) is read.
//! - Fields (`text:text-input`, `text:date`, `text:bookmark-ref`, …): their content is the result
//!   the reader saw, and is read as text. Placeholder prompts (`text:placeholder`, a content
//!   control showing its placeholder) are not the writer's text and are left out; a checkbox
//!   content control gives the paragraph its state.
//! - White space collapses as ODF prescribes; `text:s`, `text:tab`, `text:line-break` are the
//!   explicit space, '\t' and '\n'.

mod body;
mod styles;
#[cfg(test)]
mod tests;

use std::io::Cursor;

use zip::ZipArchive;

use crate::limits;
use crate::model::{AantekeningSoort, Document};
use crate::read::docx::{promote_bold_numbered, set_loc};
use crate::read::package::read_part;
use crate::read::xml::drive_as;
use crate::read::ReadError;
use body::Body;
use styles::{StyleSink, Styles};

/// How errors name the format.
const SOORT: &str = "OpenDocument-tekst";

/// Read an .odt (OpenDocument text package) into the neutral model.
pub fn read_odt(bytes: &[u8]) -> Result<Document, ReadError> {
    read_odt_capped(bytes, limits::MAX_PART_BYTES)
}

/// [`read_odt`] with the per-part inflated-size cap as a parameter (tests use a small one).
fn read_odt_capped(bytes: &[u8], cap: u64) -> Result<Document, ReadError> {
    if bytes.is_empty() {
        return Err(corrupt("het bestand is leeg"));
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| corrupt("geen zip-archief"))?;
    if let Some(mt) = read_part(&mut zip, "mimetype", cap.min(4096), SOORT)? {
        let mt = mt.trim();
        if !mt.starts_with("application/vnd.oasis.opendocument.text") {
            let what = if mt.contains("spreadsheet") {
                "een OpenDocument-rekenblad"
            } else if mt.contains("presentation") {
                "een OpenDocument-presentatie"
            } else {
                "een ander soort OpenDocument-bestand"
            };
            return Err(corrupt(format!("het is {what}, geen tekstdocument")));
        }
    }
    // An encrypted package keeps its manifest readable and says so there; its content.xml is
    // ciphertext.
    if let Some(manifest) = read_part(&mut zip, "META-INF/manifest.xml", cap, SOORT)? {
        if manifest.contains("encryption-data") {
            return Err(ReadError::Encrypted);
        }
    }
    let content = read_part(&mut zip, "content.xml", cap, SOORT)?
        .ok_or_else(|| corrupt("het onderdeel content.xml ontbreekt"))?;
    let mut notes = Vec::new();
    let mut styles = Styles::default();
    if let Some(x) = read_part(&mut zip, "styles.xml", cap, SOORT)? {
        // A broken styles.xml costs bold text and numbering, not the document; a hostile one
        // fails the file like content.xml.
        let mut sink = StyleSink::new(&mut styles);
        match drive_as(SOORT, "styles.xml", &x, &mut sink) {
            Ok(()) => {}
            Err(ReadError::Corrupt { .. }) => {
                styles = Styles::default();
                notes.push(
                    "styles.xml is beschadigd en is overgeslagen; vet en nummering komen alleen uit de tekst"
                        .to_string(),
                );
            }
            Err(e) => return Err(e),
        }
    }
    drive_as(
        SOORT,
        "content.xml",
        &content,
        &mut StyleSink::new(&mut styles),
    )?;
    let mut body = Body::new(&styles);
    drive_as(SOORT, "content.xml", &content, &mut body)?;
    let mut aantekeningen = std::mem::take(&mut body.aantekeningen);
    // Comments go after the notes, as in the docx reader; notes stay in marker order.
    aantekeningen.sort_by_key(|a| a.soort == AantekeningSoort::Opmerking);
    let (mut nodes, body_notes) = body.finish();
    notes.extend(body_notes);
    promote_bold_numbered(&mut nodes);
    let blocks = nodes
        .into_iter()
        .enumerate()
        .map(|(i, (mut b, _))| {
            set_loc(&mut b, i);
            b
        })
        .collect();
    Ok(Document {
        blocks,
        notes,
        aantekeningen,
        ocr_pages: Vec::new(),
    })
}

fn corrupt(detail: impl Into<String>) -> ReadError {
    ReadError::Corrupt {
        soort: SOORT,
        detail: detail.into(),
    }
}
