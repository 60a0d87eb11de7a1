-- wijkregister register, schema version 1 (PRAGMA user_version = 1).
--
-- Views for your own queries (stable; the tables behind them may grow):
--
--   v_overzicht        one row per WSV: its current wijkplan and begroting and their key facts
--                      (wsv, wijkplan, sjabloon, versie_datum, begroting, begroting_totaal_euro,
--                      begroting_som_regels_euro, gemeente, stadsdeel, inwoners,
--                      aandeel_uitvoeringsbudget_euro, aantal_bevindingen).
--   v_bevindingen      every finding: wsv, bestand, code, ernst, bericht, bron, herkomst
--                      (herkomst 'bestand' = found while reading the file, 'audit' = found by the checks).
--   v_bestanden        every input file: bestand, map, sha256, soort, grootte, wsv, status, toelichting,
--                      actueel (1 = the WSV's current plan or begroting), ingelezen_op (UTC).
--   v_themas           section-4 themes of every assigned wijkplan: wsv, bestand, actueel, nummer, naam,
--                      doelen, activiteiten, resultaten, middelen, partijen, bron.
--   v_begrotingsregels budget lines of every assigned begroting: wsv, bestand, actueel, volgnummer, post,
--                      thema, omschrijving, uren, tarief_euro, bedrag_euro, cofinanciering_euro, vacatie, bron.
--
-- Example: SELECT wsv, code, bericht FROM v_bevindingen WHERE ernst = 'fout' ORDER BY wsv;
--
-- Conventions: money is stored as INTEGER cents (columns ending in _cent; the views show euros);
-- every extracted value has a `bron` column saying where in which file it came from; the content of
-- a file is stored once per sha256, so identical bytes under two names share it (its `bron` texts
-- name the file under which the bytes were first read).

CREATE TABLE inhoud (
    sha256 TEXT PRIMARY KEY,
    -- what the bytes gave: 'wijkplan', 'begroting', 'genegeerd' or 'onleesbaar'
    soort_inhoud TEXT NOT NULL CHECK (soort_inhoud IN ('wijkplan', 'begroting', 'genegeerd', 'onleesbaar')),
    -- Dutch reason why a file was ignored (only for 'genegeerd')
    reden TEXT,
    -- what the reader skipped or repaired in an otherwise readable file, one Dutch line each
    opmerkingen TEXT NOT NULL DEFAULT ''
);

CREATE TABLE bestanden (
    id INTEGER PRIMARY KEY,
    bestand TEXT NOT NULL,
    map TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES inhoud (sha256),
    grootte INTEGER NOT NULL,
    soort TEXT NOT NULL,
    ingelezen_op TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (bestand, sha256)
);
CREATE INDEX bestanden_sha256 ON bestanden (sha256);

CREATE TABLE wijkplannen (
    sha256 TEXT PRIMARY KEY REFERENCES inhoud (sha256),
    sjabloon TEXT NOT NULL,
    vingerafdruk TEXT NOT NULL
);

CREATE TABLE velden (
    sha256 TEXT NOT NULL REFERENCES wijkplannen (sha256),
    sleutel TEXT NOT NULL,
    waarde TEXT,
    bron TEXT NOT NULL,
    PRIMARY KEY (sha256, sleutel)
);

CREATE TABLE kerndisciplines (
    sha256 TEXT NOT NULL REFERENCES wijkplannen (sha256),
    volgnummer INTEGER NOT NULL,
    discipline TEXT NOT NULL,
    PRIMARY KEY (sha256, volgnummer)
);

CREATE TABLE secties (
    sha256 TEXT NOT NULL REFERENCES wijkplannen (sha256),
    volgnummer INTEGER NOT NULL,
    nummer INTEGER NOT NULL,
    titel TEXT NOT NULL,
    tekst TEXT NOT NULL,
    bron TEXT NOT NULL,
    PRIMARY KEY (sha256, volgnummer)
);

CREATE TABLE themas (
    sha256 TEXT NOT NULL REFERENCES wijkplannen (sha256),
    volgnummer INTEGER NOT NULL,
    nummer INTEGER NOT NULL,
    naam TEXT NOT NULL,
    doelen TEXT NOT NULL,
    activiteiten TEXT NOT NULL,
    resultaten TEXT NOT NULL,
    middelen TEXT NOT NULL,
    partijen TEXT NOT NULL,
    bron TEXT NOT NULL,
    bron_doelen TEXT NOT NULL,
    bron_activiteiten TEXT NOT NULL,
    bron_resultaten TEXT NOT NULL,
    bron_middelen TEXT NOT NULL,
    bron_partijen TEXT NOT NULL,
    PRIMARY KEY (sha256, volgnummer)
);

CREATE TABLE checklist (
    sha256 TEXT NOT NULL REFERENCES wijkplannen (sha256),
    volgnummer INTEGER NOT NULL,
    tekst TEXT NOT NULL,
    aangevinkt INTEGER NOT NULL,
    bron TEXT NOT NULL,
    PRIMARY KEY (sha256, volgnummer)
);

CREATE TABLE begrotingen (
    sha256 TEXT PRIMARY KEY REFERENCES inhoud (sha256),
    blad TEXT NOT NULL,
    wsv_naam TEXT,
    totaal_opgegeven_cent INTEGER,
    totaal_bron TEXT
);

CREATE TABLE begrotingsregels (
    sha256 TEXT NOT NULL REFERENCES begrotingen (sha256),
    volgnummer INTEGER NOT NULL,
    post TEXT NOT NULL,
    thema TEXT,
    omschrijving TEXT,
    uren REAL,
    tarief_cent INTEGER,
    bedrag_cent INTEGER NOT NULL,
    cofinanciering_cent INTEGER,
    vacatie INTEGER NOT NULL,
    bron TEXT NOT NULL,
    PRIMARY KEY (sha256, volgnummer)
);

CREATE TABLE bestandsbevindingen (
    sha256 TEXT NOT NULL REFERENCES inhoud (sha256),
    volgnummer INTEGER NOT NULL,
    code TEXT NOT NULL,
    ernst TEXT NOT NULL,
    bericht TEXT NOT NULL,
    bron TEXT NOT NULL,
    PRIMARY KEY (sha256, volgnummer)
);

-- Pairing's decisions; replaced as a whole on every pairing run.
CREATE TABLE toewijzingen (
    bestand_id INTEGER PRIMARY KEY REFERENCES bestanden (id),
    -- pairing order: older plan versions are listed in this order
    volgnummer INTEGER NOT NULL,
    wsv TEXT,
    status TEXT NOT NULL,
    toelichting TEXT NOT NULL,
    actueel INTEGER NOT NULL
);

-- The audit's results; replaced as a whole on every audit run.
CREATE TABLE plaatsingen (
    wsv TEXT PRIMARY KEY,
    gemeente TEXT,
    stadsdeel TEXT,
    inwoners INTEGER,
    aandeel_uitvoeringsbudget_cent INTEGER,
    stadsdeel_budget_cent INTEGER,
    voorbereidingsbudget_cent INTEGER
);

CREATE TABLE plaatsingswijken (
    wsv TEXT NOT NULL REFERENCES plaatsingen (wsv),
    volgnummer INTEGER NOT NULL,
    wijk TEXT NOT NULL,
    PRIMARY KEY (wsv, volgnummer)
);

CREATE TABLE stadsdelen (
    volgnummer INTEGER PRIMARY KEY,
    gemeente TEXT NOT NULL,
    stadsdeel TEXT NOT NULL,
    inwoners INTEGER NOT NULL,
    uitvoeringsbudget_cent INTEGER NOT NULL,
    inwoners_gedekt INTEGER NOT NULL,
    aangevraagd_cent INTEGER NOT NULL,
    ruimte_cent INTEGER NOT NULL,
    status TEXT NOT NULL
);

CREATE TABLE stadsdeel_wsvs (
    stadsdeel_volgnummer INTEGER NOT NULL REFERENCES stadsdelen (volgnummer),
    volgnummer INTEGER NOT NULL,
    wsv TEXT NOT NULL,
    PRIMARY KEY (stadsdeel_volgnummer, volgnummer)
);

CREATE TABLE auditbevindingen (
    volgnummer INTEGER PRIMARY KEY,
    wsv TEXT,
    bestand TEXT,
    code TEXT NOT NULL,
    ernst TEXT NOT NULL,
    bericht TEXT NOT NULL,
    bron TEXT NOT NULL
);

CREATE VIEW v_bestanden AS
SELECT b.bestand, b.map, b.sha256, b.soort, b.grootte, t.wsv,
       COALESCE(t.status, CASE i.soort_inhoud
                              WHEN 'genegeerd' THEN 'genegeerd'
                              WHEN 'onleesbaar' THEN 'onleesbaar'
                              ELSE 'verwerkt' END) AS status,
       COALESCE(t.toelichting, i.reden, '') AS toelichting,
       COALESCE(t.actueel, 0) AS actueel,
       b.ingelezen_op
FROM bestanden b
JOIN inhoud i ON i.sha256 = b.sha256
LEFT JOIN toewijzingen t ON t.bestand_id = b.id;

CREATE VIEW v_bevindingen AS
SELECT t.wsv, b.bestand, f.code, f.ernst, f.bericht, f.bron, 'bestand' AS herkomst
FROM bestandsbevindingen f
JOIN bestanden b ON b.sha256 = f.sha256
LEFT JOIN toewijzingen t ON t.bestand_id = b.id
UNION ALL
SELECT a.wsv, a.bestand, a.code, a.ernst, a.bericht, a.bron, 'audit' AS herkomst
FROM auditbevindingen a;

CREATE VIEW v_themas AS
SELECT t.wsv, b.bestand, t.actueel, th.nummer, th.naam, th.doelen, th.activiteiten, th.resultaten,
       th.middelen, th.partijen, th.bron
FROM themas th
JOIN bestanden b ON b.sha256 = th.sha256
JOIN toewijzingen t ON t.bestand_id = b.id;

CREATE VIEW v_begrotingsregels AS
SELECT t.wsv, b.bestand, t.actueel, r.volgnummer, r.post, r.thema, r.omschrijving, r.uren,
       r.tarief_cent / 100.0 AS tarief_euro, r.bedrag_cent / 100.0 AS bedrag_euro,
       r.cofinanciering_cent / 100.0 AS cofinanciering_euro, r.vacatie, r.bron
FROM begrotingsregels r
JOIN bestanden b ON b.sha256 = r.sha256
JOIN toewijzingen t ON t.bestand_id = b.id;

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
