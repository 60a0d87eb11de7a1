//! Reos's four lines ("Spiegelen in wijksamenwerking", seed 004), each with the data of the plans
//! that belongs to it, and the line's question for the regional meeting at its end:
//! - Maatschappij en Meerwaarde: the WSV's "why" (§3 ambition) and Haaglanden Gezonder;
//! - Organisatie en Overleg: kernteam, how often the kerngroep meets (the audit's reading, see
//!   `audit::kerngroep_bijeen`), the aanjagers' roles (roles, not names);
//! - Cultuur en Verbeteren: monitoring and evaluation (how, how often, §8), support asked (§5),
//!   regional project ideas (§6);
//! - Persoon en Werkplezier: vacatie hours from the begrotingsregels, and signals of workload in
//!   the plans' text (the word list `data/werkdruk.txt`).
//!
//! Word lists only count and label; the WSV's own words are always shown beside the count, so a
//! reader can judge (and a missed phrase is visible).

use super::grid::waar_genoemd;
use super::privacy::{personen_uit_kernteam, personen_uit_lijst, Persoon};
use super::{met_plan, noemt, opsomming, padded, sectie, titel, Html};
use crate::domain::{Discipline, Wijkplan, HAAGLANDEN_GEZONDER};
use crate::snapshot::{Snapshot, WsvRecord};
use crate::text::norm;
use std::sync::OnceLock;

/// The support categories the sjabloon names in section 5, with the words that signal them.
const ONDERSTEUNING: [(&str, &[&str]); 4] = [
    (
        "Procesbegeleiding",
        &[
            "procesbegeleid",
            "proces begeleid",
            "begeleiding van de kerngroep",
        ],
    ),
    (
        "Data en monitoring",
        &["data", "wijkdata", "monitor", "dashboard", "cijfers"],
    ),
    ("Communicatie", &["communicatie"]),
    (
        "Bewonersbetrokkenheid",
        &[
            "bewonersbetrokkenheid",
            "bewoners betrekken",
            "betrekken van bewoners",
            "inwoners betrekken",
            "betrekken van inwoners",
            "bewonersparticipatie",
            "inwonersparticipatie",
            "participatie",
        ],
    ),
];

/// How a WSV says it monitors (section 8): the kinds of evidence it names.
const METHODEN: [(&str, &[&str]); 5] = [
    (
        "cijfers en registratie",
        &[
            "cijfers",
            "data",
            "wijkdata",
            "registratie",
            "registreren",
            "dashboard",
            "monitor",
            "aantallen",
            "aantal deelnemers",
        ],
    ),
    (
        "vragenlijst of enquête",
        &["vragenlijst", "enquete", "survey", "tevredenheid"],
    ),
    (
        "evaluatie of reflectie",
        &[
            "evaluatie",
            "evalueren",
            "evalueert",
            "reflectie",
            "terugblik",
        ],
    ),
    (
        "verslag of rapportage",
        &[
            "verslag",
            "rapportage",
            "rapporteren",
            "jaarverslag",
            "voortgangsverslag",
            "voortgangsrapport",
        ],
    ),
    (
        "verhalen en ervaringen",
        &["verhalen", "ervaringen", "casus", "interview"],
    ),
];

/// What a WSV says it follows (section 8): the subjects of its monitoring.
const WAT: [(&str, &[&str]); 6] = [
    (
        "deelname en bereik",
        &["deelname", "deelnemers", "bereik", "bereikt"],
    ),
    ("verwijzingen", &["verwijzing", "verwezen", "doorverwijz"]),
    (
        "resultaten per thema",
        &["per thema", "resultaten", "doelen", "voortgang"],
    ),
    (
        "overleggen en MDO’s",
        &["mdo", "overleggen", "bijeenkomsten"],
    ),
    (
        "ervaring en tevredenheid",
        &["tevreden", "ervaring", "beleving", "waardering"],
    ),
    (
        "gezondheid van inwoners",
        &[
            "gezondheidsuitkomst",
            "valincident",
            "gewicht",
            "eenzaamheid",
            "welbevinden",
        ],
    ),
];

/// How often a WSV says it monitors (section 8), most specific phrase first: a phrase that matched
/// is blanked out, so "twee keer per jaar" is not also counted as "per jaar". A label may come
/// back later in the list with less specific phrases.
const FREQUENTIES: [(&str, &[&str]); 7] = [
    (
        "wekelijks",
        &["wekelijks", "elke week", "iedere week", "per week"],
    ),
    (
        "maandelijks",
        &[
            "maandelijks",
            "elke maand",
            "iedere maand",
            "per maand",
            "zes weken",
            "6 weken",
        ],
    ),
    (
        "per kwartaal",
        &[
            "driemaandelijks",
            "kwartaal",
            "vier keer per jaar",
            "4 keer per jaar",
            "4x per jaar",
            "viermaal per jaar",
        ],
    ),
    (
        "halfjaarlijks",
        &[
            "halfjaarlijks",
            "half jaar",
            "halfjaar",
            "twee keer per jaar",
            "2 keer per jaar",
            "2x per jaar",
            "tweemaal per jaar",
        ],
    ),
    (
        "jaarlijks",
        &[
            "eenmaal per jaar",
            "een keer per jaar",
            "1 keer per jaar",
            "1x per jaar",
        ],
    ),
    // "drie keer per jaar", "6x per jaar": regular, but none of the above.
    (
        "meerdere keren per jaar",
        &[
            "keer per jaar",
            "keren per jaar",
            "x per jaar",
            "maal per jaar",
        ],
    ),
    (
        "jaarlijks",
        &[
            "jaarlijks",
            "per jaar",
            "elk jaar",
            "ieder jaar",
            "einde van het jaar",
            "eind van het jaar",
            "jaarevaluatie",
        ],
    ),
];

/// The four lines' questions for the regional meeting (Reos, seed 004).
const VRAAG_MAATSCHAPPIJ: &str = "Wat is het ‘waarom’ van ons WSV, en hebben we een gedeeld idee van de meerwaarde? Welke ambities en projecten van andere WSV’s passen ook bij onze wijk?";
const VRAAG_ORGANISATIE: &str = "Hoe is ons WSV georganiseerd en verloopt het overleg efficiënt? Welk overleg zouden we missen als we het afschaften? Wat leren we van hoe andere WSV’s hun kernteam samenstellen?";
const VRAAG_CULTUUR: &str = "Werken we plezierig samen, en mogen discussies wat steviger? Hoe weten we of het werkt, en bij welke WSV gaan we eens op werkbezoek?";
const VRAAG_PERSOON: &str = "Hoe beleven de professionals het werk in het WSV? Is er balans tussen inspanning en beloning voor WSV-taken, en ziet iemand een werkgroep als kans om zich te ontwikkelen in plaats van als corvee?";

/// The word list of workload signals, as data (`data/werkdruk.txt`).
const WERKDRUK: &str = include_str!("../../../data/werkdruk.txt");

fn werkdruk_woorden() -> &'static [String] {
    static W: OnceLock<Vec<String>> = OnceLock::new();
    W.get_or_init(|| {
        WERKDRUK
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(norm)
            .filter(|l| !l.is_empty())
            .collect()
    })
}

fn vraag(h: &mut Html, tekst: &str) {
    h.raw("<div class=\"vraag\"><strong>Om over in gesprek te gaan</strong><br>")
        .text(tekst)
        .raw("</div>\n");
}

fn geen_plannen(h: &mut Html, s: &Snapshot) -> bool {
    if met_plan(s).next().is_none() {
        h.raw("<p class=\"leeg\">Er zijn geen wijkplannen om te vergelijken.</p>\n");
        true
    } else {
        false
    }
}

/// Maatschappij en Meerwaarde: each WSV's ambition (§3) and the Haaglanden Gezonder projects.
pub(super) fn maatschappij(h: &mut Html, s: &Snapshot) {
    h.sectie("maatschappij", titel("maatschappij"), false)
        .raw("<p>Het ‘waarom’ van elke WSV: de ambitie in hoofdstuk 3, en aan welke projecten van Haaglanden Gezonder de WSV meedoet.</p>\n");
    if !geen_plannen(h, s) {
        h.raw("<h3>Haaglanden Gezonder</h3>\n")
            .raw("<p>Welke projecten een WSV in zijn plan noemt (in een hoofdstuk of bij een thema), en waar.</p>\n")
            .raw("<table class=\"matrix\">\n<thead><tr><th>WSV</th>");
        for (project, _) in HAAGLANDEN_GEZONDER {
            h.elem("<th class=\"c\">", project, "</th>");
        }
        h.raw("</tr></thead>\n<tbody>\n");
        let mut counts = [0usize; HAAGLANDEN_GEZONDER.len()];
        for (r, _, p) in met_plan(s) {
            h.elem("<tr><th>", &r.wsv, "</th>");
            for ((_, phrases), count) in HAAGLANDEN_GEZONDER.iter().zip(counts.iter_mut()) {
                let waar = waar_genoemd(p, phrases);
                if waar.is_empty() {
                    h.check(false);
                } else {
                    *count += 1;
                    // "thema 2" never split over two lines.
                    let waar: Vec<String> = waar.iter().map(|w| w.replace(' ', "\u{a0}")).collect();
                    h.elem(
                        "<td class=\"ja\">✓ <span class=\"naam\">",
                        &waar.join(", "),
                        "</span></td>",
                    );
                }
            }
            h.raw("</tr>\n");
        }
        h.raw("</tbody>\n<tfoot><tr><th>aantal WSV’s</th>");
        for c in counts {
            h.elem("<td class=\"c\">", &c.to_string(), "</td>");
        }
        h.raw("</tr></tfoot>\n</table>\n<h3>Ambitie (hoofdstuk 3)</h3>\n");
        per_wsv_tekst(h, s, 3, "Hoofdstuk 3 niet ingevuld");
    }
    vraag(h, VRAAG_MAATSCHAPPIJ);
    h.raw("</section>\n");
}

/// The discipline an organisation or role text points to.
fn discipline_van(tekst: &str) -> Option<Discipline> {
    let t = norm(tekst);
    let heeft = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
    if heeft(&["huisarts"]) {
        Some(Discipline::Huisarts)
    } else if heeft(&["apothe"]) {
        Some(Discipline::Apotheker)
    } else if heeft(&["wijkverpleg", "florence", "wzh", "thuiszorg", "verpleeg"]) {
        Some(Discipline::Wijkverpleging)
    } else if heeft(&[
        "fysio",
        "dietist",
        "paramedi",
        "ergotherap",
        "logoped",
        "oefentherap",
    ]) {
        Some(Discipline::Paramedici)
    } else if heeft(&["welzijn", "sociaal", "kontakt", "maatschappelijk"]) {
        Some(Discipline::Welzijn)
    } else {
        None
    }
}

/// A person's role as the report may show it: discipline and organisation, never the name.
fn rol(p: &Persoon, kernteam: &[Persoon]) -> String {
    let uit_kernteam = kernteam
        .iter()
        .find(|k| k.naam == p.naam)
        .and_then(|k| k.organisatie.as_deref());
    let disc = uit_kernteam
        .and_then(discipline_van)
        .or_else(|| p.organisatie.as_deref().and_then(discipline_van));
    match (disc, p.organisatie.as_deref()) {
        (Some(d), Some(o)) => format!("{} ({o})", d.as_str()),
        (Some(d), None) => d.as_str().to_string(),
        (None, Some(o)) => o.to_string(),
        (None, None) => "rol niet genoemd".to_string(),
    }
}

/// Organisatie en Overleg: kernteam, meetings, aanjagers' roles; with `--namen` who is who.
pub(super) fn organisatie(h: &mut Html, s: &Snapshot) {
    h.sectie("organisatie", titel("organisatie"), false)
        .raw("<p>Hoe WSV’s zich organiseren: wie er in het kernteam zit, hoe vaak de kerngroep bijeenkomt en wie het WSV aanjaagt.</p>\n");
    if geen_plannen(h, s) {
        vraag(h, VRAAG_ORGANISATIE);
        h.raw("</section>\n");
        return;
    }
    // Kernteam matrix.
    h.raw("<h3>Samenstelling kernteam</h3>\n")
        .raw("<p>Welke van de vijf kerndisciplines in het kernteam zitten, zoals het plan ze noemt. ")
        .raw("De handreiking vraagt er minstens drie, met de wens te groeien naar vijf.</p>\n")
        .raw("<table class=\"matrix\">\n<thead><tr><th>WSV</th>");
    for d in Discipline::ALL {
        h.elem("<th class=\"c\">", d.as_str(), "</th>");
    }
    h.raw("<th class=\"n\">aantal</th></tr></thead>\n<tbody>\n");
    let mut counts = [0usize; 5];
    for (r, _, p) in met_plan(s) {
        h.elem("<tr><th>", &r.wsv, "</th>");
        for (d, c) in Discipline::ALL.iter().zip(counts.iter_mut()) {
            let ja = p.kerndisciplines.contains(d);
            *c += usize::from(ja);
            h.check(ja);
        }
        let n = Discipline::ALL
            .iter()
            .filter(|d| p.kerndisciplines.contains(d))
            .count();
        h.elem("<td class=\"n\">", &n.to_string(), "</td></tr>\n");
    }
    h.raw("</tbody>\n<tfoot><tr><th>aantal WSV’s</th>");
    for c in counts {
        h.elem("<td class=\"c\">", &c.to_string(), "</td>");
    }
    h.raw("<td></td></tr></tfoot>\n</table>\n");

    // Meetings and roles.
    h.raw("<h3>Overleg en aanjagers</h3>\n")
        .raw("<p>Hoe vaak de kerngroep volgens het plan bijeenkomt (uit het veld Kernteamleden, thema 1, hoofdstuk 8 en de begroting; de handreiking noemt minstens vier keer per jaar), ")
        .raw("en de rol van de aanjagers: hun discipline en organisatie.</p>\n")
        .raw("<table>\n<thead><tr><th>WSV</th><th>kerngroep komt bijeen</th><th>aanjagers</th><th>budgethouder</th></tr></thead>\n<tbody>\n");
    for (r, _, p) in met_plan(s) {
        h.elem("<tr><th>", &r.wsv, "</th>");
        let begroting = r.begroting.as_ref().map(|(_, b)| b);
        match crate::audit::kerngroep_bijeen(p, begroting) {
            Some((n, _, bron)) => {
                h.elem("<td>", &format!("{n} keer per jaar"), "").elem(
                    "<span class=\"bron\">bron: ",
                    &bron,
                    "</span></td>",
                );
            }
            None => {
                h.raw("<td class=\"leeg\">niet genoemd</td>");
            }
        }
        let kernteam = p
            .velden
            .kernteamleden
            .waarde
            .as_deref()
            .map(personen_uit_kernteam)
            .unwrap_or_default();
        let aanjagers = p
            .velden
            .aanjagers
            .waarde
            .as_deref()
            .map(personen_uit_lijst)
            .unwrap_or_default();
        if aanjagers.is_empty() {
            h.raw("<td class=\"leeg\">niet ingevuld</td>");
        } else {
            let rollen: Vec<String> = aanjagers.iter().map(|a| rol(a, &kernteam)).collect();
            h.elem(
                "<td>",
                &format!("{}: {}", aanjagers.len(), rollen.join("; ")),
                "</td>",
            );
        }
        match p.velden.budgethouder.waarde.as_deref() {
            Some(b) => h.elem("<td>", b, "</td></tr>\n"),
            None => h.raw("<td class=\"leeg\">niet ingevuld</td></tr>\n"),
        };
    }
    h.raw("</tbody>\n</table>\n");
    if h.privacy.namen_tonen() {
        wie_is_wie(h, s);
    }
    vraag(h, VRAAG_ORGANISATIE);
    h.raw("</section>\n");
}

/// Only in the internal version (`--namen`): section 1's people as the plans give them.
fn wie_is_wie(h: &mut Html, s: &Snapshot) {
    h.raw("<h3>Wie is wie (alleen in de interne versie)</h3>\n")
        .raw("<table>\n<thead><tr><th>WSV</th><th>aanjager(s)</th><th>aanspreekpunt RESV</th><th>budgethouder</th><th>kernteamleden</th></tr></thead>\n<tbody>\n");
    for (r, _, p) in met_plan(s) {
        h.elem("<tr><th>", &r.wsv, "</th>");
        let v = &p.velden;
        for veld in [
            &v.aanjagers,
            &v.aanspreekpunt_resv,
            &v.budgethouder,
            &v.kernteamleden,
        ] {
            match veld.waarde.as_deref() {
                Some(w) => h.elem("<td><span class=\"tekst\">", w, "</span></td>"),
                None => h.raw("<td class=\"leeg\">niet ingevuld</td>"),
            };
        }
        h.raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
}

/// The support categories of [`ONDERSTEUNING`] that `tekst` names, by index.
pub(super) fn categorieen(tekst: &str) -> Vec<usize> {
    labels(&ONDERSTEUNING, tekst)
}

fn labels(lijst: &[(&str, &[&str])], tekst: &str) -> Vec<usize> {
    let t = padded(tekst);
    lijst
        .iter()
        .enumerate()
        .filter(|(_, (_, phrases))| phrases.iter().any(|ph| noemt(&t, ph)))
        .map(|(i, _)| i)
        .collect()
}

/// The monitoring methods of [`METHODEN`] a §8 text names.
pub fn methoden(tekst: &str) -> Vec<&'static str> {
    labels(&METHODEN, tekst)
        .into_iter()
        .filter_map(|i| METHODEN.get(i).map(|(n, _)| *n))
        .collect()
}

/// The subjects of [`WAT`] a §8 text names.
pub fn onderwerpen(tekst: &str) -> Vec<&'static str> {
    labels(&WAT, tekst)
        .into_iter()
        .filter_map(|i| WAT.get(i).map(|(n, _)| *n))
        .collect()
}

/// Each WSV with a plan: its text of section `nummer`, or a plain note that it is empty.
fn per_wsv_tekst(h: &mut Html, s: &Snapshot, nummer: u32, leeg: &str) {
    for (r, _, p) in met_plan(s) {
        h.elem("<div class=\"wsv\"><h4>", &r.wsv, "</h4>");
        match sectie(p, nummer) {
            Some(x) => {
                if nummer == 5 {
                    for i in categorieen(&x.tekst) {
                        if let Some((c, _)) = ONDERSTEUNING.get(i) {
                            h.elem("<span class=\"label\">", c, "</span>");
                        }
                    }
                }
                h.quote(&x.tekst, &x.bron);
            }
            None => {
                h.elem("<p class=\"leeg\">", leeg, ".</p>");
            }
        }
        h.raw("</div>\n");
    }
}

/// Whether a section-6 text only says there is no request ("Geen aanvraag.", "Nog niet.", "n.v.t."):
/// short, and opening with a refusal. A longer text that also sketches an idea is shown as written.
pub fn geen_aanvraag(tekst: &str) -> bool {
    const NEE: [&str; 6] = [
        "geen",
        "nog geen",
        "nog niet",
        "nee",
        "n v t",
        "niet van toepassing",
    ];
    let t = norm(tekst);
    t.split(' ').count() <= 8
        && NEE
            .iter()
            .any(|n| t == *n || t.starts_with(&format!("{n} ")))
}

/// How often a monitoring text says progress is discussed: the [`FREQUENTIES`] labels it names,
/// in the order of that list (roughly most often first).
pub fn frequenties(tekst: &str) -> Vec<&'static str> {
    let mut t = padded(tekst);
    let mut found = Vec::new();
    for (label, phrases) in FREQUENTIES {
        for ph in phrases {
            let needle = format!(" {ph}");
            while let Some(pos) = t.find(&needle) {
                let end = pos + needle.len();
                if !found.contains(&label) {
                    found.push(label);
                }
                // Blank the phrase so a less specific one ("per jaar") cannot match it again.
                t.replace_range(pos + 1..end, &" ".repeat(end - pos - 1));
            }
        }
    }
    found
}

/// Cultuur en Verbeteren: monitoring (how, how often), support asked, regional project ideas.
pub(super) fn cultuur(h: &mut Html, s: &Snapshot) {
    h.sectie("cultuur", titel("cultuur"), false)
        .raw("<p>Hoe WSV’s leren en verbeteren: hoe ze hun voortgang volgen (hoofdstuk 8), welke ondersteuning ze van de regio vragen (hoofdstuk 5) en welke ideeën ze voor regionaal budget hebben (hoofdstuk 6).</p>\n");
    if geen_plannen(h, s) {
        vraag(h, VRAAG_CULTUUR);
        h.raw("</section>\n");
        return;
    }
    h.raw("<h3>Monitoring en evaluatie</h3>\n")
        .raw("<p>Hoe, wat en hoe vaak, zoals de WSV’s het in hoofdstuk 8 zelf schrijven (gevonden aan de hand van woordenlijsten); de tekst staat eronder.</p>\n")
        .raw("<table>\n<thead><tr><th>WSV</th><th>hoe</th><th>wat</th><th>hoe vaak</th></tr></thead>\n<tbody>\n");
    let lijst = |v: Vec<&str>| {
        if v.is_empty() {
            "niet genoemd".to_string()
        } else {
            v.join(", ")
        }
    };
    for (r, _, p) in met_plan(s) {
        h.elem("<tr><th>", &r.wsv, "</th>");
        match sectie(p, 8) {
            Some(x) => {
                h.elem("<td>", &lijst(methoden(&x.tekst)), "</td>")
                    .elem("<td>", &lijst(onderwerpen(&x.tekst)), "</td>")
                    .elem("<td>", &lijst(frequenties(&x.tekst)), "</td></tr>\n");
            }
            None => {
                h.raw("<td class=\"leeg\" colspan=\"3\">hoofdstuk 8 niet ingevuld</td></tr>\n");
            }
        }
    }
    h.raw("</tbody>\n</table>\n");
    per_wsv_tekst(h, s, 8, "Hoofdstuk 8 niet ingevuld");

    // Section 5.
    h.raw("<h3>Behoefte aan ondersteuning</h3>\n")
        .raw("<p>Wat WSV’s in hoofdstuk 5 van de regio vragen. De telling zoekt in hun tekst naar de soorten ondersteuning die het sjabloon noemt; ")
        .raw("lees de teksten zelf voor wat er precies gevraagd wordt.</p>\n");
    let texts: Vec<(&WsvRecord, &crate::domain::Sectie)> = met_plan(s)
        .filter_map(|(r, _, p)| sectie(p, 5).map(|x| (r, x)))
        .collect();
    h.raw("<table>\n<thead><tr><th>soort ondersteuning</th><th class=\"n\">aantal WSV’s</th><th>WSV’s</th></tr></thead>\n<tbody>\n");
    for (i, (naam, _)) in ONDERSTEUNING.iter().enumerate() {
        let wie: Vec<&str> = texts
            .iter()
            .filter(|(_, x)| categorieen(&x.tekst).contains(&i))
            .map(|(r, _)| r.wsv.as_str())
            .collect();
        h.elem("<tr><td>", naam, "</td>")
            .elem("<td class=\"n\">", &wie.len().to_string(), "</td>")
            .elem("<td>", &wie.join(", "), "</td></tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
    per_wsv_tekst(h, s, 5, "Hoofdstuk 5 niet ingevuld");

    // Section 6.
    h.raw("<h3>Regionale projectaanvragen</h3>\n")
        .raw("<p>Ideeën die een WSV in hoofdstuk 6 (optioneel) voorstelt voor regionaal budget, vaak ook interessant voor andere wijken.</p>\n");
    let mut geen = Vec::new();
    let mut aantal = 0;
    for (r, _, p) in met_plan(s) {
        match sectie(p, 6).filter(|x| !geen_aanvraag(&x.tekst)) {
            Some(x) => {
                aantal += 1;
                h.elem("<div class=\"wsv\"><h4>", &r.wsv, "</h4>")
                    .quote(&x.tekst, &x.bron)
                    .raw("</div>\n");
            }
            None => geen.push(r.wsv.as_str()),
        }
    }
    if aantal == 0 {
        h.raw(
            "<p class=\"leeg\">Geen van de wijkplannen bevat een regionale projectaanvraag.</p>\n",
        );
    } else if !geen.is_empty() {
        h.raw("<p>");
        h.text(&format!(
            "Geen aanvraag of hoofdstuk 6 niet ingevuld (het is optioneel): {}.",
            opsomming(&geen)
        ));
        h.raw("</p>\n");
    }
    vraag(h, VRAAG_CULTUUR);
    h.raw("</section>\n");
}

/// A sentence of a plan that names workload words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signaal {
    pub woorden: Vec<String>,
    pub zin: String,
    pub bron: String,
}

/// Sentences of `tekst`: split at `.`, `!`, `?` followed by a space or the end, and at line
/// breaks. Linear in the text.
fn zinnen(tekst: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = tekst.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let einde = c == b'\n'
            || (matches!(c, b'.' | b'!' | b'?')
                && b.get(i + 1).is_none_or(u8::is_ascii_whitespace));
        if einde {
            let z = tekst[start..=i].trim();
            if !z.is_empty() {
                out.push(z);
            }
            start = i + 1;
        }
    }
    let z = tekst[start..].trim();
    if !z.is_empty() {
        out.push(z);
    }
    out
}

/// Workload signals in a plan's free text (sections and theme rows): each sentence that names a
/// word of `data/werkdruk.txt`, with the words and where it is.
pub fn werkdruk_signalen(p: &Wijkplan) -> Vec<Signaal> {
    const MAX_ZIN: usize = 400;
    let mut plaatsen: Vec<(&str, &str)> = p
        .secties
        .iter()
        .map(|x| (x.tekst.as_str(), x.bron.as_str()))
        .collect();
    for t in &p.themas {
        for c in t.cells() {
            plaatsen.push((c, t.bron.as_str()));
        }
    }
    let mut out = Vec::new();
    for (tekst, bron) in plaatsen {
        for zin in zinnen(tekst) {
            let z = padded(zin);
            let woorden: Vec<String> = werkdruk_woorden()
                .iter()
                .filter(|w| noemt(&z, w))
                .cloned()
                .collect();
            if !woorden.is_empty() {
                let mut kort: String = zin.chars().take(MAX_ZIN).collect();
                if kort.len() < zin.len() {
                    kort.push('…');
                }
                out.push(Signaal {
                    woorden,
                    zin: kort,
                    bron: bron.to_string(),
                });
            }
        }
    }
    out
}

/// Dutch hours: `40`, `12,5`.
fn uren_nl(u: f64) -> String {
    let r = (u * 100.0).round() / 100.0;
    let s = format!("{r}");
    s.replace('.', ",")
}

/// Persoon en Werkplezier: vacatie hours and workload signals.
pub(super) fn persoon(h: &mut Html, s: &Snapshot) {
    h.sectie("persoon", titel("persoon"), false)
        .raw("<p>Werkplezier en de balans tussen inspanning en beloning: hoeveel uren de WSV’s als vacatie begroten voor kernteam en werkgroepen, ")
        .raw("en waar de plannen zelf over werkdruk, capaciteit of energie schrijven.</p>\n")
        .raw("<h3>Vacatie-uren in de begrotingen</h3>\n")
        .raw("<table>\n<thead><tr><th>WSV</th><th class=\"n\">vacatie-uren</th><th class=\"n\">vacatiebedrag</th><th>regels</th></tr></thead>\n<tbody>\n");
    for r in &s.wsvs {
        h.elem("<tr><th>", &r.wsv, "</th>");
        match &r.begroting {
            None => {
                h.raw(
                    "<td class=\"n leeg\">geen begroting</td><td class=\"n\"></td><td></td></tr>\n",
                );
            }
            Some((_, b)) => {
                let regels: Vec<&crate::domain::Regel> =
                    b.regels.iter().filter(|g| g.vacatie).collect();
                if regels.is_empty() {
                    h.raw("<td class=\"n leeg\">geen vacatieregel</td><td class=\"n\"></td><td></td></tr>\n");
                    continue;
                }
                let uren: f64 = regels.iter().filter_map(|g| g.uren).sum();
                let bedrag: i64 = regels.iter().map(|g| g.bedrag.0).sum();
                let zonder_uren = regels.iter().any(|g| g.uren.is_none());
                h.elem(
                    "<td class=\"n\">",
                    &if zonder_uren && uren == 0.0 {
                        "niet genoemd".to_string()
                    } else {
                        uren_nl(uren)
                    },
                    "</td>",
                )
                .elem(
                    "<td class=\"n\">",
                    &crate::domain::Cents(bedrag).nl(),
                    "</td>",
                );
                let posten: Vec<&str> = regels.iter().map(|g| g.post.as_str()).collect();
                h.elem("<td>", &posten.join("; "), "</td></tr>\n");
            }
        }
    }
    h.raw("</tbody>\n</table>\n<h3>Signalen over werkdruk en werkplezier</h3>\n")
        .raw("<p>Zinnen uit de plannen met woorden als werkdruk, capaciteit, uitval of energie (de woordenlijst staat in <code>data/werkdruk.txt</code>). ")
        .raw("Een signaal om over in gesprek te gaan, geen oordeel.</p>\n");
    let mut zonder = Vec::new();
    for (r, _, p) in met_plan(s) {
        let sig = werkdruk_signalen(p);
        if sig.is_empty() {
            zonder.push(r.wsv.as_str());
            continue;
        }
        h.elem("<div class=\"wsv\"><h4>", &r.wsv, "</h4>");
        for x in sig {
            for w in &x.woorden {
                h.elem("<span class=\"label\">", w, "</span>");
            }
            h.quote(&x.zin, &x.bron);
        }
        h.raw("</div>\n");
    }
    if !zonder.is_empty() {
        h.raw("<p>");
        h.text(&format!(
            "Geen van deze woorden in het plan van {}.",
            opsomming(&zonder)
        ));
        h.raw("</p>\n");
    }
    vraag(h, VRAAG_PERSOON);
    h.raw("</section>\n");
}
