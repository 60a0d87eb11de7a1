//! Reading files in worker processes: Apache Tika's forked-parser design.
//!
//! Why processes and not threads: `catch_unwind` stops a panic, but a thread cannot be killed
//! when a parser hangs (pdf-extract has been seen to run for 15 minutes), a stack overflow aborts
//! the whole process, and a parser that allocates without end takes the machine with it. A child
//! process of the same binary can be killed at a deadline and given a memory cap, and when it
//! dies only its current file is lost — that file gets a `BESTAND_ONLEESBAAR` finding, and a fresh
//! worker takes the next file. A small pool of long-lived workers (one per core) keeps the cost
//! per file to one JSON answer.
//!
//! Protocol: the parent writes one JSON [`Found`] per line to the worker's stdin, several at once
//! (a batch, see [`batches`]); the worker answers one [`FileOutcome`] per file on stdout, flushed
//! after each file, so the parent holds every file to its own deadline and knows which file a
//! worker died on. An answer is a frame: its length as 4 bytes (little-endian), then the outcome
//! as MessagePack with field names (`rmp-serde`). Answers carry the full text (tens of kilobytes
//! per plan); as JSON lines, escaping, parsing and the UTF-8 check of every line were about 9 % of
//! a batch's CPU (issue 15). Field names keep `skip_serializing_if` working, which rules out the
//! positional formats (bincode, postcard).

mod answers;

use crate::domain::{Code, Finding};
use crate::file::process_file;
use crate::intake::{self, Found};
use crate::limits::{FILE_DEADLINE_SECS, WORKER_MEMORY_BYTES};
use crate::snapshot::{Content, FileOutcome, Soort};
use answers::{Answer, Answers};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// The hidden subcommand that makes the binary a worker.
pub const WORKER_ARG: &str = "__worker";

/// The worker's option for [`TextForm::Stored`].
pub const STORED_TEXT_ARG: &str = "--tekst-opslag";

/// What a worker sends of a file's full text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextForm {
    /// Every block with its place in the document: for `lees`, which prints them.
    Blocks,
    /// Only the register's stored form ([`crate::tekst::opslag_json`] in
    /// [`FileOutcome::tekst_opslag`]): for `run`, which stores the text and reads nothing in it.
    /// Decoding every block in the main process and encoding it again there cost a seventh of
    /// the main process's work (issue 15).
    Stored,
}

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
        text: TextForm,
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
            text: TextForm::Blocks,
        })
    }

    /// The same isolation, with workers that send the text in the register's stored form
    /// ([`TextForm::Stored`]). In process nothing is encoded, so nothing changes there.
    pub fn for_register(&self) -> Isolation {
        match self {
            Isolation::InProcess => Isolation::InProcess,
            Isolation::Workers {
                exe,
                count,
                deadline,
                ..
            } => Isolation::Workers {
                exe: exe.clone(),
                count: *count,
                deadline: *deadline,
                text: TextForm::Stored,
            },
        }
    }
}

/// The worker's main loop: answer requests until stdin closes.
pub fn worker_main() -> std::io::Result<()> {
    // process_file catches panics; the default hook would still print them on stderr.
    std::panic::set_hook(Box::new(|_| {}));
    let stdin = std::io::stdin();
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // One frame buffer for every answer: its length must be known before the frame is written.
    let mut frame: Vec<u8> = Vec::with_capacity(1 << 16);
    let proef = Proef::from_env();
    let stored = std::env::args().nth(2).as_deref() == Some(STORED_TEXT_ARG);
    for line in stdin.lock().lines() {
        let line = line?;
        let outcome = match serde_json::from_str::<Found>(&line) {
            Ok(found) => {
                proef.before(&found);
                let mut o = process_file(&found);
                if stored {
                    into_stored_text(&mut o);
                }
                o
            }
            Err(e) => {
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e));
            }
        };
        frame.clear();
        rmp_serde::encode::write_named(&mut frame, &outcome).map_err(std::io::Error::other)?;
        let len = u32::try_from(frame.len()).map_err(std::io::Error::other)?;
        stdout.write_all(&len.to_le_bytes())?;
        stdout.write_all(&frame)?;
        stdout.flush()?;
    }
    Ok(())
}

/// `o`'s text in the register's stored form instead of as blocks ([`TextForm::Stored`]). Should
/// the encoding ever fail, the blocks stay: the main process encodes them and reports the error
/// there, so no text is lost.
pub fn into_stored_text(o: &mut FileOutcome) {
    if o.tekst.is_empty() {
        return;
    }
    if let Ok(json) = crate::tekst::opslag_json(&o.tekst) {
        o.tekst_opslag = Some(json);
        o.tekst = Vec::new();
    }
}

/// The environment variable of the isolation tests' hook: `stopt:NAAM` makes a worker abort, and
/// `hangt:NAAM` makes it hang, when it is given a file whose display name ends with `NAAM`. There
/// is no other way to make a worker die on a chosen file in the middle of a batch; no user sets it.
pub const PROEF_VAR: &str = "WIJKREGISTER_PROEF_LEESPROCES";

/// The test hook read from [`PROEF_VAR`] once, when the worker starts.
enum Proef {
    Geen,
    Stopt(String),
    Hangt(String),
}

impl Proef {
    fn from_env() -> Proef {
        let Ok(v) = std::env::var(PROEF_VAR) else {
            return Proef::Geen;
        };
        match v.split_once(':') {
            Some(("stopt", naam)) if !naam.is_empty() => Proef::Stopt(naam.to_string()),
            Some(("hangt", naam)) if !naam.is_empty() => Proef::Hangt(naam.to_string()),
            _ => Proef::Geen,
        }
    }

    fn before(&self, f: &Found) {
        match self {
            Proef::Stopt(naam) if f.bestand.ends_with(naam.as_str()) => std::process::abort(),
            Proef::Hangt(naam) if f.bestand.ends_with(naam.as_str()) => loop {
                std::thread::sleep(Duration::from_secs(3600));
            },
            _ => {}
        }
    }
}

/// Read and map all files, each in isolation. The result is in the order of `found`.
pub fn process_all(
    found: &[Found],
    iso: &Isolation,
    progress: &(dyn Fn(&str) + Sync),
) -> Vec<FileOutcome> {
    Pool::new(iso).process(found, progress)
}

/// Worker processes kept between calls: the pipeline reads in rounds (a container's members in
/// the round after the container), and starting a fresh pool per call cost two process starts
/// per call (issue 15). Idle workers wait here for the next call and are closed on drop.
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
        let mut out = Vec::with_capacity(found.len());
        let taken: Result<(), std::convert::Infallible> =
            self.process_each(found, progress, &mut |_, o| {
                out.push(o);
                Ok(())
            });
        match taken {
            Ok(()) => out,
            Err(never) => match never {},
        }
    }

    /// Read and map `found`, each file in isolation, and give every outcome to `each` on the
    /// calling thread, in the order of `found` (with its index), as soon as it and every file
    /// before it are read. The workers go on reading while `each` works (the pipeline stores
    /// there), at most [`READ_AHEAD_FILES`] files ahead of it. When `each` fails, no further
    /// batch is started and its error is returned once the batches under way are done.
    pub fn process_each<E>(
        &self,
        found: &[Found],
        progress: &(dyn Fn(&str) + Sync),
        each: &mut dyn FnMut(usize, FileOutcome) -> Result<(), E>,
    ) -> Result<(), E> {
        match self.iso {
            Isolation::InProcess => {
                use rayon::prelude::*;
                let outcomes: Vec<FileOutcome> = found
                    .par_iter()
                    .map(|f| {
                        let o = process_file(f);
                        progress(&f.bestand);
                        o
                    })
                    .collect();
                outcomes
                    .into_iter()
                    .enumerate()
                    .try_for_each(|(i, o)| each(i, o))
            }
            Isolation::Workers {
                exe,
                count,
                deadline,
                text,
            } => {
                let workers = (*count).max(1).min(found.len().max(1));
                let plan = batches(found, workers);
                let next = AtomicUsize::new(0);
                let shared = Shared {
                    state: Mutex::new(Ordered {
                        slots: (0..found.len()).map(|_| None).collect(),
                        taken: 0,
                        caller_waits: false,
                        threads_waiting: 0,
                        threads_running: workers,
                        stopped: false,
                    }),
                    for_caller: Condvar::new(),
                    for_threads: Condvar::new(),
                };
                std::thread::scope(|s| {
                    for _ in 0..workers {
                        s.spawn(|| {
                            // Counted down however the thread ends, and answering for the
                            // batch it had taken, so the caller never waits for a file no
                            // thread will read.
                            let mut running = Running {
                                shared: &shared,
                                found,
                                claimed: None,
                            };
                            let mut worker: Option<Worker> =
                                self.idle.lock().ok().and_then(|mut v| v.pop());
                            loop {
                                let b = next.fetch_add(1, Ordering::SeqCst);
                                let Some(range) = plan.get(b) else { break };
                                running.claimed = Some(range.clone());
                                if !shared.may_start(range.start) {
                                    break;
                                }
                                let start = range.start;
                                let Some(files) = found.get(range.clone()) else {
                                    break;
                                };
                                run_batch(
                                    exe,
                                    *text,
                                    &mut worker,
                                    files,
                                    *deadline,
                                    &mut |j, o| {
                                        if let Some(f) = files.get(j) {
                                            progress(&f.bestand);
                                        }
                                        shared.put(start + j, o);
                                    },
                                );
                                running.claimed = None;
                            }
                            if let Some(w) = worker {
                                match self.idle.lock() {
                                    Ok(mut v) => v.push(w),
                                    Err(_) => w.close(),
                                }
                            }
                        });
                    }
                    let mut ready: Vec<Option<FileOutcome>> = Vec::new();
                    loop {
                        let first = shared.take_ready(&mut ready);
                        if ready.is_empty() {
                            break;
                        }
                        for (k, o) in ready.drain(..).enumerate() {
                            let i = first + k;
                            // A slot no thread filled (a thread that ended early) is the file's
                            // finding, never a silent gap.
                            let o = match o {
                                Some(o) => o,
                                None => match found.get(i) {
                                    Some(f) => failed(f, "de verwerking is niet afgerond", true),
                                    None => continue,
                                },
                            };
                            if let Err(e) = each(i, o) {
                                shared.stop();
                                return Err(e);
                            }
                        }
                    }
                    Ok(())
                })
            }
        }
    }
}

/// Files read ahead of the caller of [`Pool::process_each`]: a batch is not started when its
/// first file is this many files or more past the first file the caller has not taken. This
/// bounds the outcomes held in memory (each with a file's text, tens of kilobytes) when storing
/// is slower than reading, at any batch size. Room for two batches per worker on two cores.
pub const READ_AHEAD_FILES: usize = 4 * BATCH_MAX_FILES;

/// The outcomes of one [`Pool::process_each`] on their way from the pool's threads to the caller.
struct Ordered {
    slots: Vec<Option<FileOutcome>>,
    /// The first file the caller has not taken.
    taken: usize,
    /// The caller waits for [`CALLER_WAKE_FILES`] files in a row from `taken` on.
    caller_waits: bool,
    /// Threads waiting for the caller to take files before they start a batch.
    threads_waiting: usize,
    /// Threads still reading; none left means no empty slot will be filled.
    threads_running: usize,
    /// The caller stopped: no batch is started any more.
    stopped: bool,
}

impl Ordered {
    /// How many files from `taken` on are read, without a gap, counting at most
    /// [`CALLER_WAKE_FILES`].
    fn ready_run(&self) -> usize {
        self.slots
            .iter()
            .skip(self.taken)
            .take(CALLER_WAKE_FILES)
            .take_while(|s| s.is_some())
            .count()
    }
}

/// The caller of [`Pool::process_each`] is woken when this many files in a row are ready for it
/// (or all that are left, or no thread is left), not for every file: one wake-up per batch
/// instead of one per file (see [`Shared`]). Below [`READ_AHEAD_FILES`], so the threads can
/// always read that far.
const CALLER_WAKE_FILES: usize = BATCH_MAX_FILES;

/// [`Ordered`] with its two wake-ups. Each side is woken only when the other is waiting for
/// exactly what changed: on a virtual machine every wake-up of a sleeping thread costs tens of
/// microseconds of CPU (a cross-CPU interrupt), so the caller is not woken for files it cannot
/// take yet.
struct Shared {
    state: Mutex<Ordered>,
    for_caller: Condvar,
    for_threads: Condvar,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Ordered> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether a batch starting at `start` may begin: waits while it is too far ahead of the
    /// caller. False once the caller stopped.
    fn may_start(&self, start: usize) -> bool {
        let mut st = self.lock();
        while !st.stopped && start >= st.taken.saturating_add(READ_AHEAD_FILES) {
            st.threads_waiting += 1;
            st = self.for_threads.wait(st).unwrap_or_else(|p| p.into_inner());
            st.threads_waiting -= 1;
        }
        !st.stopped
    }

    fn put(&self, i: usize, o: FileOutcome) {
        let mut st = self.lock();
        if let Some(slot) = st.slots.get_mut(i) {
            *slot = Some(o);
        }
        if st.caller_waits && st.ready_run() >= CALLER_WAKE_FILES.min(st.slots.len() - st.taken) {
            self.for_caller.notify_one();
        }
    }

    /// Waits until [`CALLER_WAKE_FILES`] files in a row from the first untaken one are read (or
    /// all that are left, or no thread is left to read them), then moves every consecutive read
    /// outcome from there into `ready`; `None` for a file no thread read.
    /// Returns the index of the first one; `ready` stays empty once every file is taken.
    fn take_ready(&self, ready: &mut Vec<Option<FileOutcome>>) -> usize {
        let mut st = self.lock();
        let n = st.slots.len();
        while st.taken < n
            && st.threads_running > 0
            && st.ready_run() < CALLER_WAKE_FILES.min(n - st.taken)
        {
            st.caller_waits = true;
            st = self.for_caller.wait(st).unwrap_or_else(|p| p.into_inner());
        }
        st.caller_waits = false;
        let from = st.taken;
        if st.taken < n && st.slots[st.taken].is_none() {
            // No thread left: the file is given up, and the caller moves on.
            ready.push(None);
            st.taken += 1;
        }
        let st = &mut *st;
        while let Some(o) = st.slots.get_mut(st.taken).and_then(Option::take) {
            ready.push(Some(o));
            st.taken += 1;
        }
        if st.threads_waiting > 0 {
            self.for_threads.notify_all();
        }
        from
    }

    fn stop(&self) {
        let mut st = self.lock();
        st.stopped = true;
        self.for_threads.notify_all();
    }
}

/// Counts a pool thread as running until it ends (also by a panic), and wakes the caller then.
/// A batch the thread had taken and not finished gets a finding for every file it did not
/// answer: otherwise the caller would wait for them while the other threads wait for the caller.
struct Running<'a> {
    shared: &'a Shared,
    found: &'a [Found],
    claimed: Option<std::ops::Range<usize>>,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        // After the caller stopped nobody takes these files: no finding to make.
        let stopped = self.shared.lock().stopped;
        if let Some(range) = self.claimed.take().filter(|_| !stopped) {
            let missing: Vec<usize> = {
                let st = self.shared.lock();
                range
                    .filter(|&i| st.slots.get(i).is_some_and(Option::is_none))
                    .collect()
            };
            for i in missing {
                if let Some(f) = self.found.get(i) {
                    self.shared
                        .put(i, failed(f, "de verwerking is niet afgerond", true));
                }
            }
        }
        let mut st = self.shared.lock();
        st.threads_running = st.threads_running.saturating_sub(1);
        self.shared.for_caller.notify_one();
    }
}

/// Most files sent to a worker in one request (issue 15). One request per file cost a pipe round
/// trip and two context switches per file, an eighth of a run's CPU: with the next requests
/// already in its pipe, a worker goes from file to file without waiting. Each answer is still
/// sent (and flushed) on its own, so the deadline stays per file and a worker that dies loses
/// only the file it was on.
pub const BATCH_MAX_FILES: usize = 8;

/// Most bytes (on disk) in one request: a big file goes alone, so the files queued behind it do
/// not wait for it while the other workers have nothing to do.
pub const BATCH_MAX_BYTES: u64 = 4 * 1024 * 1024;

/// `found` split into consecutive batches for `workers` workers: at most [`BATCH_MAX_FILES`]
/// files and [`BATCH_MAX_BYTES`] bytes each, and small enough that every worker gets about two
/// batches, so one slow batch does not leave the others idle at the end.
pub fn batches(found: &[Found], workers: usize) -> Vec<std::ops::Range<usize>> {
    let per_worker = found.len().div_ceil(2 * workers.max(1));
    let max_files = per_worker.clamp(1, BATCH_MAX_FILES);
    let mut plan = Vec::with_capacity(found.len().div_ceil(max_files));
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, f) in found.iter().enumerate() {
        // A member's size is not known before its container is opened; the container's size is
        // an upper bound. A file that cannot be looked at counts as big: it goes alone.
        let size = std::fs::metadata(&f.path)
            .map(|m| m.len())
            .unwrap_or(u64::MAX);
        if i > start && (i - start >= max_files || bytes.saturating_add(size) > BATCH_MAX_BYTES) {
            plan.push(start..i);
            start = i;
            bytes = 0;
        }
        bytes = bytes.saturating_add(size);
    }
    if start < found.len() {
        plan.push(start..found.len());
    }
    plan
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
    /// The worker's answers, one frame each (see the protocol above).
    answers: Answers<ChildStdout>,
}

impl Worker {
    fn spawn(exe: &PathBuf, text: TextForm) -> std::io::Result<Worker> {
        let mut cmd = Command::new(exe);
        cmd.arg(WORKER_ARG);
        if text == TextForm::Stored {
            cmd.arg(STORED_TEXT_ARG);
        }
        cmd.stdin(Stdio::piped())
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
        Ok(Worker {
            child,
            stdin,
            answers: Answers::new(stdout),
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

/// Read `files` in a worker, in one request: every request line is written at once, then the
/// answers are taken one by one, each within `deadline` of the one before (the worker starts a
/// file as soon as it has answered the previous one). When the worker dies or passes the
/// deadline, the file it was on gets its finding and the rest of the batch goes to a fresh
/// worker. `done(j, outcome)` is called once for every file, with its index in `files`.
fn run_batch(
    exe: &PathBuf,
    text: TextForm,
    slot: &mut Option<Worker>,
    files: &[Found],
    deadline: Duration,
    done: &mut dyn FnMut(usize, FileOutcome),
) {
    // The request lines, built once: a file whose request cannot be made is answered here.
    let mut requests: Vec<(usize, String)> = Vec::with_capacity(files.len());
    for (j, f) in files.iter().enumerate() {
        match serde_json::to_string(f) {
            Ok(r) => requests.push((j, r)),
            Err(e) => {
                let mut o = failed(
                    f,
                    "interne fout: de opdracht voor het leesproces kon niet worden gemaakt",
                    false,
                );
                o.technisch.push(e.to_string());
                done(j, o);
            }
        }
    }
    let mut pending: &[(usize, String)] = &requests;
    // A worker that died after its last answer is noticed at the write: start a fresh one and
    // send again, once. A worker lost on a file costs that file; the next send is a new start.
    let mut failed_sends = 0;
    while let Some((first, _)) = pending.first() {
        if slot.is_none() {
            match Worker::spawn(exe, text) {
                Ok(w) => *slot = Some(w),
                Err(e) => {
                    let reden = format!("kon geen leesproces starten ({})", crate::osfout::nl(&e));
                    for (j, _) in pending {
                        if let Some(f) = files.get(*j) {
                            let mut o = failed(f, &reden, true);
                            o.technisch.push(e.to_string());
                            done(*j, o);
                        }
                    }
                    return;
                }
            }
        }
        let Some(w) = slot.as_mut() else { return };
        if send(&mut w.stdin, pending).is_err() {
            if let Some(dead) = slot.take() {
                dead.kill();
            }
            failed_sends += 1;
            if failed_sends >= 2 {
                if let Some(f) = files.get(*first) {
                    done(
                        *first,
                        failed(f, "het leesproces kon het bestand niet aannemen", true),
                    );
                }
                pending = &pending[1..];
                failed_sends = 0;
            }
            continue;
        }
        failed_sends = 0;
        let mut answered = 0;
        for (j, _) in pending {
            let Some(f) = files.get(*j) else { continue };
            answered += 1;
            match w.answers.next(deadline) {
                Answer::Frame(frame) => done(
                    *j,
                    match rmp_serde::from_slice::<FileOutcome>(frame) {
                        Ok(o) => o,
                        Err(e) => {
                            let mut o = failed(f, "onverwacht antwoord van het leesproces", false);
                            o.technisch.push(e.to_string());
                            o
                        }
                    },
                ),
                Answer::Ended => {
                    let how = slot.take().map(Worker::kill).unwrap_or_default();
                    done(*j, failed(f, &format!("het leesproces is {how} tijdens het lezen (mogelijk de geheugenlimiet van {} GB)", WORKER_MEMORY_BYTES >> 30), true));
                    break;
                }
                Answer::TimedOut => {
                    if let Some(w) = slot.take() {
                        w.kill();
                    }
                    done(
                        *j,
                        failed(
                            f,
                            &format!(
                                "het lezen duurde langer dan de limiet van {} seconden (FILE_DEADLINE_SECS) en is afgebroken",
                                deadline.as_secs()
                            ),
                            true,
                        ),
                    );
                    break;
                }
            }
        }
        pending = &pending[answered..];
    }
}

/// Write a batch's request lines in one go (the pipe takes them all: a request is a path and a
/// name, a few hundred bytes).
fn send(stdin: &mut ChildStdin, requests: &[(usize, String)]) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(requests.iter().map(|(_, r)| r.len() + 1).sum());
    for (_, r) in requests {
        buf.extend_from_slice(r.as_bytes());
        buf.push(b'\n');
    }
    stdin.write_all(&buf)?;
    stdin.flush()
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
        tekst_opslag: None,
        technisch: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(path: &str, bestand: &str) -> Found {
        Found {
            path: PathBuf::from(path),
            bestand: bestand.into(),
            map: String::new(),
            lid: Vec::new(),
        }
    }

    fn shared(files: usize, threads: usize) -> Shared {
        Shared {
            state: Mutex::new(Ordered {
                slots: (0..files).map(|_| None).collect(),
                taken: 0,
                caller_waits: false,
                threads_waiting: 0,
                threads_running: threads,
                stopped: false,
            }),
            for_caller: Condvar::new(),
            for_threads: Condvar::new(),
        }
    }

    /// A pool thread that ends in the middle of the batch it took (a panic) answers for the files
    /// it did not read, so neither the caller nor a thread waiting to read ahead waits forever:
    /// the other thread's later batch starts, and the caller gets every file in order.
    #[test]
    fn a_thread_that_ends_mid_batch_leaves_no_one_waiting() {
        let files: Vec<Found> = (0..2 * READ_AHEAD_FILES)
            .map(|i| found("/bestaat/niet", &format!("f{i}")))
            .collect();
        let sh = shared(files.len(), 2);
        std::thread::scope(|s| {
            // The second thread's batch lies beyond the read-ahead: it waits for the caller.
            let later = s.spawn(|| {
                let _running = Running {
                    shared: &sh,
                    found: &files,
                    claimed: None,
                };
                sh.may_start(READ_AHEAD_FILES)
            });
            // The first thread answers one file of its batch 0..READ_AHEAD_FILES, then dies.
            let first = s.spawn(|| {
                let _running = Running {
                    shared: &sh,
                    found: &files,
                    claimed: Some(0..READ_AHEAD_FILES),
                };
                sh.put(0, failed(&files[0], "gelezen", false));
                panic!("de draad valt uit");
            });
            assert!(first.join().is_err());
            let mut ready = Vec::new();
            let mut got = Vec::new();
            loop {
                let from = sh.take_ready(&mut ready);
                if ready.is_empty() || from >= READ_AHEAD_FILES {
                    break;
                }
                got.extend(
                    ready
                        .drain(..)
                        .map(|o| o.map(|o| o.findings[0].bericht.clone())),
                );
            }
            assert_eq!(got.len(), READ_AHEAD_FILES);
            assert!(got[0].as_deref().is_some_and(|b| b.contains("gelezen")));
            assert!(got[1..]
                .iter()
                .all(|b| b.as_deref().is_some_and(|b| b.contains("niet afgerond"))));
            assert!(later.join().expect("de tweede draad"), "mag beginnen");
        });
    }

    /// Batches cover every file once, in order, within the limits; a file whose size is unknown
    /// (or above the byte limit) goes alone.
    #[test]
    fn batches_cover_every_file_in_order_within_the_limits() {
        let small = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
        let mut files: Vec<Found> = (0..40).map(|i| found(small, &format!("f{i}"))).collect();
        files[17] = found("/bestaat/niet", "weg");
        let plan = batches(&files, 2);
        let mut next = 0;
        for r in &plan {
            assert_eq!(r.start, next, "{plan:?}");
            assert!(!r.is_empty() && r.len() <= BATCH_MAX_FILES, "{plan:?}");
            next = r.end;
        }
        assert_eq!(next, files.len());
        assert!(plan.contains(&(17..18)), "{plan:?}");
        // Every worker gets at least two batches of a small chunk.
        assert_eq!(batches(&files[..8], 2).len(), 4);
        assert!(batches(&[], 2).is_empty());
    }

    /// What a worker sends is what the parent gets: real outcomes of a plan, a begroting and an
    /// unreadable file go through the frame encoding and come back equal (compared as JSON,
    /// the register's and `--json`'s view of them).
    #[test]
    fn outcomes_survive_the_frame_encoding() {
        let root = env!("CARGO_MANIFEST_DIR");
        let files = [
            "fixtures/submissions/Laak/Wijkplan WSV Laak.docx",
            "fixtures/submissions/Laak/Begroting WSV Laak.xlsx",
            "Cargo.toml",
        ];
        for rel in files {
            let f = found(&format!("{root}/{rel}"), rel);
            let outcome = process_file(&f);
            let mut frame = Vec::new();
            rmp_serde::encode::write_named(&mut frame, &outcome).unwrap();
            let back: FileOutcome = rmp_serde::from_slice(&frame).unwrap();
            assert_eq!(
                serde_json::to_value(&back).unwrap(),
                serde_json::to_value(&outcome).unwrap(),
                "{rel}"
            );
        }
    }
}
