#!/usr/bin/env bash
# Runs the test suite: fetches the default model the engine tests need (cached in
# ~/.cache/pulpo, verified by sha256) and trains its reader heads once, and Gemma 3 270M for
# the engine's second architecture, then every unit,
# integration and doc test. Optional parts (skipped with a notice when absent): a PostgreSQL
# server (PULPO_TEST_PG_URL) and headless Chromium with tests/browser/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet -- models fetch >/dev/null
# Gemma 3 270M: a second architecture and a SentencePiece vocabulary for the engine tests.
cargo run --quiet -- models fetch gemma3-270m --no-heads >/dev/null
if command -v cargo-nextest >/dev/null 2>&1; then
  cargo nextest run --no-fail-fast "$@"
  cargo test --doc
else
  cargo test --no-fail-fast "$@"
fi
# The tests that book on dates, again on a test clock set next to each closure of the demo
# salon (the day before it, and three days before), so a holiday cannot break them.
date_tests=(--test booking --test crash --test hostile --test api --test replicas --test conversations)
for now in $(python3 scripts/closure_days.py config/workspaces/demo-salon.toml); do
  echo "== date-sensitive tests with PULPO_NOW=$now"
  if command -v cargo-nextest >/dev/null 2>&1; then
    PULPO_NOW=$now cargo nextest run --no-fail-fast "${date_tests[@]}"
  else
    PULPO_NOW=$now cargo test --no-fail-fast "${date_tests[@]}"
  fi
done
# With a PostgreSQL server (PULPO_TEST_PG_URL=postgres://user:pass@host/db, a role that may
# create databases), the end-to-end suites run again on it; the store and replica tests use
# it in the run above.
if [ -n "${PULPO_TEST_PG_URL:-}" ]; then
  echo "== the end-to-end suites again, on PostgreSQL"
  PULPO_TEST_DB=postgres cargo test --no-fail-fast --test api --test booking
fi
