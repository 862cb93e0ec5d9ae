//! The theme detector: why people leave, found in the notes. Pure Rust, shared by the
//! browser (live suggestions while typing, offline) and the server (tagging at ingest).
//!
//! A note is folded and split into words with their Snowball stems (`text`), matched
//! against per-theme lexicons of stems, compound parts, phrases and abbreviations
//! (`lexicon`), adjusted by rules that span themes (`detect`), and given a tone
//! (`sentiment`). Each theme carries the words that triggered it, so HR can see why.

pub mod catalogue;
mod detect;
pub mod emergent;
pub mod eval;
mod index;
pub mod lexicon;
pub mod model;
mod sentiment;
pub mod similar;
mod text;
pub mod train;

pub use catalogue::{Catalogue, CatalogueProblem, Tag, ThemeSetting};
pub use detect::{detect, Detection, Sentiment, ThemeHit};
pub use model::{Model, ModelError};
pub use text::{fold, guess_lang, Lang};
