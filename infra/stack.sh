#!/usr/bin/env bash
# The local stack: a primary and a secondary docker-registry (CNCF
# Distribution) with token auth, nats-server with JetStream, a database on
# the local PostgreSQL, and the five services, all as background processes
# whose state, logs and pid files live in .stack/.
#
#   bash infra/stack.sh up             start everything (after infra/setup.sh)
#   bash infra/stack.sh push-samples   build sample images and push them to the primary
#   bash infra/stack.sh status         the site's status and repositories
#   bash infra/stack.sh down           stop everything (add --purge to delete .stack/
#                                      and drop the database)
#
# Ports can be changed through the GEO_DEMO_* variables below; a second stack
# on the same PostgreSQL also needs its own GEO_DEMO_DATABASE.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state="$root/.stack"

site=${GEO_DEMO_SITE:-east}
primary_port=${GEO_DEMO_PRIMARY_PORT:-15000}
secondary_port=${GEO_DEMO_SECONDARY_PORT:-15001}
nats_port=${GEO_DEMO_NATS_PORT:-14222}
token_grpc_port=${GEO_DEMO_TOKEN_GRPC_PORT:-15051}
token_http_port=${GEO_DEMO_TOKEN_HTTP_PORT:-15080}
ingest_port=${GEO_DEMO_INGEST_PORT:-15090}
status_port=${GEO_DEMO_STATUS_PORT:-15052}
status_http_port=${GEO_DEMO_STATUS_HTTP_PORT:-15053}
# /metrics of each service, on six ports from this one: token-issuer,
# notification-ingest, event-log-cursor, sync-worker-1, sync-worker-2, status.
metrics_port=${GEO_DEMO_METRICS_PORT:-15061}
token_metrics_port=$metrics_port
ingest_metrics_port=$((metrics_port + 1))
cursor_metrics_port=$((metrics_port + 2))
worker1_metrics_port=$((metrics_port + 3))
worker2_metrics_port=$((metrics_port + 4))
status_metrics_port=$((metrics_port + 5))
admin_url=${GEO_TEST_POSTGRES_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres}
database=${GEO_DEMO_DATABASE:-geo_demo}
database_url="${admin_url%/*}/$database"

issuer=geo-demo-issuer
primary_service=geo-primary
secondary_service="geo-secondary-$site"
demo_user=demo
demo_password=demo-password

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'stack: %s\n' "$*" >&2; exit 1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ours PID: PID is alive and was started from this checkout (a stale pid
# file, after a reboot say, must not make us skip or kill someone else's process).
ours() { alive "$1" && [ "$(readlink "/proc/$1/cwd")" = "$root" ]; }

# alive PID: PID runs (an exited process nobody has reaped yet does not count).
alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null &&
    [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" != Z ]
}

running() { [ -f "$state/$1.pid" ] && ours "$(cat "$state/$1.pid")"; }

# start NAME COMMAND... runs COMMAND in the background with its log and pid in
# .stack/, unless it already runs.
start() {
  local name=$1
  shift
  if running "$name"; then
    say "$name is already running"
    return
  fi
  nohup "$@" >"$state/logs/$name.log" 2>&1 &
  echo $! >"$state/$name.pid"
}

# check_ports: every port a service that is not running yet will listen on is free.
check_ports() {
  local entry name port
  for entry in "nats $nats_port" \
    "token-issuer $token_grpc_port $token_http_port $token_metrics_port" \
    "notification-ingest $ingest_port $ingest_metrics_port" \
    "primary $primary_port" "secondary $secondary_port" \
    "event-log-cursor $cursor_metrics_port" "sync-worker-1 $worker1_metrics_port" \
    "sync-worker-2 $worker2_metrics_port" \
    "status $status_port $status_http_port $status_metrics_port"; do
    read -r name entry <<<"$entry"
    running "$name" && continue
    for port in $entry; do
      port_free "$port" || die "port $port (for $name) is in use by another program;" \
        "stop it, or choose other ports with the GEO_DEMO_*_PORT variables (infra/stack.sh)"
    done
  done
}

# wait_log NAME PATTERN waits until the log of NAME shows PATTERN.
wait_log() {
  for _ in $(seq 1 150); do
    grep -q "$2" "$state/logs/$1.log" 2>/dev/null && return
    alive "$(cat "$state/$1.pid")" ||
      die "$1 exited: $(tail -n 20 "$state/logs/$1.log")"
    sleep 0.2
  done
  die "$1 did not start: $(tail -n 20 "$state/logs/$1.log")"
}

registry_config() { # PORT SERVICE NOTIFY(yes|no)
  cat <<YAML
version: 0.1
log:
  level: info
  formatter: text
storage:
  filesystem:
    rootdirectory: $state/registry-$1
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$1
  secret: geo-demo-$1
auth:
  token:
    realm: http://127.0.0.1:$token_http_port/jwt/auth
    service: $2
    issuer: $issuer
    rootcertbundle: $state/token.crt
compatibility:
  schema1:
    enabled: true
validation:
  manifests:
    urls:
      allow: ['^https?://']
YAML
  if [ "$3" = yes ]; then
    cat <<YAML
notifications:
  endpoints:
    - name: geo-replicator
      url: http://127.0.0.1:$ingest_port/api/v4/container_registry_event/events
      headers:
        Authorization: [$(cat "$state/notification.secret")]
      timeout: 2s
      threshold: 5
      backoff: 1s
YAML
  fi
}

prepare() {
  mkdir -p "$state/logs"
  [ -f "$state/token.key" ] || openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 365 \
    -subj /CN=geo-token-issuer -keyout "$state/token.key" -out "$state/token.crt" 2>/dev/null
  [ -f "$state/notification.secret" ] || openssl rand -hex 24 >"$state/notification.secret"
  [ -f "$state/token-issuer.secret" ] || openssl rand -hex 24 >"$state/token-issuer.secret"
  if [ ! -f "$state/accounts.json" ]; then
    local hash
    hash=$(printf '%s' "$demo_password" | node apps/token-issuer/dist/hash-password.js)
    cat >"$state/accounts.json" <<JSON
{ "accounts": [ { "name": "$demo_user", "passwordHash": "$hash",
  "grants": [ { "repository": "**", "actions": ["pull", "push", "delete"] } ] } ] }
JSON
  fi
  registry_config "$primary_port" "$primary_service" yes >"$state/primary.yml"
  registry_config "$secondary_port" "$secondary_service" no >"$state/secondary.yml"
  if ! psql "$admin_url" -tAc "select 1 from pg_database where datname = '$database'" |
    grep -q 1; then
    psql "$admin_url" -qc "CREATE DATABASE $database"
  fi
}

service_env() { # the variables every site service shares
  printf '%s\n' "DATABASE_URL=$database_url" "NATS_URL=nats://127.0.0.1:$nats_port" \
    "GEO_SITE=$site" "GEO_REPLICATION_ENABLED=true" \
    "GEO_PRIMARY_REGISTRY_URL=http://127.0.0.1:$primary_port" \
    "GEO_SECONDARY_REGISTRY_URL=http://127.0.0.1:$secondary_port" \
    "GEO_TOKEN_ISSUER_URL=127.0.0.1:$token_grpc_port" \
    "GEO_TOKEN_ISSUER_SECRET=$(cat "$state/token-issuer.secret")"
}

up() {
  [ -f apps/status/dist/main.js ] || die "not built yet: run 'bash infra/setup.sh' first"
  check_ports
  prepare

  say "starting nats-server with JetStream on $nats_port"
  start nats nats-server -a 127.0.0.1 -p "$nats_port" -js -sd "$state/nats"
  wait_log nats 'Server is ready'

  say "starting token-issuer (gRPC $token_grpc_port, HTTP $token_http_port)"
  start token-issuer env GEO_REGISTRY_KEY_FILE="$state/token.key" GEO_TOKEN_ISSUER="$issuer" \
    GEO_TOKEN_SERVICE="$primary_service" GEO_TOKEN_SECONDARY_SERVICES="$site=$secondary_service" \
    GEO_TOKEN_ISSUER_SECRET="$(cat "$state/token-issuer.secret")" \
    GEO_TOKEN_ACCOUNTS_FILE="$state/accounts.json" \
    GEO_TOKEN_ISSUER_LISTEN="127.0.0.1:$token_grpc_port" \
    GEO_TOKEN_ISSUER_HTTP_LISTEN="127.0.0.1:$token_http_port" \
    GEO_METRICS_LISTEN="127.0.0.1:$token_metrics_port" \
    node "$root/apps/token-issuer/dist/main.js"
  wait_log token-issuer '"msg":"ready"'

  say "starting notification-ingest on $ingest_port"
  start notification-ingest env NATS_URL="nats://127.0.0.1:$nats_port" \
    GEO_NOTIFICATION_SECRET="$(cat "$state/notification.secret")" \
    GEO_INGEST_LISTEN="127.0.0.1:$ingest_port" GEO_METRICS_LISTEN="127.0.0.1:$ingest_metrics_port" \
    node "$root/apps/notification-ingest/dist/main.js"
  wait_log notification-ingest '"msg":"ready"'

  say "starting the primary registry on $primary_port and the secondary on $secondary_port"
  start primary docker-registry serve "$state/primary.yml"
  start secondary docker-registry serve "$state/secondary.yml"
  wait_log primary 'listening on'
  wait_log secondary 'listening on'

  say "starting event-log-cursor, two sync-workers and status (gRPC $status_port)"
  local shared
  mapfile -t shared < <(service_env)
  start event-log-cursor env "${shared[@]}" GEO_METRICS_LISTEN="127.0.0.1:$cursor_metrics_port" \
    node "$root/apps/event-log-cursor/dist/main.js"
  start sync-worker-1 env "${shared[@]}" GEO_WORKER_ID=worker-1 \
    GEO_METRICS_LISTEN="127.0.0.1:$worker1_metrics_port" node "$root/apps/sync-worker/dist/main.js"
  start sync-worker-2 env "${shared[@]}" GEO_WORKER_ID=worker-2 \
    GEO_METRICS_LISTEN="127.0.0.1:$worker2_metrics_port" node "$root/apps/sync-worker/dist/main.js"
  start status env "${shared[@]}" GEO_STATUS_LISTEN="127.0.0.1:$status_port" \
    GEO_STATUS_HTTP_LISTEN="127.0.0.1:$status_http_port" \
    GEO_METRICS_LISTEN="127.0.0.1:$status_metrics_port" node "$root/apps/status/dist/main.js"
  for name in event-log-cursor sync-worker-1 sync-worker-2 status; do
    wait_log "$name" '"msg":"ready"'
  done

  cat >&2 <<TEXT

The stack is up. Logs are in .stack/logs/.
  primary registry    http://127.0.0.1:$primary_port   (log in as $demo_user / $demo_password)
  secondary registry  http://127.0.0.1:$secondary_port
  status (gRPC)       127.0.0.1:$status_port
  dashboard           http://127.0.0.1:$status_http_port/
  metrics             http://127.0.0.1:PORT/metrics: token-issuer $token_metrics_port,
                      notification-ingest $ingest_metrics_port, event-log-cursor $cursor_metrics_port,
                      sync-workers $worker1_metrics_port and $worker2_metrics_port, status $status_metrics_port
  geoctl              export GEO_STATUS_URL=127.0.0.1:$status_port; pnpm -s geoctl repos
TEXT
}

push_samples() {
  local work
  work=$(mktemp -d)
  local policy="$work/policy.json"
  echo '{"default":[{"type":"insecureAcceptAnything"}]}' >"$policy"
  umoci init --layout "$work/oci" >/dev/null
  local refs=(samples/hello:1.0 samples/tools/curl:7.88 samples/team/api/server:v1
    samples/team/api/server:v2)
  local formats=(oci v2s2 oci v2s2)
  for i in "${!refs[@]}"; do
    local ref=${refs[$i]} tag="t$i"
    umoci new --image "$work/oci:$tag" >/dev/null
    head -c $((64 * 1024 + i)) /dev/urandom >"$work/layer"
    umoci insert --rootless --image "$work/oci:$tag" "$work/layer" /data.bin >/dev/null
    say "pushing ${refs[$i]} (${formats[$i]}) to the primary"
    skopeo copy -q --policy "$policy" --dest-tls-verify=false --format "${formats[$i]}" \
      --dest-creds "$demo_user:$demo_password" "oci:$work/oci:$tag" \
      "docker://127.0.0.1:$primary_port/$ref"
  done

  # One repository per kind of content the fixture generator builds: schema 1,
  # manifest lists, OCI indexes, BuildKit cache, artifacts, referrers, foreign layers.
  printf '%s' "$demo_password" >"$work/password"
  for kind in docker-schema1 docker-manifest-list oci-index buildkit-cache helm-chart \
    artifact-empty-config artifact-no-layers referrer foreign-layer; do
    say "pushing samples/kinds/$kind:v1 ($kind) to the primary"
    node packages/fixtures/dist/cli.js push --registry "http://127.0.0.1:$primary_port" \
      --user "$demo_user" --password-file "$work/password" \
      --repository "samples/kinds/$kind" --tag v1 --kind "$kind" >/dev/null
  done
  rm -rf "$work"
}

show_status() {
  export GEO_STATUS_URL="127.0.0.1:$status_port"
  node apps/geoctl/dist/main.js status
  echo
  node apps/geoctl/dist/main.js repos
}

down() {
  # In three steps, NATS last, so the services drain their connections; a
  # sync-worker may take up to 30 s to hand back the job it is running.
  stop_all notification-ingest event-log-cursor sync-worker-1 sync-worker-2 status
  stop_all token-issuer primary secondary
  stop_all nats
  if [ "${1:-}" = --purge ]; then
    psql "$admin_url" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
    rm -rf "$state"
    say "removed .stack/ and the $database database"
  fi
}

# stop_all NAME... sends SIGTERM to each and waits until all have exited.
stop_all() {
  local name pid pids=() names=()
  for name in "$@"; do
    [ -f "$state/$name.pid" ] || continue
    pid=$(cat "$state/$name.pid")
    rm -f "$state/$name.pid"
    if ours "$pid" && kill "$pid" 2>/dev/null; then
      pids+=("$pid")
      names+=("$name")
    fi
  done
  for i in "${!pids[@]}"; do
    if wait_exit "${pids[$i]}" 35; then
      say "stopped ${names[$i]}"
    else
      kill -KILL "${pids[$i]}" 2>/dev/null || true
      say "killed ${names[$i]}: it did not stop within 35 s"
    fi
  done
}

# wait_exit PID SECONDS waits until PID has exited.
wait_exit() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    alive "$1" || return 0
    sleep 0.1
  done
  return 1
}

case "${1:-}" in
  up) up ;;
  push-samples) push_samples ;;
  status) show_status ;;
  down)
    case "${2:-}" in "" | --purge) down "${2:-}" ;; *) die "down: unknown option ${2}" ;; esac
    ;;
  *) echo "usage: bash infra/stack.sh up|push-samples|status|down [--purge]" >&2; exit 2 ;;
esac
