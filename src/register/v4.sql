-- Schema version 4 (issue 13): the numbers a budget controller needs, and corrections that stick.
--
--   * `begrotingsregels` gets the split per year (`jaren`: JSON `[{"jaar": 2025, "bedrag": 640000,
--     "bron": "b.xlsx Begroting!E6"}, …]`, cents), co-financed hours, the rate's cell, and `buiten_totaal` = 1 for the cofinanciering
--     rows below a begroting's total (their `bedrag_cent` is 0: they are never part of a sum).
--   * `correcties`: every correction staff gave (correcties.csv or --correcties), kept for good:
--     what was extracted and what replaced it, who, why and when, and the sha256 of the document
--     the corrected value came from when the correction was first applied. `actief` = 1 for the
--     corrections of the latest file given; a correction whose document changed since is reported
--     (CORRECTIE_VERVALLEN), never applied to the new document.

ALTER TABLE begrotingsregels ADD COLUMN jaren TEXT NOT NULL DEFAULT '[]';
ALTER TABLE begrotingsregels ADD COLUMN cofinanciering_uren REAL;
ALTER TABLE begrotingsregels ADD COLUMN tarief_bron TEXT;
ALTER TABLE begrotingsregels ADD COLUMN buiten_totaal INTEGER NOT NULL DEFAULT 0;

CREATE TABLE correcties (
    id INTEGER PRIMARY KEY,
    wsv TEXT NOT NULL,
    veld TEXT NOT NULL,
    waarde TEXT NOT NULL,
    reden TEXT NOT NULL,
    door TEXT NOT NULL,
    -- the correcties file and its line the correction was read from
    bron TEXT NOT NULL,
    -- UTC, when the correction was first read
    ingevoerd_op TEXT NOT NULL,
    -- set when first applied: the document's sha256 and the value extracted from it
    sha256 TEXT,
    oorspronkelijk TEXT,
    toegepast_op TEXT,
    actief INTEGER NOT NULL DEFAULT 1,
    UNIQUE (wsv, veld, waarde, reden, door)
);

DROP VIEW IF EXISTS v_begrotingsregels;
CREATE VIEW v_begrotingsregels AS
SELECT t.wsv, b.bestand, t.actueel, r.volgnummer, r.post, r.thema, r.omschrijving, r.uren,
       r.tarief_cent / 100.0 AS tarief_euro, r.bedrag_cent / 100.0 AS bedrag_euro,
       r.cofinanciering_cent / 100.0 AS cofinanciering_euro, r.vacatie, r.bron,
       r.jaren, r.cofinanciering_uren, r.tarief_bron, r.buiten_totaal
FROM begrotingsregels r
JOIN bestanden b ON b.sha256 = r.sha256
JOIN toewijzingen t ON t.bestand_id = b.id
WHERE b.actief = 1;

CREATE VIEW v_correcties AS
SELECT wsv, veld, oorspronkelijk, waarde, reden, door, ingevoerd_op, toegepast_op, sha256, bron, actief
FROM correcties;
