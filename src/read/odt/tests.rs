//! One test per ODF feature; every package is built in the test, the XML written the way
//! LibreOffice writes it (namespaces on the root, automatic styles before the body).

use std::io::Write;

use super::*;
use crate::model::{Block, Cell, Heading, Paragraph, Table};

const NS: &str = concat!(
    r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
    r#"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#,
    r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#,
    r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
    r#"xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" "#,
    r#"xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" "#,
    r#"xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" "#,
    r#"xmlns:dc="http://purl.org/dc/elements/1.1/" "#,
    r#"xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0""#,
);

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

fn content(auto_styles: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.3"><office:automatic-styles>{auto_styles}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    )
}

fn package(content_xml: &str, styles_xml: Option<&str>) -> Vec<u8> {
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content_xml.as_bytes()),
    ];
    if let Some(s) = styles_xml {
        entries.push(("styles.xml", s.as_bytes()));
    }
    zip(&entries)
}

fn odt(body: &str) -> Document {
    read_odt(&package(&content("", body), None)).unwrap()
}

fn odt_styled(auto_styles: &str, body: &str) -> Document {
    read_odt(&package(&content(auto_styles, body), None)).unwrap()
}

fn para(b: &Block) -> &Paragraph {
    match b {
        Block::Paragraph(p) => p,
        other => panic!("geen alinea: {other:?}"),
    }
}

fn heading(b: &Block) -> &Heading {
    match b {
        Block::Heading(h) => h,
        other => panic!("geen kop: {other:?}"),
    }
}

fn table(b: &Block) -> &Table {
    match b {
        Block::Table(t) => t,
        other => panic!("geen tabel: {other:?}"),
    }
}

fn texts(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text.clone(),
            Block::Heading(h) => format!("# {}", h.text),
            Block::Table(_) => "<tabel>".into(),
        })
        .collect()
}

fn cell_at(t: &Table, row: usize, col: usize) -> &Cell {
    t.rows[row]
        .cells
        .iter()
        .find(|c| c.col == col)
        .unwrap_or_else(|| panic!("geen cel in rij {row} kolom {col}: {:?}", t.rows[row]))
}

#[test]
fn headings_keep_their_outline_level_and_typed_number() {
    let doc = odt(
        r#"<text:h text:style-name="Heading_20_1" text:outline-level="1">4. Thema’s, activiteiten en projecten</text:h><text:h text:outline-level="2">Doelen</text:h><text:p>gewone tekst</text:p>"#,
    );
    let h = heading(&doc.blocks[0]);
    assert_eq!(
        (h.level, h.number.as_deref(), h.text.as_str()),
        (1, Some("4"), "Thema’s, activiteiten en projecten")
    );
    let h2 = heading(&doc.blocks[1]);
    assert_eq!(
        (h2.level, h2.number.as_deref(), h2.text.as_str()),
        (2, None, "Doelen")
    );
    assert_eq!(para(&doc.blocks[2]).text, "gewone tekst");
}

#[test]
fn headings_in_numbered_lists_get_the_number_libreoffice_shows() {
    // As LibreOffice saves a Word plan whose headings are auto-numbered: each heading in its own
    // list of one style, the later ones continuing the numbering.
    let styles = r#"<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/><text:list-level-style-number text:level="2" style:num-suffix="." style:num-format="a"/></text:list-style>"#;
    let body = r#"<text:list text:style-name="L1"><text:list-item><text:h text:outline-level="1">Algemene gegevens</text:h></text:list-item></text:list><text:p>tekst</text:p><text:list text:continue-numbering="true" text:style-name="L1"><text:list-item><text:h text:outline-level="1">Huidige situatie</text:h></text:list-item></text:list><text:list text:continue-numbering="true" text:style-name="L1"><text:list-item><text:h text:outline-level="1">Ambitie</text:h></text:list-item></text:list>"#;
    let doc = odt_styled(styles, body);
    let numbers: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some((h.number.clone(), h.text.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        numbers,
        vec![
            (Some("1".into()), "Algemene gegevens".into()),
            (Some("2".into()), "Huidige situatie".into()),
            (Some("3".into()), "Ambitie".into()),
        ]
    );
    // A new list of the same style that does not continue starts again at 1.
    let restart = odt_styled(
        styles,
        r#"<text:list text:style-name="L1"><text:list-item><text:h>Een</text:h></text:list-item></text:list><text:list text:style-name="L1"><text:list-item><text:h>Weer een</text:h></text:list-item></text:list>"#,
    );
    assert_eq!(heading(&restart.blocks[1]).number.as_deref(), Some("1"));
}

#[test]
fn heading_number_from_the_outline_style_or_stored_text_number() {
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles "#.to_string()
        + NS
        + r#"><office:styles><text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="."/><text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/></text:outline-style></office:styles></office:document-styles>"#;
    let body = r#"<text:h text:outline-level="1">Algemene gegevens</text:h><text:h text:outline-level="2">Kernteam</text:h><text:h text:outline-level="1">Huidige situatie</text:h><text:h text:outline-level="1"><text:number>7.</text:number>Begroting</text:h>"#;
    let doc = read_odt(&package(&content("", body), Some(&styles))).unwrap();
    let got: Vec<_> = doc
        .blocks
        .iter()
        .map(|b| {
            let h = heading(b);
            (
                h.level,
                h.number.clone().unwrap_or_default(),
                h.text.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (1, "1".into(), "Algemene gegevens".into()),
            (2, "1.1".into(), "Kernteam".into()),
            (1, "2".into(), "Huidige situatie".into()),
            (1, "7".into(), "Begroting".into()),
        ]
    );
}

#[test]
fn table_spans_give_grid_columns_and_merged_cells_once() {
    // Row 1: a cell spanning columns 1–2, then a cell spanning rows 1–2 in column 3.
    let body = r#"<table:table><table:table-column table:number-columns-repeated="3"/>
        <table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>AB</text:p></table:table-cell><table:covered-table-cell/><table:table-cell table:number-rows-spanned="2"><text:p>C</text:p></table:table-cell></table:table-row>
        <table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:table-cell><text:p>b</text:p></table:table-cell><table:covered-table-cell><text:p>verborgen</text:p></table:covered-table-cell></table:table-row>
        </table:table>"#;
    let doc = odt(body);
    let t = table(&doc.blocks[0]);
    assert_eq!(t.rows.len(), 2);
    let ab = cell_at(t, 0, 0);
    assert_eq!((ab.text(), ab.col_span, ab.row_span), ("AB".into(), 2, 1));
    let c = cell_at(t, 0, 2);
    assert_eq!((c.text(), c.col_span, c.row_span), ("C".into(), 1, 2));
    assert_eq!(cell_at(t, 1, 1).text(), "b");
    // The covered cell is no cell of its own, and its hidden text is not read.
    assert_eq!(t.rows[1].cells.len(), 2);
    assert!(!format!("{doc:?}").contains("verborgen"));
}

#[test]
fn repeated_rows_and_cells_are_copied_within_the_cap() {
    let body = r#"<table:table><table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
    let doc = odt(body);
    let t = table(&doc.blocks[0]);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(
        t.rows[1].cells.iter().map(|c| c.col).collect::<Vec<_>>(),
        vec![0, 1]
    );
    let huge = odt(
        r#"<table:table><table:table-row table:number-rows-repeated="1000000000"><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#,
    );
    assert_eq!(table(&huge.blocks[0]).rows.len(), 1000);
    assert!(
        huge.notes.iter().any(|n| n.contains("1000")),
        "{:?}",
        huge.notes
    );
}

#[test]
fn list_paragraphs_are_list_items_and_nested_lists_count_per_level() {
    let styles = r#"<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>"#;
    let doc = odt_styled(
        styles,
        r#"<text:p>Doelen:</text:p><text:list text:style-name="L2"><text:list-item><text:p>eerste</text:p></text:list-item><text:list-item><text:p>tweede</text:p><text:list><text:list-item><text:p>genest</text:p></text:list-item></text:list></text:list-item></text:list><text:p>na de lijst</text:p>"#,
    );
    let got: Vec<_> = doc
        .blocks
        .iter()
        .map(|b| {
            let p = para(b);
            (p.text.as_str(), p.list_item)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Doelen:", false),
            ("eerste", true),
            ("tweede", true),
            ("genest", true),
            ("na de lijst", false),
        ]
    );
}

#[test]
fn text_boxes_count_once_and_follow_their_anchor() {
    // A frame with two representations of one text box (ODF allows alternatives; the first
    // supported one is the object), and a Word text box as LibreOffice writes it: a shape with
    // its text inside.
    let body = r#"<text:p>Anker<draw:frame draw:name="Kader1"><draw:text-box><text:p>Voorbeeld: tekst in een kader.</text:p></draw:text-box><draw:text-box><text:p>Voorbeeld: tekst in een kader.</text:p></draw:text-box><svg:title>alternatieve tekst</svg:title></draw:frame></text:p><text:p><draw:custom-shape draw:name="Tekstvak 1"><text:p>Voorbeeld: in een vorm.</text:p><draw:enhanced-geometry draw:type="ooxml-rect"/></draw:custom-shape></text:p><text:p>Daarna.</text:p>"#;
    let doc = odt(body);
    assert_eq!(
        texts(&doc),
        vec![
            "Anker",
            "Voorbeeld: tekst in een kader.",
            "Voorbeeld: in een vorm.",
            "Daarna."
        ]
    );
    assert!(!para(&doc.blocks[0]).in_text_box);
    assert!(para(&doc.blocks[1]).in_text_box);
    assert!(para(&doc.blocks[2]).in_text_box);
    assert!(!para(&doc.blocks[3]).in_text_box);
    // An image as the frame's first representation: the text-box alternative is not read.
    let img = odt(
        r#"<text:p>A<draw:frame><draw:image><office:binary-data>iVBORw0KGgo=</office:binary-data></draw:image><draw:text-box><text:p>alternatief</text:p></draw:text-box></draw:frame></text:p>"#,
    );
    assert_eq!(texts(&img), vec!["A"]);
}

#[test]
fn tracked_deletions_are_left_out_and_insertions_kept() {
    let body = r#"<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Joost</dc:creator><dc:date>2025-05-12T10:14:00</dc:date></office:change-info><text:p> (sinds 2019)</text:p></text:deletion></text:changed-region><text:changed-region text:id="ct2"><text:insertion><office:change-info><dc:creator>Joost</dc:creator></office:change-info></text:insertion></text:changed-region></text:tracked-changes>
        <text:p>We werken <text:change-start text:change-id="ct2"/>al jaren <text:change-end text:change-id="ct2"/>samen<text:change text:change-id="ct1"/>.</text:p>"#;
    let doc = odt(body);
    assert_eq!(texts(&doc), vec!["We werken al jaren samen."]);
    assert!(
        doc.notes
            .iter()
            .any(|n| n.contains("bijgehouden wijzigingen")),
        "{:?}",
        doc.notes
    );
    assert!(!format!("{doc:?}").contains("Joost"));
}

#[test]
fn fields_give_their_result_and_prompts_notes_comments_are_apart() {
    let body = r#"<text:p>Gemeente: <text:text-input text:description="">Den Haag, stadsdeel Laak&#x0d;</text:text-input></text:p>
        <text:p>Datum: <text:date text:date-value="2025-05-14">14 mei 2025</text:date>, zie <text:bookmark-ref text:reference-format="text" text:ref-name="b">hoofdstuk 7</text:bookmark-ref></text:p>
        <text:p>Naam: <text:placeholder text:placeholder-type="text">&lt;naam&gt;</text:placeholder></text:p>
        <text:p>Tekst<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>voetnoot</text:p></text:note-body></text:note> met noot<office:annotation><dc:creator>X</dc:creator><text:p>opmerking</text:p></office:annotation>.</text:p>
        <text:p>Wijk/WSV: <loext:content-control loext:showing-place-holder="true">Klik of tik om tekst in te voeren.</loext:content-control></text:p>"#;
    let doc = odt(body);
    assert_eq!(
        texts(&doc),
        vec![
            "Gemeente: Den Haag, stadsdeel Laak",
            "Datum: 14 mei 2025, zie hoofdstuk 7",
            "Naam:",
            "Tekst[1] met noot.",
            "Wijk/WSV:",
        ]
    );
    // The footnote's body and the comment (without its author) are notes, not blocks.
    let got: Vec<(AantekeningSoort, usize, &str)> = doc
        .aantekeningen
        .iter()
        .map(|a| (a.soort, a.nummer, a.tekst.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (AantekeningSoort::Voetnoot, 1, "voetnoot"),
            (AantekeningSoort::Opmerking, 1, "opmerking"),
        ]
    );
}

#[test]
fn white_space_collapses_and_explicit_spaces_tabs_breaks_stay() {
    let doc = odt(
        "<text:p>  een \n   twee<text:s text:c=\"2\"/>drie<text:tab/>vier<text:line-break/>vijf\u{ad}zes 16\u{2011}23</text:p>",
    );
    assert_eq!(
        para(&doc.blocks[0]).text,
        "een twee  drie\tvier\nvijfzes 16-23"
    );
}

#[test]
fn checkbox_controls_give_the_state_without_the_glyph() {
    let body = r#"<text:p><loext:content-control loext:checkbox="true" loext:checked="true" loext:checked-state="☒" loext:unchecked-state="☐">☒</loext:content-control> Thema’s uitgewerkt</text:p><text:p><loext:content-control loext:checkbox="true" loext:checked-state="☒" loext:unchecked-state="☐">☐</loext:content-control> Begroting bijgevoegd</text:p><text:p>☒ getypt vinkje</text:p>"#;
    let doc = odt(body);
    let got: Vec<_> = doc
        .blocks
        .iter()
        .map(|b| {
            let p = para(b);
            (p.checkbox, p.text.as_str())
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(true), "Thema’s uitgewerkt"),
            (Some(false), "Begroting bijgevoegd"),
            (Some(true), "getypt vinkje"),
        ]
    );
}

#[test]
fn bold_numbered_paragraphs_become_headings_when_there_are_none() {
    // Bold through a paragraph style's parent and through a span style.
    let styles = r#"<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Vet"/><style:style style:name="Vet" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="700"/></style:style>"#;
    let doc = odt_styled(
        styles,
        r#"<text:p text:style-name="P1">1. Algemene gegevens</text:p><text:p><text:span text:style-name="T1">2. Huidige situatie</text:span></text:p><text:p>3. niet vet</text:p>"#,
    );
    let h = heading(&doc.blocks[0]);
    assert_eq!(
        (h.number.as_deref(), h.text.as_str()),
        (Some("1"), "Algemene gegevens")
    );
    assert_eq!(heading(&doc.blocks[1]).number.as_deref(), Some("2"));
    assert!(matches!(doc.blocks[2], Block::Paragraph(_)));
}

#[test]
fn table_of_contents_is_not_content() {
    let doc = odt(
        r#"<text:table-of-content text:name="Inhoud"><text:index-body><text:p>1. Algemene gegevens<text:tab/>2</text:p></text:index-body></text:table-of-content><text:p>Begin</text:p>"#,
    );
    assert_eq!(texts(&doc), vec!["Begin"]);
}

#[test]
fn hostile_and_broken_packages_fail_with_a_dutch_reason() {
    // Billion laughs: refused at the DOCTYPE, nothing expanded.
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:text>&lol2;</office:text></office:body></office:document-content>"#;
    match read_odt(&package(laughs, None)) {
        Err(ReadError::Hostile(m)) => assert!(m.contains("DOCTYPE"), "{m}"),
        other => panic!("{other:?}"),
    }
    // Deep nesting: refused at the depth limit, no stack overflow.
    let deep = content(
        "",
        &format!(
            "{}{}",
            "<text:span>".repeat(100_000),
            "</text:span>".repeat(100_000)
        ),
    );
    match read_odt(&package(&deep, None)) {
        Err(ReadError::Hostile(m)) => assert!(m.contains("niveaus"), "{m}"),
        other => panic!("{other:?}"),
    }
    // Zip bomb: content.xml inflates past the cap.
    let big = content("", &"<text:p>aaaaaaaaaa</text:p>".repeat(10_000));
    match read_odt_capped(&package(&big, None), 64 * 1024) {
        Err(ReadError::TooLarge { wat, .. }) => assert!(wat.contains("content.xml"), "{wat}"),
        other => panic!("{other:?}"),
    }
    // Cut off inside the body: an error, never half a plan.
    let cut = content("", "<text:p>tekst</text:p>");
    let cut = &cut[..cut.len() - 40];
    assert!(matches!(
        read_odt(&package(cut, None)),
        Err(ReadError::Corrupt { .. })
    ));
    // A password-protected document says so.
    let encrypted = zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("META-INF/manifest.xml", br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>"#),
        ("content.xml", b"\x8f\x00\x12ciphertext"),
    ]);
    assert_eq!(read_odt(&encrypted).err(), Some(ReadError::Encrypted));
    // A spreadsheet given as a text document.
    let ods = zip(&[(
        "mimetype",
        b"application/vnd.oasis.opendocument.spreadsheet",
    )]);
    match read_odt(&ods) {
        Err(ReadError::Corrupt { detail, .. }) => assert!(detail.contains("rekenblad"), "{detail}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        read_odt(b"geen zip"),
        Err(ReadError::Corrupt { .. })
    ));
}

#[test]
fn deeply_nested_tables_are_refused() {
    let mut body = String::new();
    for _ in 0..40 {
        body.push_str("<table:table><table:table-row><table:table-cell>");
    }
    for _ in 0..40 {
        body.push_str("</table:table-cell></table:table-row></table:table>");
    }
    match read_odt(&package(&content("", &body), None)) {
        Err(ReadError::Hostile(m)) => assert!(m.contains("genest"), "{m}"),
        other => panic!("{other:?}"),
    }
}
