//! WSV_ONBEPAALD: a document that no clue could place with a WSV (see `pairing::identity`). It is
//! never merged into a WSV by guesswork, so it would otherwise count for nobody without a word.

use crate::domain::{Code, Finding};
use crate::snapshot::{BestandRij, Bevinding, Rol, Status};

/// One regional finding per document (plan, begroting, agreement, attachment) without a WSV.
pub fn findings(bestanden: &[BestandRij]) -> Vec<Bevinding> {
    bestanden
        .iter()
        .filter(|b| b.wsv.is_none() && b.status == Status::Verwerkt)
        .filter_map(|b| {
            let wat = match b.rol? {
                Rol::Wijkplan => "wijkplan",
                Rol::Begroting => "begroting",
                Rol::Samenwerkingsovereenkomst => "samenwerkingsovereenkomst",
                Rol::Bijlage => "bijlage",
                Rol::Container => return None,
            };
            Some(Bevinding {
                wsv: None,
                bestand: Some(b.bestand.clone()),
                finding: Finding::new(
                    Code::WSV_ONBEPAALD,
                    format!(
                        "Bij welke WSV {wat} {} hoort, is niet te bepalen, dus telt het bestand nergens mee: {}.",
                        b.bestand,
                        b.toelichting
                            .strip_prefix("WSV niet te bepalen: ")
                            .unwrap_or(&b.toelichting)
                    ),
                    b.bestand.clone(),
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Soort;

    fn rij(wsv: Option<&str>, status: Status, rol: Option<Rol>) -> BestandRij {
        BestandRij {
            bestand: "mei/Concept begroting WSV (2).xlsx".into(),
            sha256: "ab".into(),
            soort: Soort::Xlsx,
            wsv: wsv.map(str::to_string),
            status,
            toelichting: "WSV niet te bepalen: het bestand noemt geen WSV".into(),
            rol,
        }
    }

    #[test]
    fn only_documents_without_wsv_are_reported() {
        let f = findings(&[
            rij(None, Status::Verwerkt, Some(Rol::Begroting)),
            rij(Some("Laak"), Status::Verwerkt, Some(Rol::Begroting)),
            rij(None, Status::Genegeerd, None),
            rij(None, Status::Onleesbaar, None),
        ]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].finding.code, Code::WSV_ONBEPAALD);
        assert_eq!(
            f[0].finding.bericht,
            "Bij welke WSV begroting mei/Concept begroting WSV (2).xlsx hoort, is niet te bepalen, dus telt het bestand nergens mee: het bestand noemt geen WSV."
        );
        assert_eq!(f[0].finding.bron, "mei/Concept begroting WSV (2).xlsx");
    }
}
