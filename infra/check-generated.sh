#!/usr/bin/env bash
# Fails when the committed generated code (ts-proto contracts, descriptor set,
# Drizzle migrations) differs from what `pnpm generate` produces now.
set -euo pipefail
cd "$(dirname "$0")/.."
generated=(packages/contracts/src/gen packages/contracts/descriptor.binpb packages/db/drizzle)

pnpm generate >/dev/null
stale=$(git status --porcelain -- "${generated[@]}")
if [ -n "$stale" ]; then
  echo "generated code is stale; run 'pnpm generate' and commit:" >&2
  echo "$stale" >&2
  exit 1
fi
echo "generated code is up to date"
