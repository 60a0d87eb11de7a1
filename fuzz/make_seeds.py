#!/usr/bin/env python3
"""Fill fuzz/corpus/<target>/ with the seed corpus from fixtures/ (idempotent; libFuzzer adds its
own finds beside the seeds, named by their SHA-1).

Per zip-based seed also a *stored* re-zip (no compression, so byte-level mutations land in the XML
text) and a *minimal* stored re-zip with only the parts the reader looks at. Skipped: the
symlink fixtures/bad/lus, and fixtures/bad/zip-bomb-300mb.docx and miljoen-rijen.xlsx as seeds
for mutation (each execution costs seconds; both are covered by the product's own tests and by
tests/fuzz_regressions.rs, which replays fixtures/bad/).
"""
import io
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "fixtures")
OUT = os.path.join(ROOT, "fuzz", "corpus")
STAMP = (1980, 1, 1, 0, 0, 0)
MAX_SEED = 512 << 10
SLOW = {"zip-bomb-300mb.docx", "miljoen-rijen.xlsx"}
# Parts the readers open (docx reader; calamine for xlsx; calamine for ods).
MINIMAL = {
    "docx": ("[Content_Types].xml", "_rels/.rels", "word/document.xml",
             "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml"),
    "xlsx": ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
             "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml",
             "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"),
    "ods": ("mimetype", "content.xml", "META-INF/manifest.xml"),
}


def files():
    """Every regular file under the seed folders (not following symlinks)."""
    for sub in ("submissions", "sheets", "bad", "pdf", "mail/inzendingen"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(FIX, sub), followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if d != "fuzz")
            for n in sorted(filenames):
                p = os.path.join(dirpath, n)
                if os.path.islink(p) or not os.path.isfile(p) or n in SLOW:
                    continue
                if n.endswith((".py", ".sh", ".md")):
                    continue
                yield p


def kind(data):
    """The target a seed belongs to, by its bytes (like intake::sniff, roughly)."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    head = data[:4096].lower()
    if head.startswith((b"from:", b"received:", b"mime-version:", b"return-path:", b"to:")) or b"\nmime-version:" in head:
        return "container"
    if data.startswith(b"\xd0\xcf\x11\xe0") and b"_\x00_\x00s\x00u\x00b\x00s\x00t\x00g\x00" in data:
        return "container"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if data.startswith(b"PK"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except Exception:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "mimetype" in names or "content.xml" in names:
            return "ods"
        return "container"
    return None


def rezip(data, keep=None):
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            for info in src.infolist():
                if keep is not None and info.filename not in keep:
                    continue
                if info.file_size > (8 << 20):
                    return None
                z.writestr(zipfile.ZipInfo(info.filename, STAMP), src.read(info.filename))
        return buf.getvalue()
    except Exception:
        return None


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
    with open(os.path.join(d, "seed-" + safe), "wb") as f:
        f.write(data)


def main():
    n = 0
    for p in files():
        data = open(p, "rb").read()
        rel = os.path.relpath(p, FIX)
        k = kind(data)
        variants = [(rel, data)]
        if k in MINIMAL:
            for suffix, keep in (("stored", None), ("minimal", set(MINIMAL[k]))):
                v = rezip(data, keep)
                # A stored copy of a highly compressed part (deep nesting) would be megabytes:
                # too slow to mutate; the original stays a seed.
                if v and len(v) <= MAX_SEED:
                    variants.append((f"{rel}.{suffix}", v))
        for name, v in variants:
            put("file", name, v)
            n += 1
            if k:
                put(k, name, v)
        # The post-read target wants documents that read: plans and begrotingen (a bad file
        # only becomes one unreadable row there, which the other targets cover).
        if rel.startswith(("submissions" + os.sep, "sheets" + os.sep, "pdf" + os.sep)):
            for name, v in variants:
                put("postread", name, v)
        # Bad inputs go to every reader: a wrong kind must be refused, not crash.
        if rel.startswith("bad" + os.sep):
            for t in ("docx", "xlsx", "xls", "ods", "pdf"):
                if t != k:
                    put(t, rel, data)
    print(f"make_seeds: {n} seeds into {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
