#!/usr/bin/env bash
# Validates compose.yaml and compose.gpu.yaml without a Docker engine: docker-compose 1.29's
# `config` (a PyPI package, installed into its own directory) checks them against the compose
# schema and merges the GPU override, and a missing required variable must be refused.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${COMPOSE_PY_DIR:-$HOME/.cache/pulpo/docker-compose-1.29.2}
if [ ! -f "$dir/compose/cli/main.py" ]; then
  python3 -m pip install -q --disable-pip-version-check --no-deps --target "$dir" docker-compose==1.29.2
  python3 -m pip install -q --disable-pip-version-check --target "$dir" pyyaml "jsonschema==3.2.0" \
    docopt texttable dockerpty "python-dotenv<1" distro requests "docker<7" "websocket-client<1" setuptools
fi
dc() { PYTHONPATH=$dir python3 -c 'import sys; from compose.cli.main import main; sys.argv[0] = "docker-compose"; main()' "$@"; }
env_file=$(mktemp)
trap 'rm -f "$env_file"' EXIT
printf 'PULPO_DEMO_API_KEY=check\nPOSTGRES_PASSWORD=check\n' > "$env_file"
dc --env-file "$env_file" -f compose.yaml config -q
dc --env-file "$env_file" -f compose.yaml -f compose.gpu.yaml config -q
merged=$(dc --env-file "$env_file" -f compose.yaml -f compose.gpu.yaml config)
grep -q "FEATURES: cuda" <<<"$merged" || { echo "the GPU override does not build with cuda"; exit 1; }
grep -q "condition: service_healthy" <<<"$merged" || { echo "pulpo-app does not wait for PostgreSQL"; exit 1; }
printf 'PULPO_DEMO_API_KEY=check\n' > "$env_file"
if dc --env-file "$env_file" -f compose.yaml config -q 2>/dev/null; then
  echo "a missing POSTGRES_PASSWORD was accepted"; exit 1
fi
echo "compose files valid (base, and with the GPU override)"
