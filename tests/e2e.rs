//! End-to-end: run the binary on the sample batch and check the outputs against values written
//! down by hand (tests/expected/sample-batch.json, from the fixture documents; see its
//! `_conventies` block for the text conventions), plus the hand-computed audit figures below.
//!
//! Checked by hand against the fixture documents themselves (opened and read, not via this code):
//! every value of the overzicht rows of Laak, Rijswijk and Escamp Zuid in
//! `overzicht_rows_checked_by_hand`, and all register.json values of those three WSVs (fields,
//! section texts, every section-4 cell, checklist, begroting totals) through sample-batch.json.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wijkregister"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `wijkregister run` on `inputs` into a fresh temp dir; returns the dir.
fn run(inputs: &[&Path], extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut cmd = bin();
    cmd.current_dir(root())
        .arg("run")
        .args(inputs)
        .arg("--out")
        .arg(out.path())
        .args(extra)
        .arg("-q");
    let st = cmd.status().unwrap();
    assert!(st.success(), "run failed: {st}");
    out
}

fn sample() -> PathBuf {
    root().join("fixtures/submissions")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn json(p: &Path) -> Value {
    serde_json::from_str(&read(p)).unwrap()
}

fn expected() -> Value {
    json(&root().join("tests/expected/sample-batch.json"))
}

/// Find our WSV record that holds one of the expected WSV's files.
fn record_for<'a>(got: &'a Value, exp: &Value, wsv: &str) -> &'a Value {
    let files: BTreeSet<&str> = exp["bestanden"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["wsv"] == wsv)
        .map(|b| b["bestand"].as_str().unwrap())
        .collect();
    got["wsvs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| {
            w["bestanden"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| files.contains(b.as_str().unwrap()))
        })
        .unwrap_or_else(|| panic!("geen WSV gevonden voor {wsv}"))
}

fn has_content(t: &Value) -> bool {
    [
        "doelen",
        "activiteiten",
        "resultaten",
        "middelen",
        "partijen",
    ]
    .iter()
    .any(|c| !t[c].as_str().unwrap().trim().is_empty())
}

#[test]
fn sample_batch_matches_the_hand_written_expectations() {
    let out = run(&[&sample()], &[]);
    let got = json(&out.path().join("register.json"));
    let exp = expected();
    let problems: std::cell::RefCell<Vec<String>> = Default::default();
    let check = |what: String, e: &Value, g: &Value| {
        if e != g {
            problems
                .borrow_mut()
                .push(format!("{what}: verwacht {e}, gekregen {g}"));
        }
    };
    for e in exp["wsvs"].as_array().unwrap() {
        let name = e["wsv"].as_str().unwrap();
        let w = record_for(&got, &exp, name);
        for k in [
            "sjabloon",
            "gemeente",
            "stadsdeel",
            "inwoners",
            "aandeel_uitvoeringsbudget",
            "stadsdeel_budget",
            "voorbereidingsbudget",
            "kerndisciplines",
        ] {
            check(format!("{name} {k}"), &e[k], &w[k]);
        }
        let sorted = |v: &Value| {
            let mut x: Vec<String> = v
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.to_string())
                .collect();
            x.sort();
            x
        };
        if sorted(&e["wijken"]) != sorted(&w["wijken"]) {
            problems
                .borrow_mut()
                .push(format!("{name} wijken: {} ≠ {}", e["wijken"], w["wijken"]));
        }
        if let Some(velden) = e["velden"].as_object() {
            for (k, v) in velden {
                check(format!("{name} veld {k}"), v, &w["velden"][k]);
            }
        }
        let themas: Vec<Value> = w["themas"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| has_content(t))
            .map(|t| t["nummer"].clone())
            .collect();
        check(
            format!("{name} themas met inhoud"),
            &e["themas_met_inhoud"],
            &Value::Array(themas),
        );
        if let Some(secties) = e["secties"].as_object() {
            for (n, tekst) in secties {
                let g = w["secties"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|s| {
                        s["nummer"].as_u64().map(|x| x.to_string()).as_deref() == Some(n.as_str())
                    })
                    .map(|s| s["tekst"].clone())
                    .unwrap_or(Value::Null);
                check(format!("{name} §{n}"), tekst, &g);
            }
        }
        if let Some(themas) = e["themas"].as_array() {
            for et in themas {
                let g = w["themas"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|t| t["nummer"] == et["nummer"])
                    .unwrap();
                for c in [
                    "naam",
                    "doelen",
                    "activiteiten",
                    "resultaten",
                    "middelen",
                    "partijen",
                ] {
                    check(format!("{name} thema {} {c}", et["nummer"]), &et[c], &g[c]);
                }
            }
        }
        if e["checklist"].is_array() {
            let g: Vec<Value> = w["checklist"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["aangevinkt"].clone())
                .collect();
            check(
                format!("{name} checklist"),
                &e["checklist"],
                &Value::Array(g),
            );
        }
        if e["begroting"].is_object() {
            let (eb, gb) = (&e["begroting"], &w["begroting"]);
            for k in ["bestand", "totaal_opgegeven", "som_regels"] {
                check(format!("{name} begroting {k}"), &eb[k], &gb[k]);
            }
            assert_eq!(
                eb["vacatie_uren"].as_f64(),
                gb["vacatie_uren"].as_f64(),
                "{name} vacatie_uren"
            );
            check(
                format!("{name} begrotingsregels"),
                &eb["aantal_regels"],
                &Value::from(gb["regels"].as_array().unwrap().len()),
            );
        } else {
            check(format!("{name} begroting"), &Value::Null, &w["begroting"]);
        }
        let mut codes: Vec<String> = e["bevindingen"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        codes.sort();
        let mut got_codes: Vec<String> = w["bevindingen"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["code"].as_str().unwrap().to_string())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        got_codes.sort();
        if codes != got_codes {
            problems.borrow_mut().push(format!(
                "{name} bevindingen: verwacht {codes:?}, gekregen {got_codes:?}"
            ));
        }
    }
    // Every file accounted for, with the expected status, grouped with the expected WSV.
    let files = got["bestanden"].as_array().unwrap();
    assert_eq!(
        files.len(),
        exp["bestanden"].as_array().unwrap().len(),
        "aantal bestanden"
    );
    for eb in exp["bestanden"].as_array().unwrap() {
        let g = files
            .iter()
            .find(|b| b["bestand"] == eb["bestand"])
            .unwrap();
        check(
            format!("{} status", eb["bestand"]),
            &eb["status"],
            &g["status"],
        );
        if let Some(wsv) = eb["wsv"].as_str() {
            let rec = record_for(&got, &exp, wsv);
            check(format!("{} wsv", eb["bestand"]), &rec["wsv"], &g["wsv"]);
        } else {
            check(format!("{} wsv", eb["bestand"]), &Value::Null, &g["wsv"]);
        }
    }
    let problems = problems.into_inner();
    assert!(
        problems.is_empty(),
        "{} verschillen:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn overzicht_rows_checked_by_hand() {
    // Escamp Zuid: 65.449 inwoners (Moerwijk 21.726 + Zuiderpark 121 + Rustenburg-Oostbroek 19.187
    // + Wateringse Veld 24.415); aandeel 123.894 × 65.449 / 132.809 = 61.055,64 → € 61.056;
    // ruimte 61.056 − 61.500 = −444. Laak: whole stadsdeel, ruimte 45.015 − 41.250 = 3.765.
    // Added columns (issue 13): cofinanciering from the row below the total (Laak F20 3.600,
    // Rijswijk F20 4.800), no samenwerkingsovereenkomst in the batch, Escamp Zuid's §6 asks
    // € 15.000 ("We vragen € 15.000 aan regionaal budget").
    let out = run(&[&sample()], &[]);
    let text = read(&out.path().join("overzicht.csv"));
    assert!(text.starts_with('\u{feff}'), "excel-nl begint met een BOM");
    let row = |wsv: &str| -> String {
        text.lines()
            .find(|l| l.starts_with(&format!("{wsv};")))
            .unwrap_or_else(|| panic!("geen rij {wsv}"))
            .into()
    };
    assert_eq!(
        row("Laak"),
        "Laak;Den Haag;Laak;;48255;versie 1.2 – 14 mei 2025;haaglanden-2025;\
         Kopie van Begroting WSV Laak.xlsx | Laak/Begroting WSV Laak.xlsx | Laak/Wijkplan WSV Laak.docx;\
         Fatima el Amrani (Huisartsenpraktijk De Vaart) en Joost van Dijk (Xtra Welzijn);\
         Joost van Dijk (Xtra Welzijn);Stichting Gezondheidscentrum Laakkwartier, t.a.v. Marieke Verbeek;\
         5;huisarts | welzijn | wijkverpleging | apotheker | paramedici;1 | 2 | 5 | 7;41250,00;41250,00;270;\
         45015,00;45015,00;3765,00;5000,00;aandacht;\
         SAMENWERKINGSOVEREENKOMST_ONTBREEKT | THEMA_ZONDER_BEGROTING | ZORG_IN_BEGROTING;\
         ;3600,00;nee;"
    );
    assert_eq!(
        row("Rijswijk"),
        "Rijswijk;Rijswijk;Rijswijk;;60717;versie 1.0 – 2 juni 2025;haaglanden-2025;\
         Rijswijk/Begroting Rijswijk.ods | Rijswijk/Wijkplan WSV Rijswijk definitief.docx | Rijswijk/Wijkplan WSV Rijswijk v1.docx;\
         Esther Jansen (Huisartsen Rijswijk Oost) en Mark Visser (Welzijn Rijswijk);Mark Visser (Welzijn Rijswijk);\
         Welzijn Rijswijk;5;huisarts | welzijn | wijkverpleging | apotheker | paramedici;1 | 2 | 3 | 5;\
         61200,00;61200,00;240;56641,00;56641,00;-4559,00;5000,00;afgekeurd;STADSDEEL_OVER_BUDGET | BUDGET_OVER_SHARE | \
         SAMENWERKINGSOVEREENKOMST_ONTBREEKT | ZORG_IN_BEGROTING;;4800,00;nee;"
    );
    assert_eq!(
        row("Escamp Zuid"),
        "Escamp Zuid;Den Haag;Escamp;Moerwijk | Rustenburg-Oostbroek | Wateringse Veld | Zuiderpark;65449;\
         versie 2 – 28 mei 2025;haaglanden-2025;WSV Escamp Zuid - wijkplan.docx | begroting_escamp_zuid_v3.xlsx;\
         Karin Smit (Gezondheidscentrum Moerwijk), Youssef Amrani (Xtra Welzijn);Karin Smit;\
         Stichting Gezondheidscentra Escamp;5;huisarts | welzijn | wijkverpleging | apotheker | paramedici;\
         1 | 2 | 3 | 5 | 8;61500,00;61500,00;240;61056,00;123894,00;-444,00;5000,00;afgekeurd;\
         STADSDEEL_OVER_BUDGET | BUDGET_OVER_SHARE | SAMENWERKINGSOVEREENKOMST_ONTBREEKT | \
         REGIONALE_AANVRAAG_IN_BEGROTING | CHECKLIST_ONVOLLEDIG | ZORG_IN_BEGROTING;;;nee;15000,00"
    );
}

#[test]
fn every_finding_code_is_exercised_with_its_amounts() {
    let out = run(&[&sample()], &[]);
    let text = read(&out.path().join("bevindingen.csv"));
    let has = |code: &str, needles: &[&str]| {
        let line = text
            .lines()
            .find(|l| l.split(';').nth(2) == Some(code) && needles.iter().all(|n| l.contains(n)))
            .unwrap_or_else(|| panic!("geen {code} met {needles:?} in:\n{text}"));
        assert!(
            !line.split(';').nth(5).unwrap_or("").is_empty(),
            "{code} zonder bron"
        );
    };
    has(
        "BUDGET_OVER_SHARE",
        &[
            "Rijswijk",
            "€ 61.200,00 ligt € 4.559,00 boven het aandeel van € 56.641,00",
        ],
    );
    has(
        "BUDGET_OVER_SHARE",
        &["Escamp Zuid", "€ 61.500,00", "€ 444,00", "€ 61.056,00"],
    );
    has(
        "STADSDEEL_OVER_BUDGET",
        &["Escamp Noord", "€ 125.500,00", "€ 1.606,00", "€ 123.894,00"],
    );
    has(
        "STADSDEEL_OVER_BUDGET",
        &["Escamp Zuid", "€ 125.500,00", "€ 1.606,00"],
    );
    has("INWONERS_ONDER_MINIMUM", &["21.461", "€ 4.292,20"]);
    has(
        "BUITEN_STADSDEEL",
        &["Duinoord (Scheveningen)", "Vogelwijk (Segbroek)"],
    );
    has("STADSDEEL_ONBEKEND", &["Vlietzone"]);
    has(
        "DISCIPLINES_ONDER_MINIMUM",
        &["2 van de 5", "huisarts en welzijn"],
    );
    has("BEGROTING_ONTBREEKT", &["wijkplan schilderswijk.docx"]);
    has("WIJKPLAN_ONTBREEKT", &["Begroting WSV Haagse Hout.xlsx"]);
    has(
        "BEGROTING_SOM_AFWIJKING",
        &["€ 30.000,00", "€ 500,00", "€ 29.500,00", "Begroting!F14"],
    );
    has("VACATIE_TARIEF_AFWIJKEND", &["€ 75,00", "€ 80,00"]);
    has(
        "THEMA_ZONDER_BEGROTING",
        &["Thema 7", "Inwonersparticipatie", "§4 rij 7"],
    );
    has("FORMULE_ZONDER_WAARDE", &["9 formules", "zelf uitgerekend"]);
    has("VELD_NIET_INGEVULD", &["Aanspreekpunt RESV"]);
    has("VELD_NIET_INGEVULD", &["Budgethouder"]);
    has("VOORBEELDTEKST_AANWEZIG", &["Sectie 2"]);
    has("VOORBEELDTEKST_AANWEZIG", &["Sectie 5"]);
    has("CHECKLIST_ONVOLLEDIG", &["2 van de 6"]);
    has("HAAGLANDEN_GEZONDER_ONTBREEKT", &["Schildersbuurt"]);
    has(
        "REFERENTIE_AFWIJKING",
        &[
            "Wassenaar",
            "€ 25.667,00",
            "€ 10,00",
            "27.525 inwoners × € 56.912,00 / 61.008 inwoners",
            "= € 25.677,01, afgerond € 25.677,00",
        ],
    );
    // Issue 13's checks, each with the cell and the words or amounts it rests on.
    has(
        "ZORG_IN_BEGROTING",
        &[
            "Laak",
            "Beweegspreekuur Laakkwartier",
            "‘fysiotherapeut’",
            "Begroting!F15",
        ],
    );
    has(
        "REGIONALE_AANVRAAG_IN_BEGROTING",
        &[
            "Escamp Zuid",
            "€ 15.000,00",
            "Training en taalcafé",
            "€ 9.800,00",
            "!G12",
        ],
    );
    has(
        "DISCIPLINES_GROEI_ONVERMELD",
        &["Duinoord", "4 van de 5", "apotheker"],
    );
    has(
        "THEMA_ZONDER_BEGROTING",
        &[
            "Laak",
            "info",
            "eigen middelen Xtra Welzijn",
            "anders betaald",
        ],
    );
    has(
        "VACATIE_TARIEF_AFWIJKEND",
        &["Wassenaar", "€ 75,00", "Blad1!E6"],
    );
}

/// `begrotingsregels.csv` against the spreadsheets themselves (read with python3 zipfile from the
/// xlsx, and the .ods/.xls converted with LibreOffice): the sum per WSV and year, and the
/// cofinanciering rows below each total.
#[test]
fn begrotingsregels_per_year_and_cofinanciering() {
    use std::collections::BTreeMap;
    let out = run(&[&sample()], &[]);
    let text = read(&out.path().join("begrotingsregels.csv"));
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next(),
        Some("wsv;bestand;post;thema;omschrijving;uren;tarief;jaar;bedrag;cofinanciering_uren;cofinanciering_bedrag;bron")
    );
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(';').map(str::to_string).collect())
        .collect();
    let cents = |s: &str| -> i64 {
        if s.is_empty() {
            0
        } else {
            (s.replace(',', ".").parse::<f64>().unwrap() * 100.0).round() as i64
        }
    };
    let mut per_year: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut cofin: BTreeMap<String, i64> = BTreeMap::new();
    for r in &rows {
        *per_year.entry((r[0].clone(), r[7].clone())).or_default() += cents(&r[8]);
        *cofin.entry(r[0].clone()).or_default() += cents(&r[10]);
    }
    let e = |w: &str, j: &str, euros: i64| ((w.to_string(), j.to_string()), euros * 100);
    let expected: BTreeMap<(String, String), i64> = [
        // begroting_escamp_zuid_v3.xlsx: E14 = SUM(E6:E12) 30.800, F14 = SUM(F6:F12) 30.700.
        e("Escamp Zuid", "2025", 30_800),
        e("Escamp Zuid", "2026", 30_700),
        // One amount column: F/B/E cells of the lines (Duinoord's stated 30.000 is not their sum).
        e("Laak", "", 41_250),
        e("Escamp Noord", "", 64_000),
        e("Rijswijk", "", 61_200),
        e("De Vliet", "", 35_000),
        e("Duinoord en Vogelwijk", "", 29_500),
        e("Haagse Hout", "", 38_450),
        // Leidschenveen's F5:F12 are formulas without stored values: D × E per row
        // (100×80 + 30×80 + 4×250 + 4×100 + 6×300 + 1×800 + 16×125 + 2×1000).
        e("Leidschenveen, Hoorndijk en Forepark", "", 18_400),
        e("Wassenaar", "", 24_000),
    ]
    .into_iter()
    .collect();
    assert_eq!(per_year, expected);
    // "Cofinanciering partners (niet in totaal)": Laak F20, Escamp Noord F20, Rijswijk F20.
    let with_cofin: Vec<(&str, i64)> = cofin
        .iter()
        .filter(|(_, c)| **c != 0)
        .map(|(w, c)| (w.as_str(), *c))
        .collect();
    assert_eq!(
        with_cofin,
        [
            ("Escamp Noord", 320_000),
            ("Laak", 360_000),
            ("Rijswijk", 480_000)
        ]
    );
    // A line split over two years keeps both cells as its bron.
    let taal: Vec<String> = rows
        .iter()
        .filter(|r| r[2] == "Training en taalcafé")
        .map(|r| format!("{} {} {}", r[7], r[8], r[11]))
        .collect();
    assert_eq!(
        taal,
        [
            "2025 5000,00 begroting_escamp_zuid_v3.xlsx Begroting 2025-2026!E12",
            "2026 4800,00 begroting_escamp_zuid_v3.xlsx Begroting 2025-2026!F12"
        ]
    );
    let laak_cofin = rows
        .iter()
        .find(|r| r[0] == "Laak" && r[2].starts_with("Cofinanciering"))
        .expect("Laak cofinanciering row");
    assert_eq!(laak_cofin[8], "", "buiten het totaal: geen bedrag");
    assert_eq!(laak_cofin[11], "Begroting WSV Laak.xlsx Begroting!F20");
}

#[test]
fn stadsdelen_csv_has_the_budget_audit() {
    let out = run(&[&sample()], &[]);
    let text = read(&out.path().join("stadsdelen.csv"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0].trim_start_matches('\u{feff}'),
        "gemeente;stadsdeel;inwoners;uitvoeringsbudget;wsvs;inwoners_gedekt;aangevraagd;ruimte;status"
    );
    assert_eq!(lines.len(), 13, "kop + 11 eenheden + niet geplaatst");
    assert!(lines.contains(
        &"Den Haag;Escamp;132809;123894,00;Escamp Noord | Escamp Zuid;132809;125500,00;-1606,00;over budget"
    ));
    assert!(
        lines.contains(&"Den Haag;Laak;48255;45015,00;Laak;48255;41250,00;3765,00;binnen budget")
    );
    assert!(lines.contains(
        &"Wassenaar;Wassenaar;27525;25667,00;Wassenaar;27525;24000,00;1667,00;binnen budget"
    ));
    assert!(lines.contains(&"Den Haag;Loosduinen;54674;51003,00;;0;0,00;51003,00;geen aanvragen"));
    // The WSV names are pairing's (the plan's Wijk/WSV field or the folder); the budget columns
    // are checked here.
    let row = |prefix: &str| -> Vec<String> {
        let line = lines
            .iter()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no row {prefix}: {text}"));
        let cells: Vec<String> = line.split(';').map(str::to_string).collect();
        assert_eq!(cells.len(), 9, "{line}");
        cells
    };
    // Schilderswijk (Schildersbuurt, 30.368 inwoners) sent no begroting.
    let centrum = row("Den Haag;Centrum;");
    assert_eq!(
        [&centrum[..4], &centrum[5..]].concat(),
        [
            "Den Haag",
            "Centrum",
            "110510",
            "103091,00",
            "30368",
            "0,00",
            "103091,00",
            "geen begroting"
        ]
    );
    assert!(centrum[4].contains("Schilder"), "{centrum:?}");
    // De Vliet (Vlietzone: unknown; Totaal B11 € 35.000) and Duinoord-Vogelwijk (two stadsdelen;
    // Totaal F14 € 30.000) could not be placed: their € 65.000 is in the last row, of its own.
    assert!(
        lines
            .last()
            .is_some_and(|l| l.starts_with(";niet geplaatst;")),
        "{text}"
    );
    let niet = row(";niet geplaatst;");
    assert_eq!(
        [&niet[..4], &niet[5..]].concat(),
        [
            "",
            "niet geplaatst",
            "0",
            "0,00",
            "0",
            "65000,00",
            "-65000,00",
            "niet geplaatst"
        ]
    );
    let wsvs: Vec<&str> = niet[4].split(" | ").collect();
    assert_eq!(wsvs.len(), 2, "{wsvs:?}");
    assert!(
        wsvs[0].contains("Vliet") && wsvs[1].contains("Duinoord"),
        "{wsvs:?}"
    );
}

#[test]
fn rfc4180_dialect_uses_commas_points_and_no_bom() {
    let out = run(&[&sample()], &["--csv-dialect", "rfc4180"]);
    let text = read(&out.path().join("overzicht.csv"));
    assert!(text.starts_with("wsv,gemeente,stadsdeel,"));
    let laak = text.lines().find(|l| l.starts_with("Laak,")).unwrap();
    assert!(
        laak.contains(",41250.00,41250.00,270,45015.00,45015.00,3765.00,5000.00,aandacht,"),
        "{laak}"
    );
}

#[test]
fn running_twice_gives_identical_outputs_and_adds_nothing() {
    let out = run(&[&sample()], &[]);
    let first: Vec<(String, Vec<u8>)> = [
        "overzicht.csv",
        "bevindingen.csv",
        "bestanden.csv",
        "stadsdelen.csv",
        "register.json",
    ]
    .iter()
    .map(|f| (f.to_string(), std::fs::read(out.path().join(f)).unwrap()))
    .collect();
    let st = bin()
        .current_dir(root())
        .args(["run", "fixtures/submissions", "-q", "--out"])
        .arg(out.path())
        .status()
        .unwrap();
    assert!(st.success());
    for (f, bytes) in first {
        assert_eq!(
            std::fs::read(out.path().join(&f)).unwrap(),
            bytes,
            "{f} veranderde bij de tweede run"
        );
    }
    let second = run(&[&sample()], &[]);
    assert_eq!(
        read(&out.path().join("register.json")),
        read(&second.path().join("register.json")),
        "een nieuw register geeft hetzelfde"
    );
}

#[test]
fn ingest_audit_export_work_on_a_register() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.sqlite");
    let st = bin()
        .current_dir(root())
        .args(["ingest", "fixtures/submissions", "-q", "--db"])
        .arg(&db)
        .status()
        .unwrap();
    assert!(st.success());
    let audit = bin()
        .current_dir(root())
        .args(["audit", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(audit.status.success());
    let text = String::from_utf8(audit.stdout).unwrap();
    assert!(text.contains("Escamp"), "{text}");
    assert!(text.contains("STADSDEEL_OVER_BUDGET"), "{text}");
    for (fmt, name) in [("csv", "o.csv"), ("json", "o.json"), ("xlsx", "o.xlsx")] {
        let st = bin()
            .args(["export", "--format", fmt, "-o"])
            .arg(dir.path().join(name))
            .arg("--db")
            .arg(&db)
            .status()
            .unwrap();
        assert!(st.success(), "export {fmt}");
    }
    let csv = read(&dir.path().join("o.csv"));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("Rijswijk;Rijswijk;Rijswijk;;60717;")),
        "{csv}"
    );
    let j = json(&dir.path().join("o.json"));
    assert_eq!(j["wsvs"].as_array().unwrap().len(), 10);
    assert!(std::fs::read(dir.path().join("o.xlsx"))
        .unwrap()
        .starts_with(b"PK"));
}

#[test]
fn exit_codes() {
    // Wrong usage.
    let st = bin().args(["run", "--no-such-option"]).status().unwrap();
    assert_eq!(st.code(), Some(2));
    // The run itself cannot complete: the output folder is a file.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bestand");
    std::fs::write(&file, b"x").unwrap();
    let o = bin()
        .current_dir(root())
        .args(["run", "fixtures/submissions", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("uitvoermap"));
    // A missing input.
    let st = bin()
        .args(["run", "bestaat/niet", "-q", "--out"])
        .arg(dir.path().join("o"))
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(1));
    // --strict with fout findings.
    let st = bin()
        .current_dir(root())
        .args(["run", "fixtures/submissions", "-q", "--strict", "--out"])
        .arg(dir.path().join("s"))
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(3));
}

#[test]
fn a_malformed_wijkindeling_is_refused_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let wk = dir.path().join("wk.csv");
    std::fs::write(
        &wk,
        "gemeente;stadsdeel;wijk;inwoners;uitvoeringsbudget\nDen Haag;Laak;;veel;45015\n",
    )
    .unwrap();
    let o = bin()
        .current_dir(root())
        .args(["run", "fixtures/submissions", "-q", "--wijkindeling"])
        .arg(&wk)
        .arg("--out")
        .arg(dir.path().join("o"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("regel 2"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
