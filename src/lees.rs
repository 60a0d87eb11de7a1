//! `wijkregister lees FILE`: what the product read from one file, without a register.
//!
//! It is the first thing a user runs when a value in the overview looks wrong, so it shows the
//! file exactly as the batch sees it: the same per-file step ([`crate::file::process_file`]) in
//! the same worker isolation (deadline, memory cap: a hostile file cannot hang or crash `lees`
//! either), the same full text that goes into `v_tekst`, the same mapping and the file's own
//! findings. A container (.eml, .msg, .zip) is listed member by member, recursively, each member
//! read as the intake reads it.
//!
//! What a file gets on its own: `status` and `rol` as `bestanden.csv` would show them when no
//! other file is involved (`dubbel` and `vervangen` depend on the other files, so `lees` never
//! says them).
//!
//! The plain output keeps the mapping compact and never repeats the document's text (sections
//! are shown by number, title and size): the full text is already above it.
//!
//! The document's text goes to stdout and everything wijkregister says about it (a container's
//! member list, the mapping, the findings and notes) to stderr, written in the order shown, so a
//! terminal shows one listing and `lees plan.pdf > tekst.txt` keeps the document's text alone, as
//! `pdftotext` and `pandoc` give it. That text is what the conformance check compares against
//! theirs.

use crate::domain::Finding;
use crate::intake::Found;
use crate::snapshot::{Content, FileOutcome, Rol};
use crate::tekst::TekstBlok;
use crate::worker::{process_all, Isolation};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

/// One file (or container member) as `lees` shows it.
#[derive(Debug, Serialize)]
pub struct Gelezen {
    pub bestand: String,
    pub soort: &'static str,
    pub grootte: u64,
    pub sha256: String,
    /// `verwerkt`, `uitgepakt`, `genegeerd` or `onleesbaar`.
    pub status: &'static str,
    /// `wijkplan`, `begroting`, `samenwerkingsovereenkomst`, `bijlage`, `container`, or none.
    pub rol: Option<&'static str>,
    /// Why the file was ignored (status `genegeerd`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reden: Option<String>,
    pub tekst: Vec<TekstBlok>,
    /// What the mapping made of it: a wijkplan, begroting or bijlage (`null` otherwise).
    pub inhoud: Option<Inhoud>,
    pub bevindingen: Vec<Finding>,
    pub opmerkingen: Vec<String>,
    /// What the reader libraries said in their own (English) words (`FileOutcome::technisch`):
    /// shown by `lees -v` on stderr, and here for the developer reading the JSON.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub technisch: Vec<String>,
    /// A container's members, each read as a file of its own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub leden: Vec<Gelezen>,
}

/// The mapped content, in the shapes of the register.
// One value per file shown: boxing the large variant buys nothing (as `snapshot::Content`).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Inhoud {
    Wijkplan(crate::domain::Wijkplan),
    Begroting(crate::domain::Begroting),
    Bijlage(crate::snapshot::Bijlage),
}

/// Why `lees` could not show a file at all.
#[derive(Debug, thiserror::Error)]
pub enum LeesFout {
    #[error("{0} bestaat niet")]
    Bestaat(String),
    #[error("{0} is geen bestand (geef één bestand, geen map)")]
    GeenBestand(String),
}

/// Read `path` (and, for a container, its members) in isolation.
pub fn lees(path: &Path, iso: &Isolation) -> Result<Gelezen, LeesFout> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|_| LeesFout::Bestaat(shown.clone()))?;
    if !meta.is_file() {
        return Err(LeesFout::GeenBestand(shown));
    }
    let bestand = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(shown);
    let found = Found {
        path: path.to_path_buf(),
        bestand,
        map: String::new(),
        lid: Vec::new(),
    };
    // One file in, one result out: read_level keeps a result per file.
    read_level(vec![found], iso)
        .pop()
        .ok_or(LeesFout::GeenBestand(path.display().to_string()))
}

/// Read one level of files, then the members of the containers among them (the next level),
/// the way the intake does; nesting ends where `process_file` refuses to list a container that
/// sits too deep (MAX_CONTAINER_DEPTH).
fn read_level(found: Vec<Found>, iso: &Isolation) -> Vec<Gelezen> {
    let outcomes = process_all(&found, iso, &|_| {});
    found
        .into_iter()
        .zip(outcomes)
        .map(|(f, o)| {
            let members: Vec<Found> = match &o.content {
                Content::Container(leden) => leden.iter().map(|l| f.member(l)).collect(),
                _ => Vec::new(),
            };
            let mut g = gelezen(o);
            if !members.is_empty() {
                g.leden = read_level(members, iso);
            }
            g
        })
        .collect()
}

fn gelezen(o: FileOutcome) -> Gelezen {
    let rol = rol(&o).map(Rol::as_str);
    let (status, reden, inhoud) = match o.content {
        Content::Wijkplan(w) => ("verwerkt", None, Some(Inhoud::Wijkplan(w))),
        Content::Begroting(b) => ("verwerkt", None, Some(Inhoud::Begroting(b))),
        Content::Bijlage(b) => ("verwerkt", None, Some(Inhoud::Bijlage(b))),
        Content::Scan => ("verwerkt", None, None),
        Content::Container(_) => ("uitgepakt", None, None),
        Content::Genegeerd(r) => ("genegeerd", Some(r), None),
        Content::Onleesbaar => ("onleesbaar", None, None),
    };
    Gelezen {
        bestand: o.bestand,
        soort: o.soort.as_str(),
        grootte: o.grootte,
        sha256: o.sha256,
        status,
        rol,
        reden,
        tekst: o.tekst,
        inhoud,
        bevindingen: o.findings,
        opmerkingen: o.opmerkingen,
        technisch: o.technisch,
        leden: Vec::new(),
    }
}

/// The role a file has on its own; the same rule as pairing's (a scan by its name, a plan when
/// the name says nothing).
fn rol(o: &FileOutcome) -> Option<Rol> {
    match &o.content {
        Content::Wijkplan(_) => Some(Rol::Wijkplan),
        Content::Begroting(_) => Some(Rol::Begroting),
        Content::Bijlage(b) => Some(b.rol),
        Content::Scan => Some(crate::classify::rol_from_name(&o.bestand).unwrap_or(Rol::Wijkplan)),
        Content::Container(_) => Some(Rol::Container),
        Content::Genegeerd(_) | Content::Onleesbaar => None,
    }
}

impl Gelezen {
    /// The technical detail of this file and its members, one `bestand: melding` line each.
    pub fn technisch_regels(&self) -> Vec<String> {
        self.technisch
            .iter()
            .map(|t| format!("{}: {t}", self.bestand))
            .chain(self.leden.iter().flat_map(Gelezen::technisch_regels))
            .collect()
    }

    /// Whether this file, or a member inside it, could not be read (`lees` exits non-zero).
    pub fn onleesbaar(&self) -> bool {
        self.status == "onleesbaar" || self.leden.iter().any(Gelezen::onleesbaar)
    }

    /// The reasons a file could not be read, one Dutch line each (for stderr).
    pub fn redenen(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.status == "onleesbaar" {
            out.extend(
                self.bevindingen
                    .iter()
                    .filter(|f| f.code == crate::domain::Code::BESTAND_ONLEESBAAR)
                    .map(|f| f.bericht.clone()),
            );
            if out.is_empty() {
                out.push(format!("{} is niet te lezen.", self.bestand));
            }
        }
        for l in &self.leden {
            out.extend(l.redenen());
        }
        out
    }
}

/// Where a piece of the plain output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kanaal {
    /// The document's text (stdout).
    Tekst,
    /// What wijkregister says about the file: member list, mapping, findings (stderr).
    Toelichting,
}

/// The plain output as pieces in the order they are shown, each with its channel.
#[derive(Debug, Default)]
pub struct Weergave {
    pub delen: Vec<(Kanaal, String)>,
}

impl Weergave {
    /// The piece to append to: the last one when it has the same channel, else a new one.
    fn deel(&mut self, k: Kanaal) -> &mut String {
        if self.delen.last().map(|d| d.0) != Some(k) {
            self.delen.push((k, String::new()));
        }
        &mut self.delen.last_mut().expect("just pushed").1
    }

    /// Everything, in order, as one text (what a terminal shows).
    pub fn alles(&self) -> String {
        self.delen.iter().map(|d| d.1.as_str()).collect()
    }

    /// One channel alone, in order.
    pub fn kanaal(&self, k: Kanaal) -> String {
        self.delen
            .iter()
            .filter(|d| d.0 == k)
            .map(|d| d.1.as_str())
            .collect()
    }
}

/// The plain output: the full text, then (only when there is any) what was mapped, then the
/// file's findings and the reader's notes. A container: its members, each shown the same way.
pub fn render(g: &Gelezen) -> Weergave {
    let mut w = Weergave::default();
    render_into(g, &mut w, 0);
    w
}

fn render_into(g: &Gelezen, w: &mut Weergave, depth: usize) {
    if depth > 0 {
        let _ = writeln!(w.deel(Kanaal::Tekst), "\n=== {} ===", g.bestand);
    }
    if !g.leden.is_empty() || g.status == "uitgepakt" {
        let s = w.deel(Kanaal::Toelichting);
        let _ = writeln!(
            s,
            "{} ({}) bevat {} {}:",
            g.bestand,
            g.soort,
            g.leden.len(),
            if g.leden.len() == 1 {
                "bestand"
            } else {
                "bestanden"
            }
        );
        for l in &g.leden {
            let _ = writeln!(
                s,
                "  {}\t{}\t{} bytes\t{}{}",
                crate::intake::eigen_naam(&l.bestand),
                l.soort,
                crate::wijkindeling::nl_getal(l.grootte),
                l.status,
                l.rol.map(|r| format!(" als {r}")).unwrap_or_default()
            );
        }
        findings_into(g, s);
        for l in &g.leden {
            render_into(l, w, depth + 1);
        }
        return;
    }
    // Comments in the margin are not the document's text (pandoc leaves them out too): the
    // plain output counts them, `--json` and `v_tekst` hold their text.
    let (comments, text): (Vec<&TekstBlok>, Vec<&TekstBlok>) = g
        .tekst
        .iter()
        .partition(|b| b.soort == crate::tekst::TekstSoort::Opmerking);
    let text: Vec<TekstBlok> = text.into_iter().cloned().collect();
    let s = w.deel(Kanaal::Tekst);
    for line in crate::tekst::lines(&text) {
        let _ = writeln!(s, "{line}");
    }
    let s = w.deel(Kanaal::Toelichting);
    if !comments.is_empty() {
        let _ = writeln!(
            s,
            "\n({} {} in de kantlijn: zie --json)",
            comments.len(),
            if comments.len() == 1 {
                "opmerking"
            } else {
                "opmerkingen"
            }
        );
    }
    let mut m = String::new();
    match &g.inhoud {
        Some(Inhoud::Wijkplan(plan)) => wijkplan_into(plan, &mut m),
        Some(Inhoud::Begroting(b)) => begroting_into(b, &mut m),
        // A bijlage's only mapped value is the WSV it names; its title is in the text above.
        Some(Inhoud::Bijlage(b)) => {
            if let Some(n) = &b.wsv_naam {
                let _ = writeln!(m, "Gelezen als {} van {n}.", b.rol.as_str());
            }
        }
        None => {}
    }
    if let Some(r) = &g.reden {
        let _ = writeln!(m, "Genegeerd: {r}.");
    }
    if !m.is_empty() {
        let _ = write!(s, "\n--- wat wijkregister eruit haalde ---\n{m}");
    }
    findings_into(g, s);
    // An empty piece (a file with nothing to say) is not kept.
    if w.delen.last().is_some_and(|d| d.1.is_empty()) {
        w.delen.pop();
    }
}

fn findings_into(g: &Gelezen, s: &mut String) {
    if g.bevindingen.is_empty() && g.opmerkingen.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n--- bevindingen ---");
    for f in &g.bevindingen {
        let _ = writeln!(s, "{} {}: {}", f.ernst.as_str(), f.code.as_str(), f.bericht);
    }
    for o in &g.opmerkingen {
        let _ = writeln!(s, "opmerking: {o}");
    }
}

fn wijkplan_into(w: &crate::domain::Wijkplan, m: &mut String) {
    let _ = writeln!(m, "Sjabloon: {}", w.sjabloon.as_str());
    for (_, label, veld) in w.velden.all() {
        if let Some(v) = &veld.waarde {
            let _ = writeln!(m, "{label}: {}", v.replace('\n', " | "));
        }
    }
    if !w.kerndisciplines.is_empty() {
        let names: Vec<&str> = w.kerndisciplines.iter().map(|d| d.as_str()).collect();
        let _ = writeln!(m, "Kerndisciplines: {}", names.join(", "));
    }
    // Sections by number and size: their text is the full text above.
    if !w.secties.is_empty() {
        let list: Vec<String> = w
            .secties
            .iter()
            .map(|x| {
                format!(
                    "§{} ({} tekens)",
                    x.nummer,
                    crate::wijkindeling::nl_getal(x.tekst.chars().count() as u64)
                )
            })
            .collect();
        let _ = writeln!(m, "Hoofdstukken: {}", list.join(", "));
    }
    // Themes with content one line each (how many of the five columns, and where); the empty
    // template rows together on one line.
    let mut empty = Vec::new();
    for t in &w.themas {
        let filled = [
            &t.doelen,
            &t.activiteiten,
            &t.resultaten,
            &t.middelen,
            &t.partijen,
        ]
        .iter()
        .filter(|v| !v.trim().is_empty())
        .count();
        if filled == 0 {
            empty.push(t.nummer.to_string());
        } else {
            let _ = writeln!(
                m,
                "Thema {}: {filled} van 5 kolommen ingevuld ({})",
                t.nummer, t.bron
            );
        }
    }
    if !empty.is_empty() {
        let _ = writeln!(m, "Thema's zonder inhoud: {}", empty.join(", "));
    }
    if !w.checklist.is_empty() {
        let ticked = w.checklist.iter().filter(|c| c.aangevinkt).count();
        let _ = writeln!(
            m,
            "Checklist: {ticked} van {} aangevinkt",
            w.checklist.len()
        );
    }
    // The plan's own budget table (§7 or an older template's begroting chapter).
    if let Some(b) = &w.begroting {
        begroting_into(b, m);
    }
}

fn begroting_into(b: &crate::domain::Begroting, m: &mut String) {
    if b.blad.starts_with('§') || b.blad.starts_with("tabel") {
        let _ = writeln!(m, "Begroting in het plan: {}", b.blad);
    } else {
        let _ = writeln!(m, "Begroting op blad {}", b.blad);
    }
    let som = crate::domain::Cents(b.regels.iter().map(|r| r.bedrag.0).sum());
    let _ = writeln!(
        m,
        "{} regels, samen {}; totaal opgegeven: {}",
        b.regels.len(),
        som.nl(),
        b.totaal_opgegeven
            .map(|c| c.nl())
            .unwrap_or_else(|| "geen".into())
    );
    for r in &b.regels {
        let _ = writeln!(m, "{}\t{}", r.bedrag.nl(), r.bron);
    }
}

/// The JSON output: the same as the plain one, every block with its `bron`.
pub fn render_json(g: &Gelezen) -> String {
    serde_json::to_string_pretty(g).unwrap_or_else(|e| format!("{{\"fout\": \"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_keep_their_order_and_join_per_channel() {
        let mut w = Weergave::default();
        w.deel(Kanaal::Tekst).push_str("a\n");
        w.deel(Kanaal::Tekst).push_str("b\n");
        w.deel(Kanaal::Toelichting).push_str("-- c\n");
        w.deel(Kanaal::Tekst).push_str("d\n");
        assert_eq!(w.delen.len(), 3);
        assert_eq!(w.alles(), "a\nb\n-- c\nd\n");
        assert_eq!(w.kanaal(Kanaal::Tekst), "a\nb\nd\n");
        assert_eq!(w.kanaal(Kanaal::Toelichting), "-- c\n");
    }

    #[test]
    fn a_plan_text_goes_to_stdout_and_its_mapping_to_stderr_in_that_order() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/submissions/Laak/Wijkplan WSV Laak.docx");
        let g = lees(&path, &Isolation::InProcess).unwrap();
        let w = render(&g);
        // Text first, then what was mapped and the findings.
        let kanalen: Vec<Kanaal> = w.delen.iter().map(|d| d.0).collect();
        assert_eq!(kanalen, [Kanaal::Tekst, Kanaal::Toelichting]);
        assert!(w.delen[0].1.contains("Wijk/WSV\tWSV Laak"));
        assert!(w.delen[1]
            .1
            .contains("--- wat wijkregister eruit haalde ---"));
        assert!(w.delen[1].1.contains("Sjabloon: haaglanden-2025"));
    }
}
