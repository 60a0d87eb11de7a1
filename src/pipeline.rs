//! The pipeline as a library: ingest files into a register, pair and audit, write outputs.
//! `main.rs` only parses arguments and calls these functions; tests and benches call them too.
//!
//! Per-file isolation: each file is read and mapped inside `catch_unwind`, so a panic in a
//! third-party parser becomes that file's `BESTAND_ONLEESBAAR` finding and the batch goes on.
//! Files are read in parallel (worker processes, or rayon in-process) while this thread stores
//! them in order; the register has one writer. Each file is stored whole or not at all (see
//! `Register::store_file`); COMMITs are batched (see `Register::begin_batch`), and the batch is
//! committed before anything reads the register.

use crate::domain::{Code, Finding};
use crate::intake::{self, Found};
use crate::register::{Register, RegisterError};
use crate::snapshot::{Content, FileOutcome, Snapshot, Soort};
use crate::text::norm;
use crate::wijkindeling::Wijkindeling;
use crate::worker::Isolation;
use std::path::{Path, PathBuf};

/// The per-file step, re-exported: tests and benches read single files through it.
pub use crate::file::process_file;
use thiserror::Error;

/// Errors that stop a run (as opposed to a bad file, which only gets a finding).
#[derive(Debug, Error)]
pub enum PipelineError {
    #[error("{0}")]
    Register(#[from] RegisterError),
    #[error("uitvoermap {pad} is niet te gebruiken: {}", crate::osfout::nl(fout))]
    OutDir { pad: String, fout: std::io::Error },
    #[error("kan {pad} niet schrijven: {fout}")]
    Write { pad: String, fout: String },
    #[error("{0}")]
    Wijkindeling(String),
    #[error("invoer {0} bestaat niet")]
    MissingInput(String),
}

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
    reg.begin_batch()?;
    let stored = store_all(found, problems, reg, iso, progress);
    // Commit the last batch also when storing stopped on an error: every file stored whole so
    // far is kept, as it was with one transaction per file.
    let committed = reg.end_batch();
    let summary = stored?;
    committed?;
    match scope {
        Scope::ExactlyTheseInputs => reg.set_active_files(&summary.ids)?,
        Scope::AddToRegister => reg.add_active_files(&summary.ids)?,
    }
    Ok(summary)
}

/// Read and store every file (the body of [`ingest`], inside one batch of commits).
fn store_all(
    found: &[Found],
    problems: &[intake::WalkProblem],
    reg: &mut Register,
    iso: &Isolation,
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
    // One pool of workers for the whole batch, reused chunk after chunk. The register only
    // stores the text, so workers send it in the stored form.
    let iso = iso.for_register();
    let pool = crate::worker::Pool::new(&iso);
    // In a fresh register no file is known yet: hashing every file here only to find that out
    // would read and hash each file twice (the worker hashes it again), issue 15. Members of a
    // container come with their sha256 and are looked up as before.
    let fresh = reg.has_no_files()?;
    while !queue.is_empty() {
        let mut next: Vec<(Found, Option<String>)> = Vec::new();
        let mut todo: Vec<Found> = Vec::new();
        for (f, hint) in queue {
            let sha = match hint {
                Some(sha) => Some(sha),
                None if f.lid.is_empty() && !fresh => {
                    intake::sha256_small_file(&f.path).ok().flatten()
                }
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
                        summary.files += leden.len();
                        next.extend(leden.iter().map(|l| (f.member(l), l.sha256.clone())));
                    }
                }
                None => todo.push(f),
            }
        }
        // Store each file as soon as it and every file before it are read, while the workers
        // read on: a run that is killed keeps every whole file of its committed batches, and a
        // rerun picks up the rest.
        pool.process_each(&todo, progress, &mut |j, o| -> Result<(), PipelineError> {
            // A container's members join the next round (taken before the outcome goes to the
            // register, which keeps it).
            if let (Content::Container(leden), Some(f)) = (&o.content, todo.get(j)) {
                summary.files += leden.len();
                next.extend(leden.iter().map(|l| (f.member(l), l.sha256.clone())));
            }
            let (id, new) = reg.store_file_owned(o)?;
            summary.ids.push(id);
            if new {
                summary.new += 1;
            }
            Ok(())
        })?;
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
            tekst: Vec::new(),
            tekst_opslag: None,
            technisch: Vec::new(),
        };
        let (id, new) = reg.store_file_owned(o)?;
        summary.ids.push(id);
        if new {
            summary.new += 1;
        }
    }
    Ok(summary)
}

/// Pair files into WSVs and versions, audit, and store both in the register.
pub fn refresh(reg: &mut Register, wk: &Wijkindeling) -> Result<Snapshot, PipelineError> {
    // The files and their content are loaded once: nothing below changes them, only pairing,
    // audit and corrections (the two snapshots read those afresh).
    let files = reg.files()?;
    let assignments = crate::pairing::assign(&files);
    reg.save_assignments(&assignments)?;
    let mut before = reg.snapshot_with(&files)?;
    let result = crate::audit::run(&before, wk);
    reg.save_audit(&result)?;
    // Corrections applied for the first time remember their document and extracted value; for
    // inhabitants that is the audit's sum of the wijken, not an earlier (corrected) result.
    for st in &mut before.correcties {
        if let crate::correcties::Uitkomst::Toegepast { oorspronkelijk, .. } = &mut st.uitkomst {
            if let Some((_, n)) = result
                .inwoners_voor_correctie
                .iter()
                .find(|(w, _)| norm(w) == norm(&st.correctie.wsv))
                .filter(|_| norm(&st.correctie.veld) == "inwoners")
            {
                *oorspronkelijk = n.map(|n| n.to_string()).unwrap_or_default();
            }
        }
    }
    reg.veranker_correcties(&before.correcties)?;
    // Peak memory at a thousand copies is here: free the first snapshot before building the
    // second, and the files once it is built.
    drop(before);
    let snap = reg.snapshot_with(&files)?;
    drop(files);
    // The overview's status and ruimte for the view v_overzicht (schema v5).
    reg.save_wsv_status(&snap)?;
    Ok(snap)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `refresh` builds its snapshots from the files it loaded once (issue 15); what it returns
    /// must still be exactly what the register holds afterwards, as `report` and `export` read it.
    #[test]
    fn refresh_returns_what_the_register_holds() {
        let inputs = [PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/submissions"
        ))];
        let (found, problems) = discover(&inputs).expect("fixtures vinden");
        let mut reg = Register::open_in_memory().expect("register");
        let summary = ingest(
            &found,
            &problems,
            &mut reg,
            &Isolation::InProcess,
            Scope::ExactlyTheseInputs,
            &|_| {},
        )
        .expect("inlezen");
        assert!(summary.new > 0);
        let snap = refresh(&mut reg, &crate::wijkindeling::builtin()).expect("verversen");
        assert!(!snap.wsvs.is_empty());
        let again = reg.snapshot().expect("snapshot");
        assert_eq!(format!("{snap:?}"), format!("{again:?}"));
    }
}
