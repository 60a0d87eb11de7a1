//! The command line in Dutch: clap's own words (usage, headings, the help and version flags, the
//! `help` subcommand and every error message) replaced by Dutch ones.
//!
//! Why it looks like this:
//! - clap has no translations. Its idiomatic hooks are used instead: a `help_template` and an
//!   `override_usage` per command (so no `Usage:`/`[OPTIONS]`), headings on every argument (no
//!   `Options:`/`Arguments:`/`Commands:`), `disable_help_flag`/`disable_version_flag` with own
//!   `-h/--help` and `-V/--version` arguments, and an own `help` subcommand.
//! - Errors come from `Command::try_get_matches_from` and are rendered here from their
//!   [`ErrorKind`] and context (the argument, the value, the valid values, clap's suggestion),
//!   never from clap's English `Display`.
//! - Defaults and possible values are hidden from clap's rendering and written in the help text
//!   itself, in Dutch.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// Exit code for wrong usage (interface.md).
pub const EXIT_GEBRUIK: u8 = 2;

/// The usage line of each command, shown in its help and under an error.
const GEBRUIK: &[(&str, &str)] = &[
    ("", "wijkregister [OPTIES] <OPDRACHT>"),
    ("run", "wijkregister run [INVOER]... [--out MAP] [OPTIES]"),
    (
        "ingest",
        "wijkregister ingest <INVOER>... --db <BESTAND> [OPTIES]",
    ),
    ("audit", "wijkregister audit --db <BESTAND> [OPTIES]"),
    (
        "export",
        "wijkregister export --db <BESTAND> -o <BESTAND> [--format csv|json|xlsx] [OPTIES]",
    ),
    (
        "report",
        "wijkregister report --db <BESTAND> -o <BESTAND.html> [OPTIES]",
    ),
    ("lees", "wijkregister lees <BESTAND> [--json]"),
    ("help", "wijkregister help [OPDRACHT]"),
];

/// The formats wijkregister reads, for the help texts.
pub const FORMATEN: &str = "Wijkplannen: .docx, .pdf, .odt, .doc en .rtf. Begrotingen: .xlsx, \
     .xlsm, .xlsb, .xls en .ods. E-mails (.eml, .msg) en .zip-bestanden worden uitgepakt en hun \
     bijlagen gelezen. Andere bestanden (afbeeldingen, .csv, …) staan als 'genegeerd' in \
     bestanden.csv.";

const EXITCODES: &str = "Exitcodes: 0 de opdracht is afgerond (wat er ook in de documenten \
     stond), 1 de opdracht zelf kon niet (invoer bestaat niet of is leeg, uitvoermap niet \
     schrijfbaar, register onleesbaar), 2 verkeerd gebruik, 3 met --strict en een bevinding met \
     ernst 'fout'.";

const TEMPLATE: &str = "{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}";

fn gebruik(opdracht: &str) -> &'static str {
    GEBRUIK
        .iter()
        .find(|(n, _)| *n == opdracht)
        .map_or(GEBRUIK[0].1, |(_, u)| u)
}

/// Make `cmd` (the derived definition) speak Dutch everywhere.
pub fn nederlands(cmd: Command) -> Command {
    let cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading("Opdrachten")
        .subcommand_value_name("OPDRACHT")
        .after_help(format!(
            "{FORMATEN}\n\n{EXITCODES}\n\nMeer uitleg bij een opdracht: wijkregister <OPDRACHT> --help"
        ))
        .arg(
            Arg::new("versie")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Toon de versie van wijkregister"),
        )
        .subcommand(
            Command::new("help")
                .about("Toon de hulp bij wijkregister of bij één opdracht")
                .arg(
                    Arg::new("opdracht")
                        .value_name("OPDRACHT")
                        .help("De opdracht waarover je hulp wilt (run, ingest, audit, export, report, lees)"),
                ),
        );
    let cmd = koppen(cmd, "");
    cmd.mut_subcommands(|sub| {
        let naam = sub.get_name().to_string();
        koppen(sub, &naam)
    })
}

/// Template, usage, help flag and headings of one command.
fn koppen(cmd: Command, naam: &str) -> Command {
    cmd.help_template(TEMPLATE)
        .override_usage(gebruik(naam))
        .arg(
            Arg::new("hulp")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(naam.is_empty())
                .help("Toon deze hulp"),
        )
        .mut_args(|a| {
            let a = if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            };
            if a.is_positional() {
                a.help_heading("Argumenten")
            } else {
                a.help_heading("Opties")
            }
        })
}

/// What parsing gave: matches to run, or text to print with an exit code.
pub enum Uitkomst {
    Verder(clap::ArgMatches),
    /// Help or version on stdout, exit 0.
    Tonen(String),
    /// A Dutch error on stderr, exit 2.
    Fout(String),
}

/// Parse `args` with `cmd` (already [`nederlands`]).
pub fn parse(mut cmd: Command, args: Vec<std::ffi::OsString>) -> Uitkomst {
    let opdracht = opdracht_in(&cmd, &args);
    match cmd.try_get_matches_from_mut(&args) {
        Ok(m) => {
            if let Some(("help", sub)) = m.subcommand() {
                let gevraagd = sub.get_one::<String>("opdracht").cloned();
                return hulp(&mut cmd, gevraagd.as_deref());
            }
            Uitkomst::Verder(m)
        }
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Uitkomst::Tonen(e.to_string()),
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
                Uitkomst::Fout(format!(
                    "wijkregister: geef een opdracht.\n\n{}",
                    help_text(&mut cmd, opdracht.as_deref())
                ))
            }
            _ => Uitkomst::Fout(foutmelding(&e, opdracht.as_deref())),
        },
    }
}

/// `wijkregister help [OPDRACHT]`.
fn hulp(cmd: &mut Command, opdracht: Option<&str>) -> Uitkomst {
    match opdracht {
        Some(o) if cmd.find_subcommand(o).is_none() => Uitkomst::Fout(format!(
            "wijkregister: onbekende opdracht '{o}'.\n\nGebruik: {}\n\nMeer uitleg: wijkregister --help",
            gebruik("help")
        )),
        o => Uitkomst::Tonen(help_text(cmd, o)),
    }
}

fn help_text(cmd: &mut Command, opdracht: Option<&str>) -> String {
    cmd.build();
    match opdracht.and_then(|o| cmd.find_subcommand_mut(o)) {
        Some(sub) => sub.render_help().to_string(),
        None => cmd.render_help().to_string(),
    }
}

/// The subcommand named in `args`, if any: the first argument that is one.
fn opdracht_in(cmd: &Command, args: &[std::ffi::OsString]) -> Option<String> {
    args.iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| cmd.find_subcommand(a).is_some() && *a != "help")
        .map(str::to_string)
}

/// clap's error as one Dutch sentence, the usage, and where to find more.
pub fn foutmelding(e: &clap::Error, opdracht: Option<&str>) -> String {
    let ctx = |k: ContextKind| e.get(k).map(waarde);
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(ContextKind::InvalidValue).unwrap_or_default();
    let mut zin = match e.kind() {
        ErrorKind::InvalidValue => match ctx(ContextKind::ValidValue) {
            Some(geldig) if !value.is_empty() => {
                format!("'{value}' is geen geldige waarde voor {arg}; kies uit: {geldig}.")
            }
            _ => format!("{arg} heeft een waarde nodig."),
        },
        ErrorKind::UnknownArgument => format!("onbekende optie of onbekend argument '{arg}'."),
        ErrorKind::InvalidSubcommand => {
            let naam = ctx(ContextKind::InvalidSubcommand).unwrap_or_default();
            let namen: Vec<&str> = GEBRUIK[1..].iter().map(|(n, _)| *n).collect();
            format!(
                "onbekende opdracht '{naam}'; de opdrachten zijn {}.",
                namen.join(", ")
            )
        }
        ErrorKind::NoEquals => format!("{arg} vraagt een '=' voor de waarde."),
        ErrorKind::ValueValidation => format!("'{value}' is geen geldige waarde voor {arg}."),
        ErrorKind::TooManyValues => format!("te veel waarden voor {arg}: '{value}'."),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} heeft een ander aantal waarden nodig.")
        }
        ErrorKind::ArgumentConflict => {
            let met = ctx(ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} kan niet samen met {met}.")
        }
        ErrorKind::MissingRequiredArgument => format!("nodig maar niet gegeven: {arg}."),
        ErrorKind::MissingSubcommand => "geef een opdracht.".to_string(),
        ErrorKind::InvalidUtf8 => "een argument is geen geldige tekst (UTF-8).".to_string(),
        _ => "de opdrachtregel klopt niet.".to_string(),
    };
    let suggestie = ctx(ContextKind::SuggestedArg)
        .or_else(|| ctx(ContextKind::SuggestedSubcommand))
        .or_else(|| ctx(ContextKind::SuggestedValue));
    if let Some(s) = suggestie {
        zin.push_str(&format!(" Bedoel je '{s}'?"));
    }
    let meer = match opdracht {
        Some(o) => format!("wijkregister {o} --help"),
        None => "wijkregister --help".to_string(),
    };
    format!(
        "wijkregister: {zin}\n\nGebruik: {}\n\nMeer uitleg: {meer}",
        gebruik(opdracht.unwrap_or(""))
    )
}

/// A context value as plain text (lists joined with ", ").
fn waarde(v: &ContextValue) -> String {
    match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(l) => l.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(l) => l
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// "1 bestand" / "2 bestanden": `n` with the singular or plural noun.
pub fn aantal(n: usize, enkelvoud: &str, meervoud: &str) -> String {
    if n == 1 {
        format!("1 {enkelvoud}")
    } else {
        format!("{n} {meervoud}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms() {
        assert_eq!(aantal(1, "bestand", "bestanden"), "1 bestand");
        assert_eq!(aantal(2, "bestand", "bestanden"), "2 bestanden");
        assert_eq!(aantal(0, "WSV", "WSV's"), "0 WSV's");
        assert_eq!(aantal(1, "WSV", "WSV's"), "1 WSV");
    }

    #[test]
    fn every_command_has_a_usage_line() {
        for naam in [
            "", "run", "ingest", "audit", "export", "report", "lees", "help",
        ] {
            assert!(gebruik(naam).starts_with("wijkregister"), "{naam}");
        }
        assert!(gebruik("export").contains("--db <BESTAND>"));
    }
}
