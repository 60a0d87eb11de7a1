//! Reading files and their content back out of the register.

use super::{parse_code, parse_ernst, to_u64, Register, RegisterError, NO_BYTES_PREFIX};
use crate::container::Lid;
use crate::domain::{
    Begroting, Cents, ChecklistItem, Discipline, Finding, Regel, Sectie, Sjabloon, Thema, Veld,
    Velden, Wijkplan,
};
use crate::snapshot::{Bijlage, Content, FileOutcome, Rol, Soort, StoredFile};
use rusqlite::{params, Connection, OptionalExtension};

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
            let mut content = load_content(&self.conn, &sha256, &kind, reden)?;
            let mut findings = load_findings(&self.conn, &sha256)?;
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

fn load_content(
    conn: &Connection,
    sha: &str,
    kind: &str,
    reden: Option<String>,
) -> Result<Content, RegisterError> {
    Ok(match kind {
        "wijkplan" => Content::Wijkplan(load_wijkplan(conn, sha)?),
        "begroting" => Content::Begroting(load_begroting(conn, sha)?),
        "bijlage" => Content::Bijlage(load_bijlage(conn, sha)?),
        "scan" => Content::Scan,
        "container" => Content::Container(load_leden(conn, sha)?),
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

fn load_findings(conn: &Connection, sha: &str) -> Result<Vec<Finding>, RegisterError> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, ernst, bericht, bron FROM bestandsbevindingen WHERE sha256 = ?1 ORDER BY volgnummer",
    )?;
    let rows = stmt
        .query_map(params![sha], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
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

fn load_wijkplan(conn: &Connection, sha: &str) -> Result<Wijkplan, RegisterError> {
    let head: Option<(String, String)> = conn
        .prepare_cached("SELECT sjabloon, vingerafdruk FROM wijkplannen WHERE sha256 = ?1")?
        .query_row(params![sha], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((sjabloon, vingerafdruk)) = head else {
        return Err(RegisterError::Onverwacht {
            kolom: "wijkplannen.sha256",
            waarde: sha.to_string(),
        });
    };

    let mut velden = Velden::default();
    let mut stmt =
        conn.prepare_cached("SELECT sleutel, waarde, bron FROM velden WHERE sha256 = ?1")?;
    let rows = stmt
        .query_map(params![sha], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (key, waarde, bron) in rows {
        let slot = velden.get_mut(&key).ok_or(RegisterError::Onverwacht {
            kolom: "velden.sleutel",
            waarde: key.clone(),
        })?;
        *slot = Veld { waarde, bron };
    }

    let mut stmt = conn.prepare_cached(
        "SELECT discipline FROM kerndisciplines WHERE sha256 = ?1 ORDER BY volgnummer",
    )?;
    let names = stmt
        .query_map(params![sha], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let kerndisciplines = names
        .into_iter()
        .map(|n| {
            Discipline::parse(&n).ok_or(RegisterError::Onverwacht {
                kolom: "kerndisciplines.discipline",
                waarde: n,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;

    let mut stmt = conn.prepare_cached(
        "SELECT nummer, titel, tekst, bron FROM secties WHERE sha256 = ?1 ORDER BY volgnummer",
    )?;
    let secties = stmt
        .query_map(params![sha], |r| {
            Ok(Sectie {
                nummer: r.get(0)?,
                titel: r.get(1)?,
                tekst: r.get(2)?,
                bron: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;

    let mut stmt = conn.prepare_cached(
        "SELECT nummer, naam, doelen, activiteiten, resultaten, middelen, partijen, bron, bron_doelen,
                bron_activiteiten, bron_resultaten, bron_middelen, bron_partijen
         FROM themas WHERE sha256 = ?1 ORDER BY volgnummer",
    )?;
    let themas = stmt
        .query_map(params![sha], |r| {
            Ok(Thema {
                nummer: r.get(0)?,
                naam: r.get(1)?,
                doelen: r.get(2)?,
                activiteiten: r.get(3)?,
                resultaten: r.get(4)?,
                middelen: r.get(5)?,
                partijen: r.get(6)?,
                bron: r.get(7)?,
                cel_bronnen: [r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?],
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;

    let mut stmt = conn.prepare_cached(
        "SELECT tekst, aangevinkt, bron FROM checklist WHERE sha256 = ?1 ORDER BY volgnummer",
    )?;
    let checklist = stmt
        .query_map(params![sha], |r| {
            Ok(ChecklistItem {
                tekst: r.get(0)?,
                aangevinkt: r.get(1)?,
                bron: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;

    Ok(Wijkplan {
        sjabloon: Sjabloon::parse(&sjabloon),
        velden,
        kerndisciplines,
        secties,
        themas,
        checklist,
        vingerafdruk,
        // A plan's own budget table is stored under the plan's sha256 like a spreadsheet's.
        begroting: if has_begroting(conn, sha)? {
            Some(load_begroting(conn, sha)?)
        } else {
            None
        },
    })
}

fn has_begroting(conn: &Connection, sha: &str) -> Result<bool, RegisterError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM begrotingen WHERE sha256 = ?1")?
        .query_row(params![sha], |_| Ok(()))
        .optional()?
        .is_some())
}

fn load_leden(conn: &Connection, sha: &str) -> Result<Vec<Lid>, RegisterError> {
    let mut stmt = conn.prepare_cached(
        "SELECT lid_id, naam, lid_sha256 FROM containerleden WHERE sha256 = ?1 ORDER BY volgnummer",
    )?;
    let rows = stmt
        .query_map(params![sha], |r| {
            Ok(Lid {
                id: r.get(0)?,
                naam: r.get(1)?,
                sha256: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn load_bijlage(conn: &Connection, sha: &str) -> Result<Bijlage, RegisterError> {
    let row: Option<(String, Option<String>, String, String)> = conn
        .prepare_cached("SELECT rol, wsv_naam, titel, bron FROM bijlagen WHERE sha256 = ?1")?
        .query_row(params![sha], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((rol, wsv_naam, titel, bron)) = row else {
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

fn load_begroting(conn: &Connection, sha: &str) -> Result<Begroting, RegisterError> {
    type Head = (
        String,
        Option<String>,
        Option<i64>,
        Option<String>,
        [Veld; 3],
    );
    let head: Option<Head> = conn
        .prepare_cached(
            "SELECT blad, wsv_naam, totaal_opgegeven_cent, totaal_bron, gemeente_stadsdeel,
                    gemeente_stadsdeel_bron, wijken, wijken_bron, versie_datum, versie_datum_bron
             FROM begrotingen WHERE sha256 = ?1",
        )?
        .query_row(params![sha], |r| {
            let veld = |i: usize| -> rusqlite::Result<Veld> {
                Ok(Veld {
                    waarde: r.get(i)?,
                    bron: r.get(i + 1)?,
                })
            };
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                [veld(4)?, veld(6)?, veld(8)?],
            ))
        })
        .optional()?;
    let Some((blad, wsv_naam, totaal, totaal_bron, [gemeente_stadsdeel, wijken, versie_datum])) =
        head
    else {
        return Err(RegisterError::Onverwacht {
            kolom: "begrotingen.sha256",
            waarde: sha.to_string(),
        });
    };
    let mut stmt = conn.prepare_cached(
        "SELECT post, thema, omschrijving, uren, tarief_cent, bedrag_cent, cofinanciering_cent, vacatie, bron,
                jaren, cofinanciering_uren, tarief_bron, buiten_totaal
         FROM begrotingsregels WHERE sha256 = ?1 ORDER BY volgnummer",
    )?;
    let rows = stmt
        .query_map(params![sha], |r| {
            let jaren: String = r.get(9)?;
            let jaren: Vec<crate::domain::Jaarbedrag> =
                serde_json::from_str(&jaren).unwrap_or_default();
            Ok((
                Regel {
                    post: r.get(0)?,
                    thema: r.get(1)?,
                    omschrijving: r.get(2)?,
                    uren: r.get(3)?,
                    tarief: r.get::<_, Option<i64>>(4)?.map(Cents),
                    bedrag: Cents(r.get(5)?),
                    cofinanciering: r.get::<_, Option<i64>>(6)?.map(Cents),
                    vacatie: r.get(7)?,
                    bron: r.get(8)?,
                    jaren,
                    cofinanciering_uren: r.get(10)?,
                    tarief_bron: r.get(11)?,
                },
                r.get::<_, bool>(12)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let (outside, lines): (Vec<_>, Vec<_>) = rows.into_iter().partition(|(_, b)| *b);
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
