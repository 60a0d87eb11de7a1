-- Schema version 6 (issue 14): views over the current files only, each `bron` pointing at the
-- file itself, and the overview with its status and ruimte.
--
--   * A `dubbel` file (same content under another name) and a `vervangen` one (an older version)
--     are no longer in v_begrotingsregels, v_themas and v_bevindingen: a plain SUM over
--     v_begrotingsregels counts each begroting once. The column `actueel` stays (now always 1)
--     so queries that filtered on it keep working.
--   * Content is stored once per sha256 with the `bron` texts of the name it was first read
--     under; the views rebase them onto the current file's name (as the snapshot does in Rust,
--     register/load.rs `rebase_provenance`), so a begroting never shows its copy's name.
--   * `wsv_status`: per WSV the status and ruimte of the latest run, exactly as overzicht.csv has
--     them (written from the same snapshot), so v_overzicht can show them.

DROP VIEW IF EXISTS v_overzicht;
DROP VIEW IF EXISTS v_begrotingsregels;
DROP VIEW IF EXISTS v_themas;
DROP VIEW IF EXISTS v_bevindingen;

CREATE TABLE wsv_status (
    wsv TEXT PRIMARY KEY,
    -- akkoord, aandacht or afgekeurd
    status TEXT NOT NULL,
    -- aandeel_uitvoeringsbudget − begroting_totaal, NULL when either is unknown
    ruimte_cent INTEGER
);

-- The name each file goes by in `bron` texts (intake::bron_naam: the base name, for a member of a
-- container the container's base name, ' » ' and the member's name) and the name its content's
-- stored `bron` texts use (that of the first file with the same sha256).
-- `rtrim(x, replace(x, '/', ''))` keeps x up to its last '/': its length is where the base name
-- starts.
CREATE VIEW v_bronnamen AS
WITH namen AS (
    SELECT id, sha256, bestand,
           CASE WHEN instr(bestand, ' » ') > 0 THEN substr(bestand, 1, instr(bestand, ' » ') - 1)
                ELSE bestand END AS buiten
    FROM bestanden
),
basis AS (
    SELECT id, sha256, bestand,
           substr(bestand, length(rtrim(buiten, replace(buiten, '/', ''))) + 1) AS bron_naam
    FROM namen
)
SELECT b.id, b.sha256, b.bestand, b.bron_naam, e.bron_naam AS opgeslagen_naam
FROM basis b
JOIN basis e ON e.id = (SELECT MIN(x.id) FROM bestanden x WHERE x.sha256 = b.sha256);

-- The current files: active in the latest run and assigned as the WSV's current version.
CREATE VIEW v_actuele_bestanden AS
SELECT b.id, b.bestand, b.sha256, t.wsv, n.bron_naam, n.opgeslagen_naam
FROM bestanden b
JOIN toewijzingen t ON t.bestand_id = b.id
JOIN v_bronnamen n ON n.id = b.id
WHERE b.actief = 1 AND t.actueel = 1 AND t.status NOT IN ('dubbel', 'vervangen');

-- The begroting of each WSV among the current files: its spreadsheet(s), or, when it sent none,
-- the budget table in its plan (schema v5 stores that under the plan's sha256). Without this, a
-- WSV with both would count its lines twice.
CREATE VIEW v_actuele_begrotingen AS
WITH alle AS (
    SELECT a.*, EXISTS (SELECT 1 FROM wijkplannen w WHERE w.sha256 = a.sha256) AS in_plan
    FROM v_actuele_bestanden a
    JOIN begrotingen g ON g.sha256 = a.sha256
)
SELECT x.id, x.bestand, x.sha256, x.wsv, x.bron_naam, x.opgeslagen_naam, x.in_plan
FROM alle x
WHERE x.in_plan = 0
   OR NOT EXISTS (SELECT 1 FROM alle s WHERE s.wsv IS x.wsv AND s.in_plan = 0);

CREATE VIEW v_begrotingsregels AS
SELECT a.wsv, a.bestand, 1 AS actueel, r.volgnummer, r.post, r.thema, r.omschrijving, r.uren,
       r.tarief_cent / 100.0 AS tarief_euro, r.bedrag_cent / 100.0 AS bedrag_euro,
       r.cofinanciering_cent / 100.0 AS cofinanciering_euro, r.vacatie,
       CASE WHEN a.opgeslagen_naam <> a.bron_naam
                 AND substr(r.bron, 1, length(a.opgeslagen_naam)) = a.opgeslagen_naam
                 AND (length(r.bron) = length(a.opgeslagen_naam)
                      OR substr(r.bron, length(a.opgeslagen_naam) + 1, 1) = ' ')
            THEN a.bron_naam || substr(r.bron, length(a.opgeslagen_naam) + 1)
            ELSE r.bron END AS bron,
       r.jaren, r.cofinanciering_uren,
       CASE WHEN r.tarief_bron IS NOT NULL AND a.opgeslagen_naam <> a.bron_naam
                 AND substr(r.tarief_bron, 1, length(a.opgeslagen_naam)) = a.opgeslagen_naam
                 AND substr(r.tarief_bron, length(a.opgeslagen_naam) + 1, 1) = ' '
            THEN a.bron_naam || substr(r.tarief_bron, length(a.opgeslagen_naam) + 1)
            ELSE r.tarief_bron END AS tarief_bron,
       r.buiten_totaal
FROM begrotingsregels r
JOIN v_actuele_begrotingen a ON a.sha256 = r.sha256;

CREATE VIEW v_themas AS
SELECT a.wsv, a.bestand, 1 AS actueel, th.nummer, th.naam, th.doelen, th.activiteiten,
       th.resultaten, th.middelen, th.partijen,
       CASE WHEN a.opgeslagen_naam <> a.bron_naam
                 AND substr(th.bron, 1, length(a.opgeslagen_naam)) = a.opgeslagen_naam
                 AND (length(th.bron) = length(a.opgeslagen_naam)
                      OR substr(th.bron, length(a.opgeslagen_naam) + 1, 1) = ' ')
            THEN a.bron_naam || substr(th.bron, length(a.opgeslagen_naam) + 1)
            ELSE th.bron END AS bron
FROM themas th
JOIN v_actuele_bestanden a ON a.sha256 = th.sha256;

-- File findings of the active files that are not a copy or an older version (files without a
-- WSV, such as an unreadable one, stay: their findings are regional), then the audit's.
CREATE VIEW v_bevindingen AS
SELECT t.wsv, b.bestand, f.code, f.ernst, f.bericht,
       CASE WHEN n.opgeslagen_naam <> n.bron_naam
                 AND substr(f.bron, 1, length(n.opgeslagen_naam)) = n.opgeslagen_naam
                 AND (length(f.bron) = length(n.opgeslagen_naam)
                      OR substr(f.bron, length(n.opgeslagen_naam) + 1, 1) = ' ')
            THEN n.bron_naam || substr(f.bron, length(n.opgeslagen_naam) + 1)
            ELSE f.bron END AS bron,
       'bestand' AS herkomst
FROM bestandsbevindingen f
JOIN bestanden b ON b.sha256 = f.sha256
JOIN v_bronnamen n ON n.id = b.id
LEFT JOIN toewijzingen t ON t.bestand_id = b.id
WHERE b.actief = 1 AND COALESCE(t.status, '') NOT IN ('dubbel', 'vervangen')
UNION ALL
SELECT a.wsv, a.bestand, a.code, a.ernst, a.bericht, a.bron, 'audit' AS herkomst
FROM auditbevindingen a;

-- One row per WSV of the latest run, ordered by name (case-insensitive, as overzicht.csv).
CREATE VIEW v_overzicht AS
WITH wsvs AS (
    SELECT DISTINCT t.wsv FROM toewijzingen t JOIN bestanden b ON b.id = t.bestand_id
    WHERE t.wsv IS NOT NULL AND b.actief = 1
),
plan AS (
    SELECT a.wsv, a.bestand, w.sjabloon, w.sha256
    FROM v_actuele_bestanden a
    JOIN wijkplannen w ON w.sha256 = a.sha256
),
begr AS (
    SELECT a.wsv, a.bestand, g.sha256, g.totaal_opgegeven_cent
    FROM v_actuele_begrotingen a
    JOIN begrotingen g ON g.sha256 = a.sha256
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
       (SELECT COUNT(*) FROM v_bevindingen f WHERE f.wsv = s.wsv) AS aantal_bevindingen,
       st.ruimte_cent / 100.0 AS ruimte_euro,
       st.status
FROM wsvs s
LEFT JOIN plan p ON p.wsv = s.wsv
LEFT JOIN begr g ON g.wsv = s.wsv
LEFT JOIN plaatsingen pl ON pl.wsv = s.wsv
LEFT JOIN wsv_status st ON st.wsv = s.wsv
ORDER BY lower(s.wsv), s.wsv;
