//! `make bench`: how fast a batch goes, and what isolation costs.
//!
//! Builds a batch of BENCH_COPIES (default 10) copies of the sample batch (each copy in its own
//! folder, so every file is read), then measures in one run:
//! - the docx reader and the begroting path per file, in this process;
//! - reading the whole batch in this process (threads, panics caught) against reading it in
//!   worker processes (deadline, memory cap): the difference is the price of isolation;
//! - a complete `wijkregister run` (release binary) on the batch, outputs included;
//! - first, the checks on one WSV with BENCH_THEMAS (default 2,000) themes and as many budget lines
//!   (issue 12: no check may grow worse than n log n). `BENCH_COPIES=0` times only that.
//!
//! Timings are wall-clock medians of BENCH_ROUNDS (default 5) rounds on this machine.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use wijkregister::intake::{self, Found};
use wijkregister::worker::{process_all, Isolation};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("map maken");
    for e in std::fs::read_dir(from).expect("map lezen").flatten() {
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).expect("kopiëren");
        }
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time_rounds(rounds: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..rounds)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo test --all-targets` runs bench targets too (without `--bench`): the figures are for
    // `make bench` only, never part of the test suite.
    if !std::env::args().any(|a| a == "--bench") {
        println!("benchmark: draai met `make bench`");
        return;
    }
    let copies = env_usize("BENCH_COPIES", 10);
    let rounds = env_usize("BENCH_ROUNDS", 5);
    controles(env_usize("BENCH_THEMAS", 2_000), rounds);
    veel_wsvs(env_usize("BENCH_WSVS", 1_000), rounds);
    if copies == 0 {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("wijkregister-bench-{}", std::process::id()));
    for i in 0..copies {
        copy_dir(
            &root.join("fixtures/submissions"),
            &dir.join(format!("kopie-{i:02}")),
        );
    }
    let (found, _) = intake::discover(std::slice::from_ref(&dir));
    let n = found.len();
    let bytes: u64 = found
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "batch: {copies} kopieën van fixtures/submissions = {n} bestanden, {:.1} MB",
        bytes as f64 / 1e6
    );

    // Per file kind, in this process, one thread.
    let of_kind =
        |ext: &str| -> Vec<&Found> { found.iter().filter(|f| f.bestand.ends_with(ext)).collect() };
    for (label, ext) in [
        ("docx lezen + sjabloon", ".docx"),
        ("xlsx lezen + begroting", ".xlsx"),
    ] {
        let files = of_kind(ext);
        let t = time_rounds(rounds, || {
            for f in &files {
                let _ = wijkregister::pipeline::process_file(f);
            }
        });
        println!(
            "{label}: {:.2} ms per bestand ({} bestanden)",
            t.as_secs_f64() * 1000.0 / files.len() as f64,
            files.len()
        );
    }

    // The docx path split: the reader, then the sjabloon mapping.
    let docx: Vec<Vec<u8>> = of_kind(".docx")
        .iter()
        .filter_map(|f| std::fs::read(&f.path).ok())
        .collect();
    let t_read = time_rounds(rounds, || {
        for b in &docx {
            let _ = wijkregister::read::docx::read_docx(b);
        }
    });
    let docs: Vec<_> = docx
        .iter()
        .filter_map(|b| wijkregister::read::docx::read_docx(b).ok())
        .collect();
    let t_map = time_rounds(rounds, || {
        for d in &docs {
            let _ = wijkregister::template::map_document(d, "plan.docx");
        }
    });
    println!(
        "  waarvan docx lezen {:.2} ms, sjabloon herkennen en mappen {:.2} ms per plan",
        t_read.as_secs_f64() * 1000.0 / docx.len() as f64,
        t_map.as_secs_f64() * 1000.0 / docs.len() as f64
    );

    // Isolation: threads in this process against worker processes.
    let quiet = |_: &str| {};
    let in_process = time_rounds(rounds, || {
        process_all(&found, &Isolation::InProcess, &quiet);
    });
    let workers = Isolation::Workers {
        exe: PathBuf::from(env!("CARGO_BIN_EXE_wijkregister")),
        count: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2),
        deadline: Duration::from_secs(wijkregister::limits::FILE_DEADLINE_SECS),
        // As `run` reads: the text in the register's stored form.
        text: wijkregister::worker::TextForm::Stored,
    };
    let in_workers = time_rounds(rounds, || {
        process_all(&found, &workers, &quiet);
    });
    let per_file = |d: Duration| d.as_secs_f64() * 1000.0 / n as f64;
    println!(
        "inlezen in dit proces:        {:>7.1} ms ({:.2} ms/bestand, {:.0} bestanden/s)",
        in_process.as_secs_f64() * 1000.0,
        per_file(in_process),
        n as f64 / in_process.as_secs_f64()
    );
    println!(
        "inlezen in werkprocessen:     {:>7.1} ms ({:.2} ms/bestand, {:.0} bestanden/s)",
        in_workers.as_secs_f64() * 1000.0,
        per_file(in_workers),
        n as f64 / in_workers.as_secs_f64()
    );
    println!(
        "prijs van isolatie:           {:>+7.1} ms ({:+.2} ms/bestand, inclusief het starten van de werkprocessen)",
        (in_workers.as_secs_f64() - in_process.as_secs_f64()) * 1000.0,
        per_file(in_workers) - per_file(in_process)
    );

    // A complete run, as a user runs it.
    let out = dir.join("uit");
    let full = time_rounds(rounds, || {
        let _ = std::fs::remove_dir_all(&out);
        let st = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
            .args(["run", "-q", "--out"])
            .arg(&out)
            .arg(&dir)
            .status()
            .expect("wijkregister starten");
        assert!(st.success());
    });
    println!(
        "volledige run (nieuw register): {:.0} ms, {:.0} bestanden/s",
        full.as_secs_f64() * 1000.0,
        n as f64 / full.as_secs_f64()
    );
    let again = time_rounds(rounds, || {
        let st = Command::new(env!("CARGO_BIN_EXE_wijkregister"))
            .args(["run", "-q", "--out"])
            .arg(&out)
            .arg(&dir)
            .status()
            .expect("wijkregister starten");
        assert!(st.success());
    });
    println!(
        "zelfde run nog eens (alles al in het register): {:.0} ms",
        again.as_secs_f64() * 1000.0
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Times the whole audit on one WSV whose plan has `n` themes with content and whose begroting has
/// `n` lines: half of them name every even theme (by number, by name, by `thema k` in the post, by
/// name in the post), the other half name none. The same shape as the unit test
/// `audit::tests::two_thousand_themes_and_lines`, which checks the findings.
fn controles(n: usize, rounds: usize) {
    use wijkregister::domain::{Begroting, Cents, Regel, Sjabloon, Thema, Veld, Velden, Wijkplan};
    use wijkregister::snapshot::{Snapshot, WsvRecord};
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    let woord = |k: u32| {
        let letter = |i: u32| char::from(b'a' + (i % 26) as u8);
        format!(
            "wijkactie{}{}{}",
            letter(k / 676),
            letter(k / 26),
            letter(k)
        )
    };
    let plan = Wijkplan {
        sjabloon: Sjabloon::Haaglanden2025,
        velden: Velden {
            gemeente_stadsdeel: Veld {
                waarde: Some("Laak".into()),
                bron: "plan.docx §1".into(),
            },
            ..Velden::default()
        },
        kerndisciplines: vec![],
        secties: vec![],
        themas: (1..=n)
            .map(|k| Thema {
                nummer: k,
                naam: format!("{k}. {}", woord(k)),
                doelen: format!("Doel van thema {k}"),
                bron: format!("plan.docx §4 rij {k}"),
                ..Thema::default()
            })
            .collect(),
        checklist: vec![],
        vingerafdruk: String::new(),
        begroting: None,
    };
    let line = |post: String, thema: Option<String>, i: u32| Regel {
        post,
        thema,
        omschrijving: None,
        uren: None,
        tarief: None,
        bedrag: Cents(10_000),
        cofinanciering: None,
        vacatie: false,
        bron: format!("begroting.xlsx Begroting!F{}", i + 5),
        ..Regel::default()
    };
    let mut regels: Vec<Regel> = (2..=n)
        .step_by(2)
        .map(|k| match (k / 2) % 4 {
            0 => line("Bijeenkomst".into(), Some(k.to_string()), k),
            1 => line("Bijeenkomst".into(), Some(woord(k)), k),
            2 => line(format!("Bijeenkomsten thema {k}"), None, k),
            _ => line(format!("Inzet {}", woord(k)), Some("9999".into()), k),
        })
        .collect();
    for i in 0..n - n / 2 {
        regels.push(line(format!("Zaalhuur {i}"), Some("Overig".into()), n + i));
    }
    let snapshot = Snapshot {
        wsvs: vec![WsvRecord {
            wsv: "Laak".into(),
            plan: Some(("plan.docx".into(), plan)),
            begroting: Some((
                "begroting.xlsx".into(),
                Begroting {
                    regels,
                    blad: "Begroting".into(),
                    ..Begroting::default()
                },
            )),
            bestanden: vec![],
            eerdere_versies: vec![],
            samenwerkingsovereenkomst: None,
            plan_scan: None,
            plaatsing: Default::default(),
            bevindingen: vec![],
        }],
        ..Snapshot::default()
    };
    let wk = wijkregister::wijkindeling::builtin();
    let mut findings = 0;
    let t = time_rounds(rounds, || {
        findings = wijkregister::audit::run(&snapshot, &wk).bevindingen.len();
    });
    println!(
        "controles op één WSV met {n} thema's en {n} begrotingsregels: {:.1} ms ({findings} bevindingen)",
        t.as_secs_f64() * 1000.0
    );
}

/// Pairing and the checks over `n` WSVs in one folder and one stadsdeel (each claiming Moerwijk,
/// each asking € 1.000, each plan with a begroting that states a shorter name): the shape of the
/// unit tests `pairing::tests::a_thousand_wsvs_in_one_folder…` and
/// `audit::tests::messages_about_other_wsvs_stay_bounded…`, which check the results. Prints the
/// time and the finding text per WSV for n/5 and n WSVs (200 and 1,000 by default; 200 × € 1.000
/// is over Escamp's budget too, so both sizes get the same messages): per WSV, time and text
/// should stay about the same.
fn veel_wsvs(n: usize, rounds: usize) {
    use wijkregister::domain::{Begroting, Cents, Sjabloon, Veld, Velden, Wijkplan};
    use wijkregister::snapshot::{Content, FileOutcome, Snapshot, Soort, StoredFile, WsvRecord};
    let veld = |v: &str| Veld {
        waarde: Some(v.to_string()),
        bron: "plan.docx §1".into(),
    };
    let plan = |naam: &str| Wijkplan {
        sjabloon: Sjabloon::Haaglanden2025,
        velden: Velden {
            wijk_wsv: veld(naam),
            gemeente_stadsdeel: veld("Escamp"),
            ..Velden::default()
        },
        kerndisciplines: vec![],
        secties: vec![],
        themas: vec![],
        checklist: vec![],
        vingerafdruk: String::new(),
        begroting: None,
    };
    let begroting = |naam: Option<String>| Begroting {
        wsv_naam: naam,
        totaal_opgegeven: Some(Cents(100_000)),
        blad: "Begroting".into(),
        ..Begroting::default()
    };
    let file = |id: usize, bestand: String, soort: Soort, content: Content| StoredFile {
        id: id as i64,
        outcome: FileOutcome {
            bestand,
            map: String::new(),
            sha256: format!("{id:064x}"),
            grootte: 1,
            soort,
            content,
            findings: vec![],
            opmerkingen: vec![],
            voorbijgaand: false,
            tekst: Vec::new(),
            tekst_opslag: None,
            technisch: Vec::new(),
        },
    };
    // Letters, not digits: digits are no part of a WSV's key.
    let buurt = |i: usize| {
        let l = |k: usize| char::from(b'a' + (k % 26) as u8);
        format!("Buurt{}{}{}", l(i / 676), l(i / 26), l(i))
    };
    for n in [n / 5, n] {
        let mut files = Vec::new();
        for i in 0..n {
            let naam = format!("{} Noord", buurt(i));
            files.push(file(
                i,
                format!("Wijkplan {i}.docx"),
                Soort::Docx,
                Content::Wijkplan(plan(&naam)),
            ));
            files.push(file(
                n + i,
                format!("Begroting {}.xlsx", buurt(i)),
                Soort::Xlsx,
                Content::Begroting(begroting(Some(buurt(i)))),
            ));
        }
        let t = time_rounds(rounds, || {
            std::hint::black_box(wijkregister::pairing::assign(&files));
        });
        println!(
            "koppelen van {} bestanden van {n} WSV's in één map: {:.1} ms ({:.1} µs per WSV)",
            files.len(),
            t.as_secs_f64() * 1000.0,
            t.as_secs_f64() * 1e6 / n as f64
        );
        let snapshot = Snapshot {
            wsvs: (0..n)
                .map(|i| {
                    let naam = format!("W{i:04}");
                    WsvRecord {
                        wsv: naam.clone(),
                        plan: Some((format!("{naam}/plan.docx"), plan("Moerwijk"))),
                        begroting: Some((format!("{naam}/begroting.xlsx"), begroting(None))),
                        bestanden: vec![],
                        eerdere_versies: vec![],
                        samenwerkingsovereenkomst: None,
                        plan_scan: None,
                        plaatsing: Default::default(),
                        bevindingen: vec![],
                    }
                })
                .collect(),
            ..Snapshot::default()
        };
        let wk = wijkregister::wijkindeling::builtin();
        let mut text = 0;
        let t = time_rounds(rounds, || {
            let r = wijkregister::audit::run(&snapshot, &wk);
            text = r
                .bevindingen
                .iter()
                .map(|b| b.finding.bericht.len())
                .sum::<usize>();
        });
        println!(
            "controles op {n} WSV's in één stadsdeel: {:.1} ms ({:.1} µs per WSV), {:.0} bytes bevindingstekst per WSV",
            t.as_secs_f64() * 1000.0,
            t.as_secs_f64() * 1e6 / n as f64,
            text as f64 / n as f64
        );
    }
}
