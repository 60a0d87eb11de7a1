//! Reading files and their content back out of the register.

use super::{parse_code, parse_ernst, to_u64, Register, RegisterError, NO_BYTES_PREFIX};
use crate::container::Lid;
use crate::domain::{
    Begroting, Cents, ChecklistItem, Discipline, Finding, Regel, Sectie, Sjabloon, Thema, Veld,
    Velden, Wijkplan,
};
use crate::snapshot::{Bijlage, Content, FileOutcome, Rol, Soort, StoredFile};
use rusqlite::Connection;
use std::collections::HashMap;

impl Register {
    /// Every active stored file (see [`Register::set_active_files`]) with what its bytes gave, in
    /// the order they were stored.
    pub fn files(&self) -> Result<Vec<StoredFile>, RegisterError> {
        let mut stmt = self.conn.prepare(
            "SELECT b.id, b.bestand, b.map, b.sha256, b.grootte, b.soort, i.soort_inhoud, i.reden,
                    i.opmerkingen, i.voorbijgaand, b.actief, i.technisch
             FROM bestanden b JOIN inhoud i ON i.sha256 = b.sha256 ORDER BY b.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, bool>(9)?,
                    r.get::<_, bool>(10)?,
                    r.get::<_, String>(11)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        // Every active content's rows, one query per table instead of ten per file (issue 15).
        let mut bulk = Bulk::load(&self.conn)?;
        // How many active files still need each content: the last one takes it, earlier ones
        // (the same bytes under another name) get a copy.
        let mut uses: std::collections::HashMap<&str, usize> = Default::default();
        for row in &rows {
            if row.10 {
                *uses.entry(row.3.as_str()).or_default() += 1;
            }
        }
        let mut uses: std::collections::HashMap<String, usize> = uses
            .into_iter()
            .map(|(sha, n)| (sha.to_string(), n))
            .collect();
        let mut out = Vec::with_capacity(rows.len());
        // Content is stored once per sha256, with the provenance of the name it was first read
        // under; a copy under another name must point at itself, so its `bron` texts are rebased.
        let mut first_name: std::collections::HashMap<String, String> = Default::default();
        // The first name of all files (active or not) is the one the stored `bron` texts use.
        for (
            id,
            bestand,
            map,
            sha256,
            grootte,
            soort,
            kind,
            reden,
            opmerkingen,
            voorbijgaand,
            actief,
            technisch,
        ) in rows
        {
            let first = first_name
                .entry(sha256.clone())
                .or_insert_with(|| bestand.clone())
                .clone();
            if !actief {
                continue;
            }
            let keep = match uses.get_mut(sha256.as_str()) {
                Some(n) => {
                    *n = n.saturating_sub(1);
                    *n > 0
                }
                None => false,
            };
            let mut content = bulk.content(&sha256, &kind, reden, keep)?;
            let mut findings = bulk.findings(&sha256, keep)?;
            if first != bestand {
                rebase_provenance(&mut content, &mut findings, &first, &bestand);
            }
            out.push(StoredFile {
                id,
                outcome: FileOutcome {
                    bestand,
                    map,
                    sha256: if sha256.starts_with(NO_BYTES_PREFIX) {
                        String::new()
                    } else {
                        sha256
                    },
                    grootte: to_u64("grootte", grootte)?,
                    soort: Soort::parse(&soort),
                    content,
                    findings,
                    opmerkingen: opmerkingen.lines().map(str::to_string).collect(),
                    voorbijgaand,
                    tekst: Vec::new(),
                    tekst_opslag: None,
                    technisch: technisch.lines().map(str::to_string).collect(),
                },
            });
        }
        Ok(out)
    }
}

impl Register {
    /// The reader libraries' own words per content (sha256) that has any (`inhoud.technisch`),
    /// for `run -v`.
    pub fn technisch(
        &self,
    ) -> Result<std::collections::HashMap<String, Vec<String>>, RegisterError> {
        let mut stmt = self
            .conn
            .prepare("SELECT sha256, technisch FROM inhoud WHERE technisch <> ''")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .map(|(sha, t)| (sha, t.lines().map(str::to_string).collect()))
            .collect())
    }
}

/// Only the contents of active files are loaded.
const ACTIVE: &str = "sha256 IN (SELECT sha256 FROM bestanden WHERE actief = 1)";

/// The rows of every active content, grouped by sha256, each group in `volgnummer` order: what
/// [`Register::files`] turns into contents. One query per table: asking ten queries per file
/// was most of the reload's cost (issue 15).
struct Bulk {
    wijkplannen: Grouped<(String, String)>,
    velden: Grouped<(String, Option<String>, String)>,
    kerndisciplines: Grouped<String>,
    secties: Grouped<Sectie>,
    themas: Grouped<Thema>,
    checklist: Grouped<ChecklistItem>,
    begrotingen: Grouped<BegrotingHead>,
    regels: Grouped<(Regel, bool)>,
    bijlagen: Grouped<(String, Option<String>, String, String)>,
    leden: Grouped<Lid>,
    findings: Grouped<(String, String, String, String)>,
}

type Grouped<T> = HashMap<String, Vec<T>>;

type BegrotingHead = (
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    [Veld; 3],
);

/// Rows of `sql` (its first column the sha256, ordered by it) grouped by that sha256.
fn grouped<T>(
    conn: &Connection,
    sql: &str,
    mut row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Grouped<T>, RegisterError> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut map: Grouped<T> = HashMap::new();
    let mut current: Option<(String, Vec<T>)> = None;
    while let Some(r) = rows.next()? {
        // Compared as a borrowed str: a new String only per group, not per row.
        let sha = r.get_ref(0)?.as_str().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })?;
        let same = matches!(&current, Some((s, _)) if s == sha);
        if !same {
            let next = (sha.to_string(), Vec::new());
            if let Some((s, v)) = current.replace(next) {
                map.entry(s).or_default().extend(v);
            }
        }
        let item = row(r)?;
        if let Some((_, v)) = current.as_mut() {
            v.push(item);
        }
    }
    if let Some((s, v)) = current {
        map.entry(s).or_default().extend(v);
    }
    Ok(map)
}

/// A content's rows: taken out when no other active file needs them (`keep` false), copied
/// otherwise.
fn take<T: Clone>(map: &mut Grouped<T>, sha: &str, keep: bool) -> Vec<T> {
    if keep {
        map.get(sha).cloned().unwrap_or_default()
    } else {
        map.remove(sha).unwrap_or_default()
    }
}

impl Bulk {
    fn load(conn: &Connection) -> Result<Bulk, RegisterError> {
        Ok(Bulk {
            wijkplannen: grouped(
                conn,
                &format!(
                    "SELECT sha256, sjabloon, vingerafdruk FROM wijkplannen WHERE {ACTIVE} ORDER BY sha256"
                ),
                |r| Ok((r.get(1)?, r.get(2)?)),
            )?,
            velden: grouped(
                conn,
                &format!(
                    "SELECT sha256, sleutel, waarde, bron FROM velden WHERE {ACTIVE} ORDER BY sha256"
                ),
                |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?)),
            )?,
            kerndisciplines: grouped(
                conn,
                &format!(
                    "SELECT sha256, discipline FROM kerndisciplines WHERE {ACTIVE} ORDER BY sha256, volgnummer"
                ),
                |r| r.get(1),
            )?,
            secties: grouped(
                conn,
                &format!(
                    "SELECT sha256, nummer, titel, tekst, bron FROM secties WHERE {ACTIVE} ORDER BY sha256, volgnummer"
                ),
                |r| {
                    Ok(Sectie {
                        nummer: r.get(1)?,
                        titel: r.get(2)?,
                        tekst: r.get(3)?,
                        bron: r.get(4)?,
                    })
                },
            )?,
            themas: grouped(
                conn,
                &format!(
                    "SELECT sha256, nummer, naam, doelen, activiteiten, resultaten, middelen, partijen, bron,
                            bron_doelen, bron_activiteiten, bron_resultaten, bron_middelen, bron_partijen
                     FROM themas WHERE {ACTIVE} ORDER BY sha256, volgnummer"
                ),
                |r| {
                    Ok(Thema {
                        nummer: r.get(1)?,
                        naam: r.get(2)?,
                        doelen: r.get(3)?,
                        activiteiten: r.get(4)?,
                        resultaten: r.get(5)?,
                        middelen: r.get(6)?,
                        partijen: r.get(7)?,
                        bron: r.get(8)?,
                        cel_bronnen: [r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?],
                    })
                },
            )?,
            checklist: grouped(
                conn,
                &format!(
                    "SELECT sha256, tekst, aangevinkt, bron FROM checklist WHERE {ACTIVE} ORDER BY sha256, volgnummer"
                ),
                |r| {
                    Ok(ChecklistItem {
                        tekst: r.get(1)?,
                        aangevinkt: r.get(2)?,
                        bron: r.get(3)?,
                    })
                },
            )?,
            begrotingen: grouped(
                conn,
                &format!(
                    "SELECT sha256, blad, wsv_naam, totaal_opgegeven_cent, totaal_bron, gemeente_stadsdeel,
                            gemeente_stadsdeel_bron, wijken, wijken_bron, versie_datum, versie_datum_bron
                     FROM begrotingen WHERE {ACTIVE} ORDER BY sha256"
                ),
                |r| {
                    let veld = |i: usize| -> rusqlite::Result<Veld> {
                        Ok(Veld {
                            waarde: r.get(i)?,
                            bron: r.get(i + 1)?,
                        })
                    };
                    Ok((
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        [veld(5)?, veld(7)?, veld(9)?],
                    ))
                },
            )?,
            regels: grouped(
                conn,
                &format!(
                    "SELECT sha256, post, thema, omschrijving, uren, tarief_cent, bedrag_cent, cofinanciering_cent,
                            vacatie, bron, jaren, cofinanciering_uren, tarief_bron, buiten_totaal
                     FROM begrotingsregels WHERE {ACTIVE} ORDER BY sha256, volgnummer"
                ),
                |r| {
                    let jaren: String = r.get(10)?;
                    let jaren: Vec<crate::domain::Jaarbedrag> =
                        serde_json::from_str(&jaren).unwrap_or_default();
                    Ok((
                        Regel {
                            post: r.get(1)?,
                            thema: r.get(2)?,
                            omschrijving: r.get(3)?,
                            uren: r.get(4)?,
                            tarief: r.get::<_, Option<i64>>(5)?.map(Cents),
                            bedrag: Cents(r.get(6)?),
                            cofinanciering: r.get::<_, Option<i64>>(7)?.map(Cents),
                            vacatie: r.get(8)?,
                            bron: r.get(9)?,
                            jaren,
                            cofinanciering_uren: r.get(11)?,
                            tarief_bron: r.get(12)?,
                        },
                        r.get::<_, bool>(13)?,
                    ))
                },
            )?,
            bijlagen: grouped(
                conn,
                &format!(
                    "SELECT sha256, rol, wsv_naam, titel, bron FROM bijlagen WHERE {ACTIVE} ORDER BY sha256"
                ),
                |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?,
            leden: grouped(
                conn,
                &format!(
                    "SELECT sha256, lid_id, naam, lid_sha256 FROM containerleden WHERE {ACTIVE} ORDER BY sha256, volgnummer"
                ),
                |r| {
                    Ok(Lid {
                        id: r.get(1)?,
                        naam: r.get(2)?,
                        sha256: r.get(3)?,
                    })
                },
            )?,
            findings: grouped(
                conn,
                &format!(
                    "SELECT sha256, code, ernst, bericht, bron FROM bestandsbevindingen WHERE {ACTIVE} ORDER BY sha256, volgnummer"
                ),
                |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?,
        })
    }

    fn content(
        &mut self,
        sha: &str,
        kind: &str,
        reden: Option<String>,
        keep: bool,
    ) -> Result<Content, RegisterError> {
        Ok(match kind {
            "wijkplan" => Content::Wijkplan(self.wijkplan(sha, keep)?),
            "begroting" => Content::Begroting(self.begroting(sha, keep)?),
            "bijlage" => Content::Bijlage(self.bijlage(sha, keep)?),
            "scan" => Content::Scan,
            "container" => Content::Container(take(&mut self.leden, sha, keep)),
            "genegeerd" => Content::Genegeerd(reden.unwrap_or_default()),
            "onleesbaar" => Content::Onleesbaar,
            other => {
                return Err(RegisterError::Onverwacht {
                    kolom: "inhoud.soort_inhoud",
                    waarde: other.to_string(),
                })
            }
        })
    }

    fn findings(&mut self, sha: &str, keep: bool) -> Result<Vec<Finding>, RegisterError> {
        take(&mut self.findings, sha, keep)
            .into_iter()
            .map(|(code, ernst, bericht, bron)| {
                Ok(Finding {
                    code: parse_code(&code)?,
                    ernst: parse_ernst(&ernst)?,
                    bericht,
                    bron,
                })
            })
            .collect()
    }

    fn wijkplan(&mut self, sha: &str, keep: bool) -> Result<Wijkplan, RegisterError> {
        let Some((sjabloon, vingerafdruk)) = take(&mut self.wijkplannen, sha, keep).pop() else {
            return Err(RegisterError::Onverwacht {
                kolom: "wijkplannen.sha256",
                waarde: sha.to_string(),
            });
        };
        let mut velden = Velden::default();
        for (key, waarde, bron) in take(&mut self.velden, sha, keep) {
            let slot = velden.get_mut(&key).ok_or(RegisterError::Onverwacht {
                kolom: "velden.sleutel",
                waarde: key.clone(),
            })?;
            *slot = Veld { waarde, bron };
        }
        let kerndisciplines = take(&mut self.kerndisciplines, sha, keep)
            .into_iter()
            .map(|n| {
                Discipline::parse(&n).ok_or(RegisterError::Onverwacht {
                    kolom: "kerndisciplines.discipline",
                    waarde: n,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Wijkplan {
            sjabloon: Sjabloon::parse(&sjabloon),
            velden,
            kerndisciplines,
            secties: take(&mut self.secties, sha, keep),
            themas: take(&mut self.themas, sha, keep),
            checklist: take(&mut self.checklist, sha, keep),
            vingerafdruk,
            // A plan's own budget table is stored under the plan's sha256 like a spreadsheet's.
            begroting: if self.begrotingen.contains_key(sha) {
                Some(self.begroting(sha, keep)?)
            } else {
                None
            },
        })
    }

    fn bijlage(&mut self, sha: &str, keep: bool) -> Result<Bijlage, RegisterError> {
        let Some((rol, wsv_naam, titel, bron)) = take(&mut self.bijlagen, sha, keep).pop() else {
            return Err(RegisterError::Onverwacht {
                kolom: "bijlagen.sha256",
                waarde: sha.to_string(),
            });
        };
        let rol = Rol::parse(&rol).ok_or(RegisterError::Onverwacht {
            kolom: "bijlagen.rol",
            waarde: rol,
        })?;
        Ok(Bijlage {
            rol,
            wsv_naam,
            titel,
            bron,
        })
    }

    fn begroting(&mut self, sha: &str, keep: bool) -> Result<Begroting, RegisterError> {
        let Some((blad, wsv_naam, totaal, totaal_bron, [gemeente_stadsdeel, wijken, versie_datum])) =
            take(&mut self.begrotingen, sha, keep).pop()
        else {
            return Err(RegisterError::Onverwacht {
                kolom: "begrotingen.sha256",
                waarde: sha.to_string(),
            });
        };
        let (outside, lines): (Vec<_>, Vec<_>) = take(&mut self.regels, sha, keep)
            .into_iter()
            .partition(|(_, b)| *b);
        Ok(Begroting {
            wsv_naam,
            totaal_opgegeven: totaal.map(Cents),
            totaal_bron,
            regels: lines.into_iter().map(|(r, _)| r).collect(),
            blad,
            gemeente_stadsdeel,
            wijken,
            versie_datum,
            cofinanciering: outside.into_iter().map(|(r, _)| r).collect(),
        })
    }
}

/// Point provenance read under `from` (display path) at `to`: `bron` texts start with the file's
/// base name; messages may name the whole display path.
fn rebase_provenance(content: &mut Content, findings: &mut [Finding], from: &str, to: &str) {
    let base = |p: &str| crate::intake::bron_naam(p).to_string();
    let (from_base, to_base) = (base(from), base(to));
    let fix = |bron: &mut String| {
        if let Some(rest) = bron.strip_prefix(from_base.as_str()) {
            if rest.is_empty() || rest.starts_with(' ') {
                *bron = format!("{to_base}{rest}");
            }
        }
    };
    match content {
        Content::Wijkplan(w) => {
            for f in w.velden.all_mut() {
                fix(&mut f.bron);
            }
            w.secties.iter_mut().for_each(|s| fix(&mut s.bron));
            for t in &mut w.themas {
                fix(&mut t.bron);
                t.cel_bronnen.iter_mut().for_each(&fix);
            }
            w.checklist.iter_mut().for_each(|c| fix(&mut c.bron));
            if let Some(b) = w.begroting.as_mut() {
                rebase_begroting(b, &fix);
            }
        }
        Content::Begroting(b) => rebase_begroting(b, &fix),
        Content::Bijlage(b) => fix(&mut b.bron),
        Content::Scan | Content::Container(_) | Content::Genegeerd(_) | Content::Onleesbaar => {}
    }
    for f in findings {
        fix(&mut f.bron);
        if f.bron == from {
            f.bron = to.to_string();
        }
        f.bericht = f.bericht.replace(from, to);
    }
}

fn rebase_begroting(b: &mut Begroting, fix: &dyn Fn(&mut String)) {
    {
        {
            if let Some(t) = b.totaal_bron.as_mut() {
                fix(t);
            }
            for r in b.regels.iter_mut().chain(b.cofinanciering.iter_mut()) {
                fix(&mut r.bron);
                r.jaren.iter_mut().for_each(|j| fix(&mut j.bron));
                if let Some(t) = r.tarief_bron.as_mut() {
                    fix(t);
                }
            }
            for v in [
                &mut b.gemeente_stadsdeel,
                &mut b.wijken,
                &mut b.versie_datum,
            ] {
                fix(&mut v.bron);
            }
        }
    }
}
