//! Per rule: a line or text that must fire, and one that must not (issue 13, "Done when").

use super::*;
use crate::domain::{Sectie, Sjabloon, Veld, Velden};

/// A line of `euros` whole euros.
fn regel(post: &str, omschrijving: Option<&str>, thema: Option<&str>, euros: i64) -> Regel {
    Regel {
        post: post.into(),
        omschrijving: omschrijving.map(str::to_string),
        thema: thema.map(str::to_string),
        bedrag: Cents(euros * 100),
        bron: format!("b.xlsx Begroting!F{}", euros % 50),
        ..Regel::default()
    }
}

fn begroting(regels: Vec<Regel>) -> Begroting {
    Begroting {
        regels,
        ..Begroting::default()
    }
}

fn plan() -> Wijkplan {
    Wijkplan {
        sjabloon: Sjabloon::Haaglanden2025,
        velden: Velden::default(),
        kerndisciplines: vec![],
        secties: vec![],
        themas: vec![],
        checklist: vec![],
        vingerafdruk: String::new(),
        begroting: None,
    }
}

fn sectie(nummer: u32, tekst: &str) -> Sectie {
    Sectie {
        nummer,
        titel: String::new(),
        tekst: tekst.into(),
        bron: format!("p.docx §{nummer}"),
    }
}

fn thema(nummer: u32, doelen: &str) -> Thema {
    Thema {
        nummer,
        naam: format!("{nummer}."),
        doelen: doelen.into(),
        bron: format!("p.docx §4 rij {nummer}"),
        ..Thema::default()
    }
}

#[test]
fn zorg_fires_on_consults_and_not_on_room_hire() {
    let b = begroting(vec![
        regel("Zaalhuur", Some("Bijeenkomsten kernteam"), Some("1"), 250),
        regel("Consulten fysiotherapie", None, Some("2"), 1200),
        regel("GLI – werving en groepsruimte", None, Some("2"), 14000),
        regel("Catering", None, None, 100),
        // "gli" only as a whole word: not inside "glimlach".
        regel("Glimlachwandeling", None, None, 300),
    ]);
    let f = zorg_in_begroting(&b);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(
        f[0].bericht,
        "Regel ‘Consulten fysiotherapie’ (€ 1.200,00) lijkt zorg zelf te betalen (‘consulten’ en ‘fysiotherapie’); het uitvoeringsbudget is niet bedoeld voor het verlenen van zorg. Kijk of dit zorg is."
    );
    assert_eq!(f[0].bron, "b.xlsx Begroting!F0");
    assert_eq!(f[0].ernst, crate::domain::Ernst::Info);
    assert!(f[1].bericht.contains("(‘gli’)"), "{}", f[1].bericht);
}

#[test]
fn regional_request_in_the_begroting() {
    let mut p = plan();
    p.secties = vec![sectie(
        6,
        "Samen met WSV Escamp Noord willen we een taalcafé voor zorgvragen opzetten in buurthuis De Henri Dunant. We vragen € 15.000 aan regionaal budget voor de opstart in 2026.",
    )];
    assert_eq!(
        regionale_aanvraag(&p).and_then(|(_, c, _)| c),
        Some(Cents(1_500_000))
    );
    let b = begroting(vec![
        regel(
            "Training en taalcafé",
            None,
            Some("8. Laaggeletterdheid"),
            9800,
        ),
        regel("Zaalhuur en catering", None, Some("1"), 2500),
    ]);
    let f = regionale_aanvraag_in_begroting(&p, &b);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        f[0].bericht,
        "Het regionale project uit hoofdstuk 6 (€ 15.000,00 gevraagd) staat ook in de eigen begroting: regel ‘Training en taalcafé’ (€ 9.800,00) noemt ‘taalcafe’. Vraag na of hier twee keer om geld gevraagd wordt."
    );
    // No request: nothing to compare, nothing found.
    p.secties = vec![sectie(6, "Geen aanvraag.")];
    assert!(regionale_aanvraag(&p).is_none());
    assert!(regionale_aanvraag_in_begroting(&p, &b).is_empty());
}

#[test]
fn amounts_in_text() {
    assert_eq!(
        bedrag_in_tekst("We vragen € 15.000 aan."),
        Some(Cents(1_500_000))
    );
    assert_eq!(
        bedrag_in_tekst("ongeveer €7.500,- per jaar"),
        Some(Cents(750_000))
    );
    assert_eq!(bedrag_in_tekst("zo'n 2.000 euro."), Some(Cents(200_000)));
    assert_eq!(bedrag_in_tekst("in 2026 starten"), None);
}

#[test]
fn frequencies_per_year() {
    let f = |s: &str| per_jaar(&norm(s));
    assert_eq!(f("Het kernteam komt elk kwartaal bijeen"), Some(4));
    assert_eq!(f("Het kernteam komt zes keer per jaar bijeen"), Some(6));
    assert_eq!(f("Kernteamoverleg (6x per jaar)"), Some(6));
    assert_eq!(f("4x per jaar overleg"), Some(4));
    assert_eq!(f("Vier kernteambijeenkomsten per jaar"), Some(4));
    assert_eq!(f("maandelijks overleg"), Some(12));
    assert_eq!(f("MDO elke zes weken"), Some(8));
    assert_eq!(f("twee keer per jaar evalueren"), Some(2));
    assert_eq!(f("Eén keer per jaar"), Some(1));
    assert_eq!(f("In 2026 heeft het kernteam vijf disciplines"), None);
    assert_eq!(f("60 deelnemers per jaar"), None);
}

#[test]
fn kerngroep_frequency_fires_below_four_or_unstated() {
    let mut p = plan();
    p.themas = vec![thema(
        1,
        "Het kernteam komt vanaf juni 2025 vijf keer per jaar bijeen.",
    )];
    p.secties = vec![sectie(
        8,
        "Het kernteam bespreekt de voortgang twee keer per jaar.",
    )];
    assert_eq!(kerngroep_frequentie(&p, "p.docx", None), None);

    p.themas = vec![thema(1, "Twee keer per jaar een overleg van het kernteam.")];
    let f = kerngroep_frequentie(&p, "p.docx", None).expect("finding");
    assert_eq!(
        f.bericht,
        "Volgens het plan komt de kerngroep 2 keer per jaar bijeen (‘twee keer per jaar een overleg van het kernteam’), minder dan de 4 keer per jaar die de handreiking vraagt."
    );
    assert_eq!(f.bron, "p.docx §4 rij 1");

    // Not stated in the plan, but the begroting's meeting line says it.
    p.themas = vec![thema(1, "Samenwerking versterken.")];
    p.secties = vec![];
    let f = kerngroep_frequentie(&p, "p.docx", None).expect("finding");
    assert!(
        f.bericht.starts_with("Het plan zegt niet hoe vaak"),
        "{}",
        f.bericht
    );
    let b = begroting(vec![regel(
        "Vacatiegelden kernteam",
        Some("6 overleggen per jaar, 5 disciplines"),
        Some("1"),
        12000,
    )]);
    assert_eq!(kerngroep_frequentie(&p, "p.docx", Some(&b)), None);
}

#[test]
fn grow_to_five_only_when_unstated() {
    let mut p = plan();
    p.kerndisciplines = vec![
        Discipline::Huisarts,
        Discipline::Welzijn,
        Discipline::Apotheker,
    ];
    p.secties = vec![sectie(3, "We richten ons op preventie.")];
    let f = groei_naar_vijf(&p, "p.docx §1").expect("finding");
    assert_eq!(
        f.bericht,
        "Het kernteam heeft 3 van de 5 kerndisciplines (er ontbreekt wijkverpleging en paramedici); het plan zegt niet dat het kernteam naar alle vijf wil doorgroeien, zoals de handreiking vraagt."
    );
    p.secties = vec![sectie(3, "In 2026 heeft het kernteam vijf disciplines.")];
    assert_eq!(groei_naar_vijf(&p, "p.docx §1"), None);
    p.secties = vec![sectie(
        3,
        "We willen het kernteam uitbreiden met wijkverpleging.",
    )];
    assert_eq!(groei_naar_vijf(&p, "p.docx §1"), None);
    // Five present, or fewer than three (DISCIPLINES_ONDER_MINIMUM's business): no finding.
    p.secties = vec![];
    p.kerndisciplines = Discipline::ALL.to_vec();
    assert_eq!(groei_naar_vijf(&p, "b"), None);
    p.kerndisciplines = vec![Discipline::Huisarts];
    assert_eq!(groei_naar_vijf(&p, "b"), None);
}

#[test]
fn budget_lines_for_a_theme_without_content() {
    let mut p = plan();
    p.themas = vec![thema(1, "Overleg"), thema(4, ""), thema(5, "GGZ")];
    let b = begroting(vec![
        regel("MDO chronische zorg", None, Some("4"), 12000),
        regel("Spreekuur", None, Some("Thema 4"), 1000),
        regel("Overleg", None, Some("1"), 500),
        regel("Welzijn op Recept", None, Some("5. GGZ"), 900),
    ]);
    let f = begroting_zonder_thema(&p, &b);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        f[0].bericht,
        "De begroting rekent € 13.000,00 onder thema 4 ‘Chronische zorg en acute zorg’ (‘MDO chronische zorg’ en ‘Spreekuur’), maar dat thema heeft geen inhoud in hoofdstuk 4 van het wijkplan."
    );
    p.themas[1].doelen = "MDO's".into();
    assert!(begroting_zonder_thema(&p, &b).is_empty());
}

#[test]
fn paid_otherwise() {
    assert!(anders_betaald(
        "Vrijwilligersvergoeding en catering (eigen middelen buurthuis)"
    ));
    assert!(anders_betaald("Uit de reguliere financiering"));
    assert!(anders_betaald("Cofinanciering Florence"));
    assert!(!anders_betaald("Vacatiegelden, zaalhuur"));
    let _ = Veld::default();
}

/// Issue 12's lesson: a hostile cell (one 350.000-letter word full of care words, or 20.000
/// distinct care words) gives one finding quoting at most ten words, in one pass over the text.
#[test]
fn hostile_lines_stay_linear_and_short() {
    let one_word = "consult".repeat(50_000);
    let many: Vec<String> = (0..20_000).map(|i| format!("consult{i}")).collect();
    let b = begroting(vec![
        regel(&one_word, None, None, 1),
        regel(&many.join(" "), None, None, 2),
    ]);
    let f = zorg_in_begroting(&b);
    assert_eq!(f.len(), 2);
    assert_eq!(
        f[0].bericht.matches('‘').count(),
        2,
        "regelnaam en één woord"
    );
    // The line name itself, then ten quoted words.
    assert_eq!(f[1].bericht.matches("‘consult").count(), 11);
}
