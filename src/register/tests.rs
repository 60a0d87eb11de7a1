use super::*;
use crate::domain::{
    Begroting, Cents, ChecklistItem, Code, Discipline, Ernst, Finding, Regel, Sectie, Sjabloon,
    Thema, Veld, Velden, Wijkplan,
};
use crate::snapshot::{
    Assignment, AuditResult, Bevinding, Content, FileOutcome, Plaatsing, Soort, StadsdeelRij,
    Status,
};

/// The schema steps in order: the first `n` make a register of version `n` (for migration tests).
const SCHEMAS: [&str; 9] = [
    super::SCHEMA_SQL,
    super::SCHEMA_V2_SQL,
    super::SCHEMA_V3_SQL,
    super::SCHEMA_V4_SQL,
    super::SCHEMA_V5_SQL,
    super::SCHEMA_V6_SQL,
    super::SCHEMA_V7_SQL,
    super::SCHEMA_V8_SQL,
    super::SCHEMA_V9_SQL,
];

fn veld(w: Option<&str>, bron: &str) -> Veld {
    Veld {
        waarde: w.map(str::to_string),
        bron: bron.to_string(),
    }
}

pub(crate) fn plan(naam: &str, versie: &str) -> Wijkplan {
    let f = format!("{naam}.docx");
    Wijkplan {
        sjabloon: Sjabloon::Haaglanden2025,
        velden: Velden {
            wijk_wsv: veld(Some(naam), &format!("{f} §1 'Wijk/WSV'")),
            gemeente_stadsdeel: veld(
                Some("Den Haag / Laak"),
                &format!("{f} §1 'Gemeente/stadsdeel'"),
            ),
            versie_datum: veld(Some(versie), &format!("{f} §1 'Versie/datum'")),
            aanjagers: veld(None, &format!("{f} §1 'Aanjager(s)'")),
            aanspreekpunt_resv: veld(Some("J. Jansen"), &format!("{f} §1 'Aanspreekpunt RESV'")),
            budgethouder: veld(None, &format!("{f} §1 'Budgethouder'")),
            kernteamleden: veld(
                Some("A (huisarts)\nB (welzijn)"),
                &format!("{f} §1 'Kernteamleden'"),
            ),
        },
        kerndisciplines: vec![
            Discipline::Huisarts,
            Discipline::Welzijn,
            Discipline::Apotheker,
        ],
        secties: vec![Sectie {
            nummer: 2,
            titel: "Huidige situatie in de wijk".into(),
            tekst: "Veel ouderen.\n\nWeinig welzijn.".into(),
            bron: format!("{f} §2"),
        }],
        themas: vec![
            Thema {
                nummer: 1,
                naam: "Wijkgerichte samenwerking".into(),
                doelen: "Elk kwartaal overleg".into(),
                activiteiten: "Overleg".into(),
                resultaten: String::new(),
                middelen: "Vacatiegeld".into(),
                partijen: "Huisartsen".into(),
                bron: format!("{f} §4 rij 1"),
                cel_bronnen: [
                    format!("{f} §4 rij 1 'Doelen (SMART)'"),
                    format!("{f} §4 rij 1 'Activiteiten' (samengevoegde cel)"),
                    format!("{f} §4 rij 1 'Resultaten'"),
                    format!("{f} §4 rij 1 'Benodigde middelen'"),
                    format!("{f} §4 rij 1 'Betrokken partijen en trekker'"),
                ],
            },
            Thema {
                nummer: 2,
                naam: "Preventie".into(),
                bron: format!("{f} §4 rij 2"),
                ..Thema::default()
            },
        ],
        checklist: vec![
            ChecklistItem {
                tekst: "Kerngroep".into(),
                aangevinkt: true,
                bron: format!("{f} §10 item 1"),
            },
            ChecklistItem {
                tekst: "Begroting".into(),
                aangevinkt: false,
                bron: format!("{f} §10 item 2"),
            },
        ],
        vingerafdruk: format!("vingerafdruk-{naam}-{versie}"),
        begroting: None,
    }
}

pub(crate) fn begroting() -> Begroting {
    Begroting {
        wsv_naam: Some("Laak-Noord".into()),
        totaal_opgegeven: Some(Cents(4_125_000)),
        totaal_bron: Some("begroting.xlsx Begroting!H20".into()),
        regels: vec![
            Regel {
                post: "Vacatiegeld kernteam".into(),
                thema: Some("1".into()),
                omschrijving: None,
                uren: Some(12.5),
                tarief: Some(Cents(8000)),
                bedrag: Cents(100_000),
                cofinanciering: None,
                vacatie: true,
                bron: "begroting.xlsx Begroting!H14".into(),
                ..Regel::default()
            },
            Regel {
                post: "Communicatie".into(),
                thema: None,
                omschrijving: Some("Flyers".into()),
                uren: None,
                tarief: None,
                bedrag: Cents(-123_456),
                cofinanciering: Some(Cents(5_000)),
                vacatie: false,
                bron: "begroting.xlsx Begroting!H15".into(),
                ..Regel::default()
            },
        ],
        blad: "Begroting".into(),
        ..Begroting::default()
    }
}

fn outcome(bestand: &str, sha: &str, content: Content, findings: Vec<Finding>) -> FileOutcome {
    let soort = match &content {
        Content::Wijkplan(_) => Soort::Docx,
        Content::Begroting(_) => Soort::Xlsx,
        Content::Genegeerd(_) => Soort::Onbekend,
        Content::Bijlage(_) | Content::Scan => Soort::Pdf,
        Content::Container(_) => Soort::Zip,
        Content::Onleesbaar => Soort::Versleuteld,
    };
    let map = bestand
        .rsplit_once('/')
        .map(|(m, _)| m.to_string())
        .unwrap_or_default();
    FileOutcome {
        bestand: bestand.into(),
        map,
        sha256: sha.into(),
        grootte: 1234,
        soort,
        content,
        findings,
        opmerkingen: vec![],
        voorbijgaand: false,
        tekst: Vec::new(),
        tekst_opslag: None,
        technisch: Vec::new(),
    }
}

fn finding(code: Code, bron: &str) -> Finding {
    Finding::new(code, format!("Bericht over {bron}."), bron)
}

/// Compare two outcomes field by field (FileOutcome has no PartialEq: Content holds no f64 Eq).
fn assert_same(a: &FileOutcome, b: &FileOutcome) {
    assert_eq!(a.bestand, b.bestand);
    assert_eq!(a.map, b.map);
    assert_eq!(a.sha256, b.sha256);
    assert_eq!(a.grootte, b.grootte);
    assert_eq!(a.soort, b.soort);
    assert_eq!(a.findings, b.findings);
    match (&a.content, &b.content) {
        (Content::Wijkplan(x), Content::Wijkplan(y)) => assert_eq!(x, y),
        (Content::Begroting(x), Content::Begroting(y)) => assert_eq!(x, y),
        (Content::Genegeerd(x), Content::Genegeerd(y)) => assert_eq!(x, y),
        (Content::Onleesbaar, Content::Onleesbaar) => {}
        (x, y) => panic!("content differs: {x:?} vs {y:?}"),
    }
}

#[test]
fn wijkplan_and_begroting_roundtrip_exactly() {
    let mut reg = Register::open_in_memory().unwrap();
    let p = outcome(
        "Laak/plan.docx",
        "aa",
        Content::Wijkplan(plan("Laak-Noord", "v2 1-3-2026")),
        vec![finding(
            Code::VELD_NIET_INGEVULD,
            "plan.docx §1 'Aanjager(s)'",
        )],
    );
    let b = outcome(
        "Laak/begroting.xlsx",
        "bb",
        Content::Begroting(begroting()),
        vec![],
    );
    let g = outcome(
        "Thumbs.db",
        "cc",
        Content::Genegeerd("geen inzending".into()),
        vec![],
    );
    let o = outcome(
        "kapot.docx",
        "dd",
        Content::Onleesbaar,
        vec![finding(Code::BESTAND_ONLEESBAAR, "kapot.docx")],
    );
    let ids: Vec<i64> = [&p, &b, &g, &o]
        .iter()
        .map(|x| reg.store_file(x).unwrap().0)
        .collect();
    let files = reg.files().unwrap();
    assert_eq!(files.iter().map(|f| f.id).collect::<Vec<_>>(), ids);
    for (stored, input) in files.iter().zip([&p, &b, &g, &o]) {
        assert_same(&stored.outcome, input);
    }
}

#[test]
fn storing_the_same_file_twice_adds_nothing() {
    let mut reg = Register::open_in_memory().unwrap();
    let p = outcome("plan.docx", "aa", Content::Wijkplan(plan("X", "1")), vec![]);
    let first = reg.store_file(&p).unwrap();
    let second = reg.store_file(&p).unwrap();
    assert_eq!(first, (second.0, true));
    assert_eq!(second, (first.0, false));
    assert_eq!(reg.files().unwrap().len(), 1);
    let themas: i64 = reg
        .conn
        .query_row("SELECT COUNT(*) FROM themas", [], |r| r.get(0))
        .unwrap();
    assert_eq!(themas, 2);
}

#[test]
fn same_bytes_under_two_names_share_one_content_row() {
    let mut reg = Register::open_in_memory().unwrap();
    let a = outcome(
        "a/plan.docx",
        "aa",
        Content::Wijkplan(plan("X", "1")),
        vec![finding(Code::ANDER_SJABLOON, "x")],
    );
    let mut b = a.clone();
    b.bestand = "b/kopie.docx".into();
    let ia = reg.store_file(&a).unwrap().0;
    let ib = reg.store_file(&b).unwrap().0;
    assert_ne!(ia, ib);
    let count = |sql: &str| -> i64 { reg.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM bestanden"), 2);
    assert_eq!(count("SELECT COUNT(*) FROM inhoud"), 1);
    assert_eq!(count("SELECT COUNT(*) FROM bestandsbevindingen"), 1);
    let files = reg.files().unwrap();
    assert_eq!(files[1].outcome.bestand, "b/kopie.docx");
    assert_same(&files[1].outcome, &b);
}

/// `files` loads contents table by table (issue 15): a content shared by two active files
/// reaches both whole (the first gets a copy, the last takes it), a plan keeps its own budget
/// table, and an inactive file is left out.
#[test]
fn a_shared_content_reaches_every_active_file_and_inactive_ones_stay_out() {
    let mut reg = Register::open_in_memory().unwrap();
    let mut p = plan("X", "1");
    p.begroting = Some(begroting());
    let a = outcome(
        "a/plan.docx",
        "aa",
        Content::Wijkplan(p),
        vec![finding(Code::ANDER_SJABLOON, "x")],
    );
    let mut copy = a.clone();
    copy.bestand = "b/plan.docx".into();
    let other = outcome(
        "c.docx",
        "cc",
        Content::Wijkplan(plan("Y", "2")),
        vec![finding(Code::ANDER_SJABLOON, "y")],
    );
    let ia = reg.store_file(&a).unwrap().0;
    let ic = reg.store_file(&other).unwrap().0;
    let ib = reg.store_file(&copy).unwrap().0;
    reg.set_active_files(&[ia, ib]).unwrap();
    let files = reg.files().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!((files[0].id, files[1].id), (ia, ib));
    assert_same(&files[0].outcome, &a);
    assert_same(&files[1].outcome, &copy);
    reg.set_active_files(&[ic]).unwrap();
    let files = reg.files().unwrap();
    assert_eq!(files.len(), 1);
    assert_same(&files[0].outcome, &other);
}

#[test]
fn sql_injection_value_is_stored_as_text() {
    let mut reg = Register::open_in_memory().unwrap();
    let evil = "'); DROP TABLE bestanden;--";
    let mut p = plan(evil, "1");
    p.secties[0].tekst = evil.into();
    let o = outcome(
        &format!("{evil}.docx"),
        "aa",
        Content::Wijkplan(p),
        vec![finding(Code::ANDER_SJABLOON, evil)],
    );
    reg.store_file(&o).unwrap();
    let files = reg.files().unwrap();
    assert_eq!(files.len(), 1);
    assert_same(&files[0].outcome, &o);
}

#[test]
fn assignments_and_audit_are_replaced_as_a_whole() {
    let mut reg = Register::open_in_memory().unwrap();
    let id = reg
        .store_file(&outcome(
            "p.docx",
            "aa",
            Content::Wijkplan(plan("X", "1")),
            vec![],
        ))
        .unwrap()
        .0;
    let a = |wsv: &str| Assignment {
        file_id: id,
        wsv: Some(wsv.into()),
        status: Status::Verwerkt,
        toelichting: String::new(),
        actueel: true,
        rol: None,
    };
    reg.save_assignments(&[a("Eerste")]).unwrap();
    reg.save_assignments(&[a("Tweede")]).unwrap();
    let audit = |inwoners: u64| AuditResult {
        plaatsingen: vec![(
            "Tweede".into(),
            Plaatsing {
                inwoners: Some(inwoners),
                wijken: vec!["Laakkwartier".into()],
                ..Plaatsing::default()
            },
        )],
        stadsdelen: vec![],
        bevindingen: vec![Bevinding {
            wsv: None,
            bestand: None,
            finding: finding(Code::REFERENTIE_AFWIJKING, &inwoners.to_string()),
        }],
        inwoners_voor_correctie: vec![],
    };
    reg.save_audit(&audit(1)).unwrap();
    reg.save_audit(&audit(30_000)).unwrap();
    let s = reg.snapshot().unwrap();
    assert_eq!(s.wsvs.len(), 1);
    assert_eq!(s.wsvs[0].wsv, "Tweede");
    assert_eq!(s.wsvs[0].plaatsing.inwoners, Some(30_000));
    assert_eq!(s.wsvs[0].plaatsing.wijken, vec!["Laakkwartier".to_string()]);
    assert_eq!(s.bevindingen_regio.len(), 1);
    assert_eq!(s.bevindingen_regio[0].finding.bron, "30000");
}

#[test]
fn assignment_to_unknown_file_is_an_error() {
    let mut reg = Register::open_in_memory().unwrap();
    let bad = Assignment {
        file_id: 99,
        wsv: None,
        status: Status::Genegeerd,
        toelichting: String::new(),
        actueel: false,
        rol: None,
    };
    let err = reg.save_assignments(&[bad]).unwrap_err();
    assert!(
        err.to_string().starts_with("register onleesbaar: "),
        "{err}"
    );
}

#[test]
fn snapshot_selects_current_files_and_attributes_findings() {
    let mut reg = Register::open_in_memory().unwrap();
    let oud = reg
        .store_file(&outcome(
            "laak/plan v1.docx",
            "p1",
            Content::Wijkplan(plan("Laak", "v1")),
            vec![finding(Code::VOORBEELDTEKST_AANWEZIG, "plan v1.docx §2")],
        ))
        .unwrap()
        .0;
    let nieuw = reg
        .store_file(&outcome(
            "laak/plan v2.docx",
            "p2",
            Content::Wijkplan(plan("Laak", "v2")),
            vec![
                finding(Code::VELD_NIET_INGEVULD, "plan v2.docx §1"),
                finding(Code::CHECKLIST_ONVOLLEDIG, "plan v2.docx §10"),
            ],
        ))
        .unwrap()
        .0;
    let begr = reg
        .store_file(&outcome(
            "laak/begroting.xlsx",
            "b1",
            Content::Begroting(begroting()),
            vec![],
        ))
        .unwrap()
        .0;
    let kapot = reg
        .store_file(&outcome(
            "laak/kapot.pdf",
            "k1",
            Content::Onleesbaar,
            vec![finding(Code::BESTAND_ONLEESBAAR, "kapot.pdf")],
        ))
        .unwrap()
        .0;
    let los = reg
        .store_file(&outcome(
            "los.pdf",
            "k2",
            Content::Onleesbaar,
            vec![finding(Code::GEEN_TEKSTLAAG, "los.pdf")],
        ))
        .unwrap()
        .0;
    let plaatje = reg
        .store_file(&outcome(
            "foto.jpg",
            "j1",
            Content::Genegeerd("afbeelding".into()),
            vec![],
        ))
        .unwrap()
        .0;
    let escamp = reg
        .store_file(&outcome(
            "escamp.docx",
            "e1",
            Content::Wijkplan(plan("escamp", "1")),
            vec![],
        ))
        .unwrap()
        .0;
    let asg = |id: i64, wsv: &str, status: Status, actueel: bool| Assignment {
        file_id: id,
        wsv: Some(wsv.into()),
        status,
        toelichting: format!("toelichting {id}"),
        actueel,
        rol: None,
    };
    reg.save_assignments(&[
        asg(oud, "Laak", Status::Vervangen, false),
        asg(nieuw, "Laak", Status::Verwerkt, true),
        asg(begr, "Laak", Status::Verwerkt, true),
        asg(kapot, "Laak", Status::Onleesbaar, false),
        asg(escamp, "escamp", Status::Verwerkt, true),
    ])
    .unwrap();
    reg.save_audit(&AuditResult {
        plaatsingen: vec![],
        stadsdelen: vec![StadsdeelRij {
            gemeente: "Den Haag".into(),
            stadsdeel: "Laak".into(),
            inwoners: 45_000,
            uitvoeringsbudget: Cents(10_000_000),
            wsvs: vec!["Laak".into()],
            inwoners_gedekt: 30_000,
            aangevraagd: Cents(4_125_000),
            ruimte: Cents(5_875_000),
            status: "binnen budget".into(),
        }],
        bevindingen: vec![
            Bevinding {
                wsv: Some("Laak".into()),
                bestand: None,
                finding: finding(Code::BUDGET_OVER_SHARE, "wijkindeling"),
            },
            Bevinding {
                wsv: None,
                bestand: None,
                finding: finding(Code::REFERENTIE_AFWIJKING, "wijkindeling Laak"),
            },
        ],
        inwoners_voor_correctie: vec![],
    })
    .unwrap();

    let s = reg.snapshot().unwrap();
    // Sorted case-insensitively: "escamp" before "Laak".
    assert_eq!(
        s.wsvs.iter().map(|r| r.wsv.as_str()).collect::<Vec<_>>(),
        ["escamp", "Laak"]
    );
    let laak = &s.wsvs[1];
    let (plan_file, plan_v) = laak.plan.as_ref().unwrap();
    assert_eq!(plan_file, "laak/plan v2.docx");
    assert_eq!(plan_v.velden.versie_datum.waarde.as_deref(), Some("v2"));
    assert_eq!(laak.begroting.as_ref().unwrap().0, "laak/begroting.xlsx");
    assert_eq!(
        laak.eerdere_versies
            .iter()
            .map(|(f, _)| f.as_str())
            .collect::<Vec<_>>(),
        ["laak/plan v1.docx"]
    );
    assert_eq!(
        laak.bestanden,
        [
            "laak/begroting.xlsx",
            "laak/kapot.pdf",
            "laak/plan v1.docx",
            "laak/plan v2.docx"
        ]
    );
    let codes: Vec<(&str, Option<&str>)> = laak
        .bevindingen
        .iter()
        .map(|b| (b.finding.code.as_str(), b.bestand.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            ("BESTAND_ONLEESBAAR", Some("laak/kapot.pdf")),
            ("BUDGET_OVER_SHARE", None),
            ("VELD_NIET_INGEVULD", Some("laak/plan v2.docx")),
            ("CHECKLIST_ONVOLLEDIG", Some("laak/plan v2.docx")),
        ]
    );
    assert_eq!(laak.bevindingen[0].finding.ernst, Ernst::Fout);
    assert_eq!(laak.status(), "afgekeurd");
    assert_eq!(s.wsvs[0].status(), "akkoord");

    let regio: Vec<(&str, Option<&str>)> = s
        .bevindingen_regio
        .iter()
        .map(|b| (b.finding.code.as_str(), b.bestand.as_deref()))
        .collect();
    assert_eq!(
        regio,
        [
            ("GEEN_TEKSTLAAG", Some("los.pdf")),
            ("REFERENTIE_AFWIJKING", None)
        ]
    );

    let rows: Vec<(&str, Option<&str>, Status, &str)> = s
        .bestanden
        .iter()
        .map(|b| {
            (
                b.bestand.as_str(),
                b.wsv.as_deref(),
                b.status,
                b.toelichting.as_str(),
            )
        })
        .collect();
    let t = |id: i64| format!("toelichting {id}");
    let (t1, t2, t3, t4, t7) = (t(oud), t(nieuw), t(begr), t(kapot), t(escamp));
    assert_eq!(
        rows,
        [
            ("escamp.docx", Some("escamp"), Status::Verwerkt, t7.as_str()),
            ("foto.jpg", None, Status::Genegeerd, "afbeelding"),
            (
                "laak/begroting.xlsx",
                Some("Laak"),
                Status::Verwerkt,
                t3.as_str()
            ),
            (
                "laak/kapot.pdf",
                Some("Laak"),
                Status::Onleesbaar,
                t4.as_str()
            ),
            (
                "laak/plan v1.docx",
                Some("Laak"),
                Status::Vervangen,
                t1.as_str()
            ),
            (
                "laak/plan v2.docx",
                Some("Laak"),
                Status::Verwerkt,
                t2.as_str()
            ),
            ("los.pdf", None, Status::Onleesbaar, ""),
        ]
    );
    let _ = (los, plaatje);
    assert_eq!(s.stadsdelen.len(), 1);
    assert_eq!(s.stadsdelen[0].wsvs, vec!["Laak".to_string()]);
    assert_eq!(s.stadsdelen[0].ruimte, Cents(5_875_000));
}

#[test]
fn views_answer_queries() {
    let mut reg = Register::open_in_memory().unwrap();
    let id = reg
        .store_file(&outcome(
            "b.xlsx",
            "bb",
            Content::Begroting(begroting()),
            vec![],
        ))
        .unwrap()
        .0;
    reg.save_assignments(&[Assignment {
        file_id: id,
        wsv: Some("Laak".into()),
        status: Status::Verwerkt,
        toelichting: String::new(),
        actueel: true,
        rol: None,
    }])
    .unwrap();
    let (wsv, totaal, som): (String, f64, f64) = reg
        .conn
        .query_row(
            "SELECT wsv, begroting_totaal_euro, begroting_som_regels_euro FROM v_overzicht",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((wsv.as_str(), totaal, som), ("Laak", 41250.0, -234.56));
    let bedragen: Vec<f64> = reg
        .conn
        .prepare("SELECT bedrag_euro FROM v_begrotingsregels ORDER BY volgnummer")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(bedragen, [1000.0, -1234.56]);
    for view in ["v_bevindingen", "v_bestanden", "v_themas"] {
        let n: i64 = reg
            .conn
            .query_row(&format!("SELECT COUNT(*) FROM {view}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, if view == "v_bestanden" { 1 } else { 0 }, "{view}");
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.sqlite");
    std::fs::write(
        &path,
        b"Dit is geen database maar gewone tekst, lang genoeg om een kop te lijken.",
    )
    .unwrap();
    let err = Register::open(&path).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("register onleesbaar: "), "{msg}");
    assert!(msg.contains("register.sqlite"), "{msg}");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let err = Register::open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            RegisterError::TeNieuw { gevonden, bekend }
                if gevonden == SCHEMA_VERSION + 1 && bekend == SCHEMA_VERSION
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("werk wijkregister bij"));
}

#[test]
fn reopening_keeps_data_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.sqlite");
    let id = {
        let mut reg = Register::open(&path).unwrap();
        reg.store_file(&outcome(
            "p.docx",
            "aa",
            Content::Wijkplan(plan("X", "1")),
            vec![],
        ))
        .unwrap()
        .0
    };
    let reg = Register::open(&path).unwrap();
    assert_eq!(reg.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(reg.files().unwrap()[0].id, id);
    let mode: String = reg
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = reg
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

fn pragma(reg: &Register, name: &str) -> i64 {
    reg.conn
        .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap()
}

/// A register this build creates has 16 KiB pages; one created with SQLite's default 4 KiB
/// pages keeps them when opened and stored into (only a VACUUM could change them). Either way
/// the WAL is checkpointed after the same number of bytes, in and out of a batch.
#[test]
fn new_registers_get_16_kib_pages_and_old_ones_keep_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let new_path = dir.path().join("nieuw.sqlite");
    let old_path = dir.path().join("oud.sqlite");
    {
        // A register as an earlier build made it: the default page size, WAL.
        let conn = rusqlite::Connection::open(&old_path).unwrap();
        conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x);")
            .unwrap();
    }
    for (path, page) in [(&new_path, 16_384), (&old_path, 4_096)] {
        let mut reg = Register::open(path).unwrap();
        assert_eq!(pragma(&reg, "page_size"), page, "{}", path.display());
        assert_eq!(pragma(&reg, "wal_autocheckpoint") * page, 40 << 20);
        reg.begin_batch().unwrap();
        assert_eq!(pragma(&reg, "wal_autocheckpoint") * page, 200 << 20);
        reg.store_file(&outcome(
            "p.docx",
            "aa",
            Content::Wijkplan(plan("X", "1")),
            vec![],
        ))
        .unwrap();
        reg.end_batch().unwrap();
        assert_eq!(pragma(&reg, "wal_autocheckpoint") * page, 40 << 20);
        drop(reg);
        let reg = Register::open(path).unwrap();
        assert_eq!(pragma(&reg, "page_size"), page, "{}", path.display());
        assert_eq!(reg.files().unwrap().len(), 1);
    }
}

#[test]
fn two_handles_store_concurrently() {
    let dir = tempfile::tempdir().unwrap();
    // Both threads also create and migrate the (missing) register at the same moment.
    let path = dir.path().join("register.sqlite");
    let handles: Vec<_> = (0..2)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut reg = Register::open(&path).unwrap();
                for i in 0..25 {
                    let o = outcome(
                        &format!("t{t}/plan{i}.docx"),
                        &format!("sha-{t}-{i}"),
                        Content::Wijkplan(plan("X", &i.to_string())),
                        vec![],
                    );
                    reg.store_file(&o).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let reg = Register::open(&path).unwrap();
    assert_eq!(reg.files().unwrap().len(), 50);
}

#[test]
fn files_without_bytes_keep_their_own_findings() {
    // Files that could not even be opened have no sha256; they must not share one content row.
    let mut reg = Register::open_in_memory().unwrap();
    let a = outcome(
        "a.docx",
        "",
        Content::Onleesbaar,
        vec![finding(Code::BESTAND_ONLEESBAAR, "a.docx")],
    );
    let b = outcome(
        "b.docx",
        "",
        Content::Onleesbaar,
        vec![finding(Code::BESTAND_ONLEESBAAR, "b.docx")],
    );
    let (ia, new_a) = reg.store_file(&a).unwrap();
    let (ib, new_b) = reg.store_file(&b).unwrap();
    assert!(new_a && new_b && ia != ib);
    assert_eq!(reg.store_file(&a).unwrap(), (ia, false));
    let files = reg.files().unwrap();
    assert_eq!(files.len(), 2);
    assert_same(&files[0].outcome, &a);
    assert_same(&files[1].outcome, &b);
}

#[test]
fn a_copy_under_another_name_points_its_provenance_at_itself() {
    // Content is stored once per sha256; the copy must not send the user to the first file.
    let mut reg = Register::open_in_memory().unwrap();
    let first = outcome(
        "Kopie van X.docx",
        "same",
        Content::Wijkplan(plan("Kopie van X", "1")),
        vec![finding(
            Code::VELD_NIET_INGEVULD,
            "Kopie van X.docx §1 'Budgethouder'",
        )],
    );
    let mut second = first.clone();
    second.bestand = "X/Kopie van X.docx".into();
    let mut third = first.clone();
    third.bestand = "Y/Origineel.docx".into();
    reg.store_file(&first).unwrap();
    reg.store_file(&second).unwrap();
    reg.store_file(&third).unwrap();
    let files = reg.files().unwrap();
    let Content::Wijkplan(w) = &files[2].outcome.content else {
        panic!("geen plan")
    };
    assert_eq!(w.velden.wijk_wsv.bron, "Origineel.docx §1 'Wijk/WSV'");
    assert_eq!(
        w.themas[0].cel_bronnen[1],
        "Origineel.docx §4 rij 1 'Activiteiten' (samengevoegde cel)"
    );
    assert_eq!(w.secties[0].bron, "Origineel.docx §2");
    assert_eq!(
        files[2].outcome.findings[0].bron,
        "Origineel.docx §1 'Budgethouder'"
    );
    // Same base name in another folder: nothing to rebase.
    let Content::Wijkplan(w1) = &files[1].outcome.content else {
        panic!("geen plan")
    };
    assert_eq!(w1.velden.wijk_wsv.bron, "Kopie van X.docx §1 'Wijk/WSV'");
}

#[test]
fn reader_notes_are_kept_with_the_content() {
    let mut reg = Register::open_in_memory().unwrap();
    let mut o = outcome("p.docx", "aa", Content::Wijkplan(plan("X", "1")), vec![]);
    o.opmerkingen = vec![
        "styles.xml beschadigd; standaardopmaak gebruikt".into(),
        "tweede".into(),
    ];
    reg.store_file(&o).unwrap();
    assert_eq!(reg.files().unwrap()[0].outcome.opmerkingen, o.opmerkingen);
}

/// The reader libraries' own words stay with the content (issue 11: "keep the technical detail
/// in the register"), and a register of version 6 gets the column with its files kept.
#[test]
fn technical_detail_is_kept_with_the_content_and_migrated_in() {
    let mut reg = Register::open_in_memory().unwrap();
    let mut o = outcome("b.xlsx", "aa", Content::Onleesbaar, vec![]);
    o.technisch = vec![
        "xl/worksheets/sheet2.xml: Invalid checksum".into(),
        "panic: attempt to subtract with overflow".into(),
    ];
    reg.store_file(&o).unwrap();
    assert_eq!(reg.files().unwrap()[0].outcome.technisch, o.technisch);
    let by_sha = reg.technisch().unwrap();
    assert_eq!(by_sha.get("aa"), Some(&o.technisch));
    assert_eq!(by_sha.len(), 1);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &SCHEMAS[..6] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO inhoud (sha256, soort_inhoud, reden, opmerkingen) VALUES ('aa', 'onleesbaar', NULL, '');
             INSERT INTO bestanden (bestand, map, sha256, grootte, soort) VALUES ('x.xlsx', '', 'aa', 3, 'xlsx');
             PRAGMA user_version = 6;",
        )
        .unwrap();
    }
    let reg = Register::open(&path).unwrap();
    assert_eq!(reg.schema_version().unwrap(), SCHEMA_VERSION);
    let files = reg.files().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].outcome.bestand, "x.xlsx");
    assert!(files[0].outcome.technisch.is_empty());
}

#[test]
fn a_version_1_register_is_migrated_with_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.sqlite");
    {
        // A register as wijkregister 0.1 (schema version 1) left it: one unreadable file.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(super::SCHEMA_SQL).unwrap();
        conn.execute_batch(
            "INSERT INTO inhoud (sha256, soort_inhoud, reden, opmerkingen) VALUES ('aa', 'onleesbaar', NULL, '');
             INSERT INTO bestandsbevindingen VALUES ('aa', 0, 'BESTAND_ONLEESBAAR', 'fout', 'kapot', 'x.docx');
             INSERT INTO bestanden (bestand, map, sha256, grootte, soort) VALUES ('x.docx', '', 'aa', 3, 'docx');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let mut reg = Register::open(&path).unwrap();
    assert_eq!(reg.schema_version().unwrap(), SCHEMA_VERSION);
    let files = reg.files().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].outcome.bestand, "x.docx");
    assert_eq!(files[0].outcome.findings[0].bericht, "kapot");
    // The rebuilt table takes the new kinds of content, and references still hold.
    reg.store_file(&outcome("scan.pdf", "bb", Content::Scan, vec![]))
        .unwrap();
    let broken: i64 = reg
        .conn
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let fk: i64 = reg
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn a_passing_failure_is_read_again_and_replaced() {
    let mut reg = Register::open_in_memory().unwrap();
    let mut timed_out = outcome(
        "p.docx",
        "aa",
        Content::Onleesbaar,
        vec![finding(Code::BESTAND_ONLEESBAAR, "p.docx")],
    );
    timed_out.voorbijgaand = true;
    let (id, new) = reg.store_file(&timed_out).unwrap();
    assert!(new);
    // Not "known": the next run reads it again.
    assert!(!reg.contains("p.docx", "aa").unwrap());
    let read = outcome("p.docx", "aa", Content::Wijkplan(plan("X", "1")), vec![]);
    assert_eq!(reg.store_file(&read).unwrap(), (id, true));
    assert!(reg.contains("p.docx", "aa").unwrap());
    let files = reg.files().unwrap();
    assert_eq!(files.len(), 1);
    assert!(matches!(files[0].outcome.content, Content::Wijkplan(_)));
    assert!(files[0].outcome.findings.is_empty());
    // A lasting failure (a corrupt file) is kept: reading it again would give the same.
    let corrupt = outcome(
        "q.docx",
        "bb",
        Content::Onleesbaar,
        vec![finding(Code::BESTAND_ONLEESBAAR, "q.docx")],
    );
    reg.store_file(&corrupt).unwrap();
    assert!(reg.contains("q.docx", "bb").unwrap());
}

#[test]
fn only_active_files_are_shown() {
    let mut reg = Register::open_in_memory().unwrap();
    let (a, _) = reg
        .store_file(&outcome(
            "a.docx",
            "aa",
            Content::Wijkplan(plan("A", "1")),
            vec![],
        ))
        .unwrap();
    let (b, _) = reg
        .store_file(&outcome(
            "b.docx",
            "bb",
            Content::Wijkplan(plan("B", "1")),
            vec![],
        ))
        .unwrap();
    reg.set_active_files(&[b]).unwrap();
    let names: Vec<String> = reg
        .files()
        .unwrap()
        .into_iter()
        .map(|f| f.outcome.bestand)
        .collect();
    assert_eq!(names, ["b.docx"]);
    reg.add_active_files(&[a]).unwrap();
    assert_eq!(reg.files().unwrap().len(), 2);
    let count: i64 = reg
        .conn
        .query_row("SELECT COUNT(*) FROM v_bestanden", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 2);
}

/// `v_tekst` rows (soort, bron, tekst) of the active files, in order.
fn v_tekst(reg: &Register) -> Vec<(String, String, String, String)> {
    reg.conn
        .prepare("SELECT bestand, soort, bron, tekst FROM v_tekst ORDER BY bestand, volgorde")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// fixtures/formats/aantekeningen.docx (LibreOffice's save of aantekeningen.fodt: a footnote, a
/// comment and a text box) as `Moerwijk/aantekeningen.docx`, read by the same per-file step as
/// a run.
fn aantekeningen() -> FileOutcome {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/formats/aantekeningen.docx");
    crate::file::process_file(&crate::intake::Found {
        path,
        bestand: "Moerwijk/aantekeningen.docx".into(),
        map: "Moerwijk".into(),
        lid: vec![],
    })
}

#[test]
fn v_tekst_holds_the_footnote_comment_and_text_box_of_a_fixture() {
    let o = aantekeningen();
    let mut reg = Register::open_in_memory().unwrap();
    reg.store_file(&o).unwrap();
    let rows = v_tekst(&reg);
    let of = |soort: &str| -> Vec<(String, String)> {
        rows.iter()
            .filter(|r| r.1 == soort)
            .map(|r| (r.2.clone(), r.3.clone()))
            .collect()
    };
    let f = "aantekeningen.docx";
    assert_eq!(
        of("voetnoot"),
        [(
            format!("{f} voetnoot 1"),
            "Bron: CBS Kerncijfers wijken en buurten 2024.".to_string()
        )]
    );
    assert_eq!(
        of("eindnoot"),
        [(
            format!("{f} eindnoot 2"),
            "Gezondheidsmonitor GGD Haaglanden.".to_string()
        )]
    );
    assert_eq!(
        of("opmerking"),
        [(
            format!("{f} opmerking 1"),
            "Graag het aantal huishoudens toevoegen.".to_string()
        )]
    );
    assert_eq!(
        of("tekstvak"),
        [(
            format!("{f} 'Wijkanalyse Moerwijk' alinea 4"),
            "Kernboodschap: samen tegen eenzaamheid.".to_string()
        )]
    );
    assert!(rows.iter().all(|r| r.0 == "Moerwijk/aantekeningen.docx"));
    // Stored once per content: the same bytes under a second name add no blocks, and the view
    // shows them under both names.
    let mut copy = o.clone();
    copy.bestand = "kopie.docx".into();
    reg.store_file(&copy).unwrap();
    let blocks: i64 = reg
        .conn
        .query_row("SELECT COUNT(*) FROM tekstblokken", [], |r| r.get(0))
        .unwrap();
    assert_eq!(blocks as usize, o.tekst.len());
    assert_eq!(v_tekst(&reg).len(), 2 * o.tekst.len());
}

/// A worker reading for the register sends the text in its stored form; the register must hold
/// the same rows as when it encodes the blocks itself, and a file without text gets no row.
#[test]
fn text_in_the_stored_form_is_stored_as_its_blocks_would_be() {
    let blocks = aantekeningen();
    let mut stored = blocks.clone();
    crate::worker::into_stored_text(&mut stored);
    assert!(stored.tekst.is_empty() && stored.tekst_opslag.is_some());
    let mut a = Register::open_in_memory().unwrap();
    a.store_file(&blocks).unwrap();
    let mut b = Register::open_in_memory().unwrap();
    b.store_file(&stored).unwrap();
    let rows = v_tekst(&b);
    assert_eq!(rows, v_tekst(&a));
    // The comment of the fixture, as the document has it.
    assert!(rows
        .iter()
        .any(|r| r.1 == "opmerking" && r.3 == "Graag het aantal huishoudens toevoegen."));
    // No text, no row, in either form.
    let mut empty = outcome("leeg.docx", "ee", Content::Wijkplan(plan("L", "1")), vec![]);
    crate::worker::into_stored_text(&mut empty);
    assert_eq!(empty.tekst_opslag, None);
    b.store_file(&empty).unwrap();
    let n: i64 = b
        .conn
        .query_row("SELECT COUNT(*) FROM teksten", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn v_tekst_shows_only_the_files_of_the_latest_run() {
    let mut reg = Register::open_in_memory().unwrap();
    let blok = |t: &str| crate::tekst::TekstBlok {
        soort: crate::tekst::TekstSoort::Alinea,
        bron: format!("{t}.docx alinea 1"),
        tekst: t.to_string(),
        cel: None,
    };
    let mut a = outcome("a.docx", "aa", Content::Wijkplan(plan("A", "1")), vec![]);
    a.tekst = vec![blok("eerste")];
    let mut b = outcome("b.docx", "bb", Content::Wijkplan(plan("B", "1")), vec![]);
    b.tekst = vec![blok("tweede"), blok("derde")];
    let (_, _) = reg.store_file(&a).unwrap();
    let (id_b, _) = reg.store_file(&b).unwrap();
    reg.set_active_files(&[id_b]).unwrap();
    let rows: Vec<String> = v_tekst(&reg).into_iter().map(|r| r.3).collect();
    assert_eq!(rows, ["tweede", "derde"]);
}

#[test]
fn a_version_2_register_gets_the_text_table_and_view() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(super::SCHEMA_SQL).unwrap();
        conn.execute_batch(super::SCHEMA_V2_SQL).unwrap();
        conn.execute_batch("PRAGMA user_version = 2;").unwrap();
    }
    let reg = Register::open(&path).unwrap();
    // Migrated through version 3 (the text) up to the newest.
    assert_eq!(reg.schema_version().unwrap(), SCHEMA_VERSION);
    let n: i64 = reg
        .conn
        .query_row("SELECT COUNT(*) FROM v_tekst", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

/// Every row of every table, in rowid order: two registers with the same dump hold the same.
fn dump(conn: &Connection) -> Vec<String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i))
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        for row in rows {
            out.push(format!("{t}: {:?}", row.unwrap()));
        }
    }
    out
}

/// A mix of files: plans, a copy under another name, a begroting, a file without bytes.
fn batch_files() -> Vec<FileOutcome> {
    let mut files = Vec::new();
    for i in 0..7 {
        files.push(outcome(
            &format!("m{i}/plan.docx"),
            &format!("p{i}"),
            Content::Wijkplan(plan(&format!("W{i}"), "1")),
            vec![finding(Code::ANDER_SJABLOON, &format!("m{i}"))],
        ));
        files.push(outcome(
            &format!("m{i}/b.xlsx"),
            &format!("b{i}"),
            Content::Begroting(begroting()),
            vec![],
        ));
    }
    let mut copy = files[0].clone();
    copy.bestand = "elders/kopie.docx".into();
    files.push(copy);
    files.push(outcome("weg.docx", "", Content::Onleesbaar, vec![]));
    files
}

/// `dump`'s rows with the time a file was read in masked. Two registers that store the same
/// files a moment apart may fall on either side of a second: that is the one value that may
/// differ.
fn without_time(rows: Vec<String>) -> Vec<String> {
    let time = regex::Regex::new(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z").unwrap();
    rows.into_iter()
        .map(|r| time.replace_all(&r, "<tijd>").into_owned())
        .collect()
}

/// A register stored one transaction per file, and one in batches of `per_commit` files, both
/// in `dir`.
fn single_and_batched(dir: &std::path::Path, per_commit: usize) -> (Register, Register) {
    let single = Register::open(&dir.join("een.sqlite")).unwrap();
    let mut batched = Register::open(&dir.join("batch.sqlite")).unwrap();
    batched
        .begin_batch_every(per_commit, Duration::from_secs(3600))
        .unwrap();
    (single, batched)
}

#[test]
fn batched_commits_store_exactly_what_one_transaction_per_file_stores() {
    let dir = tempfile::tempdir().unwrap();
    // Three files per COMMIT: the 16 files cross five COMMITs and end inside a batch.
    let (mut single, mut batched) = single_and_batched(dir.path(), 3);
    for f in batch_files() {
        let a = single.store_file(&f).unwrap();
        let b = batched.store_file(&f).unwrap();
        assert_eq!(a, b, "{}", f.bestand);
    }
    // The same outcomes again change nothing, in a batch as outside one.
    for f in batch_files() {
        assert!(!batched.store_file(&f).unwrap().1, "{}", f.bestand);
    }
    batched.end_batch().unwrap();
    let expected = without_time(dump(&single.conn));
    assert!(expected.iter().any(|r| r.starts_with("themas: ")));
    assert!(expected.iter().any(|r| r.contains("<tijd>")));
    assert_eq!(without_time(dump(&batched.conn)), expected);
    // And what is committed is on disk: a fresh handle reads the same.
    drop(batched);
    let reopened = Register::open(&dir.path().join("batch.sqlite")).unwrap();
    assert_eq!(without_time(dump(&reopened.conn)), expected);
}

/// Files that fail halfway inside a batch, before, between and after COMMITs: each costs only
/// itself. The batch's other files keep their rows and the ids they were given, exactly as when
/// every good file is its own transaction.
#[test]
fn files_that_fail_inside_a_batch_cost_only_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let (mut single, mut batched) = single_and_batched(dir.path(), 5);
    let mut failed = 0;
    for (i, f) in batch_files().into_iter().enumerate() {
        if i % 3 == 2 {
            // New content, so its content rows are written before the size fails.
            let mut bad = f.clone();
            bad.bestand = format!("kapot{i}.docx");
            bad.sha256 = format!("kapot{i}");
            bad.grootte = u64::MAX;
            let err = batched.store_file_owned(bad).unwrap_err();
            assert!(matches!(err, RegisterError::TeGroot { .. }), "{err}");
            failed += 1;
        }
        let a = single.store_file(&f).unwrap();
        // Both ways into the batch: borrowed (the batch keeps a copy) and owned (it keeps this).
        let b = if i % 2 == 0 {
            batched.store_file(&f).unwrap()
        } else {
            batched.store_file_owned(f.clone()).unwrap()
        };
        assert_eq!(a, b, "{}", f.bestand);
    }
    assert!(failed >= 5);
    batched.end_batch().unwrap();
    let expected = without_time(dump(&single.conn));
    assert!(!expected.iter().any(|r| r.contains("kapot")));
    assert_eq!(without_time(dump(&batched.conn)), expected);
}

/// When storing the batch's earlier files again fails too, nothing of them stays behind half:
/// the whole open transaction goes, and only what was committed before remains. (A file that
/// stored once and fails the second time cannot be made from outside: one is put among the
/// batch's files by hand.)
#[test]
fn a_batch_that_cannot_be_stored_again_leaves_no_half_file() {
    let mut reg = Register::open_in_memory().unwrap();
    reg.begin_batch_every(100, Duration::from_secs(3600))
        .unwrap();
    let files = batch_files();
    reg.store_file(&files[0]).unwrap();
    reg.commit_batch().unwrap();
    reg.store_file(&files[1]).unwrap();
    // Fails after its content rows were written, like `bad` below.
    let mut poison = files[3].clone();
    poison.grootte = u64::MAX;
    if let Some(b) = reg.batch.as_mut() {
        b.pending.push(poison.clone());
    }
    let mut bad = files[2].clone();
    bad.grootte = u64::MAX;
    assert!(reg.store_file(&bad).is_err());
    reg.end_batch().unwrap();
    let count = |sql: &str| -> i64 { reg.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM bestanden"), 1);
    for sha in [&files[1].sha256, &poison.sha256, &bad.sha256] {
        assert_eq!(
            count(&format!(
                "SELECT COUNT(*) FROM inhoud WHERE sha256 = '{sha}'"
            )),
            0,
            "{sha}"
        );
    }
    assert_eq!(
        count(&format!(
            "SELECT COUNT(*) FROM inhoud WHERE sha256 = '{}'",
            files[0].sha256
        )),
        1
    );
}

#[test]
fn a_batch_commits_every_n_files_and_the_rest_only_at_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite");
    let mut reg = Register::open(&path).unwrap();
    reg.begin_batch_every(4, Duration::from_secs(3600)).unwrap();
    // Another process's view of the register: only what was committed.
    let other = Connection::open(&path).unwrap();
    let seen = || -> i64 {
        other
            .query_row("SELECT COUNT(*) FROM bestanden", [], |r| r.get(0))
            .unwrap()
    };
    let files = batch_files();
    for (i, f) in files.iter().take(6).enumerate() {
        reg.store_file(f).unwrap();
        // After files 1..=3 nothing is committed; the 4th commits the first batch.
        assert_eq!(
            seen(),
            if i + 1 >= 4 { 4 } else { 0 },
            "na bestand {}",
            i + 1
        );
    }
    reg.end_batch().unwrap();
    assert_eq!(seen(), 6);
}

#[test]
fn a_file_that_fails_inside_a_batch_leaves_no_rows_and_the_others_stay() {
    let mut reg = Register::open_in_memory().unwrap();
    reg.begin_batch_every(100, Duration::from_secs(3600))
        .unwrap();
    let files = batch_files();
    reg.store_file(&files[0]).unwrap();
    // A size that does not fit SQLite's integer fails after the content rows were written.
    let mut bad = files[2].clone();
    bad.grootte = u64::MAX;
    let err = reg.store_file(&bad).unwrap_err();
    assert!(
        matches!(
            err,
            RegisterError::TeGroot {
                kolom: "grootte",
                ..
            }
        ),
        "{err}"
    );
    reg.store_file(&files[1]).unwrap();
    reg.end_batch().unwrap();
    let count =
        |reg: &Register, sql: &str| -> i64 { reg.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count(&reg, "SELECT COUNT(*) FROM bestanden"), 2);
    // Neither the failed file's content nor its plan rows were kept.
    assert_eq!(
        count(&reg, "SELECT COUNT(*) FROM inhoud WHERE sha256 = 'p1'"),
        0
    );
    assert_eq!(
        count(&reg, "SELECT COUNT(*) FROM wijkplannen WHERE sha256 = 'p1'"),
        0
    );
    assert_eq!(
        count(&reg, "SELECT COUNT(*) FROM themas WHERE sha256 = 'p1'"),
        0
    );
    assert_eq!(
        count(&reg, "SELECT COUNT(*) FROM wijkplannen WHERE sha256 = 'p0'"),
        1
    );
    // The same file, now well-formed, stores whole.
    let mut ok = bad.clone();
    ok.grootte = 10;
    assert!(reg.store_file(&ok).unwrap().1);
    assert_eq!(
        count(&reg, "SELECT COUNT(*) FROM themas WHERE sha256 = 'p1'"),
        2
    );
}

#[test]
fn other_writers_commit_the_open_batch_first() {
    let mut reg = Register::open_in_memory().unwrap();
    reg.begin_batch_every(100, Duration::from_secs(3600))
        .unwrap();
    let id = reg.store_file(&batch_files()[0]).unwrap().0;
    // Without committing the batch first this would fail: a transaction within a transaction.
    reg.set_active_files(&[id]).unwrap();
    let id2 = reg.store_file(&batch_files()[1]).unwrap().0;
    reg.add_active_files(&[id2]).unwrap();
    reg.end_batch().unwrap();
    let active: i64 = reg
        .conn
        .query_row("SELECT COUNT(*) FROM bestanden WHERE actief = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(active, 2);
}

/// A register file of schema version `n` (the first `n` steps of [`SCHEMAS`]) holding what
/// `sql` inserts, for the migration tests; the folder goes when the `TempDir` does.
fn register_at_version(n: usize, sql: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    for step in &SCHEMAS[..n] {
        conn.execute_batch(step).unwrap();
    }
    conn.execute_batch(sql).unwrap();
    conn.pragma_update(None, "user_version", n as i64).unwrap();
    (dir, path)
}

/// A row of `tekstblokken`: sha256, volgorde, soort, bron, tekst.
type BlokRij = (String, i64, String, String, String);

/// Every row of `tekstblokken`, by content and position.
fn tekstblokken(reg: &Register) -> Vec<BlokRij> {
    reg.conn
        .prepare("SELECT sha256, volgorde, soort, bron, tekst FROM tekstblokken ORDER BY sha256, volgorde")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn blok_rij(s: &str, v: i64, k: &str, b: &str, t: &str) -> BlokRij {
    (
        s.to_string(),
        v,
        k.to_string(),
        b.to_string(),
        t.to_string(),
    )
}

/// Schema v8 (issue 15) moves the text of a version 7 register into `tekstopslag` under a number
/// per content; `tekstblokken` and `v_tekst` answer exactly as the table and view of version 3
/// did, and files stored afterwards get their text under a number of their own.
#[test]
fn a_version_7_register_keeps_its_text_under_content_numbers() {
    // Two contents with text (stored interleaved, as two files are not), one under two names,
    // one file without text, and an older batch's file (actief = 0).
    let (_dir, path) = register_at_version(
        7,
        "INSERT INTO inhoud (sha256, soort_inhoud, reden, opmerkingen) VALUES ('aa', 'onleesbaar', NULL, '');
         INSERT INTO inhoud (sha256, soort_inhoud, reden, opmerkingen) VALUES ('bb', 'onleesbaar', NULL, '');
         INSERT INTO inhoud (sha256, soort_inhoud, reden, opmerkingen) VALUES ('cc', 'onleesbaar', NULL, '');
         INSERT INTO bestanden (bestand, map, sha256, grootte, soort) VALUES ('a.docx', '', 'aa', 3, 'docx');
         INSERT INTO bestanden (bestand, map, sha256, grootte, soort) VALUES ('kopie a.docx', '', 'aa', 3, 'docx');
         INSERT INTO bestanden (bestand, map, sha256, grootte, soort, actief) VALUES ('b.docx', '', 'bb', 3, 'docx', 0);
         INSERT INTO bestanden (bestand, map, sha256, grootte, soort) VALUES ('c.docx', '', 'cc', 3, 'docx');
         INSERT INTO tekstblokken VALUES ('bb', 0, 'kop', 'b.docx kop 1', 'Oud');
         INSERT INTO tekstblokken VALUES ('aa', 0, 'kop', 'a.docx kop 1', 'Eenzaamheid');
         INSERT INTO tekstblokken VALUES ('aa', 1, 'alinea', 'a.docx alinea 1', 'Samen ''s avonds');
         INSERT INTO tekstblokken VALUES ('bb', 1, 'voetnoot', 'b.docx voetnoot 1', 'CBS');",
    );
    let mut reg = Register::open(&path).unwrap();
    assert_eq!(reg.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        tekstblokken(&reg),
        [
            blok_rij("aa", 0, "kop", "a.docx kop 1", "Eenzaamheid"),
            blok_rij("aa", 1, "alinea", "a.docx alinea 1", "Samen 's avonds"),
            blok_rij("bb", 0, "kop", "b.docx kop 1", "Oud"),
            blok_rij("bb", 1, "voetnoot", "b.docx voetnoot 1", "CBS"),
        ]
    );
    // v_tekst: the active files only, the shared content under both of its names.
    let shown: Vec<(String, String)> = v_tekst(&reg).into_iter().map(|r| (r.0, r.3)).collect();
    let pair = |b: &str, t: &str| (b.to_string(), t.to_string());
    assert_eq!(
        shown,
        [
            pair("a.docx", "Eenzaamheid"),
            pair("a.docx", "Samen 's avonds"),
            pair("kopie a.docx", "Eenzaamheid"),
            pair("kopie a.docx", "Samen 's avonds"),
        ]
    );
    // The README's example query still runs.
    let hits: i64 = reg
        .conn
        .query_row(
            "SELECT COUNT(*) FROM v_tekst WHERE tekst LIKE '%eenzaamheid%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hits, 2);
    // A file stored after the migration gets its text under a new number.
    let mut d = outcome("d.docx", "dd", Content::Wijkplan(plan("D", "1")), vec![]);
    d.tekst = vec![crate::tekst::TekstBlok {
        soort: crate::tekst::TekstSoort::Alinea,
        bron: "d.docx alinea 1".into(),
        tekst: "Nieuw".into(),
        cel: None,
    }];
    reg.store_file(&d).unwrap();
    let last = tekstblokken(&reg).pop().unwrap();
    assert_eq!(
        last,
        blok_rij("dd", 0, "alinea", "d.docx alinea 1", "Nieuw")
    );
    let numbers: Vec<(i64, String)> = reg
        .conn
        .prepare("SELECT nummer, sha256 FROM inhoudnummers ORDER BY nummer")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // Numbered in the order the text was first stored; a content without text has none.
    assert_eq!(
        numbers,
        [
            (1, "bb".to_string()),
            (2, "aa".to_string()),
            (3, "dd".to_string())
        ]
    );
    let broken: i64 = reg
        .conn
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
}

/// Text stored with a passing failure never survives the outcome that replaces it, and the
/// replacement's text is stored under the same content number.
#[test]
fn a_replaced_passing_failure_keeps_only_the_new_text() {
    let blok = |t: &str| crate::tekst::TekstBlok {
        soort: crate::tekst::TekstSoort::Alinea,
        bron: format!("p.docx alinea {t}"),
        tekst: t.to_string(),
        cel: None,
    };
    let mut reg = Register::open_in_memory().unwrap();
    let mut failed = outcome("p.docx", "aa", Content::Onleesbaar, vec![]);
    failed.voorbijgaand = true;
    failed.tekst = vec![blok("oud een"), blok("oud twee"), blok("oud drie")];
    reg.store_file(&failed).unwrap();
    let mut read = outcome("p.docx", "aa", Content::Wijkplan(plan("X", "1")), vec![]);
    read.tekst = vec![blok("nieuw")];
    reg.store_file(&read).unwrap();
    let rows: Vec<String> = v_tekst(&reg).into_iter().map(|r| r.3).collect();
    assert_eq!(rows, ["nieuw"]);
    let numbers: i64 = reg
        .conn
        .query_row("SELECT COUNT(*) FROM inhoudnummers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(numbers, 1);
}

/// Schema v9 (issue 15) moves the text of a version 8 register into one row per content;
/// `tekstblokken` and `v_tekst` answer exactly as before, blocks in their order, also when the
/// rows of version 8 were stored out of order.
#[test]
fn a_version_8_register_keeps_its_text_block_for_block() {
    let (_dir, path) = register_at_version(
        8,
        "INSERT INTO inhoud (sha256, soort_inhoud, reden, opmerkingen) VALUES ('aa', 'onleesbaar', NULL, '');
         INSERT INTO inhoud (sha256, soort_inhoud, reden, opmerkingen) VALUES ('bb', 'onleesbaar', NULL, '');
         INSERT INTO bestanden (bestand, map, sha256, grootte, soort) VALUES ('a.docx', '', 'aa', 3, 'docx');
         INSERT INTO bestanden (bestand, map, sha256, grootte, soort, actief) VALUES ('b.docx', '', 'bb', 3, 'docx', 0);
         INSERT INTO inhoudnummers (sha256) VALUES ('bb');
         INSERT INTO inhoudnummers (sha256) VALUES ('aa');
         INSERT INTO tekstopslag VALUES (2, 1, 'alinea', 'a.docx alinea 1', 'Samen ''s avonds \"thuis\"');
         INSERT INTO tekstopslag VALUES (1, 0, 'kop', 'b.docx kop 1', 'Oud');
         INSERT INTO tekstopslag VALUES (2, 0, 'kop', 'a.docx kop 1', 'Eenzaamheid');
         INSERT INTO tekstopslag VALUES (2, 2, 'tabelcel', 'a.docx tabel 1 rij 1 kolom 1', '[1, 2]');",
    );
    let reg = Register::open(&path).unwrap();
    assert_eq!(reg.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        tekstblokken(&reg),
        [
            blok_rij("aa", 0, "kop", "a.docx kop 1", "Eenzaamheid"),
            blok_rij(
                "aa",
                1,
                "alinea",
                "a.docx alinea 1",
                "Samen 's avonds \"thuis\""
            ),
            blok_rij(
                "aa",
                2,
                "tabelcel",
                "a.docx tabel 1 rij 1 kolom 1",
                "[1, 2]"
            ),
            blok_rij("bb", 0, "kop", "b.docx kop 1", "Oud"),
        ]
    );
    // v_tekst: the active file only, its blocks in order.
    let shown: Vec<String> = v_tekst(&reg).into_iter().map(|r| r.3).collect();
    assert_eq!(
        shown,
        ["Eenzaamheid", "Samen 's avonds \"thuis\"", "[1, 2]"]
    );
    let old: i64 = reg
        .conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'tekstopslag'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old, 0);
}

/// Whatever a document's text holds (quotes, backslashes, control characters, text that looks
/// like JSON, characters outside the BMP), `v_tekst` gives it back exactly, in order.
#[test]
fn v_tekst_gives_back_any_text_exactly() {
    let texts = [
        "gewoon",
        "\"aanhalingstekens\" en \\ backslash",
        "tab\tregel\nnul\u{0}einde",
        "[\"soort\", \"bron\"]",
        "emoji 👩‍⚕️ en 𝔘",
        "",
    ];
    let mut reg = Register::open_in_memory().unwrap();
    let mut o = outcome("t.docx", "tt", Content::Wijkplan(plan("T", "1")), vec![]);
    o.tekst = texts
        .iter()
        .enumerate()
        .map(|(i, t)| crate::tekst::TekstBlok {
            soort: crate::tekst::TekstSoort::Alinea,
            bron: format!("t.docx alinea {}", i + 1),
            tekst: t.to_string(),
            cel: None,
        })
        .collect();
    reg.store_file(&o).unwrap();
    let rows = v_tekst(&reg);
    let got: Vec<&str> = rows.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(got, texts);
    assert_eq!(rows[4].2, "t.docx alinea 5");
    assert!(rows.iter().all(|r| r.0 == "t.docx" && r.1 == "alinea"));
}
