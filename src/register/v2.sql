-- wijkregister register, schema version 2: applied on top of schema.sql (version 1), both to a new
-- register and to a version-1 register. Runs with foreign keys off (the table rebuild below needs
-- it, see https://sqlite.org/lang_altertable.html#otheralter); the transaction around it is the
-- migration's.
--
-- What version 2 adds:
--   * containers (e-mails, zips) and their members (`containerleden`);
--   * documents that are not a wijkplan or begroting: a samenwerkingsovereenkomst or another
--     attachment (`bijlage`), and PDFs without a text layer (`scan`), which still count as a
--     document of their WSV;
--   * `inhoud.voorbijgaand`: the read failed for a passing reason (deadline, killed worker), so the
--     file is read again next time;
--   * `bestanden.actief`: the file is among the inputs of the latest `run` (or was ingested since):
--     outputs show only active files;
--   * `toewijzingen.rol`: what the document is (wijkplan, begroting, samenwerkingsovereenkomst,
--     bijlage, container);
--   * the begroting's header cells (gemeente/stadsdeel, wijken, versie/datum) with their `bron`.

DROP VIEW IF EXISTS v_overzicht;
DROP VIEW IF EXISTS v_begrotingsregels;
DROP VIEW IF EXISTS v_themas;
DROP VIEW IF EXISTS v_bevindingen;
DROP VIEW IF EXISTS v_bestanden;

CREATE TABLE inhoud_v2 (
    sha256 TEXT PRIMARY KEY,
    -- what the bytes gave
    soort_inhoud TEXT NOT NULL CHECK (soort_inhoud IN
        ('wijkplan', 'begroting', 'bijlage', 'scan', 'container', 'genegeerd', 'onleesbaar')),
    -- Dutch reason why a file was ignored (only for 'genegeerd')
    reden TEXT,
    -- what the reader skipped or repaired in an otherwise readable file, one Dutch line each
    opmerkingen TEXT NOT NULL DEFAULT '',
    -- 1: unreadable for a passing reason (deadline, killed worker): read again on the next run
    voorbijgaand INTEGER NOT NULL DEFAULT 0
);
INSERT INTO inhoud_v2 (sha256, soort_inhoud, reden, opmerkingen)
    SELECT sha256, soort_inhoud, reden, opmerkingen FROM inhoud;
DROP TABLE inhoud;
ALTER TABLE inhoud_v2 RENAME TO inhoud;

-- A document that is not a wijkplan or begroting.
CREATE TABLE bijlagen (
    sha256 TEXT PRIMARY KEY REFERENCES inhoud (sha256),
    -- 'samenwerkingsovereenkomst' or 'bijlage'
    rol TEXT NOT NULL,
    -- the WSV the document names, if any
    wsv_naam TEXT,
    -- its title (first heading or first line)
    titel TEXT NOT NULL,
    bron TEXT NOT NULL
);

-- The members of an e-mail or zip: each is a file of its own in `bestanden`, named
-- `container » lid`; this list lets a rerun find them without opening the container again.
CREATE TABLE containerleden (
    sha256 TEXT NOT NULL REFERENCES inhoud (sha256),
    volgnummer INTEGER NOT NULL,
    -- how to find the member inside the container (attachment position, zip entry)
    lid_id TEXT NOT NULL,
    naam TEXT NOT NULL,
    -- the member's own sha256, NULL when its bytes could not be taken out
    lid_sha256 TEXT,
    PRIMARY KEY (sha256, volgnummer)
);

ALTER TABLE bestanden ADD COLUMN actief INTEGER NOT NULL DEFAULT 1;
ALTER TABLE toewijzingen ADD COLUMN rol TEXT;

ALTER TABLE begrotingen ADD COLUMN gemeente_stadsdeel TEXT;
ALTER TABLE begrotingen ADD COLUMN gemeente_stadsdeel_bron TEXT NOT NULL DEFAULT '';
ALTER TABLE begrotingen ADD COLUMN wijken TEXT;
ALTER TABLE begrotingen ADD COLUMN wijken_bron TEXT NOT NULL DEFAULT '';
ALTER TABLE begrotingen ADD COLUMN versie_datum TEXT;
ALTER TABLE begrotingen ADD COLUMN versie_datum_bron TEXT NOT NULL DEFAULT '';

-- Views: only the files of the latest run (`actief`); the same columns as version 1 plus `rol`.

CREATE VIEW v_bestanden AS
SELECT b.bestand, b.map, b.sha256, b.soort, b.grootte, t.wsv,
       COALESCE(t.status, CASE i.soort_inhoud
                              WHEN 'genegeerd' THEN 'genegeerd'
                              WHEN 'onleesbaar' THEN 'onleesbaar'
                              ELSE 'verwerkt' END) AS status,
       COALESCE(t.toelichting, i.reden, '') AS toelichting,
       COALESCE(t.actueel, 0) AS actueel,
       b.ingelezen_op,
       t.rol
FROM bestanden b
JOIN inhoud i ON i.sha256 = b.sha256
LEFT JOIN toewijzingen t ON t.bestand_id = b.id
WHERE b.actief = 1;

CREATE VIEW v_bevindingen AS
SELECT t.wsv, b.bestand, f.code, f.ernst, f.bericht, f.bron, 'bestand' AS herkomst
FROM bestandsbevindingen f
JOIN bestanden b ON b.sha256 = f.sha256
LEFT JOIN toewijzingen t ON t.bestand_id = b.id
WHERE b.actief = 1
UNION ALL
SELECT a.wsv, a.bestand, a.code, a.ernst, a.bericht, a.bron, 'audit' AS herkomst
FROM auditbevindingen a;

CREATE VIEW v_themas AS
SELECT t.wsv, b.bestand, t.actueel, th.nummer, th.naam, th.doelen, th.activiteiten, th.resultaten,
       th.middelen, th.partijen, th.bron
FROM themas th
JOIN bestanden b ON b.sha256 = th.sha256
JOIN toewijzingen t ON t.bestand_id = b.id
WHERE b.actief = 1;

CREATE VIEW v_begrotingsregels AS
SELECT t.wsv, b.bestand, t.actueel, r.volgnummer, r.post, r.thema, r.omschrijving, r.uren,
       r.tarief_cent / 100.0 AS tarief_euro, r.bedrag_cent / 100.0 AS bedrag_euro,
       r.cofinanciering_cent / 100.0 AS cofinanciering_euro, r.vacatie, r.bron
FROM begrotingsregels r
JOIN bestanden b ON b.sha256 = r.sha256
JOIN toewijzingen t ON t.bestand_id = b.id
WHERE b.actief = 1;

CREATE VIEW v_overzicht AS
WITH wsvs AS (SELECT DISTINCT wsv FROM toewijzingen WHERE wsv IS NOT NULL),
plan AS (
    SELECT t.wsv, b.bestand, w.sjabloon, w.sha256
    FROM toewijzingen t
    JOIN bestanden b ON b.id = t.bestand_id
    JOIN wijkplannen w ON w.sha256 = b.sha256
    WHERE t.actueel = 1
),
begr AS (
    SELECT t.wsv, b.bestand, g.sha256, g.totaal_opgegeven_cent
    FROM toewijzingen t
    JOIN bestanden b ON b.id = t.bestand_id
    JOIN begrotingen g ON g.sha256 = b.sha256
    WHERE t.actueel = 1
)
SELECT s.wsv,
       p.bestand AS wijkplan,
       p.sjabloon,
       (SELECT v.waarde FROM velden v WHERE v.sha256 = p.sha256 AND v.sleutel = 'versie_datum') AS versie_datum,
       g.bestand AS begroting,
       COALESCE(g.totaal_opgegeven_cent,
                (SELECT SUM(r.bedrag_cent) FROM begrotingsregels r WHERE r.sha256 = g.sha256)) / 100.0
           AS begroting_totaal_euro,
       (SELECT SUM(r.bedrag_cent) FROM begrotingsregels r WHERE r.sha256 = g.sha256) / 100.0
           AS begroting_som_regels_euro,
       pl.gemeente, pl.stadsdeel, pl.inwoners,
       pl.aandeel_uitvoeringsbudget_cent / 100.0 AS aandeel_uitvoeringsbudget_euro,
       (SELECT COUNT(*) FROM v_bevindingen f WHERE f.wsv = s.wsv) AS aantal_bevindingen
FROM wsvs s
LEFT JOIN plan p ON p.wsv = s.wsv
LEFT JOIN begr g ON g.wsv = s.wsv
LEFT JOIN plaatsingen pl ON pl.wsv = s.wsv;
