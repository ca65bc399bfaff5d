//! The business domain: catalog, conversation state and reducer, availability, policy and
//! replies. No I/O here, nothing of HTTP or of the model: every function is a plain
//! transformation the pipeline composes, which is what makes the booking rules testable.

pub mod actions;
pub(crate) mod availability;
pub mod catalog;
pub(crate) mod nlg;
pub(crate) mod normalize;
pub(crate) mod offers;
pub mod plan;
pub(crate) mod policy;
pub(crate) mod reducer;
pub mod replies;
pub mod state;
pub mod understanding;
pub(crate) mod when;
