//! Unit tests of the report on hand-made snapshots (the sample batch end to end is in
//! tests/report.rs).

use super::grid::waar_genoemd;
use super::lijnen::categorieen;
use super::*;
use crate::domain::{ChecklistItem, Discipline, Sectie, HAAGLANDEN_GEZONDER};

fn sectie(nummer: u32, titel: &str, tekst: &str) -> Sectie {
    Sectie {
        nummer,
        titel: titel.into(),
        tekst: tekst.into(),
        bron: format!("plan.docx §{nummer}"),
    }
}

fn thema(nummer: u32, naam: &str, doelen: &str) -> Thema {
    Thema {
        nummer,
        naam: naam.into(),
        doelen: doelen.into(),
        bron: format!("plan.docx §4 rij {nummer}"),
        ..Thema::default()
    }
}

/// The emitters' sample (Laak-Noord with themes 1 and 5 filled, theme 2 empty; a hostile WSV
/// without plan) plus a second WSV with a plan.
fn snapshot() -> Snapshot {
    let mut s = crate::emit::tests::sample();
    let mut plan = s.wsvs[0].plan.clone().unwrap().1;
    plan.themas = vec![
        thema(1, "1. Wijkgerichte samenwerking", "Overleg"),
        thema(3, "3. (Kwetsbare) ouderen", "Valpreventie voor 75+"),
        thema(8, "8. Laaggeletterdheid", "Taalcafé"),
        thema(9, "9. …", ""),
    ];
    plan.kerndisciplines = Discipline::ALL.to_vec();
    plan.secties = vec![sectie(
        8,
        "8. Monitoring en evaluatie",
        "Twee keer per jaar.",
    )];
    let mut tweede = s.wsvs[0].clone();
    tweede.wsv = "Zuid".into();
    tweede.plan = Some(("zuid/plan.docx".into(), plan));
    s.wsvs.push(tweede);
    s
}

#[test]
fn escape_covers_the_five_characters() {
    assert_eq!(
        escape(r#"<a href="x">Tom & Jerry's</a>"#),
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
    );
    assert_eq!(escape("&amp;"), "&amp;amp;");
    assert_eq!(escape("Laak € ✓"), "Laak € ✓");
}

#[test]
fn hostile_texts_are_escaped_everywhere() {
    let mut s = snapshot();
    let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>&amp;";
    s.wsvs[0].wsv = format!("WSV {evil}");
    if let Some((_, p)) = s.wsvs[0].plan.as_mut() {
        p.secties = vec![
            sectie(5, "5. Behoefte", &format!("Hulp {evil}")),
            sectie(6, "6. Regionaal", evil),
        ];
        p.themas.push(thema(8, &format!("8. {evil}"), "iets"));
        p.themas[0].bron = evil.into();
    }
    let html = render(&s, Opties::default());
    assert!(!html.contains("<script"), "raw script tag");
    assert!(!html.contains("<img"), "raw img tag");
    assert!(
        !html.contains("onerror=alert(2)>"),
        "unescaped attribute break-out"
    );
    let escaped =
        "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;";
    // Name (several tables), section 5 and 6 text, theme 8's name.
    assert!(html.matches(escaped).count() >= 6, "{html}");
    assert!(html.contains(&format!("WSV {escaped}")));
    assert!(html.contains(&format!("Hulp {escaped}")));
    assert!(html.contains(&format!("<dt>Eigen thema</dt><dd>{escaped}</dd>")));
}

#[test]
fn theme_matrix_counts_wsvs_per_theme() {
    let s = snapshot();
    // Laak-Noord: 1, 5 (theme 2 is empty); Zuid: 1, 3, 8 (theme 9 untouched).
    assert_eq!(thema_tellingen(&s), [2, 0, 1, 0, 1, 0, 0, 1, 0]);
    let html = render(&s, Opties::default());
    assert!(html.contains(
        "<tfoot><tr><th>aantal WSV’s</th><td class=\"c\">2</td><td class=\"c\">0</td><td class=\"c\">1</td><td class=\"c\">0</td><td class=\"c\">1</td><td class=\"c\">0</td><td class=\"c\">0</td><td class=\"c\">1</td><td class=\"c\">0</td><td></td></tr></tfoot>"
    ), "{html}");
    // Theme 8 of Zuid: only the goal filled in (1 of 5), its own name inside the cell and
    // under the table.
    assert!(
        html.contains("<td class=\"h1\"><details><summary>1/5</summary><dl><dt>Eigen thema</dt><dd>Laaggeletterdheid</dd><dt>Doelen (SMART)</dt><dd>Taalcafé</dd></dl>"),
        "{html}"
    );
    assert!(html.contains("Eigen thema’s: Zuid 8. Laaggeletterdheid."));
    assert!(html.contains("Gebaseerd op 2 wijkplannen van 2 WSV’s en 2 begrotingen."));
    assert!(html.contains("Van 1 WSV is (nog) geen wijkplan ontvangen: =HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)."));
}

#[test]
fn version_diff_names_what_changed() {
    let mut oud = snapshot().wsvs[2].plan.clone().unwrap().1;
    oud.kerndisciplines = vec![Discipline::Huisarts, Discipline::Apotheker];
    oud.secties = vec![
        sectie(
            3,
            "3. Gewenste situatie en ambitie 2025–2026",
            "Samen sterk.",
        ),
        sectie(8, "8. Monitoring en evaluatie", "Twee keer  per jaar!"),
    ];
    oud.checklist = vec![ChecklistItem {
        tekst: "Gedragen?".into(),
        aangevinkt: false,
        bron: "plan.docx §10".into(),
    }];
    let mut nieuw = oud.clone();
    nieuw.kerndisciplines = vec![Discipline::Huisarts, Discipline::Welzijn];
    nieuw.themas.retain(|t| t.nummer != 3);
    nieuw
        .themas
        .push(thema(5, "5. Mentale gezondheid/GGZ", "Welzijn op Recept"));
    nieuw.themas[0].doelen = "Overleg elke maand".into();
    nieuw.secties[0].tekst = "Samen sterker.".into();
    nieuw.checklist[0].aangevinkt = true;
    let v = verschil(&oud, &nieuw);
    assert_eq!(
        v,
        Verschil {
            themas_erbij: vec![5],
            themas_eraf: vec![3],
            themas_gewijzigd: vec![1],
            disciplines_erbij: vec![Discipline::Welzijn],
            disciplines_eraf: vec![Discipline::Apotheker],
            // §8 only differs in spacing and punctuation: not a change.
            secties_gewijzigd: vec!["§3 Gewenste situatie en ambitie 2025–2026".into()],
            checklist: (0, 1),
        }
    );
    assert!(verschil(&oud, &oud).is_empty());
}

#[test]
fn over_time_says_plainly_when_there_is_one_version() {
    let s = snapshot();
    assert!(render(&s, Opties::default())
        .contains("Van elke WSV is één versie van het wijkplan ontvangen"));
    let mut s = snapshot();
    let mut oud = s.wsvs[2].plan.clone().unwrap().1;
    oud.themas.retain(|t| t.nummer == 1);
    oud.velden.versie_datum.waarde = Some("v1 & concept".into());
    s.wsvs[2].eerdere_versies = vec![("zuid/oud.docx".into(), oud)];
    let html = render(&s, Opties::default());
    assert!(html.contains("<strong>v1 &amp; concept (zuid/oud.docx)</strong> → <strong>v2, 1 maart 2026 (zuid/plan.docx)</strong>"), "{html}");
    assert!(html.contains("<li>Thema’s erbij: 3. (Kwetsbare) ouderen, 8. Laaggeletterdheid</li>"));
    assert!(html.contains("Van 1 WSV is één versie ontvangen: Laak-Noord."));
}

#[test]
fn monitoring_frequency_detection() {
    assert_eq!(
        frequenties("Twee keer per jaar in de kerngroep."),
        ["halfjaarlijks"]
    );
    assert_eq!(
        frequenties("Maandelijks overleg; aan het einde van het jaar een reflectie."),
        ["maandelijks", "jaarlijks"]
    );
    assert_eq!(
        frequenties("Elk kwartaal een verslag, halfjaarlijks evaluatie."),
        ["per kwartaal", "halfjaarlijks"]
    );
    assert_eq!(
        frequenties("Drie keer per jaar."),
        ["meerdere keren per jaar"]
    );
    assert_eq!(frequenties("Eén keer per jaar."), ["jaarlijks"]);
    assert_eq!(frequenties("We houden het bij."), Vec::<&str>::new());
    // "perjaarlijks" is no word of ours; "per jaar" must start a word.
    assert_eq!(frequenties("superjaar"), Vec::<&str>::new());
}

#[test]
fn support_categories_and_haaglanden_gezonder_are_found() {
    assert_eq!(
        categorieen("Hulp bij procesbegeleiding en het gebruik van wijkdata; ook communicatie."),
        [0, 1, 2]
    );
    assert_eq!(categorieen("Advies over het betrekken van bewoners."), [3]);
    assert_eq!(
        categorieen("Een update over de database"),
        Vec::<usize>::new()
    );
    let p = snapshot().wsvs[2].plan.clone().unwrap().1;
    assert_eq!(waar_genoemd(&p, HAAGLANDEN_GEZONDER[2].1), ["thema 3"]);
    assert_eq!(
        waar_genoemd(&p, HAAGLANDEN_GEZONDER[1].1),
        Vec::<String>::new()
    );
}

#[test]
fn a_plain_no_is_not_a_project_request() {
    assert!(geen_aanvraag("Geen aanvraag."));
    assert!(geen_aanvraag("Nog niet."));
    assert!(geen_aanvraag("n.v.t."));
    assert!(!geen_aanvraag(
        "Wij doen in 2025 geen regionale projectaanvraag. Voor 2026 onderzoeken we een pilot."
    ));
    assert!(!geen_aanvraag(
        "Geen idee is te gek: een taalcafé met drie wijken samen, wekelijks in het buurthuis."
    ));
    assert!(!geen_aanvraag("Taalcafé"));
}

#[test]
fn report_is_deterministic_and_self_contained() {
    let s = snapshot();
    let mut a = Vec::new();
    write_report(&s, &mut a).unwrap();
    let mut b = Vec::new();
    write_report(&s, &mut b).unwrap();
    assert_eq!(a, b);
    let html = String::from_utf8(a).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert!(!html.contains("src=") && !html.contains("url("));
    assert!(!html.contains("<script") && !html.contains("<link"));
    // Budget in facts: the per-stadsdeel row and the WSV's difference.
    assert!(html.contains("<tr><td>Laak (Den Haag)</td><td>Laak-Noord, Laak-Zuid</td><td class=\"n\">€ 100.000,00</td><td class=\"n\">€ 101.234,56</td><td class=\"n\">-€ 1.234,56</td></tr>"), "{html}");
    assert!(html.contains("<tr><th>Laak-Noord</th><td>Laak</td><td class=\"n\">30.000</td><td class=\"n\">€ 56.641,00</td><td class=\"n\">€ 61.200,00</td><td class=\"n\">-€ 4.559,00</td></tr>"));
}

#[test]
fn period_from_the_plans_is_in_title_h1_and_every_heading() {
    let mut s = snapshot();
    for r in &mut s.wsvs {
        if let Some((_, p)) = r.plan.as_mut() {
            p.secties.push(sectie(
                3,
                "3. Gewenste situatie en ambitie 2025–2026",
                "Samen.",
            ));
        }
    }
    let html = render(&s, Opties::default());
    assert!(html.contains("<title>Lerende cyclus WSV’s 2025–2026 – RESV Haaglanden</title>"));
    assert!(html.contains("<h1>Lerende cyclus 2025–2026: WSV’s naast elkaar</h1>"));
    let h2 = html.matches("<h2>").count();
    assert_eq!(h2, SECTIES.len());
    assert_eq!(
        html.matches(" <span class=\"periode\">2025–2026</span></h2>")
            .count(),
        h2
    );
    // Without years in any title: the version date's year.
    assert_eq!(periode(&snapshot()), "2026");
}

#[test]
fn no_begroting_is_said_never_zero_euro() {
    let mut s = snapshot();
    for r in &mut s.wsvs {
        r.begroting = None;
    }
    let html = render(&s, Opties::default());
    assert!(html.contains("<td class=\"n leeg\">geen begroting</td>"));
    assert!(!html.contains("€ 0,00"), "{html}");
    // The chart too: the light bar only, and the words.
    assert!(html.contains(">geen begroting</text>"));
}

#[test]
fn names_are_masked_by_default_and_shown_with_namen() {
    let mut s = snapshot();
    {
        let p = &mut s.wsvs[0].plan.as_mut().unwrap().1;
        p.velden.aanjagers.waarde = Some(
            "Fatima el Amrani (Huisartsenpraktijk De Vaart) en Joost van Dijk (Xtra Welzijn)"
                .into(),
        );
        p.velden.kernteamleden.waarde =
            Some("Sanne Koster\tFlorence wijkverpleging\twijkverpleging".into());
        p.secties.push(sectie(
            8,
            "8. Monitoring",
            "Joost van Dijk (joost@xtra.nl, 06-12345678) verzamelt de cijfers; Sanne belt twee keer per jaar.",
        ));
    }
    let html = render(&s, Opties::default());
    for naam in [
        "Fatima",
        "Amrani",
        "Joost",
        "van Dijk",
        "Sanne",
        "Koster",
        "A. de Vries",
    ] {
        assert!(!html.contains(naam), "{naam} in the shared report");
    }
    assert!(
        html.contains("[naam] ([e-mailadres], [telefoonnummer]) verzamelt de cijfers; [naam] belt")
    );
    assert!(html.contains("Versie om te delen, zonder namen."));
    // Roles stay: the aanjagers' disciplines and organisations.
    assert!(html.contains("2: huisarts (Huisartsenpraktijk De Vaart); welzijn (Xtra Welzijn)"));

    let html = render(&s, Opties { namen: true });
    for naam in [
        "Fatima el Amrani",
        "Joost van Dijk",
        "Sanne Koster",
        "A. de Vries",
    ] {
        assert!(html.contains(naam), "{naam} missing with --namen");
    }
    assert!(html.contains("Interne versie met namen"));
    assert!(!html.contains("joost@xtra.nl") && !html.contains("06-12345678"));
}

#[test]
fn workload_signals_and_vacatie_hours() {
    let mut p = snapshot().wsvs[2].plan.clone().unwrap().1;
    p.secties = vec![sectie(
        2,
        "2. Huidige situatie",
        "Het overleg verloopt goed. De werkdruk bij huisartsen is hoog! Er is te weinig tijd voor werkgroepen.",
    )];
    let sig = werkdruk_signalen(&p);
    assert_eq!(sig.len(), 2, "{sig:?}");
    assert_eq!(sig[0].woorden, ["werkdruk"]);
    assert_eq!(sig[0].zin, "De werkdruk bij huisartsen is hoog!");
    assert_eq!(sig[1].woorden, ["te weinig tijd", "weinig tijd"]);
    // The sample's begroting has one vacatie line: 12,5 hours, € 1.000,00.
    let html = render(&snapshot(), Opties::default());
    assert!(html.contains("<tr><th>Laak-Noord</th><td class=\"n\">12,5</td><td class=\"n\">€ 1.000,00</td><td>Vacatiegeld</td></tr>"), "{html}");
}

#[test]
fn an_earlier_period_is_compared() {
    let mut s = snapshot();
    let mut oud = s.wsvs[2].plan.clone().unwrap().1;
    oud.secties = vec![sectie(3, "3. Ambitie 2023–2024", "Eerst.")];
    oud.themas.retain(|t| t.nummer == 1);
    let nieuw = &mut s.wsvs[2].plan.as_mut().unwrap().1;
    nieuw.secties = vec![sectie(3, "3. Ambitie 2025–2026", "Daarna.")];
    s.wsvs[2].eerdere_versies = vec![("zuid/2023.docx".into(), oud)];
    let html = render(&s, Opties::default());
    assert!(
        html.contains(
            "<p><strong>Vergeleken met de vorige periode (2023–2024 → 2025–2026)</strong>: "
        ),
        "{html}"
    );
    assert!(html.contains("<li>Thema’s erbij: 3. (Kwetsbare) ouderen, 8. Laaggeletterdheid</li>"));
}

#[test]
fn heat_map_colours_by_columns_filled() {
    let s = snapshot();
    let html = render(&s, Opties::default());
    // Laak-Noord theme 5: only "partijen" → h1; theme 2 empty → h0.
    assert!(html.contains("<td class=\"h1\"><details><summary>1/5</summary><dl><dt>Betrokken partijen en trekker</dt><dd>GGZ-team</dd></dl>"));
    assert!(html.contains("<td class=\"h0\">–</td>"));
    // Who works on the same: theme 1 in both plans.
    assert!(html.contains("<li><strong>Thema 1, Wijkgerichte samenwerking</strong> (2 WSV’s): Laak-Noord en Zuid</li>"), "{html}");
    assert!(!html.contains("overflow-wrap:anywhere"));
}

#[test]
fn monitoring_how_and_what() {
    let t = "Het kernteam bespreekt de voortgang per thema twee keer per jaar. Wat: deelname, verwijzingen naar Welzijn op Recept en het aantal MDO’s. Hoe: een kort voortgangsverslag.";
    assert_eq!(super::lijnen::methoden(t), ["verslag of rapportage"]);
    assert_eq!(
        super::lijnen::onderwerpen(t),
        [
            "deelname en bereik",
            "verwijzingen",
            "resultaten per thema",
            "overleggen en MDO’s"
        ]
    );
    assert_eq!(frequenties(t), ["halfjaarlijks"]);
}
