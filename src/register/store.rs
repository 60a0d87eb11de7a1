//! Writing into the register: files with their content, pairing decisions, audit results.

use super::{to_i64, Register, RegisterError, NO_BYTES_PREFIX};
use super::{Batch, BATCH_FILES, BATCH_TIME};
use crate::domain::{Begroting, Wijkplan};
use crate::snapshot::{Assignment, AuditResult, Bijlage, Content, FileOutcome};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::borrow::Cow;
use std::time::{Duration, Instant};

/// The page cache during a batch, in KiB as SQLite's negative `cache_size` means it.
const BATCH_CACHE_KIB: i64 = -32_768;

/// WAL bytes between two checkpoints during a batch.
const BATCH_CHECKPOINT_BYTES: i64 = 200 << 20;

impl Register {
    /// The register already holds this file name with these bytes, read for good (so reading it
    /// again would add nothing). A read that failed for a passing reason does not count.
    pub fn contains(&self, bestand: &str, sha256: &str) -> Result<bool, RegisterError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM bestanden b JOIN inhoud i ON i.sha256 = b.sha256
                            WHERE b.bestand = ?1 AND b.sha256 = ?2 AND i.voorbijgaand = 0)",
            params![bestand, sha256],
            |r| r.get(0),
        )?)
    }

    /// The register holds no file at all (a fresh register: nothing can be known yet).
    pub fn has_no_files(&self) -> Result<bool, RegisterError> {
        Ok(self
            .conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM bestanden)", [], |r| {
                r.get(0)
            })?)
    }

    /// The members of stored container content `sha256`, or `None` when it is no container.
    pub fn container_members(
        &self,
        sha256: &str,
    ) -> Result<Option<Vec<crate::container::Lid>>, RegisterError> {
        let kind: Option<String> = self
            .conn
            .query_row(
                "SELECT soort_inhoud FROM inhoud WHERE sha256 = ?1",
                params![sha256],
                |r| r.get(0),
            )
            .optional()?;
        if kind.as_deref() != Some("container") {
            return Ok(None);
        }
        let mut stmt = self.conn.prepare(
            "SELECT lid_id, naam, lid_sha256 FROM containerleden WHERE sha256 = ?1 ORDER BY volgnummer",
        )?;
        let rows = stmt
            .query_map(params![sha256], |r| {
                Ok(crate::container::Lid {
                    id: r.get(0)?,
                    naam: r.get(1)?,
                    sha256: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(rows))
    }

    /// The id of a stored (name, bytes) pair.
    pub fn file_id(&self, bestand: &str, sha256: &str) -> Result<Option<i64>, RegisterError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM bestanden WHERE bestand = ?1 AND sha256 = ?2",
                params![bestand, sha256],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Store one file and what its bytes gave, atomically; returns the file's id and whether it
    /// was new. Idempotent: the same (bestand, sha256) again returns the existing id (and
    /// `false`) and changes nothing; known bytes under a new name add only a `bestanden` row.
    /// Content that was stored after a passing failure (deadline, killed worker) is replaced by a
    /// later outcome that is not itself a passing failure.
    ///
    /// Outside a batch the file is its own `IMMEDIATE` transaction. Inside one
    /// ([`Register::begin_batch`]) it joins the batch's transaction, and the batch commits when
    /// it is due. A file that fails halfway leaves no rows: the batch's transaction is rolled
    /// back and the files before it in the batch are stored again, in the same order (so under
    /// the same ids), before the error is returned.
    ///
    /// Why not a SAVEPOINT per file: SQLite copies every page a savepoint first touches into a
    /// sub-journal, about eighty pages per file here, and frees them at its release; with the
    /// SAVEPOINT and RELEASE statements that was a tenth of the main process's CPU (issue 15).
    /// A failure while storing (a full disk, an I/O error, a value too large for SQLite) is
    /// rare; keeping the batch's files to store them again costs a copy of each (none with
    /// [`Register::store_file_owned`]).
    pub fn store_file(&mut self, o: &FileOutcome) -> Result<(i64, bool), RegisterError> {
        self.store(Cow::Borrowed(o))
    }

    /// [`Register::store_file`] for a caller that has no further use for the outcome: a batch
    /// keeps it as it is instead of a copy (the pipeline; the copies were 1.9 % of the main
    /// process's instructions over 100 copies of the sample batch).
    pub fn store_file_owned(&mut self, o: FileOutcome) -> Result<(i64, bool), RegisterError> {
        self.store(Cow::Owned(o))
    }

    fn store(&mut self, o: Cow<'_, FileOutcome>) -> Result<(i64, bool), RegisterError> {
        if self.batch.is_none() {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let stored = store_file_rows(&tx, &o)?;
            tx.commit()?;
            return Ok(stored);
        }
        self.open_batch_transaction()?;
        match store_file_rows(&self.conn, &o) {
            Ok(stored) => {
                if let Some(b) = self.batch.as_mut() {
                    b.pending.push(o.into_owned());
                }
                self.commit_batch_if_due()?;
                Ok(stored)
            }
            Err(e) => {
                self.store_pending_again()?;
                Err(e)
            }
        }
    }

    /// After a file failed inside the batch: roll the batch's transaction back (the failed
    /// file's rows with it) and store the batch's earlier files again in a new one. Some errors
    /// (a full disk, an I/O error) make SQLite roll the transaction back itself; the earlier
    /// files are stored again then too.
    fn store_pending_again(&mut self) -> Result<(), RegisterError> {
        let Some(b) = self.batch.as_mut() else {
            return Ok(());
        };
        let pending = std::mem::take(&mut b.pending);
        b.open = None;
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK")?;
        }
        if pending.is_empty() {
            return Ok(());
        }
        self.open_batch_transaction()?;
        for p in &pending {
            if let Err(e) = store_file_rows(&self.conn, p) {
                // Never half a file: the batch's earlier files go too (nothing of them is
                // committed, so a rerun reads them again), and the error is returned.
                if let Some(b) = self.batch.as_mut() {
                    b.open = None;
                }
                if !self.conn.is_autocommit() {
                    self.conn.execute_batch("ROLLBACK")?;
                }
                return Err(e);
            }
        }
        if let Some(b) = self.batch.as_mut() {
            if let Some((_, files)) = b.open.as_mut() {
                *files = pending.len();
            }
            b.pending = pending;
        }
        Ok(())
    }

    /// Batch the COMMITs of [`Register::store_file`] until [`Register::end_batch`]: every
    /// [`BATCH_FILES`] files or [`BATCH_TIME`], whichever comes first. Each file stays atomic
    /// (a SAVEPOINT); a killed run loses at most the uncommitted batch.
    pub fn begin_batch(&mut self) -> Result<(), RegisterError> {
        self.begin_batch_every(BATCH_FILES, BATCH_TIME)
    }

    /// [`Register::begin_batch`] with another policy (tests use tiny batches to cross a COMMIT).
    pub fn begin_batch_every(
        &mut self,
        max_files: usize,
        max_time: Duration,
    ) -> Result<(), RegisterError> {
        self.end_batch()?;
        // A batch writes many pages before its COMMIT; with SQLite's default 2 MB cache they
        // spill to the WAL halfway, and pages of the sha256-keyed indexes are written again at
        // every spill. The larger cache lasts only as long as the batch: reading the register
        // back afterwards (the peak memory of a run) keeps the default.
        self.conn
            .pragma_update(None, "cache_size", BATCH_CACHE_KIB)?;
        self.conn.pragma_update(
            None,
            "wal_autocheckpoint",
            super::pages_for(&self.conn, BATCH_CHECKPOINT_BYTES)?,
        )?;
        self.batch = Some(Batch {
            max_files: max_files.max(1),
            max_time,
            open: None,
            pending: Vec::new(),
        });
        Ok(())
    }

    /// Commit what the batch holds and return to one transaction per file. Called at the end of
    /// an ingest, also when it stops on an error: every whole file stored so far is kept.
    pub fn end_batch(&mut self) -> Result<(), RegisterError> {
        let result = self.commit_batch();
        if self.batch.take().is_some() {
            // Back to SQLite's default (2 MB); shrinking the cache frees the batch's pages.
            self.conn.pragma_update(None, "cache_size", -2000)?;
            self.conn.pragma_update(
                None,
                "wal_autocheckpoint",
                super::pages_for(&self.conn, super::WAL_CHECKPOINT_BYTES)?,
            )?;
        }
        result
    }

    /// The batch's write transaction, begun when the first file after a COMMIT arrives.
    fn open_batch_transaction(&mut self) -> Result<(), RegisterError> {
        let Some(b) = self.batch.as_mut() else {
            return Ok(());
        };
        if b.open.is_none() {
            // IMMEDIATE: take the write lock now (waiting on busy_timeout), not at the first
            // write after a read, where SQLite would answer BUSY without waiting.
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            b.open = Some((Instant::now(), 0));
        }
        Ok(())
    }

    fn commit_batch_if_due(&mut self) -> Result<(), RegisterError> {
        let due = match self.batch.as_mut() {
            Some(Batch {
                max_files,
                max_time,
                open: Some((since, files)),
                ..
            }) => {
                *files += 1;
                *files >= *max_files || since.elapsed() >= *max_time
            }
            _ => false,
        };
        if due {
            self.commit_batch()?;
        }
        Ok(())
    }

    /// COMMIT the batch's open transaction, if any. Every other writer calls this first, so a
    /// batch never swallows (or blocks) their transaction.
    pub(super) fn commit_batch(&mut self) -> Result<(), RegisterError> {
        if let Some(b) = self.batch.as_mut() {
            b.pending.clear();
            if b.open.take().is_some() && !self.conn.is_autocommit() {
                self.conn.execute_batch("COMMIT")?;
            }
        }
        Ok(())
    }

    /// Make exactly `ids` the files the outputs describe (`run`: its inputs, whatever the register
    /// held before). The others stay in the register, out of sight.
    pub fn set_active_files(&mut self, ids: &[i64]) -> Result<(), RegisterError> {
        self.commit_batch()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("UPDATE bestanden SET actief = 0", [])?;
        activate(&tx, ids)?;
        tx.commit()?;
        Ok(())
    }

    /// Add `ids` to the files the outputs describe (`ingest`: an archive never forgets).
    pub fn add_active_files(&mut self, ids: &[i64]) -> Result<(), RegisterError> {
        self.commit_batch()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        activate(&tx, ids)?;
        tx.commit()?;
        Ok(())
    }

    /// Replace all pairing decisions with `a` (one transaction). The order of `a` is kept: older
    /// plan versions are listed in it.
    pub fn save_assignments(&mut self, a: &[Assignment]) -> Result<(), RegisterError> {
        self.commit_batch()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM toewijzingen", [])?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO toewijzingen (bestand_id, volgnummer, wsv, status, toelichting, actueel, rol)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (i, x) in a.iter().enumerate() {
                ins.execute(params![
                    x.file_id,
                    to_i64("volgnummer", i as u64)?,
                    x.wsv,
                    x.status.as_str(),
                    x.toelichting,
                    x.actueel,
                    x.rol.map(|r| r.as_str())
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Replace all audit results (placements, stadsdelen, audit findings) with `r`, in one transaction.
    pub fn save_audit(&mut self, r: &AuditResult) -> Result<(), RegisterError> {
        self.commit_batch()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "DELETE FROM plaatsingswijken; DELETE FROM plaatsingen;
             DELETE FROM stadsdeel_wsvs; DELETE FROM stadsdelen; DELETE FROM auditbevindingen;",
        )?;
        {
            let mut pl = tx.prepare_cached(
                "INSERT INTO plaatsingen (wsv, gemeente, stadsdeel, inwoners, aandeel_uitvoeringsbudget_cent,
                 stadsdeel_budget_cent, voorbereidingsbudget_cent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut wijk = tx.prepare_cached(
                "INSERT INTO plaatsingswijken (wsv, volgnummer, wijk) VALUES (?1, ?2, ?3)",
            )?;
            for (wsv, p) in &r.plaatsingen {
                let inwoners = p.inwoners.map(|n| to_i64("inwoners", n)).transpose()?;
                pl.execute(params![
                    wsv,
                    p.gemeente,
                    p.stadsdeel,
                    inwoners,
                    p.aandeel_uitvoeringsbudget.map(|c| c.0),
                    p.stadsdeel_budget.map(|c| c.0),
                    p.voorbereidingsbudget.map(|c| c.0)
                ])?;
                for (i, w) in p.wijken.iter().enumerate() {
                    wijk.execute(params![wsv, to_i64("volgnummer", i as u64)?, w])?;
                }
            }
            let mut sd = tx.prepare_cached(
                "INSERT INTO stadsdelen (volgnummer, gemeente, stadsdeel, inwoners, uitvoeringsbudget_cent,
                 inwoners_gedekt, aangevraagd_cent, ruimte_cent, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let mut sdw = tx.prepare_cached(
                "INSERT INTO stadsdeel_wsvs (stadsdeel_volgnummer, volgnummer, wsv) VALUES (?1, ?2, ?3)",
            )?;
            for (i, s) in r.stadsdelen.iter().enumerate() {
                let nr = to_i64("volgnummer", i as u64)?;
                sd.execute(params![
                    nr,
                    s.gemeente,
                    s.stadsdeel,
                    to_i64("inwoners", s.inwoners)?,
                    s.uitvoeringsbudget.0,
                    to_i64("inwoners_gedekt", s.inwoners_gedekt)?,
                    s.aangevraagd.0,
                    s.ruimte.0,
                    s.status
                ])?;
                for (j, w) in s.wsvs.iter().enumerate() {
                    sdw.execute(params![nr, to_i64("volgnummer", j as u64)?, w])?;
                }
            }
            let mut bev = tx.prepare_cached(
                "INSERT INTO auditbevindingen (volgnummer, wsv, bestand, code, ernst, bericht, bron)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (i, b) in r.bevindingen.iter().enumerate() {
                bev.execute(params![
                    to_i64("volgnummer", i as u64)?,
                    b.wsv,
                    b.bestand,
                    b.finding.code.as_str(),
                    b.finding.ernst.as_str(),
                    b.finding.bericht,
                    b.finding.bron
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// The rows of one file, inside the caller's transaction.
fn store_file_rows(conn: &Connection, o: &FileOutcome) -> Result<(i64, bool), RegisterError> {
    let key = content_key(o);
    let stored: Option<bool> = conn
        .prepare_cached("SELECT voorbijgaand FROM inhoud WHERE sha256 = ?1")?
        .query_row(params![key], |r| r.get(0))
        .optional()?;
    let replaced = match stored {
        None => {
            store_content(conn, &key, o, false)?;
            false
        }
        Some(true) if !o.voorbijgaand => {
            // Only unreadable content is ever transient: it has findings and nothing else.
            conn.prepare_cached("DELETE FROM bestandsbevindingen WHERE sha256 = ?1")?
                .execute(params![key])?;
            store_content(conn, &key, o, true)?;
            true
        }
        Some(_) => false,
    };
    let existing: Option<i64> = conn
        .prepare_cached("SELECT id FROM bestanden WHERE bestand = ?1 AND sha256 = ?2")?
        .query_row(params![o.bestand, key], |r| r.get(0))
        .optional()?;
    Ok(match existing {
        Some(id) => (id, replaced),
        None => {
            conn.prepare_cached(
                "INSERT INTO bestanden (bestand, map, sha256, grootte, soort) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![o.bestand, o.map, key, to_i64("grootte", o.grootte)?, o.soort.as_str()])?;
            (conn.last_insert_rowid(), true)
        }
    })
}

/// The key the content is stored under: the sha256, or for a file whose bytes could not be read
/// (no sha256) a per-name key, so that two such files never share one content row and findings.
fn content_key(o: &FileOutcome) -> String {
    if o.sha256.is_empty() {
        format!("{NO_BYTES_PREFIX}{}", o.bestand)
    } else {
        o.sha256.clone()
    }
}

fn activate(tx: &Connection, ids: &[i64]) -> Result<(), RegisterError> {
    let mut up = tx.prepare_cached("UPDATE bestanden SET actief = 1 WHERE id = ?1")?;
    for id in ids {
        up.execute(params![id])?;
    }
    Ok(())
}

/// Store what the bytes gave; `replace`: the `inhoud` row exists (a passing failure) and is
/// overwritten in place, since file rows refer to it.
fn store_content(
    tx: &Connection,
    sha: &str,
    o: &FileOutcome,
    replace: bool,
) -> Result<(), RegisterError> {
    let (content, findings, opmerkingen) = (&o.content, &o.findings, &o.opmerkingen);
    let voorbijgaand = o.voorbijgaand;
    let (kind, reden) = match content {
        Content::Wijkplan(_) => ("wijkplan", None),
        Content::Begroting(_) => ("begroting", None),
        Content::Bijlage(_) => ("bijlage", None),
        Content::Scan => ("scan", None),
        Content::Container(_) => ("container", None),
        Content::Genegeerd(reden) => ("genegeerd", Some(reden.as_str())),
        Content::Onleesbaar => ("onleesbaar", None),
    };
    let sql = if replace {
        "UPDATE inhoud SET soort_inhoud = ?2, reden = ?3, opmerkingen = ?4, voorbijgaand = ?5,
                technisch = ?6
         WHERE sha256 = ?1"
    } else {
        "INSERT INTO inhoud (sha256, soort_inhoud, reden, opmerkingen, voorbijgaand, technisch)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    };
    tx.prepare_cached(sql)?.execute(params![
        sha,
        kind,
        reden,
        opmerkingen.join("\n"),
        voorbijgaand,
        o.technisch.join("\n")
    ])?;
    match content {
        Content::Wijkplan(p) => store_wijkplan(tx, sha, p)?,
        Content::Begroting(b) => store_begroting(tx, sha, b)?,
        Content::Bijlage(b) => store_bijlage(tx, sha, b)?,
        Content::Container(leden) => {
            let mut ins = tx.prepare_cached(
                "INSERT INTO containerleden (sha256, volgnummer, lid_id, naam, lid_sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (i, l) in leden.iter().enumerate() {
                ins.execute(params![
                    sha,
                    to_i64("volgnummer", i as u64)?,
                    l.id,
                    l.naam,
                    l.sha256
                ])?;
            }
        }
        Content::Scan | Content::Genegeerd(_) | Content::Onleesbaar => {}
    }
    store_tekst(tx, sha, o, replace)?;
    let mut ins = tx.prepare_cached(
        "INSERT INTO bestandsbevindingen (sha256, volgnummer, code, ernst, bericht, bron)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, f) in findings.iter().enumerate() {
        ins.execute(params![
            sha,
            to_i64("volgnummer", i as u64)?,
            f.code.as_str(),
            f.ernst.as_str(),
            f.bericht,
            f.bron
        ])?;
    }
    Ok(())
}

/// The full text, in reading order, under the content's number: one row per content holding
/// a JSON array of `[soort, bron, tekst]` (schema v9, issue 15; a row per block was the largest
/// part of storing a file, and only users' queries read it, through `v_tekst`). `replace`: the
/// content row existed (a passing failure being overwritten), so text stored with it must go.
fn store_tekst(
    tx: &Connection,
    sha: &str,
    o: &FileOutcome,
    replace: bool,
) -> Result<(), RegisterError> {
    let mut nummer: Option<i64> = None;
    if replace {
        // A replaced passing failure had no text, but a stale row must never survive a replace.
        nummer = tx
            .prepare_cached("SELECT nummer FROM inhoudnummers WHERE sha256 = ?1")?
            .query_row(params![sha], |r| r.get(0))
            .optional()?;
        if let Some(n) = nummer {
            tx.prepare_cached("DELETE FROM teksten WHERE nummer = ?1")?
                .execute(params![n])?;
        }
    }
    let Some(blokken) = blokken_json(o)? else {
        return Ok(());
    };
    let nummer = match nummer {
        Some(n) => n,
        None => {
            tx.prepare_cached("INSERT INTO inhoudnummers (sha256) VALUES (?1)")?
                .execute(params![sha])?;
            tx.last_insert_rowid()
        }
    };
    tx.prepare_cached("INSERT INTO teksten (nummer, blokken) VALUES (?1, ?2)")?
        .execute(params![nummer, blokken.as_ref()])?;
    Ok(())
}

/// The text as `teksten.blokken` holds it: as the worker sent it, or made here from the blocks.
/// `None`: the file has no text (no row is written).
fn blokken_json(o: &FileOutcome) -> Result<Option<std::borrow::Cow<'_, str>>, RegisterError> {
    if let Some(json) = &o.tekst_opslag {
        return Ok(Some(std::borrow::Cow::Borrowed(json.as_str())));
    }
    if o.tekst.is_empty() {
        return Ok(None);
    }
    // Strings into a String cannot fail to serialise; if serde_json ever did, the file's rows
    // roll back with an error rather than losing its text.
    crate::tekst::opslag_json(&o.tekst)
        .map(|j| Some(std::borrow::Cow::Owned(j)))
        .map_err(|e| RegisterError::Onverwacht {
            kolom: "teksten.blokken",
            waarde: e.to_string(),
        })
}

fn store_wijkplan(tx: &Connection, sha: &str, p: &Wijkplan) -> Result<(), RegisterError> {
    tx.prepare_cached(
        "INSERT INTO wijkplannen (sha256, sjabloon, vingerafdruk) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![sha, p.sjabloon.as_str(), p.vingerafdruk])?;
    if let Some(b) = &p.begroting {
        store_begroting(tx, sha, b)?;
    }
    let mut veld = tx.prepare_cached(
        "INSERT INTO velden (sha256, sleutel, waarde, bron) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (key, _label, v) in p.velden.all() {
        veld.execute(params![sha, key, v.waarde, v.bron])?;
    }
    let mut disc = tx.prepare_cached(
        "INSERT INTO kerndisciplines (sha256, volgnummer, discipline) VALUES (?1, ?2, ?3)",
    )?;
    for (i, d) in p.kerndisciplines.iter().enumerate() {
        disc.execute(params![sha, to_i64("volgnummer", i as u64)?, d.as_str()])?;
    }
    let mut sectie = tx.prepare_cached(
        "INSERT INTO secties (sha256, volgnummer, nummer, titel, tekst, bron) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, s) in p.secties.iter().enumerate() {
        sectie.execute(params![
            sha,
            to_i64("volgnummer", i as u64)?,
            s.nummer,
            s.titel,
            s.tekst,
            s.bron
        ])?;
    }
    let mut thema = tx.prepare_cached(
        "INSERT INTO themas (sha256, volgnummer, nummer, naam, doelen, activiteiten, resultaten, middelen,
         partijen, bron, bron_doelen, bron_activiteiten, bron_resultaten, bron_middelen, bron_partijen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for (i, t) in p.themas.iter().enumerate() {
        let [b0, b1, b2, b3, b4] = &t.cel_bronnen;
        thema.execute(params![
            sha,
            to_i64("volgnummer", i as u64)?,
            t.nummer,
            t.naam,
            t.doelen,
            t.activiteiten,
            t.resultaten,
            t.middelen,
            t.partijen,
            t.bron,
            b0,
            b1,
            b2,
            b3,
            b4
        ])?;
    }
    let mut check = tx.prepare_cached(
        "INSERT INTO checklist (sha256, volgnummer, tekst, aangevinkt, bron) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, c) in p.checklist.iter().enumerate() {
        check.execute(params![
            sha,
            to_i64("volgnummer", i as u64)?,
            c.tekst,
            c.aangevinkt,
            c.bron
        ])?;
    }
    Ok(())
}

fn store_bijlage(tx: &Connection, sha: &str, b: &Bijlage) -> Result<(), RegisterError> {
    tx.prepare_cached(
        "INSERT INTO bijlagen (sha256, rol, wsv_naam, titel, bron) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![sha, b.rol.as_str(), b.wsv_naam, b.titel, b.bron])?;
    Ok(())
}

fn store_begroting(tx: &Connection, sha: &str, b: &Begroting) -> Result<(), RegisterError> {
    tx.prepare_cached(
        "INSERT INTO begrotingen (sha256, blad, wsv_naam, totaal_opgegeven_cent, totaal_bron,
         gemeente_stadsdeel, gemeente_stadsdeel_bron, wijken, wijken_bron, versie_datum,
         versie_datum_bron)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        sha,
        b.blad,
        b.wsv_naam,
        b.totaal_opgegeven.map(|c| c.0),
        b.totaal_bron,
        b.gemeente_stadsdeel.waarde,
        b.gemeente_stadsdeel.bron,
        b.wijken.waarde,
        b.wijken.bron,
        b.versie_datum.waarde,
        b.versie_datum.bron
    ])?;
    let mut regel = tx.prepare_cached(
        "INSERT INTO begrotingsregels (sha256, volgnummer, post, thema, omschrijving, uren, tarief_cent,
         bedrag_cent, cofinanciering_cent, vacatie, bron, jaren, cofinanciering_uren, tarief_bron,
         buiten_totaal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let lines = b.regels.iter().map(|r| (r, false));
    let outside = b.cofinanciering.iter().map(|r| (r, true));
    for (i, (r, buiten_totaal)) in lines.chain(outside).enumerate() {
        let jaren = serde_json::to_string(&r.jaren).unwrap_or_else(|_| "[]".to_string());
        regel.execute(params![
            sha,
            to_i64("volgnummer", i as u64)?,
            r.post,
            r.thema,
            r.omschrijving,
            r.uren,
            r.tarief.map(|c| c.0),
            r.bedrag.0,
            r.cofinanciering.map(|c| c.0),
            r.vacatie,
            r.bron,
            jaren,
            r.cofinanciering_uren,
            r.tarief_bron,
            buiten_totaal
        ])?;
    }
    Ok(())
}
