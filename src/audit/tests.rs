//! Audit tests: snapshots built by hand, one behaviour per test, boundaries on both sides.

use super::*;
use crate::domain::{Discipline, Ernst, Regel, Sectie, Sjabloon, Veld, Velden, Wijkplan};
use crate::wijkindeling::{builtin, parse};

fn plan(gemeente_stadsdeel: &str, wijk_wsv: &str) -> Wijkplan {
    let veld = |v: &str, label: &str| Veld {
        waarde: (!v.is_empty()).then(|| v.to_string()),
        bron: format!("plan.docx §1 '{label}'"),
    };
    Wijkplan {
        sjabloon: Sjabloon::Haaglanden2025,
        velden: Velden {
            wijk_wsv: veld(wijk_wsv, "Wijk/WSV"),
            gemeente_stadsdeel: veld(gemeente_stadsdeel, "Gemeente/stadsdeel"),
            // Meets four times a year and means to grow to five: KERNGROEP_FREQUENTIE and
            // DISCIPLINES_GROEI_ONVERMELD stay quiet unless a test changes this.
            kernteamleden: veld(
                "Het kernteam komt elk kwartaal bijeen en groeit naar vijf disciplines.",
                "Kernteamleden per discipline",
            ),
            ..Velden::default()
        },
        kerndisciplines: vec![
            Discipline::Huisarts,
            Discipline::Welzijn,
            Discipline::Apotheker,
        ],
        secties: vec![Sectie {
            nummer: 2,
            titel: "Huidige situatie in de wijk".into(),
            tekst: "We werken mee aan Welzijn op Recept.".into(),
            bron: "plan.docx §2".into(),
        }],
        themas: vec![],
        checklist: vec![],
        vingerafdruk: String::new(),
        begroting: None,
    }
}

fn begroting(totaal_euros: i64) -> Begroting {
    Begroting {
        wsv_naam: None,
        totaal_opgegeven: Some(Cents(totaal_euros * 100)),
        totaal_bron: Some("begroting.xlsx Begroting!H20".into()),
        regels: vec![Regel {
            post: "Projectleiding".into(),
            thema: None,
            omschrijving: None,
            uren: None,
            tarief: None,
            bedrag: Cents(totaal_euros * 100),
            cofinanciering: None,
            vacatie: false,
            bron: "begroting.xlsx Begroting!H7".into(),
            ..Regel::default()
        }],
        blad: "Begroting".into(),
        ..Begroting::default()
    }
}

fn rec(wsv: &str, plan: Option<Wijkplan>, begroting: Option<Begroting>) -> WsvRecord {
    WsvRecord {
        wsv: wsv.to_string(),
        plan: plan.map(|p| (format!("{wsv}/plan.docx"), p)),
        begroting: begroting.map(|b| (format!("{wsv}/begroting.xlsx"), b)),
        bestanden: vec![],
        eerdere_versies: vec![],
        samenwerkingsovereenkomst: Some(format!("{wsv}/samenwerkingsovereenkomst.pdf")),
        plan_scan: None,
        plaatsing: Plaatsing::default(),
        bevindingen: vec![],
    }
}

fn snapshot(recs: Vec<WsvRecord>) -> Snapshot {
    Snapshot {
        wsvs: recs,
        ..Snapshot::default()
    }
}

fn plaatsing_of<'a>(r: &'a AuditResult, wsv: &str) -> &'a Plaatsing {
    r.plaatsingen
        .iter()
        .find(|(n, _)| n == wsv)
        .map(|(_, p)| p)
        .expect("placed")
}

fn codes_of(r: &AuditResult, wsv: &str) -> Vec<Code> {
    r.bevindingen
        .iter()
        .filter(|b| b.wsv.as_deref() == Some(wsv))
        .map(|b| b.finding.code)
        .collect()
}

fn finding<'a>(r: &'a AuditResult, wsv: &str, code: Code) -> &'a Bevinding {
    r.bevindingen
        .iter()
        .find(|b| b.wsv.as_deref() == Some(wsv) && b.finding.code == code)
        .unwrap_or_else(|| panic!("{wsv}: no {code:?} in {:?}", codes_of(r, wsv)))
}

#[test]
fn aandeel_rounds_half_up_in_whole_euros() {
    assert_eq!(aandeel(Cents(300), 1, 2), Some(Cents(200))); // € 1,50 → € 2
    assert_eq!(aandeel(Cents(100), 1, 3), Some(Cents(0))); // € 0,33 → € 0
    assert_eq!(aandeel(Cents(200), 1, 3), Some(Cents(100))); // € 0,67 → € 1
    assert_eq!(aandeel(Cents(100), 1, 0), None);
    assert_eq!(voorbereidingsbudget(25_000), Cents(500_000));
    assert_eq!(voorbereidingsbudget(60_717), Cents(500_000));
    assert_eq!(voorbereidingsbudget(24_999), Cents(499_980));
    assert_eq!(voorbereidingsbudget(121), Cents(2_420));
}

#[test]
fn rijswijk_whole_gemeente_gets_its_whole_budget() {
    let r = run(
        &snapshot(vec![rec(
            "WSV Rijswijk",
            Some(plan("Rijswijk", "")),
            Some(begroting(61_200)),
        )]),
        &builtin(),
    );
    let p = plaatsing_of(&r, "WSV Rijswijk");
    assert_eq!(p.gemeente.as_deref(), Some("Rijswijk"));
    assert_eq!(p.stadsdeel.as_deref(), Some("Rijswijk"));
    assert_eq!(p.inwoners, Some(60_717));
    assert_eq!(p.aandeel_uitvoeringsbudget, Some(Cents(5_664_100)));
    assert_eq!(p.stadsdeel_budget, Some(Cents(5_664_100)));
    assert_eq!(p.voorbereidingsbudget, Some(Cents(500_000)));
    assert_eq!(ruimte(p, Some(&begroting(61_200))), Some(Cents(-455_900)));
    let b = finding(&r, "WSV Rijswijk", Code::BUDGET_OVER_SHARE);
    assert_eq!(
        b.finding.bericht,
        "Begroting € 61.200,00 ligt € 4.559,00 boven het aandeel van € 56.641,00."
    );
    assert_eq!(b.finding.bron, "begroting.xlsx Begroting!H20");
    assert_eq!(b.bestand.as_deref(), Some("WSV Rijswijk/begroting.xlsx"));
    // Alone in Rijswijk and above its whole budget: the gemeente is over budget too.
    assert_eq!(
        finding(&r, "WSV Rijswijk", Code::STADSDEEL_OVER_BUDGET).finding.bericht,
        "Deze WSV vraagt € 61.200,00 aan, € 4.559,00 meer dan het hele uitvoeringsbudget van gemeente Rijswijk (€ 56.641,00)."
    );
}

#[test]
fn wassenaar_is_placed_outside_den_haag() {
    let r = run(
        &snapshot(vec![rec(
            "Wassenaar",
            Some(plan("Gemeente Wassenaar", "WSV Wassenaar")),
            Some(begroting(25_667)),
        )]),
        &builtin(),
    );
    let p = plaatsing_of(&r, "Wassenaar");
    assert_eq!(
        (p.gemeente.as_deref(), p.stadsdeel.as_deref()),
        (Some("Wassenaar"), Some("Wassenaar"))
    );
    assert_eq!(p.aandeel_uitvoeringsbudget, Some(Cents(2_566_700)));
    assert_eq!(codes_of(&r, "Wassenaar"), Vec::<Code>::new());
}

#[test]
fn part_of_escamp_by_hand() {
    // Moerwijk 21.726 + Zuiderpark 121 = 21.847 inwoners;
    // 123.894 × 21.847 / 132.809 = 20.380,49 → € 20.380 (half up on whole euros).
    let r = run(
        &snapshot(vec![rec(
            "Zuid",
            Some(plan("Den Haag Escamp", "Moerwijk en Zuiderpark")),
            Some(begroting(20_380)),
        )]),
        &builtin(),
    );
    let p = plaatsing_of(&r, "Zuid");
    assert_eq!(p.wijken, ["Moerwijk", "Zuiderpark"]);
    assert_eq!(p.inwoners, Some(21_847));
    assert_eq!(p.aandeel_uitvoeringsbudget, Some(Cents(2_038_000)));
    assert_eq!(p.voorbereidingsbudget, Some(Cents(436_940)));
    assert_eq!(codes_of(&r, "Zuid"), [Code::INWONERS_ONDER_MINIMUM]);
    let f = finding(&r, "Zuid", Code::INWONERS_ONDER_MINIMUM);
    assert_eq!(f.finding.bron, "plan.docx §1 'Gemeente/stadsdeel'");
    assert_eq!(f.bestand.as_deref(), Some("Zuid/plan.docx"));
}

#[test]
fn inwoners_minimum_boundary() {
    let wk = parse(
        "gemeente;stadsdeel;wijk;inwoners;uitvoeringsbudget\n\
         Stad;Noord;;50000;50000\n\
         Stad;Noord;Alfa;25000;\n\
         Stad;Noord;Beta;24999;\n\
         Stad;Noord;Gamma;1;\n",
        "t.csv",
    )
    .expect("parses");
    let r = run(
        &snapshot(vec![
            rec("A", Some(plan("", "Alfa")), Some(begroting(1))),
            rec("B", Some(plan("", "Beta")), Some(begroting(1))),
        ]),
        &wk,
    );
    assert_eq!(codes_of(&r, "A"), Vec::<Code>::new());
    assert_eq!(codes_of(&r, "B"), [Code::INWONERS_ONDER_MINIMUM]);
    assert_eq!(
        finding(&r, "B", Code::INWONERS_ONDER_MINIMUM).finding.bericht,
        "De WSV bedient 24.999 inwoners, minder dan het minimum van 25.000, zodat het voorbereidingsbudget naar rato € 4.999,80 wordt."
    );
    // Placed by its wijk alone (the Gemeente/stadsdeel field is empty): bron is the Wijk/WSV field.
    assert_eq!(
        finding(&r, "B", Code::INWONERS_ONDER_MINIMUM).finding.bron,
        "plan.docx §1 'Wijk/WSV'"
    );
    assert_eq!(plaatsing_of(&r, "A").stadsdeel.as_deref(), Some("Noord"));
}

#[test]
fn stadsdeel_budget_boundary_to_the_euro() {
    // Laak € 45.015: Binckhorst 3.397 → € 3.169, Laakkwartier/Spoorwijk 44.858 → € 41.846; together
    // exactly € 45.015.
    let two = |extra: i64| {
        run(
            &snapshot(vec![
                rec(
                    "Binckhorst",
                    Some(plan("Den Haag, stadsdeel Laak", "Binckhorst")),
                    Some(begroting(3_169)),
                ),
                rec(
                    "Spoorwijk",
                    Some(plan("Laak", "Laakkwartier")),
                    Some(begroting(41_846 + extra)),
                ),
            ]),
            &builtin(),
        )
    };
    let r = two(0);
    assert!(r
        .bevindingen
        .iter()
        .all(|b| b.finding.code != Code::STADSDEEL_OVER_BUDGET));
    let laak = r
        .stadsdelen
        .iter()
        .find(|s| s.stadsdeel == "Laak")
        .expect("Laak row");
    assert_eq!(
        (laak.aangevraagd, laak.ruimte, laak.status.as_str()),
        (Cents(4_501_500), Cents(0), "binnen budget")
    );
    assert_eq!(laak.wsvs, ["Binckhorst", "Spoorwijk"]);
    assert_eq!(laak.inwoners_gedekt, 48_255);

    let r = two(1);
    assert_eq!(
        finding(&r, "Binckhorst", Code::STADSDEEL_OVER_BUDGET).finding.bericht,
        "Samen met Spoorwijk (€ 41.847,00) vraagt deze WSV (€ 3.169,00) € 45.016,00 aan, € 1,00 meer dan het uitvoeringsbudget van stadsdeel Laak (€ 45.015,00)."
    );
    assert_eq!(
        finding(&r, "Spoorwijk", Code::STADSDEEL_OVER_BUDGET).finding.bericht,
        "Samen met Binckhorst (€ 3.169,00) vraagt deze WSV (€ 41.847,00) € 45.016,00 aan, € 1,00 meer dan het uitvoeringsbudget van stadsdeel Laak (€ 45.015,00)."
    );
    assert_eq!(
        codes_of(&r, "Spoorwijk"),
        [Code::BUDGET_OVER_SHARE, Code::STADSDEEL_OVER_BUDGET]
    );
    let laak = r
        .stadsdelen
        .iter()
        .find(|s| s.stadsdeel == "Laak")
        .expect("Laak row");
    assert_eq!(
        (laak.ruimte, laak.status.as_str()),
        (Cents(-100), "over budget")
    );
}

#[test]
fn stadsdeel_rows_cover_all_units_in_table_order() {
    let r = run(
        &snapshot(vec![rec("Segbroek", None, Some(begroting(10_000)))]),
        &builtin(),
    );
    let names: Vec<&str> = r.stadsdelen.iter().map(|s| s.stadsdeel.as_str()).collect();
    assert_eq!(names.len(), 11);
    assert_eq!(names[0], "Centrum");
    assert_eq!(names[10], "Wassenaar");
    let statuses: Vec<&str> = r.stadsdelen.iter().map(|s| s.status.as_str()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == "geen aanvragen").count(),
        10
    );
    let seg = r
        .stadsdelen
        .iter()
        .find(|s| s.stadsdeel == "Segbroek")
        .expect("row");
    assert_eq!(
        (seg.aangevraagd, seg.ruimte, seg.status.as_str()),
        (Cents(1_000_000), Cents(4_901_200), "binnen budget")
    );
}

#[test]
fn begroting_only_wsv_is_placed_by_its_name() {
    let r = run(
        &snapshot(vec![rec("Segbroek", None, Some(begroting(10_000)))]),
        &builtin(),
    );
    assert_eq!(
        plaatsing_of(&r, "Segbroek").stadsdeel.as_deref(),
        Some("Segbroek")
    );
    assert_eq!(codes_of(&r, "Segbroek"), [Code::WIJKPLAN_ONTBREEKT]);
    let f = finding(&r, "Segbroek", Code::WIJKPLAN_ONTBREEKT);
    assert_eq!(
        (f.finding.bron.as_str(), f.finding.ernst),
        ("Segbroek/begroting.xlsx", Ernst::Fout)
    );
}

#[test]
fn plan_without_begroting() {
    let r = run(
        &snapshot(vec![rec(
            "Ypenburg",
            Some(plan("Leidschenveen-Ypenburg", "")),
            None,
        )]),
        &builtin(),
    );
    assert_eq!(codes_of(&r, "Ypenburg"), [Code::BEGROTING_ONTBREEKT]);
    assert_eq!(
        finding(&r, "Ypenburg", Code::BEGROTING_ONTBREEKT)
            .finding
            .bericht,
        "Bij het wijkplan is geen begroting gevonden."
    );
    let row = r
        .stadsdelen
        .iter()
        .find(|s| s.stadsdeel == "Leidschenveen-Ypenburg")
        .expect("row");
    // Nothing asked because nothing was sent is not "binnen budget" (issue 8.7).
    assert_eq!(
        (row.aangevraagd, row.status.as_str()),
        (Cents(0), "geen begroting")
    );
}

#[test]
fn unknown_place_and_two_stadsdelen() {
    let r = run(
        &snapshot(vec![
            rec(
                "Vlietzone",
                Some(plan("Vlietzone", "")),
                Some(begroting(1_000)),
            ),
            rec(
                "Grens",
                Some(plan("", "Moerwijk, Binckhorst")),
                Some(begroting(1_000)),
            ),
        ]),
        &builtin(),
    );
    let f = finding(&r, "Vlietzone", Code::STADSDEEL_ONBEKEND);
    assert_eq!(
        f.finding.bericht,
        "‘Vlietzone’ komt niet voor in de wijkindeling."
    );
    assert_eq!(f.finding.bron, "plan.docx §1 'Gemeente/stadsdeel'");
    assert_eq!(plaatsing_of(&r, "Vlietzone"), &Plaatsing::default());
    let f = finding(&r, "Grens", Code::BUITEN_STADSDEEL);
    assert_eq!(f.finding.bericht, "De WSV ligt niet binnen één stadsdeel of gemeente: Moerwijk (Escamp) en Binckhorst (Laak).");
    assert_eq!(f.finding.bron, "plan.docx §1 'Wijk/WSV'");
    let p = plaatsing_of(&r, "Grens");
    assert_eq!(
        (p.stadsdeel.as_deref(), p.aandeel_uitvoeringsbudget),
        (None, None)
    );
    assert_eq!(p.wijken, ["Moerwijk", "Binckhorst"]);
    // Neither is in a stadsdeel row: both are in the row for what could not be placed.
    let (last, units) = r.stadsdelen.split_last().expect("rows");
    assert!(units.iter().all(|s| s.wsvs.is_empty()));
    assert_eq!(last.wsvs, ["Grens", "Vlietzone"]);
}

#[test]
fn section_text_places_when_fields_and_name_do_not() {
    let mut p = plan("", "");
    p.secties[0].tekst =
        "Ons WSV werkt in Bezuidenhout. We werken mee aan Welzijn op Recept.".into();
    let r = run(
        &snapshot(vec![rec("Oost", Some(p), Some(begroting(1_000)))]),
        &builtin(),
    );
    assert_eq!(
        plaatsing_of(&r, "Oost").stadsdeel.as_deref(),
        Some("Haagse Hout")
    );
    assert_eq!(plaatsing_of(&r, "Oost").inwoners, Some(19_466));
}

#[test]
fn plan_rules_reach_the_result_in_code_order() {
    let mut p = plan("Loosduinen", "");
    p.kerndisciplines = vec![Discipline::Huisarts];
    p.secties.clear();
    p.themas = vec![crate::domain::Thema {
        nummer: 2,
        naam: "2. Preventie".into(),
        doelen: "Meer bewegen".into(),
        bron: "Loos/plan.docx §4 rij 2".into(),
        ..Default::default()
    }];
    let mut b = begroting(1_000);
    b.totaal_opgegeven = Some(Cents(110_000));
    let r = run(&snapshot(vec![rec("Loos", Some(p), Some(b))]), &builtin());
    assert_eq!(
        codes_of(&r, "Loos"),
        [
            Code::DISCIPLINES_ONDER_MINIMUM,
            Code::BEGROTING_SOM_AFWIJKING,
            Code::THEMA_ZONDER_BEGROTING,
            Code::HAAGLANDEN_GEZONDER_ONTBREEKT
        ]
    );
    let f = finding(&r, "Loos", Code::DISCIPLINES_ONDER_MINIMUM);
    assert_eq!(
        f.finding.bron,
        "plan.docx §1 'Kernteamleden per discipline'"
    );
    assert_eq!(
        finding(&r, "Loos", Code::BEGROTING_SOM_AFWIJKING)
            .bestand
            .as_deref(),
        Some("Loos/begroting.xlsx")
    );
}

#[test]
fn earlier_results_are_ignored_and_runs_are_deterministic() {
    let mut a = rec("Zeta", Some(plan("Centrum", "")), Some(begroting(1_000)));
    a.bevindingen.push(Bevinding {
        wsv: Some("Zeta".into()),
        bestand: None,
        finding: Finding::new(Code::WIJKPLAN_ONTBREEKT, "oud", "x"),
    });
    a.plaatsing.stadsdeel = Some("Escamp".into());
    // Another stadsdeel: two WSVs for all of Centrum would overlap.
    let b = rec("Alfa", Some(plan("Laak", "")), Some(begroting(1_000)));
    let mut empty = rec("Leeg", None, None);
    empty.samenwerkingsovereenkomst = None;
    let s = snapshot(vec![a, b, empty]);
    let r = run(&s, &builtin());
    let names: Vec<&str> = r.plaatsingen.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Alfa", "Zeta"]);
    assert_eq!(
        plaatsing_of(&r, "Zeta").stadsdeel.as_deref(),
        Some("Centrum")
    );
    assert!(codes_of(&r, "Zeta").is_empty());
    let again = run(&s, &builtin());
    assert_eq!(again.bevindingen, r.bevindingen);
    assert_eq!(again.stadsdelen, r.stadsdelen);
}

#[test]
fn reference_findings_are_regional() {
    let r = run(&Snapshot::default(), &builtin());
    let regio: Vec<&Bevinding> = r.bevindingen.iter().filter(|b| b.wsv.is_none()).collect();
    assert_eq!(regio.len(), 1);
    assert_eq!(regio[0].finding.code, Code::REFERENTIE_AFWIJKING);
    assert_eq!(
        regio[0].bestand.as_deref(),
        Some("wijkindeling-2025-2026.csv")
    );
    assert_eq!(regio[0].finding.bron, "wijkindeling-2025-2026.csv regel 54");
}

#[test]
fn terminal_shows_table_and_findings() {
    let recs = vec![rec(
        "WSV Rijswijk",
        Some(plan("Rijswijk", "")),
        Some(begroting(61_200)),
    )];
    let r = run(&snapshot(recs.clone()), &builtin());
    // Put the result where the register would: on the records and in the snapshot.
    let mut s = snapshot(recs);
    for w in &mut s.wsvs {
        w.plaatsing = plaatsing_of(&r, &w.wsv).clone();
        w.bevindingen = r
            .bevindingen
            .iter()
            .filter(|b| b.wsv.as_deref() == Some(&w.wsv))
            .cloned()
            .collect();
    }
    s.stadsdelen = r.stadsdelen.clone();
    s.bevindingen_regio = r
        .bevindingen
        .iter()
        .filter(|b| b.wsv.is_none())
        .cloned()
        .collect();
    let text = render_terminal(&s);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.contains(&"Stadsdeel                Beschikbaar  Aangevraagd        Ruimte  Status"),
        "{text}"
    );
    assert!(
        lines.contains(
            &"Rijswijk                 € 56.641,00  € 61.200,00   -€ 4.559,00  over budget"
        ),
        "{text}"
    );
    assert!(
        lines.contains(
            &"Centrum                 € 103.091,00       € 0,00  € 103.091,00  geen aanvragen"
        ),
        "{text}"
    );
    assert!(lines.contains(&"WSV WSV Rijswijk: afgekeurd"), "{text}");
    assert!(
        lines.contains(&format!("  waarschuwing  {:<37}Begroting € 61.200,00 ligt € 4.559,00 boven het aandeel van € 56.641,00.", "BUDGET_OVER_SHARE").as_str()),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.trim() == "bron: begroting.xlsx Begroting!H20"),
        "{text}"
    );
    assert!(lines.contains(&"Regio"), "{text}");
}

#[test]
fn a_wsv_known_only_from_an_agreement_misses_plan_and_begroting() {
    let mut only_sok = rec("Moerwijk", None, None);
    only_sok.bestanden = vec!["Moerwijk/samenwerkingsovereenkomst.pdf".into()];
    let r = run(&snapshot(vec![only_sok]), &builtin());
    let codes = codes_of(&r, "Moerwijk");
    assert!(codes.contains(&Code::WIJKPLAN_ONTBREEKT), "{codes:?}");
    assert!(codes.contains(&Code::BEGROTING_ONTBREEKT), "{codes:?}");
    assert!(!codes.contains(&Code::SAMENWERKINGSOVEREENKOMST_ONTBREEKT));
}

#[test]
fn a_wsv_without_agreement_gets_the_finding_on_its_plan() {
    let mut w = rec("Zeta", Some(plan("Centrum", "")), Some(begroting(1_000)));
    w.samenwerkingsovereenkomst = None;
    let r = run(&snapshot(vec![w]), &builtin());
    let f = finding(&r, "Zeta", Code::SAMENWERKINGSOVEREENKOMST_ONTBREEKT);
    assert_eq!(f.finding.bron, "Zeta/plan.docx");
    assert_eq!(f.finding.ernst, crate::domain::Ernst::Waarschuwing);
}

fn begroting_met_kopcellen(
    totaal: i64,
    gemeente_stadsdeel: &str,
    wijken: &str,
    wsv: &str,
) -> Begroting {
    let cel = |v: &str, c: &str| Veld {
        waarde: (!v.is_empty()).then(|| v.to_string()),
        bron: format!("{wsv}.xlsx Begroting!{c}"),
    };
    Begroting {
        gemeente_stadsdeel: cel(gemeente_stadsdeel, "B2"),
        wijken: cel(wijken, "B3"),
        ..begroting(totaal)
    }
}

#[test]
fn begroting_only_wsv_is_placed_by_its_header_cells() {
    // Bezuidenhout 19.466 + Mariahoeve/Marlot 15.685 = 35.151 of Haagse Hout's 50.368;
    // 46.986 × 35.151 / 50.368 = 32.790,76 → € 32.791. By its name alone it would get Bezuidenhout.
    let r = run(
        &snapshot(vec![
            rec(
                "WSV Bezuidenhout",
                None,
                Some(begroting_met_kopcellen(
                    30_000,
                    "Den Haag, Haagse Hout",
                    "Bezuidenhout en Mariahoeve/Marlot",
                    "hout",
                )),
            ),
            rec(
                "Ypenburg-Oost",
                None,
                Some(begroting_met_kopcellen(
                    1_000,
                    "",
                    "Hoorndijk, Forepark",
                    "ypenburg",
                )),
            ),
        ]),
        &builtin(),
    );
    let p = plaatsing_of(&r, "WSV Bezuidenhout");
    assert_eq!(p.stadsdeel.as_deref(), Some("Haagse Hout"));
    assert_eq!(p.wijken, ["Bezuidenhout", "Mariahoeve/Marlot"]);
    assert_eq!(p.inwoners, Some(35_151));
    assert_eq!(p.aandeel_uitvoeringsbudget, Some(Cents(3_279_100)));
    assert_eq!(codes_of(&r, "WSV Bezuidenhout"), [Code::WIJKPLAN_ONTBREEKT]);
    // Only the Wijk(en) cell is filled in: the placement rests on it (Hoorndijk 984 + Forepark 135).
    let p = plaatsing_of(&r, "Ypenburg-Oost");
    assert_eq!(p.stadsdeel.as_deref(), Some("Leidschenveen-Ypenburg"));
    assert_eq!(p.inwoners, Some(1_119));
    let f = finding(&r, "Ypenburg-Oost", Code::INWONERS_ONDER_MINIMUM);
    assert_eq!(f.finding.bron, "ypenburg.xlsx Begroting!B3");
    assert_eq!(f.bestand.as_deref(), Some("Ypenburg-Oost/begroting.xlsx"));
}

#[test]
fn begroting_cells_name_the_wijken_of_a_stadsdeel_the_plan_names_whole() {
    let r = run(
        &snapshot(vec![rec(
            "Zuid",
            Some(plan("Den Haag Escamp", "WSV Zuid")),
            Some(begroting_met_kopcellen(
                20_000,
                "",
                "Moerwijk, Zuiderpark",
                "zuid",
            )),
        )]),
        &builtin(),
    );
    let p = plaatsing_of(&r, "Zuid");
    assert_eq!(p.wijken, ["Moerwijk", "Zuiderpark"]);
    assert_eq!(p.inwoners, Some(21_847));
    // The plan's field still decides the stadsdeel: bron is the plan's field.
    assert_eq!(
        finding(&r, "Zuid", Code::INWONERS_ONDER_MINIMUM)
            .finding
            .bron,
        "plan.docx §1 'Gemeente/stadsdeel'"
    );
    // Begroting cells in another stadsdeel do not move a plan that names its own.
    let r = run(
        &snapshot(vec![rec(
            "Zuid",
            Some(plan("Den Haag Escamp", "")),
            Some(begroting_met_kopcellen(20_000, "", "Binckhorst", "zuid")),
        )]),
        &builtin(),
    );
    assert_eq!(plaatsing_of(&r, "Zuid").inwoners, Some(132_809));
}

#[test]
fn a_neighbour_wsv_in_the_text_places_nothing() {
    let mut p = plan("Vlietzone", "");
    p.secties.push(Sectie {
        nummer: 5,
        titel: "Behoefte aan ondersteuning".into(),
        tekst: "We willen graag leren van WSV Escamp Zuid, die al verder is met Welzijn op Recept."
            .into(),
        bron: "plan.docx §5".into(),
    });
    let r = run(
        &snapshot(vec![rec("De Vliet", Some(p), Some(begroting(35_000)))]),
        &builtin(),
    );
    assert_eq!(plaatsing_of(&r, "De Vliet"), &Plaatsing::default());
    let f = finding(&r, "De Vliet", Code::STADSDEEL_ONBEKEND);
    // The name "De Vliet" is quoted too: it is no place either.
    assert_eq!(
        f.finding.bericht,
        "‘Vlietzone’ en ‘Vliet’ komen niet voor in de wijkindeling."
    );
    let escamp = r
        .stadsdelen
        .iter()
        .find(|s| s.stadsdeel == "Escamp")
        .expect("row");
    assert!(escamp.wsvs.is_empty());
}

#[test]
fn two_whole_gemeente_wsvs_overlap() {
    let r = run(
        &snapshot(vec![
            rec(
                "Rijswijk Oost",
                Some(plan("Rijswijk", "")),
                Some(begroting(20_000)),
            ),
            rec(
                "Rijswijk West",
                Some(plan("Gemeente Rijswijk", "")),
                Some(begroting(20_000)),
            ),
        ]),
        &builtin(),
    );
    let f = finding(&r, "Rijswijk Oost", Code::WSV_OVERLAP);
    assert_eq!(f.finding.ernst, Ernst::Fout);
    assert_eq!(
        f.finding.bericht,
        "Overlap met een andere WSV: Rijswijk West dekt ook heel gemeente Rijswijk; samen claimen de WSV's van gemeente Rijswijk (Rijswijk Oost 60.717, Rijswijk West 60.717) 121.434 inwoners, 60.717 meer dan de 60.717 die Rijswijk heeft."
    );
    assert_eq!(f.finding.bron, "plan.docx §1 'Gemeente/stadsdeel'");
    assert_eq!(f.bestand.as_deref(), Some("Rijswijk Oost/plan.docx"));
    assert_eq!(
        finding(&r, "Rijswijk West", Code::WSV_OVERLAP).finding.bericht,
        "Overlap met een andere WSV: Rijswijk Oost dekt ook heel gemeente Rijswijk; samen claimen de WSV's van gemeente Rijswijk (Rijswijk Oost 60.717, Rijswijk West 60.717) 121.434 inwoners, 60.717 meer dan de 60.717 die Rijswijk heeft."
    );
}

#[test]
fn a_wijk_claimed_twice_overlaps() {
    let r = run(
        &snapshot(vec![
            rec(
                "A",
                Some(plan("Escamp", "Moerwijk en Zuiderpark")),
                Some(begroting(1_000)),
            ),
            rec(
                "B",
                Some(plan("Escamp", "Moerwijk, Morgenstond")),
                Some(begroting(1_000)),
            ),
            rec(
                "C",
                Some(plan("Escamp", "Leyenburg")),
                Some(begroting(1_000)),
            ),
        ]),
        &builtin(),
    );
    // 21.847 + 42.509 + 17.030 = 81.386 inwoners claimed, fewer than Escamp's 132.809: the shared
    // wijk alone is the overlap.
    assert_eq!(
        finding(&r, "A", Code::WSV_OVERLAP).finding.bericht,
        "Overlap met een andere WSV: B claimt ook Moerwijk (21.726 inwoners)."
    );
    assert_eq!(
        finding(&r, "B", Code::WSV_OVERLAP).finding.bericht,
        "Overlap met een andere WSV: A claimt ook Moerwijk (21.726 inwoners)."
    );
    assert!(!codes_of(&r, "C").contains(&Code::WSV_OVERLAP));

    // A WSV for the whole stadsdeel and one for a wijk in it.
    let r = run(
        &snapshot(vec![
            rec("D", Some(plan("Laak", "")), Some(begroting(1_000))),
            rec(
                "E",
                Some(plan("Laak", "Binckhorst")),
                Some(begroting(1_000)),
            ),
        ]),
        &builtin(),
    );
    assert_eq!(
        finding(&r, "D", Code::WSV_OVERLAP).finding.bericht,
        "Overlap met een andere WSV: E claimt ook Binckhorst (3.397 inwoners); samen claimen de WSV's van stadsdeel Laak (D 48.255, E 3.397) 51.652 inwoners, 3.397 meer dan de 48.255 die Laak heeft."
    );
    assert_eq!(
        finding(&r, "E", Code::WSV_OVERLAP).finding.bericht,
        "Overlap met een andere WSV: D dekt ook heel stadsdeel Laak; samen claimen de WSV's van stadsdeel Laak (D 48.255, E 3.397) 51.652 inwoners, 3.397 meer dan de 48.255 die Laak heeft."
    );
    // Disjoint wijken that together make the whole stadsdeel: no overlap.
    let r = run(
        &snapshot(vec![
            rec(
                "F",
                Some(plan("Laak", "Laakkwartier")),
                Some(begroting(1_000)),
            ),
            rec(
                "G",
                Some(plan("Laak", "Binckhorst")),
                Some(begroting(1_000)),
            ),
        ]),
        &builtin(),
    );
    assert!(r
        .bevindingen
        .iter()
        .all(|b| b.finding.code != Code::WSV_OVERLAP));
}

#[test]
fn unplaced_requests_have_their_own_row() {
    let r = run(
        &snapshot(vec![
            rec(
                "Vlietzone",
                Some(plan("Vlietzone", "")),
                Some(begroting(35_000)),
            ),
            rec(
                "Grens",
                Some(plan("", "Duinoord en Vogelwijk")),
                Some(begroting(30_000)),
            ),
            rec("Laak", Some(plan("Laak", "")), Some(begroting(41_250))),
            rec("Nergens", Some(plan("", "")), None),
        ]),
        &builtin(),
    );
    let last = r.stadsdelen.last().expect("rows");
    assert_eq!(
        last,
        &StadsdeelRij {
            gemeente: String::new(),
            stadsdeel: "niet geplaatst".into(),
            inwoners: 0,
            uitvoeringsbudget: Cents(0),
            wsvs: vec!["Grens".into(), "Nergens".into(), "Vlietzone".into()],
            inwoners_gedekt: 0,
            aangevraagd: Cents(6_500_000),
            ruimte: Cents(-6_500_000),
            status: "niet geplaatst".into(),
        }
    );
    // Every euro asked (35.000 + 30.000 + 41.250) is in exactly one row.
    let asked: i64 = r.stadsdelen.iter().map(|s| s.aangevraagd.0).sum();
    assert_eq!(asked, 10_625_000);
    assert_eq!(r.stadsdelen.len(), 12);
    // Without unplaced WSVs there is no such row.
    let r = run(
        &snapshot(vec![rec(
            "Laak",
            Some(plan("Laak", "")),
            Some(begroting(41_250)),
        )]),
        &builtin(),
    );
    assert_eq!(r.stadsdelen.len(), 11);
    assert!(r.stadsdelen.iter().all(|s| s.status != "niet geplaatst"));
}

/// A made-up theme word for theme `k`: `wijkactie` and three letters. All have the same length, so
/// none is part of another and each line can name exactly one theme.
fn themawoord(k: u32) -> String {
    let letter = |i: u32| char::from(b'a' + (i % 26) as u8);
    format!(
        "wijkactie{}{}{}",
        letter(k / 676),
        letter(k / 26),
        letter(k)
    )
}

/// 2,000 themes with content and 2,000 budget lines (issue 12: the check was cubic and took
/// minutes). Every even theme has a line, named in one of four ways; the other 1,000 lines name no
/// theme. So exactly the 1,000 odd themes have no line. The timing is in `make bench`.
#[test]
fn two_thousand_themes_and_lines() {
    const N: u32 = 2_000;
    let mut p = plan("Laak", "");
    p.themas = (1..=N)
        .map(|k| crate::domain::Thema {
            nummer: k,
            naam: format!("{k}. {}", themawoord(k)),
            doelen: format!("Doel van thema {k}"),
            bron: format!("Laak/plan.docx §4 rij {k}"),
            ..Default::default()
        })
        .collect();
    let line = |post: String, thema: Option<String>, i: u32| Regel {
        post,
        thema,
        omschrijving: None,
        uren: None,
        tarief: None,
        bedrag: Cents(10_000),
        cofinanciering: None,
        vacatie: false,
        bron: format!("begroting.xlsx Begroting!F{}", i + 5),
        ..Regel::default()
    };
    let mut regels = Vec::new();
    for k in (2..=N).step_by(2) {
        let w = themawoord(k);
        regels.push(match (k / 2) % 4 {
            // The thema cell holds the number.
            0 => line("Bijeenkomst".into(), Some(k.to_string()), k),
            // The thema cell holds the name.
            1 => line("Bijeenkomst".into(), Some(w), k),
            // No thema cell; the post says `thema k`.
            2 => line(format!("Bijeenkomsten thema {k}"), None, k),
            // A thema number no theme has: the post decides.
            _ => line(format!("Inzet {w}"), Some("9999".into()), k),
        });
    }
    for i in 0..N / 2 {
        regels.push(line(format!("Zaalhuur {i}"), Some("Overig".into()), N + i));
    }
    assert_eq!(regels.len(), 2_000);
    let mut b = begroting(0);
    b.regels = regels;
    b.totaal_opgegeven = None;
    let r = run(&snapshot(vec![rec("Laak", Some(p), Some(b))]), &builtin());
    let zonder: Vec<&Bevinding> = r
        .bevindingen
        .iter()
        .filter(|b| b.finding.code == Code::THEMA_ZONDER_BEGROTING)
        .collect();
    let expected: Vec<String> = (1..=N)
        .filter(|k| k % 2 == 1)
        .map(|k| format!("Laak/plan.docx §4 rij {k}"))
        .collect();
    assert_eq!(
        zonder
            .iter()
            .map(|b| b.finding.bron.clone())
            .collect::<Vec<_>>(),
        expected
    );
    assert_eq!(
        zonder[0].finding.bericht,
        "Thema 1 ‘wijkactieaab’ heeft inhoud in het wijkplan maar geen regel in de begroting; de benodigde middelen zijn niet ingevuld."
    );
}

/// `n` WSVs in Escamp, each claiming Moerwijk and asking € 1.000: every one over budget and
/// overlapping every other.
fn crowd(n: usize) -> AuditResult {
    let recs = (0..n)
        .map(|i| {
            rec(
                &format!("W{i:04}"),
                Some(plan("Escamp", "Moerwijk")),
                Some(begroting(1_000)),
            )
        })
        .collect();
    run(&snapshot(recs), &builtin())
}

/// Characters of the STADSDEEL_OVER_BUDGET and WSV_OVERLAP messages, all WSVs together.
fn crowd_text(r: &AuditResult) -> usize {
    r.bevindingen
        .iter()
        .filter(|b| {
            matches!(
                b.finding.code,
                Code::STADSDEEL_OVER_BUDGET | Code::WSV_OVERLAP
            )
        })
        .map(|b| b.finding.bericht.chars().count())
        .sum()
}

#[test]
fn messages_about_other_wsvs_stay_bounded_with_a_thousand_wsvs() {
    // See issue 12: messages naming every other WSV made 1,000 WSVs ~84 MB of finding text.
    let r = run_crowd_checks(1_000);
    // Linear: the text per WSV does not grow with the number of WSVs (only the counts' digits).
    // 200 WSVs are over budget and overlapping too, so the same two messages are compared.
    let small = run_crowd_checks(200);
    let per_wsv_small = crowd_text(&small) / 200;
    let per_wsv_large = crowd_text(&r) / 1_000;
    assert!(
        per_wsv_large <= per_wsv_small + 20,
        "{per_wsv_large} tekens per WSV bij 1.000, {per_wsv_small} bij 200"
    );
    assert!(per_wsv_large < 2_000, "{per_wsv_large}");
}

/// The exact messages for WSV W0000 among `n` (from the construction: n × € 1.000 asked of
/// Escamp's € 123.894; n × 21.726 inhabitants of Moerwijk claimed of Escamp's 132.809).
fn run_crowd_checks(n: usize) -> AuditResult {
    let r = crowd(n);
    let named = (1..=10)
        .map(|i| format!("W{i:04} (€ 1.000,00)"))
        .collect::<Vec<_>>()
        .join(", ");
    let rest = n - 11;
    assert_eq!(
        finding(&r, "W0000", Code::STADSDEEL_OVER_BUDGET).finding.bericht,
        format!(
            "Samen met {named} en nog {} andere WSV's (samen € {}.000,00; alle WSV's van stadsdeel Escamp staan in stadsdelen.csv) vraagt deze WSV (€ 1.000,00) {} aan, {} meer dan het uitvoeringsbudget van stadsdeel Escamp (€ 123.894,00).",
            nl_getal(rest as u64),
            rest,
            crate::domain::Cents(n as i64 * 100_000).nl(),
            crate::domain::Cents((n as i64 * 1_000 - 123_894) * 100).nl(),
        )
    );
    let partners = (1..=10)
        .map(|i| format!("W{i:04} claimt ook Moerwijk (21.726 inwoners)"))
        .collect::<Vec<_>>()
        .join("; ");
    let claimants = (0..10)
        .map(|i| format!("W{i:04} 21.726"))
        .collect::<Vec<_>>()
        .join(", ");
    assert_eq!(
        finding(&r, "W0000", Code::WSV_OVERLAP).finding.bericht,
        format!(
            "Overlap met andere WSV's: {partners}; in totaal claimen {} WSV's Moerwijk (21.726 inwoners) (alle WSV's per stadsdeel staan in stadsdelen.csv); samen claimen de WSV's van stadsdeel Escamp ({claimants} en nog {} andere WSV's) {} inwoners, {} meer dan de 132.809 die Escamp heeft.",
            nl_getal(n as u64),
            nl_getal(n as u64 - 10),
            nl_getal(n as u64 * 21_726),
            nl_getal(n as u64 * 21_726 - 132_809),
        )
    );
    // The full list is in the stadsdeel's row.
    let escamp = r
        .stadsdelen
        .iter()
        .find(|s| s.stadsdeel == "Escamp")
        .unwrap();
    assert_eq!(escamp.wsvs.len(), n);
    r
}

#[test]
fn a_few_wsvs_are_all_named() {
    // Up to MAX_NAMED_PER_MESSAGE others the messages name everyone, as before. 3 × 21.726
    // inhabitants and 3 × € 1.000 fit Escamp: only the shared wijk is reported.
    let r = crowd(3);
    assert_eq!(
        finding(&r, "W0001", Code::WSV_OVERLAP).finding.bericht,
        "Overlap met andere WSV's: W0000 claimt ook Moerwijk (21.726 inwoners); W0002 claimt ook Moerwijk (21.726 inwoners)."
    );
    assert!(!codes_of(&r, "W0001").contains(&Code::STADSDEEL_OVER_BUDGET));
}

/// A Zorg en Zekerheid 2018 plan in Rijswijk (the wijkindeling has no wijken there) that says in
/// chapter 2 how many people live in its wijk.
fn zz_plan_rijswijk(hoofdstuk_2: &str) -> Wijkplan {
    let mut p = plan("Rijswijk", "WSV Rijswijk-Zuid");
    p.sjabloon = Sjabloon::ZorgEnZekerheid2018;
    p.secties = vec![Sectie {
        nummer: 0,
        titel: "Beschrijving wijk- en patiëntenpopulatie".into(),
        tekst: hoofdstuk_2.into(),
        bron: "plan.docx §2".into(),
    }];
    p
}

#[test]
fn zorg_en_zekerheid_plan_counts_the_inhabitants_it_states_for_a_whole_gemeente() {
    let r = run(
        &snapshot(vec![rec(
            "WSV Rijswijk-Zuid",
            Some(zz_plan_rijswijk(
                "Ons werkgebied is Rijswijk-Zuid (Te Werve en Steenvoorde). In de wijk wonen 12.400 mensen; een op de vijf is 65 of ouder.",
            )),
            None,
        )]),
        &builtin(),
    );
    let p = plaatsing_of(&r, "WSV Rijswijk-Zuid");
    assert_eq!(p.gemeente.as_deref(), Some("Rijswijk"));
    assert_eq!(p.inwoners, Some(12_400));
    // € 56.641 × 12.400 / 60.717 = € 11.567,57 → € 11.568; € 0,20 × 12.400 = € 2.480.
    assert_eq!(p.aandeel_uitvoeringsbudget, Some(Cents(1_156_800)));
    assert_eq!(p.voorbereidingsbudget, Some(Cents(248_000)));
    let f = finding(&r, "WSV Rijswijk-Zuid", Code::INWONERS_ONDER_MINIMUM);
    assert!(
        f.finding.bericht.contains("12.400"),
        "{}",
        f.finding.bericht
    );
    assert!(
        f.finding
            .bron
            .starts_with("plan.docx §2 (aantal inwoners zoals het plan het noemt"),
        "{}",
        f.finding.bron
    );
}

#[test]
fn a_stated_number_is_not_used_when_it_is_not_smaller_or_the_plan_is_in_the_resv_sjabloon() {
    // More than the gemeente has: the wijkindeling stays.
    let r = run(
        &snapshot(vec![rec(
            "WSV Rijswijk-Zuid",
            Some(zz_plan_rijswijk("Rijswijk telt 75.000 inwoners.")),
            None,
        )]),
        &builtin(),
    );
    assert_eq!(plaatsing_of(&r, "WSV Rijswijk-Zuid").inwoners, Some(60_717));
    // The RESV sjabloon has no chapter for it: §1 places the WSV, the wijkindeling counts.
    let mut resv = zz_plan_rijswijk("In de wijk wonen 12.400 mensen.");
    resv.sjabloon = Sjabloon::Haaglanden2025;
    let r = run(
        &snapshot(vec![rec("WSV Rijswijk-Zuid", Some(resv), None)]),
        &builtin(),
    );
    assert_eq!(plaatsing_of(&r, "WSV Rijswijk-Zuid").inwoners, Some(60_717));
}
