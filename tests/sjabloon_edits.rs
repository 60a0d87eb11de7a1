//! The sjabloon as WSVs really edit it (issue 10, point 1): each fixture in `fixtures/sjabloon/`
//! is the Escamp Noord plan of the sample batch with one edit made in its document.xml
//! (`fixtures/sjabloon/make.py`), and must give the same register values as the unedited plan:
//! the §1 fields, the kerndisciplines, the themes (number, name, five cells), the sections
//! (number, text), the checklist and the findings. Where an edit changes the words themselves
//! (the kernteam written differently, a line of text between two tables) the test says so and
//! checks the changed value against the document, written by hand.
//!
//! Besides the comparison, each test checks a few values read by hand from the unedited plan
//! (tests/expected/sample-batch.json has the same ones), so that two equally wrong readings
//! cannot pass.

use std::path::{Path, PathBuf};
use wijkregister::domain::{Code, Discipline, Finding, Wijkplan};
use wijkregister::intake::Found;
use wijkregister::pipeline::process_file;
use wijkregister::register::Register;
use wijkregister::snapshot::Content;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn unedited_path() -> PathBuf {
    root().join("fixtures/submissions/Escamp Noord/Wijkplan WSV Escamp Noord.docx")
}

/// The plan and its file findings, read through the pipeline and the register as `run` does.
fn read(path: &Path) -> (Wijkplan, Vec<Finding>) {
    let outcome = process_file(&Found {
        path: path.to_path_buf(),
        bestand: path.file_name().unwrap().to_string_lossy().into_owned(),
        map: String::new(),
        lid: Vec::new(),
    });
    let mut reg = Register::open_in_memory().unwrap();
    reg.store_file(&outcome).unwrap();
    let files = reg.files().unwrap();
    match &files[0].outcome.content {
        Content::Wijkplan(w) => (w.clone(), files[0].outcome.findings.clone()),
        other => panic!("{}: geen wijkplan maar {other:?}", path.display()),
    }
}

fn edited(name: &str) -> (Wijkplan, Vec<Finding>) {
    read(&root().join("fixtures/sjabloon").join(name))
}

fn unedited() -> (Wijkplan, Vec<Finding>) {
    read(&unedited_path())
}

type ThemeRow = (u32, String, [String; 5]);

/// Themes with content: number, name and the five cells, by number.
fn themes_with_content(w: &Wijkplan) -> Vec<ThemeRow> {
    let mut t: Vec<ThemeRow> = w
        .themas
        .iter()
        .filter(|t| t.has_content())
        .map(|t| (t.nummer, t.naam.clone(), t.cells().map(str::to_string)))
        .collect();
    t.sort_by_key(|r| r.0);
    t
}

/// Every theme row's (number, name), by number.
fn theme_names(w: &Wijkplan) -> Vec<(u32, String)> {
    let mut t: Vec<(u32, String)> = w
        .themas
        .iter()
        .map(|t| (t.nummer, t.naam.clone()))
        .collect();
    t.sort();
    t
}

fn sections(w: &Wijkplan) -> Vec<(u32, String)> {
    let mut s: Vec<(u32, String)> = w
        .secties
        .iter()
        .map(|s| (s.nummer, s.tekst.clone()))
        .collect();
    s.sort();
    s
}

fn fields(w: &Wijkplan) -> Vec<(&'static str, Option<String>)> {
    w.velden
        .all()
        .iter()
        .map(|(k, _, v)| (*k, v.waarde.clone()))
        .collect()
}

fn checklist(w: &Wijkplan) -> Vec<(String, bool)> {
    w.checklist
        .iter()
        .map(|c| (c.tekst.clone(), c.aangevinkt))
        .collect()
}

fn codes(f: &[Finding]) -> Vec<Code> {
    let mut c: Vec<Code> = f.iter().map(|f| f.code).collect();
    c.sort();
    c
}

/// Which parts an edit may leave different (each test says why).
#[derive(Default)]
struct Except {
    kernteamleden: bool,
    section4: bool,
    theme_rows: bool,
}

/// Everything equal to the unedited plan, except what `except` names.
fn assert_same(name: &str, except: Except) -> (Wijkplan, Vec<Finding>) {
    let (u, uf) = unedited();
    let (e, ef) = edited(name);
    let mut uf_fields = fields(&u);
    let mut ef_fields = fields(&e);
    if except.kernteamleden {
        uf_fields.retain(|f| f.0 != "kernteamleden");
        ef_fields.retain(|f| f.0 != "kernteamleden");
    }
    assert_eq!(ef_fields, uf_fields, "{name}: velden");
    assert_eq!(
        e.kerndisciplines, u.kerndisciplines,
        "{name}: kerndisciplines"
    );
    assert_eq!(
        themes_with_content(&e),
        themes_with_content(&u),
        "{name}: thema's met inhoud"
    );
    if !except.theme_rows {
        assert_eq!(theme_names(&e), theme_names(&u), "{name}: thema's");
    }
    let mut us = sections(&u);
    let mut es = sections(&e);
    if except.section4 {
        us.retain(|s| s.0 != 4);
        es.retain(|s| s.0 != 4);
    }
    assert_eq!(es, us, "{name}: hoofdstukken");
    assert_eq!(checklist(&e), checklist(&u), "{name}: checklist");
    assert_eq!(codes(&ef), codes(&uf), "{name}: bevindingen {ef:?}");
    (e, ef)
}

/// Values of the unedited plan read by hand from its document.xml (the sample batch's
/// expectations for Escamp Noord agree): they hold for every variant too.
fn assert_hand_read(name: &str, w: &Wijkplan) {
    assert_eq!(
        w.velden.wijk_wsv.waarde.as_deref(),
        Some("WSV Escamp Noord: Bouwlust/Vrederust, Leyenburg en Morgenstond"),
        "{name}"
    );
    assert_eq!(
        w.velden.budgethouder.waarde.as_deref(),
        Some("Huisartsenpraktijk Leyenburg"),
        "{name}"
    );
    assert_eq!(
        w.kerndisciplines,
        vec![
            Discipline::Huisarts,
            Discipline::Welzijn,
            Discipline::Wijkverpleging,
            Discipline::Apotheker
        ],
        "{name}"
    );
    let t3 = w.themas.iter().find(|t| t.nummer == 3).expect("thema 3");
    assert_eq!(t3.naam, "(Kwetsbare) ouderen", "{name}");
    assert_eq!(
        t3.activiteiten, "Valpreventie ouderen: valrisicotest in de apotheek en beweeggroepen",
        "{name}"
    );
    assert_eq!(
        t3.partijen,
        "Apotheek Morgenstond (trekker), Florence wijkverpleging"
    );
    let with_content: Vec<u32> = themes_with_content(w).iter().map(|t| t.0).collect();
    assert!(
        with_content.starts_with(&[1, 2, 3, 4]),
        "{name}: {with_content:?}"
    );
    let s8 = w.secties.iter().find(|s| s.nummer == 8).expect("§8");
    assert_eq!(
        s8.tekst,
        "Twee keer per jaar een voortgangsoverleg in het kernteam, met een kort verslag aan de achterban en het RESV.",
        "{name}"
    );
}

#[test]
fn the_unedited_plan_reads_as_written() {
    let (w, f) = unedited();
    assert_hand_read("ongewijzigd", &w);
    assert!(
        !f.iter().any(|f| f.code == Code::SJABLOON_AFWIJKING),
        "{f:?}"
    );
}

#[test]
fn themes_table_split_by_a_line_with_a_repeated_header() {
    let name = "thematabel-gesplitst-met-kop.docx";
    let (w, _) = assert_same(
        name,
        Except {
            section4: true,
            ..Default::default()
        },
    );
    assert_hand_read(name, &w);
    // The line between the two tables is the WSV's text in §4 (the unedited plan has none).
    let s4 = w.secties.iter().find(|s| s.nummer == 4).expect("§4");
    assert_eq!(s4.tekst, "Vervolg van de tabel:");
    // Theme 4 sits in the second table, its second data row.
    let t4 = w.themas.iter().find(|t| t.nummer == 4).unwrap();
    assert_eq!(
        t4.doelen,
        "In 2026 is er een MDO chronische zorg per gezondheidscentrum."
    );
}

#[test]
fn themes_table_split_by_a_line_without_a_repeated_header() {
    let name = "thematabel-gesplitst-zonder-kop.docx";
    let (w, _) = assert_same(
        name,
        Except {
            section4: true,
            ..Default::default()
        },
    );
    assert_hand_read(name, &w);
    assert_eq!(
        w.secties
            .iter()
            .find(|s| s.nummer == 4)
            .map(|s| s.tekst.as_str()),
        Some("Vervolg van de tabel:")
    );
    let names: Vec<(u32, String)> = theme_names(&w);
    assert_eq!(names.len(), 9, "{names:?}");
}

#[test]
fn a_free_theme_row_without_number_is_numbered_after_the_sjabloon_themes() {
    let name = "thema-eenzaamheid-erbij.docx";
    let (u, _) = unedited();
    let (w, f) = edited(name);
    assert_hand_read(name, &w);
    // Themes 1–7 keep their numbers and names; "Eenzaamheid" (inserted after theme 4) is 8 and
    // takes the place of the empty free row "8. …"; "9. …" stays.
    let mut expected: Vec<(u32, String)> =
        theme_names(&u).into_iter().filter(|t| t.0 != 8).collect();
    expected.push((8, "Eenzaamheid".into()));
    expected.sort();
    assert_eq!(theme_names(&w), expected);
    let t8 = w.themas.iter().find(|t| t.nummer == 8).unwrap();
    assert_eq!(
        t8.cells(),
        [
            "In 2026 komen 100 alleenwonende ouderen minstens eens per maand naar de buurtkamer.",
            "Buurtkamer Morgenstond, twee ochtenden per week open",
            "100 bezoekers per maand",
            "Zaalhuur buurtkamer",
            "Xtra Welzijn (trekker), Florence wijkverpleging",
        ]
    );
    assert!(t8.bron.ends_with("§4 rij 5"), "{}", t8.bron);
    // Everything else as unedited.
    let mut without8 = themes_with_content(&w);
    without8.retain(|t| t.0 != 8);
    assert_eq!(without8, themes_with_content(&u));
    assert_eq!(fields(&w), fields(&u));
    assert_eq!(sections(&w), sections(&u));
    assert_eq!(codes(&f), codes(&unedited().1));
}

#[test]
fn deleted_rows_and_names_without_numbers() {
    let name = "thema-rijen-verwijderd.docx";
    let (w, _) = assert_same(
        name,
        Except {
            theme_rows: true,
            ..Default::default()
        },
    );
    assert_hand_read(name, &w);
    // Rows 5, 6, 7 and 9 were deleted; the rest lost their "n. " and keep the sjabloon's numbers;
    // the free row "…" is still 8.
    assert_eq!(
        theme_names(&w),
        vec![
            (1, "Wijkgerichte samenwerking".into()),
            (2, "Preventie".into()),
            (3, "(Kwetsbare) ouderen".into()),
            (4, "Chronische zorg en acute zorg".into()),
            (8, String::new()),
        ]
    );
}

#[test]
fn reordered_rows() {
    let name = "thema-rijen-verplaatst.docx";
    let (w, _) = assert_same(name, Except::default());
    assert_hand_read(name, &w);
    // Row 1 of the edited table is theme 3.
    let t3 = w.themas.iter().find(|t| t.nummer == 3).unwrap();
    assert!(t3.bron.ends_with("§4 rij 1"), "{}", t3.bron);
}

#[test]
fn transposed_themes_table() {
    let name = "thematabel-gekanteld.docx";
    let (w, _) = assert_same(name, Except::default());
    assert_hand_read(name, &w);
}

#[test]
fn section1_as_label_paragraphs() {
    let name = "algemeen-als-alineas.docx";
    let (w, _) = assert_same(name, Except::default());
    assert_hand_read(name, &w);
}

#[test]
fn section1_split_in_two_tables_with_huisarts_colon_lines() {
    let name = "algemeen-twee-tabellen.docx";
    let (w, _) = assert_same(
        name,
        Except {
            kernteamleden: true,
            ..Default::default()
        },
    );
    assert_hand_read(name, &w);
    // The kernteam is written "Discipline: naam (organisatie)" in this variant.
    assert_eq!(
        w.velden.kernteamleden.waarde.as_deref(),
        Some(
            "Huisarts: Peter de Wit (Huisartsenpraktijk Leyenburg)\n\
             Welzijn: Naima Chaouch (Xtra Welzijn)\n\
             Wijkverpleging: Gerda Hoek (Florence wijkverpleging)\n\
             Apotheker: Sander Lim (Apotheek Morgenstond)"
        )
    );
    assert_eq!(
        w.velden.aanspreekpunt_resv.waarde.as_deref(),
        Some("Naima Chaouch")
    );
}

#[test]
fn section1_transposed() {
    let name = "algemeen-gekanteld.docx";
    let (w, _) = assert_same(name, Except::default());
    assert_hand_read(name, &w);
}

#[test]
fn headings_rewritten_and_renumbered_are_found_by_content() {
    for name in [
        "koppen-herschreven.docx",
        "koppen-herschreven-zonder-instructies.docx",
    ] {
        let (w, _) = assert_same(name, Except::default());
        assert_hand_read(name, &w);
        // "5. Hoe volgen we de voortgang" is §8 by content; bron and title say what the plan says.
        let s8 = w.secties.iter().find(|s| s.nummer == 8).unwrap();
        assert_eq!(s8.titel, "Hoe volgen we de voortgang", "{name}");
        assert!(s8.bron.ends_with("§5"), "{name}: {}", s8.bron);
        let s5 = w.secties.iter().find(|s| s.nummer == 5).unwrap();
        assert_eq!(s5.titel, "Wat vragen we van de regio", "{name}");
        assert_eq!(
            s5.tekst,
            "Procesbegeleiding bij de start van het kernteam en hulp bij het maken van budgetafspraken met WSV Escamp Zuid.",
            "{name}"
        );
    }
}

#[test]
fn kernteam_as_a_nested_table_with_a_header_row() {
    let name = "kernteam-geneste-tabel.docx";
    let (w, _) = assert_same(
        name,
        Except {
            kernteamleden: true,
            ..Default::default()
        },
    );
    assert_hand_read(name, &w);
    // One line per row, cells joined by ", "; the header row is not a member.
    assert_eq!(
        w.velden.kernteamleden.waarde.as_deref(),
        Some(
            "Peter de Wit, Huisartsenpraktijk Leyenburg, huisarts\n\
             Naima Chaouch, Xtra Welzijn, welzijn\n\
             Gerda Hoek, Florence wijkverpleging, wijkverpleging\n\
             Sander Lim, Apotheek Morgenstond, apotheker"
        )
    );
}

#[test]
fn kernteam_as_one_sentence() {
    let name = "kernteam-in-een-zin.docx";
    let (w, _) = assert_same(
        name,
        Except {
            kernteamleden: true,
            ..Default::default()
        },
    );
    assert_hand_read(name, &w);
    assert_eq!(
        w.velden.kernteamleden.waarde.as_deref(),
        Some(
            "Het kernteam bestaat uit Peter de Wit (Huisartsenpraktijk Leyenburg, huisarts), \
             Naima Chaouch (Xtra Welzijn, welzijn), Gerda Hoek (Florence wijkverpleging, \
             wijkverpleging) en Sander Lim (Apotheek Morgenstond, apotheker)."
        )
    );
}

#[test]
fn what_cannot_be_placed_is_reported_as_sjabloon_afwijking() {
    let name = "onplaatsbaar.docx";
    let (u, uf) = unedited();
    let (w, f) = edited(name);
    // The rest is read as unedited.
    assert_eq!(fields(&w), fields(&u));
    assert_eq!(themes_with_content(&w), themes_with_content(&u));
    assert_eq!(sections(&w), sections(&u));
    let afw: Vec<&Finding> = f
        .iter()
        .filter(|f| f.code == Code::SJABLOON_AFWIJKING)
        .collect();
    let mut bronnen: Vec<&str> = afw.iter().map(|f| f.bron.as_str()).collect();
    bronnen.sort();
    assert_eq!(
        bronnen,
        vec![
            "onplaatsbaar.docx §1 rij 8",
            "onplaatsbaar.docx §11 'Ondertekening'",
            "onplaatsbaar.docx §4 kolom 'Planning'",
        ]
    );
    let msg = |bron: &str| {
        afw.iter()
            .find(|f| f.bron.ends_with(bron))
            .map(|f| f.bericht.clone())
            .unwrap()
    };
    assert!(msg("rij 8").contains("'Telefoon secretariaat'"));
    assert!(msg("rij 8").contains("'070 123 45 67'"));
    assert!(msg("'Planning'").contains("'Start juni 2025', 'Vanaf september 2025'"));
    assert!(msg("'Ondertekening'").contains(
        "'Getekend namens het kernteam door Peter de Wit en Naima Chaouch op 20 mei 2025.'"
    ));
    assert!(afw
        .iter()
        .all(|f| f.ernst == wijkregister::domain::Ernst::Info));
    // Only these are new.
    let mut others = codes(&f);
    others.retain(|c| *c != Code::SJABLOON_AFWIJKING);
    assert_eq!(others, codes(&uf));
}

/// Two versions of a plan with the same fields, themes and sections, of which the second has
/// text the register has no place for (a column `Planning`, a chapter `11. Ondertekening`): they
/// are two versions, not one plan sent twice, so the second's `SJABLOON_AFWIJKING` findings are
/// not dropped with a `dubbel`.
#[test]
fn a_version_that_differs_only_in_unplaceable_text_is_not_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("Escamp Noord");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(
        unedited_path(),
        input.join("Wijkplan WSV Escamp Noord v1.docx"),
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/sjabloon/onplaatsbaar.docx"),
        input.join("Wijkplan WSV Escamp Noord v2.docx"),
    )
    .unwrap();
    let out = dir.path().join("uit");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_wijkregister"))
        .args(["run", "-q", "--out"])
        .arg(&out)
        .arg(&input)
        .status()
        .unwrap();
    assert!(status.success(), "{status}");
    let bestanden = std::fs::read_to_string(out.join("bestanden.csv")).unwrap();
    let status_of = |name: &str| -> String {
        bestanden
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split(';').nth(4))
            .unwrap_or_else(|| panic!("{name} niet in bestanden.csv:\n{bestanden}"))
            .to_string()
    };
    // v2 is the newer name (same Versie/datum in both): it is the current plan, v1 is replaced.
    assert_eq!(
        status_of("Wijkplan WSV Escamp Noord v2.docx"),
        "verwerkt",
        "{bestanden}"
    );
    assert_eq!(
        status_of("Wijkplan WSV Escamp Noord v1.docx"),
        "vervangen",
        "{bestanden}"
    );
    let bevindingen = std::fs::read_to_string(out.join("bevindingen.csv")).unwrap();
    let afwijkingen: Vec<&str> = bevindingen
        .lines()
        .filter(|l| l.contains("SJABLOON_AFWIJKING"))
        .collect();
    // The column and the chapter, as written in onplaatsbaar.docx (fixtures/sjabloon/make.py).
    assert!(
        afwijkingen
            .iter()
            .any(|l| l.contains("kolom 'Planning'") && l.contains("Start juni 2025")),
        "{bevindingen}"
    );
    assert!(
        afwijkingen.iter().any(|l| l.contains("11. Ondertekening")),
        "{bevindingen}"
    );
}
