//! The wijkindeling reference table (placeholder; implemented on its own branch).
