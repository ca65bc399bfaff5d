//! The `pulpo` command line: one function per command (see `src/cli/`).

use clap::Parser;

use pulpo::cli::args::{Cli, Command};

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Serve(args) => pulpo::cli::serve::run(&args),
        Command::Models { command } => pulpo::cli::models::run(command),
        Command::Eval(args) => pulpo::cli::eval::run(&args),
        Command::Extract(args) => pulpo::cli::eval::extract(&args),
        Command::Train(args) => pulpo::cli::train::run(&args),
        Command::Budgets(args) => pulpo::cli::budgets::run_command(&args),
        Command::Load(args) => pulpo::cli::load::run_command(&args),
        Command::Generate(args) => pulpo::cli::models::generate_command(&args),
    }
}
