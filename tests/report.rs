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
    run_with(input, out, &[]);
}

fn run_with(input: &str, out: &Path, extra: &[&str]) {
    let st = bin()
        .current_dir(root())
        .args(["run", input, "-q", "--out"])
        .arg(out)
        .args(extra)
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
    // Escamp Zuid's free theme 8 (its row in §4 of the document): all five columns filled, its
    // own name and its SMART goal behind the click.
    assert!(html.contains("<td class=\"h5\"><details><summary>5/5</summary><dl><dt>Eigen thema</dt><dd>Laaggeletterdheid</dd><dt>Doelen (SMART)</dt><dd>Eind 2026 herkennen alle praktijkmedewerkers laaggeletterdheid en verwijzen zij naar Taal in de Buurt.</dd>"), "theme 8 cell");

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
    // The aanjagers field of the injection plan is no name, so the shared report does not show it
    // raw; the internal version does, escaped.
    let intern = tempfile::tempdir().unwrap();
    run_with("fixtures/injection", intern.path(), &["--namen"]);
    let html = read(&intern.path().join("lerende-cyclus.html"));
    assert!(
        !html.contains("<script"),
        "raw script tag in the internal report"
    );
    assert!(
        html.contains("@SUM(1+1) &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "{html}"
    );
}

/// The people section 1 of each fixture plan names (aanjagers, aanspreekpunt RESV, the person the
/// budgethouder is addressed to, kernteamleden), read by hand from the documents'
/// word/document.xml, per plan.
const NAMEN: [(&str, &[&str]); 10] = [
    (
        "De Vliet/Wijkplan WSV De Vliet.docx",
        &[
            "Monique Dijkstra",
            "Ruud Bos",
            "Fenna Kramer",
            "Omar Said",
            "Judith Smits",
        ],
    ),
    (
        "Duinoord-Vogelwijk/Wijkplan WSV Duinoord en Vogelwijk.docx",
        &[
            "Bas Willems",
            "Carla Meijer",
            "Noor Hendriks",
            "Pim Schouten",
        ],
    ),
    (
        "Escamp Noord/Wijkplan WSV Escamp Noord.docx",
        &["Peter de Wit", "Naima Chaouch", "Gerda Hoek", "Sander Lim"],
    ),
    (
        "Laak/Wijkplan WSV Laak.docx",
        &[
            "Fatima el Amrani",
            "Joost van Dijk",
            "Marieke Verbeek",
            "Sanne Koster",
            "Ahmed Bouzid",
            "Lotte de Graaf",
        ],
    ),
    (
        "Leidschenveen/Wijkplan WSV Leidschenveen.docx",
        &["Ingrid Brouwer", "Driss Ouali", "Saskia Groen"],
    ),
    (
        "Rijswijk/Wijkplan WSV Rijswijk definitief.docx",
        &[
            "Esther Jansen",
            "Mark Visser",
            "Annelies Bakker",
            "Rob Pronk",
            "Linda Mulder",
        ],
    ),
    (
        "Rijswijk/Wijkplan WSV Rijswijk v1.docx",
        &[
            "Esther Jansen",
            "Mark Visser",
            "Annelies Bakker",
            "Rob Pronk",
            "Linda Mulder",
        ],
    ),
    (
        "WSV Escamp Zuid - wijkplan.docx",
        &[
            "Karin Smit",
            "Youssef Amrani",
            "Ellen Boer",
            "Tom Hendriks",
            "Iris Vermeulen",
        ],
    ),
    (
        "Wassenaar/Wijkplan WSV Wassenaar.docx",
        &[
            "Hans Vos",
            "Marloes Verhoef",
            "Jeroen Dekker",
            "Astrid Kuiper",
        ],
    ),
    (
        "wijkplan schilderswijk.docx",
        &["Selin Yilmaz", "Mirjam Kok"],
    ),
];

#[test]
fn no_personal_name_by_default_and_all_with_namen() {
    let out = tempfile::tempdir().unwrap();
    run("fixtures/submissions", out.path());
    let html = read(&out.path().join("lerende-cyclus.html"));
    assert!(html.contains("Versie om te delen, zonder namen."));
    for (plan, namen) in NAMEN {
        assert!(
            root().join("fixtures/submissions").join(plan).is_file(),
            "{plan}"
        );
        for naam in namen.iter() {
            assert!(!html.contains(naam), "{naam} ({plan}) in the shared report");
        }
    }
    // Roles instead of names: Laak's aanjagers by discipline and organisation (§1 of its plan).
    assert!(html.contains("2: huisarts (Huisartsenpraktijk De Vaart); welzijn (Xtra Welzijn)"));

    // `run --namen` and `report --namen` give the internal version with every name.
    let intern = tempfile::tempdir().unwrap();
    run_with("fixtures/submissions", intern.path(), &["--namen"]);
    let html = read(&intern.path().join("lerende-cyclus.html"));
    assert!(html.contains("Interne versie met namen"));
    for (plan, namen) in NAMEN {
        for naam in namen.iter() {
            assert!(html.contains(naam), "{naam} ({plan}) missing with --namen");
        }
    }
    let again = out.path().join("intern.html");
    let st = bin()
        .arg("report")
        .arg("--db")
        .arg(out.path().join("register.sqlite"))
        .arg("-o")
        .arg(&again)
        .arg("--namen")
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(read(&again), html);
}

#[test]
fn names_and_contact_details_in_free_text_are_masked() {
    // fixtures/privacy/make.py: the Rijswijk plan with names, an e-mail address and phone
    // numbers written into §5, §8 and theme 2's partijen.
    let out = tempfile::tempdir().unwrap();
    run("fixtures/privacy", out.path());
    let html = read(&out.path().join("lerende-cyclus.html"));
    for s in [
        "Mark Visser",
        "Esther",
        "m.visser@welzijnrijswijk.nl",
        "070 - 336 12 34",
        "06-12345678",
    ] {
        assert!(!html.contains(s), "{s} in the shared report");
    }
    assert!(
        html.contains("Vragen aan [naam] via [e-mailadres] of [telefoonnummer]."),
        "§5"
    );
    assert!(
        html.contains("[naam] belt de praktijken na ([telefoonnummer])"),
        "§8"
    );
    assert!(
        html.contains("Welzijn Rijswijk, trekker [naam]"),
        "theme cell"
    );

    let intern = tempfile::tempdir().unwrap();
    run_with("fixtures/privacy", intern.path(), &["--namen"]);
    let html = read(&intern.path().join("lerende-cyclus.html"));
    assert!(html.contains("Vragen aan Mark Visser via [e-mailadres] of [telefoonnummer]."));
    assert!(!html.contains("m.visser@welzijnrijswijk.nl") && !html.contains("06-12345678"));
}

#[test]
fn period_charts_and_budgets_of_the_sample_batch() {
    let out = tempfile::tempdir().unwrap();
    run("fixtures/submissions", out.path());
    let html = read(&out.path().join("lerende-cyclus.html"));
    // Every plan's §3 is "Gewenste situatie en ambitie 2025–2026" (sjabloon Haaglanden 2025).
    assert!(html.contains("<title>Lerende cyclus WSV’s 2025–2026 – RESV Haaglanden</title>"));
    assert!(html.contains("<h1>Lerende cyclus 2025–2026: WSV’s naast elkaar</h1>"));
    let h2 = html.matches("<h2>").count();
    assert!(h2 >= 8);
    assert_eq!(
        html.matches(" <span class=\"periode\">2025–2026</span></h2>")
            .count(),
        h2,
        "every section heading carries the period"
    );

    // Centrum's only WSV (Schilderswijk) sent no begroting: said, never € 0,00.
    assert!(html.contains("<tr><td>Centrum (Den Haag)</td><td>Schildersbuurt</td><td class=\"n\">€ 103.091,00</td><td class=\"n leeg\">geen begroting</td>"), "Centrum row");
    assert!(
        !html.contains("€ 0,00"),
        "an amount of € 0,00 in the report"
    );

    // The budget chart: requested per stadsdeel is the sum of its begrotingen's Totaal cells
    // (Escamp Noord F19 € 64.000 + Escamp Zuid € 61.500; Laak F19 € 41.250; Haagse Hout E10
    // € 38.450; Rijswijk € 61.200; Wassenaar € 24.000; Leidschenveen's lines € 18.400); available
    // is the stadsdeel's uitvoeringsbudget in data/wijkindeling-2025-2026.csv.
    for (stadsdeel, beschikbaar, aangevraagd) in [
        ("Escamp", "€ 123.894,00", "€ 125.500,00"),
        ("Laak", "€ 45.015,00", "€ 41.250,00"),
        ("Haagse Hout", "€ 46.986,00", "€ 38.450,00"),
        ("Leidschenveen-Ypenburg", "€ 44.782,00", "€ 18.400,00"),
        ("Rijswijk", "€ 56.641,00", "€ 61.200,00"),
        ("Wassenaar", "€ 25.667,00", "€ 24.000,00"),
    ] {
        assert!(
            html.contains(&format!(
                "<title>{stadsdeel}: beschikbaar {beschikbaar}</title>"
            )),
            "{stadsdeel}"
        );
        assert!(
            html.contains(&format!(
                "<title>{stadsdeel}: aangevraagd {aangevraagd}</title>"
            )),
            "{stadsdeel}"
        );
    }
    assert!(html.contains("<title>Centrum: beschikbaar € 103.091,00</title>"));
    assert!(!html.contains("<title>Centrum: aangevraagd"));
    assert!(html.contains(">geen begroting</text>"));

    // Theme and kernteam charts: the counts by hand of the first test.
    let themas = [9, 8, 5, 1, 6, 0, 2, 1, 0];
    let namen = [
        "1. Wijkgerichte samenwerking",
        "2. Preventie",
        "3. (Kwetsbare) ouderen",
        "4. Chronische en acute zorg",
        "5. Mentale gezondheid/GGZ",
        "6. Gezonde arbeidsmarkt",
        "7. Inwonersparticipatie",
        "8. eigen thema",
        "9. eigen thema",
    ];
    let wsvs = |n: usize| {
        if n == 1 {
            "1 WSV".to_string()
        } else {
            format!("{n} WSV’s")
        }
    };
    for (naam, n) in namen.iter().zip(themas) {
        assert!(
            html.contains(&format!("<title>{naam}: {}</title>", wsvs(n))),
            "{naam}"
        );
    }
    for (d, n) in [
        "huisarts",
        "welzijn",
        "wijkverpleging",
        "apotheker",
        "paramedici",
    ]
    .iter()
    .zip([9, 9, 7, 7, 5])
    {
        assert!(
            html.contains(&format!("<title>{d}: {}</title>", wsvs(n))),
            "{d}"
        );
    }

    // Vacatie hours from the begrotingsregels: Laak D6+D7+D8 = 150 + 90 + 30 hours, F6+F7+F8 =
    // € 21.600; Escamp Noord D6+D7 = 200 + 100, € 24.000; Haagse Hout C4+C5 = 150 + 50, € 16.000.
    assert!(
        html.contains("<tr><th>Laak</th><td class=\"n\">270</td><td class=\"n\">€ 21.600,00</td>"),
        "Laak vacatie"
    );
    assert!(
        html.contains(
            "<tr><th>Escamp Noord</th><td class=\"n\">300</td><td class=\"n\">€ 24.000,00</td>"
        ),
        "Escamp Noord vacatie"
    );
    assert!(
        html.contains(
            "<tr><th>Haagse Hout</th><td class=\"n\">200</td><td class=\"n\">€ 16.000,00</td>"
        ),
        "Haagse Hout vacatie"
    );
    assert!(html.contains("<tr><th>Schildersbuurt</th><td class=\"n leeg\">geen begroting</td>"));
    // Reos's four lines are sections with their question.
    for lijn in [
        "Maatschappij en Meerwaarde",
        "Organisatie en Overleg",
        "Cultuur en Verbeteren",
        "Persoon en Werkplezier",
    ] {
        assert!(
            html.contains(&format!("<h2>{lijn} <span class=\"periode\">")),
            "{lijn}"
        );
    }
    assert_eq!(
        html.matches("<strong>Om over in gesprek te gaan</strong>")
            .count(),
        4
    );
}

/// The part of the report between `<section id="{id}"` and its `</section>`.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let end = html[start..]
        .find("</section>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// What the report says about Laak's earlier period, the `<div class="wsv">` of Laak in "Over de
/// tijd". Every expectation is one of the changes fixtures/periode/make.py made to the sample
/// plan (read from the two documents): the earlier plan is "versie 1.0 – 20 april 2023" for
/// 2023–2024 (§3's title), without theme 7, with theme 5's goal in other words, without the
/// paramedicus in the kernteam, with 4 of the 6 checklist items ticked, and with §3 rewritten;
/// §2 and §5–§8 are the same words in both.
fn assert_laak_compared_with_2023_2024(html: &str, same_file_name: bool) {
    // The title keeps this year's period: the earlier plan is not a current plan.
    assert!(
        html.contains("<title>Lerende cyclus WSV’s 2025–2026 – RESV Haaglanden</title>"),
        "{}",
        &html[..html.len().min(400)]
    );
    let tijd = section(html, "over-de-tijd");
    let start = tijd.find("<h3>Laak</h3>").expect("Laak in Over de tijd");
    let laak = &tijd[start..];
    let laak = &laak[..laak.find("</div>").expect("end of Laak's part")];
    assert!(
        laak.contains(
            "<p><strong>Vergeleken met de vorige periode (2023–2024 → 2025–2026)</strong>: versie 1.0 – 20 april 2023 ("
        ),
        "{laak}"
    );
    if same_file_name {
        assert!(
            laak.contains("versie 1.0 – 20 april 2023 (Laak/Wijkplan WSV Laak.docx) → versie 1.2 – 14 mei 2025 (Laak/Wijkplan WSV Laak.docx)</p>"),
            "{laak}"
        );
    }
    // The comparison's list is the first <ul> after the heading.
    let ul = &laak[laak.find("<ul>").expect("a list")..];
    let ul = &ul[..ul.find("</ul>").expect("end of the list")];
    // Shown once: the step from 2023–2024 to this plan is not repeated as a version step.
    assert_eq!(laak.matches("<ul>").count(), 1, "{laak}");
    for li in [
        "<li>Thema’s erbij: 7. Inwonersparticipatie</li>",
        "<li>Thema’s met gewijzigde tekst: 5. Mentale gezondheid/GGZ</li>",
        "<li>Disciplines erbij in het kernteam: paramedici</li>",
        "<li>Checklist: 4 → 6 punten afgevinkt</li>",
    ] {
        assert!(ul.contains(li), "{li} missing in {ul}");
    }
    // Nothing the earlier plan had is gone in the new one.
    assert!(!ul.contains("niet meer"), "{ul}");
    // Chapters: §3 changed (title and text); the unchanged ones are not named.
    let hoofdstukken = ul
        .split("<li>")
        .find(|li| li.starts_with("Hoofdstukken met gewijzigde tekst: "))
        .unwrap_or_else(|| panic!("no changed chapters in {ul}"));
    assert!(
        hoofdstukken.contains("§3 Gewenste situatie en ambitie"),
        "{hoofdstukken}"
    );
    for same in ["§2", "§5", "§6", "§7", "§8"] {
        assert!(!hoofdstukken.contains(same), "{same}: {hoofdstukken}");
    }
    assert!(
        !tijd.contains("Het register bevat nog geen plannen van een eerdere periode"),
        "{tijd}"
    );
}

/// Issue 14, "Over de tijd" end to end, the way the README tells a user to keep an archive: each
/// period's folder ingested into one register, then the report from that register. (`ingest`
/// pairs and audits what it read: before, `report` right after `ingest` showed the register as
/// it was before the ingest, with Laak's two plans not yet versions of one WSV.)
#[test]
fn earlier_period_compared_after_ingesting_both_periods() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archief.sqlite");
    for input in ["fixtures/periode/2023-2024", "fixtures/submissions"] {
        let st = bin()
            .current_dir(root())
            .args(["ingest", input, "-q", "--db"])
            .arg(&db)
            .status()
            .unwrap();
        assert!(st.success(), "ingest {input}: {st}");
    }
    let html_path = dir.path().join("lerende-cyclus.html");
    let st = bin()
        .current_dir(root())
        .args(["report", "-q", "--db"])
        .arg(&db)
        .arg("-o")
        .arg(&html_path)
        .status()
        .unwrap();
    assert!(st.success(), "report: {st}");
    assert_laak_compared_with_2023_2024(&read(&html_path), true);
}

/// The same with one `run` over both folders (the archive folder given beside this year's).
#[test]
fn earlier_period_compared_in_one_run_over_both_folders() {
    let out = tempfile::tempdir().unwrap();
    let st = bin()
        .current_dir(root())
        .args([
            "run",
            "fixtures/submissions",
            "fixtures/periode/2023-2024",
            "-q",
            "--out",
        ])
        .arg(out.path())
        .status()
        .unwrap();
    assert!(st.success(), "run: {st}");
    assert_laak_compared_with_2023_2024(&read(&out.path().join("lerende-cyclus.html")), false);
}
