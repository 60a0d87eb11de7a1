//! The same register values from a PDF as from the .docx it was exported from.
//!
//! For every fixture plan that exists as .docx and as PDF (LibreOffice export and Chromium print),
//! both go through the pipeline into a register and are compared field by field (section 1) and
//! cell by cell (section 4, nine rows × five columns), after whitespace normalisation. Per
//! producer at least 98% must be equal; every difference that remains is listed below with its
//! reason, so a new difference fails the test and a fixed one is noticed too.

use std::collections::BTreeSet;
use std::path::PathBuf;
use wijkregister::domain::Wijkplan;
use wijkregister::intake::Found;
use wijkregister::pipeline::process_file;
use wijkregister::register::Register;
use wijkregister::snapshot::Content;

/// Documents whose section-4 table has ruling lines, as the sjabloon has. (plan_d, without any
/// table lines, is the reader's known gap: its tables are compared separately below.)
const PLANS: [&str; 6] = [
    "plan_a",
    "plan_b",
    "plan_c",
    "sample_laak",
    "sample_rijswijk",
    "sample_escamp_zuid",
];

/// Differences that remain, with the reason: (plan, producer, what).
const KNOWN: &[(&str, &str, &str, &str)] = &[
    ("plan_a", "lo", "§4 rij 2 activiteiten", JUST_FITS),
    ("sample_laak", "lo", "§4 rij 2 resultaten", JUST_FITS),
    ("sample_laak", "lo", "§4 rij 2 partijen", "the vertically merged 'Betrokken partijen' cell of themes 1–2 is not recognised as merged, so its text lands in row 1 only"),
    ("sample_escamp_zuid", "lo", "§4 rij 3 doelen", "a kerning gap inside 'valrisicotest' is wider than the space threshold ('valrisicotes t')"),
    ("sample_escamp_zuid", "lo", "§4 rij 8 activiteiten", JUST_FITS),
    ("sample_laak", "chrome", "§1 kernteamleden", NESTED_PAGE_BREAK),
    ("sample_laak", "chrome", "§4 rij 2 resultaten", CHROMIUM_GLUE),
    ("sample_laak", "chrome", "§4 rij 7 doelen", CHROMIUM_GLUE),
    ("sample_laak", "chrome", "§4 rij 7 middelen", CHROMIUM_GLUE),
];

const JUST_FITS: &str = "a one-word line that just fits, without room for its line-end space, looks exactly like a word broken for width (0.2–2.3 pt left at the edge either way), so the next word is glued on";
const NESTED_PAGE_BREAK: &str = "the nested kernteam table breaks over a page; Chromium's next page comes out as one cell with the last three members' words in reading order, without their columns, so they continue the kernteam (their disciplines count) but not as 'naam, organisatie, discipline' lines";
const CHROMIUM_GLUE: &str = "Chromium draws no line-end spaces in cells, but this document has body lines ending in a space glyph, so the one-word-line rule for broken words applies and glues a word that just fits";

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf")
}

fn docx_path(plan: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/submissions");
    match plan {
        "sample_laak" => root.join("Laak/Wijkplan WSV Laak.docx"),
        "sample_rijswijk" => root.join("Rijswijk/Wijkplan WSV Rijswijk definitief.docx"),
        "sample_escamp_zuid" => root.join("WSV Escamp Zuid - wijkplan.docx"),
        p => dir().join(format!("{p}.docx")),
    }
}

/// Read `path` through the pipeline and the register, as `run` would.
fn through_register(path: PathBuf) -> Wijkplan {
    let bestand = path.file_name().unwrap().to_string_lossy().into_owned();
    let outcome = process_file(&Found {
        path,
        bestand: bestand.clone(),
        map: String::new(),
        lid: Vec::new(),
    });
    let mut reg = Register::open_in_memory().unwrap();
    reg.store_file(&outcome).unwrap();
    let files = reg.files().unwrap();
    match &files[0].outcome.content {
        Content::Wijkplan(w) => w.clone(),
        other => panic!(
            "{bestand}: geen wijkplan maar {other:?} ({:?})",
            files[0].outcome.findings
        ),
    }
}

fn ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// (label, docx value, pdf value) for the 7 fields and 45 theme cells.
fn pairs(d: &Wijkplan, p: &Wijkplan) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for ((key, _, dv), (_, _, pv)) in d.velden.all().into_iter().zip(p.velden.all()) {
        out.push((
            format!("§1 {key}"),
            ws(dv.waarde.as_deref().unwrap_or("")),
            ws(pv.waarde.as_deref().unwrap_or("")),
        ));
    }
    for dt in &d.themas {
        let pt = p.themas.iter().find(|t| t.nummer == dt.nummer);
        for (i, col) in [
            "doelen",
            "activiteiten",
            "resultaten",
            "middelen",
            "partijen",
        ]
        .iter()
        .enumerate()
        {
            let dv = ws(dt.cells()[i]);
            let pv = pt
                .map(|t| ws(t.cells()[i]))
                .unwrap_or_else(|| "<geen rij>".into());
            out.push((format!("§4 rij {} {col}", dt.nummer), dv, pv));
        }
    }
    out
}

#[test]
fn pdf_gives_the_same_fields_and_theme_cells_as_its_docx() {
    let mut report = Vec::new();
    let mut unexpected = Vec::new();
    let mut seen_known = BTreeSet::new();
    for producer in ["lo", "chrome"] {
        let (mut equal, mut total) = (0usize, 0usize);
        for plan in PLANS {
            let d = through_register(docx_path(plan));
            let p = through_register(dir().join(format!("{plan}_{producer}.pdf")));
            assert_eq!(d.themas.len(), 9, "{plan}.docx heeft 9 themarijen");
            for (what, dv, pv) in pairs(&d, &p) {
                total += 1;
                if dv == pv {
                    equal += 1;
                } else if let Some(k) = KNOWN
                    .iter()
                    .find(|k| k.0 == plan && k.1 == producer && k.2 == what)
                {
                    seen_known.insert(*k);
                } else {
                    unexpected.push(format!(
                        "{plan} {producer} {what}:\n  docx: {dv:?}\n  pdf:  {pv:?}"
                    ));
                }
            }
        }
        let pct = 100.0 * equal as f64 / total as f64;
        report.push(format!("{producer}: {equal}/{total} gelijk ({pct:.1}%)"));
        assert!(
            pct >= 98.0,
            "{producer}: {pct:.1}% < 98%\n{}",
            unexpected.join("\n")
        );
    }
    eprintln!("{}", report.join("\n"));
    assert!(
        unexpected.is_empty(),
        "nieuwe verschillen:\n{}",
        unexpected.join("\n")
    );
    let stale: Vec<_> = KNOWN.iter().filter(|k| !seen_known.contains(k)).collect();
    assert!(
        stale.is_empty(),
        "opgeloste verschillen staan nog in KNOWN: {stale:?}"
    );
}

#[test]
fn a_scan_gives_geen_tekstlaag_and_a_password_pdf_says_so() {
    let read = |name: &str| {
        process_file(&Found {
            path: dir().join(name),
            bestand: name.into(),
            map: String::new(),
            lid: Vec::new(),
        })
    };
    let scan = read("scan_image_only.pdf");
    if wijkregister::read::pdf::ocr::available() {
        // With tesseract the scan is read (badly: 72 dpi) and says so; tests/ocr.rs has the rest.
        assert!(
            matches!(scan.content, Content::Wijkplan(_)),
            "{:?}",
            scan.findings
        );
        assert!(
            scan.findings
                .iter()
                .any(|f| f.code.as_str() == "OCR_GELEZEN"),
            "{:?}",
            scan.findings
        );
    } else {
        // A scan is kept as a document of its WSV (issue 8), with the finding that nothing was read.
        assert!(matches!(scan.content, Content::Scan));
        assert_eq!(scan.findings.len(), 1);
        assert_eq!(scan.findings[0].code.as_str(), "GEEN_TEKSTLAAG");
    }
    let locked = read("user_password.pdf");
    assert_eq!(locked.findings[0].code.as_str(), "BESTAND_ONLEESBAAR");
    assert!(
        locked.findings[0].bericht.contains("wachtwoord"),
        "{}",
        locked.findings[0].bericht
    );
    let owner = read("owner_only.pdf");
    assert!(
        matches!(owner.content, Content::Wijkplan(_)),
        "alleen een eigenaarswachtwoord: gewoon lezen"
    );
    let cut = read("truncated.pdf");
    assert_eq!(cut.findings[0].code.as_str(), "BESTAND_ONLEESBAAR");
}

#[test]
fn provenance_of_pdf_values_names_the_page() {
    // plan_c's section-4 table runs over several pages: each row says where it is.
    let w = through_register(dir().join("plan_c_lo.pdf"));
    assert_eq!(w.velden.wijk_wsv.bron, "plan_c_lo.pdf §1 'Wijk/WSV' p.1");
    assert_eq!(w.themas[0].bron, "plan_c_lo.pdf §4 rij 1 p.1");
    let last = w.themas.iter().find(|t| t.nummer == 9).unwrap();
    assert!(
        last.bron.starts_with("plan_c_lo.pdf §4 rij 9 p.") && !last.bron.ends_with("p.1"),
        "{}",
        last.bron
    );
    // Word files have no pages: no suffix.
    let d = through_register(docx_path("plan_c"));
    assert_eq!(d.themas[0].bron, "plan_c.docx §4 rij 1");
}

/// PDFs of more producers (fixtures/pdf/make_producers.sh), each against the .docx it was made
/// from: (pdf, docx plan). Every §1 field and every theme cell must be equal.
const PRODUCERS: [(&str, &str); 5] = [
    // Ghostscript's pdfwrite re-encodes the text and re-draws the table lines.
    ("sample_rijswijk_gs.pdf", "sample_rijswijk"),
    ("plan_a_gs.pdf", "plan_a"),
    // LibreOffice with "Tagged PDF": marked content and a structure tree around the same text.
    ("sample_rijswijk_tagged.pdf", "sample_rijswijk"),
    ("plan_a_tagged.pdf", "plan_a"),
    // The themes table over three pages, its header row repeated on pages 2 and 3.
    ("long_table_lo.pdf", "long_table"),
];

/// Differences that remain, with the reason: (pdf, what, why). The same cell differs in the
/// LibreOffice export Ghostscript re-wrote (`KNOWN`, plan_a lo): not Ghostscript's doing.
const PRODUCER_KNOWN: &[(&str, &str, &str)] =
    &[("plan_a_gs.pdf", "§4 rij 2 activiteiten", JUST_FITS)];

#[test]
fn ghostscript_tagged_and_three_page_tables_equal_their_docx() {
    let mut unexpected = Vec::new();
    let mut seen_known = Vec::new();
    for (pdf, plan) in PRODUCERS {
        let d = through_register(docx_path(plan));
        let p = through_register(dir().join(pdf));
        assert_eq!(d.themas.len(), 9, "{plan}.docx heeft 9 themarijen");
        let (dn, pn): (Vec<u32>, Vec<u32>) = (
            d.themas.iter().map(|t| t.nummer).collect(),
            p.themas.iter().map(|t| t.nummer).collect(),
        );
        if dn != pn {
            unexpected.push(format!("{pdf} themanummers: docx {dn:?}, pdf {pn:?}"));
        }
        for dt in &d.themas {
            let Some(pt) = p.themas.iter().find(|t| t.nummer == dt.nummer) else {
                continue;
            };
            if ws(&dt.naam) != ws(&pt.naam) {
                unexpected.push(format!(
                    "{pdf} §4 rij {} naam: {:?} ≠ {:?}",
                    dt.nummer, dt.naam, pt.naam
                ));
            }
        }
        for (what, dv, pv) in pairs(&d, &p) {
            if dv == pv {
                continue;
            }
            match PRODUCER_KNOWN.iter().find(|k| k.0 == pdf && k.1 == what) {
                Some(k) => seen_known.push(*k),
                None => unexpected.push(format!("{pdf} {what}:\n  docx: {dv:?}\n  pdf:  {pv:?}")),
            }
        }
    }
    assert!(
        unexpected.is_empty(),
        "verschillen:\n{}",
        unexpected.join("\n")
    );
    let stale: Vec<_> = PRODUCER_KNOWN
        .iter()
        .filter(|k| !seen_known.contains(k))
        .collect();
    assert!(
        stale.is_empty(),
        "opgeloste verschillen staan nog in PRODUCER_KNOWN: {stale:?}"
    );
}
