-- Schema version 7 (issue 11): the technical detail behind a Dutch reason.
--
--   * inhoud.technisch: what the reader libraries said in their own (English) words when they
--     refused or repaired something in the file (a panic's text, "Invalid checksum", lopdf's xref
--     error), one message per line; '' when they said nothing. The Dutch reason stays in the
--     finding and in `opmerkingen`; this column is for whoever investigates a refused file, so it
--     need not be read again to learn what the library said. Also shown by `-v`.

ALTER TABLE inhoud ADD COLUMN technisch TEXT NOT NULL DEFAULT '';
