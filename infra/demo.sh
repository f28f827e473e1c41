#!/usr/bin/env bash
# The main job, from a fresh machine: install and build, start the local
# primary and secondary with the five services, push sample images to the
# primary, and show them replicated on the secondary.
set -euo pipefail
cd "$(dirname "$0")/.."

bash infra/setup.sh
bash infra/stack.sh up
bash infra/stack.sh push-samples

printf '\n==> waiting for the secondary to catch up\n' >&2
for _ in $(seq 1 60); do
  if GEO_STATUS_URL="127.0.0.1:${GEO_DEMO_STATUS_PORT:-15052}" \
    node apps/geoctl/dist/main.js status --json | node -e '
      let s = ""; process.stdin.on("data", (c) => (s += c)).on("end", () => {
        const counts = JSON.parse(s).counts ?? {};
        process.exit(counts.total >= 3 && counts.synced === counts.total ? 0 : 1);
      });'; then
    break
  fi
  sleep 1
done
bash infra/stack.sh status
cat <<'TEXT'

Push more with skopeo (user demo, password demo-password) to 127.0.0.1:15000 and
watch them arrive on 127.0.0.1:15001:  bash infra/stack.sh status
Stop everything:                        bash infra/stack.sh down
TEXT
