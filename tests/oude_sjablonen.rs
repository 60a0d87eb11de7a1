//! Plans in the older structures (issue 10 part 2): a Zorg en Zekerheid 2018 plan and a Medrie
//! plan, made with LibreOffice by `fixtures/oude_sjablonen/make.py`. Every expected value below
//! was written by hand from the document's text (the HTML in `make.py` is what the .docx says),
//! never copied from the program's output.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use wijkregister::domain::{Cents, Code, Discipline, Sjabloon, Wijkplan};
use wijkregister::intake::Found;
use wijkregister::pipeline::process_file;
use wijkregister::register::Register;
use wijkregister::snapshot::{Content, FileOutcome};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/oude_sjablonen")
        .join(name)
}

/// Read through the pipeline and the register, as `run` stores it.
fn through_register(path: &Path) -> (Wijkplan, FileOutcome) {
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
        Content::Wijkplan(w) => (w.clone(), files[0].outcome.clone()),
        other => panic!("geen wijkplan maar {other:?}"),
    }
}

/// `run` on a folder holding only `file`; the overview row of the one WSV (column → value).
fn overzicht(file: &Path) -> HashMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(file, input.join(file.file_name().unwrap())).unwrap();
    let out = dir.path().join("out");
    let st = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
        .args(["run", "-q", "--out"])
        .arg(&out)
        .arg(&input)
        .status()
        .unwrap();
    assert!(st.success());
    let text = std::fs::read_to_string(out.join("overzicht.csv")).unwrap();
    // Quoted fields may hold `;` (the contact people do): read it as a spreadsheet would.
    let mut records = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .into_records()
        .map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>());
    let head = records.next().unwrap();
    let rows: Vec<Vec<String>> = records.collect();
    assert_eq!(rows.len(), 1, "{text}");
    head.into_iter().zip(rows[0].iter().cloned()).collect()
}

fn veld(v: &wijkregister::domain::Veld) -> (Option<&str>, &str) {
    (v.waarde.as_deref(), v.bron.as_str())
}

const ZZ: &str = "Wijkplan 2019 WSV Mariahoeve.docx";

/// A budget line as compared: post, uren, tarief, bedrag, vacatie, bron.
type RegelVeld<'a> = (&'a str, Option<f64>, Option<Cents>, Cents, bool, &'a str);

#[test]
fn zorg_en_zekerheid_2018_plan_fields_sections_and_partners() {
    let (w, o) = through_register(&fixture(ZZ));
    assert_eq!(w.sjabloon, Sjabloon::ZorgEnZekerheid2018);
    // The title page: "Wijkplan 2019 Wijksamenwerkingsverband Mariahoeve", "Versie: 1.2",
    // "Datum: 14 september 2018", "Contactpersonen: …".
    assert_eq!(
        veld(&w.velden.wijk_wsv),
        (Some("Mariahoeve"), format!("{ZZ} alinea 1").as_str())
    );
    assert_eq!(
        veld(&w.velden.versie_datum),
        (
            Some("versie 1.2, 14 september 2018"),
            format!("{ZZ} alinea 2").as_str()
        )
    );
    assert_eq!(
        veld(&w.velden.aanspreekpunt_resv),
        (
            Some("Sanne Verbeek (wijkcoördinator), s.verbeek@wsvmariahoeve.nl; dr. Karim El Idrissi (huisarts, voorzitter)"),
            format!("{ZZ} alinea 4").as_str()
        )
    );
    // Chapter 2 defines the wijk in its first sentence.
    assert_eq!(
        veld(&w.velden.gemeente_stadsdeel),
        (
            Some("Ons werkgebied is de wijk Mariahoeve en Marlot in stadsdeel Haagse Hout (postcodes 2591 en 2592)."),
            format!("{ZZ} §2 alinea 1").as_str()
        )
    );
    let secties: Vec<(u32, &str, &str)> = w
        .secties
        .iter()
        .map(|s| (s.nummer, s.titel.as_str(), s.bron.as_str()))
        .collect();
    let b = |n: &str| format!("{ZZ} §{n}");
    assert_eq!(
        secties,
        vec![
            (2, "Huidige situatie", b("1").as_str()),
            (
                0,
                "Beschrijving wijk- en patiëntenpopulatie",
                b("2").as_str()
            ),
            (3, "Gewenste situatie: visie en doelen", b("3").as_str()),
            (
                4,
                "Plan van Aanpak en resultaten 2019 (en verder)",
                b("4").as_str()
            ),
            (
                0,
                "Organisatiebeschrijving wijksamenwerkingsverband",
                b("5").as_str()
            ),
        ]
    );
    assert_eq!(
        w.secties[2].tekst,
        "Wij willen dat inwoners van Mariahoeve langer gezond en zelfstandig thuis wonen. Over vier jaar kennen zorg en welzijn elkaar bij naam en verwijzen wij vanzelfsprekend naar elkaar, vanuit de gedachte van Positieve Gezondheid."
    );
    assert_eq!(
        w.secties[4].tekst,
        "Het wijksamenwerkingsverband is een coöperatie met een bestuur van een huisarts, een apotheker en een fysiotherapeut. De wijkcoördinator ondersteunt het bestuur."
    );
    // The party tables of 1.1: partners, said so in the provenance.
    assert_eq!(
        w.velden.kernteamleden.waarde.as_deref(),
        Some(
            "Huisartsenzorg: 01058812, Huisartsenpraktijk Het Kleine Loo, 2,6\n\
             Huisartsenzorg: 01061204, Gezondheidscentrum Mariahoeve, huisartsen, 4,0\n\
             Apotheek: 02054419, Apotheek Mariahoeve, 1,8\n\
             Paramedische zorg: 04052273, Fysiotherapie Mariahoeve, fysiotherapie, 3,2\n\
             Paramedische zorg: 24011987, Diëtistenpraktijk Haagse Hout, diëtetiek, 0,8\n\
             Overige partijen: Wijkverpleging, Florence wijkteam Mariahoeve, Ingrid Koster\n\
             Overige partijen: Sociaal wijkteam, Xtra welzijn Haagse Hout, Mo Bouzid\n\
             Overige partijen: Sportvereniging, Buurtsport Mariahoeve, Peter Hoogland"
        )
    );
    assert!(w
        .velden
        .kernteamleden
        .bron
        .starts_with(&format!("{ZZ} §1.1")));
    assert!(w
        .velden
        .kernteamleden
        .bron
        .contains("partners in de wijk, geen benoemd kernteam"));
    assert_eq!(w.kerndisciplines, Discipline::ALL.to_vec());
    let codes: Vec<Code> = o.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, vec![Code::ANDER_SJABLOON]);
}

#[test]
fn zorg_en_zekerheid_2018_themes_from_chapter_4() {
    let (w, _) = through_register(&fixture(ZZ));
    let themas: Vec<(u32, &str, &str, &str, &str)> = w
        .themas
        .iter()
        .map(|t| {
            (
                t.nummer,
                t.naam.as_str(),
                t.doelen.as_str(),
                t.activiteiten.as_str(),
                t.resultaten.as_str(),
            )
        })
        .collect();
    assert_eq!(
        themas,
        vec![
            (
                1,
                "Wijksamenwerking",
                "zorg en sociaal domein leren elkaar kennen en maken afspraken over verwijzen.",
                "twee netwerkbijeenkomsten met het sociaal wijkteam, de buurtsportcoach en de wijkverpleging.",
                "Er is een sociale kaart van de wijk.\nEr is een ondertekende samenwerkingsafspraak over verwijzen."
            ),
            (
                2,
                "Chronische zorg",
                "COPD-patiënten houden hun conditie op peil.",
                "een beweeggroep voor COPD-patiënten met de fysiotherapeut in het buurthuis.",
                "op 31 december 2019 doen 30 patiënten mee aan de beweeggroep."
            ),
            (
                3,
                "Patiëntenparticipatie",
                "patiënten denken mee over de ouderenzorg.",
                "een klankbordgroep van acht patiënten komt drie keer bijeen.",
                "een verbeterplan ouderenzorg voor 2020."
            ),
        ]
    );
    // Each cell points at its paragraph under 4.1.
    assert_eq!(w.themas[0].bron, format!("{ZZ} §4.1 alinea 1"));
    assert_eq!(w.themas[0].cel_bronnen[0], format!("{ZZ} §4.1 alinea 2"));
    assert_eq!(w.themas[0].cel_bronnen[1], format!("{ZZ} §4.1 alinea 3"));
    assert_eq!(w.themas[0].cel_bronnen[2], format!("{ZZ} §4.1 alinea 5"));
    assert!(w
        .themas
        .iter()
        .all(|t| t.middelen.is_empty() && t.partijen.is_empty()));
}

#[test]
fn zorg_en_zekerheid_2018_budget_table_in_4_3() {
    let (w, _) = through_register(&fixture(ZZ));
    let b = w.begroting.expect("de begrotingstabel van 4.3");
    let regels: Vec<RegelVeld> = b
        .regels
        .iter()
        .map(|r| {
            (
                r.post.as_str(),
                r.uren,
                r.tarief,
                r.bedrag,
                r.vacatie,
                r.bron.as_str(),
            )
        })
        .collect();
    let rij = |n: u32| format!("{ZZ} §4.3 tabel 1 rij {n}");
    assert_eq!(
        regels,
        vec![
            (
                "Wijkcoördinator",
                Some(320.0),
                Some(Cents(6500)),
                Cents(2_080_000),
                false,
                rij(2).as_str()
            ),
            (
                "Vacatiegeld werkgroep ouderen",
                Some(40.0),
                Some(Cents(8000)),
                Cents(320_000),
                true,
                rij(3).as_str()
            ),
            (
                "Netwerkbijeenkomsten (zaalhuur en catering)",
                None,
                None,
                Cents(150_000),
                false,
                rij(4).as_str()
            ),
        ]
    );
    assert_eq!(b.totaal_opgegeven, Some(Cents(2_550_000)));
    assert_eq!(b.totaal_bron.as_deref(), Some(rij(5).as_str()));
}

#[test]
fn zorg_en_zekerheid_2018_is_placed_by_the_wijk_of_chapter_2() {
    let row = overzicht(&fixture(ZZ));
    assert_eq!(row["wsv"], "Mariahoeve");
    assert_eq!(row["sjabloon"], "zorg-en-zekerheid-2018");
    assert_eq!(row["gemeente"], "Den Haag");
    assert_eq!(row["stadsdeel"], "Haagse Hout");
    assert_eq!(row["wijken"], "Mariahoeve/Marlot");
    // Mariahoeve/Marlot has 15.685 inhabitants in the wijkindeling (and the plan says so).
    assert_eq!(row["inwoners"], "15685");
    assert_eq!(row["begroting_totaal"], "25500,00");
    let bevindingen = &row["bevindingen"];
    assert!(
        !bevindingen.contains("BEGROTING_ONTBREEKT"),
        "{bevindingen}"
    );
    assert!(!bevindingen.contains("STADSDEEL_ONBEKEND"), "{bevindingen}");
    assert!(
        bevindingen.contains("INWONERS_ONDER_MINIMUM"),
        "{bevindingen}"
    );
}

const MEDRIE: &str = "Wijkplan Wijkteam Ypenburg.docx";

#[test]
fn medrie_plan_name_kernteam_partners_sections_and_themes() {
    let (w, o) = through_register(&fixture(MEDRIE));
    assert_eq!(w.sjabloon, Sjabloon::Medrie);
    assert_eq!(
        w.velden.wijk_wsv.waarde.as_deref(),
        Some("Wijkteam Ypenburg")
    );
    assert_eq!(
        w.velden.kernteamleden.waarde.as_deref(),
        Some(
            "Huisartsenpraktijk Ypenburg (Ellen de Groot, huisarts)\n\
             Apotheek Ypenburg (Tom Visser, apotheker)\n\
             Florence wijkverpleging Ypenburg (Ans Mulder)"
        )
    );
    // Fysiotherapie De Singel is a wijkpartner, not a kernteam member: no paramedici.
    assert_eq!(
        w.kerndisciplines,
        vec![
            Discipline::Huisarts,
            Discipline::Wijkverpleging,
            Discipline::Apotheker
        ]
    );
    let secties: Vec<(u32, &str)> = w
        .secties
        .iter()
        .map(|s| (s.nummer, s.titel.as_str()))
        .collect();
    assert_eq!(
        secties,
        vec![
            (0, "Betrokken partijen"),
            (0, "Wat vind je belangrijk in de samenwerking?"),
            (0, "Beschrijf hoe je het netwerk vormgeeft en onderhoudt"),
            (4, "Bepaal de problemen/thema’s van de wijk"),
            (
                7,
                "Begroting en tijdsinvestering (personeel en middelen) wijkplan"
            ),
        ]
    );
    assert_eq!(
        w.secties[0].tekst,
        "Betrokken wijkpartners: Fysiotherapie De Singel, Buurtsportcoach Ypenburg, GGD Haaglanden"
    );
    assert_eq!(
        w.secties[1].tekst,
        "We werken vanuit Positieve Gezondheid en kijken naar wat de inwoner zelf wil.\nElk kernteamlid kan een casus inbrengen."
    );
    assert_eq!(
        w.secties[2].tekst,
        "Het wijkkernteam overlegt zes keer per jaar. Twee keer per jaar is er een netwerkbijeenkomst voor alle wijkpartners."
    );
    assert!(w.secties[4].tekst.starts_with("Begroting 2025:"));
    let themas: Vec<(u32, &str, &str, &str)> = w
        .themas
        .iter()
        .map(|t| {
            (
                t.nummer,
                t.naam.as_str(),
                t.doelen.as_str(),
                t.resultaten.as_str(),
            )
        })
        .collect();
    assert_eq!(
        themas,
        vec![
            (
                1,
                "Eenzaamheid onder ouderen",
                "minder eenzame ouderen in Ypenburg.",
                "40 ouderen nemen deel aan de wandelgroep ‘Samen op pad’."
            ),
            (
                2,
                "Valpreventie",
                "minder valincidenten bij thuiswonende 75-plussers.",
                "60 valrisicotesten in 2025."
            ),
        ]
    );
    let codes: Vec<Code> = o.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, vec![Code::ANDER_SJABLOON]);
}

#[test]
fn medrie_budget_table_in_the_begroting_row() {
    let (w, _) = through_register(&fixture(MEDRIE));
    let b = w.begroting.expect("de begrotingstabel in de rij Begroting");
    let rij = |n: u32| format!("{MEDRIE} tabel 1 rij 5 kolom 2 tabel 1 rij {n}");
    let regels: Vec<RegelVeld> = b
        .regels
        .iter()
        .map(|r| {
            (
                r.post.as_str(),
                r.uren,
                r.tarief,
                r.bedrag,
                r.vacatie,
                r.bron.as_str(),
            )
        })
        .collect();
    assert_eq!(
        regels,
        vec![
            (
                "Overleg wijkkernteam (6 x 4 leden x 2 uur)",
                Some(48.0),
                Some(Cents(8000)),
                Cents(384_000),
                true,
                rij(2).as_str()
            ),
            (
                "Netwerkbijeenkomst wijkpartners",
                None,
                None,
                Cents(75_000),
                false,
                rij(3).as_str()
            ),
            (
                "Wandelgroep ‘Samen op pad’",
                None,
                None,
                Cents(120_000),
                false,
                rij(4).as_str()
            ),
        ]
    );
    assert_eq!(b.totaal_opgegeven, Some(Cents(579_000)));
    assert_eq!(b.totaal_bron.as_deref(), Some(rij(5).as_str()));
}

#[test]
fn medrie_plan_is_placed_by_its_name_and_counts_its_budget_table() {
    let row = overzicht(&fixture(MEDRIE));
    assert_eq!(row["sjabloon"], "medrie");
    assert_eq!(row["stadsdeel"], "Leidschenveen-Ypenburg");
    assert_eq!(row["wijken"], "Ypenburg");
    assert_eq!(row["inwoners"], "26544");
    assert_eq!(row["begroting_totaal"], "5790,00");
    assert!(!row["bevindingen"].contains("BEGROTING_ONTBREEKT"));
}
