-- Schema version 8 (issue 15): the full text keyed by a small number instead of the sha256.
--
-- The text is most of the register (about 60 blocks per document), and version 3 kept the
-- 64-character sha256 in every block twice: in the row and in the index of its primary key.
-- Storing it was the largest part of storing a file. Now each content with text gets a number
-- once (`inhoudnummers`), and the blocks (`tekstopslag`) carry that number.
--
-- What users query stays as it was: `tekstblokken` is now a view with the same columns
-- (sha256, volgorde, soort, bron, tekst) and the same rows, and `v_tekst` shows the same rows.
-- Nothing else changes: every other table keeps its sha256 key.

-- One number per content that has text. A content row is never deleted (a passing failure is
-- overwritten in place), so its number never changes.
CREATE TABLE inhoudnummers (
    nummer INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE REFERENCES inhoud (sha256)
);

CREATE TABLE tekstopslag (
    nummer INTEGER NOT NULL REFERENCES inhoudnummers (nummer),
    -- reading order within the document, from 0
    volgorde INTEGER NOT NULL,
    -- kop, alinea, tabelcel, tekstvak, voetnoot, eindnoot, opmerking, cel (see v3.sql)
    soort TEXT NOT NULL,
    bron TEXT NOT NULL,
    tekst TEXT NOT NULL,
    PRIMARY KEY (nummer, volgorde)
);

-- The text of a version 7 register moves over, block for block, in the order it was stored.
INSERT INTO inhoudnummers (sha256)
SELECT sha256 FROM tekstblokken GROUP BY sha256 ORDER BY MIN(rowid);

INSERT INTO tekstopslag (nummer, volgorde, soort, bron, tekst)
SELECT n.nummer, t.volgorde, t.soort, t.bron, t.tekst
FROM tekstblokken t
JOIN inhoudnummers n ON n.sha256 = t.sha256
ORDER BY t.rowid;

DROP VIEW v_tekst;
DROP TABLE tekstblokken;

-- The full text by content, as the table of version 3 had it.
CREATE VIEW tekstblokken AS
SELECT n.sha256, t.volgorde, t.soort, t.bron, t.tekst
FROM tekstopslag t
JOIN inhoudnummers n ON n.nummer = t.nummer;

-- The full text of the current files, one row per block in reading order. Search all plans:
--   SELECT bestand, bron, tekst FROM v_tekst WHERE tekst LIKE '%eenzaamheid%';
CREATE VIEW v_tekst AS
SELECT b.bestand, t.volgorde, t.soort, t.bron, t.tekst
FROM tekstopslag t
JOIN inhoudnummers n ON n.nummer = t.nummer
JOIN bestanden b ON b.sha256 = n.sha256
WHERE b.actief = 1;
