//! wijkregister: reads WSV wijkplannen and begrotingen, keeps them in a SQLite register, audits
//! them against the wijkindeling and writes the RESV's overview and learning-cycle report.
//!
//! Data flows one way: intake → read → template/begroting → register → audit → emit.

pub mod audit;
pub mod begroting;
pub mod bounds;
pub mod classify;
pub mod container;
pub mod correcties;
pub mod domain;
pub mod emit;
pub mod file;
pub mod formula;
pub mod intake;
pub mod lees;
pub mod limits;
pub mod model;
pub mod ocr_bron;
pub mod osfout;
pub mod pairing;
pub mod pipeline;
pub mod plan_begroting;
pub mod read;
pub mod register;
pub mod snapshot;
pub mod technisch;
pub mod tekst;
pub mod template;
pub mod text;
pub mod wijkindeling;
pub mod worker;
