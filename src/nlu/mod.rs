//! Understanding a message: intent + slots (the extractor contract of DESIGN.md).
//!
//! Two extractors fill the same [`Extraction`]: [`rules::RuleExtractor`] (keywords and
//! patterns, the legacy path and the baseline) and [`slm::SlmExtractor`] (the on-box model
//! with span-constrained JSON, beside the rules). Policy-critical signals — is this a "yes",
//! a request for a human, a medical question, an injection attempt — always come from the
//! deterministic rules, whatever route answered.

pub mod candidates;
mod contacts;
mod corrections;
mod cues;
pub(crate) mod lexicon;
pub(crate) mod linear;
pub mod links;
pub mod reader;
pub mod rules;
mod service_span;
pub(crate) mod signals;
pub mod slm;
mod staff;

pub use crate::domain::understanding::{
    ExtractContext, Extraction, Intent, Signals, SlotName, Slots,
};
