#!/usr/bin/env bash
# The whole test suite, as CI runs it: set-up, generated code up to date,
# lint and format, type checks, then every package's tests against real
# nats-server, docker-registry and PostgreSQL instances they start themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

bash infra/setup.sh
pnpm check:generated
pnpm lint
pnpm typecheck

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
pnpm test 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole suite, summed over every package's vitest run.
totals=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
  /^[^ ]+:test: +Tests +/ {
    for (i = 1; i < NF; i++) {
      if ($(i + 1) ~ /^passed/) passed += $i
      if ($(i + 1) ~ /^failed/) failed += $i
    }
  }
  END { print passed + 0, failed + 0 }')
read -r passed failed <<<"$totals"
echo "$passed passed, $failed failed"
exit "$status"
