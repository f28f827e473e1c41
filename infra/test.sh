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
pnpm test
