//! The mailbox as it arrives (issue 9): e-mails (.eml, .msg) and zips are unpacked in memory and
//! their members are read exactly as loose files. fixtures/mail/inzendingen holds four WSVs'
//! submissions as mail (fixtures/mail/make.py): Laak's plan and begroting attached to an .eml
//! (names in RFC 2231 and RFC 2047), Escamp Noord's inside a forwarded message (message/rfc822),
//! Wassenaar's in an Outlook .msg, and Rijswijk's in a zip with a WSV folder inside.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn run_into(input: &Path, out: &Path) {
    let st = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
        .arg("run")
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("-q")
        .status()
        .unwrap();
    assert!(st.success(), "run failed: {st}");
}

/// The same four WSVs' files, loose (the sample batch's originals the mail was made from).
const LOOSE: [&str; 8] = [
    "Laak/Wijkplan WSV Laak.docx",
    "Laak/Begroting WSV Laak.xlsx",
    "Escamp Noord/Wijkplan WSV Escamp Noord.docx",
    "Escamp Noord/Begroting WSV Escamp Noord.xlsx",
    "Wassenaar/Wijkplan WSV Wassenaar.docx",
    "Wassenaar/begroting wassenaar.xls",
    "Rijswijk/Wijkplan WSV Rijswijk definitief.docx",
    "Rijswijk/Begroting Rijswijk.ods",
];

fn loose_batch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in LOOSE {
        let to = dir.path().join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join("fixtures/submissions").join(f), to).unwrap();
    }
    dir
}

fn mail() -> PathBuf {
    root().join("fixtures/mail/inzendingen")
}

/// Drop what names the file (`bron`, `bestanden`, `bestand`, `wijkplan`): what is left is what
/// was read.
fn without_provenance(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| {
                    !matches!(k.as_str(), "bron" | "bestanden" | "bestand" | "wijkplan")
                })
                .filter(|(k, _)| {
                    !k.starts_with("bron_") && !k.ends_with("_bron") && *k != "cel_bronnen"
                })
                .map(|(k, v)| (k.clone(), without_provenance(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_provenance).collect()),
        other => other.clone(),
    }
}

fn wsvs(out: &Path) -> BTreeMap<String, Value> {
    let j: Value = serde_json::from_str(&read(&out.join("register.json"))).unwrap();
    j["wsvs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["wsv"].as_str().unwrap().to_string(), w.clone()))
        .collect()
}

fn bestanden(out: &Path) -> BTreeMap<String, Vec<String>> {
    let text = read(&out.join("bestanden.csv"));
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| {
            let c: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
            (c[0].clone(), c)
        })
        .collect()
}

#[test]
fn mailed_submissions_give_the_same_register_values_as_loose_files() {
    let loose = loose_batch();
    let (out_loose, out_mail) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run_into(loose.path(), out_loose.path());
    run_into(&mail(), out_mail.path());
    let (a, b) = (wsvs(out_loose.path()), wsvs(out_mail.path()));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        ["Escamp Noord", "Laak", "Rijswijk", "Wassenaar"]
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (wsv, rec) in &a {
        // Field by field: every key of the record (velden, secties, themas, kerndisciplines,
        // begroting and its regels, plaatsing, bevindingen codes and messages).
        let (x, y) = (without_provenance(rec), without_provenance(&b[wsv]));
        for key in x.as_object().unwrap().keys() {
            if key == "bevindingen" {
                continue; // messages name the file; compared by code below
            }
            assert_eq!(x[key], y[key], "{wsv}: {key}");
        }
        let codes = |r: &Value| -> Vec<String> {
            r["bevindingen"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["code"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(codes(rec), codes(&b[wsv]), "{wsv}: bevindingen");
    }
    // Provenance names the container and the member.
    let laak = &b["Laak"];
    assert_eq!(
        laak["velden"]["wijk_wsv"], a["Laak"]["velden"]["wijk_wsv"],
        "zelfde waarde"
    );
    let bron = laak["themas"][1]["bron"].as_str().unwrap();
    assert!(
        bron.starts_with(
            "RE_ Wijkplan en begroting WSV Laak.eml » Wijkplan WSV Laak – definitief.docx §4 rij 2"
        ),
        "{bron}"
    );
    let regel = laak["begroting"]["regels"][0]["bron"].as_str().unwrap();
    assert!(
        regel.starts_with(
            "RE_ Wijkplan en begroting WSV Laak.eml » Begroting WSV Laak één tabblad.xlsx "
        ),
        "{regel}"
    );
    let rijswijk = b["Rijswijk"]["begroting"]["regels"][0]["bron"]
        .as_str()
        .unwrap();
    assert!(
        rijswijk.starts_with("Inzending Rijswijk.zip » WSV Rijswijk/Begroting Rijswijk.ods "),
        "{rijswijk}"
    );
}

#[test]
fn every_container_and_member_has_its_row() {
    let out = tempfile::tempdir().unwrap();
    run_into(&mail(), out.path());
    let rows = bestanden(out.path());
    let row = |k: &str| {
        rows.get(k)
            .unwrap_or_else(|| panic!("geen rij {k}: {:?}", rows.keys()))
    };
    // bestand;sha256;soort;wsv;status;toelichting;rol
    for c in [
        "Mail/RE_ Wijkplan en begroting WSV Laak.eml",
        "Mail/FW_ Stukken WSV Escamp Noord.eml",
        "Mail/FW_ Stukken WSV Escamp Noord.eml » Stukken WSV Escamp Noord.eml",
        "Mail/Wijkplan WSV Wassenaar.msg",
        "Inzending Rijswijk.zip",
    ] {
        assert_eq!(row(c)[4], "uitgepakt", "{c}");
        assert_eq!(row(c)[6], "container", "{c}");
    }
    // Names as the sender wrote them: RFC 2231 (an en dash) and RFC 2047 (ISO-8859-1 "één").
    let plan =
        row("Mail/RE_ Wijkplan en begroting WSV Laak.eml » Wijkplan WSV Laak – definitief.docx");
    assert_eq!(
        (plan[3].as_str(), plan[4].as_str(), plan[6].as_str()),
        ("Laak", "verwerkt", "wijkplan")
    );
    let begr =
        row("Mail/RE_ Wijkplan en begroting WSV Laak.eml » Begroting WSV Laak één tabblad.xlsx");
    assert_eq!(
        (begr[4].as_str(), begr[6].as_str()),
        ("verwerkt", "begroting")
    );
    // The signature's inline image is listed and ignored, like a loose logo.
    let logo = row("Mail/RE_ Wijkplan en begroting WSV Laak.eml » logo-wsv.png");
    assert_eq!(logo[4], "genegeerd");
    let fw = row("Mail/FW_ Stukken WSV Escamp Noord.eml » Stukken WSV Escamp Noord.eml » Wijkplan WSV Escamp Noord.docx");
    assert_eq!(
        (fw[3].as_str(), fw[4].as_str()),
        ("Escamp Noord", "verwerkt")
    );
    let msg = row("Mail/Wijkplan WSV Wassenaar.msg » begroting wassenaar.xls");
    assert_eq!(
        (msg[3].as_str(), msg[4].as_str(), msg[2].as_str()),
        ("Wassenaar", "verwerkt", "xls")
    );
    let mac = row("Inzending Rijswijk.zip » __MACOSX/WSV Rijswijk/._Begroting Rijswijk.ods");
    assert_eq!(mac[4], "genegeerd");
    assert_eq!(rows.len(), 15, "{:?}", rows.keys());
}

#[test]
fn a_plan_loose_and_mailed_is_one_plan() {
    let input = tempfile::tempdir().unwrap();
    let mail_dir = input.path().join("Mail");
    std::fs::create_dir_all(&mail_dir).unwrap();
    std::fs::copy(
        mail().join("Mail/RE_ Wijkplan en begroting WSV Laak.eml"),
        mail_dir.join("RE_ Wijkplan en begroting WSV Laak.eml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/submissions/Laak/Wijkplan WSV Laak.docx"),
        input.path().join("Wijkplan WSV Laak.docx"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    run_into(input.path(), out.path());
    let rows = bestanden(out.path());
    let loose = &rows["Wijkplan WSV Laak.docx"];
    let mailed =
        &rows["Mail/RE_ Wijkplan en begroting WSV Laak.eml » Wijkplan WSV Laak – definitief.docx"];
    assert_eq!(loose[4], "verwerkt");
    assert_eq!(mailed[4], "dubbel");
    assert!(
        mailed[5].starts_with("zelfde inhoud als Wijkplan WSV Laak.docx"),
        "{}",
        mailed[5]
    );
    assert_eq!(wsvs(out.path()).len(), 1);
}

#[test]
fn nothing_from_a_container_is_written_to_disk() {
    // The bad corpus has a zip whose members are named ../../etc/wijkplan.docx, /tmp/absoluut.txt
    // and C:\Windows\system32\schijf.txt (fixtures/mail/make.py).
    let input = tempfile::tempdir().unwrap();
    let zip = input.path().join("pad-ontsnapping.zip");
    std::fs::copy(root().join("fixtures/bad/pad-ontsnapping.zip"), &zip).unwrap();
    let out = tempfile::tempdir().unwrap();
    let outdir = out.path().join("uit");
    run_into(input.path(), &outdir);
    let listing = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = walk(d)
            .into_iter()
            .map(|p| p.strip_prefix(d).unwrap().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(listing(input.path()), ["pad-ontsnapping.zip"]);
    let written = listing(out.path());
    assert!(
        written
            .iter()
            .all(|p| p.starts_with("uit/") && !p.contains("etc") && !p.contains("absoluut")),
        "{written:?}"
    );
    let rows = bestanden(&outdir);
    assert!(
        rows.contains_key("pad-ontsnapping.zip » etc/wijkplan.docx"),
        "{:?}",
        rows.keys()
    );
    assert!(rows.contains_key("pad-ontsnapping.zip » tmp/absoluut.txt"));
    assert!(rows.contains_key("pad-ontsnapping.zip » Windows/system32/schijf.txt"));
}

fn walk(d: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![d.to_path_buf()];
    while let Some(p) = stack.pop() {
        for e in std::fs::read_dir(&p).unwrap() {
            let e = e.unwrap().path();
            if e.is_dir() {
                stack.push(e);
            } else {
                out.push(e);
            }
        }
    }
    out
}
