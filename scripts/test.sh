#!/usr/bin/env bash
# Runs the test suite: fetches the models the tests need (cached in ~/.cache/pulpo, verified
# by sha256), then every unit, integration and doc test.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v cargo-nextest >/dev/null 2>&1; then
  cargo nextest run --no-fail-fast "$@"
  cargo test --doc
else
  cargo test --no-fail-fast "$@"
fi
