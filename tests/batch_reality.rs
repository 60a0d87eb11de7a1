//! Batch reality (issue 8): the same mailbox saved in other folder layouts gives the same
//! overview; `run` describes exactly its inputs; failed-for-a-passing-reason files are read again.
//!
//! The layouts are built at test time from `fixtures/submissions`, the way staff save mail:
//! (a) one and two folder levels deeper, (b) WSV folders grouped under stadsdeel/"groep" folders,
//! (c) files of several WSVs mixed in folders per month received, every begroting saved under the
//! template's own name "Concept begroting WSV.xlsx" so that a save dialog made the names unique
//! ("Concept begroting WSV (2).xlsx"), (d) everything flat in one folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> PathBuf {
    root().join("fixtures/submissions")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// `wijkregister run INPUT --out OUT -q`, asserting it completed.
fn run_into(input: &Path, out: &Path) {
    run_into_with(input, out, |_| {})
}

/// [`run_into`] without text recognition: `PATH` empty, so tesseract is not found (the binary
/// needs nothing else on it). For batches whose scan is about a plan that could not be read;
/// OCR itself is tests/ocr.rs.
fn run_into_without_ocr(input: &Path, out: &Path) {
    run_into_with(input, out, |c| {
        c.env("PATH", "");
    })
}

fn run_into_with(input: &Path, out: &Path, setup: impl FnOnce(&mut Command)) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wijkregister"));
    setup(&mut cmd);
    let st = cmd
        .arg("run")
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("-q")
        .status()
        .unwrap();
    assert!(st.success(), "run failed: {st}");
}

/// Files of a batch: (path relative to the input folder, bytes).
type Files = Vec<(String, Vec<u8>)>;

/// Every file of the sample batch: (path relative to fixtures/submissions, bytes).
fn sample_files() -> Files {
    let mut out = Vec::new();
    let mut stack = vec![sample()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(sample()).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    assert!(out.len() >= 20, "voorbeeldinzendingen niet gevonden");
    out
}

/// Write `files` under `dir`, making a name unique the way a save dialog does when it is taken.
fn save(dir: &Path, files: &[(String, Vec<u8>)]) {
    for (rel, bytes) in files {
        let mut target = dir.join(rel);
        let mut n = 2;
        while target.exists() {
            let p = Path::new(rel);
            let stem = p.file_stem().unwrap().to_string_lossy();
            let ext = p
                .extension()
                .map(|e| e.to_string_lossy())
                .unwrap_or_default();
            let name = format!("{stem} ({n}).{ext}");
            target = dir.join(p.parent().unwrap_or(Path::new(""))).join(name);
            n += 1;
        }
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, bytes).unwrap();
    }
}

fn base(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap()
}

/// The begrotingen of the sample batch. Each names its WSV in its title cell (fixtures/gen/src/
/// sheets.rs writes "Begroting WSV Laak 2025-2026", "WSV De Vliet", …), so each can be saved under
/// the template's name without losing who sent it.
const BEGROTINGEN: [&str; 10] = [
    "Begroting WSV Haagse Hout.xlsx",
    "De Vliet/Begroting WSV De Vliet.xlsx",
    "Duinoord-Vogelwijk/Begroting Duinoord-Vogelwijk.xlsx",
    "Escamp Noord/Begroting WSV Escamp Noord.xlsx",
    "Kopie van Begroting WSV Laak.xlsx",
    "Laak/Begroting WSV Laak.xlsx",
    "Leidschenveen/Begroting WSV Leidschenveen.xlsx",
    "Rijswijk/Begroting Rijswijk.ods",
    "Wassenaar/begroting wassenaar.xls",
    "begroting_escamp_zuid_v3.xlsx",
];

/// The overview rows by WSV, without the `bestanden` column (its paths differ per layout by
/// design); that column is compared as a count of files.
/// Index of the `bevindingen` column of overzicht.csv (interface.md; more columns follow it).
const BEVINDINGEN: usize = 22;

fn overview(out: &Path) -> BTreeMap<String, Vec<String>> {
    let text = read(&out.join("overzicht.csv"));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let col = header.iter().position(|h| *h == "bestanden").unwrap();
    lines
        .map(|l| {
            let mut cells: Vec<String> = l.split(';').map(str::to_string).collect();
            let n = cells[col].split(" | ").filter(|s| !s.is_empty()).count();
            cells[col] = format!("{n} bestanden");
            (cells[0].clone(), cells)
        })
        .collect()
}

#[test]
fn folder_layout_does_not_change_the_overview() {
    let files = sample_files();
    let original = tempfile::tempdir().unwrap();
    run_into(&sample(), original.path());
    let want = overview(original.path());
    assert_eq!(want.len(), 10, "{want:?}");
    let want_sd = read(&original.path().join("stadsdelen.csv"));

    let layouts: Vec<(&str, Files)> = vec![
        (
            "(a) een map dieper",
            files
                .iter()
                .map(|(r, b)| (format!("inzendingen-2025/{r}"), b.clone()))
                .collect(),
        ),
        (
            "(a) twee mappen dieper",
            files
                .iter()
                .map(|(r, b)| (format!("mail/inzendingen-2025/{r}"), b.clone()))
                .collect(),
        ),
        (
            "(b) per stadsdeel en groep",
            files
                .iter()
                .map(|(r, b)| {
                    let group = match r.split('/').next().unwrap() {
                        "Escamp Noord" => "Escamp/",
                        "Laak" | "Duinoord-Vogelwijk" => "groep 1/",
                        "Rijswijk" | "Wassenaar" | "De Vliet" | "Leidschenveen" => {
                            "randgemeenten en groep 2/"
                        }
                        _ => "",
                    };
                    (format!("{group}{r}"), b.clone())
                })
                .collect(),
        ),
        (
            "(c) per maand ontvangen, namen uniek gemaakt",
            files
                .iter()
                .enumerate()
                .map(|(i, (r, b))| {
                    let month = ["ontvangen mei", "ontvangen juni"][i % 2];
                    let name = if BEGROTINGEN.contains(&r.as_str()) {
                        let ext = r.rsplit('.').next().unwrap();
                        format!("Concept begroting WSV.{ext}")
                    } else {
                        base(r).to_string()
                    };
                    (format!("{month}/{name}"), b.clone())
                })
                .collect(),
        ),
        (
            "(d) alles in één map",
            files
                .iter()
                .map(|(r, b)| (base(r).to_string(), b.clone()))
                .collect(),
        ),
    ];
    for (label, layout) in layouts {
        let input = tempfile::tempdir().unwrap();
        save(input.path(), &layout);
        if label.starts_with("(c)") {
            // The layout really has names a save dialog made unique.
            let mut found = 0;
            for m in ["ontvangen mei", "ontvangen juni"] {
                for e in std::fs::read_dir(input.path().join(m)).unwrap() {
                    let n = e.unwrap().file_name().to_string_lossy().into_owned();
                    if n.starts_with("Concept begroting WSV (") {
                        found += 1;
                    }
                }
            }
            assert!(found >= 4, "{label}: {found} hernoemde begrotingen");
        }
        let out = tempfile::tempdir().unwrap();
        run_into(input.path(), out.path());
        let got = overview(out.path());
        for (wsv, row) in &want {
            assert_eq!(got.get(wsv), Some(row), "{label}: rij {wsv}");
        }
        assert_eq!(got.len(), want.len(), "{label}: {:?}", got.keys());
        assert_eq!(
            read(&out.path().join("stadsdelen.csv")),
            want_sd,
            "{label}: stadsdelen.csv"
        );
    }
}

#[test]
fn run_into_an_old_out_describes_only_its_own_inputs() {
    let out = tempfile::tempdir().unwrap();
    run_into(&sample(), out.path());
    assert!(read(&out.path().join("overzicht.csv")).contains("\nLaak;"));

    // Another batch into the same folder: none of the old WSVs or files remain in any output.
    run_into(&root().join("fixtures/injection"), out.path());
    let overzicht = read(&out.path().join("overzicht.csv"));
    assert!(!overzicht.contains("\nLaak;"), "{overzicht}");
    let bestanden = read(&out.path().join("bestanden.csv"));
    assert_eq!(bestanden.lines().count(), 1 + 3, "{bestanden}");
    assert!(bestanden.contains("Injectie/Wijkplan injectie.docx"));
    assert!(!bestanden.contains("Laak"), "{bestanden}");
    let json = read(&out.path().join("register.json"));
    // (Escamp is also a stadsdeel in the wijkindeling; the WSV is Escamp Noord.)
    assert!(!json.contains("Escamp Noord"), "oude WSV in register.json");

    // A file removed from the folder disappears from the outputs; the rest is as before.
    let input = tempfile::tempdir().unwrap();
    let files: Vec<_> = sample_files()
        .into_iter()
        .filter(|(r, _)| r != "Kopie van Begroting WSV Laak.xlsx")
        .collect();
    save(input.path(), &files);
    run_into(input.path(), out.path());
    let bestanden = read(&out.path().join("bestanden.csv"));
    assert!(!bestanden.contains("Kopie van Begroting"), "{bestanden}");
    assert_eq!(bestanden.lines().count(), 1 + files.len());
    let laak = read(&out.path().join("overzicht.csv"))
        .lines()
        .find(|l| l.starts_with("Laak;"))
        .unwrap()
        .to_string();
    assert!(
        laak.contains(";Laak/Begroting WSV Laak.xlsx | Laak/Wijkplan WSV Laak.docx;"),
        "{laak}"
    );
}

#[test]
fn ingest_keeps_what_it_read_before() {
    // `ingest` is for archives: a second batch adds to the register, nothing is forgotten.
    let db = tempfile::tempdir().unwrap();
    let reg = db.path().join("archief.sqlite");
    for input in [sample(), root().join("fixtures/injection")] {
        let st = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
            .args(["ingest", "-q", "--db"])
            .arg(&reg)
            .arg(&input)
            .status()
            .unwrap();
        assert!(st.success());
    }
    let out = db.path().join("overzicht.csv");
    // `audit` pairs and checks what the register holds; `export` writes it.
    let st = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
        .args(["audit", "-q", "--db"])
        .arg(&reg)
        .status()
        .unwrap();
    assert!(st.success());
    let st = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
        .args(["export", "--format", "csv", "-o"])
        .arg(&out)
        .arg("--db")
        .arg(&reg)
        .status()
        .unwrap();
    assert!(st.success());
    let text = read(&out);
    assert!(text.contains("\nLaak;"), "{text}");
    assert!(text.contains("HYPERLINK"), "{text}");
}

/// `bestanden.csv` rows by file name: (wsv, status, toelichting, rol).
fn bestanden(out: &Path) -> BTreeMap<String, (String, String, String, String)> {
    let text = read(&out.join("bestanden.csv"));
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "bestand",
            "sha256",
            "soort",
            "wsv",
            "status",
            "toelichting",
            "rol"
        ]
    );
    r.records()
        .map(|rec| {
            let c = rec.unwrap();
            (
                c[0].to_string(),
                (c[3].into(), c[4].into(), c[5].into(), c[6].into()),
            )
        })
        .collect()
}

#[test]
fn documents_get_their_role_from_their_content() {
    // fixtures/roles (fixtures/roles/src has the texts): an agreement saved as "Wijkplan WSV Laak
    // definitief (getekend).docx" (title "Samenwerkingsovereenkomst Wijksamenwerkingsverband
    // Laak", "De ondergetekenden", articles, signatures), a wijkanalyse that says it is an annex
    // to WSV Laak's plan, and a scan (image-only PDF) named as Escamp Zuid's plan.
    let input = tempfile::tempdir().unwrap();
    let copy = |from: &Path, to: &str| {
        let target = input.path().join(to);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(from, target).unwrap();
    };
    for f in ["Wijkplan WSV Laak.docx", "Begroting WSV Laak.xlsx"] {
        copy(&sample().join("Laak").join(f), &format!("Laak/{f}"));
    }
    copy(
        &sample().join("begroting_escamp_zuid_v3.xlsx"),
        "begroting_escamp_zuid_v3.xlsx",
    );
    for f in [
        "Wijkplan WSV Laak definitief (getekend).docx",
        "Wijkanalyse Laak 2025.docx",
        "Wijkplan WSV Escamp Zuid (scan).pdf",
    ] {
        copy(&root().join("fixtures/roles").join(f), f);
    }
    let out = tempfile::tempdir().unwrap();
    // The scan stays unread (GEEN_TEKSTLAAG) also where tesseract is installed.
    run_into_without_ocr(input.path(), out.path());
    let b = bestanden(out.path());
    let row = |f: &str| {
        b.get(f)
            .unwrap_or_else(|| panic!("geen rij {f}: {b:?}"))
            .clone()
    };

    let sok = row("Wijkplan WSV Laak definitief (getekend).docx");
    assert_eq!(
        (sok.0.as_str(), sok.1.as_str(), sok.3.as_str()),
        ("Laak", "verwerkt", "samenwerkingsovereenkomst")
    );
    let analyse = row("Wijkanalyse Laak 2025.docx");
    assert_eq!(
        (analyse.0.as_str(), analyse.1.as_str(), analyse.3.as_str()),
        ("Laak", "verwerkt", "bijlage")
    );
    // The plan stays the current plan: the "definitief" name of the agreement does not replace it.
    let plan = row("Laak/Wijkplan WSV Laak.docx");
    assert_eq!((plan.1.as_str(), plan.3.as_str()), ("verwerkt", "wijkplan"));
    let scan = row("Wijkplan WSV Escamp Zuid (scan).pdf");
    assert_eq!(
        (scan.0.as_str(), scan.1.as_str(), scan.3.as_str()),
        ("Escamp Zuid", "verwerkt", "wijkplan")
    );

    let overzicht = overview(out.path());
    let laak = overzicht.get("Laak").unwrap();
    // versie_datum of the plan's §1 (the agreement has none), and the agreement counts.
    assert_eq!(laak[5], "versie 1.2 – 14 mei 2025");
    let codes = &laak[BEVINDINGEN];
    assert!(
        !codes.contains("SAMENWERKINGSOVEREENKOMST_ONTBREEKT"),
        "{codes}"
    );
    assert!(!codes.contains("WIJKPLAN_ONTBREEKT"), "{codes}");
    let ez = overzicht.get("Escamp Zuid").unwrap();
    let codes = &ez[BEVINDINGEN];
    assert!(codes.contains("GEEN_TEKSTLAAG"), "{codes}");
    assert!(!codes.contains("WIJKPLAN_ONTBREEKT"), "{codes}");
    assert!(
        codes.contains("SAMENWERKINGSOVEREENKOMST_ONTBREEKT"),
        "{codes}"
    );
    assert_eq!(overzicht.len(), 2, "{:?}", overzicht.keys());
}

#[test]
fn a_file_whose_wsv_cannot_be_decided_is_a_finding_not_a_merge() {
    // A begroting that names no WSV, saved under the template's name into a month folder that
    // holds the plans of two WSVs: neither plan's WSV may take it.
    let input = tempfile::tempdir().unwrap();
    let m = input.path().join("ontvangen mei");
    std::fs::create_dir_all(&m).unwrap();
    std::fs::copy(
        sample().join("Laak/Wijkplan WSV Laak.docx"),
        m.join("Wijkplan WSV Laak.docx"),
    )
    .unwrap();
    std::fs::copy(
        sample().join("Rijswijk/Wijkplan WSV Rijswijk definitief.docx"),
        m.join("Wijkplan WSV Rijswijk definitief.docx"),
    )
    .unwrap();
    // fixtures/roles/src/begroting-zonder-naam.csv, saved by Calc: a budget table and nothing
    // that names a WSV.
    std::fs::copy(
        root().join("fixtures/roles/Concept begroting WSV.xlsx"),
        m.join("Concept begroting WSV (2).xlsx"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    run_into(input.path(), out.path());
    let b = bestanden(out.path());
    let row = b
        .get("ontvangen mei/Concept begroting WSV (2).xlsx")
        .unwrap();
    assert_eq!(row.0, "", "{row:?}");
    assert_eq!(row.3, "begroting");
    let bev = read(&out.path().join("bevindingen.csv"));
    assert!(
        bev.lines()
            .any(|l| l.contains(";WSV_ONBEPAALD;waarschuwing;")
                && l.contains("meerdere WSV's (Laak, Rijswijk)")),
        "{bev}"
    );
    // Both plans keep BEGROTING_ONTBREEKT: the loose begroting was not handed to either.
    let o = overview(out.path());
    for w in ["Laak", "Rijswijk"] {
        assert!(o[w][BEVINDINGEN].contains("BEGROTING_ONTBREEKT"), "{w}");
    }
}

#[test]
fn the_same_plan_and_begroting_in_other_formats_are_dubbel() {
    // See issue 8 point 4: `dubbel` is the same content, also when LibreOffice saved the plan as
    // .odt and .doc and the begroting as .xlsb beside the originals (fixtures/formats/make.sh).
    let input = tempfile::tempdir().unwrap();
    let copy = |from: PathBuf, to: &str| {
        std::fs::copy(&from, input.path().join(to))
            .unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    };
    copy(
        sample().join("Laak/Wijkplan WSV Laak.docx"),
        "Wijkplan WSV Laak.docx",
    );
    copy(
        sample().join("Laak/Begroting WSV Laak.xlsx"),
        "Begroting WSV Laak.xlsx",
    );
    copy(
        root().join("fixtures/formats/laak.odt"),
        "Wijkplan WSV Laak.odt",
    );
    copy(
        root().join("fixtures/formats/begroting-laak.xlsb"),
        "Begroting WSV Laak.xlsb",
    );
    let out = tempfile::tempdir().unwrap();
    run_into(input.path(), out.path());
    let b = bestanden(out.path());
    let row = |f: &str| {
        b.get(f)
            .unwrap_or_else(|| panic!("geen rij {f}: {b:?}"))
            .clone()
    };
    assert_eq!(row("Wijkplan WSV Laak.docx").1, "verwerkt");
    assert_eq!(row("Begroting WSV Laak.xlsx").1, "verwerkt");
    let odt = row("Wijkplan WSV Laak.odt");
    assert_eq!(odt.1, "dubbel", "{odt:?}");
    assert!(
        odt.2
            .starts_with("zelfde plan als Wijkplan WSV Laak.docx (andere bestandsvorm"),
        "{odt:?}"
    );
    let xlsb = row("Begroting WSV Laak.xlsb");
    assert_eq!(xlsb.1, "dubbel", "{xlsb:?}");
    assert!(
        xlsb.2
            .starts_with("zelfde begroting als Begroting WSV Laak.xlsx"),
        "{xlsb:?}"
    );
    assert_eq!(overview(out.path()).len(), 1);
}
