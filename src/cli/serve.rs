//! `pulpo serve`: the HTTP service.

use anyhow::Context;

use crate::config::{Config, ServeArgs};

pub fn run(args: &ServeArgs) -> anyhow::Result<()> {
    let config = Config::load(args).context("loading the configuration")?;
    crate::telemetry::init_logging(&config.log_format);
    super::runtime()?.block_on(async move {
        tracing::info!(config = %config.redacted(), "starting");
        if config.clock.is_set() {
            tracing::warn!(now = %config.clock.now().to_rfc3339(), "PULPO_NOW is set: the server runs on a test clock, not the real date");
        }
        let state =
            crate::server::build_state(config, None, Some("the model path is not built yet".into()))
                .await?;
        crate::server::serve(state).await
    })
}
