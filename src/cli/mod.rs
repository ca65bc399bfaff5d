//! The commands (`main.rs` dispatches to one function of each file): `serve`, `models`,
//! `eval`/`extract`, `train`, `budgets`, `load`, `generate`. Like `main.rs`, they report
//! errors with `anyhow`.

pub mod args;
pub mod budgets;
pub mod eval;
pub mod load;
pub mod models;
pub(crate) mod progress;
pub mod serve;
pub mod train;

use std::path::Path;

use anyhow::Context;

use crate::domain::catalog::Workspace;

/// A two-worker async runtime (the machines this runs on have two cores).
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Writes one line of a command's output to stdout. A reader that went away (`pulpo extract
/// … | head`) ends the output quietly instead of a panic, as other command-line tools do.
pub fn emit(line: impl std::fmt::Display) -> anyhow::Result<()> {
    use std::io::Write;
    match writeln!(std::io::stdout().lock(), "{line}") {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("writing to stdout"),
    }
}

/// Reads a workspace file (the catalog the extractors match services and staff against).
pub fn workspace_file(path: &Path) -> anyhow::Result<Workspace> {
    let src =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(Workspace::from_toml(&src, |_| None)?)
}

/// The workspace a command works with: `--workspace`, or the first file of `--workspaces`.
pub fn workspace(args: &args::WorkspaceArgs) -> anyhow::Result<Workspace> {
    if let Some(path) = &args.workspace {
        return workspace_file(path);
    }
    let mut files: Vec<_> = std::fs::read_dir(&args.workspaces)
        .with_context(|| format!("reading {}", args.workspaces.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("toml"))
        .collect();
    files.sort();
    let first = files.first().with_context(|| {
        format!(
            "no workspace file in {} (give one with --workspace)",
            args.workspaces.display()
        )
    })?;
    workspace_file(first)
}
