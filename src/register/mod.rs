//! The SQLite register: the single source of truth between the mappers and the emitters.
//!
//! Why it looks like this:
//! - Content is keyed by sha256. The same bytes always map to the same plan or begroting, so they
//!   are stored once (`inhoud` and the content tables); every name they arrived under is a row in
//!   `bestanden`. Re-ingesting a folder therefore adds nothing, and a copy under a new name costs one
//!   row.
//! - Each file is atomic: its rows are written inside a SAVEPOINT that is rolled back as a whole
//!   when anything fails, so a crash or a hostile document can never leave half a file in the
//!   register. Outside a batch every file is its own `IMMEDIATE` transaction; during `ingest` the
//!   COMMITs are batched ([`Register::begin_batch`]: every [`BATCH_FILES`] files or
//!   [`BATCH_TIME`], whichever comes first, and always at the end), because one COMMIT per file
//!   was most of the main process's time (issue 15). A killed run loses at most the uncommitted
//!   batch, which a rerun reads again (the register is keyed on sha256). Two processes ingesting
//!   at once queue on the write lock (WAL + `busy_timeout`) instead of failing.
//! - Pairing decisions (`toewijzingen`) and audit results are derived data: each is replaced as a
//!   whole, so re-running pairing or the audit never mixes old and new conclusions.
//! - Every value comes from an untrusted document, so every statement binds its values as
//!   parameters; no SQL is ever built from data.
//! - The schema lives in one file (`schema.sql`); its version is `PRAGMA user_version`. A register
//!   written by a newer wijkregister is refused rather than misread.

mod correcties;
mod load;
mod snapshot;
mod status;
mod store;

use crate::domain::{Code, Ernst};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;
use std::time::{Duration, Instant};

/// The schema of version [`SCHEMA_VERSION`]; also documents the views for users' own queries.
pub const SCHEMA_SQL: &str = include_str!("schema.sql");

/// Version 2 on top of [`SCHEMA_SQL`]: roles, scans and attachments, the begroting's header cells,
/// which files the latest run saw, transient failures.
pub const SCHEMA_V2_SQL: &str = include_str!("v2.sql");

/// Version 3 on top of version 2: the full text of every document (`v_tekst`).
pub const SCHEMA_V3_SQL: &str = include_str!("v3.sql");

/// Version 4 (issue 13): per-year amounts, cofinanciering hours and rows, the rate's cell, and the
/// corrections staff gave.
pub const SCHEMA_V4_SQL: &str = include_str!("v4.sql");

/// Version 5 (issue 10): `v_overzicht` shows one begroting per WSV now that a plan may hold its
/// own budget table (stored under the plan's sha256): the spreadsheet when there is one.
pub const SCHEMA_V5_SQL: &str = include_str!("v5.sql");

/// Version 6 (issue 14): views over the current files only with their own `bron`, and the
/// overview's status and ruimte (`wsv_status`).
pub const SCHEMA_V6_SQL: &str = include_str!("v6.sql");
/// Version 7: `inhoud.technisch`, the reader libraries' own words behind a Dutch reason.
pub const SCHEMA_V7_SQL: &str = include_str!("v7.sql");
/// Version 8 (issue 15): the full text keyed by a number per content instead of the sha256 in
/// every block; `tekstblokken` and `v_tekst` are views with the same columns and rows.
pub const SCHEMA_V8_SQL: &str = include_str!("v8.sql");
/// Version 9 (issue 15): each content's full text in one row (a JSON array of its blocks);
/// `tekstblokken` and `v_tekst` are views with the same columns and rows.
pub const SCHEMA_V9_SQL: &str = include_str!("v9.sql");

/// The newest schema this build knows. Migrations run from the register's `user_version` up to it.
pub const SCHEMA_VERSION: i64 = 9;

/// Prefix of the content key of a file without a sha256 (its bytes could not be read). A sha256
/// is hex, so such a key never collides with real content.
const NO_BYTES_PREFIX: &str = "geen-inhoud:";

/// WAL bytes between two checkpoints (SQLite's default is 1,000 pages, 4 MB at 4 KiB pages).
const WAL_CHECKPOINT_BYTES: i64 = 40 << 20;

/// The page size of a register created by this build (SQLite's default is 4 KiB). A run writes
/// every page twice (into the WAL, then at the checkpoint into the register), one `pwrite` per
/// page; at 4 KiB that was 33,413 writes for 100 copies of the sample batch (9,578 at 16 KiB),
/// and `pwrite` was about a sixth of the main process's time. With 16 KiB pages a file's stored
/// text (9.0 KB on average in the sample batch) also mostly fits in one page instead of a chain
/// of overflow pages. Measured on 100 copies, 8 runs interleaved: CPU 2.50 -> 2.37 s (median;
/// system time 0.48 -> 0.40 s); 64 KiB pages gave no more. A register created earlier keeps its
/// page size: SQLite changes it only by rewriting the whole file (VACUUM), which a run does not
/// do.
const NEW_PAGE_SIZE: i64 = 16_384;

/// How long a writer waits for another process's write transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Errors of the register layer. Messages are Dutch, for the staff member running the tool.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("{}", openen_tekst(pad, bron))]
    Openen { pad: String, bron: rusqlite::Error },
    #[error("register onleesbaar: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error(
        "register heeft schemaversie {gevonden}, deze wijkregister kent tot en met versie {bekend}: werk wijkregister bij"
    )]
    TeNieuw { gevonden: i64, bekend: i64 },
    #[error("register onleesbaar: onverwachte waarde {waarde:?} in {kolom}")]
    Onverwacht { kolom: &'static str, waarde: String },
    #[error("register kan {kolom} niet opslaan: getal {waarde} is te groot")]
    TeGroot { kolom: &'static str, waarde: u64 },
}

/// Files stored between two COMMITs during a batch ([`Register::begin_batch`]).
pub const BATCH_FILES: usize = 256;

/// The longest a batch keeps its write transaction open before committing: other processes
/// waiting for the write lock (and a reader of the WAL) see progress at least this often, and a
/// killed run loses at most about this much work.
pub const BATCH_TIME: Duration = Duration::from_secs(1);

/// A handle on one register file (or an in-memory register in tests).
pub struct Register {
    conn: Connection,
    /// Set between [`Register::begin_batch`] and [`Register::end_batch`].
    batch: Option<Batch>,
}

/// The commit policy of a batch and where the open transaction stands.
#[derive(Debug)]
struct Batch {
    max_files: usize,
    max_time: Duration,
    /// The open write transaction: when it began and how many files it holds. `None` between a
    /// COMMIT and the next file, so the write lock is not held while workers read.
    open: Option<(Instant, usize)>,
    /// The files stored in the open transaction, in order: when a file fails halfway, the
    /// transaction is rolled back and these are stored again, so the failure costs only that
    /// file (see `Register::store_file`).
    pending: Vec<crate::snapshot::FileOutcome>,
}

impl std::fmt::Debug for Register {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Register")
            .field("pad", &self.conn.path())
            .finish()
    }
}

impl Register {
    /// Open the register at `path`, creating it if missing and bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Register, RegisterError> {
        let pad = path.display().to_string();
        let with_path = |bron: rusqlite::Error| RegisterError::Openen {
            pad: pad.clone(),
            bron,
        };
        let conn = Connection::open(path).map_err(with_path)?;
        // The first statements touch the file; a file that is not SQLite fails here, with its path.
        Register::configure(conn, true).map_err(|e| match e {
            RegisterError::Sql(bron) => with_path(bron),
            other => other,
        })
    }

    /// A fresh register in memory (tests, dry runs).
    pub fn open_in_memory() -> Result<Register, RegisterError> {
        Register::configure(Connection::open_in_memory()?, false)
    }

    fn configure(conn: Connection, wal: bool) -> Result<Register, RegisterError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Takes effect only while the file is still empty (before the WAL switch writes it).
        conn.pragma_update(None, "page_size", NEW_PAGE_SIZE)?;
        if wal {
            // WAL lets readers and one writer work at the same time. Switching to it needs an
            // exclusive moment, and SQLite answers BUSY at once (without the busy handler) while
            // another process is creating or switching the same file, so wait here ourselves.
            let deadline = Instant::now() + BUSY_TIMEOUT;
            loop {
                match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
                    Ok(_mode) => break,
                    Err(e) if is_busy(&e) && Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            // Checkpoint every ~40 MB of WAL instead of SQLite's default ~4 MB: storing a batch
            // commits once per file, and each checkpoint copies the pages every file touches (the
            // index pages above all) back into the database and syncs it; at the default it was a
            // tenth of the main process's CPU (issue 15). Closing the register still checkpoints
            // and removes the WAL.
            conn.pragma_update(
                None,
                "wal_autocheckpoint",
                pages_for(&conn, WAL_CHECKPOINT_BYTES)?,
            )?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Storing a file uses about twenty statements and loading as many: room for all of
        // them, so each is compiled once per run, not once per file (issue 15).
        conn.set_prepared_statement_cache_capacity(64);
        let mut reg = Register { conn, batch: None };
        reg.migrate()?;
        Ok(reg)
    }

    /// The register's schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, RegisterError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn migrate(&mut self) -> Result<(), RegisterError> {
        let found = self.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(RegisterError::TeNieuw {
                gevonden: found,
                bekend: SCHEMA_VERSION,
            });
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        // Version 2 rebuilds a table that others reference; SQLite's procedure for that needs
        // foreign keys off, and the pragma has no effect inside a transaction.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let result = self.migrate_in_transaction();
        self.conn.pragma_update(None, "foreign_keys", true)?;
        result
    }

    fn migrate_in_transaction(&mut self) -> Result<(), RegisterError> {
        // Re-read inside the write transaction: another process may have migrated meanwhile.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(RegisterError::TeNieuw {
                gevonden: version,
                bekend: SCHEMA_VERSION,
            });
        }
        if version < 1 {
            tx.execute_batch(SCHEMA_SQL)?;
        }
        if version < 2 {
            tx.execute_batch(SCHEMA_V2_SQL)?;
            // The rebuild must leave every reference intact.
            let broken: i64 =
                tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            if broken > 0 {
                return Err(RegisterError::Onverwacht {
                    kolom: "foreign_key_check na migratie",
                    waarde: broken.to_string(),
                });
            }
        }
        if version < 3 {
            tx.execute_batch(SCHEMA_V3_SQL)?;
        }
        if version < 4 {
            tx.execute_batch(SCHEMA_V4_SQL)?;
        }
        if version < 5 {
            tx.execute_batch(SCHEMA_V5_SQL)?;
        }
        if version < 6 {
            tx.execute_batch(SCHEMA_V6_SQL)?;
        }
        if version < 7 {
            tx.execute_batch(SCHEMA_V7_SQL)?;
        }
        if version < 8 {
            tx.execute_batch(SCHEMA_V8_SQL)?;
        }
        if version < 9 {
            tx.execute_batch(SCHEMA_V9_SQL)?;
        }
        // Later versions add their steps here: `if version < 10 { tx.execute_batch(V10)?; }`.
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }
}

/// Why a register file could not be opened, in Dutch: a folder that cannot hold it is not an
/// unreadable register (issue 14), and SQLite's own text is English.
fn openen_tekst(pad: &str, e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::CannotOpen) => format!(
            "kan register {pad} niet openen of aanmaken: de map bestaat niet, is een bestand of is niet schrijfbaar"
        ),
        Some(C::NotADatabase) => format!("register onleesbaar: {pad} is geen SQLite-register"),
        Some(C::ReadOnly) => format!("kan register {pad} niet schrijven: het is alleen-lezen"),
        Some(C::DiskFull) => format!("kan register {pad} niet schrijven: de schijf is vol"),
        Some(C::PermissionDenied) => {
            format!("kan register {pad} niet openen: geen toestemming")
        }
        Some(C::DatabaseBusy | C::DatabaseLocked) => {
            format!("register {pad} is bezet door een ander proces")
        }
        _ => format!("register onleesbaar: {pad}: {e}"),
    }
}

/// How many of the register's pages hold `bytes` (at least one).
fn pages_for(conn: &Connection, bytes: i64) -> Result<i64, RegisterError> {
    let page: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    Ok((bytes / page.max(512)).max(1))
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn parse_code(s: &str) -> Result<Code, RegisterError> {
    Code::parse(s).ok_or_else(|| RegisterError::Onverwacht {
        kolom: "code",
        waarde: s.to_string(),
    })
}

fn parse_ernst(s: &str) -> Result<Ernst, RegisterError> {
    Ernst::parse(s).ok_or_else(|| RegisterError::Onverwacht {
        kolom: "ernst",
        waarde: s.to_string(),
    })
}

fn to_i64(kolom: &'static str, waarde: u64) -> Result<i64, RegisterError> {
    i64::try_from(waarde).map_err(|_| RegisterError::TeGroot { kolom, waarde })
}

fn to_u64(kolom: &'static str, waarde: i64) -> Result<u64, RegisterError> {
    u64::try_from(waarde).map_err(|_| RegisterError::Onverwacht {
        kolom,
        waarde: waarde.to_string(),
    })
}

#[cfg(test)]
pub(crate) mod tests;
