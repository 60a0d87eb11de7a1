//! Intake: find every file under the inputs, decide its real kind from its bytes, hash it.
//!
//! Why sniff instead of trusting the extension: RESV staff save mailbox attachments with whatever
//! names the senders gave them. A `.docx` may be a renamed PDF, an `.xlsx` may be a password
//! protected OLE container, and a `.doc` beside it is a different format altogether. Only the
//! bytes tell. Every file found becomes exactly one [`Intake`] record, whatever happens later, so
//! that `bestanden.csv` accounts for all of them.

use crate::limits::{MAX_FILE_BYTES, MAX_PART_BYTES};
use crate::snapshot::Soort;
use sha2::{Digest, Sha256};
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

/// One file found under the inputs.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Found {
    /// Sent to worker processes as raw bytes: a name need not be valid UTF-8.
    #[serde(with = "path_bytes")]
    pub path: PathBuf,
    /// Display name: relative to the input root, `/` separators. A single-file input is its name.
    pub bestand: String,
    /// Folder relative to the input root ("" at top level). For a member of a container: the
    /// container's display path plus the folders inside a zip (a container groups like a folder).
    pub map: String,
    /// For a member of a container: the member ids from the outer file inward (`path` is the
    /// outer container). Empty for a loose file.
    #[serde(default)]
    pub lid: Vec<String>,
}

impl Found {
    /// The member `l` of this container, as a file of its own.
    pub fn member(&self, l: &crate::container::Lid) -> Found {
        let dir = l.naam.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        let mut lid = self.lid.clone();
        lid.push(l.id.clone());
        Found {
            path: self.path.clone(),
            bestand: format!("{} » {}", self.bestand, l.naam),
            map: if dir.is_empty() {
                self.bestand.clone()
            } else {
                format!("{}/{dir}", self.bestand)
            },
            lid,
        }
    }
}

/// A path as its raw bytes in JSON, so names that are not UTF-8 (common after unzipping a Windows
/// archive) reach the worker exactly.
mod path_bytes {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::path::{Path, PathBuf};

    pub fn serialize<S: Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
        p.as_os_str().as_encoded_bytes().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        let v: Vec<u8> = Vec::deserialize(d)?;
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            Ok(PathBuf::from(std::ffi::OsString::from_vec(v)))
        }
        #[cfg(not(unix))]
        {
            Ok(PathBuf::from(String::from_utf8_lossy(&v).into_owned()))
        }
    }
}

/// Something under the inputs that is not a readable file (a broken symlink, a symlink loop, a
/// folder we may not read). It is reported, never silently skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    pub bestand: String,
    pub reden: String,
}

/// Walk the inputs recursively in a stable order (sorted by name) and list every regular file.
/// Everything else found is a [`WalkProblem`] with a Dutch reason, never a silent gap: named
/// pipes, sockets and devices (never opened: reading a pipe would hang, `/dev/zero` never ends),
/// and links that point outside the input folder (never followed: nothing outside the inputs is
/// read).
pub fn discover(inputs: &[PathBuf]) -> (Vec<Found>, Vec<WalkProblem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input);
        if meta.as_ref().is_ok_and(|m| m.is_file()) {
            let name = input.file_name().map(display_os).unwrap_or_default();
            found.push(Found {
                path: input.clone(),
                bestand: name,
                map: String::new(),
                lid: Vec::new(),
            });
            continue;
        }
        if meta.as_ref().is_ok_and(|m| !m.is_dir()) {
            problems.push(WalkProblem {
                bestand: input.file_name().map(display_os).unwrap_or_default(),
                reden: special_reason(input),
            });
            continue;
        }
        let root = std::fs::canonicalize(input).unwrap_or_else(|_| input.clone());
        // follow_links: users' folders may hold links to the real attachments; walkdir detects
        // loops and reports them as errors, which become problems below.
        let mut it = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = it.next() {
            match entry {
                Ok(e) => {
                    let rel = e.path().strip_prefix(input).unwrap_or(e.path());
                    let bestand = slash_path(rel);
                    if e.path_is_symlink() && !points_inside(e.path(), &root) {
                        if e.file_type().is_dir() {
                            it.skip_current_dir();
                        }
                        problems.push(WalkProblem {
                            bestand,
                            reden: "koppeling naar iets buiten de invoermap; niet gevolgd en niet gelezen".into(),
                        });
                        continue;
                    }
                    if e.file_type().is_file() {
                        let map = rel.parent().map(slash_path).unwrap_or_default();
                        found.push(Found {
                            path: e.path().to_path_buf(),
                            bestand,
                            map,
                            lid: Vec::new(),
                        });
                    } else if !e.file_type().is_dir() {
                        problems.push(WalkProblem {
                            bestand,
                            reden: special_reason(e.path()),
                        });
                    }
                }
                Err(err) => {
                    let p = err
                        .path()
                        .map(|p| p.strip_prefix(input).unwrap_or(p).to_path_buf());
                    let bestand = p
                        .as_deref()
                        .map(slash_path)
                        .unwrap_or_else(|| input.display().to_string());
                    let reden = if err.loop_ancestor().is_some() {
                        "symbolische koppeling die naar een bovenliggende map wijst (lus); overgeslagen".to_string()
                    } else {
                        format!(
                            "niet te openen: {}",
                            err.io_error().map(|e| e.to_string()).unwrap_or_default()
                        )
                    };
                    problems.push(WalkProblem { bestand, reden });
                }
            }
        }
    }
    (found, problems)
}

/// A link's target lies inside the input folder `root` (canonical).
fn points_inside(link: &Path, root: &Path) -> bool {
    std::fs::canonicalize(link).is_ok_and(|t| t.starts_with(root))
}

/// Why a path that is no regular file or folder is not read.
fn special_reason(p: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if let Ok(m) = std::fs::metadata(p) {
            let t = m.file_type();
            let wat = if t.is_fifo() {
                "een named pipe (FIFO)"
            } else if t.is_socket() {
                "een socket"
            } else if t.is_block_device() || t.is_char_device() {
                "een apparaat"
            } else {
                "geen gewoon bestand"
            };
            return format!("{wat}, geen document; niet geopend");
        }
    }
    let _ = p;
    "geen gewoon bestand of map; niet geopend".into()
}

/// A file name as shown: valid UTF-8 as it is; otherwise with replacement characters and, so that
/// two different names never become one row, a short mark of the exact bytes.
fn display_os(name: &std::ffi::OsStr) -> String {
    match name.to_str() {
        Some(s) => s.to_string(),
        None => {
            let raw = name.as_encoded_bytes();
            let mark = hex(&Sha256::digest(raw));
            format!(
                "{} [naam met ongeldige tekens #{}]",
                name.to_string_lossy(),
                mark.get(..8).unwrap_or("")
            )
        }
    }
}

fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| display_os(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file's bytes, hash and sniffed kind; or why its bytes could not be had.
#[derive(Debug)]
pub struct Loaded {
    pub sha256: String,
    pub grootte: u64,
    pub soort: Soort,
    /// Present when the file is within [`MAX_FILE_BYTES`]; `None` when it was too large to load
    /// (its hash is still computed by streaming).
    pub bytes: Option<Vec<u8>>,
    /// A Dutch remark on the kind (e.g. "afbeelding", "OLE-bestand (Word 97-2003 .doc)").
    pub kind_note: String,
}

/// Read, hash and sniff one file. Files above [`MAX_FILE_BYTES`] are neither read nor hashed.
pub fn load(path: &Path) -> std::io::Result<Loaded> {
    let meta = std::fs::metadata(path)?;
    let grootte = meta.len();
    if grootte > MAX_FILE_BYTES {
        // Not hashed: hashing 20 GB would outlast the per-file deadline, and the file is refused
        // anyway. It is registered by its name (no sha256).
        let mut head = vec![0u8; 8];
        let mut f = std::fs::File::open(path)?;
        let n = f.read(&mut head)?;
        head.truncate(n);
        let soort = sniff_magic_only(&head);
        return Ok(Loaded {
            sha256: String::new(),
            grootte,
            soort,
            bytes: None,
            kind_note: String::new(),
        });
    }
    let bytes = std::fs::read(path)?;
    let sha256 = hex(&Sha256::digest(&bytes));
    let (soort, kind_note) = sniff(&bytes);
    Ok(Loaded {
        sha256,
        grootte: bytes.len() as u64,
        soort,
        bytes: Some(bytes),
        kind_note,
    })
}

/// The name a file goes by in `bron` texts: its base name, or for a member of a container the
/// container's base name, ` » `, and the member's name (with its folders inside a zip):
/// `Mail/RE_ plan.eml » Wijkplan.docx` → `RE_ plan.eml » Wijkplan.docx`.
pub fn bron_naam(bestand: &str) -> &str {
    let outer = bestand.split(" » ").next().unwrap_or(bestand);
    match outer.rfind('/') {
        Some(i) => bestand.get(i + 1..).unwrap_or(bestand),
        None => bestand,
    }
}

/// A file's own name without folders, for a member its name inside the container:
/// `Mail/RE_ plan.eml » WSV Laak/Begroting.xlsx` → `Begroting.xlsx`.
pub fn eigen_naam(bestand: &str) -> &str {
    let inner = bestand.rsplit(" » ").next().unwrap_or(bestand);
    inner.rsplit('/').next().unwrap_or(inner)
}

/// Hash and sniff bytes already in memory (a member taken out of a container).
pub fn load_bytes(bytes: Vec<u8>) -> Loaded {
    let sha256 = hex(&Sha256::digest(&bytes));
    let (soort, kind_note) = sniff(&bytes);
    Loaded {
        sha256,
        grootte: bytes.len() as u64,
        soort,
        bytes: Some(bytes),
        kind_note,
    }
}

/// The sha256 of bytes in memory.
pub fn sha256_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The sha256 of a file within [`MAX_FILE_BYTES`] (the main process's cache check); `None` for a
/// larger one, which only a worker looks at, under its deadline.
pub fn sha256_small_file(path: &Path) -> std::io::Result<Option<String>> {
    if std::fs::metadata(path)?.len() > MAX_FILE_BYTES {
        return Ok(None);
    }
    sha256_file(path).map(Some)
}

/// The sha256 of a file, streamed (no size limit, constant memory).
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut f, &mut hasher)?;
    Ok(hex(&hasher.finalize()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn sniff_magic_only(head: &[u8]) -> Soort {
    if head.starts_with(b"%PDF") {
        Soort::Pdf
    } else {
        Soort::Onbekend
    }
}

/// Decide the kind of a file from its bytes.
pub fn sniff(bytes: &[u8]) -> (Soort, String) {
    if bytes.is_empty() {
        return (Soort::Onbekend, "leeg bestand (0 bytes)".into());
    }
    // A PDF may carry junk before the header; readers accept it within the first KiB.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return (Soort::Pdf, String::new());
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return sniff_ole(bytes);
    }
    if looks_like_email(bytes) {
        return (Soort::Eml, String::new());
    }
    // RTF opens with "{\rtf"; Word and LibreOffice write "{\rtf1". Some writers put white space
    // or a byte-order mark first.
    let start = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes)
        .trim_ascii_start();
    if start.starts_with(b"{\\rtf") {
        return (Soort::Rtf, String::new());
    }
    let note = if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"GIF8")
    {
        "afbeelding"
    } else if is_old_biff(bytes) {
        "een werkmap uit Excel 2.1 tot 4.0 (BIFF2 tot BIFF4), een bestandsvorm die te oud is om te lezen"
    } else if looks_like_html(head) {
        "een webpagina (HTML), geen Word- of Excel-bestand"
    } else if looks_like_text(head) {
        "een tekstbestand, geen Word- of Excel-bestand"
    } else {
        "geen wijkplan of begroting (onbekend bestandstype)"
    };
    (Soort::Onbekend, note.into())
}

/// A workbook of Excel 2.1–4.0: a bare BIFF stream (no OLE container) opening with a BOF record
/// of BIFF2 (0x0009), BIFF3 (0x0209) or BIFF4 (0x0409) whose length fits that record. calamine
/// reads BIFF5 and BIFF8 only.
fn is_old_biff(bytes: &[u8]) -> bool {
    match bytes {
        [0x09, 0x00 | 0x02 | 0x04, len, 0x00, ..] => matches!(len, 4 | 6 | 8),
        _ => false,
    }
}

/// An HTML page (what web applications export as "Excel"): markup at the start.
fn looks_like_html(head: &[u8]) -> bool {
    let start = head
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(head)
        .trim_ascii_start();
    let lower = start
        .get(..start.len().min(512))
        .unwrap_or(start)
        .to_ascii_lowercase();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<") && lower.windows(6).any(|w| w == b"<table"))
}

/// Plain text (a CSV, a note saved under a wrong name): UTF-8 without control characters other
/// than tab and line ends. Only the head is looked at; a cut inside a UTF-8 sequence at its end
/// still counts as text.
fn looks_like_text(head: &[u8]) -> bool {
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !valid.is_empty()
        && valid
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\r' | '\n' | '\u{c}'))
}

fn sniff_zip(bytes: &[u8]) -> (Soort, String) {
    let mut zip = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => {
            return (
                Soort::Onbekend,
                format!("beschadigd zip-bestand ({})", crate::osfout::library(&e)),
            )
        }
    };
    let has = |z: &zip::ZipArchive<_>, name: &str| z.index_for_name(name).is_some();
    if has(&zip, "word/document.xml") {
        return (Soort::Docx, String::new());
    }
    if has(&zip, "xl/workbook.xml") {
        return (Soort::Xlsx, String::new());
    }
    if has(&zip, "xl/workbook.bin") {
        return (Soort::Xlsb, String::new());
    }
    // OOXML packages may name the main part differently; [Content_Types].xml tells.
    if let Some(ct) = read_small_entry(&mut zip, "[Content_Types].xml") {
        if ct.contains("wordprocessingml.document.main") {
            return (Soort::Docx, String::new());
        }
        if ct.contains("spreadsheetml.sheet.main") {
            return (Soort::Xlsx, String::new());
        }
    }
    if let Some(mt) = read_small_entry(&mut zip, "mimetype") {
        let mt = mt.trim();
        if mt == "application/vnd.oasis.opendocument.spreadsheet" {
            return (Soort::Ods, String::new());
        }
        // Text documents and their templates (.ott).
        if mt == "application/vnd.oasis.opendocument.text"
            || mt == "application/vnd.oasis.opendocument.text-template"
        {
            return (Soort::Odt, String::new());
        }
        if mt.starts_with("application/vnd.oasis.opendocument") {
            return (
                Soort::Anders,
                format!("OpenDocument-bestand ({mt}), wordt niet gelezen"),
            );
        }
    }
    (Soort::Zip, String::new())
}

/// Header fields that open a saved e-mail (RFC 5322); Outlook, Thunderbird and webmail exports
/// start with one of these.
const EMAIL_HEADERS: [&str; 12] = [
    "received",
    "return-path",
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "delivered-to",
    "content-type",
    "x-mozilla-status",
    "reply-to",
];

/// An RFC 5322 message: the first lines are `Name: value` header fields, at least two of them
/// known e-mail headers, and one of them `From` or `Received` or `MIME-Version`.
fn looks_like_email(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let Ok(text) = std::str::from_utf8(head)
        .or_else(|e| std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or_default()))
    else {
        return false;
    };
    let mut known = 0;
    let mut key = false;
    for line in text.lines().take(60) {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue; // folded continuation of the previous field
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return false;
        }
        let name = name.to_ascii_lowercase();
        if EMAIL_HEADERS.contains(&name.as_str()) {
            known += 1;
            key |= matches!(name.as_str(), "from" | "received" | "mime-version");
        }
    }
    known >= 2 && key
}

fn read_small_entry<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let f = zip.by_name(name).ok()?;
    let mut s = String::new();
    // Content-type parts are a few KiB; cap the read so a bomb in this part costs nothing.
    f.take(MAX_PART_BYTES.min(1 << 20))
        .read_to_string(&mut s)
        .ok()?;
    Some(s)
}

fn sniff_ole(bytes: &[u8]) -> (Soort, String) {
    let cf = match cfb::CompoundFile::open(std::io::Cursor::new(bytes)) {
        Ok(c) => c,
        Err(e) => return (Soort::Onbekend, crate::osfout::library(&e).to_string()),
    };
    let names: Vec<String> = cf
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.name().to_string())
        .take(10_000)
        .collect();
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("EncryptedPackage") || has("EncryptionInfo") {
        return (
            Soort::Versleuteld,
            "Office-bestand versleuteld met een wachtwoord".into(),
        );
    }
    if has("Workbook") || has("Book") {
        return (Soort::Xls, String::new());
    }
    if has("WordDocument") {
        return (Soort::Doc, String::new());
    }
    if names.iter().any(|n| n.starts_with("__substg1.0_")) {
        return (Soort::Msg, String::new());
    }
    if has("PowerPoint Document") {
        return (Soort::Anders, "PowerPoint-bestand".into());
    }
    (Soort::Anders, "OLE-bestand van onbekend type".into())
}

/// The extension promises a submission type (so a mismatch with the bytes is an error, not a
/// file to ignore).
pub fn claims_submission(bestand: &str) -> bool {
    let lower = bestand.to_lowercase();
    [
        ".docx", ".docm", ".pdf", ".xlsx", ".xlsm", ".xls", ".ods", ".odt", ".doc", ".rtf", ".xlsb",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
}

/// Files that are never submissions and need no explanation beyond their name.
pub fn is_system_file(bestand: &str) -> bool {
    let name = eigen_naam(bestand);
    let lower = name.to_lowercase();
    lower == "thumbs.db"
        || lower == ".ds_store"
        || lower == "desktop.ini"
        || name.starts_with("~$")
        // macOS's resource forks in a zip made on a Mac.
        || name.starts_with("._")
        || bestand.contains("__MACOSX/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            for (name, data) in entries {
                w.start_file(*name, opts).unwrap();
                w.write_all(data).unwrap();
            }
            w.finish().unwrap();
        }
        buf.into_inner()
    }

    #[test]
    fn old_excel_html_and_text_say_what_they_are() {
        // BOF records as Excel 2.1, 3.0 and 4.0 write them (SheetJS's and xlrd's test files open
        // with exactly these bytes).
        for head in [
            &[0x09u8, 0x00, 0x04, 0x00, 0x07, 0x00, 0x10, 0x00][..],
            &[0x09, 0x02, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00],
            &[0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00],
        ] {
            let (soort, note) = sniff(head);
            assert_eq!(soort, Soort::Onbekend);
            assert!(note.contains("Excel 2.1 tot 4.0"), "{note}");
        }
        let (_, note) = sniff(b"\xEF\xBB\xBF<html><body><table><tr><td>1</td></tr></table>");
        assert_eq!(note, "een webpagina (HTML), geen Word- of Excel-bestand");
        let (_, note) = sniff(b"Post;Bedrag\r\nZaalhuur;1250\r\n");
        assert_eq!(note, "een tekstbestand, geen Word- of Excel-bestand");
        // A cut inside a multi-byte character at the end of the head is still text.
        let mut long = "é".repeat(600).into_bytes();
        long.truncate(1023);
        assert_eq!(
            sniff(&long).1,
            "een tekstbestand, geen Word- of Excel-bestand"
        );
        // Binary garbage is not text.
        assert_eq!(
            sniff(&[0x00, 0x01, 0x02, 0xFF, 0x10]).1,
            "geen wijkplan of begroting (onbekend bestandstype)"
        );
    }

    #[test]
    fn sniffs_by_bytes_not_name() {
        assert_eq!(
            sniff(&zip_with(&[("word/document.xml", b"<w:document/>")])).0,
            Soort::Docx
        );
        assert_eq!(
            sniff(&zip_with(&[("xl/workbook.xml", b"<workbook/>")])).0,
            Soort::Xlsx
        );
        let ods = zip_with(&[(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        )]);
        assert_eq!(sniff(&ods).0, Soort::Ods);
        let odt = zip_with(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert_eq!(sniff(&odt).0, Soort::Odt);
        let odp = zip_with(&[(
            "mimetype",
            b"application/vnd.oasis.opendocument.presentation",
        )]);
        assert_eq!(sniff(&odp).0, Soort::Anders);
        assert_eq!(
            sniff(&zip_with(&[("xl/workbook.bin", b"\x83\x01\x00")])).0,
            Soort::Xlsb
        );
        assert_eq!(sniff(b"{\\rtf1\\ansi hallo}").0, Soort::Rtf);
        assert_eq!(sniff(b"\xEF\xBB\xBF {\\rtf1 hallo}").0, Soort::Rtf);
        assert_eq!(sniff(b"%PDF-1.7\n...").0, Soort::Pdf);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n....").1, "afbeelding");
        assert_eq!(sniff(b"").0, Soort::Onbekend);
        assert_eq!(sniff(b"hallo, dit is tekst").0, Soort::Onbekend);
        // Any other zip is a container; an e-mail is known by its header fields.
        assert_eq!(sniff(&zip_with(&[("Laak/plan.docx", b"x")])).0, Soort::Zip);
        assert_eq!(
            sniff(b"Received: from mx\r\nFrom: a@b.nl\r\nSubject: plan\r\n\r\nbody").0,
            Soort::Eml
        );
        assert_eq!(
            sniff(b"MIME-Version: 1.0\nContent-Type: text/plain\n\nx").0,
            Soort::Eml
        );
        assert_eq!(
            sniff(b"Onderwerp: wijkplan\nDatum: mei\n\ntekst").0,
            Soort::Onbekend
        );
        assert_eq!(
            sniff(b"From: iemand\nhallo dit is geen header\n").0,
            Soort::Onbekend
        );
        // Cut zip: the magic says zip but the archive cannot be opened.
        let mut cut = zip_with(&[("word/document.xml", b"<w:document/>")]);
        cut.truncate(20);
        let (s, note) = sniff(&cut);
        assert_eq!(s, Soort::Onbekend);
        assert!(note.starts_with("beschadigd zip-bestand"), "{note}");
    }

    #[test]
    fn sniffs_ole_containers() {
        fn ole(streams: &[&str]) -> Vec<u8> {
            let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
            for s in streams {
                let mut st = cf.create_stream(format!("/{s}")).unwrap();
                st.write_all(b"data").unwrap();
            }
            cf.flush().unwrap();
            cf.into_inner().into_inner()
        }
        assert_eq!(
            sniff(&ole(&["EncryptionInfo", "EncryptedPackage"])).0,
            Soort::Versleuteld
        );
        assert_eq!(sniff(&ole(&["Workbook"])).0, Soort::Xls);
        assert_eq!(sniff(&ole(&["WordDocument", "1Table"])).0, Soort::Doc);
        assert_eq!(sniff(&ole(&["__substg1.0_0037001F"])).0, Soort::Msg);
    }

    #[test]
    fn bron_names_the_container() {
        assert_eq!(bron_naam("Laak/plan.docx"), "plan.docx");
        assert_eq!(
            bron_naam("Mail/RE_ plan.eml » Wijkplan WSV Laak.docx"),
            "RE_ plan.eml » Wijkplan WSV Laak.docx"
        );
        assert_eq!(
            bron_naam("a/x.zip » WSV Rijswijk/Begroting.ods"),
            "x.zip » WSV Rijswijk/Begroting.ods"
        );
        assert_eq!(bron_naam("plan.docx"), "plan.docx");
    }

    #[test]
    fn system_files_and_claims() {
        assert!(is_system_file("map/Thumbs.db"));
        assert!(is_system_file("~$ijkplan.docx"));
        assert!(!is_system_file("plan.docx"));
        assert!(claims_submission("Plan WSV.DOCX"));
        assert!(!claims_submission("logo.png"));
    }

    #[test]
    fn discover_walks_sorted_with_relative_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("Laak")).unwrap();
        std::fs::write(dir.path().join("Laak/b.docx"), b"x").unwrap();
        std::fs::write(dir.path().join("a.xlsx"), b"y").unwrap();
        let (found, problems) = discover(&[dir.path().to_path_buf()]);
        assert!(problems.is_empty());
        let names: Vec<_> = found
            .iter()
            .map(|f| (f.bestand.as_str(), f.map.as_str()))
            .collect();
        assert_eq!(names, vec![("Laak/b.docx", "Laak"), ("a.xlsx", "")]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/lus")).unwrap();
        std::fs::write(dir.path().join("sub/plan.docx"), b"x").unwrap();
        let (found, problems) = discover(&[dir.path().to_path_buf()]);
        assert_eq!(found.len(), 1);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].reden.contains("lus"));
    }
}
