//! Audit rules over the register and the wijkindeling (placeholder; implemented on its own branch).
