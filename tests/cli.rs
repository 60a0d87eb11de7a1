//! The command line speaks Dutch everywhere (issue 14): help and errors of every subcommand hold
//! none of clap's English words, exit codes are those of the README, and the messages for a
//! missing or empty input, an unusable output folder and an export whose format contradicts its
//! file name say what is wrong.

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wijkregister"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    bin().current_dir(root()).args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// clap's English words, as they appear in its default help and error output.
const ENGELS: [&str; 13] = [
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Print help",
    "Print version",
    "error:",
    "[default",
    "default:",
    "possible values",
    "unrecognized",
    "unexpected argument",
    "For more information",
];

fn assert_dutch(what: &str, out: &str) {
    for w in ENGELS {
        assert!(
            !out.to_lowercase().contains(&w.to_lowercase()),
            "{what}: English clap text {w:?} in:\n{out}"
        );
    }
    assert!(!out.contains("os error"), "{what}: {out}");
    assert!(!out.contains("[OPTIONS]"), "{what}: {out}");
}

const OPDRACHTEN: [&str; 6] = ["run", "ingest", "audit", "export", "report", "lees"];

#[test]
fn help_of_every_subcommand_is_dutch() {
    let top = run(&["--help"]);
    assert_eq!(top.status.code(), Some(0));
    let t = text(&top);
    assert_dutch("--help", &t);
    for kop in ["Gebruik:", "Opties:", "Opdrachten:", "Toon deze hulp"] {
        assert!(t.contains(kop), "{kop} missing in:\n{t}");
    }
    // The formats read are listed, PDF and the containers included.
    for f in [
        ".docx", ".pdf", ".odt", ".doc", ".rtf", ".xlsx", ".xls", ".ods", ".eml", ".msg", ".zip",
    ] {
        assert!(t.contains(f), "{f} missing in:\n{t}");
    }
    for o in OPDRACHTEN {
        assert!(t.contains(o), "{o} missing in:\n{t}");
        for args in [vec![o, "--help"], vec![o, "-h"], vec!["help", o]] {
            let out = run(&args);
            assert_eq!(out.status.code(), Some(0), "{args:?}");
            let t = text(&out);
            assert_dutch(&format!("{args:?}"), &t);
            assert!(
                t.contains(&format!("Gebruik: wijkregister {o}")),
                "{args:?}:\n{t}"
            );
        }
    }
    assert_dutch("-V", &text(&run(&["--version"])));
    assert_eq!(run(&["-V"]).status.code(), Some(0));
}

#[test]
fn every_option_and_argument_has_help_text() {
    for o in OPDRACHTEN {
        let t = text(&run(&[o, "--help"]));
        // Each argument line starts with the flag or <NAME> and has a description after it.
        for line in t.lines().filter(|l| {
            let l = l.trim_start();
            l.starts_with('-') || l.starts_with('<') || l.starts_with('[')
        }) {
            let words: Vec<&str> = line.split("  ").filter(|w| !w.trim().is_empty()).collect();
            assert!(
                words.len() >= 2,
                "{o}: no help text on line {line:?} in:\n{t}"
            );
        }
    }
    // The defaults are said in Dutch, in the text.
    let t = text(&run(&["run", "--help"]));
    assert!(t.contains("standaard: out"), "{t}");
    assert!(t.contains("excel-nl") && t.contains("rfc4180"), "{t}");
}

#[test]
fn bad_invocations_are_dutch_with_exit_code_2() {
    let cases: Vec<Vec<&str>> = vec![
        vec![],
        vec!["bestaat-niet"],
        vec!["rn"],
        vec!["run", "--no-such-option"],
        vec!["run", "--csv-dialect", "excel"],
        vec!["ingest", "x"],
        vec!["ingest", "--db", "r.sqlite"],
        vec!["audit"],
        vec!["audit", "--db"],
        vec!["export", "--db", "r.sqlite"],
        vec![
            "export", "--db", "r.sqlite", "--format", "pdf", "-o", "x.pdf",
        ],
        vec!["report", "--db", "r.sqlite"],
        vec!["lees"],
        vec!["lees", "a", "b"],
        vec!["help", "bestaat-niet"],
    ];
    for args in cases {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        let t = text(&o);
        assert_dutch(&format!("{args:?}"), &t);
        assert!(t.contains("wijkregister"), "{args:?}: {t}");
        assert!(t.contains("Gebruik:"), "{args:?}: {t}");
    }
    // The message names what is wrong.
    let t = text(&run(&["run", "--no-such-option"]));
    assert!(
        t.contains("onbekende optie") && t.contains("--no-such-option"),
        "{t}"
    );
    let t = text(&run(&["rn"]));
    assert!(
        t.contains("onbekende opdracht 'rn'") && t.contains("run"),
        "{t}"
    );
    let t = text(&run(&["audit"]));
    assert!(
        t.contains("nodig maar niet gegeven") && t.contains("--db"),
        "{t}"
    );
    let t = text(&run(&["run", "--csv-dialect", "excel"]));
    assert!(
        t.contains("'excel' is geen geldige waarde") && t.contains("rfc4180"),
        "{t}"
    );
}

#[test]
fn export_refuses_a_format_that_contradicts_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = bin()
        .current_dir(root())
        .args(["run", "fixtures/submissions", "-q", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let db = out.join("register.sqlite");
    let x = dir.path().join("x.xlsx");
    let o = bin()
        .args(["export", "--format", "csv", "-o"])
        .arg(&x)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("--format csv past niet bij"), "{t}");
    assert_dutch("export mismatch", &t);
    assert!(!x.exists(), "nothing is written on a mismatch");
    // Without --format the extension decides: a real workbook, a real JSON file.
    let o = bin()
        .args(["export", "-q", "-o"])
        .arg(&x)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(std::fs::read(&x).unwrap().starts_with(b"PK"));
    let j = dir.path().join("r.json");
    let o = bin()
        .args(["export", "-q", "-o"])
        .arg(&j)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&j).unwrap()).unwrap();
    assert!(v["wsvs"].is_array());
    // An extension that says nothing, and no --format: refused, usage.
    let o = bin()
        .args(["export", "-o"])
        .arg(dir.path().join("x.dat"))
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("--format"), "{}", text(&o));
}

#[test]
fn run_messages_for_missing_empty_and_unusable_paths() {
    let dir = tempfile::tempdir().unwrap();
    // A missing input: exit 1, named.
    let o = bin()
        .args(["run", "bestaat/niet", "--out"])
        .arg(dir.path().join("o1"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    assert!(
        t.contains("bestaat/niet") && t.contains("bestaat niet"),
        "{t}"
    );
    assert!(
        !dir.path().join("o1").exists(),
        "no output folder for a missing input"
    );
    // An empty input folder: exit 1 and a warning, nothing written.
    let leeg = dir.path().join("leeg");
    std::fs::create_dir(&leeg).unwrap();
    let o = bin()
        .arg("run")
        .arg(&leeg)
        .arg("--out")
        .arg(dir.path().join("o2"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    assert!(t.contains("geen enkel bestand"), "{t}");
    assert!(!dir.path().join("o2").exists());
    // The output folder is a file, or lies under one: not "register onleesbaar", no os error.
    let file = dir.path().join("bestand");
    std::fs::write(&file, b"x").unwrap();
    for out in [file.clone(), file.join("sub")] {
        let o = bin()
            .current_dir(root())
            .args(["run", "fixtures/submissions", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        let t = text(&o);
        assert!(t.contains("uitvoermap"), "{t}");
        assert!(!t.contains("register onleesbaar"), "{t}");
        assert_dutch("--out under a file", &t);
        assert!(t.contains("geen map"), "{t}");
    }
    // `ingest` into a register under a file: Dutch, exit 1.
    let o = bin()
        .current_dir(root())
        .args(["ingest", "fixtures/submissions/Laak", "--db"])
        .arg(file.join("r.sqlite"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert_dutch("ingest --db under a file", &text(&o));
}

#[test]
fn summary_counts_in_dutch_and_lists_every_file_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    // One file: singular forms.
    let o = bin()
        .current_dir(root())
        .args([
            "run",
            "fixtures/submissions/wijkplan schilderswijk.docx",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("1 bestand gevonden"), "{t}");
    assert!(t.contains("1 WSV:"), "{t}");
    assert!(!t.contains('…'), "{t}");
    // Every file in the output folder is named in the summary.
    for e in std::fs::read_dir(&out).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.ends_with("-wal") || name.ends_with("-shm") {
            continue;
        }
        assert!(t.contains(&name), "{name} not in summary:\n{t}");
    }
    // Many files: plural forms.
    let o = bin()
        .current_dir(root())
        .args(["run", "fixtures/submissions", "--out"])
        .arg(dir.path().join("o2"))
        .output()
        .unwrap();
    let t = text(&o);
    assert!(t.contains("23 bestanden gevonden"), "{t}");
    assert!(t.contains("10 WSV's:"), "{t}");
}

#[test]
fn verbose_lists_every_file_sorted_with_read_or_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let o = bin()
        .current_dir(root())
        .args(["run", "fixtures/submissions", "-v", "--out"])
        .arg(dir.path().join("o"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("gelezen: ") || l.starts_with("overgeslagen: "))
        .collect();
    assert_eq!(lines.len(), 23, "{err}");
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l.split_once(": ").unwrap().1.split(" (").next().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "not sorted:\n{err}");
    // What was skipped says why: the picture, the thumbnail cache, the copy.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("overgeslagen: logo.png (genegeerd")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("overgeslagen: Kopie van Begroting WSV Laak.xlsx (dubbel")),
        "{err}"
    );
    assert!(
        lines.iter().any(|l| l
            .starts_with("gelezen: Laak/Wijkplan WSV Laak.docx (verwerkt, wijkplan, WSV Laak)")),
        "{err}"
    );
    // The same on a second run into the same folder (files already in the register).
    let o2 = bin()
        .current_dir(root())
        .args(["run", "fixtures/submissions", "-v", "--out"])
        .arg(dir.path().join("o"))
        .output()
        .unwrap();
    let err2 = String::from_utf8_lossy(&o2.stderr);
    let lines2: Vec<&str> = err2
        .lines()
        .filter(|l| l.starts_with("gelezen: ") || l.starts_with("overgeslagen: "))
        .collect();
    assert_eq!(lines, lines2);
}

/// Issue 11: no user sees a library's English words, and the technical detail is kept for who
/// investigates: in `-v` output and in the register. The two files are damaged copies from
/// fixtures/bad/fuzz: an xlsx whose `xl/worksheets/sheet2.xml` fails its CRC (`unzip -t`: "bad
/// CRC e66a5b3a (should be d4a6da52)"; the zip crate says "Invalid checksum") and an xls on
/// which calamine panics (a slice index out of range).
#[test]
fn library_words_go_to_verbose_output_and_the_register_not_to_the_user() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    // Named as a WSV would send them (the fixture names say "panic" themselves).
    for (f, name) in [
        (
            "fuzz-xlsx-upstream-panic-dimension-underflow.xlsx",
            "Begroting Laak.xlsx",
        ),
        ("fuzz-xls-upstream-panic-bof-short.xls", "begroting oud.xls"),
    ] {
        std::fs::copy(root().join("fixtures/bad/fuzz").join(f), input.join(name)).unwrap();
    }
    let out = dir.path().join("out");
    let o = bin()
        .args(["run", "-v", "--out"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    let english = ["checksum", "panic", "out of range", "overflow", "index"];
    let bestanden = std::fs::read_to_string(out.join("bestanden.csv")).unwrap();
    for w in english {
        assert!(!bestanden.to_lowercase().contains(w), "{w}: {bestanden}");
    }
    assert!(
        bestanden.contains("onderdeel xl/worksheets/sheet2.xml is beschadigd in het zip-archief"),
        "{bestanden}"
    );
    assert!(
        bestanden.contains("de lezer liep vast op dit bestand (een fout in de leesbibliotheek"),
        "{bestanden}"
    );
    // -v: under each file's line, what the library said.
    let lines: Vec<&str> = err.lines().collect();
    let under = |name: &str| -> Vec<String> {
        let at = lines
            .iter()
            .position(|l| l.starts_with("overgeslagen: ") && l.contains(name))
            .unwrap_or_else(|| panic!("{name}: {err}"));
        lines[at + 1..]
            .iter()
            .take_while(|l| l.starts_with("  technisch: "))
            .map(|l| l.to_string())
            .collect()
    };
    assert_eq!(
        under("Begroting Laak.xlsx"),
        ["  technisch: xl/worksheets/sheet2.xml: Invalid checksum"],
        "{err}"
    );
    let xls = under("begroting oud.xls");
    assert!(
        xls.len() == 1
            && xls[0].starts_with("  technisch: panic: ")
            && xls[0].contains("out of range"),
        "{err}"
    );
    // The register keeps the same words.
    let conn = rusqlite::Connection::open(out.join("register.sqlite")).unwrap();
    let kept: Vec<String> = conn
        .prepare("SELECT technisch FROM inhoud WHERE technisch <> '' ORDER BY technisch")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept[0].starts_with("panic: "), "{kept:?}");
    assert_eq!(kept[1], "xl/worksheets/sheet2.xml: Invalid checksum");
    // `lees -v` shows it on stderr; `lees` alone does not.
    let f = input.join("Begroting Laak.xlsx");
    let plain = bin().arg("lees").arg(&f).output().unwrap();
    assert!(!text(&plain).contains("checksum"), "{}", text(&plain));
    let verbose = bin().args(["lees", "-v"]).arg(&f).output().unwrap();
    assert!(
        String::from_utf8_lossy(&verbose.stderr)
            .contains("technisch: Begroting Laak.xlsx: xl/worksheets/sheet2.xml: Invalid checksum"),
        "{}",
        text(&verbose)
    );
}
