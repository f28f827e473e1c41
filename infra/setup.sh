#!/usr/bin/env bash
# Installs what geo-replicator needs on Debian and builds it. Idempotent:
# each step is skipped when its result is already there.
#
#   - pnpm (the version in package.json's packageManager)
#   - nats-server, docker-registry, skopeo, umoci, openssl, PostgreSQL, chromium
#   - a running PostgreSQL on 127.0.0.1:5432 that accepts the URL in
#     GEO_TEST_POSTGRES_URL (default postgres://postgres:postgres@127.0.0.1:5432/postgres)
#   - node_modules and every package's dist/
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_debian_packages() {
  local missing=()
  command -v nats-server >/dev/null || missing+=(nats-server)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v skopeo >/dev/null || missing+=(skopeo)
  command -v umoci >/dev/null || missing+=(umoci)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v psql >/dev/null || missing+=(postgresql-client)
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
  # The dashboard's browser test drives it headless through playwright-core.
  command -v chromium >/dev/null || missing+=(chromium)
  [ ${#missing[@]} -eq 0 ] && return
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

install_pnpm() {
  local wanted
  wanted=$(node -p "require('./package.json').packageManager.split('@')[1]")
  if command -v pnpm >/dev/null && [ "$(pnpm --version)" = "$wanted" ]; then return; fi
  say "installing pnpm $wanted"
  npm install -g "pnpm@$wanted" || as_root npm install -g "pnpm@$wanted"
}

admin_url() {
  echo "${GEO_TEST_POSTGRES_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres}"
}

start_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    say "starting PostgreSQL"
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
      as_root pg_createcluster "$version" main
    fi
    local cluster
    cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
    # shellcheck disable=SC2086
    as_root pg_ctlcluster --skip-systemctl-redirect $cluster start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  if ! psql "$(admin_url)" -tAc 'select 1' >/dev/null 2>&1; then
    # A fresh Debian cluster only lets the postgres OS user in through the
    # socket; give the postgres role the password the default URL carries.
    say "setting the postgres role's password for local connections"
    as_root runuser -u postgres -- psql -qc "ALTER ROLE postgres PASSWORD 'postgres'"
  fi
  psql "$(admin_url)" -tAc 'select 1' >/dev/null
}

build() {
  say "installing node modules"
  pnpm install --frozen-lockfile
  say "building"
  pnpm build
}

install_debian_packages
install_pnpm
start_postgres
build
