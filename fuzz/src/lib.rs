//! What the fuzz targets run, and the zip-entry mutator they share.
//!
//! The `run_*` functions call the product's reader and mapper directly, the way
//! `pipeline::process_file` does, but without its `catch_unwind`: a panic must reach libFuzzer.
//! `tests/fuzz_regressions.rs` in the main crate replays fixtures/bad/fuzz/ through the same calls.

use std::hint::black_box;
use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};

use wijkregister::intake;
use wijkregister::read::sheet::{read_sheet, SheetFormat};

/// Display name handed to the mappers (it only ends up in `bron` fields).
const NAME: &str = "fuzz";

/// docx: reader, then template mapping.
pub fn run_docx(bytes: &[u8]) {
    if let Ok(doc) = wijkregister::read::docx::read_docx(bytes) {
        black_box(wijkregister::template::map_document(&doc, NAME));
    }
}

/// PDF: `read::pdf::read_pdf` (pdf-extract behind `catch_unwind` inside the reader) then the
/// sjabloon mapping.
pub fn run_pdf(bytes: &[u8]) {
    if let Ok(doc) = wijkregister::read::pdf::read_pdf(bytes) {
        black_box(wijkregister::template::map_document(&doc, NAME));
    }
}

/// Begroting: spreadsheet reader for one format, then the begroting mapper.
pub fn run_sheet(bytes: &[u8], format: SheetFormat) {
    if let Ok(wb) = read_sheet(bytes, format) {
        black_box(wijkregister::begroting::map_begroting(&wb, NAME));
    }
}

/// The per-file path: sniff the kind from the bytes (as `intake::load` does), then what
/// `pipeline::process_file` runs for that kind: the reader `read::reader` chooses for it (the one
/// place the product chooses, so a new format is fuzzed as soon as it has a reader) and the
/// sjabloon or begroting mapping.
pub fn run_file(bytes: &[u8]) {
    let (soort, _note) = intake::sniff(bytes);
    if soort.is_container() {
        return run_container(bytes);
    }
    // Nothing further is read for kinds without a reader: process_file only writes a finding.
    let Some(read) = wijkregister::read::reader(soort) else {
        return;
    };
    match read(bytes) {
        Ok(wijkregister::read::Read::Document(doc)) => {
            black_box(wijkregister::template::map_document(&doc, NAME));
        }
        Ok(wijkregister::read::Read::Workbook(wb)) => {
            black_box(wijkregister::begroting::map_begroting(&wb, NAME));
        }
        Err(_) => {}
    }
}

/// container: list a container's members, then take each out again by its id, as the pipeline
/// does (listing in one worker task, every member in its own).
pub fn run_container(bytes: &[u8]) {
    let (soort, _) = intake::sniff(bytes);
    if !soort.is_container() {
        return;
    }
    if let Ok(leden) = wijkregister::container::list(soort, bytes) {
        for l in leden {
            let _ = wijkregister::container::member(soort, bytes, &l.id);
        }
    }
}

/// post-read: the fuzzed file goes through the per-file step as the product runs it
/// (`file::process_file`: sniff, read, map, bounds), then joins a fixed batch — the sample
/// batch's files, read once per process — in an in-memory register: store, pairing, audit and
/// every output written into a temp dir. Panics inside the readers are caught by process_file's
/// boundary as in the product and are the other targets' business; a panic anywhere after
/// reading reaches libFuzzer, and so does a failing store, audit or emit (each is an error the
/// product would stop the run for).
pub fn run_postread(bytes: &[u8]) {
    use wijkregister::intake::Found;
    postread_hook();
    let ctx = postread_context();
    let input = ctx.dir.join("invoer.bin");
    std::fs::write(&input, bytes).expect("temp-invoer schrijven");
    // Where the file sits decides its pairing (its own folder, a folder of an existing WSV, or
    // loose among several WSVs); taken from the length so that an input replays the same way.
    let map = ["", "Fuzz", "Laak", "Escamp Noord"][bytes.len() % 4];
    let naam = "Wijkplan of begroting (fuzz)";
    let found = Found {
        path: input,
        bestand: if map.is_empty() {
            naam.to_string()
        } else {
            format!("{map}/{naam}")
        },
        map: map.to_string(),
        lid: Vec::new(),
    };
    READING.with(|r| r.set(true));
    let outcome = wijkregister::file::process_file(&found);
    READING.with(|r| r.set(false));

    let mut reg = wijkregister::register::Register::open_in_memory().expect("register");
    let mut ids = Vec::new();
    for o in ctx.batch.iter().chain(std::iter::once(&outcome)) {
        ids.push(reg.store_file(o).expect("store_file").0);
    }
    reg.set_active_files(&ids).expect("set_active_files");
    let snap = wijkregister::pipeline::refresh(&mut reg, &ctx.wijkindeling).expect("refresh");
    assert!(
        snap.bestanden.iter().any(|b| b.bestand == found.bestand),
        "het gefuzzte bestand ontbreekt in de snapshot"
    );
    wijkregister::emit::write_all(&snap, wijkregister::emit::Dialect::ExcelNl, &ctx.out)
        .expect("write_all");
    black_box(snap);
}

/// Read the sample batch and set the panic hook, before the first input (see postread.rs).
pub fn init_postread() {
    postread_hook();
    // The batch goes through process_file's boundary too: a panic there unwinds to it.
    READING.with(|r| r.set(true));
    postread_context();
    READING.with(|r| r.set(false));
}

/// What every post-read execution shares: the sample batch read once, the wijkindeling, and
/// this process's temp dirs.
struct PostreadContext {
    batch: Vec<wijkregister::snapshot::FileOutcome>,
    wijkindeling: wijkregister::wijkindeling::Wijkindeling,
    dir: std::path::PathBuf,
    out: std::path::PathBuf,
}

fn postread_context() -> &'static PostreadContext {
    static CTX: std::sync::OnceLock<PostreadContext> = std::sync::OnceLock::new();
    CTX.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/submissions");
        let (found, _) = intake::discover(&[root]);
        let batch = found.iter().map(wijkregister::file::process_file).collect();
        let dir =
            std::env::temp_dir().join(format!("wijkregister-postread-{}", std::process::id()));
        // libFuzzer's fork mode starts a process per job: clear the dirs of those that ended.
        remove_stale_postread_dirs();
        let out = dir.join("uit");
        std::fs::create_dir_all(&out).expect("temp-map");
        PostreadContext {
            batch,
            wijkindeling: wijkregister::wijkindeling::builtin(),
            dir,
            out,
        }
    })
}

/// Remove `wijkregister-postread-<pid>` temp dirs whose process is gone (Linux: no /proc/<pid>).
fn remove_stale_postread_dirs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("wijkregister-postread-"))
        else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !std::path::Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

thread_local! {
    /// Set while the fuzzed file is being read and mapped (inside process_file's boundary).
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// libFuzzer's panic hook aborts on every panic, also one that process_file catches. Wrap it so
/// that a panic while reading unwinds to that boundary (as in the product), and any other panic
/// still aborts and counts as a crash.
fn postread_hook() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let fuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(|r| r.get()) {
                fuzzer(info);
            }
        }));
    });
}

/// Small deterministic PRNG (xorshift32) seeded by libFuzzer's seed, so a mutation replays.
struct Rng(u32);

impl Rng {
    fn new(seed: u32) -> Rng {
        Rng(seed | 1)
    }
    fn next(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.next() as usize % n
        }
    }
}

/// Largest entry the mutator unpacks; bigger packages get byte-level mutations only.
const MAX_ENTRY: u64 = 4 << 20;

/// Unpack every entry of a zip (name, bytes), or `None` if the zip layer does not read.
fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    // The zip crate may itself panic on hostile input; the mutator must not crash the fuzzer.
    catch_unwind(AssertUnwindSafe(|| {
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        if z.len() > 256 {
            return None;
        }
        let mut out = Vec::with_capacity(z.len());
        for i in 0..z.len() {
            let f = z.by_index(i).ok()?;
            let name = f.name().ok()?.to_string();
            let mut buf = Vec::new();
            f.take(MAX_ENTRY).read_to_end(&mut buf).ok()?;
            out.push((name, buf));
        }
        Some(out)
    }))
    .ok()
    .flatten()
}

/// Pack entries as a stored (uncompressed) zip with correct CRCs, so the mutated XML is what
/// the reader's XML parser sees instead of a checksum error.
fn rezip(entries: &[(String, Vec<u8>)]) -> Option<Vec<u8>> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (name, data) in entries {
        w.start_file(name.as_str(), opts).ok()?;
        w.write_all(data).ok()?;
    }
    Some(w.finish().ok()?.into_inner())
}

/// The parts whose parser we want to reach: XML and relationship parts.
fn is_xml(name: &str) -> bool {
    name.ends_with(".xml") || name.ends_with(".rels")
}

/// libFuzzer mutation of `buf` in place, allowing it to grow by up to `extra` bytes.
fn mutate_bytes(buf: &mut Vec<u8>, extra: usize) {
    let len = buf.len();
    buf.resize(len + extra, 0);
    let n = libfuzzer_sys::fuzzer_mutate(buf, len, len + extra);
    buf.truncate(n);
}

/// Custom mutator for zip-based formats (docx, xlsx, ods). One time in five it mutates the raw
/// bytes (zip headers, central directory, compressed streams); otherwise it unpacks the package,
/// changes one entry — its XML (libFuzzer's mutations and dictionary), a truncation, a splice
/// from another entry, its name, or drops it — and packs it again.
pub fn mutate_zip(data: &mut [u8], size: usize, max_size: usize, seed: u32) -> usize {
    let mut rng = Rng::new(seed);
    let raw = |data: &mut [u8]| libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    if rng.below(5) == 0 {
        return raw(data);
    }
    let Some(mut entries) = unzip(&data[..size]) else {
        return raw(data);
    };
    if entries.is_empty() {
        return raw(data);
    }
    let xml: Vec<usize> = (0..entries.len())
        .filter(|&i| is_xml(&entries[i].0))
        .collect();
    let i = if !xml.is_empty() && rng.below(8) != 0 {
        xml[rng.below(xml.len())]
    } else {
        rng.below(entries.len())
    };
    match rng.below(20) {
        // Drop the entry (a missing styles.xml, rels, sharedStrings …).
        0 => {
            entries.remove(i);
        }
        // Truncate it (a part cut off mid-tag).
        1 | 2 => {
            let cut = rng.below(entries[i].1.len() + 1);
            entries[i].1.truncate(cut);
        }
        // Splice a slice of another entry into it (elements of one part inside another).
        3 | 4 => {
            let j = rng.below(entries.len());
            let src = entries[j].1.clone();
            if !src.is_empty() {
                let a = rng.below(src.len());
                let b = a + rng.below((src.len() - a).min(4096) + 1);
                let at = rng.below(entries[i].1.len() + 1);
                let tail = entries[i].1.split_off(at);
                entries[i].1.extend_from_slice(&src[a..b]);
                entries[i].1.extend_from_slice(&tail);
            }
        }
        // Rename it (main part found only through _rels, case differences, odd paths).
        5 => {
            let mut name = entries[i].0.clone().into_bytes();
            mutate_bytes(&mut name, 16);
            entries[i].0 = String::from_utf8_lossy(&name).into_owned();
        }
        // Mutate its content with libFuzzer's mutators (and the -dict tokens).
        _ => {
            let extra = 64 + rng.below(1024);
            mutate_bytes(&mut entries[i].1, extra);
        }
    }
    match rezip(&entries) {
        Some(out) if out.len() <= max_size => {
            data[..out.len()].copy_from_slice(&out);
            out.len()
        }
        _ => raw(data),
    }
}
