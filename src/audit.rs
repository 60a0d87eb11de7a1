//! The regional audit: place every WSV in the wijkindeling, compute its share of the stadsdeel's
//! uitvoeringsbudget and its voorbereidingsbudget, and check plans and begrotingen against the
//! rules of seed 001.
//!
//! The input is a [`Snapshot`] (what the register holds); only its current plans, begrotingen and
//! WSV names are read, so running the audit twice gives the same [`AuditResult`]. Everything is
//! ordered deterministically: WSVs by name, stadsdelen in table order, findings per WSV by code (the
//! order of `interface.md`) and then by where they were found.
//!
//! Amounts, as the README states them:
//! - **aandeel uitvoeringsbudget** = stadsdeel budget × WSV inwoners / stadsdeel inwoners, rounded to
//!   whole euros, half up; computed in integers (cents), so no float drift ([`aandeel`]);
//! - **voorbereidingsbudget** = € 5.000 × min(1, inwoners / 25.000), i.e. 20 cent per inhabitant up to
//!   25.000 inhabitants: exact in cents, no rounding needed ([`voorbereidingsbudget`]);
//! - **ruimte** = aandeel − begroting totaal (the stated total, else the sum of lines) ([`ruimte`]).

mod handreiking;
pub use handreiking::kerngroep_bijeen;
mod onbepaald;
mod placement;
mod rules;

pub use handreiking::{bedrag_in_tekst, per_jaar, regionale_aanvraag};
pub use rules::vacatie as vacatie_findings;

use crate::domain::{Begroting, Cents, Code, Finding};
use crate::limits::MAX_NAMED_PER_MESSAGE;
use crate::snapshot::{AuditResult, Bevinding, Plaatsing, Snapshot, StadsdeelRij, WsvRecord};
use crate::wijkindeling::{nl_getal, Wijkindeling};
use placement::{Group, Index, Kind, Placed, Source};
use std::collections::BTreeMap;

pub use rules::{MIN_INWONERS, VACATIE_TARIEF};

/// Voorbereidingsbudget for a WSV of at least 25.000 inhabitants.
pub const VOORBEREIDINGSBUDGET: Cents = Cents(500_000);

/// The WSV's share of its stadsdeel's budget: `budget × inwoners / stadsdeel_inwoners`, rounded to
/// whole euros half up, in integer arithmetic. `None` when the stadsdeel has no inhabitants.
pub fn aandeel(budget: Cents, inwoners: u64, stadsdeel_inwoners: u64) -> Option<Cents> {
    if stadsdeel_inwoners == 0 {
        return None;
    }
    // In cents: num / den euros with den = stadsdeel_inwoners × 100; half up = floor(x + 1/2).
    let num = i128::from(budget.0) * i128::from(inwoners);
    let den = i128::from(stadsdeel_inwoners) * 100;
    let euros = (2 * num + den).div_euclid(2 * den);
    i64::try_from(euros * 100).ok().map(Cents)
}

/// € 5.000 × min(1, inwoners / 25.000): 20 cent per inhabitant, capped at € 5.000. Exact.
pub fn voorbereidingsbudget(inwoners: u64) -> Cents {
    let per_inwoner = VOORBEREIDINGSBUDGET.0 / MIN_INWONERS as i64; // 20 cent
    Cents(per_inwoner * inwoners.min(MIN_INWONERS) as i64)
}

/// What is left of the WSV's share after its begroting: aandeel − begroting totaal.
pub fn ruimte(plaatsing: &Plaatsing, begroting: Option<&Begroting>) -> Option<Cents> {
    let aandeel = plaatsing.aandeel_uitvoeringsbudget?;
    Some(Cents(
        aandeel.0 - begroting.map(|b| b.totaal().0).unwrap_or(0),
    ))
}

/// Status of a stadsdeel row.
pub const STATUS_BINNEN: &str = "binnen budget";
pub const STATUS_OVER: &str = "over budget";
pub const STATUS_GEEN: &str = "geen aanvragen";
/// The stadsdeel has WSVs, but none of them sent a begroting: nothing asked is not "binnen budget".
pub const STATUS_GEEN_BEGROTING: &str = "geen begroting";
/// `stadsdeel` and `status` of the extra row for WSVs that could not be placed in one stadsdeel or
/// gemeente (its `gemeente` is empty, its budget and inhabitants 0).
pub const NIET_GEPLAATST: &str = "niet geplaatst";

/// One WSV during the audit.
struct Audited<'a> {
    rec: &'a WsvRecord,
    placed: Placed,
    /// `bron` of the place the placement rests on.
    plaats_bron: String,
    plaats_bestand: String,
    bevindingen: Vec<Bevinding>,
}

impl Audited<'_> {
    fn push(&mut self, bestand: &str, f: Finding) {
        self.bevindingen.push(Bevinding {
            wsv: Some(self.rec.wsv.clone()),
            bestand: Some(bestand.to_string()),
            finding: f,
        });
    }
    fn totaal(&self) -> Option<Cents> {
        self.rec.begroting.as_ref().map(|(_, b)| b.totaal())
    }
    /// Where a begroting's total rests: its stated-total cell, else the file.
    fn totaal_bron(&self) -> Option<(String, String)> {
        let (file, b) = self.rec.begroting.as_ref()?;
        let bron = match (&b.totaal_opgegeven, &b.totaal_bron) {
            (Some(_), Some(cell)) => cell.clone(),
            _ => file.clone(),
        };
        Some((file.clone(), bron))
    }
}

fn field_bron(file: &str, label: &str, bron: &str) -> String {
    if bron.is_empty() {
        format!("{file} §1 '{label}'")
    } else {
        bron.to_string()
    }
}

/// Place one WSV by every honest clue, strongest first: the plan's §1 fields; the begroting's
/// header cells (Gemeente/stadsdeel, Wijk(en)), which also name the wijken when the plan names only
/// the stadsdeel; the WSV's name and the name in the begroting; last the plan's section texts.
/// Returns the placement, its findings, and the `bron` and file it rests on.
fn place(
    rec: &WsvRecord,
    wk: &Wijkindeling,
    idx: &Index,
) -> (Placed, Vec<Finding>, String, String) {
    let begroting = rec.begroting.as_ref();
    let begroting_naam = begroting
        .and_then(|(_, b)| b.wsv_naam.as_deref())
        .unwrap_or("");
    let naam_bestand = rec
        .plan
        .as_ref()
        .map(|(f, _)| f.clone())
        .or_else(|| begroting.map(|(f, _)| f.clone()))
        .or_else(|| rec.plan_scan.clone())
        .or_else(|| rec.bestanden.first().cloned())
        .unwrap_or_default();
    let names = Group {
        kind: Kind::Names,
        sources: vec![
            Source {
                label: "de WSV-naam",
                text: &rec.wsv,
            },
            Source {
                label: "de WSV-naam in de begroting",
                text: begroting_naam,
            },
        ],
        bron: naam_bestand.clone(),
        bestand: naam_bestand,
    };
    let cells = begroting.map(|(file, b)| {
        let gs = b.gemeente_stadsdeel.waarde.as_deref().unwrap_or("");
        let wijken = b.wijken.waarde.as_deref().unwrap_or("");
        // The cell the placement rests on: the wijken when only they are filled in.
        let bron = [&b.gemeente_stadsdeel, &b.wijken]
            .into_iter()
            .find(|v| v.waarde.as_deref().is_some_and(|w| !w.trim().is_empty()))
            .map(|v| v.bron.clone())
            .filter(|b| !b.is_empty())
            .unwrap_or_else(|| file.clone());
        (
            vec![
                Source {
                    label: "Gemeente/stadsdeel in de begroting",
                    text: gs,
                },
                Source {
                    label: "Wijk(en) in de begroting",
                    text: wijken,
                },
            ],
            bron,
            file.clone(),
        )
    });
    let mut groups: Vec<Group> = Vec::new();
    if let Some((file, plan)) = &rec.plan {
        let v = &plan.velden;
        let gs = v.gemeente_stadsdeel.waarde.as_deref().unwrap_or("");
        let ww = v.wijk_wsv.waarde.as_deref().unwrap_or("");
        let bron = if gs.trim().is_empty() && !ww.trim().is_empty() {
            field_bron(file, "Wijk/WSV", &v.wijk_wsv.bron)
        } else {
            field_bron(file, "Gemeente/stadsdeel", &v.gemeente_stadsdeel.bron)
        };
        groups.push(Group {
            kind: Kind::Fields,
            sources: vec![
                Source {
                    label: "Gemeente/stadsdeel",
                    text: gs,
                },
                Source {
                    label: "Wijk/WSV",
                    text: ww,
                },
            ],
            bron,
            bestand: file.clone(),
        });
        if let Some((sources, bron, bestand)) = cells {
            groups.push(Group {
                kind: Kind::Refines,
                sources,
                bron,
                bestand,
            });
        }
        groups.push(names);
        groups.push(Group {
            kind: Kind::FreeText,
            sources: plan
                .secties
                .iter()
                .map(|s| Source {
                    label: "",
                    text: &s.tekst,
                })
                .collect(),
            bron: field_bron(file, "Gemeente/stadsdeel", &v.gemeente_stadsdeel.bron),
            bestand: file.clone(),
        });
    } else {
        // No readable plan: the begroting's header cells say where the WSV is, its name next.
        if let Some((sources, bron, bestand)) = cells {
            groups.push(Group {
                kind: Kind::Fields,
                sources,
                bron,
                bestand,
            });
        }
        groups.push(names);
    }
    let (p, f, used) = placement::place(&groups, wk, idx);
    let (bron, bestand) = groups
        .get(used)
        .map(|g| (g.bron.clone(), g.bestand.clone()))
        .unwrap_or_default();
    (p, f, bron, bestand)
}

/// The inhabitants a Zorg en Zekerheid plan states in chapter 2, when the placement is a whole
/// unit of the wijkindeling that has more: (number, `bron`).
fn stated_by_plan(rec: &WsvRecord, placed: &Placed, wk: &Wijkindeling) -> Option<(u64, String)> {
    let (_, plan) = rec.plan.as_ref()?;
    if plan.sjabloon != crate::domain::Sjabloon::ZorgEnZekerheid2018 || !placed.wijken.is_empty() {
        return None;
    }
    let unit = wk.eenheden.get(placed.unit?)?;
    let sectie = plan
        .secties
        .iter()
        .find(|s| s.titel.starts_with(crate::template::zz2018::HOOFDSTUK_WIJK))?;
    let n = placement::stated_inwoners(&sectie.tekst)?;
    (n > 0 && n < unit.inwoners).then(|| {
        (
            n,
            format!(
                "{} (aantal inwoners zoals het plan het noemt; de wijkindeling kent alleen {} als geheel)",
                sectie.bron,
                if unit.gemeente == unit.stadsdeel {
                    format!("gemeente {}", unit.stadsdeel)
                } else {
                    format!("stadsdeel {}", unit.stadsdeel)
                }
            ),
        )
    })
}

/// Run every rule over the snapshot's WSVs that have a current plan or begroting.
pub fn run(snapshot: &Snapshot, wk: &Wijkindeling) -> AuditResult {
    let idx = Index::new(wk);
    let mut recs: Vec<&WsvRecord> = snapshot
        .wsvs
        .iter()
        // Every WSV some document names, even if that is only an agreement: it must show up with
        // what is missing, never as a silent `akkoord`.
        .filter(|r| {
            r.plan.is_some()
                || r.begroting.is_some()
                || r.plan_scan.is_some()
                || r.samenwerkingsovereenkomst.is_some()
                || !r.bestanden.is_empty()
        })
        .collect();
    recs.sort_by(|a, b| a.wsv.cmp(&b.wsv));

    let mut audited: Vec<Audited> = Vec::new();
    let mut inwoners_voor_correctie = Vec::new();
    for rec in recs {
        let (placed, findings, plaats_bron, plaats_bestand) = place(rec, wk, &idx);
        let mut a = Audited {
            rec,
            placed,
            plaats_bron,
            plaats_bestand,
            bevindingen: Vec::new(),
        };
        let file = a.plaats_bestand.clone();
        for f in findings {
            a.push(&file, f);
        }
        // A Zorg en Zekerheid plan placed in a whole gemeente or stadsdeel (no wijken named)
        // that states its own, smaller number of inhabitants in chapter 2: that number counts,
        // with the chapter as its `bron` (the handreiking asks the WSV to define its wijk there).
        if let Some((n, bron)) = stated_by_plan(rec, &a.placed, wk) {
            a.placed.inwoners = Some(n);
            a.plaats_bron = bron;
        }
        // A correction of the inhabitants replaces the wijkindeling's sum (issue 13).
        for c in snapshot
            .plaatsingscorrecties
            .iter()
            .filter(|c| c.wsv == rec.wsv)
        {
            inwoners_voor_correctie.push((rec.wsv.clone(), a.placed.inwoners));
            a.placed.inwoners = Some(c.inwoners);
            a.plaats_bron = c.bron.clone();
        }
        per_wsv_rules(&mut a, wk);
        audited.push(a);
    }

    let stadsdelen = stadsdeel_rows(&audited, wk);
    stadsdeel_over_budget(&mut audited, wk);
    wsv_overlap(&mut audited, wk);

    let mut bevindingen: Vec<Bevinding> = wk
        .check()
        .into_iter()
        .map(|f| Bevinding {
            wsv: None,
            bestand: Some(wk.bron.clone()),
            finding: f,
        })
        .collect();
    bevindingen.extend(onbepaald::findings(&snapshot.bestanden));
    // Corrections that no longer apply: on their WSV when it exists, else regional.
    for st in &snapshot.correcties {
        if let crate::correcties::Uitkomst::Vervallen(reden) = &st.uitkomst {
            let c = &st.correctie;
            let f = Finding::new(
                Code::CORRECTIE_VERVALLEN,
                format!(
                    "De correctie van ‘{}’ voor WSV {} naar ‘{}’ ({}, {}) is niet toegepast: {reden}.",
                    c.veld, c.wsv, c.waarde, c.reden, c.door
                ),
                c.bron.clone(),
            );
            let bestand = c.bron.rsplit_once(" regel ").map(|(f, _)| f.to_string());
            match audited.iter_mut().find(|a| a.rec.wsv == c.wsv) {
                Some(a) => a.bevindingen.push(Bevinding {
                    wsv: Some(a.rec.wsv.clone()),
                    bestand,
                    finding: f,
                }),
                None => bevindingen.push(Bevinding {
                    wsv: None,
                    bestand,
                    finding: f,
                }),
            }
        }
    }
    let mut plaatsingen = Vec::new();
    for mut a in audited {
        a.bevindingen.sort_by_key(|b| b.finding.code);
        plaatsingen.push((a.rec.wsv.clone(), plaatsing(&a.placed, wk)));
        bevindingen.extend(a.bevindingen);
    }
    AuditResult {
        plaatsingen,
        stadsdelen,
        bevindingen,
        inwoners_voor_correctie,
    }
}

fn plaatsing(p: &Placed, wk: &Wijkindeling) -> Plaatsing {
    let unit = p.unit.and_then(|u| wk.eenheden.get(u));
    Plaatsing {
        gemeente: p.gemeente.clone(),
        stadsdeel: unit.map(|e| e.stadsdeel.clone()),
        wijken: p
            .wijken
            .iter()
            .filter_map(|(u, w)| wk.eenheden.get(*u)?.wijken.get(*w))
            .map(|w| w.naam.clone())
            .collect(),
        inwoners: p.inwoners,
        aandeel_uitvoeringsbudget: unit
            .zip(p.inwoners)
            .and_then(|(e, n)| aandeel(e.uitvoeringsbudget, n, e.inwoners)),
        stadsdeel_budget: unit.map(|e| e.uitvoeringsbudget),
        voorbereidingsbudget: p.inwoners.map(voorbereidingsbudget),
    }
}

fn per_wsv_rules(a: &mut Audited, wk: &Wijkindeling) {
    let p = plaatsing(&a.placed, wk);
    let plaats_bestand = a.plaats_bestand.clone();
    if let (Some(n), Some(v)) = (p.inwoners, p.voorbereidingsbudget) {
        if let Some(f) = rules::inwoners_onder_minimum(n, v, &a.plaats_bron) {
            a.push(&plaats_bestand, f);
        }
    }
    if let (Some(aandeel), Some(totaal), Some((file, bron))) =
        (p.aandeel_uitvoeringsbudget, a.totaal(), a.totaal_bron())
    {
        if let Some(f) = rules::budget_over_share(totaal, aandeel, &bron) {
            a.push(&file, f);
        }
    }
    let rec = a.rec;
    match (&rec.plan, &rec.begroting) {
        (Some((pf, _)), None) => a.push(
            pf,
            Finding::new(
                Code::BEGROTING_ONTBREEKT,
                "Bij het wijkplan is geen begroting gevonden.",
                pf.clone(),
            ),
        ),
        // A scanned plan is the WSV's plan: GEEN_TEKSTLAAG says it could not be read.
        (None, Some((bf, _))) if rec.plan_scan.is_none() => a.push(
            bf,
            Finding::new(
                Code::WIJKPLAN_ONTBREEKT,
                "Bij de begroting is geen wijkplan gevonden.",
                bf.clone(),
            ),
        ),
        (None, None) => match (&rec.plan_scan, rec.bestanden.first()) {
            (Some(scan), _) => a.push(
                scan,
                Finding::new(
                    Code::BEGROTING_ONTBREEKT,
                    "Bij het (gescande) wijkplan is geen begroting gevonden.",
                    scan.clone(),
                ),
            ),
            // Only an agreement or another attachment names this WSV.
            (None, Some(file)) => {
                for (code, bericht) in [
                    (
                        Code::WIJKPLAN_ONTBREEKT,
                        "Van deze WSV is wel een ander document ontvangen, maar geen wijkplan.",
                    ),
                    (
                        Code::BEGROTING_ONTBREEKT,
                        "Van deze WSV is wel een ander document ontvangen, maar geen begroting.",
                    ),
                ] {
                    a.push(file, Finding::new(code, bericht, file.clone()));
                }
            }
            (None, None) => {}
        },
        _ => {}
    }
    if rec.samenwerkingsovereenkomst.is_none() {
        if let Some(file) = rec
            .plan
            .as_ref()
            .map(|(f, _)| f)
            .or(rec.plan_scan.as_ref())
            .or(rec.begroting.as_ref().map(|(f, _)| f))
        {
            a.push(
                file,
                Finding::new(
                    Code::SAMENWERKINGSOVEREENKOMST_ONTBREEKT,
                    "Er is geen samenwerkingsovereenkomst van deze WSV gevonden; die hoort met het wijkplan en de begroting bij de aanvraag van het uitvoeringsbudget.",
                    file.clone(),
                ),
            );
        }
    }
    if let Some((pf, plan)) = &rec.plan {
        let bron = field_bron(
            pf,
            "Kernteamleden per discipline",
            &plan.velden.kernteamleden.bron,
        );
        if let Some(f) = rules::disciplines(plan, &bron) {
            a.push(pf, f);
        }
        if let Some(f) = handreiking::groei_naar_vijf(plan, &bron) {
            a.push(pf, f);
        }
        if let Some(f) =
            handreiking::kerngroep_frequentie(plan, pf, rec.begroting.as_ref().map(|(_, b)| b))
        {
            a.push(pf, f);
        }
        if let (Some((bf, b)), Some(eigen)) = (&rec.begroting, &plan.begroting) {
            if bf != pf {
                if let Some(f) = rules::plan_begroting_afwijking(b, bf, eigen, pf) {
                    a.push(pf, f);
                }
            }
        }
        if let Some((bf, b)) = &rec.begroting {
            for f in rules::thema_zonder_begroting(plan, b, pf) {
                a.push(pf, f);
            }
            for f in handreiking::begroting_zonder_thema(plan, b) {
                a.push(bf, f);
            }
            for f in handreiking::regionale_aanvraag_in_begroting(plan, b) {
                a.push(bf, f);
            }
        }
        if let Some(f) = rules::checklist(plan) {
            a.push(pf, f);
        }
        if let Some(f) = rules::haaglanden_gezonder(plan, pf) {
            a.push(pf, f);
        }
    }
    if let Some((bf, b)) = &rec.begroting {
        let bron = match (&b.totaal_opgegeven, &b.totaal_bron) {
            (Some(_), Some(cell)) => cell.clone(),
            _ => bf.clone(),
        };
        if let Some(f) = rules::som_afwijking(b, &bron) {
            a.push(bf, f);
        }
        for f in rules::vacatie(b) {
            a.push(bf, f);
        }
        for f in handreiking::zorg_in_begroting(b) {
            a.push(bf, f);
        }
    }
}

/// WSV indices per unit (index into `wk.eenheden`), each list in name order.
fn by_unit(audited: &[Audited], wk: &Wijkindeling) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); wk.eenheden.len()];
    for (i, a) in audited.iter().enumerate() {
        if let Some(list) = a.placed.unit.and_then(|u| out.get_mut(u)) {
            list.push(i);
        }
    }
    out
}

fn stadsdeel_rows(audited: &[Audited], wk: &Wijkindeling) -> Vec<StadsdeelRij> {
    let units = by_unit(audited, wk);
    let mut rows: Vec<StadsdeelRij> = wk
        .eenheden
        .iter()
        .zip(&units)
        .map(|(e, idxs)| {
            let wsvs: Vec<&Audited> = idxs.iter().filter_map(|i| audited.get(*i)).collect();
            let aangevraagd = Cents(wsvs.iter().filter_map(|a| a.totaal()).map(|c| c.0).sum());
            let status = if wsvs.is_empty() {
                STATUS_GEEN
            } else if wsvs.iter().all(|a| a.totaal().is_none()) {
                STATUS_GEEN_BEGROTING
            } else if aangevraagd > e.uitvoeringsbudget {
                STATUS_OVER
            } else {
                STATUS_BINNEN
            };
            StadsdeelRij {
                gemeente: e.gemeente.clone(),
                stadsdeel: e.stadsdeel.clone(),
                inwoners: e.inwoners,
                uitvoeringsbudget: e.uitvoeringsbudget,
                wsvs: wsvs.iter().map(|a| a.rec.wsv.clone()).collect(),
                inwoners_gedekt: wsvs.iter().filter_map(|a| a.placed.inwoners).sum(),
                aangevraagd,
                ruimte: Cents(e.uitvoeringsbudget.0 - aangevraagd.0),
                status: status.to_string(),
            }
        })
        .collect();
    // Every euro asked is in some row: what WSVs outside every unit ask gets a row of its own.
    let unplaced: Vec<&Audited> = audited.iter().filter(|a| a.placed.unit.is_none()).collect();
    if !unplaced.is_empty() {
        let aangevraagd = Cents(
            unplaced
                .iter()
                .filter_map(|a| a.totaal())
                .map(|c| c.0)
                .sum(),
        );
        rows.push(StadsdeelRij {
            gemeente: String::new(),
            stadsdeel: NIET_GEPLAATST.to_string(),
            inwoners: 0,
            uitvoeringsbudget: Cents(0),
            wsvs: unplaced.iter().map(|a| a.rec.wsv.clone()).collect(),
            inwoners_gedekt: 0,
            aangevraagd,
            ruimte: Cents(-aangevraagd.0),
            status: NIET_GEPLAATST.to_string(),
        });
    }
    rows
}

/// The wijken a placed WSV claims: those it names, or every wijk of its unit when it names none.
fn claimed_wijken(p: &Placed, wk: &Wijkindeling) -> Vec<(usize, usize)> {
    match p.unit {
        Some(u) if p.wijken.is_empty() => wk
            .eenheden
            .get(u)
            .map(|e| (0..e.wijken.len()).map(|w| (u, w)).collect())
            .unwrap_or_default(),
        _ => p.wijken.clone(),
    }
}

fn soort(e: &crate::wijkindeling::Eenheid) -> &'static str {
    if e.gemeente == e.stadsdeel {
        "gemeente"
    } else {
        "stadsdeel"
    }
}

/// `WSV_OVERLAP` on every WSV that claims a wijk another WSV claims too (a WSV that names no
/// wijken claims its whole stadsdeel; in a gemeente without wijken in the table, two WSVs always
/// overlap), or whose stadsdeel's WSVs together claim more inhabitants than it has.
///
/// Linear in the number of WSVs: each message names at most MAX_NAMED_PER_MESSAGE other WSVs
/// and counts the rest per wijk, so a WSV never walks more than that many claimants of each of
/// its wijken (n WSVs claiming one wijk would otherwise be n² pairs and n² of message text).
fn wsv_overlap(audited: &mut [Audited], wk: &Wijkindeling) {
    // Who claims each wijk (in WSV order), and what each WSV claims (sorted, for intersections).
    let claimed: Vec<Vec<(usize, usize)>> = audited
        .iter()
        .map(|a| {
            let mut c = claimed_wijken(&a.placed, wk);
            c.sort_unstable();
            c.dedup();
            c
        })
        .collect();
    let mut claims: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, ws) in claimed.iter().enumerate() {
        for w in ws {
            claims.entry(*w).or_default().push(i);
        }
    }
    let units = by_unit(audited, wk);
    // Per unit: the sum of what its WSVs claim, when more than it has.
    let mut over: Vec<Option<std::rc::Rc<str>>> = vec![None; audited.len()];
    for (e, who) in wk.eenheden.iter().zip(&units) {
        let total: u64 = who
            .iter()
            .filter_map(|i| audited.get(*i)?.placed.inwoners)
            .sum();
        if total <= e.inwoners {
            continue;
        }
        let named: Vec<String> = who
            .iter()
            .take(MAX_NAMED_PER_MESSAGE)
            .filter_map(|i| {
                let a = audited.get(*i)?;
                Some(format!("{} {}", a.rec.wsv, nl_getal(a.placed.inwoners?)))
            })
            .collect();
        let with_inwoners = who
            .iter()
            .filter(|i| {
                audited
                    .get(**i)
                    .is_some_and(|a| a.placed.inwoners.is_some())
            })
            .count();
        let clause: std::rc::Rc<str> = format!(
            "samen claimen de WSV's van {} {} ({}) {} inwoners, {} meer dan de {} die {} heeft",
            soort(e),
            e.stadsdeel,
            match with_inwoners.saturating_sub(named.len()) {
                0 => named.join(", "),
                rest => format!(
                    "{} en nog {} andere WSV's",
                    named.join(", "),
                    nl_getal(rest as u64)
                ),
            },
            nl_getal(total),
            nl_getal(total - e.inwoners),
            nl_getal(e.inwoners),
            e.stadsdeel
        )
        .into();
        for &i in who {
            if let Some(o) = over.get_mut(i) {
                *o = Some(clause.clone());
            }
        }
    }
    let wijk_naam = |(u, w): (usize, usize)| {
        let wijk = wk.eenheden.get(u)?.wijken.get(w)?;
        Some(format!(
            "{} ({} inwoners)",
            wijk.naam,
            nl_getal(wijk.inwoners)
        ))
    };
    let mut found: Vec<(usize, String)> = Vec::new();
    for (i, mine) in claimed.iter().enumerate() {
        // The other WSVs to name: the first few claimants of each of my wijken (and of my unit
        // when it has no wijken), enough to find MAX_NAMED_PER_MESSAGE distinct ones. Where a
        // list is longer, its claimants are counted instead (`crowded`).
        let mut partners: BTreeMap<usize, ()> = BTreeMap::new();
        let mut crowded: Vec<(String, usize)> = Vec::new();
        for w in mine {
            let who = claims.get(w).map(Vec::as_slice).unwrap_or(&[]);
            partners.extend(
                who.iter()
                    .filter(|j| **j != i)
                    .take(MAX_NAMED_PER_MESSAGE)
                    .map(|j| (*j, ())),
            );
            if who.len() > MAX_NAMED_PER_MESSAGE + 1 {
                crowded.push((wijk_naam(*w).unwrap_or_default(), who.len()));
            }
        }
        let unit = audited[i].placed.unit;
        if let Some((e, who)) = unit.and_then(|u| Some((wk.eenheden.get(u)?, units.get(u)?))) {
            if e.wijken.is_empty() && who.len() > 1 {
                partners.extend(
                    who.iter()
                        .filter(|j| **j != i)
                        .take(MAX_NAMED_PER_MESSAGE)
                        .map(|j| (*j, ())),
                );
                if who.len() > MAX_NAMED_PER_MESSAGE + 1 {
                    crowded.push((format!("heel {} {}", soort(e), e.stadsdeel), who.len()));
                }
            }
        }
        let named: Vec<usize> = partners
            .keys()
            .copied()
            .take(MAX_NAMED_PER_MESSAGE)
            .collect();
        let mut parts: Vec<String> = named
            .iter()
            .filter_map(|j| {
                let other = audited.get(*j)?;
                let unit = other.placed.unit.and_then(|u| wk.eenheden.get(u));
                Some(match unit {
                    Some(e) if other.placed.wijken.is_empty() => {
                        format!(
                            "{} dekt ook heel {} {}",
                            other.rec.wsv,
                            soort(e),
                            e.stadsdeel
                        )
                    }
                    _ => {
                        let theirs = claimed.get(*j).map(Vec::as_slice).unwrap_or(&[]);
                        let names: Vec<String> = mine
                            .iter()
                            .filter(|w| theirs.binary_search(w).is_ok())
                            .filter_map(|w| wijk_naam(*w))
                            .collect();
                        format!("{} claimt ook {}", other.rec.wsv, join_nl(&names))
                    }
                })
            })
            .collect();
        let n_partners = parts.len();
        if !crowded.is_empty() {
            // Some claimant lists were not walked to the end: count per wijk, exactly.
            let counted: Vec<String> = crowded
                .iter()
                .take(MAX_NAMED_PER_MESSAGE)
                .map(|(wat, n)| format!("{} WSV's {wat}", nl_getal(*n as u64)))
                .collect();
            parts.push(format!(
                "in totaal claimen {} (alle WSV's per {} staan in stadsdelen.csv)",
                crate::text::noem(&counted, crowded.len(), "wijken"),
                unit.and_then(|u| wk.eenheden.get(u))
                    .map_or("stadsdeel", soort)
            ));
        } else if partners.len() > named.len() {
            // Every list was walked to the end, so `partners` is complete.
            parts.push(format!(
                "en nog {} andere WSV's claimen dezelfde wijken",
                nl_getal((partners.len() - named.len()) as u64)
            ));
        }
        if let Some(Some(clause)) = over.get(i) {
            parts.push(clause.to_string());
        }
        if parts.is_empty() {
            continue;
        }
        let intro = match n_partners {
            0 => "Overlap",
            1 => "Overlap met een andere WSV",
            _ => "Overlap met andere WSV's",
        };
        found.push((i, format!("{intro}: {}.", parts.join("; "))));
    }
    for (i, bericht) in found {
        if let Some(a) = audited.get_mut(i) {
            let (file, bron) = (a.plaats_bestand.clone(), a.plaats_bron.clone());
            a.push(&file, Finding::new(Code::WSV_OVERLAP, bericht, bron));
        }
    }
}

/// `STADSDEEL_OVER_BUDGET` on every WSV with a begroting in a stadsdeel whose WSVs together ask
/// more than its budget (equal to the budget is fine).
fn stadsdeel_over_budget(audited: &mut [Audited], wk: &Wijkindeling) {
    let units = by_unit(audited, wk);
    for (e, who) in wk.eenheden.iter().zip(&units) {
        let asking: Vec<(usize, String, Cents)> = who
            .iter()
            .filter_map(|i| {
                let a = audited.get(*i)?;
                Some((*i, a.rec.wsv.clone(), a.totaal()?))
            })
            .collect();
        let total = Cents(asking.iter().map(|(_, _, c)| c.0).sum());
        if total <= e.uitvoeringsbudget {
            continue;
        }
        let over = Cents(total.0 - e.uitvoeringsbudget.0);
        let soort = if e.gemeente == e.stadsdeel {
            "gemeente"
        } else {
            "stadsdeel"
        };
        for (i, _, own) in &asking {
            // At most MAX_NAMED_PER_MESSAGE others by name, the rest counted with their sum:
            // the message stays bounded, so the findings of n WSVs grow with n, not n².
            let named: Vec<&(usize, String, Cents)> = asking
                .iter()
                .filter(|(j, _, _)| j != i)
                .take(MAX_NAMED_PER_MESSAGE)
                .collect();
            let rest = asking.len() - 1 - named.len();
            let mut others: Vec<String> = named
                .iter()
                .map(|(_, name, c)| format!("{name} ({})", c.nl()))
                .collect();
            if rest > 0 {
                let named_sum: i64 = named.iter().map(|(_, _, c)| c.0).sum();
                let rest_sum = Cents(total.0 - own.0 - named_sum);
                others.push(format!(
                    "nog {} andere WSV's (samen {}; alle WSV's van {soort} {} staan in stadsdelen.csv)",
                    nl_getal(rest as u64),
                    rest_sum.nl(),
                    e.stadsdeel
                ));
            }
            let bericht = if others.is_empty() {
                format!(
                    "Deze WSV vraagt {} aan, {} meer dan het hele uitvoeringsbudget van {soort} {} ({}).",
                    own.nl(),
                    over.nl(),
                    e.stadsdeel,
                    e.uitvoeringsbudget.nl()
                )
            } else {
                format!(
                    "Samen met {} vraagt deze WSV ({}) {} aan, {} meer dan het uitvoeringsbudget van {soort} {} ({}).",
                    join_nl(&others),
                    own.nl(),
                    total.nl(),
                    over.nl(),
                    e.stadsdeel,
                    e.uitvoeringsbudget.nl()
                )
            };
            if let Some(a) = audited.get_mut(*i) {
                if let Some((file, bron)) = a.totaal_bron() {
                    a.push(
                        &file,
                        Finding::new(Code::STADSDEEL_OVER_BUDGET, bericht, bron),
                    );
                }
            }
        }
    }
}

fn join_nl(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

/// Pad to `width` characters (not bytes: `€` is three bytes).
fn pad(s: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(s.chars().count()));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// The text `wijkregister audit` prints: the budget per stadsdeel as a table, then every WSV with
/// its status and findings, then the regional findings.
pub fn render_terminal(snapshot: &Snapshot) -> String {
    let mut out = String::from("Uitvoeringsbudget per stadsdeel/gemeente\n\n");
    let header = [
        "Stadsdeel",
        "Beschikbaar",
        "Aangevraagd",
        "Ruimte",
        "Status",
    ];
    let rows: Vec<[String; 5]> = snapshot
        .stadsdelen
        .iter()
        .map(|r| {
            [
                r.stadsdeel.clone(),
                r.uitvoeringsbudget.nl(),
                r.aangevraagd.nl(),
                r.ruimte.nl(),
                r.status.clone(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (c, w))| pad(c, w, (1..=3).contains(&i)))
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    out.push_str(&line(header));
    out.push_str(&line(
        widths.map(|w| "-".repeat(w)).each_ref().map(String::as_str),
    ));
    for row in &rows {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }

    let code_width = crate::domain::Code::ALL
        .iter()
        .map(|c| c.as_str().len())
        .max()
        .unwrap_or(0);
    let finding_lines = |out: &mut String, list: &[Bevinding]| {
        for b in list {
            let f = &b.finding;
            out.push_str(&format!(
                "  {}  {}  {}\n  {}  {}  bron: {}\n",
                pad(f.ernst.as_str(), 12, false),
                pad(f.code.as_str(), code_width, false),
                f.bericht,
                " ".repeat(12),
                " ".repeat(code_width),
                f.bron
            ));
        }
    };
    let mut wsvs: Vec<&WsvRecord> = snapshot.wsvs.iter().collect();
    wsvs.sort_by(|a, b| a.wsv.cmp(&b.wsv));
    for rec in wsvs {
        let p = &rec.plaatsing;
        let mut waar: Vec<String> = Vec::new();
        if let Some(s) = &p.stadsdeel {
            waar.push(s.clone());
        }
        if !p.wijken.is_empty() {
            waar.push(p.wijken.join(", "));
        }
        if let Some(n) = p.inwoners {
            waar.push(format!("{} inwoners", nl_getal(n)));
        }
        if let Some(c) = p.aandeel_uitvoeringsbudget {
            waar.push(format!("aandeel {}", c.nl()));
        }
        if let Some((_, b)) = &rec.begroting {
            waar.push(format!("begroting {}", b.totaal().nl()));
        }
        out.push_str(&format!("\nWSV {}: {}\n", rec.wsv, rec.status()));
        if !waar.is_empty() {
            out.push_str(&format!("  {}\n", waar.join(" · ")));
        }
        if rec.bevindingen.is_empty() {
            out.push_str("  geen bevindingen\n");
        }
        finding_lines(&mut out, &rec.bevindingen);
    }
    if !snapshot.correcties.is_empty() {
        out.push_str("\nCorrecties\n");
        for st in &snapshot.correcties {
            let c = &st.correctie;
            let (stand, was) = match &st.uitkomst {
                crate::correcties::Uitkomst::Toegepast { oorspronkelijk, .. } => {
                    ("toegepast".to_string(), oorspronkelijk.clone())
                }
                crate::correcties::Uitkomst::Vervallen(r) => (
                    format!("niet toegepast: {r}"),
                    st.oorspronkelijk.clone().unwrap_or_default(),
                ),
            };
            out.push_str(&format!(
                "  {} · {}: ‘{}’ → ‘{}’ ({}, {}, ingevoerd {}) {}\n  bron: {}\n",
                c.wsv, c.veld, was, c.waarde, c.reden, c.door, st.ingevoerd_op, stand, c.bron
            ));
        }
    }
    if !snapshot.bevindingen_regio.is_empty() {
        out.push_str("\nRegio\n");
        finding_lines(&mut out, &snapshot.bevindingen_regio);
    }
    out
}

#[cfg(test)]
mod tests;
