#!/usr/bin/env bash
# The runbook's three smoke checks against the real binary (CI runs this after the tests):
# starts `pulpo serve` on a scratch database with the model path off, checks the legacy
# contract, turns the canary to 10% through the admin API, then checks the share (10 ± 3) and
# that routing is deterministic. Needs the default model fetched (scripts/test.sh does it).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
port=${SMOKE_PORT:-18089}
dir=$(mktemp -d)
export PULPO_ADDR=127.0.0.1:$port PULPO_DB=$dir/smoke.db PULPO_DEMO_API_KEY=demo-key \
  PULPO_ADMIN_TOKEN=smoke-admin-token ENABLE_SLM_PIPELINE=false SLM_CANARY_PERCENT=0 \
  PULPO_PRELOAD_MODEL=true PULPO_LOG_FORMAT=text RUST_LOG=warn
./target/debug/pulpo serve >"$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
export PULPO_URL=http://127.0.0.1:$port PULPO_API_KEY=demo-key
for _ in $(seq 1 300); do
  curl -sf "$PULPO_URL/ready" >/dev/null && break
  kill -0 $pid 2>/dev/null || { cat "$dir/serve.log"; exit 1; }
  sleep 1
done
curl -sf "$PULPO_URL/ready" >/dev/null || { echo "not ready after 300 s"; cat "$dir/serve.log"; exit 1; }
echo "== smoke legacy (flags false / 0)"
./scripts/smoke.sh legacy
echo "== canary to 10% through the admin API"
curl -sf -X PUT "$PULPO_URL/admin/flags" -H "Authorization: Bearer $PULPO_ADMIN_TOKEN" \
  -H 'Content-Type: application/json' -d '{"enable_slm_pipeline": true, "slm_canary_percent": 10}'
echo
# Ready again once the model is loaded and warmed up (the model path is on now).
for _ in $(seq 1 300); do curl -sf "$PULPO_URL/ready" >/dev/null && break; sleep 1; done
curl -sS "$PULPO_URL/ready"; echo
echo "== smoke canary (10 ± 3)"
./scripts/smoke.sh canary
echo "== smoke routing"
./scripts/smoke.sh routing
