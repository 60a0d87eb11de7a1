//! The begroting inside the plan (issue 10 part 3): a plan in the RESV sjabloon with its budget
//! as a Word table in §7 and no spreadsheet counts that table as its begroting, with the same
//! audit; next to a spreadsheet, the spreadsheet counts and a different total is a
//! `BEGROTING_PLAN_AFWIJKING`. Fixtures: `fixtures/oude_sjablonen/make.py` (LibreOffice). The
//! expected lines, amounts and rows were read by hand from the table in the document.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/plan_begroting")
        .join(sub)
}

fn run(input: &Path, out: &Path) {
    let st = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
        .args(["run", "-q", "--out"])
        .arg(out)
        .arg(input)
        .status()
        .unwrap();
    assert!(st.success());
}

/// Rows of a `;`-separated output (header row first).
fn records(p: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(p).unwrap();
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// The rows of `file` as maps column → value.
fn rows(p: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut all = records(p).into_iter();
    let head = all.next().unwrap();
    all.map(|r| head.iter().cloned().zip(r).collect()).collect()
}

const PLAN: &str = "Wijkplan WSV Bezuidenhout.docx";

/// `v_overzicht` of the register `run` wrote: (wsv, begroting, begroting_totaal_euro) per row.
fn v_overzicht(out: &Path) -> Vec<(String, Option<String>, Option<f64>)> {
    let conn = rusqlite::Connection::open(out.join("register.sqlite")).unwrap();
    let mut stmt = conn
        .prepare("SELECT wsv, begroting, begroting_totaal_euro FROM v_overzicht ORDER BY wsv")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_budget_table_in_section_7_is_the_begroting_when_no_spreadsheet_came() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run(&fixture("alleen_plan"), &out);

    let overzicht = rows(&out.join("overzicht.csv"));
    assert_eq!(overzicht.len(), 1);
    let o = &overzicht[0];
    assert_eq!(o["wsv"], "Bezuidenhout");
    assert_eq!(o["stadsdeel"], "Haagse Hout");
    assert_eq!(o["wijken"], "Bezuidenhout");
    // Stated total € 7.590,00 = 3.840 + 750 + 2.400 + 600.
    assert_eq!(o["begroting_totaal"], "7590,00");
    assert_eq!(o["begroting_som_regels"], "7590,00");
    // Vacatiegeld: 48 + 10 hours.
    assert_eq!(o["vacatie_uren"], "58");
    assert!(
        !o["bevindingen"].contains("BEGROTING_ONTBREEKT"),
        "{}",
        o["bevindingen"]
    );
    assert!(!o["bevindingen"].contains("BEGROTING_SOM_AFWIJKING"));

    // Every line with its row of the table.
    let regels: Vec<(String, String, String, String, String, String)> =
        rows(&out.join("begrotingsregels.csv"))
            .into_iter()
            .map(|r| {
                let get = |k: &str| r.get(k).cloned().unwrap_or_default();
                (
                    get("post"),
                    get("thema"),
                    get("uren"),
                    get("tarief"),
                    get("bedrag"),
                    get("bron"),
                )
            })
            .collect();
    let rij = |n: u32| format!("{PLAN} §7 tabel 1 rij {n}");
    let s = |t: &str| t.to_string();
    assert_eq!(
        regels,
        vec![
            (
                s("Vacatiegeld kernteam"),
                s("1"),
                s("48"),
                s("80,00"),
                s("3840,00"),
                rij(2)
            ),
            (
                s("Vacatiegeld werkgroep wandelen"),
                s("2"),
                s("10"),
                s("75,00"),
                s("750,00"),
                rij(3)
            ),
            (
                s("Begeleiding wandelgroep"),
                s("2"),
                s(""),
                s(""),
                s("2400,00"),
                rij(4)
            ),
            (s("Communicatie"), s("1"), s(""), s(""), s("600,00"), rij(5)),
        ]
    );

    // The same audit as a spreadsheet begroting: the € 75 vacatiegeld rate, at its cell.
    let bevindingen = rows(&out.join("bevindingen.csv"));
    let tarief: Vec<_> = bevindingen
        .iter()
        .filter(|b| b["code"] == "VACATIE_TARIEF_AFWIJKEND")
        .collect();
    assert_eq!(tarief.len(), 1, "{bevindingen:?}");
    assert_eq!(
        tarief[0]["bron"],
        format!("{PLAN} §7 tabel 1 rij 3 kolom 5")
    );
    assert_eq!(tarief[0]["bestand"], PLAN);
    assert!(
        tarief[0]["bericht"].contains("€ 75,00"),
        "{}",
        tarief[0]["bericht"]
    );
    assert!(!bevindingen
        .iter()
        .any(|b| b["code"] == "BEGROTING_ONTBREEKT" || b["code"] == "BEGROTING_PLAN_AFWIJKING"));
    // The register's own view shows the plan as the begroting.
    assert_eq!(
        v_overzicht(&out),
        vec![(s("Bezuidenhout"), Some(s(PLAN)), Some(7590.0))]
    );
}

#[test]
fn next_to_a_spreadsheet_the_spreadsheet_counts_and_a_different_total_is_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run(&fixture("met_rekenblad"), &out);

    let overzicht = rows(&out.join("overzicht.csv"));
    assert_eq!(overzicht.len(), 1);
    // The spreadsheet says communicatie € 900: total € 7.890,00.
    assert_eq!(overzicht[0]["begroting_totaal"], "7890,00");
    let bevindingen = rows(&out.join("bevindingen.csv"));
    let verschil: Vec<_> = bevindingen
        .iter()
        .filter(|b| b["code"] == "BEGROTING_PLAN_AFWIJKING")
        .collect();
    assert_eq!(verschil.len(), 1, "{bevindingen:?}");
    assert_eq!(verschil[0]["ernst"], "waarschuwing");
    assert_eq!(verschil[0]["bron"], format!("{PLAN} §7 tabel 1 rij 6"));
    assert_eq!(
        verschil[0]["bericht"],
        format!(
            "De begroting Begroting WSV Bezuidenhout.xlsx komt op € 7.890,00, de begrotingstabel in het wijkplan ({PLAN} §7 tabel 1 rij 6) op € 7.590,00: € 300,00 verschil. Geteld wordt de begroting Begroting WSV Bezuidenhout.xlsx."
        )
    );
    // The lines are the spreadsheet's.
    let regels = rows(&out.join("begrotingsregels.csv"));
    assert_eq!(regels.len(), 4);
    assert!(regels
        .iter()
        .all(|r| r["bron"].starts_with("Begroting WSV Bezuidenhout.xlsx ")));
    // One row per WSV in `v_overzicht`, with the spreadsheet, though the plan's table is stored too.
    assert_eq!(
        v_overzicht(&out),
        vec![(
            "Bezuidenhout".to_string(),
            Some("Begroting WSV Bezuidenhout.xlsx".to_string()),
            Some(7890.0)
        )]
    );
}
