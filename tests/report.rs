//! The learning-cycle report end to end: `run` writes `lerende-cyclus.html` with the WSVs and the
//! theme counts of the sample batch (counted by hand from tests/expected/sample-batch.json),
//! `report --db` writes the same bytes from the register, and hostile document values come out
//! escaped.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wijkregister"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(input: &str, out: &Path) {
    let st = bin()
        .current_dir(root())
        .args(["run", input, "-q", "--out"])
        .arg(out)
        .status()
        .unwrap();
    assert!(st.success(), "run failed: {st}");
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The totals row of a matrix table.
fn tfoot(counts: &[usize], trailing_cell: bool) -> String {
    let cells: String = counts
        .iter()
        .map(|c| format!("<td class=\"c\">{c}</td>"))
        .collect();
    let end = if trailing_cell { "<td></td>" } else { "" };
    format!("<tfoot><tr><th>aantal WSV’s</th>{cells}{end}</tr></tfoot>")
}

#[test]
fn sample_batch_report_shows_every_wsv_and_the_theme_counts() {
    let out = tempfile::tempdir().unwrap();
    run("fixtures/submissions", out.path());
    let html = read(&out.path().join("lerende-cyclus.html"));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("src="));

    let exp: Value =
        serde_json::from_str(&read(&root().join("tests/expected/sample-batch.json"))).unwrap();
    let exp_wsvs = exp["wsvs"].as_array().unwrap();
    // Every WSV of the register by the name the register gives it (pairing names them from the
    // plan, e.g. "Duinoord en Vogelwijk"), as many as sample-batch.json expects.
    let reg: Value = serde_json::from_str(&read(&out.path().join("register.json"))).unwrap();
    let names: Vec<&str> = reg["wsvs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["wsv"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), exp_wsvs.len());
    for name in &names {
        assert!(
            html.contains(&format!("<tr><th>{}</th>", escape(name))),
            "{name} missing"
        );
    }
    assert!(html.contains("Gebaseerd op 9 wijkplannen van 9 WSV’s (plus 1 eerdere versie) en 9 begrotingen. Van 1 WSV is (nog) geen wijkplan ontvangen: Haagse Hout."));

    // themas_met_inhoud in sample-batch.json, per theme: 1 in all nine plans; 2 in all but
    // Schilderswijk; 3 Escamp-Noord, Escamp-Zuid, Rijswijk, Wassenaar, Duinoord-Vogelwijk;
    // 4 Escamp-Noord; 5 Laak, Escamp-Zuid, Rijswijk, Leidschenveen, De Vliet, Schilderswijk;
    // 6 none; 7 Laak, Schilderswijk; 8 Escamp-Zuid; 9 none.
    let by_hand = [9, 8, 5, 1, 6, 0, 2, 1, 0];
    let from_json: Vec<usize> = (1..=9u64)
        .map(|n| {
            exp_wsvs
                .iter()
                .filter(|w| {
                    w["themas_met_inhoud"]
                        .as_array()
                        .is_some_and(|t| t.iter().any(|x| x.as_u64() == Some(n)))
                })
                .count()
        })
        .collect();
    assert_eq!(from_json, by_hand);
    assert!(html.contains(&tfoot(&by_hand, true)), "theme totals");
    assert!(html.contains("<td class=\"ja\">✓ <span class=\"naam\">Laaggeletterdheid</span></td>"));

    // Haaglanden Gezonder per project, from the expected haaglanden_gezonder lists: Kansrijke
    // start (Escamp-Noord, Escamp-Zuid, Leidschenveen), GLI (Escamp-Zuid, Wassenaar, De Vliet),
    // Valpreventie (Escamp-Noord, Escamp-Zuid, Rijswijk, Wassenaar, Duinoord-Vogelwijk),
    // Welzijn op Recept (Laak, Escamp-Zuid, Rijswijk, Leidschenveen, De Vliet), Kind naar
    // gezonder gewicht (Rijswijk).
    assert!(html.contains(&tfoot(&[3, 3, 5, 5, 1], false)), "HG totals");

    // Kernteam totals from the expected kerndisciplines.
    assert!(
        html.contains(&tfoot(&[9, 9, 7, 7, 5], true)),
        "discipline totals"
    );

    // Rijswijk's two versions: definitief adds theme 5 and rewrites section 3.
    assert!(html.contains("<li>Thema’s erbij: 5. Mentale gezondheid/GGZ</li>"));
    assert!(html.contains(
        "<li>Hoofdstukken met gewijzigde tekst: §3 Gewenste situatie en ambitie 2025–2026</li>"
    ));
    // Quotes carry their provenance.
    assert!(html.contains("<span class=\"bron\">bron: Wijkplan WSV Laak.docx §5</span>"));

    // `report` on the same register writes the same bytes.
    let again = out.path().join("opnieuw.html");
    let st = bin()
        .arg("report")
        .arg("--db")
        .arg(out.path().join("register.sqlite"))
        .arg("-o")
        .arg(&again)
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(out.path().join("lerende-cyclus.html")).unwrap()
    );
}

#[test]
fn report_without_a_register_is_a_run_error() {
    let dir = tempfile::tempdir().unwrap();
    let st = bin()
        .arg("report")
        .arg("--db")
        .arg(dir.path().join("geen.sqlite"))
        .arg("-o")
        .arg(dir.path().join("x.html"))
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(1));
    assert!(!dir.path().join("x.html").exists());
}

#[test]
fn hostile_values_are_escaped_in_the_report() {
    let out = tempfile::tempdir().unwrap();
    run("fixtures/injection", out.path());
    let html = read(&out.path().join("lerende-cyclus.html"));
    assert!(!html.contains("<script"), "raw script tag in the report");
    // The aanjagers field of the injection plan.
    assert!(
        html.contains("@SUM(1+1) &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "{html}"
    );
}
