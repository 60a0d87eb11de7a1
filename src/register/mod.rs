//! The SQLite register (placeholder; implemented on its own branch).
