//! Command-line subcommands other than `serve`: models, generate, extract, eval, budgets.
//! (Like `main.rs`, these report errors with `anyhow`.)

pub mod eval;
pub mod load;
pub mod models;
pub mod train;
