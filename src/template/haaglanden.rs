//! Maps a document that follows the RESV Haaglanden sjabloon onto a [`Wijkplan`].
//!
//! Everything template-specific comes from a [`SjabloonDef`] (see `sjabloon_haaglanden.rs`); this
//! file is the control flow only. Design choices, and why:
//! - **Sections are found by title first, number second.** WSVs delete optional sections and Word
//!   renumbers the rest ("6. Begroting" is the sjabloon's section 7), and they edit titles
//!   ("Huidige situatie"). A number alone decides only for a real heading whose title matches
//!   nothing, in the gap where that section belongs.
//! - **Tables are found by their content**, not by position: the label table by its labels, the
//!   themes table by its header row, whose header texts also map columns (WSVs reorder them).
//! - **`bron` names the section as the document numbers it** (`plan.docx §6` for a renumbered
//!   Begroting), because that is where a staff member looks; `Sectie::nummer` is the sjabloon's
//!   number, so sections compare across WSVs.
//! - **Template text is recognised tolerantly** (`similarity.rs`): the bracketed instruction is
//!   dropped silently, left-over example text is dropped with a `VOORBEELDTEKST_AANWEZIG` finding.

use super::disciplines::kerndisciplines;
use super::phrase_index::{Scratch, TemplateIndex, ABSENT};
use super::similarity::{self, lcs_ratio, similar_words, starts_with_phrase, title_score, words};
use super::sjabloon_haaglanden::{SectieDef, SectieSoort, SjabloonDef};
use super::{
    cell_value, heading_candidates, is_nested_header, is_toc_line, row_values,
    split_leading_number, strip_placeholders, units, Unit,
};
use crate::domain::{ChecklistItem, Code, Finding, Mapped, Sectie, Thema, Veld, Velden, Wijkplan};
use crate::limits::{MAX_TEXT_PER_FILE, MAX_TEXT_PER_MERGED_COPY, MAX_TEXT_PER_VALUE};
use crate::model::{Block, Document, Table};
use crate::text;
use std::rc::Rc;

/// Least number of field labels a table must show to be taken for the section-1 table.
const MIN_LABELS: usize = 2;
/// Least number of column headers a row must show to be taken for the themes table header.
const MIN_COLUMNS: usize = 3;
/// A paragraph shorter than this (in words) counts as example text only next to other example text:
/// "· welke activiteiten zijn uitgevoerd," alone could be the WSV's own line.
const SHORT_WORDS: usize = 6;
/// A paragraph of at least this many words whose word trigrams mostly occur in the example is a
/// fragment of it (a PDF reader splits paragraphs at line ends).
const FRAGMENT_WORDS: usize = 8;
const FRAGMENT_SHARE: f64 = 0.8;
/// Least similarity for a document paragraph to be a given checklist item.
const CHECKLIST_THRESHOLD: f64 = 0.6;

/// Where a sjabloon section was found in the document.
#[derive(Debug, Clone)]
struct Found {
    idx: usize,
    number: Option<u32>,
    title: String,
}

pub fn map(doc: &Document, file: &str, def: &SjabloonDef) -> Mapped<Wijkplan> {
    map_with_rest(doc, file, def).0
}

/// [`map`], and the full text of everything that could not be placed (each piece also reported
/// with `SJABLOON_AFWIJKING`). The fingerprint includes it: two versions that differ only in text
/// the register has no place for are still two versions, not one plan sent twice.
pub fn map_with_rest(
    doc: &Document,
    file: &str,
    def: &SjabloonDef,
) -> (Mapped<Wijkplan>, Vec<String>) {
    let mut findings = Vec::new();
    let mut ongeplaatst: Vec<String> = Vec::new();
    let (found, unplaced) = locate_sections(doc, def);
    let ends = section_ends(doc, &found, &unplaced);
    let shown_number = |nummer: u32| -> u32 {
        def.secties
            .iter()
            .position(|s| s.nummer == nummer)
            .and_then(|i| found.get(i).cloned().flatten())
            .and_then(|f| f.number)
            .unwrap_or(nummer)
    };

    let themes_table = find_themes_table(doc, def);

    // Section 1.
    let n1 = shown_number(1);
    let range1 = def
        .secties
        .iter()
        .position(|s| s.soort == SectieSoort::Velden)
        .and_then(|i| Some((found.get(i)?.as_ref()?.idx + 1)..*ends.get(i)?));
    let label_tables = find_label_tables(
        doc,
        def,
        themes_table.as_ref().map(|t| t.idx),
        range1.clone(),
    );
    let velden = map_velden(
        doc,
        file,
        def,
        n1,
        &label_tables,
        range1,
        &mut Unplaceable {
            findings: &mut findings,
            tekst: &mut ongeplaatst,
        },
    );
    let first_section = found.iter().flatten().map(|f| f.idx).min();
    if let Some(first) = first_section {
        // The §1 tables are read already, also when §1's heading is missing and they stand
        // before the first chapter found.
        let mapped: Vec<usize> = label_tables.iter().map(|t| t.idx).collect();
        report_before_first_section(
            doc,
            file,
            def,
            first,
            &mapped,
            velden.wijk_wsv.waarde.as_deref(),
            &mut Unplaceable {
                findings: &mut findings,
                tekst: &mut ongeplaatst,
            },
        );
    }

    // Section 4.
    let n4 = shown_number(4);
    let theme_tables: Vec<usize> = match &themes_table {
        // A transposed table was written across; nothing continues it below.
        Some(t) if t.transposed.is_some() => vec![t.idx],
        Some(t) => std::iter::once(t.idx)
            .chain(continuation_tables(doc, def, t.idx))
            .collect(),
        None => Vec::new(),
    };
    let themas = match &themes_table {
        Some(found4) => {
            let mut tables: Vec<&Table> = theme_tables
                .iter()
                .filter_map(|i| match doc.blocks.get(*i) {
                    Some(Block::Table(t)) => Some(t),
                    _ => None,
                })
                .collect();
            if let (Some(tt), Some(first)) = (&found4.transposed, tables.first_mut()) {
                *first = tt;
            }
            map_themes(
                &tables,
                found4.header,
                file,
                def,
                n4,
                &mut findings,
                &mut ongeplaatst,
            )
        }
        None => Vec::new(),
    };

    // Free text sections, and the text around the two tables.
    let skip: Vec<usize> = theme_tables
        .iter()
        .copied()
        .chain(label_tables.iter().map(|t| t.idx))
        .collect();
    let mut secties = Vec::new();
    let mut checklist_range = None;
    for (i, sd) in def.secties.iter().enumerate() {
        let (Some(Some(f)), Some(&end)) = (found.get(i), ends.get(i)) else {
            continue;
        };
        let range = (f.idx + 1)..end;
        let shown = f.number.unwrap_or(sd.nummer);
        let at = page_suffix(block_page(doc, f.idx));
        match sd.soort {
            SectieSoort::Vrij | SectieSoort::Themas | SectieSoort::Bijlagen => {
                let overig = def.prepared().overig_per_sectie.get(i);
                let stripped = strip_template(
                    &units(doc, range, &skip),
                    def,
                    overig.map_or(&[][..], Vec::as_slice),
                );
                if stripped.example_left {
                    findings.push(Finding::new(
                        Code::VOORBEELDTEKST_AANWEZIG,
                        format!(
                            "Sectie {shown} '{}' bevat nog voorbeeldtekst uit het sjabloon; die is niet als tekst van het WSV overgenomen.",
                            f.title
                        ),
                        format!("{file} §{shown}{at}"),
                    ));
                }
                if sd.soort == SectieSoort::Vrij || !stripped.text.is_empty() {
                    secties.push(Sectie {
                        nummer: sd.nummer,
                        titel: f.title.clone(),
                        tekst: stripped.text,
                        // `format!("{file} §{shown}{at}")` piece by piece (issue 15).
                        bron: [file, " §", &shown.to_string(), &at].concat(),
                    });
                }
            }
            SectieSoort::Checklist => checklist_range = Some(range),
            SectieSoort::Velden | SectieSoort::Inspiratie => {}
        }
    }
    secties.sort_by_key(|s| s.nummer);
    for u in &unplaced {
        let end = ends_of_unplaced(doc, u, &found, &unplaced);
        report_unplaced_section(
            doc,
            file,
            def,
            u,
            end,
            &skip,
            &mut Unplaceable {
                findings: &mut findings,
                tekst: &mut ongeplaatst,
            },
        );
    }

    let checklist = map_checklist(doc, file, def, shown_number(10), checklist_range);
    let kern = kerndisciplines(velden.kernteamleden.waarde.as_deref().unwrap_or(""));
    let mapped = Mapped {
        value: Wijkplan {
            sjabloon: crate::domain::Sjabloon::parse(def.id),
            velden,
            kerndisciplines: kern,
            secties,
            themas,
            checklist,
            vingerafdruk: String::new(),
            begroting: None,
        },
        findings,
    };
    (mapped, ongeplaatst)
}

/// A top-level heading in the plan's body that opens no section of the sjabloon (its title and
/// text match none, or a section it matches was already found): it ends the section before it,
/// so two sections are never merged, and its text is reported with `SJABLOON_AFWIJKING`.
#[derive(Debug, Clone)]
struct Unplaced {
    idx: usize,
    number: Option<u32>,
    title: String,
}

/// Least weighted number of template words a renamed section's title and text must share with a
/// section's vocabulary to be taken for it by content.
const MIN_CONTENT_SCORE: f64 = 1.5;
/// And how far ahead of the next best section it must be.
const CONTENT_MARGIN: f64 = 1.5;
/// How far ahead of the section a heading's number names another must be to win: numbers are
/// usually right, but "5. Hoe volgen we de voortgang" is §8 when its words are §8's.
const NUMBER_OVERRIDE: f64 = 3.0;
/// How many words of a section's text are compared with the vocabularies (the start says enough,
/// and it keeps the comparison linear in the plan, not in its longest section).
const CONTENT_WORDS: usize = 300;

/// For each section of `def`, the heading that opens it in `doc`, if any; and the top-level
/// headings that open none (see [`Unplaced`]).
///
/// Order of evidence: the title (`SectionTitles::score`), then for a heading whose title matches
/// nothing the text under it (its bracketed instruction, else its words against each section's
/// template vocabulary), then its number in the gap where that section belongs.
fn locate_sections(doc: &Document, def: &SjabloonDef) -> (Vec<Option<Found>>, Vec<Unplaced>) {
    let cands = heading_candidates(doc);
    // Every title and candidate normalised once, not once per (candidate, title) pair.
    let titles = SectionTitles::of(def);
    // Best section per candidate: (section index, score).
    let mut buf = String::new();
    let best: Vec<Option<(usize, f64)>> = cands
        .iter()
        .map(|c| {
            let cand = CandidateTitle::of(&c.title, &titles, &mut buf);
            let mut b: Option<(usize, f64)> = None;
            for (i, sd) in def.secties.iter().enumerate() {
                let s = titles.score(i, sd, &cand);
                if b.is_none_or(|(_, bs)| s > bs) {
                    b = Some((i, s));
                }
            }
            b.filter(|(_, s)| *s >= c.threshold())
        })
        .collect();

    let mut found: Vec<Option<(usize, f64, u8)>> = vec![None; def.secties.len()];
    for (ci, b) in best.iter().enumerate() {
        let (Some((si, score)), Some(c)) = (b, cands.get(ci)) else {
            continue;
        };
        let Some(slot) = found.get_mut(*si) else {
            continue;
        };
        // Stronger evidence of a heading wins, then the closer title, then the earlier position
        // (a table of contents has weaker, not stronger, evidence).
        let better = match slot {
            None => true,
            Some((_, s, st)) => (c.strength, *score) > (*st, *s),
        };
        if better {
            *slot = Some((ci, *score, c.strength));
        }
    }

    // Top-level headings of the body (after the first section found, before the appendix) that
    // no title placed: each ends the section before it.
    let idx_of = |ci: usize| cands.get(ci).map_or(0, |c| c.idx);
    let first = found.iter().flatten().map(|f| idx_of(f.0)).min();
    let appendix = def
        .secties
        .iter()
        .position(|s| s.soort == SectieSoort::Inspiratie)
        .and_then(|i| found.get(i).copied().flatten())
        .map(|f| idx_of(f.0));
    let placed =
        |found: &[Option<(usize, f64, u8)>], ci: usize| found.iter().flatten().any(|f| f.0 == ci);
    let open: Vec<usize> = (0..cands.len())
        .filter(|&ci| {
            let c = &cands[ci];
            c.strength == 3
                && is_top_heading(doc, c.idx)
                && first.is_some_and(|f| c.idx > f)
                && appendix.is_none_or(|a| c.idx < a)
                && !placed(&found, ci)
        })
        .collect();
    let mut bounds: Vec<usize> = found
        .iter()
        .flatten()
        .map(|f| idx_of(f.0))
        .chain(open.iter().map(|&ci| idx_of(ci)))
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let body_end = |idx: usize| {
        bounds
            .iter()
            .copied()
            .find(|&b| b > idx)
            .unwrap_or(doc.blocks.len())
    };

    // By content and number: the open headings in document order, each choosing among the
    // sections still missing (so every placed one narrows the choice for the next).
    let mut still_open = Vec::new();
    for &ci in &open {
        let Some(c) = cands.get(ci) else { continue };
        let taken: Vec<bool> = found.iter().map(|f| f.is_some()).collect();
        let by_number = number_slot(def, &found, &cands, c);
        match section_by_content(
            doc,
            def,
            &c.title,
            (c.idx + 1)..body_end(c.idx),
            &taken,
            by_number,
        ) {
            Some(si) => {
                if let Some(slot) = found.get_mut(si) {
                    *slot = Some((ci, 0.0, c.strength));
                }
            }
            None => still_open.push(ci),
        }
    }

    // Number fallback: a real heading whose title matches nothing takes the free section with
    // its number, if that section is still missing and the position fits between its neighbours.
    for (ci, c) in cands.iter().enumerate() {
        if best.get(ci).is_some_and(|b| b.is_some()) || c.strength < 2 || placed(&found, ci) {
            continue;
        }
        if let Some(si) = number_slot(def, &found, &cands, c) {
            if let Some(slot) = found.get_mut(si) {
                *slot = Some((ci, 0.0, c.strength));
            }
        }
    }

    let unplaced = still_open
        .into_iter()
        .filter(|&ci| !placed(&found, ci))
        .filter_map(|ci| cands.get(ci))
        .map(|c| Unplaced {
            idx: c.idx,
            number: c.number,
            title: c.title.trim().trim_end_matches(':').trim_end().to_string(),
        })
        .collect();
    let found = found
        .into_iter()
        .map(|f| {
            let c = cands.get(f?.0)?;
            Some(Found {
                idx: c.idx,
                number: c.number,
                title: c.title.trim().trim_end_matches(':').trim_end().to_string(),
            })
        })
        .collect();
    (found, unplaced)
}

/// The free section with the number heading `c` shows, if that section is still missing and
/// the heading's position fits between the sections found before and after it.
fn number_slot(
    def: &SjabloonDef,
    found: &[Option<(usize, f64, u8)>],
    cands: &[super::HeadCand],
    c: &super::HeadCand,
) -> Option<usize> {
    let n = c.number?;
    let si = def
        .secties
        .iter()
        .position(|s| s.nummer == n && s.soort == SectieSoort::Vrij)?;
    if found.get(si).is_some_and(|f| f.is_some()) {
        return None;
    }
    let idx_of = |ci: usize| cands.get(ci).map_or(0, |c| c.idx);
    let fits = found.iter().enumerate().all(|(j, f)| match f {
        Some(f) if j < si => idx_of(f.0) < c.idx,
        Some(f) if j > si => idx_of(f.0) > c.idx,
        _ => true,
    });
    fits.then_some(si)
}

/// A heading of the outline's top level (a chapter, not a "2.1" or a level-2 heading inside one).
fn is_top_heading(doc: &Document, idx: usize) -> bool {
    matches!(doc.blocks.get(idx), Some(Block::Heading(h)) if h.level <= 1)
}

/// The free-text section a renamed chapter is, judged by its text: a bracketed instruction of
/// the sjabloon left in it decides; otherwise the words of its title and the start of its text
/// are weighed against each missing free section's template vocabulary (a word shared by many
/// sections counts less). The section its number names (`by_number`, when free and in the right
/// place) holds unless another is far ahead ([`NUMBER_OVERRIDE`]); without one, the best section
/// must be clearly ahead of the next. `None` when nothing is clear, or when the section it is
/// already has its heading (then the chapter is reported, not merged).
fn section_by_content(
    doc: &Document,
    def: &SjabloonDef,
    title: &str,
    range: std::ops::Range<usize>,
    taken: &[bool],
    by_number: Option<usize>,
) -> Option<usize> {
    let prep = def.prepared();
    let free = |si: usize| {
        def.secties
            .get(si)
            .is_some_and(|s| s.soort == SectieSoort::Vrij)
    };
    let us = units(doc, range, &[]);
    // 1. An instruction, possibly over several paragraphs ("[Maak afspraken over:" … "]").
    if let Some(k) = us
        .iter()
        .take(20)
        .position(|u| u.text.trim_start().starts_with('['))
    {
        let mut run: Vec<&str> = Vec::new();
        for u in us.iter().skip(k).take(20) {
            run.push(&u.text);
            if u.text.contains(']') {
                break;
            }
        }
        let w = prep.index.vocab.encode(&words(&run.join(" ")));
        let hit = prep.index.instruction_per_section.first_similar(
            &w,
            similarity::PARAGRAPH_THRESHOLD,
            &mut Scratch::default(),
        );
        if let Some(si) = hit {
            return (free(si) && !taken.get(si).copied().unwrap_or(true)).then_some(si);
        }
    }
    // 2. Vocabulary.
    let mut seen = std::collections::HashSet::new();
    let mut bag: Vec<String> = Vec::new();
    let text_words = us
        .iter()
        .flat_map(|u| similarity::content_words(&u.text))
        .take(CONTENT_WORDS);
    for w in similarity::content_words(title)
        .into_iter()
        .chain(text_words)
    {
        if w.chars().count() >= 3 && seen.insert(w.clone()) {
            bag.push(w);
        }
    }
    let mut scores: Vec<(usize, f64)> = prep
        .woordenschat
        .iter()
        .enumerate()
        .filter(|(si, _)| free(*si) && !taken.get(*si).copied().unwrap_or(true))
        .map(|(si, vocab)| {
            let score = bag
                .iter()
                .filter(|w| vocab.contains(*w))
                .map(|w| 1.0 / prep.spreiding.get(w).copied().unwrap_or(1).max(1) as f64)
                .sum::<f64>();
            (si, score)
        })
        .collect();
    scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    let best = scores.first().copied();
    if let Some(n) = by_number {
        let at_n = scores.iter().find(|s| s.0 == n).map_or(0.0, |s| s.1);
        return match best {
            Some((si, top))
                if si != n && top >= MIN_CONTENT_SCORE && top >= NUMBER_OVERRIDE * at_n =>
            {
                Some(si)
            }
            _ => Some(n),
        };
    }
    let (si, top) = best?;
    let second = scores.get(1).map_or(0.0, |s| s.1);
    (top >= MIN_CONTENT_SCORE && top >= CONTENT_MARGIN * second).then_some(si)
}

/// Where the mapping puts what it reports: the findings, and the full text of what could not be
/// placed (for the fingerprint, see [`map_with_rest`]).
struct Unplaceable<'a> {
    findings: &'a mut Vec<Finding>,
    tekst: &'a mut Vec<String>,
}

/// Reports the text under an [`Unplaced`] heading, if any of it is the WSV's own.
fn report_unplaced_section(
    doc: &Document,
    file: &str,
    def: &SjabloonDef,
    u: &Unplaced,
    end: usize,
    skip: &[usize],
    out: &mut Unplaceable,
) {
    let stripped = strip_template(&units(doc, (u.idx + 1)..end, skip), def, &[]);
    out.tekst.push(format!("{} {}", u.title, stripped.text));
    let heading = match u.number {
        Some(n) => format!("{n}. {}", u.title),
        None => u.title.clone(),
    };
    let bron = match u.number {
        Some(n) => format!("{file} §{n} '{}'", u.title),
        None => format!("{file} '{}'", u.title),
    };
    let bericht = if stripped.text.is_empty() {
        format!(
            "Het hoofdstuk '{heading}' past bij geen hoofdstuk van het sjabloon en heeft geen eigen tekst."
        )
    } else {
        format!(
            "Het hoofdstuk '{heading}' past bij geen hoofdstuk van het sjabloon (of het hoofdstuk waar het op lijkt staat er al); de tekst ({} tekens: '{}') is bij geen hoofdstuk in het register opgenomen. Kijk of die ergens hoort (de volledige tekst staat in v_tekst).",
            stripped.text.chars().count(),
            quote(&stripped.text),
        )
    };
    out.findings
        .push(Finding::new(Code::SJABLOON_AFWIJKING, bericht, bron));
}

/// Most words a line before chapter 1 may have to count as the cover's title.
const MAX_TITLE_WORDS: usize = 12;

/// Reports the WSV's own text before the first chapter of the sjabloon: the register has no field
/// or section for it. The template's introduction (`voorwoord`), its bracketed instructions, a
/// table of contents and the cover's title lines (a short line naming the plan or the WSV, or a
/// date or version) are not the WSV's content and are passed over.
fn report_before_first_section(
    doc: &Document,
    file: &str,
    def: &SjabloonDef,
    first: usize,
    skip: &[usize],
    wsv: Option<&str>,
    out: &mut Unplaceable,
) {
    let titles = SectionTitles::of(def);
    let us: Vec<Unit> = units(doc, 0..first, skip)
        .into_iter()
        .filter(|u| {
            !u.text.trim().is_empty()
                && !is_toc_line(&u.text)
                && !is_toc_entry(&u.text, def, &titles)
        })
        .collect();
    let stripped = strip_template(&us, def, &def.prepared().voorwoord);
    let wsv_words: Vec<String> = wsv
        .map(|w| {
            words(w)
                .into_iter()
                .filter(|x| x != "wsv" && x.chars().count() >= 3)
                .collect()
        })
        .unwrap_or_default();
    let own: Vec<&str> = stripped
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !is_cover_line(l, &wsv_words))
        .collect();
    if own.is_empty() {
        return;
    }
    let text = own.join("\n");
    out.findings.push(Finding::new(
        Code::SJABLOON_AFWIJKING,
        format!(
            "Vóór hoofdstuk 1 staat tekst die bij geen hoofdstuk van het sjabloon hoort ({} tekens: '{}'); die staat in geen veld of sectie van het register. Kijk of die ergens hoort (de volledige tekst staat in v_tekst).",
            text.chars().count(),
            quote(&text),
        ),
        format!("{file} vóór §1"),
    ));
    out.tekst.push(text);
}

/// A line of a table of contents as a PDF gives it ("2. Huidige situatie in de wijk 2"): a
/// section's number and title, then a page number.
fn is_toc_entry(line: &str, def: &SjabloonDef, titles: &SectionTitles) -> bool {
    let t = line.trim_end();
    let without_page = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if without_page.len() == t.len() {
        return false;
    }
    let title_part =
        without_page.trim_end_matches(|c: char| c.is_whitespace() || c == '.' || c == '…');
    if title_part.len() == without_page.len() {
        return false;
    }
    let Some((_, title)) = split_leading_number(title_part) else {
        return false;
    };
    let cand = CandidateTitle::of(title, titles, &mut String::new());
    def.secties
        .iter()
        .enumerate()
        .any(|(i, sd)| titles.score(i, sd, &cand) >= TOC_TITLE_SCORE)
}

/// How close a contents line's title must be to a section's.
const TOC_TITLE_SCORE: f64 = 0.75;

/// A cover line: short, and naming the plan ("Wijkplan 2025–2026", "WSV-plan"), the WSV
/// itself, or only a date or version.
fn is_cover_line(line: &str, wsv_words: &[String]) -> bool {
    let w = words(line);
    if w.is_empty() || w.len() > MAX_TITLE_WORDS {
        return false;
    }
    const PLAN_WORDS: [&str; 9] = [
        "inhoud",
        "inhoudsopgave",
        "wijkplan",
        "plan",
        "wsv",
        "werkplan",
        "jaarplan",
        "wijksamenwerkingsverband",
        "concept",
    ];
    const DATE_WORDS: [&str; 16] = [
        "versie",
        "datum",
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
        "v",
        "d",
    ];
    let names_plan = w.iter().any(|x| {
        PLAN_WORDS.contains(&x.as_str()) || x.starts_with("wijkplan") || x.ends_with("plan")
    });
    let names_wsv = !wsv_words.is_empty() && wsv_words.iter().all(|n| w.contains(n));
    let only_date = w.iter().all(|x| {
        DATE_WORDS.contains(&x.as_str()) || x.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    names_plan || names_wsv || only_date
}

/// The first words of `text` for a message, on one line.
fn quote(text: &str) -> String {
    const MAX: usize = 80;
    let one_line = text::squash_ws(text);
    if one_line.chars().count() <= MAX {
        return one_line;
    }
    let mut q: String = one_line.chars().take(MAX).collect();
    q.push('…');
    q
}

/// Where the text under an unplaced heading ends: the next section or unplaced heading.
fn ends_of_unplaced(
    doc: &Document,
    u: &Unplaced,
    found: &[Option<Found>],
    unplaced: &[Unplaced],
) -> usize {
    found
        .iter()
        .flatten()
        .map(|f| f.idx)
        .chain(unplaced.iter().map(|x| x.idx))
        .filter(|&i| i > u.idx)
        .min()
        .unwrap_or(doc.blocks.len())
}

/// A heading candidate's title as [`SectionTitles::score`] compares it: its content words
/// (those [`similarity::content_words`] gives) and whether its first word is "bijlage". Its words
/// that occur in some section title or alias are kept as their numbers; the others only count,
/// since they can never be shared with a title (issue 15: every candidate's words were copied
/// into strings and compared as strings with every title).
struct CandidateTitle {
    /// Its distinct content words that are title words, as `Prepared::titelwoord_ids`.
    title_words: Vec<u32>,
    /// How many distinct content words it has, title words or not.
    content_len: usize,
    bijlage: bool,
    /// Per title or alias (flattened over the sections, `Prepared::titel_eerste`): how many of
    /// `title_words` it has. Empty when there are no title words (every count is 0).
    common: Vec<u32>,
}

impl CandidateTitle {
    /// The candidate `title`, normalising into `buf` (cleared first; reused across candidates).
    fn of(title: &str, titles: &SectionTitles, buf: &mut String) -> CandidateTitle {
        buf.clear();
        text::norm_into(title, buf);
        let mut title_words: Vec<u32> = Vec::new();
        // Distinct words in no title, as slices of `buf`: only their number matters.
        let mut others: Vec<&str> = Vec::new();
        let mut bijlage = false;
        for (k, w) in text::words(buf).enumerate() {
            if k == 0 {
                bijlage = w == "bijlage";
            }
            if similarity::is_stopword(w) {
                continue;
            }
            match titles.ids.get(w) {
                Some(id) if !title_words.contains(id) => title_words.push(*id),
                Some(_) => {}
                None if !others.contains(&w) => others.push(w),
                None => {}
            }
        }
        // The shared words with every title at once, from the lists of titles each word is in,
        // instead of comparing the candidate with each title (issue 15).
        let mut common = Vec::new();
        if !title_words.is_empty() {
            common.resize(titles.alias_count, 0u32);
            for &id in &title_words {
                for &a in titles
                    .postings
                    .get(id as usize)
                    .map_or(&[][..], Vec::as_slice)
                {
                    if let Some(c) = common.get_mut(a as usize) {
                        *c += 1;
                    }
                }
            }
        }
        CandidateTitle {
            content_len: title_words.len() + others.len(),
            title_words,
            bijlage,
            common,
        }
    }

    /// Whether any of its content words occurs in some section title or alias. Most heading
    /// candidates are short plain paragraphs sharing no word with any title: their title_score
    /// is 0 against every title, so [`SectionTitles::score`] need not compare them (issue 15).
    fn shares_title_word(&self) -> bool {
        !self.title_words.is_empty()
    }
}

/// The content words of each section's title and aliases, in that order, as numbers, and the
/// numbering: the sjabloon's, split once per process (`Prepared::titelwoorden_ids`).
struct SectionTitles<'a> {
    per_section: &'a [Vec<Vec<u32>>],
    ids: &'a rustc_hash::FxHashMap<String, u32>,
    /// Per title word: the titles and aliases (flattened) that have it.
    postings: &'a [Vec<u32>],
    /// Per section: the flattened index of its title (its aliases follow).
    first: &'a [usize],
    alias_count: usize,
}

impl<'a> SectionTitles<'a> {
    fn of(def: &'a SjabloonDef) -> SectionTitles<'a> {
        let prep = def.prepared();
        SectionTitles {
            per_section: &prep.titelwoorden_ids,
            ids: &prep.titelwoord_ids,
            postings: &prep.titel_postings,
            first: &prep.titel_eerste,
            alias_count: prep.titelwoorden_ids.iter().map(Vec::len).sum(),
        }
    }

    /// How well a candidate names section `i` (`sd`): the best title_score over its title and
    /// aliases; 1 for any "Bijlage …" against the appendix.
    fn score(&self, i: usize, sd: &SectieDef, cand: &CandidateTitle) -> f64 {
        // "Bijlage 2 – Wijkkaart": any appendix after the checklist is no longer WSV plan text.
        if sd.soort == SectieSoort::Inspiratie && cand.bijlage {
            return 1.0;
        }
        // No word in common with any title: every title score below is exactly 0.
        if !cand.shares_title_word() {
            return 0.0;
        }
        let first = self.first.get(i).copied().unwrap_or(0);
        self.per_section.get(i).map_or(0.0, |ts| {
            ts.iter()
                .enumerate()
                .map(|(j, t)| {
                    // A word of the candidate that is no title word is in no title: only its
                    // title words can be shared, and `common` counts them.
                    let common = cand.common.get(first + j).copied().unwrap_or(0) as usize;
                    similarity::title_score_counts(common, cand.content_len, t.len())
                })
                .fold(0.0, f64::max)
        })
    }
}

/// Block index where each found section ends: the next found or unplaced heading, or the
/// document's end.
fn section_ends(doc: &Document, found: &[Option<Found>], unplaced: &[Unplaced]) -> Vec<usize> {
    let mut starts: Vec<usize> = found
        .iter()
        .flatten()
        .map(|f| f.idx)
        .chain(unplaced.iter().map(|u| u.idx))
        .collect();
    starts.sort_unstable();
    found
        .iter()
        .map(|f| match f {
            Some(f) => starts
                .iter()
                .copied()
                .find(|&s| s > f.idx)
                .unwrap_or(doc.blocks.len()),
            None => doc.blocks.len(),
        })
        .collect()
}

/// Best field of `def` for a label text: the one with the longest matching alias.
fn field_for_label(label: &str, def: &SjabloonDef) -> Option<usize> {
    let l = text::norm(label);
    let mut best: Option<(usize, usize)> = None;
    for (i, f) in def.velden.iter().enumerate() {
        for a in f.aliassen {
            if starts_with_phrase(&l, a) && best.is_none_or(|(_, len)| a.len() > len) {
                best = Some((i, a.len()));
            }
        }
    }
    best.map(|b| b.0)
}

/// A line that is only a field label ("Kernteamleden per discipline (naam, organisatie,
/// discipline)"), every word from the labels' vocabulary, so that a sentence in section 1 that
/// starts with "Wijk …" is not taken for the label of the lines after it.
fn is_bare_label(line: &str, def: &SjabloonDef) -> bool {
    let w = words(line);
    if w.is_empty() || field_for_label(line, def).is_none() {
        return false;
    }
    // Each label's words once, not once per word of the line.
    let labels: Vec<Vec<String>> = def.velden.iter().map(|f| words(f.label)).collect();
    w.iter().all(|x| {
        def.velden.iter().zip(&labels).any(|(f, label)| {
            label.contains(x) || f.aliassen.iter().any(|a| a.split(' ').any(|y| y == x))
        })
    })
}

/// A line that starts a field: a bare label, or "Label: …" whose label names a field.
fn is_label_line(line: &str, def: &SjabloonDef) -> bool {
    match line.find([':', '\t']) {
        Some(pos) => {
            let label = line.get(..pos).unwrap_or("");
            label.split_whitespace().count() <= 8 && field_for_label(label, def).is_some()
        }
        None => is_bare_label(line, def),
    }
}

/// Where the label ends in a line whose label and value a PDF printed without a gap
/// ("Kernteamleden per discipline (naam, organisatie, discipline)Huisarts (2), …": Chromium
/// draws a table's cells with no space between them): the field's label, the template's
/// parenthesised hint after it if any, then the value's first character right against it.
fn glued_label(line: &str, def: &SjabloonDef) -> Option<usize> {
    def.velden.iter().find_map(|f| {
        let head = line.get(..f.label.len())?;
        if !head.eq_ignore_ascii_case(f.label) {
            return None;
        }
        let mut end = f.label.len();
        let rest = line.get(end..)?;
        let trimmed = rest.trim_start();
        if trimmed.starts_with('(') {
            end += rest.len() - trimmed.len() + trimmed.find(')')? + 1;
        }
        let value = line.get(end..)?;
        let first = value.chars().next()?;
        // After a label ending in a letter ("Budgethouder"), only a capital or a digit starts a
        // glued value: "Budgethouders zijn …" is a sentence, not a field.
        let after_word = line
            .get(..end)?
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let starts_value = if after_word {
            first.is_uppercase() || first.is_ascii_digit()
        } else {
            !first.is_whitespace() && first != ':'
        };
        starts_value.then_some(end)
    })
}

/// A table of section 1, turned so that labels are in the first column.
struct LabelTable {
    idx: usize,
    /// The table as the document has it, or transposed when its labels run across the top.
    table: Table,
}

/// Number of distinct fields named by the first cells of the rows, and by the cells of the first
/// row (a table transposed by the WSV: labels across the top, values below).
fn label_hits(t: &Table, def: &SjabloonDef) -> (usize, usize) {
    let count = |labels: &mut dyn Iterator<Item = String>| {
        let mut hit = vec![false; def.velden.len()];
        for l in labels {
            if let Some(h) = field_for_label(&l, def).and_then(|i| hit.get_mut(i)) {
                *h = true;
            }
        }
        hit.iter().filter(|h| **h).count()
    };
    let down = count(
        &mut t
            .rows
            .iter()
            .filter_map(|r| r.cells.first().map(|c| c.text())),
    );
    let across = count(
        &mut t
            .rows
            .first()
            .into_iter()
            .flat_map(|r| r.cells.iter().map(|c| c.text())),
    );
    (down, across)
}

/// The section-1 tables: the top-level table with the most field labels (at least
/// [`MIN_LABELS`]), and the other tables of section 1 that name a field (the WSV split the table
/// in two). A table whose labels run across its first row is transposed.
fn find_label_tables(
    doc: &Document,
    def: &SjabloonDef,
    themes: Option<usize>,
    range1: Option<std::ops::Range<usize>>,
) -> Vec<LabelTable> {
    let mut all: Vec<(usize, usize, bool)> = Vec::new(); // (idx, hits, transposed)
    for (idx, b) in doc.blocks.iter().enumerate() {
        let Block::Table(t) = b else { continue };
        if Some(idx) == themes {
            continue;
        }
        let (down, across) = label_hits(t, def);
        let (n, transposed) = if across > down {
            (across, true)
        } else {
            (down, false)
        };
        if n > 0 {
            all.push((idx, n, transposed));
        }
    }
    let best = all.iter().filter(|(_, n, _)| *n >= MIN_LABELS).fold(
        None::<(usize, usize, bool)>,
        |b, x| match b {
            Some(b) if b.1 >= x.1 => Some(b),
            _ => Some(*x),
        },
    );
    let Some(best) = best else { return Vec::new() };
    all.into_iter()
        .filter(|(idx, _, _)| {
            *idx == best.0
                || range1
                    .as_ref()
                    .is_some_and(|r| r.contains(idx) && r.contains(&best.0))
        })
        .filter_map(|(idx, _, transposed)| match doc.blocks.get(idx) {
            Some(Block::Table(t)) => Some(LabelTable {
                idx,
                table: if transposed { transpose(t) } else { t.clone() },
            }),
            _ => None,
        })
        .collect()
}

/// `t` with rows and columns swapped: the cell starting at (row r, grid column c) goes to
/// (row c, grid column r), its spans swapped with it.
fn transpose(t: &Table) -> Table {
    let width = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.col + c.col_span.max(1)))
        .max()
        .unwrap_or(0);
    let mut rows: Vec<crate::model::Row> = (0..width)
        .map(|_| crate::model::Row {
            cells: Vec::new(),
            page: None,
        })
        .collect();
    for (ri, r) in t.rows.iter().enumerate() {
        for c in &r.cells {
            if let Some(row) = rows.get_mut(c.col) {
                row.page = row.page.or(r.page);
                row.cells.push(crate::model::Cell {
                    col: ri,
                    col_span: c.row_span.max(1),
                    row_span: c.col_span.max(1),
                    blocks: c.blocks.clone(),
                });
            }
        }
    }
    Table {
        rows,
        loc: t.loc.clone(),
    }
}

fn map_velden(
    doc: &Document,
    file: &str,
    def: &SjabloonDef,
    n1: u32,
    tables: &[LabelTable],
    range1: Option<std::ops::Range<usize>>,
    out: &mut Unplaceable,
) -> Velden {
    // Raw values per field: None = no row at all, Some("") = row left empty.
    let mut raw: Vec<Option<String>> = vec![None; def.velden.len()];
    // Per table: the field its last rows belong to.
    let mut last_of: Vec<(usize, Option<usize>)> = Vec::new();
    for lt in tables {
        // The field of the row above, for a row with an empty label cell (more kernteam rows).
        let mut last: Option<usize> = None;
        for (ri, r) in lt.table.rows.iter().enumerate() {
            let Some((first, rest)) = r.cells.split_first() else {
                continue;
            };
            let vals: Vec<String> = rest
                .iter()
                .map(cell_value)
                .filter(|v| !v.is_empty())
                .collect();
            let label = first.text();
            let Some(i) = field_for_label(&label, def) else {
                let label = text::squash_ws(&label);
                // Only in a PDF: there the nested kernteam table is drawn into the outer grid,
                // a member's name landing in the label column. In a Word table such a row is
                // the WSV's own (`Telefoon secretariaat`), reported below.
                let per_rij = r.page.is_some()
                    && last
                        .and_then(|i| def.velden.get(i))
                        .is_some_and(|f| f.per_rij);
                if label.is_empty() || per_rij {
                    // More rows of the field above: a member per row, its cells one line, as the
                    // nested kernteam table of the .docx reads ("naam, organisatie, discipline").
                    let cells: Vec<&str> = std::iter::once(label.as_str())
                        .chain(vals.iter().map(String::as_str))
                        .filter(|c| !c.is_empty())
                        .collect();
                    if let Some(slot) = last.and_then(|i| raw.get_mut(i)) {
                        if !cells.is_empty() && !is_nested_header(&cells) {
                            let line = if per_rij {
                                cells.join(", ")
                            } else {
                                cells.join("\n")
                            };
                            let s = slot.get_or_insert_with(String::new);
                            if !s.is_empty() {
                                s.push('\n');
                            }
                            s.push_str(&line);
                        }
                    }
                } else if !vals.is_empty() {
                    out.tekst.push(format!("{label} {}", vals.join(" ")));
                    out.findings.push(Finding::new(
                        Code::SJABLOON_AFWIJKING,
                        format!(
                            "De regel '{}' in de tabel van sectie {n1} (Algemene gegevens) hoort bij geen veld van het sjabloon; de waarde ('{}') staat niet in het register.",
                            quote(&label),
                            quote(&vals.join(" ")),
                        ),
                        format!("{file} §{n1} rij {}", ri + 1),
                    ));
                }
                continue;
            };
            last = Some(i);
            let Some(slot) = raw.get_mut(i) else { continue };
            if slot.is_none() {
                // "Wijk/WSV: Laak" typed into the label cell of a one-cell row.
                let inline = label
                    .split_once(':')
                    .map(|(_, v)| strip_placeholders(v))
                    .unwrap_or_default();
                let per_rij = def.velden.get(i).is_some_and(|f| f.per_rij);
                let refs: Vec<&str> = vals.iter().map(String::as_str).collect();
                *slot = Some(if vals.is_empty() {
                    inline
                } else if per_rij && is_nested_header(&refs) {
                    // "Naam | Organisatie | Discipline" beside the label: the members follow.
                    String::new()
                } else if per_rij {
                    vals.join(", ")
                } else {
                    vals.join("\n")
                });
            }
        }
        last_of.push((lt.idx, last));
    }
    // A PDF table that broke over a page with its kernteam last: the reader can give the rows on
    // the next page as lines after the table. They continue the field, up to the next label.
    let mut continued: Vec<usize> = Vec::new();
    if let Some(range) = &range1 {
        for (lt, (idx, last)) in tables.iter().zip(&last_of) {
            let from_pdf = lt.table.rows.iter().any(|r| r.page.is_some());
            let Some(field) = last.filter(|i| def.velden.get(*i).is_some_and(|f| f.per_rij)) else {
                continue;
            };
            if !from_pdf {
                continue;
            }
            for b in (idx + 1)..range.end {
                // The rest as lines, or as the table the page's layout made of it (one with no
                // field label of its own).
                let t = match doc.blocks.get(b) {
                    Some(Block::Paragraph(p)) if !is_label_line(p.text.trim(), def) => {
                        p.text.trim().to_string()
                    }
                    Some(Block::Table(t))
                        if !tables.iter().any(|lt| lt.idx == b) && label_hits(t, def) == (0, 0) =>
                    {
                        t.rows
                            .iter()
                            .map(|r| row_values(r).join(", "))
                            .filter(|l| !l.is_empty())
                            .collect::<Vec<_>>()
                            .join("\n")
                    }
                    _ => break,
                };
                continued.push(b);
                if t.is_empty() {
                    continue;
                }
                if let Some(slot) = raw.get_mut(field) {
                    let s = slot.get_or_insert_with(String::new);
                    if !s.is_empty() {
                        s.push('\n');
                    }
                    s.push_str(&t);
                }
            }
        }
    }
    // Without a table (e.g. a PDF whose table came out as lines, or a WSV that typed section 1
    // as paragraphs): "Label: value" paragraphs in section 1, or a label line ("Kernteamleden:")
    // followed by its value lines, fill what is still missing.
    if let Some(range) = range1 {
        let skip: Vec<usize> = tables
            .iter()
            .map(|t| t.idx)
            .chain(continued.iter().copied())
            .collect();
        let us: Vec<Unit> = units(doc, range, &skip)
            .into_iter()
            .filter(|u| !u.text.trim().is_empty())
            .collect();
        // The value is the lines up to the next label (a kernteam spans several).
        let following_len = |k: usize| -> usize {
            us.iter()
                .skip(k + 1)
                .take_while(|n| !is_label_line(&n.text, def))
                .count()
        };
        let following = |k: usize| -> String {
            let value: Vec<&str> = us
                .iter()
                .skip(k + 1)
                .take(following_len(k))
                .map(|n| n.text.as_str())
                .collect();
            value.join("\n")
        };
        // Which lines went into a field (as its label or its value); the rest is reported.
        let mut used = vec![false; us.len()];
        for (k, u) in us.iter().enumerate() {
            let (label, value, value_lines) = match u.text.find([':', '\t']) {
                Some(pos) => {
                    let after = strip_placeholders(u.text.get(pos + 1..).unwrap_or(""));
                    let label = u.text.get(..pos).unwrap_or("");
                    if after.is_empty() {
                        (label, following(k), following_len(k))
                    } else {
                        (label, after, 0)
                    }
                }
                None if is_bare_label(&u.text, def) => {
                    (u.text.as_str(), following(k), following_len(k))
                }
                None => match glued_label(&u.text, def) {
                    Some(end) => (
                        u.text.get(..end).unwrap_or(""),
                        strip_placeholders(u.text.get(end..).unwrap_or("")),
                        0,
                    ),
                    None => continue,
                },
            };
            if label.split_whitespace().count() > 8 {
                continue;
            }
            if let Some(i) = field_for_label(label, def) {
                for m in used.iter_mut().skip(k).take(1 + value_lines) {
                    *m = true;
                }
                if let Some(slot) = raw.get_mut(i) {
                    if slot.is_none() {
                        *slot = Some(strip_placeholders(&value));
                    }
                }
            }
        }
        let rest: Vec<Unit> = us
            .iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|(u, _)| u.clone())
            .collect();
        let overig = def
            .secties
            .iter()
            .position(|s| s.soort == SectieSoort::Velden)
            .and_then(|i| def.prepared().overig_per_sectie.get(i))
            .map_or(&[][..], Vec::as_slice);
        let stripped = strip_template(&rest, def, overig);
        if !stripped.text.is_empty() {
            out.findings.push(Finding::new(
                Code::SJABLOON_AFWIJKING,
                format!(
                    "Sectie {n1} (Algemene gegevens) bevat tekst die bij geen veld van het sjabloon hoort ({} tekens: '{}'); die staat niet in het register als veld. Kijk of die ergens hoort (de volledige tekst staat in v_tekst).",
                    stripped.text.chars().count(),
                    quote(&stripped.text),
                ),
                format!("{file} §{n1}"),
            ));
            out.tekst.push(stripped.text);
        }
    }

    let page = page_suffix(tables.first().and_then(|t| block_page(doc, t.idx)));
    let mut velden = Velden::default();
    for (f, value) in def.velden.iter().zip(raw) {
        // `format!("{file} §{n1} '{}'{page}", f.label)` piece by piece (issue 15).
        let mut bron = String::with_capacity(file.len() + f.label.len() + page.len() + 16);
        bron.push_str(file);
        bron.push_str(" §");
        bron.push_str(&n1.to_string());
        bron.push_str(" '");
        bron.push_str(f.label);
        bron.push('\'');
        bron.push_str(&page);
        let waarde = value
            .as_deref()
            .map(strip_placeholders)
            .filter(|v| !v.is_empty());
        if waarde.is_none() {
            let bericht = match value {
                None => format!(
                    "Het veld '{}' ontbreekt in sectie {n1} (Algemene gegevens).",
                    f.label
                ),
                Some(_) => format!(
                    "Het veld '{}' in sectie {n1} (Algemene gegevens) is niet ingevuld.",
                    f.label
                ),
            };
            out.findings.push(Finding::new(
                Code::VELD_NIET_INGEVULD,
                bericht,
                bron.clone(),
            ));
        }
        if let Some(slot) = velden.get_mut(f.sleutel) {
            *slot = Veld { waarde, bron };
        }
    }
    velden
}

/// Where the themes table is.
struct ThemesTable {
    idx: usize,
    /// Index of the header row (in the transposed table if there is one).
    header: usize,
    /// The table turned back when the WSV transposed it (themes across the top, columns down).
    transposed: Option<Table>,
}

/// The themes table: the first top-level table with a row naming at least [`MIN_COLUMNS`] of the
/// sjabloon's columns among its first three rows, or whose first column names them (transposed).
fn find_themes_table(doc: &Document, def: &SjabloonDef) -> Option<ThemesTable> {
    doc.blocks.iter().enumerate().find_map(|(idx, b)| {
        let Block::Table(t) = b else { return None };
        if let Some(header) = header_row(t, def) {
            return Some(ThemesTable {
                idx,
                header,
                transposed: None,
            });
        }
        let down = t
            .rows
            .iter()
            .filter_map(|r| r.cells.first())
            .filter_map(|c| column_for_header(&c.text(), def))
            .collect::<std::collections::BTreeSet<usize>>()
            .len();
        if down < MIN_COLUMNS {
            return None;
        }
        let tt = transpose(t);
        let header = header_row(&tt, def)?;
        Some(ThemesTable {
            idx,
            header,
            transposed: Some(tt),
        })
    })
}

/// The header row among a table's first three rows, if it names at least [`MIN_COLUMNS`] columns.
fn header_row(t: &Table, def: &SjabloonDef) -> Option<usize> {
    t.rows.iter().take(3).position(|r| {
        let mut seen = [false; 5];
        for k in r
            .cells
            .iter()
            .filter_map(|c| column_for_header(&c.text(), def))
        {
            if let Some(s) = seen.get_mut(k) {
                *s = true;
            }
        }
        seen.iter().filter(|s| **s).count() >= MIN_COLUMNS
    })
}

/// Most lines of text between the themes table and a table that continues it.
const MAX_LINES_BETWEEN: usize = 2;
/// Most words such a line may have ("Vervolg van de tabel:", "(zie volgende pagina)").
const MAX_WORDS_BETWEEN: usize = 20;

/// Tables right after the themes table that continue it: a table split at a page break (PDF), by
/// an empty paragraph or by a short line of text, with or without a repeated header row, whose
/// first data row reads like a theme ("6. Gezonde arbeidsmarkt", or a sjabloon theme's name).
/// The lines in between stay text of section 4.
fn continuation_tables(doc: &Document, def: &SjabloonDef, idx: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut lines = 0;
    let mut i = idx + 1;
    while let Some(b) = doc.blocks.get(i) {
        match b {
            Block::Paragraph(p) if p.text.trim().is_empty() => {}
            Block::Paragraph(p)
                if lines < MAX_LINES_BETWEEN
                    && !p.in_text_box
                    && !(p.bold && split_leading_number(&p.text).is_some())
                    && p.text.split_whitespace().count() <= MAX_WORDS_BETWEEN =>
            {
                lines += 1;
            }
            Block::Table(t) => {
                let first_data = header_row(t, def).map_or(0, |h| h + 1);
                let theme_like = t
                    .rows
                    .get(first_data)
                    .and_then(|r| r.cells.first())
                    .is_some_and(|c| {
                        let name = c.text();
                        split_leading_number(&name).is_some()
                            || template_theme(&strip_placeholders(&name), def).is_some()
                    });
                if !theme_like {
                    break;
                }
                out.push(i);
                lines = 0;
            }
            _ => break,
        }
        i += 1;
    }
    out
}

/// The page a top-level block is on (PDF only; Word has no pages in its file).
fn block_page(doc: &Document, idx: usize) -> Option<u32> {
    match doc.blocks.get(idx)? {
        Block::Heading(h) => h.loc.page,
        Block::Paragraph(p) => p.loc.page,
        Block::Table(t) => t.loc.page,
    }
}

/// ` p.3` for a value read from page 3 of a PDF, so `bron` says where to look; nothing for Word.
fn page_suffix(page: Option<u32>) -> String {
    page.map(|p| format!(" p.{p}")).unwrap_or_default()
}

fn column_for_header(header: &str, def: &SjabloonDef) -> Option<usize> {
    let h = text::norm(header);
    // A PDF's text layer can lose the space between two header words ("Betrokkenpartijen en
    // trekker"), so a header also matches an alias with the spaces left out of both.
    let h_tight: String = h.chars().filter(|c| *c != ' ').collect();
    let krap = &def.prepared().kolom_aliassen_krap;
    let mut best: Option<(usize, usize)> = None;
    for (k, col) in def.kolommen.iter().enumerate() {
        let tight = krap.get(k).map_or(&[][..], Vec::as_slice);
        for (j, a) in col.aliassen.iter().enumerate() {
            // `a.contains(' ') && starts_with_without_spaces(&h_tight, a)`, with the alias's
            // spaces left out once per sjabloon (`Prepared::kolom_aliassen_krap`).
            // An alias with a space is longer than itself without: no search for the space.
            let hit = starts_with_phrase(&h, a)
                || tight
                    .get(j)
                    .is_some_and(|t| t.len() != a.len() && h_tight.starts_with(t.as_str()));
            if hit && best.is_none_or(|(_, len)| a.len() > len) {
                best = Some((k, a.len()));
            }
        }
    }
    best.map(|b| b.0)
}

/// `tight` starts with `alias` with its spaces left out: the test [`column_for_header`] made per
/// alias and header before the aliases were stripped of their spaces once per sjabloon; kept as
/// the reference the stripped aliases are tested against.
#[cfg(test)]
fn starts_with_without_spaces(tight: &str, alias: &str) -> bool {
    let mut t = tight.chars();
    alias
        .chars()
        .filter(|c| *c != ' ')
        .all(|c| t.next() == Some(c))
}

/// Text pieces one logical column of one row receives, and whether any came from a merged cell.
/// A piece is shared (`Rc`), not copied: a merged cell over 5 columns × 40 rows is one text
/// with 200 references until the themes are built.
#[derive(Debug, Clone, Default)]
struct Slot {
    pieces: Vec<Rc<str>>,
    merged: bool,
}

impl Slot {
    fn push(&mut self, text: &Rc<str>, merged: bool) {
        if !text.is_empty()
            && !self
                .pieces
                .iter()
                .any(|p| Rc::ptr_eq(p, text) || **p == **text)
        {
            self.pieces.push(text.clone());
        }
        self.merged |= merged;
    }
}

/// The text a merged cell gives to the logical cells it covers, bounded where the copies are
/// made (the bounds in `bounds.rs` only see the result, after the copies exist): the first cell
/// to receive a text gets up to MAX_TEXT_PER_VALUE characters of it, every further cell up to
/// MAX_TEXT_PER_MERGED_COPY, and all of them together at most half of MAX_TEXT_PER_FILE (the
/// rest of the file keeps its share). Without this, one 2 MB cell over 5 × 40 cells became
/// 400 MB of copies (3 GB in the process) before anything could cut them. What is cut is said in
/// the file's finding, with the real size of the text.
struct MergedCopies {
    left: usize,
    given: std::collections::HashSet<*const u8>,
    cut: usize,
    longest: usize,
}

impl MergedCopies {
    fn new() -> MergedCopies {
        MergedCopies {
            left: MAX_TEXT_PER_FILE / 2,
            given: Default::default(),
            cut: 0,
            longest: 0,
        }
    }

    /// The pieces joined by '\n', within the bounds above (the last character `…` when cut);
    /// never builds the whole text first.
    fn join(&mut self, pieces: &[Rc<str>]) -> String {
        let chars: usize = pieces.iter().map(|p| p.chars().count()).sum::<usize>()
            + pieces.len().saturating_sub(1);
        // A copy: one of the pieces was given to a cell before (same text, same allocation).
        // Every piece is marked as given (no short-circuit).
        let mut copy = false;
        for p in pieces {
            copy |= !self.given.insert(p.as_ptr());
        }
        let bound = if copy {
            MAX_TEXT_PER_MERGED_COPY
        } else {
            MAX_TEXT_PER_VALUE
        };
        if chars <= bound && chars <= self.left {
            self.left -= chars;
            return pieces.iter().map(|p| &**p).collect::<Vec<_>>().join("\n");
        }
        self.cut += 1;
        self.longest = self.longest.max(chars);
        // One character less than the bound, plus the ellipsis: the value stays within
        // MAX_TEXT_PER_VALUE, so `bounds` does not cut (and count) it a second time.
        let keep = (bound - 1).min(self.left);
        self.left -= keep;
        let mut out = String::new();
        let joined = pieces
            .iter()
            .enumerate()
            .flat_map(|(i, p)| (i > 0).then_some('\n').into_iter().chain(p.chars()));
        out.extend(joined.take(keep));
        out.push('…');
        out
    }

    fn finding(&self, file: &str, n4: u32) -> Option<Finding> {
        (self.cut > 0).then(|| {
            Finding::new(
                Code::BESTAND_ONLEESBAAR,
                format!(
                    "{file} is maar voor een deel gelezen: {} cellen van de thematabel (§{n4}) kregen tekst van een samengevoegde cel en zijn ingekort, de eerste tot {} tekens (MAX_TEXT_PER_VALUE), elke volgende tot {} (MAX_TEXT_PER_MERGED_COPY), samen tot {} (de helft van MAX_TEXT_PER_FILE); de langste tekst had {} tekens.",
                    self.cut,
                    crate::wijkindeling::nl_getal(MAX_TEXT_PER_VALUE as u64),
                    crate::wijkindeling::nl_getal(MAX_TEXT_PER_MERGED_COPY as u64),
                    crate::wijkindeling::nl_getal((MAX_TEXT_PER_FILE / 2) as u64),
                    crate::wijkindeling::nl_getal(self.longest as u64),
                ),
                format!("{file} §{n4}"),
            )
        })
    }
}

/// Rows of the themes table → themes. Columns are mapped by header text onto grid column ranges,
/// so a merged cell gives its text to every column (and, with vMerge, every row) it covers.
fn map_themes(
    tables: &[&Table],
    header: usize,
    file: &str,
    def: &SjabloonDef,
    n4: u32,
    findings: &mut Vec<Finding>,
    ongeplaatst: &mut Vec<String>,
) -> Vec<Thema> {
    let Some(t) = tables.first() else {
        return Vec::new();
    };
    // Grid ranges of the logical columns, from the header cells; and of the header cells that
    // name no column of the sjabloon (their text cannot be placed).
    let mut cols: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, kolom)
    let mut foreign: Vec<(usize, usize, String)> = Vec::new(); // (start, end, header)
    if let Some(hr) = t.rows.get(header) {
        for c in &hr.cells {
            let (start, end) = (c.col, c.col + c.col_span.max(1));
            match column_for_header(&c.text(), def) {
                Some(k) => cols.push((start, end, k)),
                None => foreign.push((start, end, text::squash_ws(&c.text()))),
            }
        }
    }
    let name_end = cols.iter().map(|c| c.0).min().unwrap_or(1);
    foreign.retain(|f| f.0 >= name_end);
    // Per foreign column (or, last, cells under no header at all): (row, text).
    let mut lost: Vec<Vec<(usize, String)>> = vec![Vec::new(); foreign.len() + 1];
    let mut data: Vec<&crate::model::Row> = t.rows.iter().skip(header + 1).collect();
    for cont in tables.iter().skip(1) {
        let own_header = header_row(cont, def).map_or(0, |h| h + 1);
        data.extend(cont.rows.iter().skip(own_header));
    }

    // Contributions per data row and logical column.
    let mut slots: Vec<[Slot; 5]> = vec![Default::default(); data.len()];
    let mut names: Vec<Option<String>> = vec![None; data.len()];
    // Rows whose name cell holds only a placeholder ("…"): an empty free row of the sjabloon,
    // not a continuation of the row above.
    let mut placeholder_name = vec![false; data.len()];
    for (ri, r) in data.iter().enumerate() {
        // The name cell: the one in the name column, or (row shifted by gridBefore) a first cell
        // that reads like "3. Ouderen".
        let name_cell = r.cells.iter().position(|c| c.col < name_end).or_else(|| {
            r.cells
                .first()
                .filter(|c| split_leading_number(&c.text()).is_some())
                .map(|_| 0)
        });
        if let Some(ci) = name_cell {
            if let Some(c) = r.cells.get(ci) {
                let span = c.row_span.max(1);
                // The name cell's value once (it was read twice, issue 15); the cell's text only
                // when no value is left, to tell a placeholder from an empty cell.
                let value = cell_value(c);
                if let Some(p) = placeholder_name.get_mut(ri) {
                    *p = value.is_empty() && !c.text().trim().is_empty();
                }
                let mut value = Some(value);
                for rr in ri..(ri + span).min(data.len()) {
                    if let Some(n) = names.get_mut(rr) {
                        // A name merged over several rows names the first; the others continue it.
                        *n = Some(if rr == ri {
                            value.take().unwrap_or_default()
                        } else {
                            String::new()
                        });
                    }
                }
            }
        }
        for (ci, c) in r.cells.iter().enumerate() {
            if Some(ci) == name_cell {
                continue;
            }
            let (start, end) = (c.col, c.col + c.col_span.max(1));
            let covered: Vec<usize> = cols
                .iter()
                .filter(|(s, e, _)| *s < end && start < *e)
                .map(|(_, _, k)| *k)
                .collect();
            let mut distinct = covered.clone();
            distinct.sort_unstable();
            distinct.dedup();
            if distinct.is_empty() {
                let v = cell_value(c);
                if !v.is_empty() {
                    let k = foreign
                        .iter()
                        .position(|(s, e, _)| *s < end && start < *e)
                        .unwrap_or(foreign.len());
                    if let Some(l) = lost.get_mut(k) {
                        l.push((ri + 1, v));
                    }
                }
                continue;
            }
            let merged = distinct.len() > 1 || c.row_span > 1;
            let value: Rc<str> = cell_value(c).into();
            for rr in ri..(ri + c.row_span.max(1)).min(data.len()) {
                for k in &distinct {
                    if let Some(s) = slots.get_mut(rr).and_then(|row| row.get_mut(*k)) {
                        s.push(&value, merged);
                    }
                }
            }
        }
    }

    for (k, cells) in lost.iter().enumerate() {
        let Some((first_row, _)) = cells.first() else {
            continue;
        };
        let quoted: Vec<String> = cells
            .iter()
            .take(3)
            .map(|(_, v)| format!("'{}'", quote(v)))
            .collect();
        let more = if cells.len() > 3 { ", …" } else { "" };
        ongeplaatst.extend(cells.iter().map(|(_, v)| v.clone()));
        let (wat, bron) = match foreign.get(k) {
            Some((_, _, h)) if !h.is_empty() => (
                format!(
                    "De kolom '{}' van de thematabel (§{n4}) hoort bij geen kolom van het sjabloon",
                    quote(h)
                ),
                format!("{file} §{n4} kolom '{}'", quote(h)),
            ),
            _ => (
                format!("De thematabel (§{n4}) heeft cellen buiten de kolommen van het sjabloon"),
                format!("{file} §{n4} rij {first_row}"),
            ),
        };
        findings.push(Finding::new(
            Code::SJABLOON_AFWIJKING,
            format!(
                "{wat}; de tekst in {} cel{} ({}{more}) staat bij geen thema in het register.",
                cells.len(),
                if cells.len() == 1 { "" } else { "len" },
                quoted.join(", "),
            ),
            bron,
        ));
    }

    let mut themas: Vec<(Thema, [Slot; 5], bool)> = Vec::new(); // (…, numbered by the sjabloon)
    let pages: Vec<Option<u32>> = data.iter().map(|r| r.page).collect();
    for (ri, (row_slots, name)) in slots.into_iter().zip(names).enumerate() {
        let r = ri + 1;
        let name = name.unwrap_or_default();
        let has_text = row_slots.iter().any(|s| !s.pieces.is_empty());
        if name.trim().is_empty() && !placeholder_name.get(ri).copied().unwrap_or(false) {
            // A row without a name continues the theme above (a WSV that needed more room).
            if let Some((_, prev, _)) = themas.last_mut() {
                for (p, s) in prev.iter_mut().zip(row_slots) {
                    for piece in &s.pieces {
                        p.push(piece, s.merged);
                    }
                }
                continue;
            }
            if !has_text {
                continue;
            }
        }
        let (nummer, naam) = theme_number_and_name(&name, def);
        let bron = format!(
            "{file} §{n4} rij {r}{}",
            page_suffix(pages.get(ri).copied().flatten())
        );
        let thema = Thema {
            nummer: nummer.unwrap_or(0),
            naam,
            bron,
            ..Default::default()
        };
        themas.push((thema, row_slots, nummer.is_some()));
    }
    number_free_themes(&mut themas, def);

    let mut copies = MergedCopies::new();
    let themas = themas
        .into_iter()
        .map(|(mut t, s, _)| {
            let texts: Vec<String> = s
                .iter()
                .map(|s| match s.merged {
                    true => copies.join(&s.pieces),
                    false => s.pieces.iter().map(|p| &**p).collect::<Vec<_>>().join("\n"),
                })
                .collect();
            for (k, (slot, txt)) in s.iter().zip(texts).enumerate() {
                let col = def.kolommen.get(k).map_or("", |c| c.naam);
                let merged = if slot.merged {
                    " (samengevoegde cel)"
                } else {
                    ""
                };
                if let Some(b) = t.cel_bronnen.get_mut(k) {
                    // `format!("{} '{col}'{merged}", t.bron)`, appended piece by piece: five
                    // per theme, and the formatting machinery cost more than the text (issue 15).
                    let mut bron =
                        String::with_capacity(t.bron.len() + col.len() + merged.len() + 3);
                    bron.push_str(&t.bron);
                    bron.push_str(" '");
                    bron.push_str(col);
                    bron.push('\'');
                    bron.push_str(merged);
                    *b = bron;
                }
                match k {
                    0 => t.doelen = txt,
                    1 => t.activiteiten = txt,
                    2 => t.resultaten = txt,
                    3 => t.middelen = txt,
                    _ => t.partijen = txt,
                }
            }
            t
        })
        .collect();
    findings.extend(copies.finding(file, n4));
    themas
}

/// "8. Laaggeletterdheid" → (8, "Laaggeletterdheid"); "8. …" → (8, ""); "Preventie" (number
/// deleted) → the sjabloon's number for that theme; a name of the WSV's own without a number
/// ("Eenzaamheid") → no number yet (see [`number_free_themes`]).
fn theme_number_and_name(name: &str, def: &SjabloonDef) -> (Option<u32>, String) {
    let name = text::squash_ws(name);
    if let Some((n, rest)) = split_leading_number(&name) {
        return (Some(n), strip_placeholders(rest));
    }
    let cleaned = strip_placeholders(&name);
    (template_theme(&cleaned, def), cleaned)
}

/// The sjabloon's number of a fixed theme named `name` (tolerantly: "Ouderen" is
/// "(Kwetsbare) ouderen").
fn template_theme(name: &str, def: &SjabloonDef) -> Option<u32> {
    def.themas
        .iter()
        .position(|t| t.chars().any(char::is_alphanumeric) && title_score(name, t) >= 0.8)
        .map(|i| i as u32 + 1)
}

/// Gives the unnumbered free themes numbers after the sjabloon's fixed themes, as the sjabloon's
/// own free rows 8 and 9 are numbered: the first number after the fixed themes that no other
/// theme with a name or content holds. An empty free row ("8. …") whose number a free theme took
/// is dropped: it held nothing, and keeping it would give two themes one number.
fn number_free_themes(themas: &mut Vec<(Thema, [Slot; 5], bool)>, def: &SjabloonDef) {
    let fixed = def
        .themas
        .iter()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .count() as u32;
    let is_empty =
        |t: &Thema, s: &[Slot; 5]| t.naam.is_empty() && s.iter().all(|s| s.pieces.is_empty());
    let mut held: std::collections::BTreeSet<u32> = themas
        .iter()
        .filter(|(t, s, numbered)| *numbered && !is_empty(t, s))
        .map(|(t, _, _)| t.nummer)
        .collect();
    let mut given: Vec<u32> = Vec::new();
    let mut free: Vec<bool> = Vec::with_capacity(themas.len());
    for (t, _, numbered) in themas.iter_mut() {
        free.push(!*numbered);
        if *numbered {
            continue;
        }
        let mut n = fixed + 1;
        while held.contains(&n) {
            n += 1;
        }
        held.insert(n);
        given.push(n);
        t.nummer = n;
        *numbered = true;
    }
    let mut k = 0;
    themas.retain(|(t, s, _)| {
        let was_free = free.get(k).copied().unwrap_or(false);
        k += 1;
        was_free || !(given.contains(&t.nummer) && is_empty(t, s))
    });
}

/// A section's text with template text taken out.
#[derive(Debug, Default, PartialEq)]
struct Stripped {
    text: String,
    example_left: bool,
}

/// Drops the bracketed instruction (also over several paragraphs), placeholders and other
/// template lines silently, and example text with a flag. Instructions and examples of *every*
/// section are tried, since a renumbered or reordered plan can carry them anywhere. `other` are
/// the other template lines to drop, as words (`Prepared::overig_per_sectie`, `voorwoord`).
fn strip_template(units: &[Unit], def: &SjabloonDef, other: &[Vec<String>]) -> Stripped {
    let prep = def.prepared();
    let index = &prep.index;
    let mut scratch = Scratch::default();
    // One normalisation buffer for every text below (issue 15: a string per paragraph and per
    // word was a large share of the mapping's allocations).
    let mut buf = String::new();

    // 1. Bracketed instructions: "[…]" possibly spanning paragraphs, possibly followed by more
    //    text in the same paragraph (the sjabloon glues "Voorbeeld: …" right after "]").
    let mut items: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(u) = units.get(i) {
        let t = u.text.trim();
        if t.starts_with('[') {
            // Collect up to the closing bracket.
            let mut run: Vec<String> = Vec::new();
            let mut j = i;
            let mut after: Option<String> = None;
            while let Some(v) = units.get(j) {
                if let Some(pos) = v.text.find(']') {
                    run.push(v.text.get(..=pos).unwrap_or("").to_string());
                    after = Some(v.text.get(pos + 1..).unwrap_or("").trim().to_string());
                    break;
                }
                run.push(v.text.clone());
                j += 1;
            }
            let run_text = run.join(" ");
            // An instruction left exactly as the sjabloon has it (the usual case) has that
            // instruction's words, similar at 1.0: no need to normalise and compare it (issue 15).
            let is_instruction = prep.instructie_teksten.contains(&run_text) || {
                let mut joined = Vec::new();
                index.vocab.encode_text(&run_text, &mut buf, &mut joined);
                index
                    .instructions
                    .first_similar(&joined, similarity::PARAGRAPH_THRESHOLD, &mut scratch)
                    .is_some()
            };
            if is_instruction {
                if let Some(a) = after.filter(|a| !a.is_empty()) {
                    items.push(a);
                }
                i = j + 1;
                continue;
            }
        }
        items.push(t.to_string());
        i += 1;
    }

    // 2. Placeholders and other template lines; and each item kept, its words as ids in the
    //    sjabloon's vocabulary for step 3. Each item is normalised once for both (issue 15: it
    //    was normalised, and split into a string per word, for each), its words compared with
    //    the other template lines as slices of that buffer.
    let other: Vec<Vec<&str>> = other
        .iter()
        .map(|o| o.iter().map(String::as_str).collect())
        .collect();
    let mut kept_items: Vec<String> = Vec::new();
    let mut item_words: Vec<Vec<u32>> = Vec::new();
    for t in &items {
        let t = strip_placeholders(t);
        if t.is_empty() {
            continue;
        }
        buf.clear();
        text::norm_into(&t, &mut buf);
        let words = text::words(&buf);
        // Most sections have no other template lines: then there is nothing to compare.
        if !other.is_empty() {
            let w: Vec<&str> = words.clone().collect();
            if other
                .iter()
                .any(|o| similar_words(&w, o, similarity::PARAGRAPH_THRESHOLD))
            {
                continue;
            }
        }
        let mut ids = Vec::new();
        index.vocab.encode_words(words, &mut ids);
        item_words.push(ids);
        kept_items.push(t);
    }
    let items = kept_items;

    // 3. Example text.
    let mut marked: Vec<bool> = item_words
        .iter()
        .map(|w| w.len() >= SHORT_WORDS && is_example(w, index, &mut scratch))
        .collect();
    // Short example lines count when they sit next to example text; repeat until stable.
    loop {
        let mut changed = false;
        for k in 0..item_words.len() {
            if marked.get(k) == Some(&true) {
                continue;
            }
            let next_to =
                (k > 0 && marked.get(k - 1) == Some(&true)) || marked.get(k + 1) == Some(&true);
            if next_to
                && item_words.get(k).is_some_and(|w| {
                    index
                        .example_lines
                        .first_similar(w, similarity::PARAGRAPH_THRESHOLD, &mut scratch)
                        .is_some()
                })
            {
                if let Some(m) = marked.get_mut(k) {
                    *m = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let kept: Vec<&str> = items
        .iter()
        .zip(&marked)
        .filter(|(_, m)| !**m)
        .map(|(t, _)| t.as_str())
        .collect();
    Stripped {
        text: kept.join("\n"),
        example_left: marked.iter().any(|m| *m),
    }
}

/// A paragraph is example text when it is similar to an example paragraph, to up to three
/// consecutive ones run together, or is a long fragment of one (at least [`FRAGMENT_SHARE`] of
/// its word trigrams in one example line). The index compares it only with the example texts it
/// shares enough words or trigrams with.
fn is_example(w: &[u32], index: &TemplateIndex, scratch: &mut Scratch) -> bool {
    index
        .example_windows
        .first_similar(w, similarity::PARAGRAPH_THRESHOLD, scratch)
        .is_some()
        || (w.len() >= FRAGMENT_WORDS
            && index
                .example_trigrams
                .any_line_shares(w, FRAGMENT_SHARE, scratch))
}

/// The sjabloon's checklist items, each ticked as the document ticks it. Items are matched
/// tolerantly; an item the document lacks, or shows without a checkbox, is not ticked. Extra items
/// with a checkbox in the checklist section follow the sjabloon's.
fn map_checklist(
    doc: &Document,
    file: &str,
    def: &SjabloonDef,
    n10: u32,
    range: Option<std::ops::Range<usize>>,
) -> Vec<ChecklistItem> {
    let in_range: Vec<(usize, &crate::model::Paragraph)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(i, _)| range.as_ref().is_none_or(|r| r.contains(i)))
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) if range.is_some() || p.checkbox.is_some() => Some((i, p)),
            _ => None,
        })
        .filter(|(_, p)| !p.text.trim().is_empty())
        .collect();
    let mut used = vec![false; in_range.len()];
    // Each paragraph's words once, not once per checklist item, and as the numbers of the
    // checklist's words (a word no item has is ABSENT, equal to no item word): the LCS compares
    // numbers, not strings, with the same result (issue 15).
    let prep = def.prepared();
    let mut buf = String::new();
    let para_words: Vec<Vec<u32>> = in_range
        .iter()
        .map(|(_, p)| {
            let mut ids = Vec::new();
            text::for_each_word(&p.text, &mut buf, |w| {
                ids.push(prep.checklist_woorden.get(w).copied().unwrap_or(ABSENT));
            });
            ids
        })
        .collect();
    let mut out = Vec::new();
    for (i, item) in def.checklist.iter().enumerate() {
        let iw = prep.checklist_ids.get(i).map_or(&[][..], Vec::as_slice);
        let mut best: Option<(usize, f64)> = None;
        for (k, pw) in para_words.iter().enumerate() {
            if used.get(k) == Some(&true) {
                continue;
            }
            // Most paragraphs differ in length too much to reach the threshold: no table for them.
            if similarity::lcs_ratio_bound(iw.len(), pw.len()) < CHECKLIST_THRESHOLD {
                continue;
            }
            let s = lcs_ratio(iw, pw);
            if s >= CHECKLIST_THRESHOLD && best.is_none_or(|(_, bs)| s > bs) {
                best = Some((k, s));
            }
        }
        let at = page_suffix(
            best.and_then(|(k, _)| in_range.get(k))
                .and_then(|(_, p)| p.loc.page),
        );
        let aangevinkt = match best {
            Some((k, _)) => {
                if let Some(u) = used.get_mut(k) {
                    *u = true;
                }
                in_range.get(k).and_then(|(_, p)| p.checkbox) == Some(true)
            }
            None => false,
        };
        out.push(ChecklistItem {
            tekst: item.to_string(),
            aangevinkt,
            bron: format!("{file} §{n10} item {}{at}", i + 1),
        });
    }
    for (k, (_, p)) in in_range.iter().enumerate() {
        if used.get(k) == Some(&true) || p.checkbox.is_none() {
            continue;
        }
        let n = out.len() + 1;
        out.push(ChecklistItem {
            tekst: p.text.trim().to_string(),
            aangevinkt: p.checkbox == Some(true),
            bron: format!("{file} §{n10} item {n}{}", page_suffix(p.loc.page)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::sjabloon_haaglanden::HAAGLANDEN_2025;
    use super::super::testdoc::*;
    use super::super::{fingerprint, map_document};
    use super::glued_label;
    use crate::domain::{Code, Discipline, Sjabloon, Wijkplan};
    use crate::model::{Block, Document};

    const F: &str = "Wijkplan Laak.docx";

    /// A candidate that shares no word with any title or alias is marked so, and its score is
    /// what the full comparison gives: 0 against every section (1 for "Bijlage …" against the
    /// appendix, which needs no shared word).
    #[test]
    fn candidate_without_title_words_scores_zero_without_comparing() {
        use super::super::similarity::{content_words, title_score_words};
        use super::{CandidateTitle, SectionTitles};
        let titles = SectionTitles::of(&HAAGLANDEN_2025);
        for (title, shares) in [
            ("Huidige situatie", true),
            ("4. Thema’s en activiteiten", true),
            ("Een lange alinea van de WSV die geen kop is.", false),
            ("Bijlage 2 – Wijkkaart", true),
            ("", false),
            // Repeats, function words and words in no title count as content_words counts them.
            (
                "De situatie de situatie van de wijk, huidige huidige buurt buurt",
                true,
            ),
            ("Monitoring & evaluatie: onze eigen eigen aanpak", true),
            ("bijlage", true),
        ] {
            let cand = CandidateTitle::of(title, &titles, &mut String::from("left over"));
            assert_eq!(cand.shares_title_word(), shares, "{title}");
            assert_eq!(cand.content_len, content_words(title).len(), "{title}");
            let flat: Vec<&Vec<u32>> = titles.per_section.iter().flatten().collect();
            for (a, t) in flat.iter().enumerate() {
                let direct = cand.title_words.iter().filter(|w| t.contains(w)).count();
                let counted = cand.common.get(a).copied().unwrap_or(0) as usize;
                assert_eq!(counted, direct, "{title} title {a}");
            }
            for (i, sd) in HAAGLANDEN_2025.secties.iter().enumerate() {
                let full = HAAGLANDEN_2025.prepared().titelwoorden[i]
                    .iter()
                    .map(|t| title_score_words(&content_words(title), t))
                    .fold(0.0, f64::max);
                let expected = if sd.soort == super::SectieSoort::Inspiratie && cand.bijlage {
                    1.0
                } else {
                    full
                };
                assert_eq!(
                    titles.score(i, sd, &cand),
                    expected,
                    "{title} §{}",
                    sd.nummer
                );
            }
        }
    }

    /// The aliases without spaces made once are what `starts_with_without_spaces` compares
    /// against: a tight header starts with one exactly when that test says so; and one is
    /// shorter than its alias exactly when the alias has a space.
    #[test]
    fn tight_column_aliases_equal_the_char_test() {
        let krap = &HAAGLANDEN_2025.prepared().kolom_aliassen_krap;
        for (k, col) in HAAGLANDEN_2025.kolommen.iter().enumerate() {
            for (j, a) in col.aliassen.iter().enumerate() {
                let t = &krap[k][j];
                assert_eq!(t.len() != a.len(), a.contains(' '), "{a}");
                for h in [
                    t.clone(),
                    format!("{t}x"),
                    t.chars().skip(1).collect(),
                    String::new(),
                ] {
                    assert_eq!(
                        h.starts_with(t.as_str()),
                        super::starts_with_without_spaces(&h, a),
                        "{a} {h}"
                    );
                }
            }
        }
    }

    #[test]
    fn column_header_that_lost_a_space_in_a_pdf_still_maps() {
        use super::column_for_header;
        assert_eq!(
            column_for_header("Betrokken partijen en trekker", &HAAGLANDEN_2025),
            Some(4)
        );
        assert_eq!(
            column_for_header("Betrokkenpartijen en trekker", &HAAGLANDEN_2025),
            Some(4)
        );
        assert_eq!(
            column_for_header("BenodigdeMiddelen", &HAAGLANDEN_2025),
            Some(3)
        );
        assert_eq!(
            column_for_header("Doelen (SMART)", &HAAGLANDEN_2025),
            Some(0)
        );
        assert_eq!(column_for_header("Opmerkingen", &HAAGLANDEN_2025), None);
    }

    fn labels(rows: &[(&str, &str)]) -> Block {
        table(rows.iter().map(|(l, v)| srow(&[l, v])).collect())
    }

    fn filled_labels() -> Block {
        labels(&[
            ("Wijk/WSV", "Laak-Noord"),
            ("Gemeente/stadsdeel", "Den Haag / Laak"),
            ("Versie/datum", "v2, 3 maart 2026"),
            ("Aanjager(s)", "P. de Boer"),
            ("Aanspreekpunt RESV", "P. de Boer"),
            ("Budgethouder", "Stichting Gezond Laak"),
            (
                "Kernteamleden per discipline (naam, organisatie, discipline)",
                "Jan, Huisartsenpraktijk Laak, huisarts\nEls, Xtra, welzijn\nAnna, Florence, wijkverpleging",
            ),
        ])
    }

    fn themes_header() -> crate::model::Row {
        srow(&[
            "",
            "Doelen (SMART)",
            "Activiteiten",
            "Resultaten",
            "Benodigde middelen",
            "Betrokken partijen en trekker",
        ])
    }

    /// A theme row with a name and five (possibly empty) cells from grid column 0.
    fn theme_row(name: &str, cells: [&str; 5]) -> crate::model::Row {
        let mut v = vec![cell(0, name)];
        v.extend(cells.iter().enumerate().map(|(i, t)| cell(i + 1, t)));
        row(v)
    }

    fn empty_theme_rows() -> Vec<crate::model::Row> {
        HAAGLANDEN_2025
            .themas
            .iter()
            .enumerate()
            .map(|(i, t)| theme_row(&format!("{}. {t}", i + 1), [""; 5]))
            .collect()
    }

    /// A whole plan in the sjabloon's shape, with the given blocks for sections 2 and 8.
    fn plan(sec2: Vec<Block>, sec8: Vec<Block>) -> Document {
        let mut b = vec![
            p("Concept-WSV-plan – Sjabloon"),
            h(Some("1"), "Algemene gegevens"),
            tb("[Gebruik deze sectie om de basisgegevens van het WSV in te vullen.]"),
            filled_labels(),
            h(Some("2"), "Huidige situatie in de wijk"),
        ];
        b.extend(sec2);
        b.push(h(Some("3"), "Gewenste situatie en ambitie 2025–2026"));
        b.push(p("Wij willen een lerend netwerk."));
        b.push(h(Some("4"), "Thema’s, activiteiten en projecten"));
        let mut rows = vec![themes_header()];
        rows.extend(empty_theme_rows());
        b.push(table(rows));
        b.push(h(Some("5"), "Behoefte aan ondersteuning"));
        b.push(p("Procesbegeleiding."));
        b.push(h(Some("6"), "Regionale projectaanvraag (optioneel):"));
        b.push(h(Some("7"), "Begroting"));
        b.push(p("Zie de Excel-begroting."));
        b.push(h(Some("8"), "Monitoring en evaluatie"));
        b.extend(sec8);
        b.push(h(Some("9"), "Bijlagen"));
        b.push(p(
            "Voeg de begroting (Excel) en samenwerkingsovereenkomst toe als bijlagen.",
        ));
        b.push(h(Some("10"), "Checklist"));
        for item in HAAGLANDEN_2025.checklist {
            b.push(check(item, Some(true)));
        }
        b.push(h(None, "Bijlage 1 – Inspiratie per thema"));
        b.push(p("1. Wijkgerichte samenwerking"));
        b.push(p("Kernteam WSV"));
        doc(b)
    }

    fn sectie(w: &Wijkplan, n: u32) -> Option<&crate::domain::Sectie> {
        w.secties.iter().find(|s| s.nummer == n)
    }

    fn codes(m: &crate::domain::Mapped<Wijkplan>) -> Vec<(Code, &str)> {
        m.findings
            .iter()
            .map(|f| (f.code, f.bron.as_str()))
            .collect()
    }

    #[test]
    fn full_plan_maps_fields_sections_and_no_findings() {
        let m = map_document(
            &plan(
                vec![p("Er is een goed overleg.")],
                vec![p("Halfjaarlijks.")],
            ),
            F,
        );
        let w = &m.value;
        assert_eq!(w.sjabloon, Sjabloon::Haaglanden2025);
        assert_eq!(m.findings, vec![]);
        assert_eq!(w.velden.wijk_wsv.waarde.as_deref(), Some("Laak-Noord"));
        assert_eq!(w.velden.wijk_wsv.bron, "Wijkplan Laak.docx §1 'Wijk/WSV'");
        assert_eq!(
            w.velden.budgethouder.waarde.as_deref(),
            Some("Stichting Gezond Laak")
        );
        assert_eq!(
            w.kerndisciplines,
            vec![
                Discipline::Huisarts,
                Discipline::Welzijn,
                Discipline::Wijkverpleging
            ]
        );
        let got: Vec<(u32, &str, &str, &str)> = w
            .secties
            .iter()
            .map(|s| {
                (
                    s.nummer,
                    s.titel.as_str(),
                    s.tekst.as_str(),
                    s.bron.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    2,
                    "Huidige situatie in de wijk",
                    "Er is een goed overleg.",
                    "Wijkplan Laak.docx §2"
                ),
                (
                    3,
                    "Gewenste situatie en ambitie 2025–2026",
                    "Wij willen een lerend netwerk.",
                    "Wijkplan Laak.docx §3"
                ),
                (
                    5,
                    "Behoefte aan ondersteuning",
                    "Procesbegeleiding.",
                    "Wijkplan Laak.docx §5"
                ),
                (
                    6,
                    "Regionale projectaanvraag (optioneel)",
                    "",
                    "Wijkplan Laak.docx §6"
                ),
                (
                    7,
                    "Begroting",
                    "Zie de Excel-begroting.",
                    "Wijkplan Laak.docx §7"
                ),
                // Stops at "9. Bijlagen"; the appendix's inspiration text is nowhere.
                (
                    8,
                    "Monitoring en evaluatie",
                    "Halfjaarlijks.",
                    "Wijkplan Laak.docx §8"
                ),
            ]
        );
        assert_eq!(w.themas.len(), 9);
        assert!(w.themas.iter().all(|t| !t.has_content()));
        assert_eq!(w.themas[2].naam, "(Kwetsbare) ouderen");
        assert_eq!((w.themas[7].nummer, w.themas[7].naam.as_str()), (8, ""));
        assert_eq!(w.vingerafdruk.len(), 32);
    }

    #[test]
    fn placeholder_and_missing_fields_are_none_with_finding() {
        let d = doc(vec![
            h(Some("1"), "Algemene gegevens"),
            labels(&[
                ("Wijk/WSV", "Escamp-Zuid"),
                ("Gemeente / stadsdeel", "[invullen]"),
                ("Versie/datum", "Klik of tik om tekst in te voeren."),
                ("Aanjagers", "K. Smit"),
                ("Aanspreekpunt RESV", ""),
                (
                    "Kernteamleden per discipline (naam, organisatie, discipline)",
                    "[invullen]",
                ),
            ]),
            h(Some("2"), "Huidige situatie in de wijk"),
            h(Some("5"), "Behoefte aan ondersteuning"),
        ]);
        let m = map_document(&d, F);
        let v = &m.value.velden;
        assert_eq!(v.wijk_wsv.waarde.as_deref(), Some("Escamp-Zuid"));
        assert_eq!(v.aanjagers.waarde.as_deref(), Some("K. Smit"));
        assert_eq!(v.aanjagers.bron, "Wijkplan Laak.docx §1 'Aanjager(s)'");
        for f in [
            &v.gemeente_stadsdeel,
            &v.versie_datum,
            &v.aanspreekpunt_resv,
            &v.budgethouder,
            &v.kernteamleden,
        ] {
            assert_eq!(f.waarde, None);
        }
        let got: Vec<(Code, &str, &str)> = m
            .findings
            .iter()
            .map(|f| (f.code, f.bericht.as_str(), f.bron.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Code::VELD_NIET_INGEVULD,
                    "Het veld 'Gemeente/stadsdeel' in sectie 1 (Algemene gegevens) is niet ingevuld.",
                    "Wijkplan Laak.docx §1 'Gemeente/stadsdeel'"
                ),
                (
                    Code::VELD_NIET_INGEVULD,
                    "Het veld 'Versie/datum' in sectie 1 (Algemene gegevens) is niet ingevuld.",
                    "Wijkplan Laak.docx §1 'Versie/datum'"
                ),
                (
                    Code::VELD_NIET_INGEVULD,
                    "Het veld 'Aanspreekpunt RESV' in sectie 1 (Algemene gegevens) is niet ingevuld.",
                    "Wijkplan Laak.docx §1 'Aanspreekpunt RESV'"
                ),
                (
                    Code::VELD_NIET_INGEVULD,
                    "Het veld 'Budgethouder' ontbreekt in sectie 1 (Algemene gegevens).",
                    "Wijkplan Laak.docx §1 'Budgethouder'"
                ),
                (
                    Code::VELD_NIET_INGEVULD,
                    "Het veld 'Kernteamleden per discipline' in sectie 1 (Algemene gegevens) is niet ingevuld.",
                    "Wijkplan Laak.docx §1 'Kernteamleden per discipline'"
                ),
            ]
        );
        assert_eq!(m.value.kerndisciplines, vec![]);
    }

    #[test]
    fn nested_table_in_kernteam_cell() {
        let nested = table(vec![
            srow(&["Naam", "Organisatie", "Discipline"]),
            srow(&["Jan Jansen", "Huisartsenpraktijk Laak", "huisarts"]),
            srow(&["Piet Smit", "Apotheek Laakkwartier", "apotheker"]),
            srow(&["Eva de Wit", "Fysiotherapie Laak", "fysiotherapeut"]),
        ]);
        let kern_row = row(vec![
            cell(
                0,
                "Kernteamleden per discipline (naam, organisatie, discipline)",
            ),
            crate::model::Cell {
                col: 1,
                col_span: 1,
                row_span: 1,
                blocks: vec![nested],
            },
        ]);
        let d = doc(vec![
            h(Some("1"), "Algemene gegevens"),
            table(vec![
                srow(&["Wijk/WSV", "Laak"]),
                srow(&["Budgethouder", "X"]),
                kern_row,
            ]),
            h(Some("2"), "Huidige situatie in de wijk"),
            h(Some("5"), "Behoefte aan ondersteuning"),
        ]);
        let w = map_document(&d, F).value;
        assert_eq!(
            w.velden.kernteamleden.waarde.as_deref(),
            Some(
                "Jan Jansen, Huisartsenpraktijk Laak, huisarts\nPiet Smit, Apotheek Laakkwartier, apotheker\nEva de Wit, Fysiotherapie Laak, fysiotherapeut"
            )
        );
        assert_eq!(
            w.kerndisciplines,
            vec![
                Discipline::Huisarts,
                Discipline::Apotheker,
                Discipline::Paramedici
            ]
        );
    }

    #[test]
    fn renumbered_sections_match_by_title_and_keep_document_numbers_in_bron() {
        // Section 6 deleted: Word renumbered Begroting to 6 and Monitoring to 7; titles edited.
        let d = doc(vec![
            h(Some("1"), "Algemene gegevens"),
            filled_labels(),
            h(Some("2"), "Huidige situatie"),
            p("Tekst 2."),
            h(Some("3"), "Gewenste situatie en ambitie 2025-2026"),
            p("Tekst 3."),
            h(Some("4"), "Thema’s, activiteiten en projecten"),
            h(Some("5"), "Behoefte aan ondersteuning"),
            p("Tekst 5."),
            h(Some("6"), "Begroting"),
            p("Tekst begroting."),
            h(Some("7"), "Monitoring & evaluatie"),
            p("Tekst monitoring."),
            h(Some("8"), "Bijlagen"),
        ]);
        let w = map_document(&d, F).value;
        let got: Vec<(u32, &str, &str, &str)> = w
            .secties
            .iter()
            .map(|s| {
                (
                    s.nummer,
                    s.titel.as_str(),
                    s.tekst.as_str(),
                    s.bron.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "Huidige situatie", "Tekst 2.", "Wijkplan Laak.docx §2"),
                (
                    3,
                    "Gewenste situatie en ambitie 2025-2026",
                    "Tekst 3.",
                    "Wijkplan Laak.docx §3"
                ),
                (
                    5,
                    "Behoefte aan ondersteuning",
                    "Tekst 5.",
                    "Wijkplan Laak.docx §5"
                ),
                (7, "Begroting", "Tekst begroting.", "Wijkplan Laak.docx §6"),
                (
                    8,
                    "Monitoring & evaluatie",
                    "Tekst monitoring.",
                    "Wijkplan Laak.docx §7"
                ),
            ]
        );
    }

    #[test]
    fn renamed_heading_falls_back_to_its_number_in_the_right_place() {
        let d = doc(vec![
            h(Some("1"), "Algemene gegevens"),
            filled_labels(),
            h(Some("2"), "Onze wijk Laak-Noord vandaag"),
            p("Tekst 2."),
            h(Some("3"), "Gewenste situatie en ambitie 2025–2026"),
            p("Tekst 3."),
        ]);
        let w = map_document(&d, F).value;
        let got: Vec<(u32, &str, &str)> = w
            .secties
            .iter()
            .map(|s| (s.nummer, s.titel.as_str(), s.tekst.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "Onze wijk Laak-Noord vandaag", "Tekst 2."),
                (3, "Gewenste situatie en ambitie 2025–2026", "Tekst 3.")
            ]
        );
    }

    #[test]
    fn bold_paragraph_headings_without_styles() {
        let d = doc(vec![
            bold("1. Algemene gegevens"),
            filled_labels(),
            bold("2. Huidige situatie in de wijk"),
            p("Tekst 2."),
            bold("4. Thema’s, activiteiten en projecten"),
            table(vec![
                themes_header(),
                theme_row("1. Wijkgerichte samenwerking", ["Doel", "", "", "", ""]),
            ]),
            bold("5. Behoefte aan ondersteuning"),
            p("Tekst 5."),
        ]);
        let m = map_document(&d, F);
        let got: Vec<(u32, &str, &str)> = m
            .value
            .secties
            .iter()
            .map(|s| (s.nummer, s.titel.as_str(), s.tekst.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "Huidige situatie in de wijk", "Tekst 2."),
                (5, "Behoefte aan ondersteuning", "Tekst 5.")
            ]
        );
        assert_eq!(m.value.themas[0].doelen, "Doel");
        assert_eq!(m.value.themas[0].bron, "Wijkplan Laak.docx §4 rij 1");
    }

    #[test]
    fn instruction_is_dropped_silently_also_over_several_paragraphs() {
        let sec2 = vec![
            tb("[Beschrijf kort de huidige stand van samenwerking in de wijk. Denk aan bestaande overleggen, projecten en netwerken, en de belangrijkste kansen of knelpunten.]"),
            p("In Laak-Noord overleggen huisartsen en Xtra maandelijks."),
        ];
        let sec8 = vec![
            p("[Maak afspraken over:"),
            p("• Wat gemonitord wordt (bv. deelname, voortgang per thema, bereikte resultaten)"),
            p("• Hoe dit gebeurt (verslaglegging, terugkoppeling in kerngroep)"),
            p("• Of jullie gebruik maken van externe monitoring (bijvoorbeeld vanuit transformatieplannen Haaglanden Gezonder)"),
            p("• Hoe vaak dit wordt besproken en geëvalueerd (bv. halfjaarlijks of jaarlijks).]"),
            p("We evalueren elk half jaar in de kerngroep."),
        ];
        let m = map_document(&plan(sec2, sec8), F);
        assert_eq!(m.findings, vec![]);
        assert_eq!(
            sectie(&m.value, 2).map(|s| s.tekst.as_str()),
            Some("In Laak-Noord overleggen huisartsen en Xtra maandelijks.")
        );
        assert_eq!(
            sectie(&m.value, 8).map(|s| s.tekst.as_str()),
            Some("We evalueren elk half jaar in de kerngroep.")
        );
    }

    #[test]
    fn example_text_left_in_a_text_box_is_dropped_with_finding() {
        let ex = HAAGLANDEN_2025.sectie(2).map_or("", |s| s.voorbeeld);
        let mut sec2 = vec![tb(&format!(
            "{}{}",
            "[Beschrijf kort de huidige stand van samenwerking in de wijk. Denk aan bestaande overleggen, projecten en netwerken, en de belangrijkste kansen of knelpunten.]",
            ex.lines().next().unwrap_or("")
        ))];
        sec2.extend(ex.lines().skip(1).map(tb));
        sec2.push(p("Onze eigen tekst over Laak."));
        let m = map_document(&plan(sec2, vec![]), F);
        assert_eq!(
            sectie(&m.value, 2).map(|s| s.tekst.as_str()),
            Some("Onze eigen tekst over Laak.")
        );
        let got: Vec<(Code, &str, &str)> = m
            .findings
            .iter()
            .map(|f| (f.code, f.bericht.as_str(), f.bron.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![(
                Code::VOORBEELDTEKST_AANWEZIG,
                "Sectie 2 'Huidige situatie in de wijk' bevat nog voorbeeldtekst uit het sjabloon; die is niet als tekst van het WSV overgenomen.",
                "Wijkplan Laak.docx §2"
            )]
        );
    }

    #[test]
    fn lightly_edited_example_as_normal_paragraphs_is_dropped_with_finding() {
        let sec8 = vec![
            p("Voorbeeld: Ons WSV bespreekt de voortgang van het wijkplan minimaal drie keer per jaar in de kerngroep. Tijdens deze bijeenkomsten wordt per thema kort doorgenomen:"),
            p("welke activiteiten zijn uitgevoerd,"),
            p("wat de ervaringen zijn van professionals en inwoners,"),
            p("Wij gebruiken de GGD-monitor."),
        ];
        let m = map_document(&plan(vec![], sec8), F);
        assert_eq!(
            sectie(&m.value, 8).map(|s| s.tekst.as_str()),
            Some("Wij gebruiken de GGD-monitor.")
        );
        assert_eq!(
            codes(&m),
            vec![(Code::VOORBEELDTEKST_AANWEZIG, "Wijkplan Laak.docx §8")]
        );
    }

    #[test]
    fn mentioning_welzijn_op_recept_is_not_example_text() {
        let sec2 = vec![
            p("Daarnaast lopen er in Laak initiatieven zoals Welzijn op Recept en het project van Haaglanden Gezonder."),
            // A short line that also occurs in an example, but not next to example text.
            p("welke activiteiten zijn uitgevoerd,"),
        ];
        let m = map_document(&plan(sec2, vec![]), F);
        assert_eq!(m.findings, vec![]);
        assert_eq!(
            sectie(&m.value, 2).map(|s| s.tekst.as_str()),
            Some("Daarnaast lopen er in Laak initiatieven zoals Welzijn op Recept en het project van Haaglanden Gezonder.\nwelke activiteiten zijn uitgevoerd,")
        );
    }

    #[test]
    fn example_under_the_themes_table_is_template_text() {
        let ex = HAAGLANDEN_2025.sectie(4).map_or("", |s| s.voorbeeld);
        let mut b = vec![
            h(Some("1"), "Algemene gegevens"),
            filled_labels(),
            h(Some("4"), "Thema’s, activiteiten en projecten"),
        ];
        let mut rows = vec![themes_header()];
        rows.extend(empty_theme_rows());
        b.push(table(rows));
        b.extend(ex.lines().map(p));
        b.push(h(Some("5"), "Behoefte aan ondersteuning"));
        let m = map_document(&doc(b), F);
        assert_eq!(
            codes(&m),
            vec![(Code::VOORBEELDTEKST_AANWEZIG, "Wijkplan Laak.docx §4")]
        );
        assert_eq!(sectie(&m.value, 4), None);
    }

    fn themes_doc(rows: Vec<crate::model::Row>) -> Document {
        doc(vec![
            h(Some("1"), "Algemene gegevens"),
            filled_labels(),
            h(Some("4"), "Thema’s, activiteiten en projecten"),
            table(rows),
        ])
    }

    #[test]
    fn merged_columns_give_text_to_both_and_say_so() {
        let merged = row(vec![
            cell(0, "2. Preventie"),
            cell(1, "Minder roken"),
            span(2, 2, 1, "Stoppen-met-rokenspreekuur"),
            cell(4, "10 uur"),
            cell(5, "GGD"),
        ]);
        let rows = vec![
            themes_header(),
            theme_row("1. Wijkgerichte samenwerking", ["A", "B", "C", "D", "E"]),
            merged,
        ];
        let w = map_document(&themes_doc(rows), F).value;
        let t = &w.themas[1];
        assert_eq!((t.nummer, t.naam.as_str()), (2, "Preventie"));
        assert_eq!(
            t.cells(),
            [
                "Minder roken",
                "Stoppen-met-rokenspreekuur",
                "Stoppen-met-rokenspreekuur",
                "10 uur",
                "GGD"
            ]
        );
        assert_eq!(
            t.cel_bronnen,
            [
                "Wijkplan Laak.docx §4 rij 2 'Doelen (SMART)'".to_string(),
                "Wijkplan Laak.docx §4 rij 2 'Activiteiten' (samengevoegde cel)".to_string(),
                "Wijkplan Laak.docx §4 rij 2 'Resultaten' (samengevoegde cel)".to_string(),
                "Wijkplan Laak.docx §4 rij 2 'Benodigde middelen'".to_string(),
                "Wijkplan Laak.docx §4 rij 2 'Betrokken partijen en trekker'".to_string(),
            ]
        );
        assert_eq!(w.themas[0].cells(), ["A", "B", "C", "D", "E"]);
        assert_eq!(
            w.themas[0].cel_bronnen[1],
            "Wijkplan Laak.docx §4 rij 1 'Activiteiten'"
        );
    }

    #[test]
    fn vertical_merge_gives_text_to_both_rows() {
        let r3 = row(vec![
            cell(0, "3. (Kwetsbare) ouderen"),
            cell(1, "Minder vallen"),
            cell(2, "Valpreventie"),
            cell(3, ""),
            span(4, 1, 2, "Gedeelde projectleider"),
            cell(5, "WZH"),
        ]);
        // Row 4: grid column 4 is covered by the merge above, so it has no cell of its own.
        let r4 = row(vec![
            cell(0, "4. Chronische zorg en acute zorg"),
            cell(1, "COPD-zorg"),
            cell(2, ""),
            cell(3, ""),
            cell(5, "HMC"),
        ]);
        let rows = vec![
            themes_header(),
            theme_row("1. Wijkgerichte samenwerking", [""; 5]),
            theme_row("2. Preventie", [""; 5]),
            r3,
            r4,
        ];
        let w = map_document(&themes_doc(rows), F).value;
        assert_eq!(w.themas[2].middelen, "Gedeelde projectleider");
        assert_eq!(w.themas[3].middelen, "Gedeelde projectleider");
        assert_eq!(w.themas[3].partijen, "HMC");
        assert_eq!(
            w.themas[3].cel_bronnen[3],
            "Wijkplan Laak.docx §4 rij 4 'Benodigde middelen' (samengevoegde cel)"
        );
        assert_eq!(
            w.themas[3].cel_bronnen[4],
            "Wijkplan Laak.docx §4 rij 4 'Betrokken partijen en trekker'"
        );
        assert_eq!(
            w.themas[2].cel_bronnen[3],
            "Wijkplan Laak.docx §4 rij 3 'Benodigde middelen' (samengevoegde cel)"
        );
    }

    #[test]
    fn grid_before_shift_maps_by_grid_column() {
        // Every row starts one grid column in (w:gridBefore=1), and the header has no blank cell.
        let header = row(vec![
            cell(2, "Doelen (SMART)"),
            cell(3, "Activiteiten"),
            cell(4, "Resultaten"),
            cell(5, "Benodigde middelen"),
            cell(6, "Betrokken partijen en trekker"),
        ]);
        let r1 = row(vec![
            cell(1, "1. Wijkgerichte samenwerking"),
            cell(2, "D"),
            cell(3, "A"),
            cell(4, "R"),
            cell(5, "M"),
            cell(6, "P"),
        ]);
        let w = map_document(&themes_doc(vec![header, r1]), F).value;
        assert_eq!(w.themas.len(), 1);
        assert_eq!(
            (w.themas[0].nummer, w.themas[0].naam.as_str()),
            (1, "Wijkgerichte samenwerking")
        );
        assert_eq!(w.themas[0].cells(), ["D", "A", "R", "M", "P"]);
    }

    #[test]
    fn columns_are_mapped_by_header_not_position() {
        let header = srow(&[
            "Thema",
            "Activiteiten",
            "Betrokken partijen",
            "Doelen",
            "Middelen",
            "Resultaten / monitoring",
        ]);
        let r = srow(&[
            "5. Mentale gezondheid/GGZ",
            "act",
            "par",
            "doel",
            "mid",
            "res",
        ]);
        let w = map_document(&themes_doc(vec![header, r]), F).value;
        let t = &w.themas[0];
        assert_eq!(
            (
                t.doelen.as_str(),
                t.activiteiten.as_str(),
                t.resultaten.as_str()
            ),
            ("doel", "act", "res")
        );
        assert_eq!((t.middelen.as_str(), t.partijen.as_str()), ("mid", "par"));
    }

    #[test]
    fn free_themes_keep_the_wsv_name_or_stay_empty() {
        let rows = vec![
            themes_header(),
            theme_row(
                "8. Laaggeletterdheid",
                ["Meer mensen bereikt", "Taalcafé", "", "", "Bibliotheek"],
            ),
            theme_row("9. …", ["", "", "", "", ""]),
            theme_row("Klik of tik om tekst in te voeren.", ["", "", "", "", ""]),
        ];
        let w = map_document(&themes_doc(rows), F).value;
        let got: Vec<(u32, &str, bool)> = w
            .themas
            .iter()
            .map(|t| (t.nummer, t.naam.as_str(), t.has_content()))
            .collect();
        assert_eq!(got, vec![(8, "Laaggeletterdheid", true), (9, "", false)]);
        assert_eq!(w.themas[0].bron, "Wijkplan Laak.docx §4 rij 1");
    }

    #[test]
    fn free_theme_without_number_follows_the_sjabloon_themes() {
        let rows = vec![
            themes_header(),
            theme_row("4. Chronische zorg en acute zorg", ["MDO", "", "", "", ""]),
            theme_row("Eenzaamheid", ["Buurtkamer", "", "", "", ""]),
            theme_row("Mentale gezondheid/GGZ", ["", "", "", "", ""]),
            theme_row("8. …", ["", "", "", "", ""]),
            theme_row("9. …", ["", "", "", "", ""]),
        ];
        let w = map_document(&themes_doc(rows), F).value;
        let got: Vec<(u32, &str)> = w
            .themas
            .iter()
            .map(|t| (t.nummer, t.naam.as_str()))
            .collect();
        // Not row numbers (2, 3): the sjabloon's numbers; the empty "8. …" gave its number away.
        assert_eq!(
            got,
            vec![
                (4, "Chronische zorg en acute zorg"),
                (8, "Eenzaamheid"),
                (5, "Mentale gezondheid/GGZ"),
                (9, ""),
            ]
        );
    }

    #[test]
    fn transposed_label_and_themes_tables_are_turned_back() {
        let labels = table(vec![
            srow(&["Wijk/WSV", "Budgethouder", "Kernteamleden"]),
            srow(&[
                "Laak-Noord",
                "Stichting Gezond Laak",
                "Jan, huisarts\nEls, welzijn",
            ]),
        ]);
        let themes = table(vec![
            srow(&["", "1. Wijkgerichte samenwerking", "2. Preventie"]),
            srow(&["Doelen (SMART)", "Kernteam", "Valpreventie"]),
            srow(&["Activiteiten", "Overleg", ""]),
            srow(&["Resultaten", "", ""]),
        ]);
        let d = doc(vec![
            h(Some("1"), "Algemene gegevens"),
            labels,
            h(Some("4"), "Thema’s, activiteiten en projecten"),
            themes,
        ]);
        let w = map_document(&d, F).value;
        assert_eq!(w.velden.wijk_wsv.waarde.as_deref(), Some("Laak-Noord"));
        assert_eq!(
            w.velden.kernteamleden.waarde.as_deref(),
            Some("Jan, huisarts\nEls, welzijn")
        );
        let got: Vec<(u32, &str, &str)> = w
            .themas
            .iter()
            .map(|t| (t.nummer, t.doelen.as_str(), t.activiteiten.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![(1, "Kernteam", "Overleg"), (2, "Valpreventie", "")]
        );
    }

    #[test]
    fn a_chapter_of_its_own_ends_the_section_before_it_and_is_reported() {
        let d = doc(vec![
            h(Some("1"), "Algemene gegevens"),
            filled_labels(),
            h(Some("2"), "Huidige situatie in de wijk"),
            p("Er is een goed overleg."),
            h(Some("3"), "Gewenste situatie en ambitie 2025–2026"),
            p("Wij willen een lerend netwerk."),
            h(Some("11"), "Ondertekening"),
            p("Getekend door P. de Boer."),
        ]);
        let m = map_document(&d, F);
        let s3 = sectie(&m.value, 3).unwrap();
        assert_eq!(s3.tekst, "Wij willen een lerend netwerk.");
        let afw: Vec<(&str, &str)> = m
            .findings
            .iter()
            .filter(|f| f.code == Code::SJABLOON_AFWIJKING)
            .map(|f| (f.bron.as_str(), f.bericht.as_str()))
            .collect();
        assert_eq!(afw.len(), 1, "{afw:?}");
        assert_eq!(afw[0].0, "Wijkplan Laak.docx §11 'Ondertekening'");
        assert!(afw[0].1.contains("'Getekend door P. de Boer.'"));
    }

    #[test]
    fn checklist_ticks_are_read_and_matched_tolerantly() {
        let c = HAAGLANDEN_2025.checklist;
        let d = doc(vec![
            h(Some("1"), "Algemene gegevens"),
            filled_labels(),
            h(Some("10"), "Checklist"),
            check(c[0], Some(true)),
            check(
                "Is het afgestemd dan wel mede ondertekend met de achterban van ons WSV?",
                Some(false),
            ),
            p(c[2]),
            check(c[3], Some(true)),
            check(c[5], Some(false)),
            h(None, "Bijlage 1 – Inspiratie per thema"),
            check("Iets anders", Some(true)),
        ]);
        let w = map_document(&d, F).value;
        let got: Vec<(bool, &str)> = w
            .checklist
            .iter()
            .map(|i| (i.aangevinkt, i.bron.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (true, "Wijkplan Laak.docx §10 item 1"),
                (false, "Wijkplan Laak.docx §10 item 2"),
                (false, "Wijkplan Laak.docx §10 item 3"),
                (true, "Wijkplan Laak.docx §10 item 4"),
                (false, "Wijkplan Laak.docx §10 item 5"),
                (false, "Wijkplan Laak.docx §10 item 6"),
            ]
        );
        assert_eq!(w.checklist[1].tekst, c[1]);
    }

    #[test]
    fn themes_table_split_at_a_page_break_continues() {
        let first = table(vec![
            themes_header(),
            theme_row("1. Wijkgerichte samenwerking", ["D1", "", "", "", ""]),
        ]);
        // Second part on the next page, with the header row repeated, after an empty paragraph.
        let second = table(vec![
            themes_header(),
            theme_row("2. Preventie", ["D2", "", "", "", ""]),
            theme_row("", ["", "meer activiteit", "", "", ""]),
        ]);
        let d = doc(vec![
            h(Some("4"), "Thema’s, activiteiten en projecten"),
            first,
            p(""),
            second,
            h(Some("5"), "Behoefte aan ondersteuning"),
            p("Tekst 5."),
            table(vec![srow(&["7. Iets anders", "x"])]),
        ]);
        let m = map_document(&d, F);
        let got: Vec<(u32, &str, &str, &str)> = m
            .value
            .themas
            .iter()
            .map(|t| {
                (
                    t.nummer,
                    t.doelen.as_str(),
                    t.activiteiten.as_str(),
                    t.bron.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "D1", "", "Wijkplan Laak.docx §4 rij 1"),
                // The unnamed row continues theme 2.
                (2, "D2", "meer activiteit", "Wijkplan Laak.docx §4 rij 2"),
            ]
        );
        // The table in section 5 is not a continuation; it stays section 5 text.
        assert_eq!(
            sectie(&m.value, 5).map(|s| s.tekst.as_str()),
            Some("Tekst 5.\n7. Iets anders | x")
        );
    }

    #[test]
    fn theme_without_number_gets_the_sjabloon_number_by_name() {
        let rows = vec![
            themes_header(),
            theme_row("Mentale gezondheid / GGZ", ["doel", "", "", "", ""]),
        ];
        let w = map_document(&themes_doc(rows), F).value;
        assert_eq!(
            (w.themas[0].nummer, w.themas[0].naam.as_str()),
            (5, "Mentale gezondheid / GGZ")
        );
    }

    #[test]
    fn fields_as_label_value_paragraphs_when_there_is_no_table() {
        let d = doc(vec![
            h(Some("1"), "Algemene gegevens"),
            p("Wijk Segbroek-Noord is een wijk met veel ouderen"),
            p("Wijk/WSV: Segbroek-Noord"),
            p("Gemeente/stadsdeel:\tDen Haag, Segbroek"),
            p("Budgethouder: [invullen]"),
            p("Aanjagers"),
            p("Kernteamleden per discipline (naam, organisatie, discipline)"),
            p(""),
            p("Jan, Huisartsenpraktijk Segbroek, huisarts"),
            p("Els, Apotheek Segbroek, apotheker"),
            h(Some("2"), "Huidige situatie in de wijk"),
            p("Tekst."),
            h(Some("5"), "Behoefte aan ondersteuning"),
        ]);
        let m = map_document(&d, F);
        let v = &m.value.velden;
        assert_eq!(v.wijk_wsv.waarde.as_deref(), Some("Segbroek-Noord"));
        assert_eq!(
            v.gemeente_stadsdeel.waarde.as_deref(),
            Some("Den Haag, Segbroek")
        );
        assert_eq!(v.budgethouder.waarde, None);
        assert_eq!(
            v.kernteamleden.waarde.as_deref(),
            Some("Jan, Huisartsenpraktijk Segbroek, huisarts\nEls, Apotheek Segbroek, apotheker")
        );
        assert_eq!(
            m.value.kerndisciplines,
            vec![Discipline::Huisarts, Discipline::Apotheker]
        );
        assert_eq!(
            m.findings
                .iter()
                .filter(|f| f.code == Code::VELD_NIET_INGEVULD)
                .count(),
            4
        );
    }

    #[test]
    fn fingerprint_ignores_layout_but_not_content() {
        let a = map_document(&plan(vec![p("Er is een goed overleg.")], vec![]), F).value;
        let b = map_document(
            &plan(vec![p("  Er is een goed\noverleg. ")], vec![]),
            "plan.pdf",
        )
        .value;
        let c = map_document(&plan(vec![p("Er is een slecht overleg.")], vec![]), F).value;
        assert_eq!(a.vingerafdruk, b.vingerafdruk);
        assert_ne!(a.vingerafdruk, c.vingerafdruk);
        // Nothing in this plan is left unplaced.
        assert_eq!(a.vingerafdruk, fingerprint(&a, &[]));
    }

    /// The example recognition through the index must say what comparing every paragraph with
    /// every example text said before issue 15. The reference below is that old comparison,
    /// verbatim; the paragraphs are the sjabloon's own example lines and windows, edited in the
    /// ways a WSV edits them (words dropped, added, reordered, cut short, glued to other text).
    #[test]
    fn example_index_agrees_with_comparing_every_example() {
        use super::super::phrase_index::Scratch;
        use super::super::similarity::{similar_words, words, PARAGRAPH_THRESHOLD};
        use super::{is_example, FRAGMENT_SHARE, FRAGMENT_WORDS};

        fn trigram_share(w: &[String], line: &[String]) -> f64 {
            if w.len() < 3 || line.len() < 3 {
                return 0.0;
            }
            let grams: Vec<&[String]> = line.windows(3).collect();
            let total = w.len() - 2;
            let hits = w.windows(3).filter(|g| grams.contains(g)).count();
            hits as f64 / total as f64
        }
        fn reference(w: &[String], examples: &[Vec<Vec<String>>]) -> bool {
            for ex in examples {
                for start in 0..ex.len() {
                    let mut joined: Vec<String> = Vec::new();
                    for line in ex.iter().skip(start).take(3) {
                        joined.extend(line.iter().cloned());
                        if similar_words(w, &joined, PARAGRAPH_THRESHOLD) {
                            return true;
                        }
                    }
                    if w.len() >= FRAGMENT_WORDS
                        && ex
                            .get(start)
                            .is_some_and(|line| trigram_share(w, line) >= FRAGMENT_SHARE)
                    {
                        return true;
                    }
                }
            }
            false
        }
        fn reference_line(w: &[String], examples: &[Vec<Vec<String>>]) -> bool {
            examples
                .iter()
                .flatten()
                .any(|line| similar_words(w, line, PARAGRAPH_THRESHOLD))
        }

        let prep = HAAGLANDEN_2025.prepared();
        let examples = &prep.voorbeelden;
        let lines: Vec<&Vec<String>> = examples.iter().flatten().collect();
        let mut queries: Vec<Vec<String>> = Vec::new();
        for (n, line) in lines.iter().enumerate() {
            let next = lines.get(n + 1).map_or(&[][..], |l| l.as_slice());
            let l = line.as_slice();
            let mut both = l.to_vec();
            both.extend(next.iter().cloned());
            queries.push(both.clone());
            queries.push(l.to_vec());
            for k in [2, 3, 4, 5, 7] {
                // Every k-th word dropped; every k-th word replaced by one the sjabloon lacks.
                queries.push(
                    l.iter()
                        .enumerate()
                        .filter(|(i, _)| i % k != 0)
                        .map(|(_, w)| w.clone())
                        .collect(),
                );
                queries.push(
                    l.iter()
                        .enumerate()
                        .map(|(i, w)| {
                            if i % k == 0 {
                                "laakkwartier".to_string()
                            } else {
                                w.clone()
                            }
                        })
                        .collect(),
                );
                queries.push(
                    both.iter()
                        .enumerate()
                        .filter(|(i, _)| i % k != 0)
                        .map(|(_, w)| w.clone())
                        .collect(),
                );
            }
            // Cut short, the end only, reversed, and with the WSV's own text around it.
            for frac in [0.5, 0.7, 0.8, 0.9] {
                let cut = (l.len() as f64 * frac) as usize;
                queries.push(l.get(..cut).unwrap_or(l).to_vec());
                queries.push(l.get(l.len() - cut..).unwrap_or(l).to_vec());
            }
            queries.push(l.iter().rev().cloned().collect());
            let mut around = words("In Moerwijk werken wij samen met de bibliotheek en");
            around.extend(l.iter().cloned());
            around.extend(words("zodat bewoners elkaar vaker ontmoeten"));
            queries.push(around);
        }
        queries.push(words(
            "Wij starten met Welzijn op Recept in de wijk en werken samen met Haaglanden Gezonder.",
        ));
        let mut scratch = Scratch::default();
        let (mut yes, mut no) = (0, 0);
        for q in &queries {
            let ids = prep.index.vocab.encode(q);
            let want = reference(q, examples);
            assert_eq!(
                is_example(&ids, &prep.index, &mut scratch),
                want,
                "{}",
                q.join(" ")
            );
            let want_line = reference_line(q, examples);
            let got_line = prep
                .index
                .example_lines
                .first_similar(&ids, PARAGRAPH_THRESHOLD, &mut scratch)
                .is_some();
            assert_eq!(got_line, want_line, "{}", q.join(" "));
            if want {
                yes += 1
            } else {
                no += 1
            }
        }
        // Both outcomes occur often, so the comparison means something either way.
        assert!(yes > 20 && no > 20, "{yes} ja, {no} nee");
    }

    fn afwijkingen(m: &crate::domain::Mapped<Wijkplan>) -> Vec<(&str, &str)> {
        m.findings
            .iter()
            .filter(|f| f.code == Code::SJABLOON_AFWIJKING)
            .map(|f| (f.bron.as_str(), f.bericht.as_str()))
            .collect()
    }

    /// The plan of `plan()` with `before` put in front of chapter 1.
    fn with_cover(before: Vec<Block>) -> Document {
        let mut d = plan(vec![p("Er is een goed overleg.")], vec![]);
        let mut blocks = before;
        blocks.append(&mut d.blocks);
        d.blocks = blocks;
        d
    }

    #[test]
    fn own_text_before_chapter_1_is_reported_and_changes_the_fingerprint() {
        let plain = map_document(&with_cover(vec![]), F);
        assert!(afwijkingen(&plain).is_empty(), "{:?}", afwijkingen(&plain));

        let own = "Dit plan is geschreven door het kernteam na drie avonden in het buurthuis.";
        let m = map_document(&with_cover(vec![p(own)]), F);
        let a = afwijkingen(&m);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0, "Wijkplan Laak.docx vóór §1");
        assert!(
            a[0].1.contains("Dit plan is geschreven door het kernteam"),
            "{}",
            a[0].1
        );
        // The register values are the same, the plan is not: a second version that differs only
        // here is not the same plan sent twice.
        assert_eq!(m.value.velden, plain.value.velden);
        assert_ne!(m.value.vingerafdruk, plain.value.vingerafdruk);
    }

    /// A WSV that deleted §1's heading: its table then stands before the first chapter found,
    /// is read as §1, and is not also reported as text before chapter 1.
    #[test]
    fn section_1_table_without_its_heading_is_read_not_reported() {
        let mut d = plan(vec![p("Er is een goed overleg.")], vec![]);
        d.blocks
            .retain(|b| !matches!(b, Block::Heading(hd) if hd.text == "Algemene gegevens"));
        let m = map_document(&d, F);
        assert_eq!(
            m.value.velden.wijk_wsv.waarde.as_deref(),
            Some("Laak-Noord")
        );
        assert!(afwijkingen(&m).is_empty(), "{:?}", afwijkingen(&m));
    }

    #[test]
    fn cover_title_date_and_contents_before_chapter_1_are_not_reported() {
        let m = map_document(
            &with_cover(vec![
                p("Wijkplan WSV Laak-Noord 2025–2026"),
                p("Laak-Noord"),
                p("versie 2 – 3 maart 2026"),
                p("Inhoudsopgave"),
                p("1. Algemene gegevens 1"),
                p("2. Huidige situatie in de wijk\t2"),
                p("8. Monitoring en evaluatie ..... 5"),
            ]),
            F,
        );
        assert!(afwijkingen(&m).is_empty(), "{:?}", afwijkingen(&m));
    }

    /// §1 typed as paragraphs: every "Label: waarde" line fills its field, and a line that
    /// belongs to no field is reported instead of dropped.
    #[test]
    fn section_1_as_paragraphs_reports_text_that_fits_no_field() {
        let section_1 = |extra: Option<&str>| -> Document {
            let mut b = vec![
                h(Some("1"), "Algemene gegevens"),
                p("Wijk/WSV: Laak-Noord"),
                p("Gemeente/stadsdeel: Den Haag / Laak"),
                p("Versie/datum: v2, 3 maart 2026"),
                p("Aanjager(s): P. de Boer"),
                p("Aanspreekpunt RESV: P. de Boer"),
                p("Budgethouder: Stichting Gezond Laak"),
            ];
            if let Some(e) = extra {
                b.push(p("Website: www.gezondlaak.nl"));
                b.push(p(e));
            }
            b.push(p("Kernteamleden per discipline:"));
            b.push(p("Jan, Huisartsenpraktijk Laak, huisarts"));
            b.push(p("Els, Xtra, welzijn"));
            let mut d = plan(vec![p("Er is een goed overleg.")], vec![]);
            // Replace the plan's §1 (heading, instruction, table) by the paragraphs.
            let at = d
                .blocks
                .iter()
                .position(|x| matches!(x, Block::Heading(hd) if hd.text == "Algemene gegevens"))
                .expect("§1");
            d.blocks.splice(at..at + 3, b);
            d
        };
        let clean = map_document(&section_1(None), F);
        assert!(afwijkingen(&clean).is_empty(), "{:?}", afwijkingen(&clean));
        assert_eq!(
            clean.value.velden.wijk_wsv.waarde.as_deref(),
            Some("Laak-Noord")
        );
        assert_eq!(
            clean.value.velden.kernteamleden.waarde.as_deref(),
            Some("Jan, Huisartsenpraktijk Laak, huisarts\nEls, Xtra, welzijn")
        );

        let stray = "Wij vergaderen elke eerste dinsdag van de maand in het buurthuis.";
        let m = map_document(&section_1(Some(stray)), F);
        let a = afwijkingen(&m);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0, "Wijkplan Laak.docx §1");
        assert!(a[0].1.contains("Website: www.gezondlaak.nl"), "{}", a[0].1);
        assert!(
            a[0].1.contains("Wij vergaderen elke eerste dinsdag"),
            "{}",
            a[0].1
        );
        assert_eq!(m.value.velden, clean.value.velden);
        assert_ne!(m.value.vingerafdruk, clean.value.vingerafdruk);
    }

    #[test]
    fn a_label_glued_to_its_value_is_split_but_a_sentence_is_not() {
        let def = &HAAGLANDEN_2025;
        let kern = "Kernteamleden per discipline (naam, organisatie, discipline)Huisarts (2), apotheek (1)";
        let end = glued_label(kern, def).expect("glued");
        assert_eq!(kern.get(end..), Some("Huisarts (2), apotheek (1)"));
        let wijk = "Wijk/WSVWSV Laak";
        assert_eq!(
            wijk.get(glued_label(wijk, def).expect("glued")..),
            Some("WSV Laak")
        );
        assert_eq!(
            glued_label("Budgethouders zijn de twee praktijken.", def),
            None
        );
        assert_eq!(glued_label("Budgethouder Stichting Laak", def), None);
        assert_eq!(glued_label("Budgethouder: Stichting Laak", def), None);
    }

    /// A PDF that broke the §1 table over a page: the kernteam rows on the next page (the member's
    /// name in the label column, or a table of their own) still belong to the kernteam.
    #[test]
    fn kernteam_rows_after_a_pdf_page_break_continue_the_kernteam() {
        let mut t = match labels(&[
            ("Wijk/WSV", "Laak-Noord"),
            ("Gemeente/stadsdeel", "Den Haag / Laak"),
            ("Versie/datum", "v2, 3 maart 2026"),
            ("Aanjager(s)", "P. de Boer"),
            ("Aanspreekpunt RESV", "P. de Boer"),
            ("Budgethouder", "Stichting Gezond Laak"),
        ]) {
            Block::Table(t) => t,
            _ => unreachable!(),
        };
        t.rows.push(srow(&[
            "Kernteamleden per discipline (naam, organisatie, discipline)",
            "Naam",
            "Organisatie",
            "Discipline",
        ]));
        t.rows
            .push(srow(&["Jan", "Huisartsenpraktijk Laak", "huisarts"]));
        for r in &mut t.rows {
            r.page = Some(1);
        }
        let mut next_page = match table(vec![srow(&["", "Anna Florence wijkverpleging"])]) {
            Block::Table(t) => t,
            _ => unreachable!(),
        };
        next_page.rows[0].page = Some(2);
        let mut d = plan(vec![p("Er is een goed overleg.")], vec![]);
        let at = d
            .blocks
            .iter()
            .position(|x| matches!(x, Block::Table(_)))
            .expect("§1 table");
        d.blocks[at] = Block::Table(t);
        d.blocks.insert(at + 1, Block::Table(next_page));
        let m = map_document(&d, "plan.pdf");
        assert_eq!(
            m.value.velden.kernteamleden.waarde.as_deref(),
            Some("Jan, Huisartsenpraktijk Laak, huisarts\nAnna Florence wijkverpleging")
        );
        assert!(afwijkingen(&m).is_empty(), "{:?}", afwijkingen(&m));
        let got: Vec<Discipline> = m.value.kerndisciplines.clone();
        assert!(got.contains(&Discipline::Huisarts), "{got:?}");
        assert!(got.contains(&Discipline::Wijkverpleging), "{got:?}");
    }
}
