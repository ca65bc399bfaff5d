//! The `pulpo` command line: serve | extract | eval | generate | models | budgets.

use anyhow::Context;
use clap::{Parser, Subcommand};

use pulpo::config::{Config, ServeArgs};

#[derive(Parser)]
#[command(
    name = "pulpo",
    version,
    about = "WhatsApp desk for small businesses, with an on-box language model"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP service.
    Serve(ServeArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => {
            let config = Config::load(&args).context("loading the configuration")?;
            pulpo::telemetry::init_logging(&config.log_format);
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .context("starting the async runtime")?;
            rt.block_on(async move {
                tracing::info!(config = %config.redacted(), "starting");
                let state = pulpo::server::build_state(
                    config,
                    None,
                    Some("the model path is not built yet".into()),
                )
                .await?;
                pulpo::server::serve(state).await
            })
        }
    }
}
