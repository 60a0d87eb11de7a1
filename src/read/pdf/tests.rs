use super::*;

fn show(d: &Document) -> String {
    let mut s = String::new();
    for b in &d.blocks {
        match b {
            Block::Heading(h) => s += &format!("H{} [{:?}] {} (p{:?})\n", h.level, h.number, h.text, h.loc.page),
            Block::Paragraph(p) => s += &format!("P cb={:?} li={} {}\n", p.checkbox, p.list_item, p.text),
            Block::Table(t) => {
                s += &format!("TABLE rows={}\n", t.rows.len());
                for r in &t.rows {
                    let cells: Vec<String> = r.cells.iter().map(|c| format!("{}{}{}:{}", c.col, if c.col_span>1 {format!("+{}", c.col_span)} else {String::new()}, if c.row_span>1 {format!("v{}", c.row_span)} else {String::new()}, c.text().replace('\n', "⏎"))).collect();
                    s += &format!("  p{:?} | {}\n", r.page, cells.join(" | "));
                }
            }
        }
    }
    s
}

#[test]
fn dump_fixtures() {
    for name in ["plan_a_lo", "plan_a_chrome", "plan_b_lo", "plan_b_chrome", "plan_c_lo", "plan_c_chrome"] {
        let bytes = std::fs::read(format!("fixtures/pdf/{name}.pdf")).unwrap();
        match read_pdf(&bytes) {
            Ok(d) => println!("== {name}\n{}", show(&d)),
            Err(e) => println!("== {name}: {e:?}"),
        }
    }
}

#[test]
fn dump_glyphs() {
    let bytes = std::fs::read("fixtures/pdf/plan_a_chrome.pdf").unwrap();
    let pages = collect::collect(&bytes).unwrap();
    for g in &pages[0].glyphs {
        if g.y > 0.0 {
            println!("{:7.2} {:7.2} {:7.2} {:5.2} {:?}", g.x0, g.x1, g.y, g.size, g.text);
        }
    }
}
