#!/usr/bin/env bash
# Validates compose.yaml and compose.gpu.yaml without a Docker engine: docker-compose 1.29's
# `config` (a PyPI package, in a throwaway virtualenv) checks them against the compose schema
# and merges the GPU override, and a missing required variable must be refused.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${COMPOSE_VENV:-$HOME/.cache/pulpo/compose-venv}
if [ ! -x "$venv/bin/docker-compose" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check --no-deps docker-compose==1.29.2
  "$venv/bin/pip" install -q --disable-pip-version-check pyyaml "jsonschema==3.2.0" docopt texttable \
    dockerpty python-dotenv distro requests "docker<7" "websocket-client<1" setuptools
fi
env_file=$(mktemp)
trap 'rm -f "$env_file"' EXIT
printf 'PULPO_DEMO_API_KEY=check\nPOSTGRES_PASSWORD=check\n' > "$env_file"
"$venv/bin/docker-compose" --env-file "$env_file" -f compose.yaml config -q
"$venv/bin/docker-compose" --env-file "$env_file" -f compose.yaml -f compose.gpu.yaml config -q
merged=$("$venv/bin/docker-compose" --env-file "$env_file" -f compose.yaml -f compose.gpu.yaml config)
grep -q "FEATURES: cuda" <<<"$merged" || { echo "the GPU override does not build with cuda"; exit 1; }
grep -q "condition: service_healthy" <<<"$merged" || { echo "pulpo-app does not wait for PostgreSQL"; exit 1; }
printf 'PULPO_DEMO_API_KEY=check\n' > "$env_file"
if "$venv/bin/docker-compose" --env-file "$env_file" -f compose.yaml config -q 2>/dev/null; then
  echo "a missing POSTGRES_PASSWORD was accepted"; exit 1
fi
echo "compose files valid (base, and with the GPU override)"
