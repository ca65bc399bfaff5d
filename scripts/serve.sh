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
echo "== serving on http://${PULPO_ADDR:-127.0.0.1:8080} (Ctrl-C stops)"
exec ./target/release/pulpo serve "$@"
