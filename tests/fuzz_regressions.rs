//! Regression cases found by fuzzing (fuzz/README.md), kept in fixtures/bad/fuzz/.
//!
//! Names follow `fuzz-<target>-<what>-<detail>.<ext>`, the target being the fuzz target that
//! found the input (docx, xlsx, xls, ods, file). Every file goes through the same reader and
//! mapper calls as that target and must return (Ok or Err) without panicking. A name with
//! `-upstream-` marks an input that makes a third-party crate panic where the product cannot
//! prevent it: that file goes through `pipeline::process_file`, whose `catch_unwind` must turn
//! the panic into an unreadable file with a BESTAND_ONLEESBAAR finding, or, for a PDF, into a
//! file read by the second PDF reader with a note that says so.
//!
//! Each input runs in its own thread with a loose time bound, so that a regression to a hang
//! fails the test instead of blocking the suite; the bound is a sanity check, not a benchmark.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use wijkregister::domain::Code;
use wijkregister::intake::{self, Found};
use wijkregister::read::sheet::{read_sheet, SheetFormat};
use wijkregister::snapshot::{Content, Soort};

/// Far above what any of these inputs takes (milliseconds), far below "hangs".
const BOUND: Duration = Duration::from_secs(60);

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bad/fuzz");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The fuzz target a case came from, from its name.
fn target(p: &Path) -> &'static str {
    let n = name(p);
    ["docx", "xlsx", "xls", "ods", "pdf", "file"]
        .into_iter()
        .find(|t| n.starts_with(&format!("fuzz-{t}-")))
        .unwrap_or_else(|| panic!("{n}: name does not start with fuzz-<target>-"))
}

fn is_upstream(p: &Path) -> bool {
    name(p).contains("-upstream-")
}

/// Run `f` on its own thread; fail if it panics or is not done within [`BOUND`].
fn bounded<T: Send + 'static>(what: String, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(BOUND) {
        Ok(v) => {
            assert!(
                start.elapsed() < BOUND,
                "{what}: took {:?}",
                start.elapsed()
            );
            v
        }
        Err(RecvTimeoutError::Timeout) => panic!("{what}: not done after {BOUND:?}"),
        // The sender was dropped without sending: the thread panicked (its message is above).
        Err(RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

fn docx(bytes: &[u8]) -> &'static str {
    match wijkregister::read::docx::read_docx(bytes) {
        Ok(doc) => {
            std::hint::black_box(wijkregister::template::map_document(&doc, "fuzz"));
            "Ok"
        }
        Err(_) => "Err",
    }
}

fn sheet(bytes: &[u8], format: SheetFormat) -> &'static str {
    match read_sheet(bytes, format) {
        Ok(wb) => {
            std::hint::black_box(wijkregister::begroting::map_begroting(&wb, "fuzz"));
            "Ok"
        }
        Err(_) => "Err",
    }
}

/// What the fuzz target `t` runs on `bytes` (the `file` target sniffs first, like intake).
fn run_target(t: &str, bytes: &[u8]) -> &'static str {
    match t {
        "docx" => docx(bytes),
        "xlsx" => sheet(bytes, SheetFormat::Xlsx),
        "xls" => sheet(bytes, SheetFormat::Xls),
        "ods" => sheet(bytes, SheetFormat::Ods),
        _ => match intake::sniff(bytes).0 {
            Soort::Docx => docx(bytes),
            Soort::Xlsx => sheet(bytes, SheetFormat::Xlsx),
            Soort::Xls => sheet(bytes, SheetFormat::Xls),
            Soort::Ods => sheet(bytes, SheetFormat::Ods),
            _ => "not read",
        },
    }
}

#[test]
fn the_regression_corpus_is_there_and_named_by_target() {
    let files = cases();
    assert!(!files.is_empty(), "fixtures/bad/fuzz/ is empty");
    for f in &files {
        target(f);
    }
}

#[test]
fn fixed_fuzz_findings_read_without_panic() {
    for f in cases().into_iter().filter(|f| !is_upstream(f)) {
        let bytes = std::fs::read(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let t = target(&f);
        let n = name(&f);
        // The target that found it, and the whole per-file path (sniff, then the reader).
        let b = bytes.clone();
        bounded(format!("{n} ({t})"), move || run_target(t, &b));
        bounded(format!("{n} (file)"), move || run_target("file", &bytes));
    }
}

#[test]
fn upstream_panics_become_unreadable_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    for f in cases().into_iter().filter(|f| is_upstream(f)) {
        let n = name(&f);
        // The name as a WSV would send it: the extension of the format the bytes claim.
        let path = dir.path().join(&n);
        std::fs::copy(&f, &path).unwrap_or_else(|e| panic!("{n}: {e}"));
        let found = Found {
            path,
            bestand: n.clone(),
            map: String::new(),
            lid: Vec::new(),
        };
        let out = bounded(n.clone(), move || {
            wijkregister::pipeline::process_file(&found)
        });
        if n.ends_with(".pdf") {
            // pdf-extract panics on these damaged PDFs; poppler (`pdftotext`) still reads text
            // from each, and so does the second PDF reader. The file is read, and a note says
            // by which reader, so the RESV knows its tables and headings were not recognised.
            assert!(
                !matches!(out.content, Content::Onleesbaar),
                "{n}: {:?}",
                out.findings
            );
            assert!(
                out.opmerkingen
                    .iter()
                    .any(|o| o.contains("gelezen met de tweede PDF-lezer (pdf_oxide)")),
                "{n}: {:?}",
                out.opmerkingen
            );
            continue;
        }
        assert!(
            matches!(out.content, Content::Onleesbaar),
            "{n}: {:?}",
            out.content
        );
        assert!(
            out.findings
                .iter()
                .any(|x| x.code == Code::BESTAND_ONLEESBAAR && x.bron == n),
            "{n}: {:?}",
            out.findings
        );
    }
}
