#!/usr/bin/env python3
"""Print, for every page of a PDF, the smallest and largest font size of its text as printed, in
points: `1 6.99 7.0` per page. Used by check_workbook.sh (issue 14) to see how small a sheet
prints when it is fitted to one page wide.

The size is the operand of the PDF `Tf` operator in the page's content streams. LibreOffice writes
the printed size there (a sheet scaled to 17 % has `1.9 Tf` for 11-point text) and places text
with `Td` without a scaling text matrix or `cm`; a stream that scales with `Tm` or `cm` is reported
as such rather than measured wrongly. Standard library only; pages are split with poppler's
pdfseparate, so each page's streams are its own."""
import glob
import os
import re
import subprocess
import sys
import tempfile
import zlib


def sizes(page_pdf):
    raw = open(page_pdf, "rb").read()
    out = []
    scaled = False
    for m in re.finditer(rb"stream\r?\n", raw):
        end = raw.find(b"endstream", m.end())
        try:
            data = zlib.decompress(raw[m.end():end])
        except zlib.error:
            continue  # fonts and images that are not deflated, or not content
        found = [float(x) for x in re.findall(rb"/F\d+ ([0-9.]+) Tf", data)]
        if found:
            out += found
            # A text matrix or transformation that scales would make Tf not the printed size.
            for a, _b, _c, d in re.findall(rb"([-0-9.]+) ([-0-9.]+) ([-0-9.]+) ([-0-9.]+) [-0-9.]+ [-0-9.]+ (?:Tm|cm)", data):
                if abs(float(a)) not in (0.0, 1.0) or abs(float(d)) not in (0.0, 1.0):
                    scaled = True
    return out, scaled


def main():
    pdf = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdfseparate", pdf, os.path.join(tmp, "p-%d.pdf")], check=True)
        pages = sorted(glob.glob(os.path.join(tmp, "p-*.pdf")), key=lambda p: int(re.findall(r"(\d+)\.pdf$", p)[0]))
        for i, page in enumerate(pages, 1):
            found, scaled = sizes(page)
            if scaled:
                print(f"{i} geschaald")
            elif found:
                print(f"{i} {min(found):.2f} {max(found):.2f}")
            else:
                print(f"{i} geen-tekst")


main()
