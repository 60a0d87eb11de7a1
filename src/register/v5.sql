-- Version 5 (issue 10): a wijkplan may hold its begroting as a Word table; that table is stored
-- in `begrotingen` under the plan's sha256, like a spreadsheet's. `v_overzicht` shows one
-- begroting per WSV: its spreadsheet when it sent one, else the plan's own table.

DROP VIEW IF EXISTS v_overzicht;
CREATE VIEW v_overzicht AS
WITH wsvs AS (SELECT DISTINCT wsv FROM toewijzingen WHERE wsv IS NOT NULL),
plan AS (
    SELECT t.wsv, b.bestand, w.sjabloon, w.sha256
    FROM toewijzingen t
    JOIN bestanden b ON b.id = t.bestand_id
    JOIN wijkplannen w ON w.sha256 = b.sha256
    WHERE t.actueel = 1
),
begr_alle AS (
    SELECT t.wsv, b.bestand, g.sha256, g.totaal_opgegeven_cent,
           EXISTS (SELECT 1 FROM wijkplannen w WHERE w.sha256 = g.sha256) AS in_plan
    FROM toewijzingen t
    JOIN bestanden b ON b.id = t.bestand_id
    JOIN begrotingen g ON g.sha256 = b.sha256
    WHERE t.actueel = 1
),
begr AS (
    SELECT a.wsv, a.bestand, a.sha256, a.totaal_opgegeven_cent
    FROM begr_alle a
    WHERE a.in_plan = 0
       OR NOT EXISTS (SELECT 1 FROM begr_alle s WHERE s.wsv = a.wsv AND s.in_plan = 0)
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
