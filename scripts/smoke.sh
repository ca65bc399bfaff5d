#!/usr/bin/env bash
# Smoke tests against a running Pulpo (the rollout runbook's checks):
#   legacy    — the three fixtures answer 200 with every contract field, route legacy, < 2000 ms
#   canary    — with the flags at N%, the share of conversations on slm is N ± 3 points
#   routing   — the same conversation id always gets the same route
# Usage: PULPO_URL=http://127.0.0.1:8080 PULPO_API_KEY=demo-key scripts/smoke.sh legacy|canary|routing
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${PULPO_URL:-http://127.0.0.1:8080}
KEY=${PULPO_API_KEY:-demo-key}
post() { curl -sS -X POST "$URL/v1/decide" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$1"; }
case "${1:-legacy}" in
  legacy)
    for f in tests/fixtures/request_saludo.json tests/fixtures/request_precio.json tests/fixtures/request_reserva.json; do
      body=$(python3 -c "import json,sys,uuid; d=json.load(open('$f')); d['message']['id']=str(uuid.uuid4()); d.pop('message', None) if False else None; d['message'].pop('timestamp', None); print(json.dumps(d))")
      post "$body" | python3 -c "
import json, sys
r = json.load(sys.stdin)
need = ['contract_version','request_id','conversation_id','route','fallback_reason','intent','confidence','slots','actions','reply','next_action','latency_ms']
missing = [k for k in need if k not in r]
assert not missing, f'$f: missing {missing}: {r}'
assert r['route'] == 'legacy', f\"$f: route {r['route']} (expected legacy: set ENABLE_SLM_PIPELINE=false)\"
assert r['latency_ms'] < 2000, f\"$f: {r['latency_ms']} ms\"
print(f\"ok  $f  intent={r['intent']}  {r['latency_ms']} ms  «{r['reply']['text'][:60]}…»\")"
    done ;;
  canary|routing)
    PULPO_URL="$URL" PULPO_API_KEY="$KEY" python3 scripts/smoke_client.py "$1" ;;
  *) echo "usage: $0 legacy|canary|routing" >&2; exit 2 ;;
esac
