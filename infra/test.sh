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
summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\S+:test: +Tests +')
passed=$(grep -oE '[0-9]+ passed' <<<"$summary" | awk '{s += $1} END {print s + 0}')
failed=$(grep -oE '[0-9]+ failed' <<<"$summary" | awk '{s += $1} END {print s + 0}')
echo "$passed passed, $failed failed"
exit "$status"
