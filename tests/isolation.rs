//! Worker isolation with batched requests (issue 15): a worker is given several files per
//! request, and when it dies or hangs on one of them, only that file is lost; the rest of its
//! batch goes to a fresh worker and is read normally.
//!
//! The worker is made to die on a chosen file through its test hook ([`worker::PROEF_VAR`]),
//! which the workers inherit from this process's environment. The tests in this file share that
//! variable, so they take turns.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;
use wijkregister::domain::Code;
use wijkregister::intake::Found;
use wijkregister::snapshot::{Content, FileOutcome};
use wijkregister::worker::{self, Isolation, Pool};

static ENV: Mutex<()> = Mutex::new(());

fn sample_batch() -> Vec<Found> {
    let inputs = [PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/submissions"
    ))];
    let (found, problems) = wijkregister::pipeline::discover(&inputs).expect("fixtures vinden");
    assert!(problems.is_empty());
    found
}

/// A file in the middle of a batch of one worker: not its first, not its last.
fn victim(found: &[Found]) -> usize {
    let plan = worker::batches(found, 1);
    let batch = plan
        .iter()
        .find(|r| r.len() >= 3)
        .expect("een batch van minstens drie bestanden");
    batch.start + batch.len() / 2
}

/// What each file gives read in this process, the reference for the worker runs.
fn in_process(found: &[Found]) -> Vec<FileOutcome> {
    Pool::new(&Isolation::InProcess).process(found, &|_| {})
}

fn with_hook(value: &str, deadline: Duration, found: &[Found]) -> Vec<FileOutcome> {
    let iso = Isolation::Workers {
        exe: PathBuf::from(env!("CARGO_BIN_EXE_wijkregister")),
        count: 1,
        deadline,
        text: worker::TextForm::Blocks,
    };
    std::env::set_var(worker::PROEF_VAR, value);
    let out = Pool::new(&iso).process(found, &|_| {});
    std::env::remove_var(worker::PROEF_VAR);
    out
}

/// Everything but the victim as read in this process; the victim unreadable with `reden`.
fn assert_only_victim_lost(
    found: &[Found],
    got: &[FileOutcome],
    reference: &[FileOutcome],
    v: usize,
    reden: &str,
) {
    assert_eq!(got.len(), found.len());
    for (i, (g, r)) in got.iter().zip(reference).enumerate() {
        if i == v {
            assert_eq!(g.bestand, found[v].bestand);
            assert!(matches!(g.content, Content::Onleesbaar), "{:?}", g.content);
            assert!(
                g.voorbijgaand,
                "een afgebroken leesproces mag een volgende keer lukken"
            );
            assert_eq!(g.findings.len(), 1, "{:?}", g.findings);
            assert_eq!(g.findings[0].code, Code::BESTAND_ONLEESBAAR);
            assert!(
                g.findings[0].bericht.contains(reden),
                "{}",
                g.findings[0].bericht
            );
        } else {
            assert_eq!(format!("{g:?}"), format!("{r:?}"), "{}", found[i].bestand);
        }
    }
}

#[test]
fn a_worker_crash_in_the_middle_of_a_batch_loses_only_that_file() {
    let _turn = ENV.lock().unwrap_or_else(|p| p.into_inner());
    let found = sample_batch();
    let v = victim(&found);
    let reference = in_process(&found);
    // The victim itself reads fine in this process: what is lost is lost to the crash.
    assert!(!matches!(reference[v].content, Content::Onleesbaar));
    let got = with_hook(
        &format!("stopt:{}", found[v].bestand),
        Duration::from_secs(60),
        &found,
    );
    assert_only_victim_lost(&found, &got, &reference, v, "afgebroken");
}

#[test]
fn a_worker_hang_in_the_middle_of_a_batch_loses_only_that_file() {
    let _turn = ENV.lock().unwrap_or_else(|p| p.into_inner());
    let found = sample_batch();
    let v = victim(&found);
    let reference = in_process(&found);
    let got = with_hook(
        &format!("hangt:{}", found[v].bestand),
        Duration::from_secs(3),
        &found,
    );
    assert_only_victim_lost(
        &found,
        &got,
        &reference,
        v,
        "langer dan de limiet van 3 seconden",
    );
}

/// `run`'s workers send the text in the register's stored form (issue 15): the same text as the
/// blocks read in this process, block for block, and everything else of each file unchanged.
#[test]
fn workers_for_the_register_send_the_text_of_every_block_in_its_stored_form() {
    let _turn = ENV.lock().unwrap_or_else(|p| p.into_inner());
    let found = sample_batch();
    let reference = in_process(&found);
    let iso = Isolation::Workers {
        exe: PathBuf::from(env!("CARGO_BIN_EXE_wijkregister")),
        count: 1,
        deadline: Duration::from_secs(60),
        text: worker::TextForm::Blocks,
    }
    .for_register();
    let got = Pool::new(&iso).process(&found, &|_| {});
    assert_eq!(got.len(), reference.len());
    let mut with_text = 0;
    for (g, r) in got.iter().zip(&reference) {
        assert!(g.tekst.is_empty(), "{}", g.bestand);
        match &g.tekst_opslag {
            None => assert!(r.tekst.is_empty(), "{}", g.bestand),
            Some(json) => {
                with_text += 1;
                let triples: Vec<[String; 3]> = serde_json::from_str(json).expect("JSON");
                let blocks: Vec<[String; 3]> = r
                    .tekst
                    .iter()
                    .map(|b| [b.soort.as_str().into(), b.bron.clone(), b.tekst.clone()])
                    .collect();
                assert_eq!(triples, blocks, "{}", g.bestand);
            }
        }
        let mut r = r.clone();
        worker::into_stored_text(&mut r);
        assert_eq!(format!("{g:?}"), format!("{r:?}"), "{}", g.bestand);
    }
    // Every plan and begroting of the sample batch has text.
    let documents = reference
        .iter()
        .filter(|r| matches!(r.content, Content::Wijkplan(_) | Content::Begroting(_)))
        .count();
    assert!(documents >= 10, "{documents}");
    assert!(with_text >= documents, "{with_text} < {documents}");
}

fn two_workers() -> Isolation {
    Isolation::Workers {
        exe: PathBuf::from(env!("CARGO_BIN_EXE_wijkregister")),
        count: 2,
        deadline: Duration::from_secs(60),
        text: worker::TextForm::Stored,
    }
}

/// The sample batch `copies` times over, each copy with its own names.
fn copies(found: &[Found], copies: usize) -> Vec<Found> {
    (0..copies)
        .flat_map(|c| {
            found.iter().map(move |f| Found {
                bestand: format!("kopie-{c}/{}", f.bestand),
                ..f.clone()
            })
        })
        .collect()
}

/// Files read so far, counted by the progress callback (called by the pool's threads).
#[derive(Default)]
struct ReadCount(std::sync::atomic::AtomicUsize);

impl ReadCount {
    fn add(&self) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    fn now(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// `process_each` (issue 15): the caller gets every file once, in order, while the workers read
/// on, but never more than a bounded number of files ahead of it. The caller stops at its first
/// file until the workers stop reading: without the bound they would read all of them.
#[test]
fn outcomes_reach_the_caller_in_order_and_the_workers_read_only_so_far_ahead() {
    let _turn = ENV.lock().unwrap_or_else(|p| p.into_inner());
    let found = copies(&sample_batch(), 12);
    let read = ReadCount::default();
    let progress = |_: &str| read.add();
    let now = || read.now();
    let bound = 2 * (worker::READ_AHEAD_FILES + worker::BATCH_MAX_FILES);
    assert!(bound < found.len());
    let iso = two_workers();
    let pool = Pool::new(&iso);
    let mut seen: Vec<(usize, String)> = Vec::new();
    let mut ahead_at_first = 0;
    let result: Result<(), ()> = pool.process_each(&found, &progress, &mut |i, o| {
        if i == 0 {
            // Wait until the workers have stopped reading (nothing new for half a second).
            let mut last = now();
            for _ in 0..200 {
                std::thread::sleep(Duration::from_millis(250));
                let n = now();
                if n == last {
                    break;
                }
                last = n;
            }
            ahead_at_first = now();
        }
        assert!(now() <= i + bound, "{} gelezen bij bestand {i}", now());
        seen.push((i, o.bestand));
        Ok(())
    });
    assert_eq!(result, Ok(()));
    let expected: Vec<(usize, String)> = found
        .iter()
        .enumerate()
        .map(|(i, f)| (i, f.bestand.clone()))
        .collect();
    assert_eq!(seen, expected);
    // They did read ahead while the caller held its first file, and stopped at the bound.
    assert!(ahead_at_first > 1, "{ahead_at_first}");
    assert!(ahead_at_first <= bound, "{ahead_at_first}");
    assert_eq!(now(), found.len());
}

/// When the caller fails, no further batch is started, its error comes back once the batches
/// under way are done, and the pool's workers serve the next call in full.
#[test]
fn a_failing_caller_stops_the_reading_and_the_pool_goes_on() {
    let _turn = ENV.lock().unwrap_or_else(|p| p.into_inner());
    let found = copies(&sample_batch(), 12);
    let read = ReadCount::default();
    let progress = |_: &str| read.add();
    let iso = two_workers();
    let pool = Pool::new(&iso);
    let mut calls = Vec::new();
    let result = pool.process_each(&found, &progress, &mut |i, _| {
        calls.push(i);
        if i == 5 {
            Err(format!("opslaan mislukt bij {i}"))
        } else {
            Ok(())
        }
    });
    assert_eq!(result, Err("opslaan mislukt bij 5".to_string()));
    assert_eq!(calls, vec![0, 1, 2, 3, 4, 5]);
    let after = read.now();
    assert!(
        after <= 6 + 2 * (worker::READ_AHEAD_FILES + worker::BATCH_MAX_FILES),
        "{after}"
    );
    let again = pool.process(&found[..20], &|_| {});
    let reference: Vec<String> = found[..20].iter().map(|f| f.bestand.clone()).collect();
    assert_eq!(
        again.iter().map(|o| o.bestand.clone()).collect::<Vec<_>>(),
        reference
    );
    assert!(again.iter().all(|o| !o
        .findings
        .iter()
        .any(|f| f.bericht.contains("niet afgerond"))));
}
