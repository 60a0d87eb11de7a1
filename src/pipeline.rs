//! The pipeline as a library: ingest files into a register, pair and audit, write outputs.
//! `main.rs` only parses arguments and calls these functions; tests and benches call them too.
//!
//! Per-file isolation: each file is read and mapped inside `catch_unwind`, so a panic in a
//! third-party parser becomes that file's `BESTAND_ONLEESBAAR` finding and the batch goes on.
//! Files are read in parallel (rayon); the register has one writer, one transaction per file.

use crate::domain::{Code, Finding};
use crate::intake::{self, Found};
use crate::read::{Read, ReadError};
use crate::register::{Register, RegisterError};
use crate::snapshot::{Content, FileOutcome, Rol, Snapshot, Soort};
use crate::wijkindeling::Wijkindeling;
use crate::worker::Isolation;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Errors that stop a run (as opposed to a bad file, which only gets a finding).
#[derive(Debug, Error)]
pub enum PipelineError {
    #[error("{0}")]
    Register(#[from] RegisterError),
    #[error("uitvoermap {pad} is niet te gebruiken: {fout}")]
    OutDir { pad: String, fout: std::io::Error },
    #[error("kan {pad} niet schrijven: {fout}")]
    Write { pad: String, fout: String },
    #[error("{0}")]
    Wijkindeling(String),
    #[error("invoer {0} bestaat niet")]
    MissingInput(String),
}

/// Files read between two writes to the register.
const STORE_CHUNK: usize = 8;

/// Called once per file as it is done, for a progress bar.
pub type Progress<'a> = &'a (dyn Fn(&str) + Sync);

/// What ingesting gave, for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestSummary {
    pub files: usize,
    pub new: usize,
    /// Register ids of every file under the inputs (new or known), for [`Scope`].
    pub ids: Vec<i64>,
}

/// What the outputs describe after an ingest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Exactly the files under this run's inputs (`run`): whatever the register held before is
    /// kept but out of sight, so a second run into an old `--out` never mixes batches.
    ExactlyTheseInputs,
    /// These files in addition to what the register already shows (`ingest`: an archive never
    /// forgets).
    AddToRegister,
}

/// Count the files under the inputs (for a progress bar's length).
pub fn discover(
    inputs: &[PathBuf],
) -> Result<(Vec<Found>, Vec<intake::WalkProblem>), PipelineError> {
    for i in inputs {
        if !i.exists() && std::fs::symlink_metadata(i).is_err() {
            return Err(PipelineError::MissingInput(i.display().to_string()));
        }
    }
    Ok(intake::discover(inputs))
}

/// Read every file found into the register. Already registered (name, bytes) pairs are not read
/// again.
pub fn ingest(
    found: &[Found],
    problems: &[intake::WalkProblem],
    reg: &mut Register,
    iso: &Isolation,
    scope: Scope,
    progress: Progress,
) -> Result<IngestSummary, PipelineError> {
    let mut summary = IngestSummary {
        files: found.len() + problems.len(),
        new: 0,
        ids: Vec::new(),
    };
    // Skip what the register already holds under the same name and bytes: a rerun after an
    // interrupted run reads only what is missing. Hashing is cheap next to parsing. A container's
    // members join the queue as files of their own, round after round (nesting is bounded by
    // MAX_CONTAINER_DEPTH, checked where a container is listed).
    let mut queue: Vec<(Found, Option<String>)> = found.iter().map(|f| (f.clone(), None)).collect();
    while !queue.is_empty() {
        let mut next: Vec<(Found, Option<String>)> = Vec::new();
        let mut todo: Vec<Found> = Vec::new();
        for (f, hint) in queue {
            let sha = match hint {
                Some(sha) => Some(sha),
                None if f.lid.is_empty() => intake::sha256_small_file(&f.path).ok().flatten(),
                None => None,
            };
            let known = match sha {
                Some(sha) if reg.contains(&f.bestand, &sha)? => {
                    reg.file_id(&f.bestand, &sha)?.map(|id| (id, sha))
                }
                _ => None,
            };
            match known {
                Some((id, sha)) => {
                    summary.ids.push(id);
                    progress(&f.bestand);
                    if let Some(leden) = reg.container_members(&sha)? {
                        next.extend(leden.iter().map(|l| (f.member(l), l.sha256.clone())));
                    }
                }
                None => todo.push(f),
            }
        }
        // Store in small chunks as they are read, each file in its own transaction, so a run that
        // is killed keeps every whole file it finished and a rerun picks up the rest.
        for chunk in todo.chunks(STORE_CHUNK) {
            let outcomes = crate::worker::process_all(chunk, iso, progress);
            for (f, o) in chunk.iter().zip(outcomes) {
                let (id, new) = reg.store_file(&o)?;
                summary.ids.push(id);
                if new {
                    summary.new += 1;
                }
                if let Content::Container(leden) = &o.content {
                    summary.files += leden.len();
                    next.extend(leden.iter().map(|l| (f.member(l), l.sha256.clone())));
                }
            }
        }
        queue = next;
    }
    for p in problems {
        let o = FileOutcome {
            bestand: p.bestand.clone(),
            map: p
                .bestand
                .rsplit_once('/')
                .map(|(m, _)| m.to_string())
                .unwrap_or_default(),
            sha256: String::new(),
            grootte: 0,
            soort: Soort::Onbekend,
            content: Content::Onleesbaar,
            findings: vec![Finding::new(
                Code::BESTAND_ONLEESBAAR,
                format!("{} is niet gelezen: {}.", p.bestand, p.reden),
                p.bestand.clone(),
            )],
            opmerkingen: vec![],
            voorbijgaand: false,
        };
        let (id, new) = reg.store_file(&o)?;
        summary.ids.push(id);
        if new {
            summary.new += 1;
        }
    }
    match scope {
        Scope::ExactlyTheseInputs => reg.set_active_files(&summary.ids)?,
        Scope::AddToRegister => reg.add_active_files(&summary.ids)?,
    }
    Ok(summary)
}

/// Pair files into WSVs and versions, audit, and store both in the register.
pub fn refresh(reg: &mut Register, wk: &Wijkindeling) -> Result<Snapshot, PipelineError> {
    let files = reg.files()?;
    let assignments = crate::pairing::assign(&files);
    reg.save_assignments(&assignments)?;
    let before = reg.snapshot()?;
    let result = crate::audit::run(&before, wk);
    reg.save_audit(&result)?;
    Ok(reg.snapshot()?)
}

/// Read, sniff and map one file. Never panics: a panic inside a reader is caught here and becomes
/// the file's finding.
pub fn process_file(f: &Found) -> FileOutcome {
    let mut outcome = FileOutcome {
        bestand: f.bestand.clone(),
        map: f.map.clone(),
        sha256: String::new(),
        grootte: 0,
        soort: Soort::Onbekend,
        content: Content::Onleesbaar,
        findings: vec![],
        opmerkingen: vec![],
        voorbijgaand: false,
    };
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
                    panic_text(&*panic)
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
    let result = catch_unwind(AssertUnwindSafe(|| {
        if loaded.soort.is_container() {
            list_members(&f.bestand, loaded.soort, bytes, f.lid.len())
        } else {
            read_and_map(&f.bestand, loaded.soort, &loaded.kind_note, bytes)
        }
    }));
    match result {
        Ok((content, findings, notes)) => {
            outcome.content = content;
            outcome.findings = findings;
            outcome.opmerkingen = notes;
            crate::bounds::apply(&mut outcome);
        }
        Err(panic) => {
            let msg = panic_text(&*panic);
            outcome.content = Content::Onleesbaar;
            outcome.findings = vec![unreadable(
                &f.bestand,
                &format!("de lezer liep vast op dit bestand ({msg})"),
            )];
        }
    }
    outcome
}

/// A loose file's bytes, or a member's bytes taken out of its container(s) in memory.
fn load_found(f: &Found) -> Result<intake::Loaded, String> {
    let outer =
        intake::load(&f.path).map_err(|e| format!("het bestand kon niet worden geopend ({e})"))?;
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

/// The message of a caught panic, for the finding.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "onbekende oorzaak".into())
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

fn read_and_map(bestand: &str, soort: Soort, kind_note: &str, bytes: &[u8]) -> ReadResult {
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
            Ok(Read::Document(doc)) => document(doc, display),
            Ok(Read::Workbook(wb)) => match crate::begroting::map_begroting(&wb, display) {
                Some(mapped) => (Content::Begroting(mapped.value), mapped.findings, wb.notes),
                None => (
                    Content::Genegeerd(
                        "rekenblad zonder begrotingstabel (geen kolommen als Post, Omschrijving, Bedrag gevonden)"
                            .into(),
                    ),
                    vec![],
                    wb.notes,
                ),
            },
            // A scan: the file is fine, there is just no text to read. It is still a document of
            // its WSV (a scanned plan is the WSV's plan), so it is kept as such.
            Err(ReadError::NoTextLayer) => (
                Content::Scan,
                vec![Finding::new(
                    Code::GEEN_TEKSTLAAG,
                    format!("{bestand} is een PDF zonder tekstlaag (bijvoorbeeld een scan); er kon niets uit gelezen worden. Het bestand telt wel als ingediend; vraag om de .docx of een PDF met tekst."),
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
        fail(ReadError::Corrupt {
            soort: ext_label(&ext),
            detail: what,
        })
    } else {
        (Content::Genegeerd(kind_note.to_string()), vec![], vec![])
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

/// Load the wijkindeling: the built-in one, or the user's replacement file.
pub fn load_wijkindeling(path: Option<&Path>) -> Result<Wijkindeling, PipelineError> {
    match path {
        None => Ok(crate::wijkindeling::builtin()),
        Some(p) => {
            crate::wijkindeling::load(p).map_err(|e| PipelineError::Wijkindeling(e.to_string()))
        }
    }
}
