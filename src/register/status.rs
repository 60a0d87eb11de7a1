//! `wsv_status` (schema v6): the status and ruimte of every WSV as the latest run's overview has
//! them, so the view `v_overzicht` shows the same values as `overzicht.csv`.
//!
//! Both are derived from the final snapshot (file and audit findings, corrections applied), which
//! SQL alone cannot rebuild; storing them is the one way the view cannot drift from the outputs.

use super::{Register, RegisterError};
use crate::domain::Cents;
use crate::snapshot::{Snapshot, WsvRecord};
use rusqlite::params;

/// `aandeel_uitvoeringsbudget − begroting_totaal`, None when either is unknown: the overview's
/// `ruimte` column (emit::overzicht_rijen computes the same from the same record).
pub fn ruimte(r: &WsvRecord) -> Option<Cents> {
    let aandeel = r.plaatsing.aandeel_uitvoeringsbudget?;
    let totaal = r.begroting.as_ref()?.1.totaal();
    Some(Cents(aandeel.0 - totaal.0))
}

impl Register {
    /// Replace `wsv_status` with the WSVs of `snap`.
    pub fn save_wsv_status(&mut self, snap: &Snapshot) -> Result<(), RegisterError> {
        self.commit_batch()?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM wsv_status", [])?;
        {
            let mut ins = tx.prepare(
                "INSERT OR REPLACE INTO wsv_status (wsv, status, ruimte_cent) VALUES (?1, ?2, ?3)",
            )?;
            for r in &snap.wsvs {
                ins.execute(params![r.wsv, r.status(), ruimte(r).map(|c| c.0)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
