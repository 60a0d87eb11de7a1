//! Scanned plans read with text recognition (tesseract), and without it the GEEN_TEKSTLAAG they
//! always had.
//!
//! The fixture `fixtures/pdf/scan_rijswijk.pdf` (made by `make_producers.sh`) is the Rijswijk
//! sample plan as a scanner gives it: page 1 (§1) a JPEG, page 2 (§4) 8-bit grey pixels, 150 dpi,
//! no text layer. Expected values are those of the plan's .docx.
//!
//! On a machine without tesseract (or without its Dutch model) the tests that need it say so and
//! pass; `make test-ocr` sets `WIJKREGISTER_OCR_VEREIST=1`, which makes that a failure instead,
//! so a machine that should have OCR cannot skip it silently.

use std::path::{Path, PathBuf};
use std::process::Command;
use wijkregister::domain::Wijkplan;
use wijkregister::intake::Found;
use wijkregister::pipeline::process_file;
use wijkregister::read::pdf::ocr;
use wijkregister::snapshot::{Content, FileOutcome};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read(path: PathBuf) -> FileOutcome {
    let bestand = path.file_name().unwrap().to_string_lossy().into_owned();
    process_file(&Found {
        path,
        bestand,
        map: String::new(),
        lid: Vec::new(),
    })
}

/// Whether tesseract with Dutch is here; when not, say so (and fail when it is required).
fn ocr_here(test: &str) -> bool {
    if ocr::available() {
        return true;
    }
    let required = std::env::var_os("WIJKREGISTER_OCR_VEREIST").is_some();
    assert!(
        !required,
        "{test}: tesseract met Nederlands (nld) ontbreekt, maar WIJKREGISTER_OCR_VEREIST staat aan"
    );
    eprintln!("{test} overgeslagen: tesseract met Nederlands (nld) is hier niet geïnstalleerd");
    false
}

fn plan(o: &FileOutcome) -> &Wijkplan {
    match &o.content {
        Content::Wijkplan(w) => w,
        other => panic!("geen wijkplan maar {other:?} ({:?})", o.findings),
    }
}

fn ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_scanned_plan_is_read_with_ocr_and_says_so() {
    if !ocr_here("a_scanned_plan_is_read_with_ocr_and_says_so") {
        return;
    }
    let docx = read(fixture(
        "fixtures/submissions/Rijswijk/Wijkplan WSV Rijswijk definitief.docx",
    ));
    let scan = read(fixture("fixtures/pdf/scan_rijswijk.pdf"));
    let (d, s) = (plan(&docx), plan(&scan));

    // The WSV's name and place decide where the plan goes: exactly as in the .docx.
    assert_eq!(s.velden.wijk_wsv.waarde, d.velden.wijk_wsv.waarde);
    assert_eq!(
        s.velden.gemeente_stadsdeel.waarde,
        d.velden.gemeente_stadsdeel.waarde
    );
    // The other §1 fields, word for word after whitespace. Allowed OCR noise, and why: a dash
    // (– or —) is one short stroke at 150 dpi, so tesseract picks either; the comparison treats
    // them alike and nothing else.
    let dash = |s: &str| ws(s).replace(['—', '–'], "-");
    for ((key, _, dv), (_, _, sv)) in d.velden.all().into_iter().zip(s.velden.all()) {
        assert_eq!(
            sv.waarde.as_deref().map(dash),
            dv.waarde.as_deref().map(dash),
            "§1 {key}"
        );
        assert!(
            sv.bron.ends_with("p.1 (OCR)"),
            "§1 {key}: bron zegt niet dat het OCR is: {}",
            sv.bron
        );
    }

    // The themes table is found from the lines in the scan: the same themes have content.
    let filled = |w: &Wijkplan| -> Vec<u32> {
        w.themas
            .iter()
            .filter(|t| t.has_content())
            .map(|t| t.nummer)
            .collect()
    };
    assert_eq!(filled(s), filled(d), "thema's met inhoud");
    assert!(
        s.themas[0].bron.ends_with("p.1 (OCR)"),
        "{}",
        s.themas[0].bron
    );

    let ocr: Vec<_> = scan
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "OCR_GELEZEN")
        .collect();
    assert_eq!(ocr.len(), 1, "{:?}", scan.findings);
    assert_eq!(ocr[0].ernst.as_str(), "waarschuwing");
    assert!(
        ocr[0].bericht.contains("pagina's 1, 2"),
        "{}",
        ocr[0].bericht
    );
    assert!(
        !scan
            .findings
            .iter()
            .any(|f| f.code.as_str() == "GEEN_TEKSTLAAG"),
        "{:?}",
        scan.findings
    );
}

/// `wijkregister run` on a folder with the scan, with `PATH` as given: the findings' codes.
fn run_codes(dir: &Path, path_var: &std::ffi::OsStr) -> (Vec<String>, String) {
    let input = dir.join("in");
    let out = dir.join("out");
    std::fs::create_dir_all(input.join("Rijswijk")).unwrap();
    std::fs::copy(
        fixture("fixtures/pdf/scan_rijswijk.pdf"),
        input.join("Rijswijk/Wijkplan WSV Rijswijk.pdf"),
    )
    .unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .env("PATH", path_var)
        .output()
        .unwrap();
    assert!(
        status.status.success() || status.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let csv = std::fs::read_to_string(out.join("bevindingen.csv")).unwrap();
    let codes = csv
        .lines()
        .filter(|l| l.contains("Wijkplan WSV Rijswijk.pdf"))
        .filter_map(|l| l.split(';').nth(2).map(str::to_string))
        .collect();
    (codes, csv)
}

#[test]
fn without_tesseract_a_scan_stays_geen_tekstlaag_and_says_how_to_read_it() {
    // A PATH with nothing on it: tesseract cannot be found, as on a machine without it.
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("leeg");
    std::fs::create_dir(&empty).unwrap();
    let (codes, csv) = run_codes(&tmp.path().join("zonder"), empty.as_os_str());
    assert!(codes.iter().any(|c| c == "GEEN_TEKSTLAAG"), "{csv}");
    assert!(!codes.iter().any(|c| c == "OCR_GELEZEN"), "{csv}");
    assert!(csv.contains("tesseract-ocr-nld"), "{csv}");

    // The same run with this machine's PATH: where tesseract is, the same file is read, so the
    // PATH above is what made the difference.
    if ocr_here("without_tesseract_…: tegenproef met tesseract") {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let (codes, csv) = run_codes(&tmp.path().join("met"), &path);
        assert!(codes.iter().any(|c| c == "OCR_GELEZEN"), "{csv}");
        assert!(!codes.iter().any(|c| c == "GEEN_TEKSTLAAG"), "{csv}");
    }
}
