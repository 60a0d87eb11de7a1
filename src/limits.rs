//! Limits that keep a hostile file harmless. Each is documented in the README; a file that hits one
//! gets a `BESTAND_ONLEESBAAR` finding that names the limit and the figure.

/// Largest input file read at all (bytes). Real plans and begrotingen are well under 10 MB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Largest inflated size of one zip part (e.g. `word/document.xml`), against zip bombs.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Deepest XML element nesting accepted (Word documents nest a few dozen levels at most).
pub const MAX_XML_DEPTH: usize = 256;
/// Deepest table nesting accepted in a document.
pub const MAX_TABLE_DEPTH: usize = 16;
/// Most filled cells read from one sheet (values and formulas are counted apart). Counts cells
/// that are there, not the area they span: four cells with one at IV65536 are four cells.
pub const MAX_SHEET_CELLS: u64 = 1_000_000;
/// Largest area (rows × columns from A1 to the last filled cell) of one sheet. calamine builds
/// .xls and .ods sheets as dense grids and the neutral model keeps rows from A1, so the area is
/// what costs memory: 16.777.216 cells is the whole grid of an .xls (65.536 × 256), about 540 MB
/// in calamine's grid, well inside the worker's cap.
pub const MAX_SHEET_AREA: u64 = 65_536 * 256;
/// Longest a single file may take to read and map before it is abandoned (worker process killed).
pub const FILE_DEADLINE_SECS: u64 = 30;
/// Longest text recognition (OCR of scanned PDF pages with tesseract) may take for one file, all
/// its pages together: well inside [`FILE_DEADLINE_SECS`], so reading and mapping still fit.
/// Pages left when it is up get a note; one page takes a few seconds.
pub const OCR_BUDGET_SECS: u64 = FILE_DEADLINE_SECS - 10;
/// Largest page image given to text recognition (pixels): an A4 page at 600 dpi is 35 million.
pub const OCR_MAX_PIXELS: u64 = 40_000_000;
/// Address-space cap of a worker process (bytes): a file that makes a parser allocate without end
/// kills only its worker.
pub const WORKER_MEMORY_BYTES: u64 = 3 * 1024 * 1024 * 1024;
/// Deepest nesting of containers followed (an e-mail in a zip in an e-mail is 3).
pub const MAX_CONTAINER_DEPTH: usize = 3;
/// Most members (attachments, files in a zip) read from one container. A WSV's mail has a handful;
/// each member is read on its own (and its container opened again for it), so this also bounds
/// the work one container can cause.
pub const MAX_CONTAINER_MEMBERS: usize = 200;
/// Most bytes taken out of one container in total (a zip bomb inside an attachment).
pub const MAX_CONTAINER_BYTES: u64 = 128 * 1024 * 1024;
/// Most characters kept of one value after reading (a field, a section's text, a theme cell, a
/// budget line's description). A real section has a few thousand.
pub const MAX_TEXT_PER_VALUE: usize = 200_000;
/// Most characters kept of all values of one file together.
pub const MAX_TEXT_PER_FILE: usize = 2_000_000;
/// Most items kept of one list of a file (sections, theme rows, checklist items, budget lines).
pub const MAX_ITEMS_PER_LIST: usize = 5_000;
/// Most blocks kept of one file's full text (`v_tekst`, `lees`): every paragraph and table cell
/// is a block, so a long plan has a few thousand and a filled begroting a few hundred.
pub const MAX_TEXT_BLOCKS: usize = 200_000;
/// Most characters of a merged cell's text given to each further logical cell it covers (the
/// first gets up to MAX_TEXT_PER_VALUE). Enough for every check and for the reader to recognise
/// the text; one 2 MB cell over 5 × 40 cells stays well under a megabyte instead of 400 MB.
pub const MAX_TEXT_PER_MERGED_COPY: usize = 2_000;
/// Most other WSVs (or wijken) one finding's message names; the rest are counted ("en nog 990
/// andere WSV's"). A message that named every other WSV would make the findings of n WSVs in one
/// stadsdeel n² long (1,000 WSVs: ~84 MB of text); the full list per stadsdeel is in
/// `stadsdelen.csv` (`wsvs`).
pub const MAX_NAMED_PER_MESSAGE: usize = 10;
