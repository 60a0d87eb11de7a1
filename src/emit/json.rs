//! `register.json`: the whole register in the shape of interface.md. The shape is a set of private
//! structs (not `json!` maps), so the key order is fixed and the output is byte-for-byte
//! deterministic. Keys beyond the contract (`wijkplan`, `versies`, `checklist`, `velden_bron`,
//! `cel_bronnen`, `cofinanciering`, `vacatie`, `bestand` on findings, `stadsdelen`) are additive.
//! Amounts are euros as JSON numbers (`41250.0`, `1234.56`).

use super::{round_hours, EmitError};
use crate::domain::{Cents, Discipline, Finding, Veld};
use crate::snapshot::{Bevinding, Snapshot, WsvRecord};
use serde::Serialize;
use std::io::Write;

/// Write `register.json` (pretty-printed, ending in a newline).
pub fn write_register(s: &Snapshot, w: &mut dyn Write) -> Result<(), EmitError> {
    let doc = RegisterJson {
        wsvs: s.wsvs.iter().map(wsv_json).collect(),
        bestanden: s
            .bestanden
            .iter()
            .map(|b| BestandJson {
                bestand: &b.bestand,
                sha256: &b.sha256,
                soort: b.soort.as_str(),
                wsv: b.wsv.as_deref(),
                status: b.status.as_str(),
                toelichting: &b.toelichting,
                rol: b.rol.map(|r| r.as_str()),
            })
            .collect(),
        bevindingen_regio: s.bevindingen_regio.iter().map(bevinding_json).collect(),
        stadsdelen: s
            .stadsdelen
            .iter()
            .map(|r| StadsdeelJson {
                gemeente: &r.gemeente,
                stadsdeel: &r.stadsdeel,
                inwoners: r.inwoners,
                uitvoeringsbudget: r.uitvoeringsbudget.euros(),
                wsvs: &r.wsvs,
                inwoners_gedekt: r.inwoners_gedekt,
                aangevraagd: r.aangevraagd.euros(),
                ruimte: r.ruimte.euros(),
                status: &r.status,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n")?;
    Ok(())
}

#[derive(Serialize)]
struct RegisterJson<'a> {
    wsvs: Vec<WsvJson<'a>>,
    bestanden: Vec<BestandJson<'a>>,
    bevindingen_regio: Vec<BevindingJson<'a>>,
    stadsdelen: Vec<StadsdeelJson<'a>>,
}

#[derive(Serialize)]
struct WsvJson<'a> {
    wsv: &'a str,
    gemeente: Option<&'a str>,
    stadsdeel: Option<&'a str>,
    wijken: &'a [String],
    inwoners: Option<u64>,
    versie_datum: Option<&'a str>,
    sjabloon: &'static str,
    bestanden: &'a [String],
    velden: VeldenJson<'a>,
    kerndisciplines: Vec<Discipline>,
    secties: Vec<SectieJson<'a>>,
    themas: Vec<ThemaJson<'a>>,
    begroting: Option<BegrotingJson<'a>>,
    aandeel_uitvoeringsbudget: Option<f64>,
    stadsdeel_budget: Option<f64>,
    voorbereidingsbudget: Option<f64>,
    status: &'static str,
    bevindingen: Vec<BevindingJson<'a>>,
    // Additive keys.
    wijkplan: Option<&'a str>,
    velden_bron: Option<VeldenJson<'a>>,
    checklist: Vec<ChecklistJson<'a>>,
    versies: Vec<VersieJson<'a>>,
    // The overview's added columns (issue 13).
    cofinanciering_uren: Option<f64>,
    cofinanciering_bedrag: Option<f64>,
    samenwerkingsovereenkomst: bool,
    regionale_aanvraag: Option<f64>,
}

#[derive(Serialize, Default)]
struct VeldenJson<'a> {
    wijk_wsv: Option<&'a str>,
    gemeente_stadsdeel: Option<&'a str>,
    versie_datum: Option<&'a str>,
    aanjagers: Option<&'a str>,
    aanspreekpunt_resv: Option<&'a str>,
    budgethouder: Option<&'a str>,
    kernteamleden: Option<&'a str>,
}

impl<'a> VeldenJson<'a> {
    fn from(v: &'a crate::domain::Velden, pick: fn(&'a Veld) -> Option<&'a str>) -> Self {
        VeldenJson {
            wijk_wsv: pick(&v.wijk_wsv),
            gemeente_stadsdeel: pick(&v.gemeente_stadsdeel),
            versie_datum: pick(&v.versie_datum),
            aanjagers: pick(&v.aanjagers),
            aanspreekpunt_resv: pick(&v.aanspreekpunt_resv),
            budgethouder: pick(&v.budgethouder),
            kernteamleden: pick(&v.kernteamleden),
        }
    }
}

#[derive(Serialize)]
struct SectieJson<'a> {
    nummer: u32,
    titel: &'a str,
    tekst: &'a str,
    bron: &'a str,
}

#[derive(Serialize)]
struct ThemaJson<'a> {
    nummer: u32,
    naam: &'a str,
    doelen: &'a str,
    activiteiten: &'a str,
    resultaten: &'a str,
    middelen: &'a str,
    partijen: &'a str,
    bron: &'a str,
    cel_bronnen: &'a [String; 5],
}

#[derive(Serialize)]
struct BegrotingJson<'a> {
    bestand: &'a str,
    totaal_opgegeven: Option<f64>,
    som_regels: f64,
    vacatie_uren: f64,
    regels: Vec<RegelJson<'a>>,
    totaal_bron: Option<&'a str>,
    /// Cofinanciering rows below the total (issue 13), never part of the sum.
    cofinanciering: Vec<RegelJson<'a>>,
}

#[derive(Serialize)]
struct RegelJson<'a> {
    post: &'a str,
    thema: Option<&'a str>,
    omschrijving: Option<&'a str>,
    uren: Option<f64>,
    tarief: Option<f64>,
    bedrag: f64,
    bron: &'a str,
    cofinanciering: Option<f64>,
    vacatie: bool,
    // Additive keys (issue 13).
    jaren: Vec<JaarJson<'a>>,
    cofinanciering_uren: Option<f64>,
    tarief_bron: Option<&'a str>,
}

#[derive(Serialize)]
struct JaarJson<'a> {
    jaar: u16,
    bedrag: f64,
    bron: &'a str,
}

fn regel_json(g: &crate::domain::Regel) -> RegelJson<'_> {
    RegelJson {
        post: &g.post,
        thema: g.thema.as_deref(),
        omschrijving: g.omschrijving.as_deref(),
        uren: g.uren.filter(|u| u.is_finite()),
        tarief: euros(g.tarief),
        bedrag: g.bedrag.euros(),
        bron: &g.bron,
        cofinanciering: euros(g.cofinanciering),
        vacatie: g.vacatie,
        jaren: g
            .jaren
            .iter()
            .map(|j| JaarJson {
                jaar: j.jaar,
                bedrag: j.bedrag.euros(),
                bron: &j.bron,
            })
            .collect(),
        cofinanciering_uren: g.cofinanciering_uren.filter(|u| u.is_finite()),
        tarief_bron: g.tarief_bron.as_deref(),
    }
}

#[derive(Serialize)]
struct BevindingJson<'a> {
    code: &'static str,
    ernst: &'static str,
    bericht: &'a str,
    bron: &'a str,
    bestand: Option<&'a str>,
}

#[derive(Serialize)]
struct ChecklistJson<'a> {
    tekst: &'a str,
    aangevinkt: bool,
    bron: &'a str,
}

#[derive(Serialize)]
struct VersieJson<'a> {
    bestand: &'a str,
    versie_datum: Option<&'a str>,
}

#[derive(Serialize)]
struct BestandJson<'a> {
    bestand: &'a str,
    sha256: &'a str,
    soort: &'static str,
    wsv: Option<&'a str>,
    status: &'static str,
    toelichting: &'a str,
    rol: Option<&'static str>,
}

#[derive(Serialize)]
struct StadsdeelJson<'a> {
    gemeente: &'a str,
    stadsdeel: &'a str,
    inwoners: u64,
    uitvoeringsbudget: f64,
    wsvs: &'a [String],
    inwoners_gedekt: u64,
    aangevraagd: f64,
    ruimte: f64,
    status: &'a str,
}

fn euros(c: Option<Cents>) -> Option<f64> {
    c.map(Cents::euros)
}

fn bevinding_json(b: &Bevinding) -> BevindingJson<'_> {
    let Finding {
        code,
        ernst,
        bericht,
        bron,
    } = &b.finding;
    BevindingJson {
        code: code.as_str(),
        ernst: ernst.as_str(),
        bericht,
        bron,
        bestand: b.bestand.as_deref(),
    }
}

fn wsv_json(r: &WsvRecord) -> WsvJson<'_> {
    let plan = r.plan.as_ref();
    let p = plan.map(|(_, p)| p);
    let pl = &r.plaatsing;
    WsvJson {
        wsv: &r.wsv,
        gemeente: pl.gemeente.as_deref(),
        stadsdeel: pl.stadsdeel.as_deref(),
        wijken: &pl.wijken,
        inwoners: pl.inwoners,
        versie_datum: p.and_then(|p| p.velden.versie_datum.waarde.as_deref()),
        // Without a plan no template is known: "onbekend" (the contract has no null here).
        sjabloon: p.map_or("onbekend", |p| p.sjabloon.as_str()),
        bestanden: &r.bestanden,
        velden: p
            .map(|p| VeldenJson::from(&p.velden, |v| v.waarde.as_deref()))
            .unwrap_or_default(),
        kerndisciplines: p.map(|p| p.kerndisciplines.clone()).unwrap_or_default(),
        secties: p
            .map(|p| {
                p.secties
                    .iter()
                    .map(|s| SectieJson {
                        nummer: s.nummer,
                        titel: &s.titel,
                        tekst: &s.tekst,
                        bron: &s.bron,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        themas: p
            .map(|p| {
                p.themas
                    .iter()
                    .map(|t| ThemaJson {
                        nummer: t.nummer,
                        naam: &t.naam,
                        doelen: &t.doelen,
                        activiteiten: &t.activiteiten,
                        resultaten: &t.resultaten,
                        middelen: &t.middelen,
                        partijen: &t.partijen,
                        bron: &t.bron,
                        cel_bronnen: &t.cel_bronnen,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        begroting: r.begroting.as_ref().map(|(bestand, b)| BegrotingJson {
            bestand,
            totaal_opgegeven: euros(b.totaal_opgegeven),
            som_regels: b.som_regels().euros(),
            vacatie_uren: round_hours(b.vacatie_uren()),
            regels: b.regels.iter().map(regel_json).collect(),
            totaal_bron: b.totaal_bron.as_deref(),
            cofinanciering: b.cofinanciering.iter().map(regel_json).collect(),
        }),
        aandeel_uitvoeringsbudget: euros(pl.aandeel_uitvoeringsbudget),
        stadsdeel_budget: euros(pl.stadsdeel_budget),
        voorbereidingsbudget: euros(pl.voorbereidingsbudget),
        status: r.status(),
        bevindingen: r.bevindingen.iter().map(bevinding_json).collect(),
        wijkplan: plan.map(|(f, _)| f.as_str()),
        velden_bron: p.map(|p| VeldenJson::from(&p.velden, |v| Some(v.bron.as_str()))),
        checklist: p
            .map(|p| {
                p.checklist
                    .iter()
                    .map(|c| ChecklistJson {
                        tekst: &c.tekst,
                        aangevinkt: c.aangevinkt,
                        bron: &c.bron,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        versies: r
            .eerdere_versies
            .iter()
            .map(|(f, p)| VersieJson {
                bestand: f,
                versie_datum: p.velden.versie_datum.waarde.as_deref(),
            })
            .collect(),
        cofinanciering_uren: r
            .begroting
            .as_ref()
            .and_then(|(_, b)| b.cofinanciering_uren())
            .map(round_hours),
        cofinanciering_bedrag: euros(
            r.begroting
                .as_ref()
                .and_then(|(_, b)| b.cofinanciering_bedrag()),
        ),
        samenwerkingsovereenkomst: r.samenwerkingsovereenkomst.is_some(),
        regionale_aanvraag: euros(p.and_then(|p| crate::audit::regionale_aanvraag(p)?.1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::tests::sample;
    use serde_json::Value;

    fn render() -> (String, Value) {
        let mut buf = Vec::new();
        write_register(&sample(), &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        (text, v)
    }

    /// The JSON's shape with object keys in the order written (serde_json's `Value` sorts them).
    enum Node {
        Obj(Vec<(String, Node)>),
        Arr(Vec<Node>),
        Leaf,
    }

    impl<'de> serde::Deserialize<'de> for Node {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Node;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("JSON")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut m: A,
                ) -> Result<Node, A::Error> {
                    let mut out = Vec::new();
                    while let Some((k, v)) = m.next_entry::<String, Node>()? {
                        out.push((k, v));
                    }
                    Ok(Node::Obj(out))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut s: A,
                ) -> Result<Node, A::Error> {
                    let mut out = Vec::new();
                    while let Some(v) = s.next_element::<Node>()? {
                        out.push(v);
                    }
                    Ok(Node::Arr(out))
                }
                fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
                fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
                fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
                fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
                fn visit_str<E>(self, _: &str) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
                fn visit_unit<E>(self) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
            }
            d.deserialize_any(V)
        }
    }

    impl Node {
        /// Follow a path of object keys and array indexes ("0").
        fn at(&self, path: &[&str]) -> &Node {
            path.iter().fold(self, |n, p| match n {
                Node::Obj(kv) => &kv.iter().find(|(k, _)| k == p).unwrap().1,
                Node::Arr(items) => &items[p.parse::<usize>().unwrap()],
                Node::Leaf => panic!("no {p} in a leaf"),
            })
        }
        fn keys(&self, path: &[&str]) -> Vec<&str> {
            match self.at(path) {
                Node::Obj(kv) => kv.iter().map(|(k, _)| k.as_str()).collect(),
                _ => panic!("{path:?} is not an object"),
            }
        }
    }

    #[test]
    fn contract_keys_come_first_in_order() {
        let (text, _) = render();
        let v: Node = serde_json::from_str(&text).unwrap();
        let keys = |path: &[&str]| v.keys(path);
        assert_eq!(
            keys(&[]),
            ["wsvs", "bestanden", "bevindingen_regio", "stadsdelen"]
        );
        let w = ["wsvs", "0"];
        let contract = [
            "wsv",
            "gemeente",
            "stadsdeel",
            "wijken",
            "inwoners",
            "versie_datum",
            "sjabloon",
            "bestanden",
            "velden",
            "kerndisciplines",
            "secties",
            "themas",
            "begroting",
            "aandeel_uitvoeringsbudget",
            "stadsdeel_budget",
            "voorbereidingsbudget",
            "status",
            "bevindingen",
        ];
        assert_eq!(keys(&w)[..contract.len()], contract);
        assert_eq!(
            keys(&[w[0], w[1], "velden"]),
            [
                "wijk_wsv",
                "gemeente_stadsdeel",
                "versie_datum",
                "aanjagers",
                "aanspreekpunt_resv",
                "budgethouder",
                "kernteamleden"
            ]
        );
        assert_eq!(
            keys(&[w[0], w[1], "themas", "0"])[..8],
            [
                "nummer",
                "naam",
                "doelen",
                "activiteiten",
                "resultaten",
                "middelen",
                "partijen",
                "bron"
            ]
        );
        assert_eq!(
            keys(&[w[0], w[1], "begroting"])[..5],
            [
                "bestand",
                "totaal_opgegeven",
                "som_regels",
                "vacatie_uren",
                "regels"
            ]
        );
        assert_eq!(
            keys(&[w[0], w[1], "begroting", "regels", "0"])[..7],
            [
                "post",
                "thema",
                "omschrijving",
                "uren",
                "tarief",
                "bedrag",
                "bron"
            ]
        );
        assert_eq!(
            keys(&[w[0], w[1], "bevindingen", "0"])[..4],
            ["code", "ernst", "bericht", "bron"]
        );
        assert_eq!(
            keys(&["bestanden", "0"]),
            [
                "bestand",
                "sha256",
                "soort",
                "wsv",
                "status",
                "toelichting",
                "rol"
            ]
        );
        assert_eq!(
            keys(&["bevindingen_regio", "0"])[..4],
            ["code", "ernst", "bericht", "bron"]
        );
    }

    #[test]
    fn values_are_typed_as_the_contract_says() {
        let (text, v) = render();
        let w = &v["wsvs"][0];
        assert_eq!(w["inwoners"], Value::from(30_000));
        assert_eq!(w["sjabloon"], "haaglanden-2025");
        assert_eq!(w["velden"]["aanspreekpunt_resv"], Value::Null);
        assert_eq!(
            w["kerndisciplines"],
            serde_json::json!(["huisarts", "welzijn", "apotheker"])
        );
        assert_eq!(w["begroting"]["totaal_opgegeven"], Value::from(61200.0));
        assert_eq!(w["begroting"]["vacatie_uren"], Value::from(12.5));
        assert_eq!(w["begroting"]["regels"][0]["tarief"], Value::from(80.0));
        assert_eq!(w["begroting"]["regels"][1]["uren"], Value::Null);
        assert_eq!(w["aandeel_uitvoeringsbudget"], Value::from(56641.0));
        assert_eq!(w["status"], "aandacht");
        assert_eq!(v["stadsdelen"][0]["ruimte"], Value::from(-1234.56));
        let evil = &v["wsvs"][1];
        assert_eq!(evil["wsv"], "=HYPERLINK(\"http://x\",\"y\")");
        assert_eq!(evil["begroting"], Value::Null);
        assert_eq!(evil["gemeente"], Value::Null);
        assert_eq!(evil["velden"]["wijk_wsv"], Value::Null);
        assert!(text.contains("\"totaal_opgegeven\": 61200.0,"), "{text}");
        assert!(text.contains("\"ruimte\": -1234.56,"), "{text}");
        assert!(text.ends_with("}\n"));
        // Deterministic: the same snapshot gives the same bytes.
        assert_eq!(render().0, text);
    }
}
