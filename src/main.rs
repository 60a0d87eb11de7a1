//! Command line only: parse arguments, call the library, map errors to exit codes
//! (0 completed, 1 the run itself failed, 2 wrong usage, 3 `--strict` and a `fout` finding).
//! Every word the user sees is Dutch, clap's own included: see `cli`.

mod cli;

use anyhow::Context;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use wijkregister::domain::Ernst;
use wijkregister::emit::{self, Dialect};
use wijkregister::lees::Kanaal;
use wijkregister::pipeline;
use wijkregister::register::Register;
use wijkregister::snapshot::Snapshot;
use wijkregister::worker::Isolation;

/// mimalloc instead of the C library's malloc (issue 15). malloc/free/realloc and glibc's
/// consolidation were about 15 % of a run's CPU (main and workers alike: parsing, the template
/// mapping and the register all allocate many small strings). Measured on 100 and 1,000 copies
/// of the sample batch (2 cores, runs interleaved with the glibc build): CPU 2.61 -> 2.37 s
/// (median of 5) and 26.0/27.5 -> 23.8/24.9 s (2 runs); peak RSS at 1,000 copies 244 -> 279 MB,
/// under the 300 MB goal (the peak is the main process reading the register back; mimalloc
/// keeps more of it in its pages). Version 2, not 3: v3 saved as much CPU but peaked at
/// 287-303 MB. `no_thp`: with transparent huge pages the arenas were faulted in as 2 MB pages
/// the kernel zeroes, 5 % of the main process's samples. mimalloc is C compiled by `cc`, as
/// SQLite is for rusqlite's `bundled`: nothing beyond the Rust toolchain and a C compiler.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "wijkregister",
    version,
    about = "Register en controle van de wijkplannen en begrotingen van de WSV's voor het RESV \
             Haaglanden",
    long_about = "Leest een map met wijkplannen en begrotingen (ook uit e-mails en zip-bestanden) in \
                  een SQLite-register, controleert ze tegen de wijkindeling en de handreiking, en \
                  schrijft het regionale overzicht."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Een andere wijkindeling (CSV, zelfde kolommen als de ingebouwde
    /// data/wijkindeling-2025-2026.csv)
    #[arg(long, global = true, value_name = "BESTAND")]
    wijkindeling: Option<PathBuf>,
    /// CSV-variant: excel-nl (standaard: puntkomma, UTF-8 met BOM, decimale komma) of rfc4180
    /// (komma, geen BOM, decimale punt)
    #[arg(long, global = true, value_enum, value_name = "VARIANT", default_value_t = CsvDialect::ExcelNl)]
    csv_dialect: CsvDialect,
    /// Niets melden (geen voortgang, geen samenvatting)
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Elk bestand melden: wat gelezen is en wat overgeslagen, op naam gesorteerd
    #[arg(short, long, global = true)]
    verbose: bool,
    /// Eindig met code 3 als er een bevinding met ernst 'fout' is
    #[arg(long, global = true)]
    strict: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum CsvDialect {
    ExcelNl,
    Rfc4180,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Csv,
    Json,
    Xlsx,
}

impl Format {
    fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
        }
    }
    /// The format a file name's extension asks for.
    fn van_extensie(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Alles: inlezen, controleren en alle uitvoer schrijven
    Run {
        /// Mappen (worden met submappen doorzocht) of losse bestanden; standaard
        /// fixtures/submissions
        #[arg(value_name = "INVOER")]
        inputs: Vec<PathBuf>,
        /// Map voor de uitvoer (wordt aangemaakt; standaard: out)
        #[arg(long, value_name = "MAP", default_value = "out")]
        out: PathBuf,
        /// Correcties (wsv;veld;waarde;reden;door); standaard correcties.csv in een invoermap
        #[arg(long, value_name = "BESTAND")]
        correcties: Option<PathBuf>,
        /// Namen van personen in het rapport (interne versie; standaard zonder namen)
        #[arg(long)]
        namen: bool,
    },
    /// Alleen inlezen in een register (hetzelfde bestand nog eens inlezen voegt niets toe)
    Ingest {
        /// Mappen (worden met submappen doorzocht) of losse bestanden
        #[arg(required = true, value_name = "INVOER")]
        inputs: Vec<PathBuf>,
        /// Het register (SQLite); wordt aangemaakt als het er nog niet is
        #[arg(long, required = true, value_name = "BESTAND")]
        db: PathBuf,
    },
    /// Controles (opnieuw) uitvoeren en de bevindingen per stadsdeel en per WSV tonen
    Audit {
        /// Het register (SQLite) van een eerdere run of ingest
        #[arg(long, required = true, value_name = "BESTAND")]
        db: PathBuf,
        /// Correcties (wsv;veld;waarde;reden;door) die vanaf nu gelden
        #[arg(long, value_name = "BESTAND")]
        correcties: Option<PathBuf>,
    },
    /// Het overzicht (csv, xlsx) of het hele register (json) wegschrijven
    Export {
        /// Het register (SQLite) van een eerdere run of ingest
        #[arg(long, required = true, value_name = "BESTAND")]
        db: PathBuf,
        /// csv, json of xlsx; zonder --format volgt het uit de extensie van -o
        #[arg(long, value_enum, value_name = "FORMAAT")]
        format: Option<Format>,
        /// Het bestand dat geschreven wordt (.csv, .json of .xlsx)
        #[arg(short = 'o', required = true, value_name = "BESTAND")]
        output: PathBuf,
    },
    /// Het rapport voor de lerende cyclus (HTML) wegschrijven
    Report {
        /// Het register (SQLite) van een eerdere run of ingest
        #[arg(long, required = true, value_name = "BESTAND")]
        db: PathBuf,
        /// Het HTML-bestand dat geschreven wordt
        #[arg(short = 'o', required = true, value_name = "BESTAND.html")]
        output: PathBuf,
        /// Namen van personen in het rapport (interne versie; standaard zonder namen)
        #[arg(long)]
        namen: bool,
    },
    /// Tonen wat wijkregister uit één bestand leest (zonder register): de volledige tekst, wat
    /// eruit gehaald is en de bevindingen; bij een e-mail of zip de bestanden erin
    Lees {
        /// Het bestand (wijkplan, begroting, e-mail of zip)
        #[arg(value_name = "BESTAND")]
        bestand: PathBuf,
        /// Als JSON, elk tekstblok met zijn bron
        #[arg(long)]
        json: bool,
    },
}

/// Wrong usage found after parsing (e.g. `export --format csv -o x.xlsx`): exit 2, not 1.
#[derive(Debug)]
struct Gebruiksfout(String);

impl std::fmt::Display for Gebruiksfout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Gebruiksfout {}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some(wijkregister::worker::WORKER_ARG) {
        return match wijkregister::worker::worker_main() {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::from(1),
        };
    }
    let matches = match cli::parse(
        cli::nederlands(Cli::command()),
        std::env::args_os().collect(),
    ) {
        cli::Uitkomst::Verder(m) => m,
        cli::Uitkomst::Tonen(tekst) => {
            print!("{tekst}");
            return ExitCode::SUCCESS;
        }
        cli::Uitkomst::Fout(tekst) => {
            eprintln!("{}", tekst.trim_end());
            return ExitCode::from(cli::EXIT_GEBRUIK);
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{}", cli::foutmelding(&e, matches.subcommand_name()));
            return ExitCode::from(cli::EXIT_GEBRUIK);
        }
    };
    if let Command::Lees { bestand, json } = &cli.command {
        return lees(bestand, *json, cli.verbose);
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
            eprintln!("wijkregister: {}", foutketen(&e));
            if e.downcast_ref::<Gebruiksfout>().is_some() {
                ExitCode::from(cli::EXIT_GEBRUIK)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// An error and its causes as one Dutch line: operating-system errors translated (no
/// "(os error 20)").
fn foutketen(e: &anyhow::Error) -> String {
    e.chain()
        .map(|c| match c.downcast_ref::<std::io::Error>() {
            Some(io) => wijkregister::osfout::nl(io),
            None => c.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}

/// `lees`: exit 0 when the file was read, 1 when it (or a member inside it) could not be read,
/// with the Dutch reason on stderr.
/// `-v` adds the reader libraries' own messages on stderr (`technisch: …`).
fn lees(bestand: &Path, json: bool, verbose: bool) -> ExitCode {
    let iso = Isolation::workers_of_current_exe().unwrap_or(Isolation::InProcess);
    match wijkregister::lees::lees(bestand, &iso) {
        Ok(g) => {
            // A closed pipe (`lees plan.docx | head`) is not an error of the file.
            if json {
                let mut stdout = std::io::stdout().lock();
                let _ = stdout.write_all((wijkregister::lees::render_json(&g) + "\n").as_bytes());
            } else {
                // Text to stdout, the rest to stderr, piece by piece in order and flushed, so a
                // terminal shows them interleaved as rendered.
                for (kanaal, deel) in &wijkregister::lees::render(&g).delen {
                    let _ = match kanaal {
                        Kanaal::Tekst => {
                            let mut o = std::io::stdout().lock();
                            o.write_all(deel.as_bytes()).and_then(|_| o.flush())
                        }
                        Kanaal::Toelichting => std::io::stderr().lock().write_all(deel.as_bytes()),
                    };
                }
            }
            if verbose {
                for t in g.technisch_regels() {
                    eprintln!("technisch: {t}");
                }
            }
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
            // Look at the inputs before touching the output folder: a missing or empty input
            // leaves an earlier run's outputs as they were.
            let found = discover(&inputs)?;
            uitvoermap(out)?;
            // One run at a time per output folder: a second one waits for the first, so the
            // outputs always describe one whole run. The lock ends with the process.
            let _lock = lock_out_dir(out, cli.quiet)?;
            let mut reg = Register::open(&out.join("register.sqlite"))?;
            ingest(cli, found, &mut reg, pipeline::Scope::ExactlyTheseInputs)?;
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
            if cli.verbose {
                per_bestand(&snap, &reg.technisch()?);
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
            let found = discover(inputs)?;
            let mut reg = Register::open(db)?;
            ingest(cli, found, &mut reg, pipeline::Scope::AddToRegister)?;
            // Pair and audit what the register now holds, as `run` does: `report` and `export`
            // read the register as it is, and would otherwise show the files of this ingest
            // unpaired (a second year's plans not yet versions of the first year's).
            pipeline::refresh(&mut reg, &wk)?;
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
            let format = export_format(*format, output)?;
            let reg = open_existing(db)?;
            let snap = reg.snapshot()?;
            match format {
                Format::Csv => emit::with_file(output, |w| {
                    emit::csv::write_overzicht(&snap, dialect(cli), w)
                })?,
                Format::Json => emit::with_file(output, |w| emit::json::write_register(&snap, w))?,
                Format::Xlsx => emit::xlsx::write_overzicht_file(&snap, output)?,
            }
            if !cli.quiet {
                eprintln!("Geschreven: {} ({}).", output.display(), format.as_str());
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

/// The format of `export`: `--format`, else the extension of `-o`. A format that contradicts
/// the extension (`--format csv -o x.xlsx`) is refused: the file would not open as what its name
/// says.
fn export_format(gegeven: Option<Format>, output: &Path) -> anyhow::Result<Format> {
    let ext = Format::van_extensie(output);
    match (gegeven, ext) {
        (Some(f), Some(e)) if f != e => Err(Gebruiksfout(format!(
            "--format {} past niet bij {}: kies --format {} of een bestandsnaam op .{}",
            f.as_str(),
            output.display(),
            e.as_str(),
            f.as_str()
        ))
        .into()),
        (Some(f), _) => Ok(f),
        (None, Some(e)) => Ok(e),
        (None, None) => Err(Gebruiksfout(format!(
            "uit {} volgt geen formaat: geef --format csv, json of xlsx, of een bestandsnaam op \
             .csv, .json of .xlsx",
            output.display()
        ))
        .into()),
    }
}

/// Create the output folder, or say in Dutch why it cannot be used.
fn uitvoermap(out: &Path) -> anyhow::Result<()> {
    if out.exists() && !out.is_dir() {
        anyhow::bail!(
            "uitvoermap {} is niet te gebruiken: het is een bestand, geen map",
            out.display()
        );
    }
    std::fs::create_dir_all(out)
        .with_context(|| format!("uitvoermap {} is niet te maken", out.display()))
}

/// The files under the inputs. A missing input or inputs without any file stop the run (exit
/// 1): a run over nothing would write an empty overview that looks like a result.
fn discover(
    inputs: &[PathBuf],
) -> anyhow::Result<(
    Vec<wijkregister::intake::Found>,
    Vec<wijkregister::intake::WalkProblem>,
)> {
    let (found, problems) = pipeline::discover(inputs)?;
    if found.is_empty() && problems.is_empty() {
        let namen: Vec<String> = inputs.iter().map(|i| i.display().to_string()).collect();
        anyhow::bail!(
            "in {} staat geen enkel bestand; er is niets gelezen en niets geschreven",
            namen.join(", ")
        );
    }
    Ok((found, problems))
}

fn ingest(
    cli: &Cli,
    (found, problems): (
        Vec<wijkregister::intake::Found>,
        Vec<wijkregister::intake::WalkProblem>,
    ),
    reg: &mut Register,
    scope: pipeline::Scope,
) -> anyhow::Result<()> {
    let bar = if !cli.quiet && std::io::stderr().is_terminal() {
        let b = ProgressBar::new(found.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}") {
            b.set_style(style);
        }
        b
    } else {
        ProgressBar::hidden()
    };
    // Files finish in parallel, in any order; -v lists them sorted once all are done.
    let gelezen: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let tick = |name: &str| {
        bar.inc(1);
        bar.set_message(name.to_string());
        if let Ok(mut g) = gelezen.lock() {
            g.push(name.to_string());
        }
    };
    let iso = Isolation::workers_of_current_exe().unwrap_or(Isolation::InProcess);
    let s = pipeline::ingest(&found, &problems, reg, &iso, scope, &tick)?;
    bar.finish_and_clear();
    if cli.verbose && matches!(scope, pipeline::Scope::AddToRegister) {
        let mut regels: Vec<String> = gelezen
            .into_inner()
            .unwrap_or_default()
            .into_iter()
            .map(|n| format!("gelezen: {n}"))
            .chain(
                problems
                    .iter()
                    .map(|p| format!("overgeslagen: {}: {}", p.bestand, p.reden)),
            )
            .collect();
        regels.sort_by(|a, b| {
            a.split_once(": ")
                .map(|x| x.1)
                .cmp(&b.split_once(": ").map(|x| x.1))
        });
        for r in regels {
            eprintln!("{r}");
        }
    }
    if !cli.quiet {
        eprintln!(
            "{} gevonden, {} nieuw in het register.",
            cli::aantal(s.files, "bestand", "bestanden"),
            s.new
        );
    }
    Ok(())
}

/// `run -v`: every file of the run, sorted by name, with what became of it: read (`verwerkt`)
/// or skipped (`dubbel`, `vervangen`, `genegeerd`, `onleesbaar`) and why; under it what the
/// reader libraries said in their own words (`technisch`, keyed by content).
fn per_bestand(snap: &Snapshot, technisch: &std::collections::HashMap<String, Vec<String>>) {
    let mut rijen: Vec<_> = snap.bestanden.iter().collect();
    rijen.sort_by(|a, b| a.bestand.cmp(&b.bestand));
    for b in rijen {
        let wat = match b.status.as_str() {
            "verwerkt" | "uitgepakt" => "gelezen",
            _ => "overgeslagen",
        };
        let mut regel = format!("{wat}: {} ({}", b.bestand, b.status.as_str());
        if let Some(rol) = b.rol {
            regel.push_str(&format!(", {}", rol.as_str()));
        }
        if let Some(wsv) = &b.wsv {
            regel.push_str(&format!(", WSV {wsv}"));
        }
        regel.push(')');
        if !b.toelichting.is_empty() {
            regel.push_str(&format!(": {}", b.toelichting));
        }
        eprintln!("{regel}");
        for t in technisch.get(&b.sha256).into_iter().flatten() {
            eprintln!("  technisch: {t}");
        }
    }
}

fn summary(snap: &Snapshot, out: Option<&Path>) {
    let count = |st: &str| snap.wsvs.iter().filter(|w| w.status() == st).count();
    eprintln!(
        "{}: {} akkoord, {} aandacht, {} afgekeurd.",
        cli::aantal(snap.wsvs.len(), "WSV", "WSV's"),
        count("akkoord"),
        count("aandacht"),
        count("afgekeurd")
    );
    if let Some(out) = out {
        eprintln!(
            "Uitvoer in {}: {}.",
            out.display(),
            emit::UITVOER.join(", ")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clap checks a command's definition only when it is built; a bad combination would panic
    /// at the user's first invocation.
    #[test]
    fn the_dutch_command_line_is_a_valid_clap_definition() {
        cli::nederlands(Cli::command()).debug_assert();
    }

    #[test]
    fn export_format_from_flag_or_extension() {
        let p = Path::new("uit/overzicht.XLSX");
        assert!(matches!(export_format(None, p), Ok(Format::Xlsx)));
        assert!(matches!(
            export_format(Some(Format::Xlsx), p),
            Ok(Format::Xlsx)
        ));
        let e = export_format(Some(Format::Csv), p).unwrap_err();
        assert!(e.downcast_ref::<Gebruiksfout>().is_some());
        assert!(e.to_string().contains("--format csv past niet bij"), "{e}");
        // An extension that names no format: the flag decides, or nothing does.
        assert!(matches!(
            export_format(Some(Format::Json), Path::new("register.txt")),
            Ok(Format::Json)
        ));
        assert!(export_format(None, Path::new("register")).is_err());
    }
}
