-- wijkregister register, schema version 3: applied on top of version 2.
--
-- What version 3 adds: the full text of every document (`tekstblokken`), keyed by content like
-- everything the bytes gave, and the view `v_tekst` over the files of the latest run. Registers
-- of version 2 keep their content; files read before the migration have no full text until
-- they are read into a new register.

CREATE TABLE tekstblokken (
    sha256 TEXT NOT NULL REFERENCES inhoud (sha256),
    -- reading order within the document, from 0
    volgorde INTEGER NOT NULL,
    -- kop, alinea, tabelcel, tekstvak, voetnoot, eindnoot, opmerking (a comment in the margin,
    -- never WSV content), cel (a filled cell of a spreadsheet)
    soort TEXT NOT NULL,
    -- where the block sits, in the style of every other `bron`
    bron TEXT NOT NULL,
    tekst TEXT NOT NULL,
    PRIMARY KEY (sha256, volgorde)
);

-- The full text of the current files, one row per block in reading order. Search all plans:
--   SELECT bestand, bron, tekst FROM v_tekst WHERE tekst LIKE '%eenzaamheid%';
CREATE VIEW v_tekst AS
SELECT b.bestand, t.volgorde, t.soort, t.bron, t.tekst
FROM tekstblokken t
JOIN bestanden b ON b.sha256 = t.sha256
WHERE b.actief = 1;
