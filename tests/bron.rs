//! Every `bron` of the sample batch points at the place the number or finding rests on (issue 14).
//!
//! `run` writes the outputs of `fixtures/submissions`; then, for every finding in
//! `bevindingen.csv`, every line in `begrotingsregels.csv` and every begroting total of
//! `register.json`, the cited place is opened in the source file *independently of the product*:
//! spreadsheet cells through calamine, Word documents by reading `word/document.xml` here (not
//! through wijkregister's reader), the wijkindeling by its line number. The value or quoted text
//! must be there. A `bron` of a form this test does not know fails it, so a new kind of `bron`
//! cannot slip through unchecked.

use calamine::{open_workbook_auto, Data, Reader};
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn submissions() -> PathBuf {
    root().join("fixtures/submissions")
}

/// Run the sample batch once into a temp dir.
fn outputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let st = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
        .current_dir(root())
        .args(["run", "fixtures/submissions", "-q", "--out"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(0));
    dir
}

fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// Every file of the sample batch by its base name (the name `bron` texts start with).
fn files_by_base_name() -> HashMap<String, PathBuf> {
    let mut out = HashMap::new();
    let mut stack = vec![submissions()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                assert!(
                    out.insert(name, p).is_none(),
                    "two files with one base name"
                );
            }
        }
    }
    out
}

/// The file a `bron` names and the place after the name (`""` for the file as a whole).
fn split_bron<'a>(bron: &'a str, files: &HashMap<String, PathBuf>) -> (PathBuf, &'a str) {
    // A whole relative path (`Laak/Wijkplan WSV Laak.docx`) names the file as a whole.
    if submissions().join(bron).is_file() {
        return (submissions().join(bron), "");
    }
    let mut best: Option<(&String, &PathBuf)> = None;
    for (name, path) in files {
        let fits = bron == name.as_str() || bron.starts_with(&format!("{name} "));
        if fits && best.is_none_or(|(b, _)| name.len() > b.len()) {
            best = Some((name, path));
        }
    }
    let (name, path) = best.unwrap_or_else(|| panic!("no file of the batch in bron {bron:?}"));
    (path.clone(), bron[name.len()..].trim_start())
}

/// `€ 1.234,56` amounts in a Dutch message, in euros.
fn amounts(message: &str) -> Vec<f64> {
    let mut out = Vec::new();
    for part in message.split('€').skip(1) {
        let num: String = part
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        let num = num
            .trim_end_matches(['.', ','])
            .replace('.', "")
            .replace(',', ".");
        if let Ok(v) = num.parse::<f64>() {
            out.push(v);
        }
    }
    out
}

/// Texts quoted as ‘…’ in a message, without a trailing ellipsis (a shortened item).
fn quoted(message: &str) -> Vec<String> {
    message
        .split('‘')
        .skip(1)
        .filter_map(|p| p.split_once('’').map(|(q, _)| q))
        .map(|q| q.trim_end_matches('…').trim().to_string())
        .filter(|q| !q.is_empty())
        .collect()
}

/// `A1` → (row, column), zero-based.
fn cell_ref(a1: &str) -> (u32, u32) {
    let letters: String = a1.chars().take_while(|c| c.is_ascii_uppercase()).collect();
    let row: u32 = a1[letters.len()..].parse().unwrap();
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A') + 1);
    (row - 1, col - 1)
}

/// A spreadsheet cell: its value and formula (calamine, whatever the format).
fn cell(path: &Path, place: &str) -> (Option<Data>, String) {
    let (sheet, a1) = place
        .rsplit_once('!')
        .unwrap_or_else(|| panic!("no sheet!cell in {place:?}"));
    let pos = cell_ref(a1);
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("{}: sheet {sheet}: {e}", path.display()));
    let value = range.get_value(pos).cloned();
    let formula = wb
        .worksheet_formula(sheet)
        .ok()
        .and_then(|f| f.get_value(pos).cloned())
        .unwrap_or_default();
    (value, formula)
}

fn number(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        // Amounts typed as text, the Dutch way: `€ 1.450,-`, `€ 80,00`.
        Data::String(s) => s
            .trim()
            .trim_end_matches(",-")
            .trim_end_matches(",–")
            .replace(['€', ' ', '\u{a0}'], "")
            .replace('.', "")
            .replace(',', ".")
            .parse()
            .ok(),
        _ => None,
    }
}

/// One block of a Word document, read straight from its XML.
#[derive(Debug)]
enum Blok {
    Alinea(String),
    Rij(Vec<String>),
}

/// The body of a .docx as paragraphs outside tables and table rows (cells' text), in order.
/// Only what this test needs: `w:t` text, `w:sym` checkboxes, outer tables.
fn docx_blocks(path: &Path) -> Vec<Blok> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut r = quick_xml::Reader::from_str(&xml);
    let mut out = Vec::new();
    let (mut depth, mut in_t) = (0usize, false);
    let (mut para, mut cell_text) = (String::new(), String::new());
    let mut row: Vec<String> = Vec::new();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => match e.name().as_ref() {
                "w:tbl" => depth += 1,
                "w:tr" if depth == 1 => row.clear(),
                "w:tc" if depth == 1 => cell_text.clear(),
                "w:t" => in_t = true,
                "w:p" => para.clear(),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                // Wingdings checkboxes: F0FE ticked, F0A8 empty.
                "w:sym" => {
                    let ch = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "w:char")
                        .map(|a| a.value.to_uppercase());
                    match ch.as_deref() {
                        Some("F0FE") | Some("F078") => para.push('☒'),
                        Some("F0A8") | Some("F06F") => para.push('☐'),
                        _ => {}
                    }
                }
                "w:tab" => para.push('\t'),
                _ => {}
            },
            Event::Text(t) if in_t => para.push_str(&t.xml10_content()),
            Event::GeneralRef(g) if in_t => {
                let s = match &*g {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                };
                para.push_str(s);
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_t = false,
                "w:p" => {
                    if depth == 0 {
                        out.push(Blok::Alinea(para.trim().to_string()));
                    } else {
                        if !cell_text.is_empty() {
                            cell_text.push('\n');
                        }
                        cell_text.push_str(para.trim());
                    }
                }
                "w:tc" if depth == 1 => row.push(cell_text.trim().to_string()),
                "w:tr" if depth == 1 => out.push(Blok::Rij(row.clone())),
                "w:tbl" => depth -= 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The paragraphs of section `n`: after the first paragraph outside a table that starts with
/// `n.`, up to the one that starts with `n+1.`.
fn section(blocks: &[Blok], n: u32) -> Option<Vec<&Blok>> {
    let starts = |b: &Blok, k: u32| matches!(b, Blok::Alinea(t) if t.starts_with(&format!("{k}. ")) || t.starts_with(&format!("{k}.\t")));
    let begin = blocks.iter().position(|b| starts(b, n))?;
    let end = blocks[begin + 1..]
        .iter()
        .position(|b| starts(b, n + 1))
        .map_or(blocks.len(), |e| begin + 1 + e);
    Some(blocks[begin..end].iter().collect())
}

fn text_of(blocks: &[&Blok]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Blok::Alinea(t) => t.clone(),
            Blok::Rij(c) => c.join("\t"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Check one docx place (`§1 'Label'`, `§4 rij 7`, `§10 items 3 en 5`, `§2`) for one finding.
fn check_docx(path: &Path, place: &str, code: &str, message: &str) -> Result<(), String> {
    let blocks = docx_blocks(path);
    let (sec, rest) = place
        .strip_prefix('§')
        .and_then(|p| {
            let n: String = p.chars().take_while(|c| c.is_ascii_digit()).collect();
            Some((n.parse::<u32>().ok()?, p[n.len()..].trim()))
        })
        .ok_or_else(|| format!("unknown docx place {place:?}"))?;
    let quotes = quoted(message);
    if let Some(label) = rest.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        // A field of §1: the table row with this label.
        let row = blocks
            .iter()
            .find_map(|b| match b {
                Blok::Rij(c) if c.first().is_some_and(|f| f.starts_with(label)) => Some(c),
                _ => None,
            })
            .ok_or_else(|| format!("no row '{label}'"))?;
        let value = row[1..].join(" ");
        if code == "VELD_NIET_INGEVULD" {
            let v = value.trim();
            if !(v.is_empty() || v.starts_with('[')) {
                return Err(format!("'{label}' is filled in: {v:?}"));
            }
        } else if value.trim().is_empty() {
            return Err(format!("'{label}' is empty"));
        }
        for q in quotes {
            if !value.contains(&q) {
                return Err(format!("{q:?} not in row '{label}': {value:?}"));
            }
        }
        return Ok(());
    }
    if let Some(n) = rest.strip_prefix("rij ") {
        // Row n of the theme table (the table whose header names the SMART goals).
        let n: usize = n.parse().map_err(|_| format!("bad row in {place:?}"))?;
        let rows: Vec<&Vec<String>> = blocks
            .iter()
            .filter_map(|b| match b {
                Blok::Rij(c) => Some(c),
                _ => None,
            })
            .skip_while(|c| !c.iter().any(|x| x.starts_with("Doelen")))
            .skip(1)
            .collect();
        let row = rows
            .get(n - 1)
            .ok_or(format!("no theme row {n}"))?
            .join("\t");
        for q in quotes {
            if !row.contains(&q) {
                return Err(format!("{q:?} not in theme row {n}: {row:?}"));
            }
        }
        return Ok(());
    }
    if let Some(items) = rest
        .strip_prefix("items ")
        .or_else(|| rest.strip_prefix("item "))
    {
        // Checklist items: the paragraphs with a checkbox, counted from 1.
        let boxes: Vec<&String> = blocks
            .iter()
            .filter_map(|b| match b {
                Blok::Alinea(t) if t.starts_with(['☐', '☒']) => Some(t),
                _ => None,
            })
            .collect();
        let nummers: Vec<usize> = items
            .split([',', ' '])
            .filter(|w| !w.is_empty() && *w != "en")
            .map(|w| w.parse().unwrap())
            .collect();
        if nummers.len() != quotes.len() {
            return Err(format!(
                "{} items cited, {} named",
                nummers.len(),
                quotes.len()
            ));
        }
        let unticked = boxes.iter().filter(|t| t.starts_with('☐')).count();
        if nummers.len() != unticked {
            return Err(format!(
                "{unticked} unticked in the document, {} cited",
                nummers.len()
            ));
        }
        for (n, q) in nummers.iter().zip(&quotes) {
            let item = boxes.get(n - 1).ok_or(format!("no item {n}"))?;
            if !item.starts_with('☐') || !item.contains(q.as_str()) {
                return Err(format!("item {n} {item:?} is not the unticked {q:?}"));
            }
        }
        return Ok(());
    }
    if !rest.is_empty() {
        return Err(format!("unknown docx place {place:?}"));
    }
    let body = section(&blocks, sec).ok_or(format!("no section {sec}"))?;
    match code {
        "VOORBEELDTEKST_AANWEZIG" => {
            let has = body
                .iter()
                .any(|b| matches!(b, Blok::Alinea(t) if t.starts_with("Voorbeeld:")));
            if !has {
                return Err(format!("no template example in §{sec}"));
            }
        }
        "HAAGLANDEN_GEZONDER_ONTBREEKT" => {
            // The WSV's own words: without the sjabloon's instructions ([…]) and its appendix
            // "Bijlage 1 – Inspiratie per thema", which name projects as examples.
            let own: Vec<&Blok> = blocks
                .iter()
                .take_while(|b| !matches!(b, Blok::Alinea(t) if t.starts_with("Bijlage 1")))
                .filter(|b| !matches!(b, Blok::Alinea(t) if t.starts_with('[')))
                .collect();
            let lower = text_of(&own).to_lowercase();
            for p in [
                "kansrijke start",
                "gli",
                "valpreventie",
                "welzijn op recept",
                "kind naar gezonder gewicht",
            ] {
                let hit = lower
                    .split(|c: char| !c.is_alphanumeric())
                    .collect::<Vec<_>>()
                    .join(" ");
                if format!(" {hit} ").contains(&format!(" {p} ")) {
                    return Err(format!("the plan names {p}"));
                }
            }
        }
        _ => {
            let t = text_of(&body);
            for q in quotes {
                if !t.contains(&q) {
                    return Err(format!("{q:?} not in §{sec}"));
                }
            }
        }
    }
    Ok(())
}

/// Check one spreadsheet place for one finding: the cell holds an amount of the message, or
/// (without amounts) a formula for FORMULE_ZONDER_WAARDE, or the quoted text.
fn check_sheet(path: &Path, place: &str, code: &str, message: &str) -> Result<(), String> {
    let (value, formula) = cell(path, place);
    if code == "FORMULE_ZONDER_WAARDE" {
        return if formula.is_empty() {
            Err(format!("{place} holds no formula"))
        } else {
            Ok(())
        };
    }
    let wanted = amounts(message);
    if !wanted.is_empty() {
        let got = value.as_ref().and_then(number);
        return match got {
            Some(g) if wanted.iter().any(|w| (w - g).abs() < 0.005) => Ok(()),
            _ => Err(format!(
                "{place} holds {value:?} (formula {formula:?}), not one of {wanted:?}"
            )),
        };
    }
    let shown = value.map(|v| v.to_string()).unwrap_or_default();
    for q in quoted(message) {
        if !shown.contains(&q) {
            return Err(format!("{q:?} not in {place}: {shown:?}"));
        }
    }
    Ok(())
}

#[test]
fn every_finding_bron_points_at_its_evidence() {
    let dir = outputs();
    let files = files_by_base_name();
    let mut failures = Vec::new();
    let mut checked: HashMap<&str, usize> = HashMap::new();
    let rows = read_csv(&dir.path().join("bevindingen.csv"));
    assert!(rows.len() > 30, "{}", rows.len());
    for r in &rows {
        let (code, bron, bericht) = (
            r["code"].as_str(),
            r["bron"].as_str(),
            r["bericht"].as_str(),
        );
        let result = if let Some(regel) = bron.strip_prefix("wijkindeling-2025-2026.csv regel ") {
            // A line of the built-in wijkindeling: it names the gemeente and holds the amount.
            let csv =
                std::fs::read_to_string(root().join("data/wijkindeling-2025-2026.csv")).unwrap();
            let n: usize = regel.parse().unwrap();
            let line = csv.lines().nth(n - 1).unwrap_or_default();
            let fits = amounts(bericht)
                .iter()
                .any(|a| line.split(';').any(|c| c == format!("{}", *a as i64)));
            if fits {
                Ok(())
            } else {
                Err(format!("line {n} {line:?}"))
            }
        } else {
            let (path, place) = split_bron(bron, &files);
            let ext = path.extension().unwrap().to_string_lossy().to_lowercase();
            if place.is_empty() {
                // The file as a whole (a missing partner, an unreadable or unplaceable file).
                if path.is_file() {
                    Ok(())
                } else {
                    Err("missing".into())
                }
            } else if ext == "docx" {
                check_docx(&path, place, code, bericht)
            } else if ["xlsx", "xls", "ods"].contains(&ext.as_str()) {
                check_sheet(&path, place, code, bericht)
            } else {
                Err(format!("unknown kind of place {place:?}"))
            }
        };
        *checked.entry(code).or_default() += 1;
        if let Err(e) = result {
            failures.push(format!("{} {code} {bron}: {e}", r["wsv"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The two findings whose bron issue 14 fixed are among those checked.
    for code in [
        "CHECKLIST_ONVOLLEDIG",
        "VACATIE_TARIEF_AFWIJKEND",
        "ZORG_IN_BEGROTING",
        "THEMA_ZONDER_BEGROTING",
    ] {
        assert!(
            checked.contains_key(code),
            "{code} not in the sample: {checked:?}"
        );
    }
}

#[test]
fn the_rate_finding_cites_the_rate_cell_and_the_checklist_every_unticked_item() {
    let dir = outputs();
    let rows = read_csv(&dir.path().join("bevindingen.csv"));
    let vac = rows
        .iter()
        .find(|r| r["code"] == "VACATIE_TARIEF_AFWIJKEND")
        .unwrap();
    // Wassenaar's begroting: the rate € 75 in column E of the vacatie line, its amount in F.
    let (value, _) = cell(
        &submissions().join("Wassenaar/begroting wassenaar.xls"),
        vac["bron"].rsplit_once(' ').unwrap().1,
    );
    assert_eq!(
        value.as_ref().and_then(number),
        Some(75.0),
        "{}",
        vac["bron"]
    );
    let ch = rows
        .iter()
        .find(|r| r["code"] == "CHECKLIST_ONVOLLEDIG")
        .unwrap();
    assert_eq!(
        ch["bron"],
        "WSV Escamp Zuid - wijkplan.docx §10 items 3 en 5"
    );
}

#[test]
fn every_budget_amount_bron_holds_that_amount() {
    let dir = outputs();
    let files = files_by_base_name();
    let mut failures = Vec::new();
    let regels = read_csv(&dir.path().join("begrotingsregels.csv"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("register.json")).unwrap()).unwrap();
    // WSVs whose begroting holds formulas without stored values (said by FORMULE_ZONDER_WAARDE):
    // there the cited cell holds the formula wijkregister evaluated.
    let formulas: Vec<String> = read_csv(&dir.path().join("bevindingen.csv"))
        .into_iter()
        .filter(|r| r["code"] == "FORMULE_ZONDER_WAARDE")
        .map(|r| r["wsv"].clone())
        .collect();
    let mut check = |wsv: &str, bron: &str, amount: f64| {
        let (path, place) = split_bron(bron, &files);
        let (value, formula) = cell(&path, place);
        match value.as_ref().and_then(number) {
            Some(v) if (v - amount).abs() < 0.005 => {}
            None if !formula.is_empty() && formulas.iter().any(|w| w == wsv) => {}
            _ => failures.push(format!(
                "{wsv} {bron}: {value:?} (formula {formula:?}) ≠ {amount}"
            )),
        }
    };
    let mut n = 0;
    for r in &regels {
        if r["bedrag"].is_empty() {
            continue;
        }
        let amount: f64 = r["bedrag"].replace(',', ".").parse().unwrap();
        check(&r["wsv"], &r["bron"], amount);
        n += 1;
    }
    assert!(n > 40, "{n} lines");
    for w in json["wsvs"].as_array().unwrap() {
        let b = &w["begroting"];
        if let (Some(t), Some(bron)) = (b["totaal_opgegeven"].as_f64(), b["totaal_bron"].as_str()) {
            check(w["wsv"].as_str().unwrap(), bron, t);
        }
        for g in b["regels"].as_array().into_iter().flatten() {
            if let (Some(t), Some(bron)) = (g["tarief"].as_f64(), g["tarief_bron"].as_str()) {
                check(w["wsv"].as_str().unwrap(), bron, t);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn views_count_each_begroting_once_with_its_own_bron() {
    let dir = outputs();
    let conn = rusqlite::Connection::open(dir.path().join("register.sqlite")).unwrap();
    // A plain SUM per WSV over the view equals the overview's sum of the lines: no copy or
    // older version counted twice.
    let per_wsv: Vec<(String, f64)> = conn
        .prepare("SELECT wsv, SUM(bedrag_euro) FROM v_begrotingsregels GROUP BY wsv")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let overzicht = read_csv(&dir.path().join("overzicht.csv"));
    for (wsv, sum) in &per_wsv {
        let row = overzicht.iter().find(|r| &r["wsv"] == wsv).unwrap();
        let som: f64 = row["begroting_som_regels"]
            .replace(',', ".")
            .parse()
            .unwrap();
        assert!(
            (som - sum).abs() < 0.005,
            "{wsv}: view {sum} ≠ overzicht {som}"
        );
    }
    assert_eq!(per_wsv.len(), 9, "{per_wsv:?}");
    // Laak's begroting came in twice (a copy at the top); the view shows it once, under its own
    // name, with bron texts naming that file.
    let laak: Vec<(String, String)> = conn
        .prepare("SELECT bestand, bron FROM v_begrotingsregels WHERE wsv = 'Laak'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!laak.is_empty());
    for (bestand, bron) in &laak {
        assert_eq!(bestand, "Laak/Begroting WSV Laak.xlsx");
        assert!(
            bron.starts_with("Begroting WSV Laak.xlsx Begroting!"),
            "{bron}"
        );
    }
    // v_overzicht: status and ruimte as overzicht.csv, ordered by WSV.
    let rows: Vec<(String, String, Option<f64>)> = conn
        .prepare("SELECT wsv, status, ruimte_euro FROM v_overzicht")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), overzicht.len());
    for ((wsv, status, ruimte), csv) in rows.iter().zip(&overzicht) {
        assert_eq!(wsv, &csv["wsv"]);
        assert_eq!(status, &csv["status"], "{wsv}");
        let csv_ruimte = csv["ruimte"].replace(',', ".").parse::<f64>().ok();
        assert_eq!(
            ruimte.map(|r| (r * 100.0).round()),
            csv_ruimte.map(|r| (r * 100.0).round()),
            "{wsv}"
        );
    }
}
