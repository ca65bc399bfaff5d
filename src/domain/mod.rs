//! The business domain: catalog, conversation state and reducer, availability, policy and
//! replies. No I/O here, nothing of HTTP or of the model: every function is a plain
//! transformation the pipeline composes, which is what makes the booking rules testable.

pub mod actions;
pub mod availability;
pub mod catalog;
pub mod nlg;
pub mod normalize;
pub mod plan;
pub mod policy;
pub mod reducer;
pub mod state;
pub mod understanding;
pub mod when;
