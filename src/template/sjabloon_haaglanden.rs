//! The RESV Haaglanden sjabloon 2025–2026 as data: section titles, field labels, theme names,
//! column headers, the bracketed instructions and "Voorbeeld: …" texts, the checklist items.
//!
//! Why data and not code: the mapper in `haaglanden.rs` only walks a [`SjabloonDef`]. When the RESV
//! issues the 2027 sjabloon, it becomes a second `static` of the same type here, not new control
//! flow. Instruction and example texts are copied verbatim from the sjabloon (seed 000); they are
//! compared tolerantly (see `similarity.rs`), so typography and small edits by a WSV do not matter.
//!
//! This is the one place the sjabloon's names live: `domain::THEMA_NAMEN`, `domain::Thema::COLUMNS`
//! and the keys and labels of `domain::Velden::all` are these constants. So that the domain types
//! can read them without a module cycle, this file is a leaf: it uses nothing from `domain` (the
//! template is named by its register id, [`SjabloonDef::id`]) and only `similarity` (text only).

/// What a section of the sjabloon holds, which decides how the mapper reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectieSoort {
    /// Section 1: the label | value table.
    Velden,
    /// Free text, always reported as a `Sectie` when its heading is present.
    Vrij,
    /// Section 4: the themes table (text around it is template text or extra WSV words).
    Themas,
    /// Section 9: a list of attachments; reported only when the WSV wrote something of its own.
    Bijlagen,
    /// Section 10: the checklist.
    Checklist,
    /// "Bijlage 1 – Inspiratie per thema": template text only, never WSV content; ends section 10.
    Inspiratie,
}

#[derive(Debug)]
pub struct SectieDef {
    /// Number in the sjabloon; 0 for the unnumbered appendix.
    pub nummer: u32,
    pub titel: &'static str,
    /// Other titles WSVs use for this section (compared with `similarity::title_score`).
    pub aliassen: &'static [&'static str],
    pub soort: SectieSoort,
    /// The bracketed instruction, verbatim, brackets included; "" if none.
    pub instructie: &'static str,
    /// The example text, verbatim, one paragraph per line; "" if none.
    pub voorbeeld: &'static str,
    /// Other template paragraphs that are neither instruction nor example (dropped silently).
    pub overig: &'static [&'static str],
}

#[derive(Debug)]
pub struct VeldDef {
    /// JSON key, as in `domain::Velden::all`.
    pub sleutel: &'static str,
    /// Label used in `bron` and messages, as in `domain::Velden::all`.
    pub label: &'static str,
    /// Normalised (`text::norm`) label prefixes that identify the row, longest first.
    pub aliassen: &'static [&'static str],
    /// The value may run over several rows, one per person (the kernteam): a following row whose
    /// first cell names no field continues it (a PDF flattens the nested kernteam table into the
    /// §1 table, the member's name landing in the label column).
    pub per_rij: bool,
}

#[derive(Debug)]
pub struct KolomDef {
    /// Column name used in `bron` (as `domain::Thema::COLUMNS`).
    pub naam: &'static str,
    /// Normalised header prefixes that identify the column.
    pub aliassen: &'static [&'static str],
}

#[derive(Debug)]
pub struct SjabloonDef {
    /// The register's id of this template (`domain::Sjabloon::as_str`), e.g. "haaglanden-2025".
    pub id: &'static str,
    /// Human name for messages.
    pub naam: &'static str,
    /// Normalised phrases whose presence marks a document as following this sjabloon.
    pub kenmerken: &'static [&'static str],
    pub secties: &'static [SectieDef],
    pub velden: &'static [VeldDef],
    /// Theme names in table order (8 and 9 are free themes, shown as "…").
    pub themas: &'static [&'static str],
    /// Columns of the themes table in `Thema` field order: doelen, activiteiten, resultaten,
    /// middelen, partijen.
    pub kolommen: [KolomDef; 5],
    pub checklist: &'static [&'static str],
    /// The template's own text before chapter 1 (its title and introduction), dropped without a
    /// finding; anything else a WSV puts there is reported as not placed.
    pub voorwoord: &'static [&'static str],
    /// The instruction and example texts as normalised words, computed once per run: comparing
    /// every paragraph of every plan with them is the mapping's hot path.
    pub prepared: std::sync::OnceLock<Prepared>,
}

/// Normalised word lists of a sjabloon's template texts.
#[derive(Debug)]
pub struct Prepared {
    /// The bracketed instruction of each section that has one.
    pub instructies: Vec<Vec<String>>,
    /// Per section with an example text: its lines, as words (empty lines dropped).
    pub voorbeelden: Vec<Vec<Vec<String>>>,
    /// Per section of `secties` (same index): its instruction as words, empty if it has none.
    pub instructie_per_sectie: Vec<Vec<String>>,
    /// Per section of `secties` (same index): the content words of its title, aliases,
    /// instruction and example, the vocabulary a renamed section is recognised by.
    pub woordenschat: Vec<rustc_hash::FxHashSet<String>>,
    /// In how many sections' vocabulary each word occurs: a word every section uses ("wsv",
    /// "wijk") says little about which section a text belongs to.
    pub spreiding: rustc_hash::FxHashMap<String, usize>,
    /// Per section of `secties` (same index): the content words of its title and of each alias,
    /// in that order, what a heading's title is scored against.
    pub titelwoorden: Vec<Vec<Vec<String>>>,
    /// Every word of `titelwoorden`, numbered: a heading candidate's words are looked up once
    /// and compared with the titles as numbers, not as strings (issue 15).
    pub titelwoord_ids: rustc_hash::FxHashMap<String, u32>,
    /// `titelwoorden` as those numbers (same order and lengths).
    pub titelwoorden_ids: Vec<Vec<Vec<u32>>>,
    /// Per title word (by number): the titles and aliases that have it, numbered over all
    /// sections in order (section by section, each's title then its aliases).
    pub titel_postings: Vec<Vec<u32>>,
    /// Per section: the number, in that flattened order, of its title.
    pub titel_eerste: Vec<usize>,
    /// Each instruction's text as the sjabloon has it, and with its line breaks as spaces (how
    /// its paragraphs read joined): a run of paragraphs equal to one of these is that
    /// instruction, without normalising it.
    pub instructie_teksten: rustc_hash::FxHashSet<String>,
    /// Per section of `secties` (same index): its other template lines (`overig`) as words.
    pub overig_per_sectie: Vec<Vec<Vec<String>>>,
    /// The sjabloon's introduction (`voorwoord`), line by line as words.
    pub voorwoord: Vec<Vec<String>>,
    /// Per column of `kolommen` (same index): each alias with its spaces left out, for a header
    /// whose spaces a PDF lost, made once instead of for every header cell (issue 15).
    pub kolom_aliassen_krap: Vec<Vec<String>>,
    /// The words of the checklist items, numbered, and each item as those numbers: a plan's
    /// paragraphs are compared with the items as numbers, not strings (issue 15).
    pub checklist_woorden: rustc_hash::FxHashMap<String, u32>,
    pub checklist_ids: Vec<Vec<u32>>,
    /// The instructions and examples above as an index, so a paragraph is compared only with
    /// the template texts it shares enough words with (issue 15).
    pub index: super::phrase_index::TemplateIndex,
}

impl SjabloonDef {
    pub fn prepared(&self) -> &Prepared {
        use super::similarity::{content_words, words};
        self.prepared.get_or_init(|| {
            // Fx, not SipHash: the sjabloon's own words, looked up only (issue 15).
            let woordenschat: Vec<rustc_hash::FxHashSet<String>> = self
                .secties
                .iter()
                .map(|s| {
                    let mut texts = vec![s.titel, s.instructie, s.voorbeeld];
                    texts.extend(s.aliassen.iter().copied());
                    texts
                        .iter()
                        .flat_map(|t| content_words(t))
                        .filter(|w| w.chars().count() >= 3)
                        .collect()
                })
                .collect();
            let mut spreiding: rustc_hash::FxHashMap<String, usize> = Default::default();
            for w in woordenschat.iter().flatten() {
                *spreiding.entry(w.clone()).or_insert(0) += 1;
            }
            let instructies: Vec<Vec<String>> = self
                .secties
                .iter()
                .filter(|s| !s.instructie.is_empty())
                .map(|s| words(s.instructie))
                .collect();
            let voorbeelden: Vec<Vec<Vec<String>>> = self
                .secties
                .iter()
                .filter(|s| !s.voorbeeld.is_empty())
                .map(|s| {
                    s.voorbeeld
                        .lines()
                        .map(words)
                        .filter(|w| !w.is_empty())
                        .collect()
                })
                .collect();
            let instructie_per_sectie: Vec<Vec<String>> =
                self.secties.iter().map(|s| words(s.instructie)).collect();
            // Split once here, not for every document the mapper reads (issue 15).
            let titelwoorden: Vec<Vec<Vec<String>>> = self
                .secties
                .iter()
                .map(|s| {
                    std::iter::once(s.titel)
                        .chain(s.aliassen.iter().copied())
                        .map(content_words)
                        .collect()
                })
                .collect();
            let instructie_teksten = self
                .secties
                .iter()
                .filter(|s| !s.instructie.is_empty())
                .flat_map(|s| [s.instructie.to_string(), s.instructie.replace('\n', " ")])
                .collect();
            let mut titelwoord_ids: rustc_hash::FxHashMap<String, u32> = Default::default();
            for w in titelwoorden.iter().flatten().flatten() {
                let next = u32::try_from(titelwoord_ids.len()).unwrap_or(u32::MAX);
                titelwoord_ids.entry(w.clone()).or_insert(next);
            }
            let titelwoorden_ids: Vec<Vec<Vec<u32>>> = titelwoorden
                .iter()
                .map(|ts| {
                    ts.iter()
                        .map(|t| {
                            t.iter()
                                .filter_map(|w| titelwoord_ids.get(w).copied())
                                .collect()
                        })
                        .collect()
                })
                .collect();
            let overig_per_sectie: Vec<Vec<Vec<String>>> = self
                .secties
                .iter()
                .map(|s| s.overig.iter().map(|o| words(o)).collect())
                .collect();
            let voorwoord: Vec<Vec<String>> = self.voorwoord.iter().map(|o| words(o)).collect();
            let mut titel_postings: Vec<Vec<u32>> = vec![Vec::new(); titelwoord_ids.len()];
            let mut titel_eerste: Vec<usize> = Vec::new();
            let mut flat = 0u32;
            for ts in &titelwoorden_ids {
                titel_eerste.push(flat as usize);
                for t in ts {
                    for &id in t {
                        if let Some(list) = titel_postings.get_mut(id as usize) {
                            list.push(flat);
                        }
                    }
                    flat += 1;
                }
            }
            let kolom_aliassen_krap: Vec<Vec<String>> = self
                .kolommen
                .iter()
                .map(|k| {
                    k.aliassen
                        .iter()
                        .map(|a| a.chars().filter(|c| *c != ' ').collect())
                        .collect()
                })
                .collect();
            let mut checklist_woorden: rustc_hash::FxHashMap<String, u32> = Default::default();
            let checklist_ids: Vec<Vec<u32>> = self
                .checklist
                .iter()
                .map(|item| {
                    words(item)
                        .into_iter()
                        .map(|w| {
                            let next = u32::try_from(checklist_woorden.len())
                                .unwrap_or(super::phrase_index::ABSENT);
                            *checklist_woorden.entry(w).or_insert(next)
                        })
                        .collect()
                })
                .collect();
            let index = super::phrase_index::TemplateIndex::build(
                &instructies,
                &instructie_per_sectie,
                &voorbeelden,
            );
            Prepared {
                instructies,
                voorbeelden,
                instructie_per_sectie,
                woordenschat,
                spreiding,
                titelwoorden,
                titelwoord_ids,
                titelwoorden_ids,
                titel_postings,
                titel_eerste,
                kolom_aliassen_krap,
                checklist_woorden,
                checklist_ids,
                instructie_teksten,
                overig_per_sectie,
                voorwoord,
                index,
            }
        })
    }

    pub fn sectie(&self, nummer: u32) -> Option<&SectieDef> {
        self.secties.iter().find(|s| s.nummer == nummer)
    }
    pub fn sectie_van_soort(&self, soort: SectieSoort) -> Option<&SectieDef> {
        self.secties.iter().find(|s| s.soort == soort)
    }
}

/// Text a WSV leaves where it filled in nothing: the sjabloon's `[invullen]` and Word's
/// content-control prompt (Dutch and English Word), and the free-theme ellipsis.
pub const PLAATSHOUDERS: &[&str] = &[
    "[invullen]",
    "Klik of tik om tekst in te voeren.",
    "Klik hier als u tekst wilt invoeren.",
    "Click or tap here to enter text.",
    "…",
    "...",
];

/// (JSON key, label) of the seven section-1 fields, in sjabloon order (`domain::Velden::all`).
pub const VELDEN: [(&str, &str); 7] = [
    ("wijk_wsv", "Wijk/WSV"),
    ("gemeente_stadsdeel", "Gemeente/stadsdeel"),
    ("versie_datum", "Versie/datum"),
    ("aanjagers", "Aanjager(s)"),
    ("aanspreekpunt_resv", "Aanspreekpunt RESV"),
    ("budgethouder", "Budgethouder"),
    ("kernteamleden", "Kernteamleden per discipline"),
];

/// The columns of the themes table as the sjabloon names them (`domain::Thema::COLUMNS`).
pub const KOLOM_NAMEN: [&str; 5] = [
    "Doelen (SMART)",
    "Activiteiten",
    "Resultaten",
    "Benodigde middelen",
    "Betrokken partijen en trekker",
];

/// The seven fixed themes of section 4 (`domain::THEMA_NAMEN`); rows 8 and 9 are the WSV's own.
pub const VASTE_THEMAS: [&str; 7] = [
    "Wijkgerichte samenwerking",
    "Preventie",
    "(Kwetsbare) ouderen",
    "Chronische zorg en acute zorg",
    "Mentale gezondheid/GGZ",
    "Gezonde arbeidsmarkt",
    "Inwonersparticipatie",
];

pub static HAAGLANDEN_2025: SjabloonDef = SjabloonDef {
    id: "haaglanden-2025",
    naam: "RESV Haaglanden-sjabloon 2025–2026",
    kenmerken: &[
        "algemene gegevens",
        "huidige situatie in de wijk",
        "gewenste situatie en ambitie",
        "thema s activiteiten en projecten",
        "behoefte aan ondersteuning",
        "regionale projectaanvraag",
        "monitoring en evaluatie",
        "aanspreekpunt resv",
        "budgethouder",
        "kernteamleden per discipline",
        "doelen smart",
        "benodigde middelen",
        "betrokken partijen en trekker",
        "wijkgerichte samenwerking",
        "gezonde arbeidsmarkt",
        "inwonersparticipatie",
    ],
    secties: &[
        SectieDef {
            nummer: 1,
            titel: "Algemene gegevens",
            aliassen: &["Basisgegevens", "Algemeen"],
            soort: SectieSoort::Velden,
            instructie: I_1,
            voorbeeld: "",
            overig: &[],
        },
        SectieDef {
            nummer: 2,
            titel: "Huidige situatie in de wijk",
            aliassen: &["Huidige situatie", "Huidige stand van samenwerking"],
            soort: SectieSoort::Vrij,
            instructie: I_2,
            voorbeeld: V_2,
            overig: &[],
        },
        SectieDef {
            nummer: 3,
            titel: "Gewenste situatie en ambitie 2025–2026",
            aliassen: &["Gewenste situatie", "Ambitie"],
            soort: SectieSoort::Vrij,
            instructie: I_3,
            voorbeeld: V_3,
            overig: &[],
        },
        SectieDef {
            nummer: 4,
            titel: "Thema’s, activiteiten en projecten",
            aliassen: &["Thema’s", "Thema's en activiteiten", "Activiteiten en projecten"],
            soort: SectieSoort::Themas,
            instructie: I_4,
            voorbeeld: V_4,
            // The empty table's skeleton, as it arrives when a reader (PDF) sees no table.
            overig: &[
                "Doelen (SMART)",
                "Activiteiten",
                "Resultaten",
                "Benodigde middelen",
                "Betrokken partijen en trekker",
                "1. Wijkgerichte samenwerking",
                "2. Preventie",
                "3. (Kwetsbare) ouderen",
                "4. Chronische zorg en acute zorg",
                "5. Mentale gezondheid/GGZ",
                "6. Gezonde arbeidsmarkt",
                "7. Inwonersparticipatie",
                "8. …",
                "9. …",
            ],
        },
        SectieDef {
            nummer: 5,
            titel: "Behoefte aan ondersteuning",
            aliassen: &["Ondersteuningsbehoefte", "Ondersteuning"],
            soort: SectieSoort::Vrij,
            instructie: I_5,
            voorbeeld: V_5,
            overig: &[],
        },
        SectieDef {
            nummer: 6,
            titel: "Regionale projectaanvraag (optioneel)",
            aliassen: &["Regionale projectaanvraag", "Projectaanvraag"],
            soort: SectieSoort::Vrij,
            instructie: I_6,
            voorbeeld: V_6,
            overig: &[],
        },
        SectieDef {
            nummer: 7,
            titel: "Begroting",
            aliassen: &["Begroting en financiën"],
            soort: SectieSoort::Vrij,
            instructie: I_7,
            voorbeeld: "",
            overig: &[],
        },
        SectieDef {
            nummer: 8,
            titel: "Monitoring en evaluatie",
            aliassen: &["Monitoring", "Evaluatie"],
            soort: SectieSoort::Vrij,
            instructie: I_8,
            voorbeeld: V_8,
            overig: &[],
        },
        SectieDef {
            nummer: 9,
            titel: "Bijlagen",
            aliassen: &[],
            soort: SectieSoort::Bijlagen,
            instructie: "",
            voorbeeld: "",
            overig: &["Voeg de begroting (Excel) en samenwerkingsovereenkomst toe als bijlagen."],
        },
        SectieDef {
            nummer: 10,
            titel: "Checklist",
            aliassen: &[],
            soort: SectieSoort::Checklist,
            instructie: "",
            voorbeeld: "",
            overig: &[],
        },
        SectieDef {
            nummer: 0,
            titel: "Bijlage 1 – Inspiratie per thema",
            aliassen: &["Inspiratie per thema"],
            soort: SectieSoort::Inspiratie,
            instructie: "",
            voorbeeld: "",
            overig: &[],
        },
    ],
    velden: &[
        VeldDef { sleutel: VELDEN[0].0, label: VELDEN[0].1, aliassen: &["wijk wsv", "naam wsv", "wsv", "wijk"], per_rij: false },
        VeldDef {
            sleutel: VELDEN[1].0,
            label: VELDEN[1].1,
            aliassen: &["gemeente stadsdeel", "gemeente", "stadsdeel"], per_rij: false },
        VeldDef { sleutel: VELDEN[2].0, label: VELDEN[2].1, aliassen: &["versie datum", "versie", "datum"], per_rij: false },
        VeldDef { sleutel: VELDEN[3].0, label: VELDEN[3].1, aliassen: &["aanjager s", "aanjagers", "aanjager"], per_rij: false },
        VeldDef {
            sleutel: VELDEN[4].0,
            label: VELDEN[4].1,
            aliassen: &["aanspreekpunt resv", "aanspreekpunt", "contactpersoon resv"], per_rij: false },
        VeldDef { sleutel: VELDEN[5].0, label: VELDEN[5].1, aliassen: &["budgethouder", "budget houder"], per_rij: false },
        VeldDef {
            sleutel: VELDEN[6].0,
            label: VELDEN[6].1,
            aliassen: &["kernteamleden per discipline naam organisatie discipline", "kernteamleden", "kernteam", "kerngroepleden", "kerngroep", "leden kernteam"], per_rij: true },
    ],
    themas: &[
        VASTE_THEMAS[0],
        VASTE_THEMAS[1],
        VASTE_THEMAS[2],
        VASTE_THEMAS[3],
        VASTE_THEMAS[4],
        VASTE_THEMAS[5],
        VASTE_THEMAS[6],
        "…",
        "…",
    ],
    kolommen: [
        KolomDef { naam: KOLOM_NAMEN[0], aliassen: &["doelen", "doel", "doelstelling", "doelstellingen"] },
        KolomDef { naam: KOLOM_NAMEN[1], aliassen: &["activiteiten", "activiteit", "acties"] },
        KolomDef { naam: KOLOM_NAMEN[2], aliassen: &["resultaten", "resultaat", "beoogde resultaten"] },
        KolomDef { naam: KOLOM_NAMEN[3], aliassen: &["benodigde middelen", "middelen", "benodigdheden"] },
        KolomDef {
            naam: KOLOM_NAMEN[4],
            aliassen: &["betrokken partijen", "partijen", "trekker", "berokken partijen"],
        },
    ],
    voorwoord: &[
        "Concept-WSV-plan – Sjabloon",
        "Dit sjabloon dient als voorbeeld en inspiratie voor het opstellen van een wijkplan binnen een Wijksamenwerkingsverband (WSV). De structuur sluit aan bij de afspraken binnen het RESV Haaglanden. Het is niet verplicht om alle onderdelen volledig in te vullen. Gebruik wat relevant is voor jullie wijk. Alle tekstboxen met toelichting of voorbeelden, mag je deleten na het opstellen van het wijkplan.",
        "Het doel is om op hoofdlijnen inzicht te geven in:",
        "wie samenwerkt binnen het WSV,",
        "wat de gezamenlijke doelen en activiteiten zijn,",
        "hoe het ondersteuningsbudget wordt besteedt,",
        "en welke ondersteuning of middelen daarvoor nodig zijn.",
    ],
    checklist: &[
        "Wordt het plan gedragen door de kernspelers (huisarts, apotheker, wijkverpleging, paramedici, welzijn)?",
        "Is het afgestemd dan wel meeondertekend met de achterban van het WSV?",
        "Is het afgestemd met andere WSV’s in het stadsdeel?",
        "Zijn mandaten geregeld en ondertekend?",
        "Is duidelijk wie aanspreekpunt is voor RESV en wie budgethouder is?",
        "Past het plan binnen het uitvoeringsbudget dat voor jouw WSV beschikbaar is?",
    ],
    prepared: std::sync::OnceLock::new(),
};

// 1. Algemene gegevens
const I_1: &str = "[Gebruik deze sectie om de basisgegevens van het WSV in te vullen.]";

// 2. Huidige situatie in de wijk
const I_2: &str = "[Beschrijf kort de huidige stand van samenwerking in de wijk. Denk aan bestaande overleggen, projecten en netwerken, en de belangrijkste kansen of knelpunten.]";
const V_2: &str = "Voorbeeld: In deze wijk werken al meerdere partijen uit zorg en welzijn samen rond inwoners met complexe vragen. Er is een vaste overlegstructuur waarin huisartsen, wijkverpleegkundigen, apothekers en sociaal werk elkaar regelmatig ontmoeten, vaak rondom thema’s als ouderen, GGZ en leefstijl. De samenwerking is tot nu toe vooral gericht op het uitwisselen van informatie en het oplossen van knelpunten in de dagelijkse praktijk.\n\
         Daarnaast lopen er verschillende initiatieven die aansluiten bij de doelen van Haaglanden Gezonder, zoals Welzijn op Recept, groepsconsulten leefstijl, en het versterken van de samenwerking met wijkteams en jeugdprofessionals.\n\
         De betrokken professionals geven aan dat de volgende punten belangrijk zijn voor verdere ontwikkeling:\n\
         · meer duidelijkheid over rollen en mandaten binnen de samenwerking;\n\
         · betere verbinding tussen het medisch en sociaal domein;\n\
         · gezamenlijke communicatie naar bewoners en andere partners in de wijk.\n\
         Met de vorming van het WSV wordt gewerkt aan het versterken en structureel organiseren van deze bestaande samenwerking.";

// 3. Gewenste situatie en ambitie 2025–2026
const I_3: &str = "[Beschrijf hier wat het WSV de komende één à twee jaar wil bereiken. Dit hoofdstuk gaat over de toekomstvisie en de richting, niet over alle concrete activiteiten.]";
const V_3: &str = "Voorbeeld: Het WSV wil toewerken naar een stevig verankerde samenwerking tussen zorg, welzijn en ondersteuning in de wijk, waarin professionals elkaar snel weten te vinden en samen een lerend netwerk vormen. In 2026 is de samenwerking structureel georganiseerd met een actief kernteam, gedeelde doelen en een herkenbare rol richting inwoners en de regio. We werken volgens de principes van Positieve Gezondheid en sluiten aan bij de actielijnen van Haaglanden Gezonder. Per actielijn geven we vorm aan projecten en samenwerking op wijkniveau.";

// 5. Behoefte aan ondersteuning
const I_5: &str = "[Beschrijf waar het WSV ondersteuning bij nodig heeft vanuit de regio.]";
const V_5: &str = "Voorbeeld: Het WSV wil de komende periode vooral investeren in het versterken van de samenwerking tussen de verschillende disciplines in de wijk. Benodigde ondersteuning:\n\
         · Procesbegeleiding: hulp bij het voorbereiden en begeleiden van de kerngroepbijeenkomsten, zodat de samenwerking goed van de grond komt.\n\
         · Data en monitoring: ondersteuning bij het gebruiken van wijkdata (bijvoorbeeld van GGD of REOS) om thema’s te onderbouwen en voortgang te meten.\n\
         · Communicatie: afstemming met de regionale communicatie en ondersteuning bij het ontwikkelen van herkenbaar WSV-materiaal.\n\
         · Bewonersbetrokkenheid: advies en praktische hulp bij het betrekken van bewoners, bijvoorbeeld via bewonersgroepen of bestaande initiatieven zoals Taal in de Buurt.";

// 6. Regionale projectaanvraag (optioneel):
const I_6: &str = "[Er is regionaal budget gealloceerd voor innovatieve WSV-projecten, zoals leuke initiatieven rondom inwonersparticipitie of een nieuw te starten project wat voor meerdere WSV’s interessant kan zijn om bij aan te sluiten/over te nemen. Wil je een aanvraag doen voor een dergelijk project? Vul hier kort jullie idee of plan in.]";
const V_6: &str = "Voorbeeld (fictief): Ons WSV wil samen met twee andere wijken een leefstijlspreekuur opzetten, waarin bewoners met vragen over bewegen, voeding of stress gratis advies kunnen krijgen. Het spreekuur wordt bemenst door een fysiotherapeut, leefstijlcoach en een welzijnsmedewerker, en vindt wekelijks plaats op een vaste locatie in de wijk (bijvoorbeeld het gezondheidscentrum of buurthuis). Deelnemers kunnen zonder verwijzing langskomen; huisartsen en POH’s kunnen doorverwijzen bij leefstijl- of preventievraagstukken.\n\
         We willen dit als pilot uitvoeren in drie wijken, zodat ervaringen en werkwijzen gedeeld kunnen worden en het concept later breder uitgerold kan worden.\n\
         We vragen regionale ondersteuning voor:\n\
         · communicatie en werving van deelnemers,\n\
         · afstemming tussen betrokken professionals,\n\
         · en financiering van de eerste drie maanden als opstartfase (met begroting)\n\
         Doel: inwoners helpen hun gezondheid te verbeteren, samenwerking versterken tussen eerstelijn en welzijn, en bijdragen aan de preventiedoelen van Haaglanden Gezonder.";

// 7. Begroting
const I_7: &str = "[Verwijs hier naar de invulbare Excel-begroting (“Concept begroting WSV.xlsx”). Neem in de begroting in ieder geval de projecten genoemd onder 4 mee. Geef ook aan of en waar partijen cofinanciering (in uren) inbrengen en of er aanvullende financiële afspraken zijn met partijen die geen onderdeel van het kernteam WSV zijn (bijvoorbeeld rol in uitvoering/coördinatie projecten). Geef eventueel korte toelichting bij specifieke posten als dat nodig is.]";

// 8. Monitoring en evaluatie
const I_8: &str = "[Maak afspraken over:\n\
         • Wat gemonitord wordt (bv. deelname, voortgang per thema, bereikte resultaten)\n\
         • Hoe dit gebeurt (verslaglegging, terugkoppeling in kerngroep)\n\
         • Of jullie gebruik maken van externe monitoring (bijvoorbeeld vanuit transformatieplannen Haaglanden Gezonder)\n\
         • Hoe vaak dit wordt besproken en geëvalueerd (bv. halfjaarlijks of jaarlijks).]";
const V_8: &str = "Voorbeeld: Het WSV bespreekt de voortgang van het wijkplan minimaal twee keer per jaar in de kerngroep. Tijdens deze bijeenkomsten wordt per thema kort doorgenomen:\n\
         · welke activiteiten zijn uitgevoerd,\n\
         · wat de ervaringen zijn van professionals en inwoners,\n\
         · en of er aanpassingen nodig zijn in de planning of samenwerking.\n\
         De aanjagers verzamelen vooraf input bij de betrokken partijen en maakt een kort voortgangsverslag (1 à 2 pagina’s) dat wordt gedeeld met het WSV-kernteam.\n\
         Belangrijkste punten worden teruggekoppeld naar de achterban via bestaande overleggen of nieuwsbrieven. Aan het einde van elk jaar maakt het WSV gezamenlijk een reflectie: wat werkte goed, wat kan beter, en welke lessen nemen we mee voor het volgende WSV-jaarplan. Hiermee leveren we ook input aan het RESV voor de regionale lerende cyclus.";

// 4. Thema’s, activiteiten en projecten
const I_4: &str = "[Kijk op basis van de problematiek/aandachtsgroepen in jullie wijk voor wie/wat je zou willen organiseren. Maak ook gebruik van wat er in de wijk al aanwezig is aan bestaande samenwerking en wijkplan van de gemeente en aan projecten vanuit Haaglanden Gezonder. Gebruik onderstaande structuur voor een uitwerking per thema. In bijlage vind je ter inspiratie een overzicht van projecten waar je per thema aan kunt denken.]";
const V_4: &str = "Voorbeeld: \n\
         Doelen (SMART): wat willen jullie bereiken binnen dit thema? Bijvoorbeeld: betere samenwerking, meer samenhang tussen domeinen, of een concreet wijkproject. Maak doelen zo concreet en SMART als mogelijk. \n\
         Activiteiten: welke acties of projecten gaan jullie uitvoeren om dit doel te bereiken? \n\
         Resultaten / monitoring: wat verwachten jullie op te leveren of te veranderen?\n\
         Benodigde middelen: welke uren, middelen of ondersteuning zijn nodig? (verwijs eventueel naar hoofdstuk 7 – Begroting)\n\
         Berokken partijen en trekker: wie is aanspreekbaar op dit project? Welke andere partijen zijn betrokken en welke bijdrage leveren zij?";

#[cfg(test)]
mod tests {
    /// The checklist items as numbers are their words: same length, equal words same number,
    /// different words different numbers, none of them the number of an absent word.
    #[test]
    fn checklist_ids_are_the_items_words() {
        use super::super::phrase_index::ABSENT;
        use super::super::similarity::words;
        let p = HAAGLANDEN_2025.prepared();
        assert_eq!(p.checklist_ids.len(), HAAGLANDEN_2025.checklist.len());
        let mut name: std::collections::HashMap<u32, String> = Default::default();
        for (item, ids) in HAAGLANDEN_2025.checklist.iter().zip(&p.checklist_ids) {
            let w = words(item);
            assert_eq!(w.len(), ids.len(), "{item}");
            for (w, id) in w.iter().zip(ids) {
                assert_ne!(*id, ABSENT);
                assert_eq!(p.checklist_woorden.get(w), Some(id));
                assert_eq!(name.entry(*id).or_insert_with(|| w.clone()), w);
            }
        }
    }

    /// The verbatim instruction texts the mapper takes without comparing are each one the
    /// comparison accepts as an instruction: the shortcut never decides otherwise.
    #[test]
    fn verbatim_instructions_are_instructions() {
        use super::super::phrase_index::Scratch;
        use super::super::similarity::PARAGRAPH_THRESHOLD;
        let p = HAAGLANDEN_2025.prepared();
        let with_one = HAAGLANDEN_2025
            .secties
            .iter()
            .filter(|s| !s.instructie.is_empty())
            .count();
        assert!(with_one > 0);
        assert!(p.instructie_teksten.len() >= with_one);
        let (mut buf, mut ids) = (String::new(), Vec::new());
        for t in &p.instructie_teksten {
            p.index.vocab.encode_text(t, &mut buf, &mut ids);
            let hit = p.index.instructions.first_similar(
                &ids,
                PARAGRAPH_THRESHOLD,
                &mut Scratch::default(),
            );
            assert!(hit.is_some(), "{t}");
        }
    }

    use super::*;
    use crate::domain::{Thema, Velden};

    #[test]
    fn labels_and_columns_agree_with_domain() {
        let v = Velden::default();
        let domain: Vec<(&str, &str)> = v.all().iter().map(|(k, l, _)| (*k, *l)).collect();
        let ours: Vec<(&str, &str)> = HAAGLANDEN_2025
            .velden
            .iter()
            .map(|f| (f.sleutel, f.label))
            .collect();
        assert_eq!(ours, domain);
        let cols: Vec<&str> = HAAGLANDEN_2025.kolommen.iter().map(|k| k.naam).collect();
        assert_eq!(cols, Thema::COLUMNS.to_vec());
        assert_eq!(
            crate::domain::Sjabloon::parse(HAAGLANDEN_2025.id),
            crate::domain::Sjabloon::Haaglanden2025
        );
        // The fixed themes, then the two free rows.
        assert_eq!(
            &HAAGLANDEN_2025.themas[..7],
            &crate::domain::THEMA_NAMEN[..]
        );
        assert_eq!(&HAAGLANDEN_2025.themas[7..], &["…", "…"]);
    }

    #[test]
    fn vocabulary_is_per_section_and_spread_counts_sections() {
        let p = HAAGLANDEN_2025.prepared();
        assert_eq!(p.woordenschat.len(), HAAGLANDEN_2025.secties.len());
        let i8 = HAAGLANDEN_2025
            .secties
            .iter()
            .position(|s| s.nummer == 8)
            .unwrap();
        // "voortgang" is in §8's instruction and example; function words are never in it.
        assert!(p.woordenschat[i8].contains("voortgang"));
        assert!(!p.woordenschat[i8].contains("het"));
        let in_sections = p.woordenschat.iter().filter(|v| v.contains("wsv")).count();
        assert_eq!(p.spreiding.get("wsv").copied(), Some(in_sections));
        assert!(in_sections > 1);
    }

    #[test]
    fn aliases_are_normalised() {
        let all = HAAGLANDEN_2025
            .velden
            .iter()
            .flat_map(|f| f.aliassen.iter())
            .chain(
                HAAGLANDEN_2025
                    .kolommen
                    .iter()
                    .flat_map(|k| k.aliassen.iter()),
            )
            .chain(HAAGLANDEN_2025.kenmerken.iter());
        for a in all {
            assert_eq!(crate::text::norm(a), *a);
        }
    }

    #[test]
    fn texts_are_the_sjabloon_verbatim() {
        assert!(I_8.starts_with("[Maak afspraken over:\n• Wat gemonitord wordt"));
        assert!(I_8.ends_with("(bv. halfjaarlijks of jaarlijks).]"));
        assert_eq!(V_2.lines().count(), 7);
        assert!(V_6.starts_with("Voorbeeld (fictief): Ons WSV wil"));
        assert_eq!(
            HAAGLANDEN_2025.sectie(7).map(|s| s.titel),
            Some("Begroting")
        );
        assert_eq!(HAAGLANDEN_2025.checklist.len(), 6);
    }
}
