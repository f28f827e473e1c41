#!/usr/bin/env bash
# The main job, from a fresh machine: install and build, start the local
# primary and secondary with the five services, push sample images to the
# primary, and show them replicated on the secondary.
set -euo pipefail
cd "$(dirname "$0")/.."

bash infra/setup.sh
bash infra/stack.sh up

primary=127.0.0.1:${GEO_DEMO_PRIMARY_PORT:-15000}
secondary=127.0.0.1:${GEO_DEMO_SECONDARY_PORT:-15001}
export GEO_STATUS_URL=127.0.0.1:${GEO_DEMO_STATUS_PORT:-15052}

# site_status EXPRESSION evaluates EXPRESSION over the site's status (`s`).
site_status() {
  node apps/geoctl/dist/main.js status --json | node -e '
    let text = ""; process.stdin.on("data", (c) => (text += c)).on("end", () => {
      const s = JSON.parse(text); s.counts ??= {}; s.cursorSequence ??= 0;
      console.log(eval(process.argv[1]));
    });' "$1"
}

# The samples are at least thirteen tag pushes, so as many more events for the cursor.
before=$(site_status 's.cursorSequence')
bash infra/stack.sh push-samples

printf '\n==> waiting for the secondary to catch up\n' >&2
caught_up=no
for _ in $(seq 1 60); do
  if [ "$(site_status "s.cursorSequence >= $before + 13 && s.eventsBehind === 0 &&
      !s.counts.pending && !s.counts.started")" = true ]; then
    caught_up=yes
    break
  fi
  sleep 1
done
bash infra/stack.sh status
if [ "$caught_up" = no ]; then
  printf '\nThe secondary did not catch up within 60 s; see the logs in .stack/logs/.\n' >&2
  exit 1
fi
cat <<TEXT

Push more to the primary at $primary (user demo, password demo-password) and watch it
arrive on the secondary at $secondary, for example:
  skopeo copy --src-tls-verify=false --dest-tls-verify=false \\
    --src-creds demo:demo-password --dest-creds demo:demo-password \\
    docker://$primary/samples/hello:1.0 docker://$primary/mine/copy:1
  bash infra/stack.sh status
Dashboard: http://127.0.0.1:${GEO_DEMO_STATUS_HTTP_PORT:-15053}/
geoctl:    export GEO_STATUS_URL=$GEO_STATUS_URL; pnpm -s geoctl repos   (or status, repo NAME, ...)
Stop everything:  bash infra/stack.sh down   (add --purge to forget everything)
TEXT
