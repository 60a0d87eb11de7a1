//! The region first: how many WSVs, where, which themes, in figures and three small charts
//! (available against requested per stadsdeel, WSVs per theme, kernteam composition); and, at
//! the end of the page, the budget per WSV.
//!
//! Budgets are stated as facts (amounts and differences), without verdicts: the page goes to all
//! WSVs. A stadsdeel or WSV without a begroting says "geen begroting", never "€ 0,00": nothing
//! was requested because nothing was sent, which is not the same as asking for nothing.

use super::svg::{self, Paar, Staaf};
use super::{meervoud, met_plan, opsomming, thema_naam, thema_tellingen, titel, wsvs, Html};
use crate::domain::{Cents, Discipline};
use crate::snapshot::{Snapshot, StadsdeelRij};
use std::collections::BTreeMap;

/// Whether any WSV of a stadsdeel row sent a begroting (and which did not).
fn begroting_stand<'a>(s: &'a Snapshot, d: &StadsdeelRij) -> (bool, Vec<&'a str>) {
    // A set, so a stadsdeel with a thousand WSVs costs a thousand look-ups, not a million.
    let namen: std::collections::HashSet<&str> = d.wsvs.iter().map(String::as_str).collect();
    let mut met = false;
    let mut zonder = Vec::new();
    for r in s.wsvs.iter().filter(|r| namen.contains(r.wsv.as_str())) {
        if r.begroting.is_some() {
            met = true;
        } else {
            zonder.push(r.wsv.as_str());
        }
    }
    (met, zonder)
}

fn stadsdeel_naam(d: &StadsdeelRij) -> String {
    if d.gemeente == d.stadsdeel || d.gemeente.is_empty() {
        d.stadsdeel.clone()
    } else {
        format!("{} ({})", d.stadsdeel, d.gemeente)
    }
}

/// The audit's row for WSVs it could not place: it has no budget of its own (not € 0).
fn niet_geplaatst(d: &StadsdeelRij) -> bool {
    d.gemeente.is_empty()
}

fn euro(c: Cents) -> u64 {
    c.0.max(0).unsigned_abs()
}

/// The region in figures, words and charts.
pub(super) fn regio(h: &mut Html, s: &Snapshot) {
    h.sectie("regio", titel("regio"), false);
    let plannen = met_plan(s).count();
    let eerdere: usize = s.wsvs.iter().map(|r| r.eerdere_versies.len()).sum();
    let begrotingen = s.wsvs.iter().filter(|r| r.begroting.is_some()).count();
    let inwoners: u64 = s.wsvs.iter().filter_map(|r| r.plaatsing.inwoners).sum();
    h.raw("<ul class=\"kengetallen\">")
        .elem(
            "<li><strong>",
            &s.wsvs.len().to_string(),
            "</strong>WSV’s</li>",
        )
        .elem(
            "<li><strong>",
            &plannen.to_string(),
            "</strong>wijkplannen</li>",
        )
        .elem(
            "<li><strong>",
            &begrotingen.to_string(),
            "</strong>begrotingen</li>",
        )
        .elem(
            "<li><strong>",
            &crate::wijkindeling::nl_getal(inwoners),
            "</strong>inwoners in hun wijken</li>",
        )
        .raw("</ul>\n<p class=\"samenvatting\">");
    h.text(&format!(
        "Gebaseerd op {plannen} {} van {}",
        if plannen == 1 {
            "wijkplan"
        } else {
            "wijkplannen"
        },
        wsvs(plannen)
    ));
    if eerdere > 0 {
        h.text(&format!(
            " (plus {eerdere} {})",
            if eerdere == 1 {
                "eerdere versie"
            } else {
                "eerdere versies"
            }
        ));
    }
    h.text(&format!(
        " en {}.",
        meervoud(begrotingen, "begroting", "begrotingen")
    ));
    let zonder: Vec<&str> = s
        .wsvs
        .iter()
        .filter(|r| r.plan.is_none())
        .map(|r| r.wsv.as_str())
        .collect();
    if !zonder.is_empty() {
        h.text(&format!(
            " Van {} is (nog) geen wijkplan ontvangen: {}.",
            wsvs(zonder.len()),
            opsomming(&zonder)
        ));
    }
    h.raw("</p>\n");
    if s.wsvs.is_empty() {
        h.raw("<p class=\"leeg\">Het register bevat nog geen WSV’s.</p>\n</section>\n");
        return;
    }
    waar(h, s);
    themas_in_woorden(h, s);
    grafieken(h, s);
    stadsdelen(h, s);
    h.raw("</section>\n");
}

/// Where the WSVs are: per gemeente, and per stadsdeel inside Den Haag.
fn waar(h: &mut Html, s: &Snapshot) {
    let mut per: BTreeMap<String, BTreeMap<String, Vec<&str>>> = BTreeMap::new();
    let mut onbekend = Vec::new();
    for r in &s.wsvs {
        let pl = &r.plaatsing;
        match (pl.gemeente.as_deref(), pl.stadsdeel.as_deref()) {
            (Some(g), st) => per
                .entry(g.to_string())
                .or_default()
                .entry(st.unwrap_or(g).to_string())
                .or_default()
                .push(r.wsv.as_str()),
            (None, Some(st)) => per
                .entry(st.to_string())
                .or_default()
                .entry(st.to_string())
                .or_default()
                .push(r.wsv.as_str()),
            (None, None) => onbekend.push(r.wsv.as_str()),
        }
    }
    h.raw("<p>");
    let delen: Vec<String> = per
        .iter()
        .map(|(g, st)| {
            let n: usize = st.values().map(Vec::len).sum();
            let binnen: Vec<String> = st
                .iter()
                .filter(|(naam, _)| *naam != g)
                .map(|(naam, w)| format!("{naam} {}", w.len()))
                .collect();
            if binnen.is_empty() {
                format!("{n} in {g}")
            } else {
                format!("{n} in {g} ({})", binnen.join(", "))
            }
        })
        .collect();
    h.text(&format!(
        "Waar: {}.",
        opsomming(&delen.iter().map(String::as_str).collect::<Vec<_>>())
    ));
    if !onbekend.is_empty() {
        h.text(&format!(
            " Niet te plaatsen in de wijkindeling: {}.",
            opsomming(&onbekend)
        ));
    }
    h.raw("</p>\n");
}

fn themas_in_woorden(h: &mut Html, s: &Snapshot) {
    let counts = thema_tellingen(s);
    let max = counts.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return;
    }
    let naam = |i: usize| {
        format!(
            "{}. {}",
            i + 1,
            thema_naam(u32::try_from(i + 1).unwrap_or(0))
        )
    };
    let vaakst: Vec<String> = (0..9).filter(|&i| counts[i] == max).map(naam).collect();
    let weinig: Vec<String> = (0..7).filter(|&i| counts[i] <= 1).map(naam).collect();
    h.raw("<p>");
    h.text(&format!(
        "Thema’s: het vaakst ingevuld is {} ({} van de {}).",
        opsomming(&vaakst.iter().map(String::as_str).collect::<Vec<_>>()),
        max,
        wsvs(met_plan(s).count())
    ));
    if !weinig.is_empty() {
        h.text(&format!(
            " Door één of geen WSV ingevuld: {}.",
            opsomming(&weinig.iter().map(String::as_str).collect::<Vec<_>>())
        ));
    }
    h.raw("</p>\n");
}

/// The bars of the budget chart: every stadsdeel with at least one WSV.
pub(super) fn budget_paren(s: &Snapshot) -> Vec<Paar> {
    s.stadsdelen
        .iter()
        .filter(|d| !d.wsvs.is_empty() && !niet_geplaatst(d))
        .map(|d| {
            let (met, _) = begroting_stand(s, d);
            Paar {
                label: d.stadsdeel.clone(),
                beschikbaar: euro(d.uitvoeringsbudget),
                aangevraagd: met.then(|| euro(d.aangevraagd)),
                tekst_beschikbaar: d.uitvoeringsbudget.nl(),
                tekst_aangevraagd: if met {
                    d.aangevraagd.nl()
                } else {
                    "geen begroting".to_string()
                },
            }
        })
        .collect()
}

/// WSVs per core discipline in their kernteam.
pub(super) fn discipline_tellingen(s: &Snapshot) -> [usize; 5] {
    let mut c = [0; 5];
    for (_, _, p) in met_plan(s) {
        for (d, n) in Discipline::ALL.iter().zip(c.iter_mut()) {
            *n += usize::from(p.kerndisciplines.contains(d));
        }
    }
    c
}

fn grafieken(h: &mut Html, s: &Snapshot) {
    h.raw("<div class=\"grafieken\">\n");
    let paren: Vec<Paar> = budget_paren(s)
        .into_iter()
        .map(|mut p| {
            p.label = h.veilig(&p.label);
            p
        })
        .collect();
    if !paren.is_empty() {
        h.raw(
            "<figure><figcaption>Beschikbaar en aangevraagd per stadsdeel of gemeente</figcaption>",
        )
        .raw(&svg::paren(
            "Uitvoeringsbudget en begrotingen per stadsdeel of gemeente",
            &paren,
        ))
        .raw("</figure>\n");
    }
    if met_plan(s).next().is_some() {
        let counts = thema_tellingen(s);
        let staven: Vec<Staaf> = (1u32..)
            .zip(counts)
            .map(|(n, c)| Staaf {
                label: format!("{n}. {}", super::grid::korte_naam(n)),
                waarde: c as u64,
                tekst: wsvs(c),
            })
            .collect();
        h.raw("<figure><figcaption>Hoeveel WSV’s aan elk thema werken</figcaption>")
            .raw(&svg::staven("Aantal WSV’s per thema", &staven))
            .raw("</figure>\n");
        let staven: Vec<Staaf> = Discipline::ALL
            .iter()
            .zip(discipline_tellingen(s))
            .map(|(d, c)| Staaf {
                label: d.as_str().to_string(),
                waarde: c as u64,
                tekst: wsvs(c),
            })
            .collect();
        h.raw(
            "<figure><figcaption>Kernteams: hoeveel WSV’s elke kerndiscipline hebben</figcaption>",
        )
        .raw(&svg::staven("Aantal WSV’s per kerndiscipline", &staven))
        .raw("</figure>\n");
        // Kernteam size as a sentence under the charts.
        let mut grootte = [0usize; 6];
        for (_, _, p) in met_plan(s) {
            let n = Discipline::ALL
                .iter()
                .filter(|d| p.kerndisciplines.contains(d))
                .count();
            grootte[n.min(5)] += 1;
        }
        let delen: Vec<String> = (0..=5)
            .rev()
            .filter(|&n| grootte[n] > 0)
            .map(|n| format!("{} met {n} van de 5", wsvs(grootte[n])))
            .collect();
        h.raw("</div>\n<p>");
        h.text(&format!(
            "Kernteams: {}.",
            opsomming(&delen.iter().map(String::as_str).collect::<Vec<_>>())
        ));
        h.raw("</p>\n");
    } else {
        h.raw("</div>\n");
    }
}

/// Per stadsdeel: available, requested (or "geen begroting"), difference.
fn stadsdelen(h: &mut Html, s: &Snapshot) {
    h.raw("<h3>Budget per stadsdeel of gemeente</h3>\n")
        .raw("<p>Elk stadsdeel en elke randgemeente heeft een vast uitvoeringsbudget op basis van het aantal inwoners; ")
        .raw("WSV’s in hetzelfde stadsdeel delen het naar inwoners. Een negatief verschil betekent dat er meer is begroot dan er beschikbaar is.</p>\n");
    let (met, zonder): (Vec<&StadsdeelRij>, Vec<&StadsdeelRij>) =
        s.stadsdelen.iter().partition(|d| !d.wsvs.is_empty());
    if met.is_empty() {
        h.raw("<p class=\"leeg\">Geen stadsdeel met een WSV in dit register.</p>\n");
        return;
    }
    h.raw("<table>\n<thead><tr><th>stadsdeel / gemeente</th><th>WSV’s</th>")
        .raw("<th class=\"n\">uitvoeringsbudget</th><th class=\"n\">begroot</th><th class=\"n\">verschil</th></tr></thead>\n<tbody>\n");
    for d in met {
        let (heeft, zonder_b) = begroting_stand(s, d);
        h.elem("<tr><td>", &stadsdeel_naam(d), "</td>")
            .elem("<td>", &d.wsvs.join(", "), "</td>");
        if niet_geplaatst(d) {
            // No budget to compare with: the requested amount only.
            h.raw("<td class=\"n leeg\">niet te plaatsen</td>");
            match heeft {
                true => h.elem(
                    "<td class=\"n\">",
                    &d.aangevraagd.nl(),
                    "</td><td class=\"n\"></td></tr>\n",
                ),
                false => {
                    h.raw("<td class=\"n leeg\">geen begroting</td><td class=\"n\"></td></tr>\n")
                }
            };
            continue;
        }
        h.elem("<td class=\"n\">", &d.uitvoeringsbudget.nl(), "</td>");
        if heeft {
            h.elem("<td class=\"n\">", &d.aangevraagd.nl(), "");
            if !zonder_b.is_empty() {
                h.elem(
                    "<br><span class=\"naam\">",
                    &format!("zonder begroting: {}", opsomming(&zonder_b)),
                    "</span>",
                );
            }
            h.raw("</td>")
                .elem("<td class=\"n\">", &d.ruimte.nl(), "</td></tr>\n");
        } else {
            h.raw("<td class=\"n leeg\">geen begroting</td><td class=\"n\"></td></tr>\n");
        }
    }
    h.raw("</tbody>\n</table>\n");
    if !zonder.is_empty() {
        let namen: Vec<String> = zonder.iter().map(|d| stadsdeel_naam(d)).collect();
        h.raw("<p>");
        h.text(&format!(
            "Nog geen WSV in dit overzicht: {}.",
            opsomming(&namen.iter().map(String::as_str).collect::<Vec<_>>())
        ));
        h.raw("</p>\n");
    }
}

fn bedrag(c: Option<Cents>) -> String {
    c.map_or_else(|| "onbekend".to_string(), |c| c.nl())
}

/// Budgets per WSV, facts only (the last section of the page).
pub(super) fn budget_per_wsv(h: &mut Html, s: &Snapshot) {
    h.sectie("budget", titel("budget"), false)
        .raw("<p>Het aandeel van elke WSV in het uitvoeringsbudget van zijn stadsdeel (naar inwoners), de begroting en het verschil.</p>\n")
        .raw("<table>\n<thead><tr><th>WSV</th><th>stadsdeel / gemeente</th><th class=\"n\">inwoners</th>")
        .raw("<th class=\"n\">aandeel uitvoerings&shy;budget</th><th class=\"n\">begroting</th><th class=\"n\">verschil</th></tr></thead>\n<tbody>\n");
    for r in &s.wsvs {
        let pl = &r.plaatsing;
        let totaal = r.begroting.as_ref().map(|(_, b)| b.totaal());
        let verschil = match (pl.aandeel_uitvoeringsbudget, totaal) {
            (Some(a), Some(t)) => Some(Cents(a.0 - t.0)),
            _ => None,
        };
        let inwoners = pl
            .inwoners
            .map_or_else(|| "onbekend".to_string(), crate::wijkindeling::nl_getal);
        h.elem("<tr><th>", &r.wsv, "</th>")
            .elem(
                "<td>",
                pl.stadsdeel.as_deref().unwrap_or("onbekend"),
                "</td>",
            )
            .elem("<td class=\"n\">", &inwoners, "</td>")
            .elem(
                "<td class=\"n\">",
                &bedrag(pl.aandeel_uitvoeringsbudget),
                "</td>",
            );
        match totaal {
            Some(t) => h.elem("<td class=\"n\">", &t.nl(), "</td>"),
            None => h.raw("<td class=\"n leeg\">geen begroting</td>"),
        };
        h.elem(
            "<td class=\"n\">",
            &verschil.map_or_else(String::new, |v| v.nl()),
            "</td></tr>\n",
        );
    }
    h.raw("</tbody>\n</table>\n</section>\n");
}
