#!/usr/bin/env bash
# End-to-end check of both shipped workflows in a real n8n (1.123.0) against a real Pulpo:
# docs/n8n-workflow.json (a simplified body in, the reply as the webhook's answer) and
# docs/n8n-whatsapp-cloud.json (the WhatsApp Business Cloud API's payload in, the reply sent
# through the Graph API — here a local stand-in — with a handoff branch and retries that honour
# Retry-After; its checks are named whatsapp_cloud).
#
#   scripts/n8n_e2e.sh
#
# What it does:
#   1. installs n8n into a temp dir (npm, ~3 min, 1.6 GB; removed on exit) unless N8N_DIR is an
#      existing install (a dir with node_modules/.bin/n8n); if N8N_DIR names a missing/empty dir,
#      n8n is installed there and kept for later runs;
#   2. starts Pulpo (rule route only: ENABLE_SLM_PIPELINE=false) on loopback with a fresh database;
#   3. imports the workflow into a fresh n8n user folder, adds the workflow_history row n8n 1.123
#      needs for CLI activation, activates it and starts n8n;
#   4. posts WhatsApp-like messages to the webhook and checks: a price question ($18.000,
#      info_prices, route legacy), a booking conversation ending with a BK- code, an identical
#      answer to a repeated message id, a refused request (422) and Pulpo down (apology branch);
#   5. whatsapp_cloud (scripts/n8n_cloud_checks.py): the verification handshake, a price
#      question and a booking through Cloud API payloads answered via the Graph API stand-in,
#      a 429 from Pulpo waited out after its Retry-After, a handoff that notifies a person,
#      receipts that answer nothing and an audio asked for in text, and Pulpo down (apology and
#      notification). Stand-ins: scripts/n8n_standins.py (the Graph API, and a proxy in front of
#      Pulpo that answers the first try of a ".busy" message 429).
# Exits non-zero on any failed check; stops n8n and Pulpo on exit.
#
# Environment:
#   PULPO_BIN    Pulpo binary (default: target/release/pulpo; build it first, the script never builds)
#   N8N_DIR      n8n install dir (see above)              N8N_VERSION  default 1.123.0
#   PULPO_PORT   default 18099                             N8N_PORT     default 5679
#   N8N_BROKER_PORT  n8n's task-broker port (its default is 5679 too, so it must differ; default N8N_PORT+10)
#   GRAPH_PORT   the Graph API stand-in (default N8N_PORT+20)   PROXY_PORT  default PULPO_PORT+1
#   KEEP_TMP=1   keep the temp dir (logs, n8n home, Pulpo db) for inspection
#   Pulpo's own variables pass through (e.g. PULPO_CONFIG, PULPO_WORKSPACES); PULPO_ADDR, PULPO_DB,
#   ENABLE_SLM_PIPELINE and PULPO_LOG_FORMAT are set by the script. Pulpo runs from the repo root.
# Needs: node >= 20.19 and npm (n8n 1.x), curl, python3.
set -euo pipefail
START=$(date +%s)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PULPO_BIN=$(realpath "${PULPO_BIN:-$ROOT/target/release/pulpo}")
WORKFLOWS=("$ROOT/docs/n8n-workflow.json" "$ROOT/docs/n8n-whatsapp-cloud.json")
N8N_VERSION=${N8N_VERSION:-1.123.0}
PULPO_PORT=${PULPO_PORT:-18099}
N8N_PORT=${N8N_PORT:-5679}
N8N_BROKER_PORT=${N8N_BROKER_PORT:-$((N8N_PORT + 10))}
GRAPH_PORT=${GRAPH_PORT:-$((N8N_PORT + 20))}
PROXY_PORT=${PROXY_PORT:-$((PULPO_PORT + 1))}
PULPO_DIRECT=http://127.0.0.1:$PULPO_PORT
# n8n reaches Pulpo through the proxy stand-in (it can answer 429 to check the retries).
PULPO_URL=http://127.0.0.1:$PROXY_PORT
HOOK=http://127.0.0.1:$N8N_PORT/webhook/pulpo-whatsapp
CLOUD_HOOK=http://127.0.0.1:$N8N_PORT/webhook/pulpo-whatsapp-cloud

say() { printf '== %s\n' "$*"; }
die() { printf 'FATAL: %s\n' "$*" >&2; exit 1; }

[ -x "$PULPO_BIN" ] || die "no Pulpo binary at $PULPO_BIN (cargo build --release, or set PULPO_BIN)"
for c in node npm curl python3; do command -v $c >/dev/null || die "$c not found"; done
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' \
  || die "node $(node --version) is too old: n8n $N8N_VERSION needs >= 20.19"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/pulpo-n8n-e2e.XXXXXX")
PULPO_PID=""; N8N_PID=""; GRAPH_PID=""; PROXY_PID=""
stop() { # $1 = pid (started with setsid: it leads its own process group)
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  stop "$N8N_PID"; stop "$PULPO_PID"; stop "$PROXY_PID"; stop "$GRAPH_PID"
  if [ "$rc" -ne 0 ]; then
    for f in pulpo.log n8n.log standins.log; do
      [ -s "$TMP/$f" ] && { echo "---- last lines of $f"; tail -n 25 "$TMP/$f"; }
    done
  fi
  if [ "${KEEP_TMP:-0}" = 1 ]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
  echo "took $(( $(date +%s) - START )) s"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Free ports, so a stray process is never mistaken for ours.
for port in "$PULPO_PORT" "$N8N_PORT" "$N8N_BROKER_PORT" "$GRAPH_PORT" "$PROXY_PORT"; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || die "port $port is in use"
done

# ---- 1. n8n
if [ -n "${N8N_DIR:-}" ] && [ -x "$N8N_DIR/node_modules/.bin/n8n" ]; then
  say "using n8n in $N8N_DIR"
else
  N8N_DIR=${N8N_DIR:-$TMP/n8n}
  say "installing n8n $N8N_VERSION into $N8N_DIR (npm, ~3 min)"
  mkdir -p "$N8N_DIR"
  # n8n-nodes-base pulls xlsx from a URL outside the npm registry: pin the registry's build.
  printf '{"private":true,"dependencies":{"n8n":"%s"},"overrides":{"xlsx":"0.18.5"}}\n' "$N8N_VERSION" \
    > "$N8N_DIR/package.json"
  (cd "$N8N_DIR" && npm install --no-audit --no-fund --loglevel=error) > "$TMP/npm.log" 2>&1 \
    || { tail -n 30 "$TMP/npm.log"; die "npm install failed"; }
fi
N8N_DIR=$(realpath "$N8N_DIR")
N8N=$N8N_DIR/node_modules/.bin/n8n
export N8N_USER_FOLDER=$TMP/home
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false \
  N8N_TEMPLATES_ENABLED=false N8N_PERSONALIZATION_ENABLED=false \
  N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true N8N_LISTEN_ADDRESS=127.0.0.1 \
  N8N_PORT N8N_RUNNERS_BROKER_PORT=$N8N_BROKER_PORT \
  N8N_BLOCK_ENV_ACCESS_IN_NODE=false PULPO_URL
# The Cloud workflow's settings: the Graph API (the stand-in), its token, the webhook's verify
# token, and who is told when a customer needs a person.
export WHATSAPP_GRAPH_URL=http://127.0.0.1:$GRAPH_PORT/v21.0 WHATSAPP_TOKEN=e2e-graph-token \
  WHATSAPP_VERIFY_TOKEN=e2e-verify-token HANDOFF_NOTIFY_TO=5491100009999
mkdir -p "$N8N_USER_FOLDER"

# ---- 2. Pulpo
say "starting Pulpo ($PULPO_BIN) on $PULPO_DIRECT, the stand-ins on $GRAPH_PORT (Graph API) and $PROXY_PORT (proxy)"
mkdir -p "$TMP/standins"
setsid python3 "$ROOT/scripts/n8n_standins.py" graph "$GRAPH_PORT" "$TMP/standins" >> "$TMP/standins.log" 2>&1 &
GRAPH_PID=$!
setsid python3 "$ROOT/scripts/n8n_standins.py" proxy "$PROXY_PORT" "$PULPO_DIRECT" "$TMP/standins" >> "$TMP/standins.log" 2>&1 &
PROXY_PID=$!
(cd "$ROOT" && PULPO_ADDR=127.0.0.1:$PULPO_PORT PULPO_DB=$TMP/pulpo.db ENABLE_SLM_PIPELINE=false \
  PULPO_DEMO_API_KEY="${PULPO_DEMO_API_KEY:-demo-key}" \
  PULPO_LOG_FORMAT=text exec setsid "$PULPO_BIN" serve) > "$TMP/pulpo.log" 2>&1 &
PULPO_PID=$!
for _ in $(seq 100); do
  curl -sf "$PULPO_DIRECT/health" >/dev/null 2>&1 && break
  kill -0 "$PULPO_PID" 2>/dev/null || die "Pulpo exited"
  sleep 0.2
done
curl -sf "$PULPO_DIRECT/health" >/dev/null || die "Pulpo did not answer /health"
for _ in $(seq 50); do curl -sf "$PULPO_URL/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$PULPO_URL/health" >/dev/null || die "the proxy stand-in does not reach Pulpo"

# ---- 3. import, activate, start n8n
for WORKFLOW in "${WORKFLOWS[@]}"; do
WF_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORKFLOW")
say "importing $WORKFLOW (id $WF_ID)"
"$N8N" import:workflow --input="$WORKFLOW" > "$TMP/import.log" 2>&1 \
  || { cat "$TMP/import.log"; die "import failed"; }
grep -q "Successfully imported 1 workflow" "$TMP/import.log" || { cat "$TMP/import.log"; die "import failed"; }
# n8n 1.123: CLI activation needs a workflow_history row for the workflow's versionId (foreign key).
python3 - "$N8N_USER_FOLDER/.n8n/database.sqlite" "$WF_ID" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
row = db.execute("select id, versionId, nodes, connections, name from workflow_entity where id = ?",
                 (sys.argv[2],)).fetchone()
assert row, "imported workflow not found in n8n's database"
cols = {r[1] for r in db.execute("pragma table_info(workflow_history)")}
data = {"versionId": row[1], "workflowId": row[0], "authors": "n8n_e2e.sh",
        "nodes": row[2], "connections": row[3], "name": row[4]}
data = {k: v for k, v in data.items() if k in cols}
db.execute(f"insert or ignore into workflow_history ({', '.join(data)}) values ({', '.join('?' * len(data))})",
           list(data.values()))
db.commit()
PY
"$N8N" update:workflow --id="$WF_ID" --active=true > "$TMP/activate.log" 2>&1 \
  || { cat "$TMP/activate.log"; die "activation failed"; }
done
say "starting n8n on port $N8N_PORT"
(cd "$TMP" && exec setsid "$N8N" start) > "$TMP/n8n.log" 2>&1 &
N8N_PID=$!
activated() { grep -c "Activated workflow" "$TMP/n8n.log" 2>/dev/null || true; }
for _ in $(seq 150); do
  [ "$(activated)" -ge "${#WORKFLOWS[@]}" ] && break
  kill -0 "$N8N_PID" 2>/dev/null || die "n8n exited"
  sleep 1
done
[ "$(activated)" -ge "${#WORKFLOWS[@]}" ] || die "n8n activated $(activated) of ${#WORKFLOWS[@]} workflows"
# The webhook is served a moment after activation: a GET is answered "not registered for GET …
# did you mean POST" once the POST webhook exists.
for _ in $(seq 60); do
  curl -s "$HOOK" | grep -q "POST request" && break
  sleep 0.5
done

# ---- 4. checks
FAILS=0
FROM=549115$(printf '%07d' $(( (RANDOM * 32768 + RANDOM) % 10000000 )))
RUN=$(date +%s)
send() { # $1 = name, $2 = JSON body: response to $TMP/$1.body, status to $TMP/$1.code
  curl -sS -m 60 -o "$TMP/$1.body" -w '%{http_code}' -X POST "$HOOK" \
    -H 'Content-Type: application/json' -d "$2" > "$TMP/$1.code" 2>"$TMP/$1.err" || echo 000 > "$TMP/$1.code"
}
msg() { # $1 = message id suffix, $2 = text
  python3 -c 'import json,sys; print(json.dumps({"from": sys.argv[1], "message_id": sys.argv[2], "text": sys.argv[3], "name": "Ana"}, ensure_ascii=False))' \
    "$FROM" "wamid.e2e.$RUN.$1" "$2"
}
check() { # $1 = name, $2 = python asserts over: code (int), raw (str), r (parsed JSON or None), FROM
  if python3 - "$TMP/$1" "$2" "$FROM" <<'PY'
import json, re, sys
base, asserts, FROM = sys.argv[1:4]
code = int(open(base + ".code").read().strip() or 0)
raw = open(base + ".body", encoding="utf-8").read() if code else ""
try:
    r = json.loads(raw)
except ValueError:
    r = None
try:
    assert code == 200, f"HTTP {code}"
    assert isinstance(r, dict), "not a JSON object"
    exec(asserts)
except AssertionError as e:
    print(f"FAIL {base.rsplit('/', 1)[1]}: {e}\n     response: {raw[:600]!r}")
    sys.exit(1)
print(f"ok   {base.rsplit('/', 1)[1]}: {(r.get('text') or '')[:90]}")
PY
  then :; else FAILS=$((FAILS + 1)); fi
}

say "checks (customer $FROM)"
send price "$(msg 1 'Hola! cuánto sale el corte?')"
check price '
assert r["to"] == FROM, r.get("to")
assert "$18.000" in r["text"], "no $18.000 in the reply"
assert r["intent"] == "info_prices", r["intent"]
assert r["route"] == "legacy", r["route"]
assert r["fallback_reason"] is None, r["fallback_reason"]'

send book_ask "$(msg 2 'quiero turno para corte el viernes a las 5')"
check book_ask '
assert r["intent"] == "book", r["intent"]
assert r["route"] == "legacy", r["route"]
assert "17:00" in r["text"], "no 17:00 in the reply"'

send book_name "$(msg 3 'Ana Gómez')"
check book_name '
assert r["next_action"] == "await_confirmation", r["next_action"]
assert "Ana Gómez" in r["text"], "name not echoed"'

send book_yes "$(msg 4 'sí')"
check book_yes '
assert re.search(r"\bBK-\w+", r["text"]), "no BK- code"
assert "reserv" in r["text"].lower(), "does not say it booked"
assert r["next_action"] == "reply", r["next_action"]'

send book_yes_again "$(msg 4 'sí')"   # same message id: n8n retry / WhatsApp redelivery
check book_yes_again '
first = open(base.rsplit("/", 1)[0] + "/book_yes.body", encoding="utf-8").read()
assert raw == first, f"differs from the first answer: {first!r}"'

send refused "$(python3 -c 'import json,sys; print(json.dumps({"from": sys.argv[1], "message_id": "wamid.e2e.notext"}))' "$FROM")"
check refused '
assert r["next_action"] == "handoff", r["next_action"]
assert r["text"].startswith("Perdón"), "not the apology"
assert isinstance(r.get("error"), dict) and r["error"].get("code") == "validation_failed", "error: " + repr(r.get("error"))'

say "whatsapp_cloud checks (docs/n8n-whatsapp-cloud.json)"
# Another customer (a conversation of its own).
cloud_checks() { # $1 = up | down
  HOOK=$CLOUD_HOOK LOG_DIR=$TMP/standins FROM=549116${FROM#549115} NOTIFY_TO=$HANDOFF_NOTIFY_TO \
    TOKEN=$WHATSAPP_TOKEN VERIFY_TOKEN=$WHATSAPP_VERIFY_TOKEN RUN=$RUN \
    python3 "$ROOT/scripts/n8n_cloud_checks.py" "$1"
}
cloud_checks up || FAILS=$((FAILS + 1))

say "stopping Pulpo: the workflows must apologise"
stop "$PULPO_PID"; PULPO_PID=""; stop "$PROXY_PID"; PROXY_PID=""
send down "$(msg 5 'hola?')"
check down '
assert r["to"] == FROM, r.get("to")
assert r["next_action"] == "handoff", r["next_action"]
assert r["text"].startswith("Perdón"), "not the apology"
assert isinstance(r.get("error"), dict) and "ECONNREFUSED" in json.dumps(r["error"]), "error: " + repr(r.get("error"))'

cloud_checks down || FAILS=$((FAILS + 1))

if [ "$FAILS" -ne 0 ]; then echo "$FAILS check group(s) failed"; exit 1; fi
echo "all n8n checks passed"
