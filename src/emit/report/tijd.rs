//! Over time: what changed between the versions of a WSV's plan, and, when the register holds a
//! plan of an earlier period for the same WSV (an archive kept with `ingest`), the comparison
//! with that period ("spiegelen door de tijd heen", seed 004).
//!
//! Texts are compared after `norm`, so a changed comma or line break is not a change.

use super::{eigen_naam, met_plan, opsomming, periode_tekst, plan_periode, titel, wsvs, Html};
use crate::domain::{Discipline, Wijkplan};
use crate::snapshot::Snapshot;
use crate::text::norm;

/// What changed from one plan version to the next.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Verschil {
    /// Themes with content in the new version only / the old version only (numbers).
    pub themas_erbij: Vec<u32>,
    pub themas_eraf: Vec<u32>,
    /// Themes with content in both whose text changed.
    pub themas_gewijzigd: Vec<u32>,
    pub disciplines_erbij: Vec<Discipline>,
    pub disciplines_eraf: Vec<Discipline>,
    /// Free-text sections whose text changed (added, removed or rewritten): "§3 Gewenste situatie…".
    pub secties_gewijzigd: Vec<String>,
    /// Ticked checklist items: (old, new).
    pub checklist: (usize, usize),
}

impl Verschil {
    pub fn is_empty(&self) -> bool {
        self.themas_erbij.is_empty()
            && self.themas_eraf.is_empty()
            && self.themas_gewijzigd.is_empty()
            && self.disciplines_erbij.is_empty()
            && self.disciplines_eraf.is_empty()
            && self.secties_gewijzigd.is_empty()
            && self.checklist.0 == self.checklist.1
    }
}

/// Compare two versions of a plan. Texts are compared after [`norm`], so a changed comma or line
/// break is not a change.
pub fn verschil(oud: &Wijkplan, nieuw: &Wijkplan) -> Verschil {
    let met_inhoud = |p: &Wijkplan| -> Vec<u32> {
        let mut v: Vec<u32> = p
            .themas
            .iter()
            .filter(|t| t.has_content())
            .map(|t| t.nummer)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (o, n) = (met_inhoud(oud), met_inhoud(nieuw));
    let cells = |p: &Wijkplan, nr: u32| -> Vec<String> {
        p.themas
            .iter()
            .filter(|t| t.nummer == nr)
            .flat_map(|t| t.cells().map(norm))
            .collect()
    };
    let sectie_tekst = |p: &Wijkplan, nr: u32| -> String {
        p.secties
            .iter()
            .filter(|s| s.nummer == nr)
            .map(|s| norm(&s.tekst))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut nummers: Vec<u32> = oud
        .secties
        .iter()
        .chain(&nieuw.secties)
        .map(|s| s.nummer)
        .collect();
    nummers.sort_unstable();
    nummers.dedup();
    let titel = |nr: u32| {
        nieuw
            .secties
            .iter()
            .chain(&oud.secties)
            .find(|s| s.nummer == nr)
            .map_or_else(String::new, |s| s.titel.trim().to_string())
    };
    let ticked = |p: &Wijkplan| p.checklist.iter().filter(|c| c.aangevinkt).count();
    Verschil {
        themas_erbij: n.iter().copied().filter(|x| !o.contains(x)).collect(),
        themas_eraf: o.iter().copied().filter(|x| !n.contains(x)).collect(),
        themas_gewijzigd: n
            .iter()
            .copied()
            .filter(|x| o.contains(x) && cells(oud, *x) != cells(nieuw, *x))
            .collect(),
        disciplines_erbij: Discipline::ALL
            .into_iter()
            .filter(|d| nieuw.kerndisciplines.contains(d) && !oud.kerndisciplines.contains(d))
            .collect(),
        disciplines_eraf: Discipline::ALL
            .into_iter()
            .filter(|d| oud.kerndisciplines.contains(d) && !nieuw.kerndisciplines.contains(d))
            .collect(),
        secties_gewijzigd: nummers
            .into_iter()
            .filter(|nr| sectie_tekst(oud, *nr) != sectie_tekst(nieuw, *nr))
            .map(|nr| {
                let t = titel(nr);
                let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
                if t.is_empty() {
                    format!("§{nr}")
                } else {
                    format!("§{nr} {t}")
                }
            })
            .collect(),
        checklist: (ticked(oud), ticked(nieuw)),
    }
}

/// The name a theme goes by in the report: the WSV's own, else the sjabloon's, else its number.
fn thema_label(p: &Wijkplan, nr: u32) -> String {
    let own = p
        .themas
        .iter()
        .find(|t| t.nummer == nr)
        .map(eigen_naam)
        .unwrap_or("");
    let naam = if own.is_empty() {
        match super::thema_naam(nr) {
            "eigen thema" => "",
            n => n,
        }
    } else {
        own
    };
    if naam.is_empty() {
        format!("thema {nr}")
    } else {
        format!("{nr}. {naam}")
    }
}

fn versie_label(file: &str, p: &Wijkplan) -> String {
    match p.velden.versie_datum.waarde.as_deref() {
        Some(v) if !v.trim().is_empty() => format!("{} ({file})", v.trim()),
        _ => file.to_string(),
    }
}

/// The list items saying what changed from `op` to `np`.
fn verschil_lijst(h: &mut Html, op: &Wijkplan, np: &Wijkplan) {
    h.raw("<ul>");
    let v = verschil(op, np);
    let themas = |nrs: &[u32], p: &Wijkplan| {
        nrs.iter()
            .map(|n| thema_label(p, *n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let disc = |ds: &[Discipline]| ds.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(", ");
    let mut regel = |label: &str, waarde: String| {
        if !waarde.is_empty() {
            h.elem("<li>", &format!("{label}: {waarde}"), "</li>");
        }
    };
    regel("Thema’s erbij", themas(&v.themas_erbij, np));
    regel("Thema’s niet meer ingevuld", themas(&v.themas_eraf, op));
    regel(
        "Thema’s met gewijzigde tekst",
        themas(&v.themas_gewijzigd, np),
    );
    regel(
        "Disciplines erbij in het kernteam",
        disc(&v.disciplines_erbij),
    );
    regel("Disciplines niet meer genoemd", disc(&v.disciplines_eraf));
    regel(
        "Hoofdstukken met gewijzigde tekst",
        v.secties_gewijzigd.join(", "),
    );
    if v.checklist.0 != v.checklist.1 {
        regel(
            "Checklist",
            format!("{} → {} punten afgevinkt", v.checklist.0, v.checklist.1),
        );
    }
    if v.is_empty() {
        h.raw("<li>Geen inhoudelijke verschillen gevonden.</li>");
    }
    h.raw("</ul>\n");
}

/// What changed between the versions a WSV sent, and against an earlier period.
pub(super) fn over_de_tijd(h: &mut Html, s: &Snapshot) {
    h.sectie("over-de-tijd", titel("over-de-tijd"), false)
        .raw("<p>Voor WSV’s die meer dan één versie van hun wijkplan stuurden: wat er van versie tot versie veranderde. ")
        .raw("Bevat het register een plan van een eerdere periode van dezelfde WSV, dan staat de vergelijking met die periode erbij.</p>\n");
    let mut een_versie = Vec::new();
    let mut vorige_perioden = 0;
    for (r, file, p) in met_plan(s) {
        if r.eerdere_versies.is_empty() {
            een_versie.push(r.wsv.as_str());
            continue;
        }
        h.elem("<div class=\"wsv\"><h3>", &r.wsv, "</h3>");
        let nu = plan_periode(p);
        // The latest plan of an earlier period, if any.
        let vorige = r
            .eerdere_versies
            .iter()
            .rev()
            .find(|(_, op)| match (plan_periode(op), nu) {
                (Some(o), Some(n)) => o.1 < n.0 || (o.0 < n.0 && o != n),
                _ => false,
            });
        if let (Some((of, op)), Some(n)) = (vorige, nu) {
            vorige_perioden += 1;
            let o = plan_periode(op).unwrap_or(n);
            h.elem(
                "<p><strong>",
                &format!(
                    "Vergeleken met de vorige periode ({} → {})",
                    periode_tekst(o),
                    periode_tekst(n)
                ),
                "</strong>: ",
            )
            .text(&versie_label(of, op))
            .raw(" → ")
            .text(&versie_label(file, p))
            .raw("</p>\n");
            verschil_lijst(h, op, p);
        }
        let versies: Vec<(&str, &Wijkplan)> = r
            .eerdere_versies
            .iter()
            .map(|(f, p)| (f.as_str(), p))
            .chain(std::iter::once((file, p)))
            .collect();
        for pair in versies.windows(2) {
            let [(of, op), (nf, np)] = pair else { continue };
            // The step from the earlier period's plan to this one is already shown above.
            if vorige.is_some_and(|(_, vp)| std::ptr::eq(vp, *op)) && std::ptr::eq(*np, p) {
                continue;
            }
            h.raw("<p>")
                .elem("<strong>", &versie_label(of, op), "</strong> → ")
                .elem("<strong>", &versie_label(nf, np), "</strong></p>\n");
            verschil_lijst(h, op, np);
        }
        h.raw("</div>\n");
    }
    let meer = met_plan(s).count() - een_versie.len();
    h.raw("<p>");
    if meer == 0 {
        h.text("Van elke WSV is één versie van het wijkplan ontvangen, dus er valt nog niets over de tijd te vergelijken. Bij een volgende ronde komt hier te staan wat er veranderde.");
    } else if !een_versie.is_empty() {
        h.text(&format!(
            "Van {} is één versie ontvangen: {}.",
            wsvs(een_versie.len()),
            opsomming(&een_versie)
        ));
    }
    if meer > 0 && vorige_perioden == 0 {
        h.text(" Het register bevat nog geen plannen van een eerdere periode; bewaar de plannen van elk jaar met wijkregister ingest in één register om de perioden te vergelijken.");
    }
    h.raw("</p>\n</section>\n");
}
