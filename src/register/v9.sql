-- Schema version 9 (issue 15): the full text of a content in one row instead of one per block.
--
-- The text is most of the register: about 70 blocks per document, 136,000 rows for the 1,900
-- files of 100 copies of the sample batch against 47,000 in all other tables. Writing a row per
-- block (and its primary-key index) was the largest part of storing a file. Nothing in
-- wijkregister reads the text back; it is there for users' own queries. So each content's blocks
-- are now one JSON array of [soort, bron, tekst] triples, in reading order (the position in the
-- array is the block's `volgorde`: every writer numbered blocks 0, 1, 2, … without gaps).
--
-- What users query stays as it was: `tekstblokken` and `v_tekst` are views with the same columns
-- and the same rows, unpacked with `json_each` (JSON1, in every SQLite since 3.38 and in most
-- builds long before). A search over all text now parses the arrays it reads: the README's
-- `LIKE '%eenzaamheid%'` over 1,900 documents took 0.17 to 0.21 s, against 0.05 to 0.06 s with a
-- row per block (measured 30 November 2026).

CREATE TABLE teksten (
    nummer INTEGER PRIMARY KEY REFERENCES inhoudnummers (nummer),
    -- [[soort, bron, tekst], …] in reading order; soort as in v3.sql (kop, alinea, tabelcel,
    -- tekstvak, voetnoot, eindnoot, opmerking, cel)
    blokken TEXT NOT NULL
);

-- The text of a version 8 register moves over, content for content, blocks in their order.
INSERT INTO teksten (nummer, blokken)
SELECT nummer, json_group_array(json_array(soort, bron, tekst) ORDER BY volgorde)
FROM tekstopslag
GROUP BY nummer
ORDER BY nummer;

DROP VIEW v_tekst;
DROP VIEW tekstblokken;
DROP TABLE tekstopslag;

-- The full text by content, as the table of version 3 had it.
CREATE VIEW tekstblokken AS
SELECT n.sha256,
       j.key AS volgorde,
       json_extract(j.value, '$[0]') AS soort,
       json_extract(j.value, '$[1]') AS bron,
       json_extract(j.value, '$[2]') AS tekst
FROM teksten t
JOIN inhoudnummers n ON n.nummer = t.nummer,
     json_each(t.blokken) j;

-- The full text of the current files, one row per block in reading order. Search all plans:
--   SELECT bestand, bron, tekst FROM v_tekst WHERE tekst LIKE '%eenzaamheid%';
CREATE VIEW v_tekst AS
SELECT b.bestand, t.volgorde, t.soort, t.bron, t.tekst
FROM bestanden b
JOIN tekstblokken t ON t.sha256 = b.sha256
WHERE b.actief = 1;
