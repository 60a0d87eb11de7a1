#!/usr/bin/env python3
"""The Python script a data analyst would write (issue 15's yardstick, run by `make bench`).

Reads every .docx (python-docx: every paragraph and every table cell), every .xlsx (openpyxl,
read-only, cached values: every cell) and every .xls (xlrd: every cell) under a folder into one
SQLite table, in one transaction. No template mapping, no audit, no isolation, no deadlines: the
floor of what any useful tool must do, written the obvious way.

Usage: peer.py FOLDER DATABASE
Exit 3 when python-docx, openpyxl or xlrd is missing (the bench then skips the comparison).
"""
import os
import sqlite3
import sys

try:
    import docx  # python-docx
    import openpyxl
    import xlrd
except ImportError as e:  # pragma: no cover - depends on the machine
    print(f"peer.py: {e.name} ontbreekt (pip install python-docx openpyxl xlrd)", file=sys.stderr)
    sys.exit(3)


def docx_rows(path):
    d = docx.Document(path)
    for i, p in enumerate(d.paragraphs):
        yield ("p", i, p.text)
    for t, table in enumerate(d.tables):
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                yield (f"t{t}", r * 1000 + c, cell.text)


def xlsx_rows(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            for r, row in enumerate(ws.iter_rows(values_only=True)):
                for c, v in enumerate(row):
                    if v is not None:
                        yield (ws.title, r * 1000 + c, str(v))
    finally:
        wb.close()


def xls_rows(path):
    wb = xlrd.open_workbook(path)
    for ws in wb.sheets():
        for r in range(ws.nrows):
            for c, v in enumerate(ws.row_values(r)):
                if v != "":
                    yield (ws.name, r * 1000 + c, str(v))


READERS = {".docx": docx_rows, ".xlsx": xlsx_rows, ".xls": xls_rows}


def main():
    folder, database = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(database)
    con.execute("CREATE TABLE IF NOT EXISTS waarden (bestand TEXT, plek TEXT, n INTEGER, tekst TEXT)")
    files = errors = 0
    with con:
        for root, _dirs, names in os.walk(folder):
            for name in sorted(names):
                reader = READERS.get(os.path.splitext(name)[1].lower())
                if reader is None:
                    continue
                path = os.path.join(root, name)
                files += 1
                try:
                    con.executemany(
                        "INSERT INTO waarden VALUES (?, ?, ?, ?)",
                        ((path, plek, n, tekst) for plek, n, tekst in reader(path)),
                    )
                except Exception:  # a bad file costs only itself, as in the product
                    errors += 1
    con.close()
    print(f"{files} bestanden, {errors} fouten")


if __name__ == "__main__":
    main()
