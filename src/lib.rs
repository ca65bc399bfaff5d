//! # Pulpo
//!
//! A self-hosted WhatsApp desk for small businesses: an n8n workflow posts each customer
//! message to `POST /v1/decide`; Pulpo understands it, acts on it, and answers in
//! Rioplatense Spanish.
//!
//! ```text
//! api ──▶ router (flags, canary) ──▶ pipeline
//!                                      ├─ extract: nlu::rules  | nlu::slm (engine + llguidance)
//!                                      ├─ reduce:  domain::reducer
//!                                      ├─ plan:    planner::rules | planner::slm, checked by domain::policy
//!                                      ├─ act:     tools::broker (timeouts, retries, breakers) → store
//!                                      └─ reply:   domain::nlg (templates, never free model text)
//! ```
//!
//! Dependencies point inward: `api` → `pipeline` → (`nlu`, `planner`, `domain`, `tools`) →
//! (`engine`, `store`). `domain` does no I/O; `engine` knows nothing of salons.

pub mod api;
pub mod cli;
pub mod clock;
pub mod config;
pub(crate) mod contract;
pub mod domain;
pub mod engine;
pub(crate) mod eval;
pub(crate) mod keys;
pub mod nlu;
pub mod pipeline;
pub mod planner;
pub mod router;
pub mod server;
pub mod store;
pub(crate) mod telemetry;
pub mod text;
pub(crate) mod tools;
