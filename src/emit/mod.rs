//! Emitters: read a [`crate::snapshot::Snapshot`] and write the output files
//! (placeholder; implemented on its own branch).
