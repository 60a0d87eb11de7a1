//! Reading files in worker processes: Apache Tika's forked-parser design.
//!
//! Why processes and not threads: `catch_unwind` stops a panic, but a thread cannot be killed
//! when a parser hangs (pdf-extract has been seen to run for 15 minutes), a stack overflow aborts
//! the whole process, and a parser that allocates without end takes the machine with it. A child
//! process of the same binary can be killed at a deadline and given a memory cap, and when it
//! dies only its current file is lost — that file gets a `BESTAND_ONLEESBAAR` finding, and a fresh
//! worker takes the next file. A small pool of long-lived workers (one per core) keeps the cost
//! per file to one JSON round trip.
//!
//! Protocol: the parent writes one JSON [`Found`] per line to the worker's stdin; the worker
//! answers one JSON [`FileOutcome`] per line on stdout.

use crate::domain::{Code, Finding};
use crate::file::process_file;
use crate::intake::{self, Found};
use crate::limits::{FILE_DEADLINE_SECS, WORKER_MEMORY_BYTES};
use crate::snapshot::{Content, FileOutcome, Soort};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;

/// The hidden subcommand that makes the binary a worker.
pub const WORKER_ARG: &str = "__worker";

/// How files are read.
#[derive(Debug, Clone)]
pub enum Isolation {
    /// In this process, in parallel threads, panics caught per file. For library use and tests.
    InProcess,
    /// In `count` worker processes running `exe __worker`, with a deadline and a memory cap.
    Workers {
        exe: PathBuf,
        count: usize,
        deadline: Duration,
    },
}

impl Isolation {
    /// Worker processes of the running binary, one per core.
    pub fn workers_of_current_exe() -> Option<Isolation> {
        let exe = std::env::current_exe().ok()?;
        let count = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Some(Isolation::Workers {
            exe,
            count,
            deadline: Duration::from_secs(FILE_DEADLINE_SECS),
        })
    }
}

/// The worker's main loop: answer requests until stdin closes.
pub fn worker_main() -> std::io::Result<()> {
    // process_file catches panics; the default hook would still print them on stderr.
    std::panic::set_hook(Box::new(|_| {}));
    let stdin = std::io::stdin();
    // Serialised straight into a buffer the size of a typical answer, not into a String that is
    // copied again (the full text makes answers tens of kilobytes); flushed once per file.
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let outcome = match serde_json::from_str::<Found>(&line) {
            Ok(found) => process_file(&found),
            Err(e) => {
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e));
            }
        };
        serde_json::to_writer(&mut stdout, &outcome).map_err(std::io::Error::other)?;
        stdout.write_all(b"\n")?;
        stdout.flush()?;
    }
    Ok(())
}

/// Read and map all files, each in isolation. The result is in the order of `found`.
pub fn process_all(
    found: &[Found],
    iso: &Isolation,
    progress: &(dyn Fn(&str) + Sync),
) -> Vec<FileOutcome> {
    Pool::new(iso).process(found, progress)
}

/// Worker processes kept between calls: the pipeline reads a batch in small chunks (so a killed
/// run keeps what it stored), and starting a fresh pool per chunk cost two process starts per
/// eight files (issue 15). Idle workers wait here for the next chunk and are closed on drop.
pub struct Pool<'a> {
    iso: &'a Isolation,
    idle: Mutex<Vec<Worker>>,
}

impl<'a> Pool<'a> {
    pub fn new(iso: &'a Isolation) -> Pool<'a> {
        Pool {
            iso,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Read and map `found`, each file in isolation; the result is in the order of `found`.
    pub fn process(&self, found: &[Found], progress: &(dyn Fn(&str) + Sync)) -> Vec<FileOutcome> {
        match self.iso {
            Isolation::InProcess => {
                use rayon::prelude::*;
                found
                    .par_iter()
                    .map(|f| {
                        let o = process_file(f);
                        progress(&f.bestand);
                        o
                    })
                    .collect()
            }
            Isolation::Workers {
                exe,
                count,
                deadline,
            } => {
                let next = AtomicUsize::new(0);
                let results: Mutex<Vec<Option<FileOutcome>>> = Mutex::new(vec![None; found.len()]);
                std::thread::scope(|s| {
                    for _ in 0..(*count).max(1).min(found.len().max(1)) {
                        s.spawn(|| {
                            let mut worker: Option<Worker> =
                                self.idle.lock().ok().and_then(|mut v| v.pop());
                            loop {
                                let i = next.fetch_add(1, Ordering::SeqCst);
                                let Some(f) = found.get(i) else { break };
                                let o = run_one(exe, &mut worker, f, *deadline);
                                progress(&f.bestand);
                                if let Ok(mut r) = results.lock() {
                                    if let Some(slot) = r.get_mut(i) {
                                        *slot = Some(o);
                                    }
                                }
                            }
                            if let Some(w) = worker {
                                match self.idle.lock() {
                                    Ok(mut v) => v.push(w),
                                    Err(_) => w.close(),
                                }
                            }
                        });
                    }
                });
                let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
                results
                    .into_iter()
                    .zip(found)
                    .map(|(o, f)| {
                        o.unwrap_or_else(|| failed(f, "de verwerking is niet afgerond", true))
                    })
                    .collect()
            }
        }
    }
}

impl Drop for Pool<'_> {
    fn drop(&mut self) {
        let idle = match self.idle.get_mut() {
            Ok(v) => std::mem::take(v),
            Err(p) => std::mem::take(p.into_inner()),
        };
        for w in idle {
            w.close();
        }
    }
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    /// The worker's answers, one JSON line each. As `String`s on purpose: one UTF-8 check of
    /// the whole line and `from_str` measured faster than `from_slice`, which checks every
    /// string it parses (issue 15).
    lines: Receiver<Option<String>>,
}

impl Worker {
    fn spawn(exe: &PathBuf) -> std::io::Result<Worker> {
        let mut cmd = Command::new(exe);
        cmd.arg(WORKER_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        limit_memory(&mut cmd);
        let mut child = cmd.spawn()?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| std::io::Error::other("geen stdin"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| std::io::Error::other("geen stdout"))?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::with_capacity(1 << 16, stdout).lines() {
                match line {
                    Ok(l) => {
                        if tx.send(Some(l)).is_err() {
                            return;
                        }
                    }
                    Err(_) => break,
                }
            }
            let _ = tx.send(None);
        });
        Ok(Worker {
            child,
            stdin,
            lines: rx,
        })
    }

    fn close(mut self) {
        drop(self.stdin);
        let _ = self.child.wait();
    }

    fn kill(mut self) -> String {
        let _ = self.child.kill();
        exit_text(self.child.wait().ok())
    }
}

fn exit_text(status: Option<std::process::ExitStatus>) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.and_then(|s| s.signal()) {
            return match sig {
                6 => "afgebroken (abort, bijvoorbeeld een stack overflow)".into(),
                9 => "gestopt (kill)".into(),
                11 => "afgebroken (segmentation fault)".into(),
                _ => format!("afgebroken door signaal {sig}"),
            };
        }
    }
    match status.and_then(|s| s.code()) {
        Some(c) => format!("gestopt met code {c}"),
        None => "gestopt".into(),
    }
}

#[cfg(unix)]
fn limit_memory(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe and touches only the child's own limits.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: WORKER_MEMORY_BYTES as libc::rlim_t,
                rlim_max: WORKER_MEMORY_BYTES as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_cmd: &mut Command) {}

fn run_one(exe: &PathBuf, slot: &mut Option<Worker>, f: &Found, deadline: Duration) -> FileOutcome {
    let request = match serde_json::to_string(f) {
        Ok(r) => r,
        Err(e) => {
            let mut o = failed(
                f,
                "interne fout: de opdracht voor het leesproces kon niet worden gemaakt",
                false,
            );
            o.technisch.push(e.to_string());
            return o;
        }
    };
    // A worker that died after its last answer is noticed at the write: start a fresh one and
    // send again, once.
    for _attempt in 0..2 {
        if slot.is_none() {
            match Worker::spawn(exe) {
                Ok(w) => *slot = Some(w),
                Err(e) => {
                    let reden = format!("kon geen leesproces starten ({})", crate::osfout::nl(&e));
                    let mut o = failed(f, &reden, true);
                    o.technisch.push(e.to_string());
                    return o;
                }
            }
        }
        let Some(w) = slot.as_mut() else { continue };
        if writeln!(w.stdin, "{request}")
            .and_then(|_| w.stdin.flush())
            .is_err()
        {
            if let Some(dead) = slot.take() {
                dead.kill();
            }
            continue;
        }
        return match w.lines.recv_timeout(deadline) {
            Ok(Some(line)) => match serde_json::from_str::<FileOutcome>(&line) {
                Ok(o) => o,
                Err(e) => {
                    let mut o = failed(f, "onverwacht antwoord van het leesproces", false);
                    o.technisch.push(e.to_string());
                    o
                }
            },
            Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                let how = slot.take().map(Worker::kill).unwrap_or_default();
                failed(f, &format!("het leesproces is {how} tijdens het lezen (mogelijk de geheugenlimiet van {} GB)", WORKER_MEMORY_BYTES >> 30), true)
            }
            Err(RecvTimeoutError::Timeout) => {
                if let Some(w) = slot.take() {
                    w.kill();
                }
                failed(
                    f,
                    &format!(
                        "het lezen duurde langer dan de limiet van {} seconden (FILE_DEADLINE_SECS) en is afgebroken",
                        deadline.as_secs()
                    ),
                    true,
                )
            }
        };
    }
    failed(f, "het leesproces kon het bestand niet aannemen", true)
}

/// The outcome for a file whose worker failed: hash and kind computed here, content unreadable.
/// `voorbijgaand`: the failure may not happen again (deadline on a busy machine, a killed
/// worker), so the register will read the file again next time.
fn failed(f: &Found, reden: &str, voorbijgaand: bool) -> FileOutcome {
    // A member's bytes live inside its container; taking them out is the worker's job (it may be
    // what failed), so a failed member keeps no hash rather than its container's.
    let (sha256, grootte, soort) = match intake::load(&f.path) {
        Ok(l) if f.lid.is_empty() => (l.sha256, l.grootte, l.soort),
        _ => (String::new(), 0, Soort::Onbekend),
    };
    FileOutcome {
        bestand: f.bestand.clone(),
        map: f.map.clone(),
        sha256,
        grootte,
        soort,
        content: Content::Onleesbaar,
        findings: vec![Finding::new(
            Code::BESTAND_ONLEESBAAR,
            format!("{} is niet te lezen: {reden}.", f.bestand),
            f.bestand.clone(),
        )],
        opmerkingen: vec![],
        voorbijgaand,
        tekst: Vec::new(),
        technisch: Vec::new(),
    }
}
