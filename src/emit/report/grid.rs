//! The themes as a heat map (WSV × theme, the colour says how much of the row the WSV filled in)
//! with each WSV's SMART goal and activities one click away (`<details>`, no script), and "wie
//! werkt aan hetzelfde": WSVs that share a theme or a Haaglanden Gezonder project, so they can
//! find each other.
//!
//! The header labels carry soft hyphens at syllable boundaries: a narrow column breaks
//! "Laag-geletterd-heid" where Dutch hyphenates, never mid-syllable.

use super::{eigen_naam, met_plan, noemt, padded, thema, thema_naam, thema_tellingen, titel, wsvs};
use super::{opsomming, Html};
use crate::domain::{Thema, Wijkplan, HAAGLANDEN_GEZONDER};
use crate::snapshot::Snapshot;

/// Column headers of themes 1–9, hyphenated by hand (U+00AD), in sjabloon order.
const KOP: [&str; 9] = [
    "Wijk\u{ad}gerichte samen\u{ad}werking",
    "Pre\u{ad}ven\u{ad}tie",
    "(Kwets\u{ad}bare) ouderen",
    "Chro\u{ad}nische en acute zorg",
    "Mentale gezond\u{ad}heid/\u{200b}GGZ",
    "Gezonde arbeids\u{ad}markt",
    "Inwoners\u{ad}parti\u{ad}cipatie",
    "eigen thema",
    "eigen thema",
];

/// A theme's header label without its hyphenation marks: "Chronische en acute zorg".
pub(super) fn korte_naam(n: u32) -> String {
    usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| KOP.get(i))
        .map_or_else(String::new, |k| k.replace(['\u{ad}', '\u{200b}'], ""))
}

/// How many of a theme row's five columns have text.
pub(super) fn ingevuld(t: &Thema) -> usize {
    t.cells().iter().filter(|c| !c.trim().is_empty()).count()
}

/// Where in a plan a phrase list is named: `§3`, `thema 5` (sections first, then themes), each once.
pub(super) fn waar_genoemd(p: &Wijkplan, phrases: &[&str]) -> Vec<String> {
    let hit = |text: &str| {
        let t = padded(text);
        phrases.iter().any(|ph| noemt(&t, ph))
    };
    let mut waar = Vec::new();
    for s in &p.secties {
        let plaats = format!("§{}", s.nummer);
        if hit(&s.tekst) && !waar.contains(&plaats) {
            waar.push(plaats);
        }
    }
    for t in &p.themas {
        let plaats = format!("thema {}", t.nummer);
        if (hit(&t.naam) || t.cells().iter().any(|c| hit(c))) && !waar.contains(&plaats) {
            waar.push(plaats);
        }
    }
    waar
}

/// The heat map and who works on the same.
pub(super) fn themas(h: &mut Html, s: &Snapshot) {
    // The heading and the heat map go on a landscape page; the list below it on a portrait one.
    h.sectie("themas", titel("themas"), true)
        .raw("<p>Per WSV en thema hoeveel van de vijf kolommen van hoofdstuk 4 (doelen, activiteiten, resultaten, middelen, partijen) is ingevuld: hoe donkerder, hoe vollediger. ")
        .raw("Klik op een vakje voor het SMART-doel en de activiteiten van die WSV. Thema 8 en 9 zijn vrij: daar staat de naam die de WSV zelf koos.</p>\n")
        .raw("<p class=\"legenda\">Ingevuld:<span style=\"background:#f4f6f8\"></span>niets")
        .raw("<span style=\"background:#e3eff4\"></span>1<span style=\"background:#c5dfea\"></span>2")
        .raw("<span style=\"background:#9fcadb\"></span>3<span style=\"background:#6eaec7\"></span>4")
        .raw("<span style=\"background:#3e8aa8\"></span>5 van de 5 kolommen</p>\n");
    if met_plan(s).next().is_none() {
        h.raw("<p class=\"leeg\">Er zijn geen wijkplannen om te vergelijken.</p>\n</section>\n");
        return;
    }
    h.raw("<table class=\"matrix vast warmte\">\n<thead><tr><th class=\"wsvkol\">WSV</th>");
    for (n, kop) in (1..).zip(KOP) {
        h.raw("<th class=\"c\">")
            .text(&n.to_string())
            .raw("<br><span class=\"naam\">")
            .text(kop)
            .raw("</span></th>");
    }
    h.raw("<th class=\"n telkol\">aantal</th></tr></thead>\n<tbody>\n");
    let mut ander = Vec::new();
    for (r, _, p) in met_plan(s) {
        h.elem("<tr><th>", &r.wsv, "");
        if p.sjabloon != crate::domain::Sjabloon::Haaglanden2025 {
            h.raw("<sup>*</sup>");
            ander.push(r.wsv.as_str());
        }
        h.raw("</th>");
        let mut aantal = 0;
        for n in 1..=9u32 {
            match thema(p, n) {
                Some(t) => {
                    aantal += 1;
                    cel(h, n, t);
                }
                None => {
                    h.raw("<td class=\"h0\">–</td>");
                }
            }
        }
        h.elem("<td class=\"n\">", &aantal.to_string(), "</td></tr>\n");
    }
    let counts = thema_tellingen(s);
    h.raw("</tbody>\n<tfoot><tr><th>aantal WSV’s</th>");
    for c in counts {
        h.elem("<td class=\"c\">", &c.to_string(), "</td>");
    }
    h.raw("<td></td></tr></tfoot>\n</table>\n");
    let eigen: Vec<String> = met_plan(s)
        .flat_map(|(r, _, p)| {
            (8..=9u32).filter_map(move |n| {
                thema(p, n)
                    .map(eigen_naam)
                    .filter(|e| !e.is_empty())
                    .map(|e| format!("{} {n}. {e}", r.wsv))
            })
        })
        .collect();
    if !eigen.is_empty() {
        h.raw("<p>");
        h.text(&format!(
            "Eigen thema’s: {}.",
            opsomming(&eigen.iter().map(String::as_str).collect::<Vec<_>>())
        ));
        h.raw("</p>\n");
    }
    if !ander.is_empty() {
        h.raw("<p>");
        h.text(&format!(
            "* {} volgt een ander sjabloon; de nummering van de thema’s volgt dan het eigen plan: {}.",
            if ander.len() == 1 { "Dit plan" } else { "Deze plannen" },
            opsomming(&ander)
        ));
        h.raw("</p>\n");
    }
    h.raw("<div class=\"staand\">\n");
    zelfde(h, s);
    h.raw("</div>\n</section>\n");
}

/// One heat-map cell: the colour class by columns filled, and the row's text behind a click. A
/// free theme's own name is inside, not in the summary: a long compound ("Laaggeletterdheid")
/// would not fit the column without breaking mid-word; it is listed under the table too.
fn cel(h: &mut Html, n: u32, t: &Thema) {
    let k = ingevuld(t);
    h.raw(&format!("<td class=\"h{k}\"><details><summary>"))
        .text(&format!("{k}/5"))
        .raw("</summary><dl>");
    let eigen = eigen_naam(t);
    if n >= 8 && !eigen.is_empty() {
        h.elem("<dt>Eigen thema</dt><dd>", eigen, "</dd>");
    }
    for (kolom, tekst) in Thema::COLUMNS.iter().zip(t.cells()) {
        if !tekst.trim().is_empty() {
            h.elem("<dt>", kolom, "</dt>")
                .elem("<dd>", tekst.trim(), "</dd>");
        }
    }
    h.raw("</dl>");
    if !t.bron.is_empty() {
        h.elem("<span class=\"bron\">bron: ", &t.bron, "</span>");
    }
    h.raw("</details></td>");
}

/// WSVs sharing a theme or a Haaglanden Gezonder project (two or more), so they can learn from
/// each other.
fn zelfde(h: &mut Html, s: &Snapshot) {
    h.raw("<h3>Wie werkt aan hetzelfde</h3>\n<ul class=\"zelfde\">\n");
    let mut regels = 0;
    for n in 1..=9u32 {
        let wie: Vec<String> = met_plan(s)
            .filter_map(|(r, _, p)| {
                thema(p, n).map(|t| match eigen_naam(t) {
                    naam if n >= 8 && !naam.is_empty() => format!("{} ({naam})", r.wsv),
                    _ => r.wsv.clone(),
                })
            })
            .collect();
        if wie.len() >= 2 {
            regels += 1;
            h.elem(
                "<li><strong>",
                &format!("Thema {n}, {}", thema_naam(n)),
                "</strong> (",
            )
            .text(&wsvs(wie.len()))
            .raw("): ")
            .text(&opsomming(
                &wie.iter().map(String::as_str).collect::<Vec<_>>(),
            ))
            .raw("</li>\n");
        }
    }
    for (project, phrases) in HAAGLANDEN_GEZONDER {
        let wie: Vec<&str> = met_plan(s)
            .filter(|(_, _, p)| !waar_genoemd(p, phrases).is_empty())
            .map(|(r, _, _)| r.wsv.as_str())
            .collect();
        if wie.len() >= 2 {
            regels += 1;
            h.elem("<li><strong>Haaglanden Gezonder: ", project, "</strong> (")
                .text(&wsvs(wie.len()))
                .raw("): ")
                .text(&opsomming(&wie))
                .raw("</li>\n");
        }
    }
    if regels == 0 {
        h.raw("<li class=\"leeg\">Geen thema of project dat meer dan één WSV invulde.</li>\n");
    }
    h.raw("</ul>\n");
}
