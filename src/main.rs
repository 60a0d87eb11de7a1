//! Command line only: parse arguments, call the library, map errors to exit codes
//! (0 completed, 1 the run itself failed, 2 wrong usage, 3 `--strict` and a `fout` finding).

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wijkregister::domain::Ernst;
use wijkregister::emit::{self, Dialect};
use wijkregister::pipeline;
use wijkregister::register::Register;
use wijkregister::snapshot::Snapshot;
use wijkregister::worker::Isolation;

#[derive(Parser)]
#[command(
    name = "wijkregister",
    version,
    about = "Register en audit van WSV-wijkplannen en begrotingen voor het RESV Haaglanden",
    long_about = "Leest een map met wijkplannen (.docx) en begrotingen (.xlsx, .xls, .ods) in een \
                  SQLite-register, controleert ze tegen de wijkindeling en de handreiking, en schrijft \
                  het regionale overzicht."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Andere wijkindeling (CSV, zelfde indeling als de ingebouwde)
    #[arg(long, global = true, value_name = "BESTAND")]
    wijkindeling: Option<PathBuf>,
    /// CSV-variant: excel-nl (;, BOM, decimale komma) of rfc4180 (,, geen BOM, decimale punt)
    #[arg(long, global = true, value_enum, default_value_t = CsvDialect::ExcelNl)]
    csv_dialect: CsvDialect,
    /// Geen voortgang of samenvatting
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Meer uitleg per bestand
    #[arg(short, long, global = true)]
    verbose: bool,
    /// Eindig met code 3 als er bevindingen met ernst 'fout' zijn
    #[arg(long, global = true)]
    strict: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum CsvDialect {
    ExcelNl,
    Rfc4180,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Csv,
    Json,
    Xlsx,
}

#[derive(Subcommand)]
enum Command {
    /// Alles: inlezen, controleren en alle uitvoer schrijven
    Run {
        /// Mappen of bestanden (standaard: fixtures/submissions)
        inputs: Vec<PathBuf>,
        /// Uitvoermap
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Correcties (wsv;veld;waarde;reden;door); standaard correcties.csv in een invoermap
        #[arg(long, value_name = "BESTAND")]
        correcties: Option<PathBuf>,
        /// Namen van personen in het rapport (interne versie; standaard zonder namen)
        #[arg(long)]
        namen: bool,
    },
    /// Alleen inlezen in een register
    Ingest {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long, required = true)]
        db: PathBuf,
    },
    /// Controles (opnieuw) uitvoeren en de bevindingen per WSV tonen
    Audit {
        #[arg(long, required = true)]
        db: PathBuf,
        /// Correcties (wsv;veld;waarde;reden;door) die vanaf nu gelden
        #[arg(long, value_name = "BESTAND")]
        correcties: Option<PathBuf>,
    },
    /// Overzicht (csv, xlsx) of het hele register (json) wegschrijven
    Export {
        #[arg(long, required = true)]
        db: PathBuf,
        #[arg(long, value_enum)]
        format: Format,
        #[arg(short = 'o', required = true)]
        output: PathBuf,
    },
    /// Het rapport voor de lerende cyclus (HTML) wegschrijven
    Report {
        #[arg(long, required = true)]
        db: PathBuf,
        #[arg(short = 'o', required = true, value_name = "BESTAND.html")]
        output: PathBuf,
        /// Namen van personen in het rapport (interne versie; standaard zonder namen)
        #[arg(long)]
        namen: bool,
    },
    /// Tonen wat wijkregister uit één bestand leest (zonder register): de volledige tekst, wat
    /// eruit gehaald is en de bevindingen; bij een e-mail of zip de bestanden erin
    Lees {
        bestand: PathBuf,
        /// Als JSON, elk tekstblok met zijn bron
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some(wijkregister::worker::WORKER_ARG) {
        return match wijkregister::worker::worker_main() {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::from(1),
        };
    }
    let cli = Cli::parse();
    if let Command::Lees { bestand, json } = &cli.command {
        return lees(bestand, *json);
    }
    match real_main(&cli) {
        Ok(snapshot) => {
            let has_fout = snapshot.as_ref().is_some_and(|s| {
                s.wsvs
                    .iter()
                    .flat_map(|w| &w.bevindingen)
                    .chain(&s.bevindingen_regio)
                    .any(|b| b.finding.ernst == Ernst::Fout)
            });
            if cli.strict && has_fout {
                ExitCode::from(3)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("wijkregister: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// `lees`: exit 0 when the file was read, 1 when it (or a member inside it) could not be read,
/// with the Dutch reason on stderr.
fn lees(bestand: &Path, json: bool) -> ExitCode {
    let iso = Isolation::workers_of_current_exe().unwrap_or(Isolation::InProcess);
    match wijkregister::lees::lees(bestand, &iso) {
        Ok(g) => {
            let out = if json {
                wijkregister::lees::render_json(&g) + "\n"
            } else {
                wijkregister::lees::render(&g)
            };
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`lees plan.docx | head`) is not an error of the file.
            let _ = std::io::Write::write_all(&mut stdout, out.as_bytes());
            if g.onleesbaar() {
                for r in g.redenen() {
                    eprintln!("wijkregister: {r}");
                }
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("wijkregister: {e}");
            ExitCode::from(1)
        }
    }
}

fn dialect(cli: &Cli) -> Dialect {
    match cli.csv_dialect {
        CsvDialect::ExcelNl => Dialect::ExcelNl,
        CsvDialect::Rfc4180 => Dialect::Rfc4180,
    }
}

fn real_main(cli: &Cli) -> anyhow::Result<Option<Snapshot>> {
    let wk = pipeline::load_wijkindeling(cli.wijkindeling.as_deref())?;
    match &cli.command {
        Command::Run {
            inputs,
            out,
            correcties,
            namen,
        } => {
            let inputs = if inputs.is_empty() {
                vec![PathBuf::from("fixtures/submissions")]
            } else {
                inputs.clone()
            };
            std::fs::create_dir_all(out)
                .with_context(|| format!("uitvoermap {} aanmaken", out.display()))?;
            // One run at a time per output folder: a second one waits for the first, so the
            // outputs always describe one whole run. The lock ends with the process.
            let _lock = lock_out_dir(out, cli.quiet)?;
            let mut reg = Register::open(&out.join("register.sqlite"))?;
            ingest(cli, &inputs, &mut reg, pipeline::Scope::ExactlyTheseInputs)?;
            // The given file, else a correcties.csv in an input folder; without one, the
            // corrections already in the register stay in force.
            let file = correcties.clone().or_else(|| {
                inputs
                    .iter()
                    .map(|d| d.join(wijkregister::correcties::BESTANDSNAAM))
                    .find(|f| f.is_file())
            });
            if let Some(f) = file {
                load_correcties(&f, &mut reg)?;
            }
            let snap = pipeline::refresh(&mut reg, &wk)?;
            emit::write_all(&snap, dialect(cli), out)?;
            // write_all writes the shared report (no names); --namen replaces it by the internal one.
            if *namen {
                let opties = emit::report::Opties { namen: true };
                emit::with_file(&out.join(emit::LERENDE_CYCLUS_HTML), |w| {
                    emit::report::write_report_opties(&snap, opties, w)
                })?;
            }
            if !cli.quiet {
                summary(&snap, Some(out));
            }
            if cli.verbose {
                if let Some(mb) = peak_rss_mb() {
                    eprintln!("Piekgeheugen van het hoofdproces: {mb} MB.");
                }
            }
            Ok(Some(snap))
        }
        Command::Ingest { inputs, db } => {
            let mut reg = Register::open(db)?;
            ingest(cli, inputs, &mut reg, pipeline::Scope::AddToRegister)?;
            Ok(None)
        }
        Command::Audit { db, correcties } => {
            let mut reg = open_existing(db)?;
            if let Some(f) = correcties {
                load_correcties(f, &mut reg)?;
            }
            let snap = pipeline::refresh(&mut reg, &wk)?;
            if !cli.quiet {
                print!("{}", wijkregister::audit::render_terminal(&snap));
            }
            Ok(Some(snap))
        }
        Command::Export { db, format, output } => {
            let reg = open_existing(db)?;
            let snap = reg.snapshot()?;
            match format {
                Format::Csv => emit::with_file(output, |w| {
                    emit::csv::write_overzicht(&snap, dialect(cli), w)
                })?,
                Format::Json => emit::with_file(output, |w| emit::json::write_register(&snap, w))?,
                Format::Xlsx => emit::xlsx::write_overzicht_file(&snap, output)?,
            }
            Ok(None)
        }
        Command::Report { db, output, namen } => {
            let reg = open_existing(db)?;
            let snap = reg.snapshot()?;
            let opties = emit::report::Opties { namen: *namen };
            emit::with_file(output, |w| {
                emit::report::write_report_opties(&snap, opties, w)
            })?;
            Ok(None)
        }
        // Handled in `main` before a wijkindeling is loaded: `lees` needs none.
        Command::Lees { .. } => Ok(None),
    }
}

/// Read a correcties file and make its rows the corrections in force.
fn load_correcties(path: &Path, reg: &mut Register) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(path).with_context(|| format!("correcties {} lezen", path.display()))?;
    let naam = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let list = wijkregister::correcties::lees(&bytes, &naam)?;
    reg.zet_correcties(&list)?;
    Ok(())
}

/// Hold `.wijkregister.lock` in `out` for this run (waiting for another run that holds it).
fn lock_out_dir(out: &Path, quiet: bool) -> anyhow::Result<std::fs::File> {
    let path = out.join(".wijkregister.lock");
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("uitvoermap {} is niet schrijfbaar", out.display()))?;
    match f.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            if !quiet {
                eprintln!(
                    "Er loopt al een run in {}; deze wacht tot die klaar is.",
                    out.display()
                );
            }
            f.lock()
                .with_context(|| format!("{} vergrendelen", path.display()))?;
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("{} vergrendelen", path.display()))
        }
    }
    Ok(f)
}

/// The main process's own peak resident memory (workers not included), for `-v` and the bench.
#[cfg(unix)]
fn peak_rss_mb() -> Option<u64> {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    // Linux reports kilobytes, macOS bytes.
    let kb = if cfg!(target_os = "macos") {
        ru.ru_maxrss as u64 / 1024
    } else {
        ru.ru_maxrss as u64
    };
    (rc == 0).then_some(kb / 1024)
}

#[cfg(not(unix))]
fn peak_rss_mb() -> Option<u64> {
    None
}

fn open_existing(db: &Path) -> anyhow::Result<Register> {
    anyhow::ensure!(db.is_file(), "register {} bestaat niet", db.display());
    Ok(Register::open(db)?)
}

fn ingest(
    cli: &Cli,
    inputs: &[PathBuf],
    reg: &mut Register,
    scope: pipeline::Scope,
) -> anyhow::Result<()> {
    let (found, problems) = pipeline::discover(inputs)?;
    let bar = if !cli.quiet && std::io::stderr().is_terminal() {
        let b = ProgressBar::new(found.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}") {
            b.set_style(style);
        }
        b
    } else {
        ProgressBar::hidden()
    };
    let verbose = cli.verbose;
    let tick = |name: &str| {
        bar.inc(1);
        bar.set_message(name.to_string());
        if verbose {
            bar.suspend(|| eprintln!("gelezen: {name}"));
        }
    };
    let iso = Isolation::workers_of_current_exe().unwrap_or(Isolation::InProcess);
    let s = pipeline::ingest(&found, &problems, reg, &iso, scope, &tick)?;
    bar.finish_and_clear();
    if !cli.quiet {
        eprintln!(
            "{} bestanden gevonden, {} nieuw in het register.",
            s.files, s.new
        );
    }
    Ok(())
}

fn summary(snap: &Snapshot, out: Option<&Path>) {
    let count = |st: &str| snap.wsvs.iter().filter(|w| w.status() == st).count();
    eprintln!(
        "{} WSV's: {} akkoord, {} aandacht, {} afgekeurd.",
        snap.wsvs.len(),
        count("akkoord"),
        count("aandacht"),
        count("afgekeurd")
    );
    if let Some(out) = out {
        eprintln!(
            "Uitvoer in {}/ (overzicht.csv, bevindingen.csv, bestanden.csv, register.json, …).",
            out.display()
        );
    }
}
