//! Corrections that stick (issue 13): a correcties.csv beside the inputs replaces extracted values
//! everywhere (overview, findings, JSON), the register keeps both values with who, why and when,
//! a rerun keeps them, and a correction whose document changed is reported, not applied.
//!
//! Expected values come from the fixture documents: Laak's plan names the whole stadsdeel Laak
//! (48.255 inhabitants, budget € 45.015 in the wijkindeling of seed 001); Duinoord en Vogelwijk's
//! kernteam table lists huisarts, welzijn, wijkverpleging and a fysiotherapeut (no apotheker);
//! Laak's theme 7 middelen cell reads "Vrijwilligersvergoeding en catering (eigen middelen Xtra
//! Welzijn)".

use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn run(input: &Path, out: &Path) {
    let st = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
        .arg("run")
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("-q")
        .status()
        .unwrap();
    assert!(st.success());
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

/// The overview row of `wsv` as (column → cell).
fn row(out: &Path, wsv: &str) -> std::collections::HashMap<String, String> {
    let text = read(&out.join("overzicht.csv"));
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let head: Vec<String> = lines.next().unwrap().split(';').map(String::from).collect();
    let line = lines
        .find(|l| l.starts_with(&format!("{wsv};")))
        .unwrap_or_else(|| panic!("geen rij {wsv}"));
    head.into_iter()
        .zip(line.split(';').map(String::from))
        .collect()
}

/// Rows of a `;`-separated output with quoted fields (the csv crate, as a spreadsheet reads it).
fn records(p: &Path) -> Vec<Vec<String>> {
    let text = read(p);
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn findings(out: &Path, wsv: &str, code: &str) -> Vec<Vec<String>> {
    records(&out.join("bevindingen.csv"))
        .into_iter()
        .filter(|f| f[0] == wsv && f[2] == code)
        .collect()
}

const CORRECTIES: &str = "wsv;veld;waarde;reden;door\r\n\
Laak;inwoners;47000;telling gemeente 2025;J. de Vries\r\n\
Duinoord en Vogelwijk;kerndisciplines;huisarts | welzijn | wijkverpleging | apotheker | paramedici;apotheek ontbrak in de tabel;A. Bakker\r\n\
Laak;thema 7 benodigde middelen;\"Vacatiegelden bewonersadviesgroep; catering\";stond in hoofdstuk 5;A. Bakker\r\n\
Onbekend;inwoners;1;typefout;Zoë\r\n";

/// Rewrite a docx with one text replaced in word/document.xml (a new version of the plan).
fn change_docx(path: &Path, from: &str, to: &str) {
    let bytes = std::fs::read(path).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            let s = String::from_utf8(data).unwrap();
            assert!(s.contains(from));
            data = s.replace(from, to).into_bytes();
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

#[test]
fn corrections_replace_values_survive_reruns_and_expire_with_their_document() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("inzendingen");
    copy_dir(&root().join("fixtures/submissions"), &input);
    // As Dutch Excel saves "CSV (puntkomma)": Windows-1252 (the ë of Zoë is one byte).
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(CORRECTIES);
    std::fs::write(input.join("correcties.csv"), &bytes).unwrap();
    let out = tmp.path().join("uit");
    run(&input, &out);

    // Inhabitants: 47.000 instead of the wijkindeling's 48.255; the share follows:
    // 45.015 × 47.000 / 48.255 = 43.844,26 → € 43.844.
    let laak = row(&out, "Laak");
    assert_eq!(laak["inwoners"], "47000");
    assert_eq!(laak["aandeel_uitvoeringsbudget"], "43844,00");
    assert_eq!(laak["ruimte"], "2594,00"); // 43.844 − 41.250
                                           // Theme 7's middelen corrected: no longer "eigen middelen", so a waarschuwing quoting the
                                           // corrected cell.
    let t7 = findings(&out, "Laak", "THEMA_ZONDER_BEGROTING");
    assert_eq!(t7.len(), 1);
    assert_eq!(t7[0][3], "waarschuwing");
    assert!(
        t7[0][4].contains("‘Vacatiegelden bewonersadviesgroep; catering’"),
        "{:?}",
        t7[0]
    );
    assert_eq!(t7[0][5], "correctie: stond in hoofdstuk 5 (A. Bakker)");
    // Disciplines: five now, so no DISCIPLINES_GROEI_ONVERMELD for Duinoord.
    let duinoord = row(&out, "Duinoord en Vogelwijk");
    assert_eq!(duinoord["kerndisciplines_aantal"], "5");
    assert!(findings(&out, "Duinoord en Vogelwijk", "DISCIPLINES_GROEI_ONVERMELD").is_empty());
    // An unknown WSV: reported, regionally, naming the line of the file.
    let regio = findings(&out, "", "CORRECTIE_VERVALLEN");
    assert_eq!(regio.len(), 1, "{regio:?}");
    assert!(
        regio[0][4].contains("geen WSV ‘Onbekend’"),
        "{:?}",
        regio[0]
    );
    assert_eq!(regio[0][5], "correcties.csv regel 5");
    // JSON carries the corrected values and their bron.
    let js: Value = serde_json::from_str(&read(&out.join("register.json"))).unwrap();
    let laak_js = js["wsvs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["wsv"] == "Laak")
        .unwrap();
    assert_eq!(laak_js["inwoners"], 47000);
    let t7 = laak_js["themas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["nummer"] == 7)
        .unwrap();
    assert_eq!(
        t7["middelen"],
        "Vacatiegelden bewonersadviesgroep; catering"
    );
    // The register keeps both values, who, why and when, and the document's sha256.
    let conn = rusqlite::Connection::open(out.join("register.sqlite")).unwrap();
    let (oud, nieuw, door, sha, op): (String, String, String, String, String) = conn
        .query_row(
            "SELECT oorspronkelijk, waarde, door, sha256, ingevoerd_op FROM correcties WHERE veld = 'inwoners' AND wsv = 'Laak'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        (oud.as_str(), nieuw.as_str(), door.as_str()),
        ("48255", "47000", "J. de Vries")
    );
    assert_eq!(sha.len(), 64);
    assert!(op.ends_with('Z'));
    let middelen: String = conn
        .query_row(
            "SELECT oorspronkelijk FROM correcties WHERE veld LIKE 'thema 7%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        middelen,
        "Vrijwilligersvergoeding en catering (eigen middelen Xtra Welzijn)"
    );
    drop(conn);

    // A rerun, and a rerun without the file: the register keeps the corrections in force.
    let first = read(&out.join("overzicht.csv"));
    run(&input, &out);
    assert_eq!(read(&out.join("overzicht.csv")), first);
    std::fs::remove_file(input.join("correcties.csv")).unwrap();
    run(&input, &out);
    assert_eq!(row(&out, "Laak")["inwoners"], "47000");
    assert_eq!(
        row(&out, "Duinoord en Vogelwijk")["kerndisciplines_aantal"],
        "5"
    );

    // The plan of Laak changes: its corrections no longer apply and say so; Duinoord's stays.
    change_docx(
        &input.join("Laak/Wijkplan WSV Laak.docx"),
        "eigen middelen Xtra Welzijn",
        "eigen middelen van Xtra Welzijn",
    );
    run(&input, &out);
    let laak = row(&out, "Laak");
    assert_eq!(laak["inwoners"], "48255");
    let stale = findings(&out, "Laak", "CORRECTIE_VERVALLEN");
    assert_eq!(stale.len(), 2, "{stale:?}");
    assert!(
        stale
            .iter()
            .all(|f| f[4].contains("het document is gewijzigd")),
        "{stale:?}"
    );
    let t7 = findings(&out, "Laak", "THEMA_ZONDER_BEGROTING");
    assert_eq!(t7[0][3], "info", "de nieuwe tekst zegt weer eigen middelen");
    assert_eq!(
        row(&out, "Duinoord en Vogelwijk")["kerndisciplines_aantal"],
        "5"
    );

    // `audit` lists the corrections in force.
    let o = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
        .args(["audit", "--db"])
        .arg(out.join("register.sqlite"))
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("\nCorrecties\n"), "{text}");
    assert!(
        text.contains("Duinoord en Vogelwijk · kerndisciplines: ‘huisarts | welzijn | wijkverpleging | paramedici’ → ‘huisarts | welzijn | wijkverpleging | apotheker | paramedici’ (apotheek ontbrak in de tabel, A. Bakker"),
        "{text}"
    );
    assert!(
        text.contains("niet toegepast: het document is gewijzigd"),
        "{text}"
    );
}
