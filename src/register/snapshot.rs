//! Rebuilding the [`Snapshot`] the audit and the emitters read, from files, pairing decisions and
//! audit results. Everything is ordered explicitly so two runs over one register give identical
//! output.

use super::{parse_code, parse_ernst, to_u64, Register, RegisterError};
use crate::domain::{Cents, Finding};
use crate::snapshot::{
    BestandRij, Bevinding, Content, Plaatsing, Rol, Snapshot, StadsdeelRij, Status, StoredFile,
    WsvRecord,
};
use rusqlite::params;
use std::cmp::Ordering;
use std::collections::HashMap;

/// One `toewijzingen` row.
struct Toewijzing {
    file_id: i64,
    wsv: Option<String>,
    status: Status,
    toelichting: String,
    actueel: bool,
    rol: Option<Rol>,
}

impl Register {
    /// The whole register as the audit and the emitters see it.
    pub fn snapshot(&self) -> Result<Snapshot, RegisterError> {
        self.snapshot_with(&self.files()?)
    }

    /// [`Register::snapshot`] with `files` as [`Register::files`] returned them, for a caller
    /// that changes only pairing, audit and corrections in between (`pipeline::refresh`): loading
    /// every file's content back out of SQLite is most of a snapshot's cost (issue 15).
    pub fn snapshot_with(&self, files: &[StoredFile]) -> Result<Snapshot, RegisterError> {
        let by_id: HashMap<i64, &StoredFile> = files.iter().map(|f| (f.id, f)).collect();
        let toewijzingen = self.toewijzingen()?;
        let by_file: HashMap<i64, &Toewijzing> =
            toewijzingen.iter().map(|t| (t.file_id, t)).collect();
        let mut plaatsingen = self.plaatsingen()?;
        let audit = self.auditbevindingen()?;

        // WSVs in first-seen order of the assignments, each with its assignments (grouped in one
        // pass: 1,000 WSVs must not mean 1,000 passes over every file); sorted by name at the end.
        let mut names: Vec<(&str, Vec<&Toewijzing>)> = Vec::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for t in &toewijzingen {
            if let Some(w) = t.wsv.as_deref() {
                let i = *seen.entry(w).or_insert_with(|| {
                    names.push((w, Vec::new()));
                    names.len() - 1
                });
                if let Some((_, list)) = names.get_mut(i) {
                    list.push(t);
                }
            }
        }

        let mut wsvs = Vec::with_capacity(names.len());
        let mut docs: HashMap<String, crate::correcties::Documenten> = HashMap::new();
        for (name, assigned) in &names {
            let mine: Vec<(&Toewijzing, &StoredFile)> = assigned
                .iter()
                .filter_map(|t| by_id.get(&t.file_id).map(|f| (*t, *f)))
                .collect();
            let mut rec = WsvRecord {
                wsv: (*name).to_string(),
                plan: None,
                begroting: None,
                bestanden: mine
                    .iter()
                    .map(|(_, f)| f.outcome.bestand.clone())
                    .collect(),
                eerdere_versies: Vec::new(),
                samenwerkingsovereenkomst: None,
                plan_scan: None,
                plaatsing: plaatsingen.remove(*name).unwrap_or_default(),
                bevindingen: Vec::new(),
            };
            rec.bestanden.sort();
            for (t, f) in &mine {
                let o = &f.outcome;
                let from_file = match &o.content {
                    Content::Wijkplan(p) if t.actueel => {
                        if rec.plan.is_none() {
                            rec.plan = Some((o.bestand.clone(), p.clone()));
                            docs.entry(rec.wsv.clone()).or_default().plan = Some(o.sha256.clone());
                        }
                        true
                    }
                    Content::Wijkplan(p) => {
                        if t.status == Status::Vervangen {
                            rec.eerdere_versies.push((o.bestand.clone(), p.clone()));
                        }
                        false
                    }
                    Content::Begroting(b) if t.actueel => {
                        if rec.begroting.is_none() {
                            rec.begroting = Some((o.bestand.clone(), b.clone()));
                            docs.entry(rec.wsv.clone()).or_default().begroting =
                                Some(o.sha256.clone());
                        }
                        true
                    }
                    Content::Bijlage(b) => {
                        if b.rol == Rol::Samenwerkingsovereenkomst && t.actueel {
                            rec.samenwerkingsovereenkomst
                                .get_or_insert(o.bestand.clone());
                        }
                        false
                    }
                    Content::Scan => {
                        if t.actueel && t.rol == Some(Rol::Wijkplan) && rec.plan.is_none() {
                            rec.plan_scan.get_or_insert(o.bestand.clone());
                        }
                        if t.actueel && t.rol == Some(Rol::Samenwerkingsovereenkomst) {
                            rec.samenwerkingsovereenkomst
                                .get_or_insert(o.bestand.clone());
                        }
                        t.actueel
                    }
                    Content::Onleesbaar => true,
                    Content::Begroting(_) | Content::Container(_) | Content::Genegeerd(_) => false,
                };
                if from_file {
                    rec.bevindingen
                        .extend(o.findings.iter().map(|fi| Bevinding {
                            wsv: Some(rec.wsv.clone()),
                            bestand: Some(o.bestand.clone()),
                            finding: fi.clone(),
                        }));
                }
            }
            // A read plan always wins over a scan of one.
            if rec.plan.is_some() {
                rec.plan_scan = None;
            }
            // A plan that holds its budget as a table: that table is the WSV's begroting when no
            // spreadsheet came (no BEGROTING_ONTBREEKT, the same audit); a spreadsheet wins.
            if rec.begroting.is_none() {
                if let Some((file, plan)) = &rec.plan {
                    if let Some(b) = &plan.begroting {
                        rec.begroting = Some((file.clone(), b.clone()));
                        let d = docs.entry(rec.wsv.clone()).or_default();
                        d.begroting = d.plan.clone();
                    }
                }
            }
            wsvs.push(rec);
        }

        // Files without a WSV give regional findings.
        let mut regio: Vec<Bevinding> = Vec::new();
        for f in files {
            let has_wsv = by_file.get(&f.id).is_some_and(|t| t.wsv.is_some());
            if !has_wsv {
                regio.extend(f.outcome.findings.iter().map(|fi| Bevinding {
                    wsv: None,
                    bestand: Some(f.outcome.bestand.clone()),
                    finding: fi.clone(),
                }));
            }
        }
        // Audit findings go to their WSV; those naming no WSV, or one no file is assigned to (left
        // over from an earlier pairing), are regional so that nothing found is lost.
        let position: HashMap<String, usize> = wsvs
            .iter()
            .enumerate()
            .map(|(i, r)| (r.wsv.clone(), i))
            .collect();
        for b in audit {
            match b
                .wsv
                .as_deref()
                .and_then(|w| position.get(w))
                .and_then(|i| wsvs.get_mut(*i))
            {
                Some(rec) => rec.bevindingen.push(b),
                None => regio.push(b),
            }
        }
        for rec in &mut wsvs {
            rec.bevindingen.sort_by(finding_order);
        }
        regio.sort_by(finding_order);
        wsvs.sort_by(|a, b| {
            a.wsv
                .to_lowercase()
                .cmp(&b.wsv.to_lowercase())
                .then_with(|| a.wsv.cmp(&b.wsv))
        });

        let mut bestanden: Vec<BestandRij> = files
            .iter()
            .map(|f| {
                let o = &f.outcome;
                let t = by_file.get(&f.id);
                BestandRij {
                    bestand: o.bestand.clone(),
                    sha256: o.sha256.clone(),
                    soort: o.soort,
                    wsv: t.and_then(|t| t.wsv.clone()),
                    status: match (t, &o.content) {
                        (Some(t), _) => t.status,
                        (None, Content::Genegeerd(_)) => Status::Genegeerd,
                        (None, Content::Onleesbaar) => Status::Onleesbaar,
                        (None, _) => Status::Verwerkt,
                    },
                    toelichting: match (t, &o.content) {
                        (Some(t), _) => t.toelichting.clone(),
                        (None, Content::Genegeerd(reden)) => reden.clone(),
                        (None, _) => String::new(),
                    },
                    rol: t.and_then(|t| t.rol),
                }
            })
            .collect();
        // `files` is in id order, so equal names keep their storing order.
        bestanden.sort_by(|a, b| a.bestand.cmp(&b.bestand));

        // Corrections replace extracted values before anyone reads them (issue 13).
        let (correcties, plaatsingscorrecties) =
            crate::correcties::toepassen(&mut wsvs, &docs, self.correcties()?);

        Ok(Snapshot {
            wsvs,
            bestanden,
            stadsdelen: self.stadsdelen()?,
            bevindingen_regio: regio,
            correcties,
            plaatsingscorrecties,
        })
    }

    fn toewijzingen(&self) -> Result<Vec<Toewijzing>, RegisterError> {
        let mut stmt = self.conn.prepare(
            "SELECT bestand_id, wsv, status, toelichting, actueel, rol FROM toewijzingen ORDER BY volgnummer",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Toewijzing {
                    file_id: r.get(0)?,
                    wsv: r.get(1)?,
                    status: Status::parse(&r.get::<_, String>(2)?),
                    toelichting: r.get(3)?,
                    actueel: r.get(4)?,
                    rol: r
                        .get::<_, Option<String>>(5)?
                        .as_deref()
                        .and_then(Rol::parse),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    fn plaatsingen(&self) -> Result<HashMap<String, Plaatsing>, RegisterError> {
        type Row = (
            String,
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        );
        let mut stmt = self.conn.prepare(
            "SELECT wsv, gemeente, stadsdeel, inwoners, aandeel_uitvoeringsbudget_cent, stadsdeel_budget_cent,
                    voorbereidingsbudget_cent FROM plaatsingen",
        )?;
        let rows: Vec<Row> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut wijken_stmt = self
            .conn
            .prepare("SELECT wijk FROM plaatsingswijken WHERE wsv = ?1 ORDER BY volgnummer")?;
        let mut out = HashMap::with_capacity(rows.len());
        for (wsv, gemeente, stadsdeel, inwoners, aandeel, sd_budget, voorbereiding) in rows {
            let wijken = wijken_stmt
                .query_map(params![wsv], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            let plaatsing = Plaatsing {
                gemeente,
                stadsdeel,
                wijken,
                inwoners: inwoners
                    .map(|n| to_u64("plaatsingen.inwoners", n))
                    .transpose()?,
                aandeel_uitvoeringsbudget: aandeel.map(Cents),
                stadsdeel_budget: sd_budget.map(Cents),
                voorbereidingsbudget: voorbereiding.map(Cents),
            };
            out.insert(wsv, plaatsing);
        }
        Ok(out)
    }

    fn stadsdelen(&self) -> Result<Vec<StadsdeelRij>, RegisterError> {
        type Row = (i64, String, String, i64, i64, i64, i64, i64, String);
        let mut stmt = self.conn.prepare(
            "SELECT volgnummer, gemeente, stadsdeel, inwoners, uitvoeringsbudget_cent, inwoners_gedekt,
                    aangevraagd_cent, ruimte_cent, status FROM stadsdelen ORDER BY volgnummer",
        )?;
        let rows: Vec<Row> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut wsv_stmt = self.conn.prepare(
            "SELECT wsv FROM stadsdeel_wsvs WHERE stadsdeel_volgnummer = ?1 ORDER BY volgnummer",
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for (nr, gemeente, stadsdeel, inwoners, budget, gedekt, aangevraagd, ruimte, status) in rows
        {
            let wsvs = wsv_stmt
                .query_map(params![nr], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            out.push(StadsdeelRij {
                gemeente,
                stadsdeel,
                inwoners: to_u64("stadsdelen.inwoners", inwoners)?,
                uitvoeringsbudget: Cents(budget),
                wsvs,
                inwoners_gedekt: to_u64("stadsdelen.inwoners_gedekt", gedekt)?,
                aangevraagd: Cents(aangevraagd),
                ruimte: Cents(ruimte),
                status,
            });
        }
        Ok(out)
    }

    fn auditbevindingen(&self) -> Result<Vec<Bevinding>, RegisterError> {
        type Row = (
            Option<String>,
            Option<String>,
            String,
            String,
            String,
            String,
        );
        let mut stmt = self.conn.prepare(
            "SELECT wsv, bestand, code, ernst, bericht, bron FROM auditbevindingen ORDER BY volgnummer",
        )?;
        let rows: Vec<Row> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(wsv, bestand, code, ernst, bericht, bron)| {
                Ok(Bevinding {
                    wsv,
                    bestand,
                    finding: Finding {
                        code: parse_code(&code)?,
                        ernst: parse_ernst(&ernst)?,
                        bericht,
                        bron,
                    },
                })
            })
            .collect()
    }
}

/// Findings order: `fout` first, then by code, then by provenance; message and file break ties so
/// the order never depends on storage order.
fn finding_order(a: &Bevinding, b: &Bevinding) -> Ordering {
    let key = |x: &Bevinding| (x.finding.ernst, x.finding.code);
    key(a)
        .cmp(&key(b))
        .then_with(|| a.finding.bron.cmp(&b.finding.bron))
        .then_with(|| a.finding.bericht.cmp(&b.finding.bericht))
        .then_with(|| a.bestand.cmp(&b.bestand))
}
