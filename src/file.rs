//! The per-file step: a file's (or a container member's) bytes → sniffed kind → the reader for
//! that kind → the sjabloon or begroting mapping → bounded content and its findings.
//!
//! Both the in-process path and the worker processes call [`process_file`]; the worker is
//! isolation only (deadline, memory cap), and the pipeline only schedules and stores. So the
//! modules depend one way: pipeline → worker → file, pipeline → file.
//!
//! Never panics outward: a panic inside a third-party parser is caught here and becomes the file's
//! `BESTAND_ONLEESBAAR` finding.

use crate::domain::{Code, Finding};
use crate::intake::{self, Found};
use crate::read::{Read, ReadError};
use crate::snapshot::{Content, FileOutcome, Rol, Soort};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Read, sniff and map one file. Never panics: a panic inside a reader is caught here and becomes
/// the file's finding.
pub fn process_file(f: &Found) -> FileOutcome {
    let outcome = FileOutcome {
        bestand: f.bestand.clone(),
        map: f.map.clone(),
        sha256: String::new(),
        grootte: 0,
        soort: Soort::Onbekend,
        content: Content::Onleesbaar,
        findings: vec![],
        opmerkingen: vec![],
        voorbijgaand: false,
        tekst: Vec::new(),
        tekst_opslag: None,
        technisch: Vec::new(),
    };
    // The technical log is per thread; what an earlier file left there is not this file's.
    let _ = crate::technisch::take();
    let mut outcome = process_into(f, outcome);
    outcome.technisch = crate::technisch::take();
    outcome
}

/// [`process_file`]'s work on a fresh outcome (the technical log is handled around it).
fn process_into(f: &Found, mut outcome: FileOutcome) -> FileOutcome {
    // Sniffing (and taking a member out of its container) opens zip and OLE containers with
    // third-party parsers: inside the boundary too.
    let loaded = match catch_unwind(|| load_found(f)) {
        Ok(Ok(l)) => l,
        Ok(Err(reden)) => {
            outcome.findings.push(unreadable(&f.bestand, &reden));
            return outcome;
        }
        Err(panic) => {
            outcome.findings.push(unreadable(
                &f.bestand,
                &format!(
                    "het soort bestand kon niet worden bepaald ({})",
                    panicked(&*panic)
                ),
            ));
            return outcome;
        }
    };
    outcome.sha256 = loaded.sha256.clone();
    outcome.grootte = loaded.grootte;
    outcome.soort = loaded.soort;
    let Some(bytes) = loaded.bytes.as_deref() else {
        let reden = ReadError::TooLarge {
            wat: "het bestand".into(),
            limiet: format!(
                "{} MB (MAX_FILE_BYTES)",
                crate::limits::MAX_FILE_BYTES / (1024 * 1024)
            ),
            gevonden: format!("{} bytes", loaded.grootte),
        };
        outcome
            .findings
            .push(unreadable(&f.bestand, &reden.to_string()));
        return outcome;
    };
    let mut tekst = Vec::new();
    let mut precut = crate::bounds::Precut::default();
    let result = catch_unwind(AssertUnwindSafe(|| {
        if loaded.soort.is_container() {
            list_members(&f.bestand, loaded.soort, bytes, f.lid.len())
        } else {
            read_and_map(
                &f.bestand,
                loaded.soort,
                &loaded.kind_note,
                bytes,
                &mut tekst,
                &mut precut,
            )
        }
    }));
    match result {
        Ok((content, findings, notes)) => {
            outcome.content = content;
            outcome.findings = findings;
            outcome.opmerkingen = notes;
            outcome.tekst = tekst;
            crate::bounds::apply(&mut outcome, precut);
        }
        Err(panic) => {
            outcome.content = Content::Onleesbaar;
            outcome.findings = vec![unreadable(
                &f.bestand,
                &format!("de lezer liep vast op dit bestand ({})", panicked(&*panic)),
            )];
        }
    }
    outcome
}

/// A loose file's bytes, or a member's bytes taken out of its container(s) in memory.
fn load_found(f: &Found) -> Result<intake::Loaded, String> {
    let outer = intake::load(&f.path).map_err(|e| {
        crate::technisch::record(&e.to_string());
        format!(
            "het bestand kon niet worden geopend ({})",
            crate::osfout::nl(&e)
        )
    })?;
    if f.lid.is_empty() {
        return Ok(outer);
    }
    let Some(mut bytes) = outer.bytes else {
        return Err(format!(
            "de container is groter dan de limiet van {} MB (MAX_FILE_BYTES)",
            crate::limits::MAX_FILE_BYTES / (1024 * 1024)
        ));
    };
    let mut soort = outer.soort;
    for id in &f.lid {
        bytes = crate::container::member(soort, &bytes, id).map_err(|e| e.to_string())?;
        soort = intake::sniff(&bytes).0;
    }
    Ok(intake::load_bytes(bytes))
}

/// A container's members (each is then read as a file of its own), unless it sits too deep.
fn list_members(bestand: &str, soort: Soort, bytes: &[u8], depth: usize) -> ReadResult {
    let fail = |e: ReadError| {
        (
            Content::Onleesbaar,
            vec![unreadable(bestand, &e.to_string())],
            vec![],
        )
    };
    if depth >= crate::limits::MAX_CONTAINER_DEPTH {
        return fail(ReadError::Hostile(format!(
            "een e-mail of zip zo diep in andere e-mails of zips ({} niveaus) wordt niet uitgepakt (MAX_CONTAINER_DEPTH = {})",
            depth + 1,
            crate::limits::MAX_CONTAINER_DEPTH
        )));
    }
    match crate::container::list(soort, bytes) {
        Ok(lids) => (Content::Container(lids), vec![], vec![]),
        Err(e) => fail(e),
    }
}

/// A library's panic as a Dutch phrase; its own (English) text is kept as technical detail.
fn panicked(panic: &(dyn std::any::Any + Send)) -> &'static str {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned());
    match text {
        Some(t) => {
            crate::technisch::record(&format!("panic: {t}"));
            "een fout in de leesbibliotheek, waarschijnlijk door een beschadigd of ongewoon opgebouwd bestand"
        }
        None => "een fout in de leesbibliotheek zonder melding",
    }
}

fn unreadable(bestand: &str, reden: &str) -> Finding {
    Finding::new(
        Code::BESTAND_ONLEESBAAR,
        format!("{bestand} is niet te lezen: {reden}."),
        bestand,
    )
}

/// What a file gave: its content, its findings, and the reader's notes on what it skipped.
type ReadResult = (Content, Vec<Finding>, Vec<String>);

/// `tekst` receives the full text of what was read (a document's blocks, a workbook's cells),
/// `precut` what was cut from the document before mapping ([`crate::bounds::cap_document`]).
fn read_and_map(
    bestand: &str,
    soort: Soort,
    kind_note: &str,
    bytes: &[u8],
    tekst: &mut Vec<crate::tekst::TekstBlok>,
    precut: &mut crate::bounds::Precut,
) -> ReadResult {
    let display = intake::bron_naam(bestand);
    let fail = |e: ReadError| {
        (
            Content::Onleesbaar,
            vec![unreadable(bestand, &e.to_string())],
            vec![],
        )
    };
    // The reader for each format is chosen in one place: `read::reader`.
    if let Some(read) = crate::read::reader(soort) {
        return match read(bytes) {
            Ok(Read::Document(mut doc)) => {
                *tekst = crate::tekst::from_document(&doc, display);
                *precut = crate::bounds::cap_document(&mut doc);
                let ocr_pages = std::mem::take(&mut doc.ocr_pages);
                let (mut content, mut findings, notes) = document(doc, display);
                if !ocr_pages.is_empty() {
                    crate::ocr_bron::mark_all(&mut content, &mut findings, tekst, &ocr_pages);
                    findings.push(crate::ocr_bron::finding(bestand, &ocr_pages));
                }
                (content, findings, notes)
            }
            Ok(Read::Workbook(wb)) => {
                *tekst = crate::tekst::from_workbook(&wb, display);
                workbook(wb, display)
            }

            // A scan: the file is fine, there is just no text to read. It is still a document of
            // its WSV (a scanned plan is the WSV's plan), so it is kept as such.
            Err(ReadError::NoTextLayer) => (
                Content::Scan,
                vec![Finding::new(
                    Code::GEEN_TEKSTLAAG,
                    format!("{bestand} is een PDF zonder tekstlaag (bijvoorbeeld een scan); er kon niets uit gelezen worden. Het bestand telt wel als ingediend; vraag om de .docx of een PDF met tekst. Met tekstherkenning op deze computer (tesseract met Nederlands, pakket tesseract-ocr-nld) wordt een scan wel gelezen."),
                    bestand,
                )],
                vec![],
            ),
            Err(ReadError::NoTextAfterOcr(why)) => (
                Content::Scan,
                vec![Finding::new(
                    Code::GEEN_TEKSTLAAG,
                    format!("{bestand} is een PDF zonder tekstlaag (bijvoorbeeld een scan), en tekstherkenning las er niets uit ({why}). Het bestand telt wel als ingediend; vraag om de .docx of een PDF met tekst."),
                    bestand,
                )],
                vec![],
            ),
            Err(e) => fail(e),
        };
    }
    // No reader: another OLE file, an image, unknown bytes.
    if intake::is_system_file(bestand) {
        (Content::Genegeerd("systeembestand".into()), vec![], vec![])
    } else if intake::claims_submission(bestand) {
        let ext = bestand.rsplit('.').next().unwrap_or("").to_lowercase();
        let what = if kind_note.is_empty() {
            "onbekende inhoud".to_string()
        } else {
            kind_note.to_string()
        };
        if ext == "doc" {
            // Say what to send instead: a WSV is never left without a plan and without a reason.
            return fail(crate::read::doc::unreadable(&what));
        }
        // What to ask for: the same document saved again in the format the sjabloon asks for.
        fail(ReadError::Corrupt {
            soort: ext_label(&ext),
            detail: format!(
                "{what}; vraag de WSV het bestand opnieuw op te slaan als .docx (wijkplan) of .xlsx (begroting)"
            ),
        })
    } else {
        (Content::Genegeerd(kind_note.to_string()), vec![], vec![])
    }
}

/// A read workbook: a begroting, or a sheet without a budget table (ignored, with the reason).
fn workbook(wb: crate::model::Workbook, display: &str) -> ReadResult {
    match crate::begroting::map_begroting(&wb, display) {
        Some(mapped) => (Content::Begroting(mapped.value), mapped.findings, wb.notes),
        None => (
            Content::Genegeerd(
                "rekenblad zonder begrotingstabel (geen kolommen als Post, Omschrijving, Bedrag gevonden)"
                    .into(),
            ),
            vec![],
            wb.notes,
        ),
    }
}

/// A read word-processing document: a wijkplan mapped onto its sjabloon, or (an agreement, another
/// attachment) kept as a bijlage with what identifies it.
fn document(doc: crate::model::Document, display: &str) -> ReadResult {
    let sjabloon = crate::template::detect(&doc);
    match crate::classify::rol(&doc, sjabloon, display) {
        Rol::Wijkplan | Rol::Begroting | Rol::Container => {
            let mapped = crate::template::map_as(&doc, display, sjabloon);
            (Content::Wijkplan(mapped.value), mapped.findings, doc.notes)
        }
        rol @ (Rol::Samenwerkingsovereenkomst | Rol::Bijlage) => (
            Content::Bijlage(crate::classify::bijlage(&doc, rol, display)),
            vec![],
            doc.notes,
        ),
    }
}

fn ext_label(ext: &str) -> &'static str {
    match ext {
        "docx" | "docm" => "Word",
        "pdf" => "PDF",
        "xlsx" | "xlsm" | "xls" | "xlsb" => "Excel",
        "ods" => "OpenDocument-rekenblad",
        "odt" => "OpenDocument-tekst",
        "doc" => "Word 97-2003",
        "rtf" => "RTF",
        _ => "ondersteund",
    }
}
