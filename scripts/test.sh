#!/usr/bin/env bash
# Runs the test suite: fetches the default model the engine tests need (cached in
# ~/.cache/pulpo, verified by sha256), then every unit, integration and doc test.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet -- models fetch >/dev/null
if command -v cargo-nextest >/dev/null 2>&1; then
  cargo nextest run --no-fail-fast "$@"
  cargo test --doc
else
  cargo test --no-fail-fast "$@"
fi
