//! `wijkregister lees FILE [--json]` with the built binary, on fixtures whose content was read by
//! hand (the docx XML, the xlsx cells, the e-mail's MIME parts; see each test).

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn lees(path: &str, json: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wijkregister"));
    cmd.current_dir(root()).arg("lees").arg(root().join(path));
    if json {
        cmd.arg("--json");
    }
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn a_plan_shows_its_full_text_then_the_mapping_and_findings() {
    let o = lees("fixtures/submissions/Laak/Wijkplan WSV Laak.docx", false);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    // From word/document.xml: the §4 header row and theme 2's row, cells separated by a tab
    // (theme 2's "Betrokken partijen" cell is merged into theme 1's, so it is not repeated).
    assert!(lines.contains(
        &"Doelen (SMART)\tActiviteiten\tResultaten\tBenodigde middelen\tBetrokken partijen en trekker"
    ));
    assert!(lines.contains(
        &"2. Preventie\tIn 2026 hebben 60 inwoners met chronische klachten het beweegspreekuur bezocht.\tMaandelijks beweegspreekuur in Gezondheidscentrum Laakkwartier door fysiotherapeut en buurtsportcoach\t10 spreekuren per jaar; 60 deelnemers; doorverwijzing naar beweeggroepen\tUren fysiotherapeut en buurtsportcoach, folders"
    ));
    assert_eq!(
        out.matches("Xtra Welzijn (trekker), Huisartsenpraktijk De Vaart, Florence wijkverpleging")
            .count(),
        1
    );
    // The §1 field as typed, and the nested kernteam table's rows.
    assert!(lines.contains(&"Wijk/WSV\tWSV Laak"));
    assert!(lines.contains(&"Lotte de Graaf\tFysiotherapie Laakhaven\tparamedici (fysiotherapie)"));
    // Header (word/header1.xml), deleted text (w:delText " (sinds 2019)") and the table of
    // contents are left out.
    assert!(!out.contains("Wijkplan Laak – concept"));
    assert!(!out.contains("sinds 2019"));
    assert!(!out.contains("PAGEREF"));
    // The mapping part goes to stderr, so `lees plan > tekst.txt` keeps the document's text
    // alone: sjabloon and a §1 field, compactly, then the file's findings.
    assert!(
        !out.contains("--- wat wijkregister eruit haalde ---"),
        "{out}"
    );
    assert!(!out.contains("Sjabloon:"), "{out}");
    let err = stderr(&o);
    let mapping = err
        .split("--- wat wijkregister eruit haalde ---")
        .nth(1)
        .expect("mapping part");
    assert!(mapping.contains("Sjabloon: haaglanden-2025"));
    assert!(mapping.contains("Wijk/WSV: WSV Laak"));
    assert!(mapping.contains("Thema 7: "));
    // The sections' text is not printed a second time.
    assert_eq!(
        out.matches("Professionals weten binnen één werkdag")
            .count(),
        1
    );
    assert!(!err.contains("Professionals weten binnen één werkdag"));
}

#[test]
fn json_gives_every_block_with_its_bron() {
    let o = lees("fixtures/formats/aantekeningen.docx", true);
    assert!(o.status.success());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["bestand"], "aantekeningen.docx");
    assert_eq!(v["status"], "verwerkt");
    let blocks: Vec<(String, String, String)> = v["tekst"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["soort"].as_str().unwrap().to_string(),
                b["bron"].as_str().unwrap().to_string(),
                b["tekst"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // From aantekeningen.fodt (saved as docx by LibreOffice): heading, the paragraph with the
    // footnote and endnote markers, the commented paragraph, the text box, the paragraph that
    // anchors it; then the notes after the body, the comment last.
    let f = "aantekeningen.docx";
    let want = vec![
        (
            "kop",
            format!("{f} 'Wijkanalyse Moerwijk'"),
            "Wijkanalyse Moerwijk",
        ),
        (
            "alinea",
            format!("{f} 'Wijkanalyse Moerwijk' alinea 1"),
            "In Moerwijk wonen 18.432 mensen[1], van wie een kwart ouder dan 65 jaar[2].",
        ),
        (
            "alinea",
            format!("{f} 'Wijkanalyse Moerwijk' alinea 2"),
            "Eenzaamheid komt vaker voor dan gemiddeld in Den Haag.",
        ),
        (
            "alinea",
            format!("{f} 'Wijkanalyse Moerwijk' alinea 3"),
            "De kerngroep komt vier keer per jaar bijeen.",
        ),
        (
            "tekstvak",
            format!("{f} 'Wijkanalyse Moerwijk' alinea 4"),
            "Kernboodschap: samen tegen eenzaamheid.",
        ),
        (
            "voetnoot",
            format!("{f} voetnoot 1"),
            "Bron: CBS Kerncijfers wijken en buurten 2024.",
        ),
        (
            "eindnoot",
            format!("{f} eindnoot 2"),
            "Gezondheidsmonitor GGD Haaglanden.",
        ),
        (
            "opmerking",
            format!("{f} opmerking 1"),
            "Graag het aantal huishoudens toevoegen.",
        ),
    ];
    let want: Vec<(String, String, String)> = want
        .into_iter()
        .map(|(a, b, c)| (a.to_string(), b, c.to_string()))
        .collect();
    assert_eq!(blocks, want);
}

#[test]
fn a_begroting_shows_its_cells_row_by_row_and_its_lines() {
    let o = lees("fixtures/submissions/Laak/Begroting WSV Laak.xlsx", false);
    assert!(o.status.success());
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    // Cells A6:F6 and B19, F19 of sheet Begroting.
    assert!(lines.contains(
        &"1\tVacatiegelden kernteam\t6 overleggen per jaar, 5 disciplines, 2025-2026\t150\t80\t12000"
    ));
    assert!(lines.contains(&"Totaal\t41250"));
    // The mapping, on stderr: the stated total (F19) and a line's amount with its cell.
    let err = stderr(&o);
    assert!(err.contains("totaal opgegeven: € 41.250,00"), "{err}");
    assert!(err
        .lines()
        .any(|l| l == "€ 12.000,00\tBegroting WSV Laak.xlsx Begroting!F6"));
    assert!(!out.contains("totaal opgegeven"), "{out}");
    let v: Value = serde_json::from_str(&stdout(&lees(
        "fixtures/submissions/Laak/Begroting WSV Laak.xlsx",
        true,
    )))
    .unwrap();
    let f19 = v["tekst"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["bron"] == "Begroting WSV Laak.xlsx Begroting!F19")
        .unwrap();
    assert_eq!(f19["soort"], "cel");
    assert_eq!(f19["tekst"], "41250");
}

#[test]
fn an_email_lists_its_members_and_reads_each() {
    let o = lees(
        "fixtures/mail/inzendingen/Mail/RE_ Wijkplan en begroting WSV Laak.eml",
        false,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    // The member list (stderr, it is not a document's text): the MIME parts with a file name (read with Python's email package): a 66-byte PNG, the
    // plan (12,547 bytes) and the begroting (6,014 bytes).
    assert!(lines.contains(&"RE_ Wijkplan en begroting WSV Laak.eml (eml) bevat 3 bestanden:"));
    assert!(lines.contains(&"  logo-wsv.png\tonbekend\t66 bytes\tgenegeerd"));
    assert!(lines.contains(
        &"  Wijkplan WSV Laak – definitief.docx\tdocx\t12.547 bytes\tverwerkt als wijkplan"
    ));
    assert!(lines.contains(
        &"  Begroting WSV Laak één tabblad.xlsx\txlsx\t6.014 bytes\tverwerkt als begroting"
    ));
    // Each member is then shown as a file of its own, by its name inside the e-mail, its text
    // on stdout (the plan's §1 field as typed in its word/document.xml).
    assert!(out.contains(
        "=== RE_ Wijkplan en begroting WSV Laak.eml » Wijkplan WSV Laak – definitief.docx ==="
    ));
    assert!(out.lines().any(|l| l == "Wijk/WSV\tWSV Laak"), "{out}");
    assert!(!out.contains("bevat 3 bestanden"), "{out}");
    let v: Value = serde_json::from_str(&stdout(&lees(
        "fixtures/mail/inzendingen/Mail/RE_ Wijkplan en begroting WSV Laak.eml",
        true,
    )))
    .unwrap();
    assert_eq!(v["status"], "uitgepakt");
    assert_eq!(v["rol"], "container");
    assert_eq!(v["leden"].as_array().unwrap().len(), 3);
}

#[test]
fn an_unreadable_file_exits_non_zero_with_a_dutch_reason() {
    let o = lees("fixtures/bad/afgekapt.docx", false);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("afgekapt.docx is niet te lezen"), "{err}");
    let o = lees("fixtures/bestaat-niet.docx", false);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bestaat niet"));
}
