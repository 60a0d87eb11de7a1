//! One test per behaviour; every package is built in the test, the XML written the way Word or
//! LibreOffice writes it.

use std::io::Write;

use super::*;
use crate::model::{Cell, Paragraph, Table};

const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="w14 wp14""#
);

const CT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

fn zip_parts(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opt = zip::write::SimpleFileOptions::default();
    for (name, body) in parts {
        w.start_file(*name, opt).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

fn styles_xml(styles: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}>{styles}</w:styles>"#
    )
}

fn numbering_xml(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>{inner}</w:numbering>"#
    )
}

/// A package with document.xml and optional styles.xml / numbering.xml.
fn package(body: &str, styles: Option<&str>, numbering: Option<&str>) -> Vec<u8> {
    let doc = document_xml(body);
    let mut parts = vec![
        ("[Content_Types].xml", CT.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
        ("word/document.xml", doc),
    ];
    if let Some(s) = styles {
        parts.push(("word/styles.xml", styles_xml(s)));
    }
    if let Some(n) = numbering {
        parts.push(("word/numbering.xml", numbering_xml(n)));
    }
    let refs: Vec<(&str, &str)> = parts.iter().map(|(n, b)| (*n, b.as_str())).collect();
    zip_parts(&refs)
}

fn read(body: &str) -> Document {
    read_docx(&package(body, None, None)).unwrap()
}

fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn para(b: &Block) -> &Paragraph {
    match b {
        Block::Paragraph(p) => p,
        other => panic!("expected paragraph, got {other:?}"),
    }
}

fn heading(b: &Block) -> &Heading {
    match b {
        Block::Heading(h) => h,
        other => panic!("expected heading, got {other:?}"),
    }
}

fn table(b: &Block) -> &Table {
    match b {
        Block::Table(t) => t,
        other => panic!("expected table, got {other:?}"),
    }
}

fn texts(d: &Document) -> Vec<String> {
    d.blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text.clone(),
            Block::Heading(h) => h.text.clone(),
            Block::Table(_) => "<table>".into(),
        })
        .collect()
}

#[test]
fn split_runs_are_joined() {
    let d = read(
        r#"<w:p w:rsidR="00A1" w:rsidRDefault="00B2"><w:r w:rsidRPr="00C3"><w:t>Wijk</w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:r w:rsidR="00D4"><w:t>samenwerkings</w:t></w:r><w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">verband Escamp</w:t></w:r></w:p>"#,
    );
    assert_eq!(texts(&d), vec!["Wijksamenwerkingsverband Escamp"]);
    assert_eq!(
        para(&d.blocks[0]).loc,
        Loc {
            page: None,
            index: 0
        }
    );
}

#[test]
fn placeholder_content_control_is_empty() {
    let d = read(
        r#"<w:p><w:r><w:t xml:space="preserve">Wijk/WSV: </w:t></w:r><w:sdt><w:sdtPr><w:id w:val="1"/><w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val="Tekstvantijdelijkeaanduiding"/></w:rPr><w:t>Klik of tik om tekst in te voeren.</w:t></w:r></w:sdtContent></w:sdt></w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Klik of tik om tekst in te voeren.</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
    );
    assert_eq!(texts(&d), vec!["Wijk/WSV:"]);
}

#[test]
fn run_level_content_control_text_is_kept() {
    let d = read(
        r#"<w:p><w:r><w:t xml:space="preserve">Gemeente: </w:t></w:r><w:sdt><w:sdtPr><w:alias w:val="Gemeente"/><w:id w:val="7"/></w:sdtPr><w:sdtContent><w:r><w:t>Rijswijk</w:t></w:r></w:sdtContent></w:sdt></w:p>"#,
    );
    assert_eq!(texts(&d), vec!["Gemeente: Rijswijk"]);
}

#[test]
fn block_row_and_cell_level_content_controls_are_read() {
    let d = read(
        r#"<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Blok</w:t></w:r></w:p></w:sdtContent></w:sdt><w:tbl><w:sdt><w:sdtPr/><w:sdtContent><w:tr><w:tc><w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Cel</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>"#,
    );
    assert_eq!(texts(&d), vec!["Blok", "<table>"]);
    assert_eq!(table(&d.blocks[1]).rows[0].cells[0].text(), "Cel");
}

const TEXT_BOX_AC: &str = r#"<w:p><w:r><w:t>Anker</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>[Beschrijf de huidige situatie]</w:t></w:r></w:p><w:p><w:r><w:t>Voorbeeld: de wijk telt veel ouderen.</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>[Beschrijf de huidige situatie]</w:t></w:r></w:p><w:p><w:r><w:t>Voorbeeld: de wijk telt veel ouderen.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> tekst</w:t></w:r></w:p>"#;

#[test]
fn text_box_text_counts_once_after_its_anchor() {
    let d = read(&(TEXT_BOX_AC.to_string() + &p("Daarna")));
    assert_eq!(
        texts(&d),
        vec![
            "Anker tekst",
            "[Beschrijf de huidige situatie]",
            "Voorbeeld: de wijk telt veel ouderen.",
            "Daarna"
        ]
    );
    let flags: Vec<bool> = d.blocks.iter().map(|b| para(b).in_text_box).collect();
    assert_eq!(flags, vec![false, true, true, false]);
    let idx: Vec<usize> = d.blocks.iter().map(|b| para(b).loc.index).collect();
    assert_eq!(idx, vec![0, 1, 2, 3]);
}

#[test]
fn vml_only_text_box_is_read() {
    let d = read(
        r#"<w:p><w:r><w:pict><v:shape id="Tekstvak 2" style="width:200pt;height:50pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>Instructie in VML</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"#,
    );
    assert_eq!(texts(&d), vec!["Instructie in VML"]);
    assert!(para(&d.blocks[0]).in_text_box);
}

#[test]
fn deleted_text_is_dropped_and_inserted_text_kept() {
    let d = read(
        r#"<w:p><w:r><w:t xml:space="preserve">We werken </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve">niet </w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">nauw </w:t></w:r></w:ins><w:r><w:t>samen</w:t></w:r></w:p>"#,
    );
    assert_eq!(texts(&d), vec!["We werken nauw samen"]);
    assert!(d
        .notes
        .iter()
        .any(|n| n.contains("bijgehouden wijzigingen")));
}

#[test]
fn move_from_is_dropped_and_move_to_kept() {
    let d = read(
        r#"<w:p><w:moveFrom w:id="1" w:author="A"><w:r><w:t>Verplaatst</w:t></w:r></w:moveFrom><w:r><w:t>Blijft</w:t></w:r></w:p><w:p><w:moveTo w:id="2" w:author="A"><w:r><w:t>Verplaatst</w:t></w:r></w:moveTo></w:p>"#,
    );
    assert_eq!(texts(&d), vec!["Blijft", "Verplaatst"]);
}

#[test]
fn deleted_paragraph_mark_merges_with_next_paragraph() {
    let d = read(
        r#"<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Eerste deel </w:t></w:r></w:p><w:p><w:r><w:t>en tweede deel</w:t></w:r></w:p>"#,
    );
    assert_eq!(texts(&d), vec!["Eerste deel en tweede deel"]);
}

#[test]
fn tab_break_symbol_and_hyphens() {
    let d = read(
        r#"<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>e</w:t><w:noBreakHyphen/><w:t>mail</w:t><w:softHyphen/><w:t>adres</w:t><w:sym w:font="Symbol" w:char="0041"/></w:r></w:p><w:p><w:r><w:sym w:font="Wingdings" w:char="F0FE"/><w:t xml:space="preserve"> gedaan</w:t></w:r></w:p><w:p><w:r><w:sym w:font="Wingdings" w:char="F0A8"/><w:t xml:space="preserve"> open</w:t></w:r></w:p><w:p><w:r><w:sym w:font="Wingdings" w:char="F04A"/></w:r></w:p>"#,
    );
    // Symbol 0x41 shows Greek capital alpha, Wingdings 0x4A a smiling face: the characters a
    // reader sees in Word, not the font's code points.
    assert_eq!(
        texts(&d),
        vec!["a\tb\nc\ne-mailadresΑ", "gedaan", "open", "☺"]
    );
    assert_eq!(para(&d.blocks[1]).checkbox, Some(true));
    assert_eq!(para(&d.blocks[2]).checkbox, Some(false));
}

#[test]
fn tab_stops_in_paragraph_properties_are_not_text() {
    let d = read(
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#,
    );
    assert_eq!(texts(&d), vec!["x"]);
}

#[test]
fn hyperlink_text_is_kept() {
    let d = read(
        r#"<w:p><w:r><w:t xml:space="preserve">Zie </w:t></w:r><w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>haaglandengezonder.nl</w:t></w:r></w:hyperlink></w:p>"#,
    );
    assert_eq!(texts(&d), vec!["Zie haaglandengezonder.nl"]);
}

#[test]
fn field_code_is_dropped_and_result_kept() {
    let d = read(
        r#"<w:p><w:r><w:t xml:space="preserve">Versie </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "d-M-yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1-3-2025</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t xml:space="preserve"> (3)</w:t></w:r></w:fldSimple></w:p>"#,
    );
    assert_eq!(texts(&d), vec!["Versie 1-3-2025 (3)"]);
}

#[test]
fn table_of_contents_is_dropped() {
    let styles =
        r#"<w:style w:type="paragraph" w:styleId="Inhopg1"><w:name w:val="toc 1"/></w:style>"#;
    let body = concat!(
        // A TOC field spanning paragraphs.
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1. Algemene gegevens 2</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>2. Huidige situatie 3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        // A TOC content control.
        r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Inhoud</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        // A TOC-styled paragraph without a field.
        r#"<w:p><w:pPr><w:pStyle w:val="Inhopg1"/></w:pPr><w:r><w:t>3. Gewenste situatie 4</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>Na de inhoud</w:t></w:r></w:p>"#
    );
    let d = read_docx(&package(body, Some(styles), None)).unwrap();
    assert_eq!(texts(&d), vec!["Na de inhoud"]);
}

#[test]
fn merged_cells_are_kept_once_with_their_spans() {
    let d = read(concat!(
        r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"#,
        r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>breed</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>hoog</w:t></w:r></w:p></w:tc></w:tr>"#,
        r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>b2</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"#,
        r#"<w:tr><w:tc><w:p><w:r><w:t>a3</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b3</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="continue"/></w:tcPr><w:p/></w:tc></w:tr>"#,
        r#"</w:tbl>"#
    ));
    let t = table(&d.blocks[0]);
    let shape: Vec<Vec<(usize, usize, usize, String)>> = t
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| (c.col, c.col_span, c.row_span, c.text()))
                .collect()
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            vec![(0, 2, 1, "breed".into()), (2, 1, 3, "hoog".into())],
            vec![(1, 1, 1, "b2".into())],
            vec![(0, 1, 1, "a3".into()), (1, 1, 1, "b3".into())],
        ]
    );
}

#[test]
fn nested_table_goes_into_the_cell() {
    let d = read(
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>buiten</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>binnen</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>"#,
    );
    let outer = table(&d.blocks[0]);
    let cell: &Cell = &outer.rows[0].cells[0];
    assert_eq!(cell.blocks.len(), 2);
    assert_eq!(para(&cell.blocks[0]).text, "buiten");
    let inner = table(&cell.blocks[1]);
    assert_eq!(inner.rows[0].cells[0].text(), "binnen");
    assert_eq!(inner.loc.index, 0);
    assert_eq!(cell.text(), "buiten\nbinnen");
}

#[test]
fn checkbox_glyphs_and_w14_checkbox_controls() {
    let checkbox_sdt = |val: &str, glyph: &str| {
        format!(
            r#"<w:p><w:sdt><w:sdtPr><w:id w:val="9"/><w14:checkbox><w14:checked w14:val="{val}"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t xml:space="preserve"> Begroting bijgevoegd</w:t></w:r></w:p>"#
        )
    };
    let body = [
        p("☒ Kerngroep compleet"),
        p("☐ Wijkindeling gecontroleerd"),
        p("✅ Plan past binnen budget"),
        checkbox_sdt("1", "☒"),
        checkbox_sdt("false", "☐"),
        p("Geen vakje"),
    ]
    .concat();
    let d = read(&body);
    let got: Vec<(Option<bool>, String)> = d
        .blocks
        .iter()
        .map(|b| (para(b).checkbox, para(b).text.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(true), "Kerngroep compleet".into()),
            (Some(false), "Wijkindeling gecontroleerd".into()),
            (Some(true), "Plan past binnen budget".into()),
            (Some(true), "Begroting bijgevoegd".into()),
            (Some(false), "Begroting bijgevoegd".into()),
            (None, "Geen vakje".into()),
        ]
    );
}

const HEADING_STYLES: &str = concat!(
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Standaard"><w:name w:val="Normal"/></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Standaard"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/><w:basedOn w:val="Kop1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="MijnKop"><w:name w:val="Mijn kop"/><w:basedOn w:val="Kop2"/></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="Heading 1"/></w:style>"#
);

fn styled(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

#[test]
fn heading_from_dutch_kop_style_and_based_on_chain() {
    let body = [
        styled("Kop1", "Algemene gegevens"),
        styled("MijnKop", "Kerngroep"),
        p("Gewone tekst"),
        r#"<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Direct niveau</w:t></w:r></w:p>"#
            .into(),
    ]
    .concat();
    let d = read_docx(&package(&body, Some(HEADING_STYLES), None)).unwrap();
    let h = heading(&d.blocks[0]);
    assert_eq!(
        (h.level, h.number.as_deref(), h.text.as_str()),
        (1, None, "Algemene gegevens")
    );
    let h = heading(&d.blocks[1]);
    assert_eq!((h.level, h.text.as_str()), (2, "Kerngroep"));
    assert_eq!(para(&d.blocks[2]).text, "Gewone tekst");
    assert_eq!(heading(&d.blocks[3]).level, 3);
}

#[test]
fn heading_from_libreoffice_heading1_style() {
    // LibreOffice's Heading1 here carries no outlineLvl: the id/name decide.
    let d = read_docx(&package(
        &styled("Heading1", "Monitoring en evaluatie"),
        Some(HEADING_STYLES),
        None,
    ))
    .unwrap();
    let h = heading(&d.blocks[0]);
    assert_eq!((h.level, h.text.as_str()), (1, "Monitoring en evaluatie"));
}

const NUMBERING: &str = concat!(
    r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>"#,
    r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Kop1"/><w:lvlText w:val="%1."/></w:lvl>"#,
    r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>"#,
    r#"</w:abstractNum>"#,
    r#"<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>"#,
    r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
    r#"<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#
);

fn numbered(style: &str, num_id: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

#[test]
fn auto_numbered_headings_get_their_number() {
    let body = [
        numbered("Kop1", 1, 0, "Algemene gegevens"),
        numbered("Kop1", 1, 0, "Huidige situatie"),
        numbered("Kop2", 1, 1, "Wijkprofiel"),
        numbered("Kop2", 1, 1, "Knelpunten"),
        numbered("Standaard", 2, 0, "een opsomming"),
        numbered("Kop1", 1, 0, "Gewenste situatie"),
        numbered("Kop1", 1, 0, "Thema’s, activiteiten en projecten"),
    ]
    .concat();
    let d = read_docx(&package(&body, Some(HEADING_STYLES), Some(NUMBERING))).unwrap();
    let hs: Vec<(u8, Option<String>, String)> = d
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some((h.level, h.number.clone(), h.text.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        hs,
        vec![
            (1, Some("1".into()), "Algemene gegevens".into()),
            (1, Some("2".into()), "Huidige situatie".into()),
            (2, Some("2.1".into()), "Wijkprofiel".into()),
            (2, Some("2.2".into()), "Knelpunten".into()),
            (1, Some("3".into()), "Gewenste situatie".into()),
            (
                1,
                Some("4".into()),
                "Thema’s, activiteiten en projecten".into()
            ),
        ]
    );
    let bullet = para(&d.blocks[4]);
    assert!(bullet.list_item);
    assert_eq!(bullet.text, "een opsomming");
}

#[test]
fn numbering_via_style_num_pr_uses_the_level_linked_to_the_style() {
    let styles = r#"<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#;
    let body = [styled("Kop1", "Eerste"), styled("Kop1", "Tweede")].concat();
    let d = read_docx(&package(&body, Some(styles), Some(NUMBERING))).unwrap();
    assert_eq!(heading(&d.blocks[1]).number.as_deref(), Some("2"));
    assert_eq!(heading(&d.blocks[1]).text, "Tweede");
}

#[test]
fn typed_heading_number_moves_into_number() {
    let body = [
        styled("Kop1", "4. Thema’s, activiteiten en projecten"),
        styled("Kop1", "5 Behoefte aan ondersteuning"),
        styled("Kop1", "2025–2026 in het kort"),
    ]
    .concat();
    let d = read_docx(&package(&body, Some(HEADING_STYLES), None)).unwrap();
    let hs: Vec<(Option<&str>, &str)> = d
        .blocks
        .iter()
        .map(|b| {
            let h = heading(b);
            (h.number.as_deref(), h.text.as_str())
        })
        .collect();
    assert_eq!(
        hs,
        vec![
            (Some("4"), "Thema’s, activiteiten en projecten"),
            (Some("5"), "Behoefte aan ondersteuning"),
            (None, "2025–2026 in het kort"),
        ]
    );
}

#[test]
fn bold_numbered_paragraphs_become_headings_without_heading_styles() {
    let bold = |t: &str| format!(r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{t}</w:t></w:r></w:p>"#);
    let body = [
        bold("1. Algemene gegevens"),
        p("2. Niet vet dus geen kop"),
        bold("Vet maar zonder nummer"),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Huidige </w:t></w:r><w:r><w:rPr><w:b w:val="1"/></w:rPr><w:t>situatie</w:t></w:r></w:p>"#.into(),
        bold(&format!("3. {}", "lang ".repeat(30))),
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">4. Half </w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>vet</w:t></w:r></w:p>"#.into(),
    ]
    .concat();
    let d = read_docx(&package(&body, None, Some(NUMBERING))).unwrap();
    let h = heading(&d.blocks[0]);
    assert_eq!(
        (h.level, h.number.as_deref(), h.text.as_str()),
        (1, Some("1"), "Algemene gegevens")
    );
    assert_eq!(para(&d.blocks[1]).text, "2. Niet vet dus geen kop");
    assert!(para(&d.blocks[2]).bold);
    let h = heading(&d.blocks[3]);
    assert_eq!(
        (h.number.as_deref(), h.text.as_str()),
        (Some("1"), "Huidige situatie")
    );
    assert!(para(&d.blocks[4]).bold);
    assert!(!para(&d.blocks[5]).bold);
}

#[test]
fn bold_comes_from_styles_too() {
    let styles = r#"<w:style w:type="character" w:styleId="Zwaar"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>"#;
    let body = r#"<w:p><w:r><w:rPr><w:rStyle w:val="Zwaar"/></w:rPr><w:t>Sterk</w:t></w:r><w:r><w:tab/></w:r></w:p>"#;
    let d = read_docx(&package(body, Some(styles), None)).unwrap();
    assert!(para(&d.blocks[0]).bold);
}

#[test]
fn entities_are_unescaped_exactly_once() {
    let d = read(r#"<w:p><w:r><w:t>a &lt; b &amp;lt; c &#x2013; &#8364;</w:t></w:r></w:p>"#);
    assert_eq!(texts(&d), vec!["a < b &lt; c – €"]);
}

#[test]
fn unknown_entity_is_skipped_with_a_note() {
    let d = read(r#"<w:p><w:r><w:t>x&nbsp;y</w:t></w:r></w:p>"#);
    assert_eq!(texts(&d), vec!["xy"]);
    assert_eq!(d.notes.len(), 1);
    assert!(d.notes[0].contains("&nbsp;"));
}

#[test]
fn truncated_document_is_an_error_not_a_partial_result() {
    let full = document_xml(&(p("eerste") + &p("tweede")));
    let cut = full.find("tweede").unwrap() - r#"<w:t xml:space="preserve">"#.len();
    let truncated = &full[..cut];
    assert!(truncated.ends_with("<w:r>"));
    let bytes = zip_parts(&[
        ("[Content_Types].xml", CT),
        ("_rels/.rels", RELS),
        ("word/document.xml", truncated),
    ]);
    let err = read_docx(&bytes).unwrap_err();
    assert_eq!(
        err,
        ReadError::Corrupt {
            soort: "Word",
            detail: "word/document.xml is afgebroken: 4 element(en) niet afgesloten".into()
        }
    );
    // Cut inside a tag: a syntax error, also refused.
    let bytes = zip_parts(&[
        ("[Content_Types].xml", CT),
        ("_rels/.rels", RELS),
        ("word/document.xml", &full[..cut - 2]),
    ]);
    assert!(matches!(read_docx(&bytes), Err(ReadError::Corrupt { .. })));
}

#[test]
fn xlsx_given_as_docx_is_refused() {
    let ct = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let wb = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Begroting" sheetId="1"/></sheets></workbook>"#;
    let bytes = zip_parts(&[
        ("[Content_Types].xml", ct),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", wb),
    ]);
    let err = read_docx(&bytes).unwrap_err();
    assert_eq!(
        err.to_string(),
        "het bestand is geen geldig Word-bestand (het is een Excel-werkmap, geen Word-document)"
    );
    // Without content types or rels, the package contents decide.
    let bytes = zip_parts(&[("xl/workbook.xml", wb)]);
    assert_eq!(read_docx(&bytes).unwrap_err(), err);
}

#[test]
fn not_a_zip_is_refused() {
    assert_eq!(
        read_docx(b"").unwrap_err(),
        ReadError::Corrupt {
            soort: "Word",
            detail: "het bestand is leeg".into()
        }
    );
    let err = read_docx(b"%PDF-1.7 not a zip").unwrap_err();
    assert_eq!(
        err,
        ReadError::Corrupt {
            soort: "Word",
            detail: "geen zip-archief".into()
        }
    );
}

#[test]
fn doctype_and_billion_laughs_are_refused() {
    let doc = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"#;
    let bytes = zip_parts(&[
        ("[Content_Types].xml", CT),
        ("_rels/.rels", RELS),
        ("word/document.xml", doc),
    ]);
    assert_eq!(
        read_docx(&bytes).unwrap_err(),
        ReadError::Hostile(
            "word/document.xml bevat een DOCTYPE-declaratie en is daarom niet gelezen".into()
        )
    );
}

#[test]
fn deeply_nested_tables_are_refused_without_stack_overflow() {
    let n = 300;
    let body =
        "<w:tbl><w:tr><w:tc>".repeat(n) + &p("diep") + &"<w:p/></w:tc></w:tr></w:tbl>".repeat(n);
    let err = read_docx(&package(&body, None, None)).unwrap_err();
    assert_eq!(
        err,
        ReadError::Hostile(format!(
            "het document bevat tabellen die dieper dan {} niveaus in elkaar genest zijn",
            limits::MAX_TABLE_DEPTH
        ))
    );
    // Allowed depth still reads.
    let ok = limits::MAX_TABLE_DEPTH;
    let body = "<w:tbl><w:tr><w:tc>".repeat(ok) + &p("diep") + &"</w:tc></w:tr></w:tbl>".repeat(ok);
    assert!(read_docx(&package(&body, None, None)).is_ok());
}

#[test]
fn deep_xml_nesting_is_refused() {
    let n = limits::MAX_XML_DEPTH + 10;
    let body = "<w:sdt><w:sdtContent>".repeat(n / 2) + &"</w:sdtContent></w:sdt>".repeat(n / 2);
    let err = read_docx(&package(&body, None, None)).unwrap_err();
    assert_eq!(
        err,
        ReadError::Hostile(format!(
            "word/document.xml is dieper dan {} XML-niveaus genest",
            limits::MAX_XML_DEPTH
        ))
    );
}

#[test]
fn part_bigger_than_the_cap_is_too_large() {
    let bytes = package(&p(&"x".repeat(5000)), None, None);
    let err = read_docx_capped(&bytes, 4096).unwrap_err();
    assert_eq!(
        err,
        ReadError::TooLarge {
            wat: "onderdeel word/document.xml".into(),
            limiet: "4096 bytes".into(),
            gevonden: "uitgepakt meer dan 4096 bytes".into()
        }
    );
    assert!(read_docx_capped(&bytes, 64 * 1024).is_ok());
}

#[test]
fn ole_container_is_encrypted_or_old_doc() {
    let mut enc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    enc.extend(
        "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    assert_eq!(read_docx(&enc).unwrap_err(), ReadError::Encrypted);
    let doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    assert!(matches!(read_docx(&doc), Err(ReadError::Unsupported(_))));
}

#[test]
fn headers_and_footers_are_not_read() {
    let mut parts = vec![
        ("[Content_Types].xml", CT.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/document.xml", document_xml(&p("Inhoud"))),
        (
            "word/header1.xml",
            format!(r#"<w:hdr {NS}>{}</w:hdr>"#, p("Koptekst")),
        ),
    ];
    parts.push((
        "word/footnotes.xml",
        format!(r#"<w:footnotes {NS}>{}</w:footnotes>"#, p("Voetnoot")),
    ));
    let refs: Vec<(&str, &str)> = parts.iter().map(|(n, b)| (*n, b.as_str())).collect();
    let d = read_docx(&zip_parts(&refs)).unwrap();
    assert_eq!(texts(&d), vec!["Inhoud"]);
}

#[test]
fn deleted_table_row_is_dropped() {
    let d = read(
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>blijft</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:trPr><w:del w:id="5" w:author="A"/></w:trPr><w:tc><w:p><w:del w:id="6" w:author="A"><w:r><w:delText>weg</w:delText></w:r></w:del></w:p></w:tc></w:tr></w:tbl>"#,
    );
    let t = table(&d.blocks[0]);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].cells[0].text(), "blijft");
}

// --- Footnotes, endnotes, comments, equations, symbols (issue 10 point 4) ---

const MATH_NS: &str = r#"xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#;

/// A package whose main part has the given body plus footnotes, endnotes and comments parts,
/// related the way Word relates them.
fn package_with_notes(body: &str, footnotes: &str, endnotes: &str, comments: &str) -> Vec<u8> {
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;
    let part = |root: &str, inner: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {NS}>{inner}</w:{root}>"#
        )
    };
    // Word's separator notes come first in both parts and hold no text.
    let separators = |kind: &str| {
        format!(
            r#"<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>"#
        )
    };
    let parts = [
        ("[Content_Types].xml", CT.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/_rels/document.xml.rels", rels.to_string()),
        ("word/document.xml", document_xml(body)),
        (
            "word/footnotes.xml",
            part(
                "footnotes",
                &format!("{}{footnotes}", separators("footnote")),
            ),
        ),
        (
            "word/endnotes.xml",
            part("endnotes", &format!("{}{endnotes}", separators("endnote"))),
        ),
        ("word/comments.xml", part("comments", comments)),
    ];
    let refs: Vec<(&str, &str)> = parts.iter().map(|(n, b)| (*n, b.as_str())).collect();
    zip_parts(&refs)
}

fn note(kind: &str, id: u32, text: &str) -> String {
    let r#ref = if kind == "footnote" {
        "footnoteRef"
    } else {
        "endnoteRef"
    };
    format!(
        r#"<w:{kind} w:id="{id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{ref}/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>"#
    )
}

#[test]
fn footnotes_and_endnotes_follow_the_body_in_reference_order_with_markers() {
    // The endnote is referenced first, the footnotes after it: pandoc numbers all notes in the
    // order of their references, so the markers are [1] (endnote), [2], [3] (footnotes 2 and 1).
    let body = concat!(
        r#"<w:p><w:r><w:t>Eenzaamheid</w:t></w:r><w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> neemt toe.</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>Bron</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> en cijfers</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#,
    );
    let footnotes = note("footnote", 1, "CBS 2024.") + &note("footnote", 2, "GGD Haaglanden.");
    let endnotes = note("endnote", 1, "Zie bijlage B.");
    let d = read_docx(&package_with_notes(body, &footnotes, &endnotes, "")).unwrap();
    assert_eq!(
        texts(&d),
        vec!["Eenzaamheid[1] neemt toe.", "Bron[2] en cijfers[3]"]
    );
    let got: Vec<(AantekeningSoort, usize, &str)> = d
        .aantekeningen
        .iter()
        .map(|a| (a.soort, a.nummer, a.tekst.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (AantekeningSoort::Eindnoot, 1, "Zie bijlage B."),
            (AantekeningSoort::Voetnoot, 2, "GGD Haaglanden."),
            (AantekeningSoort::Voetnoot, 3, "CBS 2024."),
        ]
    );
}

#[test]
fn a_footnote_nothing_refers_to_is_kept_after_the_others() {
    let body =
        r#"<w:p><w:r><w:t>Tekst</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#;
    let footnotes = note("footnote", 1, "Eerste.") + &note("footnote", 7, "Los.");
    let d = read_docx(&package_with_notes(body, &footnotes, "", "")).unwrap();
    let got: Vec<(usize, &str)> = d
        .aantekeningen
        .iter()
        .map(|a| (a.nummer, a.tekst.as_str()))
        .collect();
    assert_eq!(got, vec![(1, "Eerste."), (2, "Los.")]);
}

#[test]
fn comments_are_notes_apart_from_the_blocks() {
    let body = r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Budgethouder: Stichting Welzijn</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#;
    let comments = concat!(
        r#"<w:comment w:id="0" w:author="RESV" w:date="2025-05-01T10:00:00Z" w:initials="R"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>Klopt dit bedrag?</w:t></w:r></w:p><w:p><w:r><w:t>Graag nakijken.</w:t></w:r></w:p></w:comment>"#,
        r#"<w:comment w:id="1" w:author="RESV"><w:p><w:r><w:annotationRef/></w:r></w:p></w:comment>"#,
    );
    let d = read_docx(&package_with_notes(body, "", "", comments)).unwrap();
    // The comment's text is in no block: the sjabloon mapping cannot take it for WSV content.
    assert_eq!(texts(&d), vec!["Budgethouder: Stichting Welzijn"]);
    assert_eq!(
        d.aantekeningen,
        vec![Aantekening {
            soort: AantekeningSoort::Opmerking,
            nummer: 1,
            tekst: "Klopt dit bedrag?\nGraag nakijken.".into(),
        }]
    );
}

#[test]
fn a_deleted_footnote_reference_leaves_no_marker_and_no_number() {
    let body = r#"<w:p><w:r><w:t>Wijk</w:t></w:r><w:del w:id="9" w:author="A"><w:r><w:footnoteReference w:id="1"/></w:r></w:del><w:r><w:t>plan</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>"#;
    let footnotes = note("footnote", 1, "Weg.") + &note("footnote", 2, "Blijft.");
    let d = read_docx(&package_with_notes(body, &footnotes, "", "")).unwrap();
    assert_eq!(texts(&d), vec!["Wijkplan[1]"]);
    // The deleted reference's note is still in the part; nothing refers to it, so it is kept
    // after the referenced one rather than dropped.
    let got: Vec<(usize, &str)> = d
        .aantekeningen
        .iter()
        .map(|a| (a.nummer, a.tekst.as_str()))
        .collect();
    assert_eq!(got, vec![(1, "Blijft."), (2, "Weg.")]);
}

#[test]
fn equations_give_their_text_in_order() {
    // x = (a+b)/2 as Word writes it: a fraction inside an m:oMath, inline in a paragraph.
    let body = format!(
        r#"<w:p {MATH_NS}><w:r><w:t xml:space="preserve">Het aandeel is </w:t></w:r><m:oMath><m:r><m:t>x</m:t></m:r><m:r><m:rPr><m:sty m:val="p"/></m:rPr><m:t>=</m:t></m:r><m:f><m:fPr><m:ctrlPr><w:rPr><w:i/></w:rPr></m:ctrlPr></m:fPr><m:num><m:r><m:t>a+b</m:t></m:r></m:num><m:den><m:r><m:t>2</m:t></m:r></m:den></m:f></m:oMath><w:r><w:t xml:space="preserve"> per wijk.</w:t></w:r></w:p><w:p {MATH_NS}><m:oMathPara><m:oMath><m:sSub><m:e><m:r><m:t>e</m:t></m:r></m:e><m:sub><m:r><m:t>j</m:t></m:r></m:sub></m:sSub></m:oMath></m:oMathPara></w:p>"#
    );
    let d = read(&body);
    assert_eq!(texts(&d), vec!["Het aandeel is x = a+b 2 per wijk.", "e j"]);
}

#[test]
fn symbol_font_characters_become_unicode() {
    let d = read(concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">A </w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F0DA"/></w:r><w:r><w:t xml:space="preserve"> B </w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r><w:r><w:t xml:space="preserve"> 3 </w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F061"/></w:r></w:p>"#,
        r#"<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:r><w:t xml:space="preserve"> klaar</w:t></w:r></w:p>"#,
    ));
    // Wingdings' check mark (F0FC) is a tick, so the paragraph is a ticked checklist item.
    assert_eq!(texts(&d), vec!["A ∨ B ≥ 3 α", "klaar"]);
    assert_eq!(para(&d.blocks[1]).checkbox, Some(true));
}

#[test]
fn list_numbers_and_image_descriptions_are_kept_beside_the_text() {
    // numId 1 level 1 shows "%1.%2" (decimal), numId 2 is a bullet list; the picture's
    // description is `wp:docPr descr`, as Word writes an inline image.
    let body = [
        numbered("Standaard", 1, 1, "eerste stap"),
        numbered("Standaard", 1, 1, "tweede stap"),
        numbered("Standaard", 2, 0, "een opsomming"),
        r#"<w:p><w:r><w:t xml:space="preserve">Logo </w:t></w:r><w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="Afbeelding 1" descr="Logo van de WSV"/></wp:inline></w:drawing></w:r><w:r><w:t xml:space="preserve"> boven.</w:t></w:r></w:p>"#.to_string(),
    ]
    .concat();
    let d = read_docx(&package(&body, Some(HEADING_STYLES), Some(NUMBERING))).unwrap();
    let got: Vec<(&str, Option<&str>, &[String])> = d
        .blocks
        .iter()
        .map(|b| {
            let p = para(b);
            (p.text.as_str(), p.label.as_deref(), p.images.as_slice())
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("eerste stap", Some("1.1"), &[][..]),
            ("tweede stap", Some("1.2"), &[][..]),
            ("een opsomming", None, &[][..]),
            ("Logo  boven.", None, &["Logo van de WSV".to_string()][..]),
        ]
    );
}
