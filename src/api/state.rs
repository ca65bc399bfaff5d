//! Shared state of the HTTP layer, built once at start.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::Semaphore;

use super::limits::RateLimiter;
use crate::config::Config;
use crate::domain::catalog::Workspace;
use crate::pipeline::Pipeline;
use crate::router::Flags;
use crate::telemetry::metrics::Metrics;

pub struct AppState {
    pub config: Config,
    pub workspaces: HashMap<String, Arc<Workspace>>,
    pub pipeline: Arc<Pipeline>,
    pub metrics: Arc<Metrics>,
    pub flags: Arc<Flags>,
    pub request_schema: jsonschema::Validator,
    pub concurrency: Arc<Semaphore>,
    pub rate: RateLimiter,
    pub started: Instant,
    /// Each workspace's share of the concurrency limit: (permits, size).
    pub workspace_concurrency: HashMap<String, (Arc<Semaphore>, usize)>,
}

impl AppState {
    /// A permit of the workspace's share of the server.
    pub fn workspace_permit(
        &self,
        workspace: &str,
    ) -> Result<Option<tokio::sync::OwnedSemaphorePermit>, super::error::ApiError> {
        let Some((sem, limit)) = self.workspace_concurrency.get(workspace) else {
            return Ok(None);
        };
        sem.clone().try_acquire_owned().map(Some).map_err(|_| {
            super::error::ApiError::WorkspaceOverloaded {
                workspace: workspace.to_string(),
                limit: *limit,
            }
        })
    }

    /// The workspaces a key may act on.
    pub fn workspaces_for_key(&self, key: &str) -> Vec<&str> {
        let d = super::auth::digest(key);
        self.workspaces
            .values()
            .filter(|ws| super::auth::digest_matches(&d, &ws.api_key_digests))
            .map(|ws| ws.id.as_str())
            .collect()
    }
}
