#!/usr/bin/env bash
# Checks that PostgreSQL, RabbitMQ, Redis and Mosquitto accept connections on localhost; installs
# the Debian package of a server that is missing, starts a server that is down, waits until it
# accepts connections, and fails naming the server otherwise. Used by `make setup|dev|test` and CI.
# Idempotent: when everything is up it only probes four ports and checks one PostgreSQL role.
set -uo pipefail

PG_ROLE="${BAZAAR_PG_ROLE:-bazaar}"
PG_PASSWORD="${BAZAAR_PG_PASSWORD:-bazaar}"
WAIT_SECONDS="${BAZAAR_INFRA_WAIT_SECONDS:-60}"

say() { printf 'infra: %s\n' "$*"; }
fail() { printf 'infra: ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    fail "need root to run: $*"; fi
}

# apt lists may be empty on a fresh machine: try once, then refresh the lists and retry.
apt_install() {
  say "installing Debian package(s): $*"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q "$@" >/tmp/bazaar-apt.log 2>&1 && return 0
  as_root apt-get update -q >>/tmp/bazaar-apt.log 2>&1
  as_root apt-get install -y -q "$@" >>/tmp/bazaar-apt.log 2>&1 || fail "apt-get install $* failed (see /tmp/bazaar-apt.log)"
}

wait_for_port() { # name port
  local name=$1 port=$2 i
  for ((i = 0; i < WAIT_SECONDS * 5; i++)); do
    port_open "$port" && return 0
    sleep 0.2
  done
  fail "$name did not accept connections on 127.0.0.1:$port within ${WAIT_SECONDS}s"
}

ensure_postgresql() {
  if ! port_open 5432; then
    command -v pg_ctlcluster >/dev/null || apt_install postgresql
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] || fail "PostgreSQL is installed but has no cluster under /etc/postgresql"
    say "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >/tmp/bazaar-pg.log 2>&1 ||
      fail "PostgreSQL failed to start (see /tmp/bazaar-pg.log)"
    wait_for_port PostgreSQL 5432
  fi
  # A role with a password works whether 127.0.0.1 uses trust or scram-sha-256 (stack-notes.md).
  local sql="DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
      CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
    END IF; END \$\$;"
  if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
    runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -d postgres -c "$sql" >/dev/null 2>/tmp/bazaar-pg-role.log ||
      fail "could not create PostgreSQL role $PG_ROLE (see /tmp/bazaar-pg-role.log)"
  else
    PGPASSWORD="$PG_PASSWORD" psql -q -h 127.0.0.1 -U "$PG_ROLE" -d postgres -c 'select 1' >/dev/null 2>&1 ||
      fail "PostgreSQL role $PG_ROLE cannot log in and this user cannot create it (run as root once)"
  fi
}

ensure_redis() {
  port_open 6379 && return 0
  command -v redis-server >/dev/null || apt_install redis-server
  say "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null || fail "Redis failed to start"
  wait_for_port Redis 6379
}

ensure_rabbitmq() {
  port_open 5672 && return 0
  command -v rabbitmq-server >/dev/null || apt_install rabbitmq-server
  say "starting RabbitMQ (takes about 6 s)"
  # Loopback only: without these RabbitMQ and epmd listen on every interface (stack-notes.md).
  as_root env RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 ERL_EPMD_ADDRESS=127.0.0.1 rabbitmq-server -detached \
    >/tmp/bazaar-rabbitmq.log 2>&1 || fail "RabbitMQ failed to start (see /tmp/bazaar-rabbitmq.log)"
  wait_for_port RabbitMQ 5672
}

ensure_mosquitto() {
  port_open 1883 && return 0
  command -v mosquitto >/dev/null || apt_install mosquitto
  say "starting Mosquitto"
  # `mosquitto -d` exits silently unless its pid directory exists and belongs to mosquitto.
  as_root mkdir -p /run/mosquitto
  as_root chown mosquitto /run/mosquitto 2>/dev/null || true
  as_root mosquitto -d -c /etc/mosquitto/mosquitto.conf || fail "Mosquitto failed to start"
  wait_for_port Mosquitto 1883
}

# decK (Kong's config tool; Debian ships 1.4) validates kong/kong.yml offline in the contract gate.
ensure_deck() {
  command -v deck >/dev/null && return 0
  apt_install deck
}

# Debian's Chromium drives the docs portal's browser test (no browser is downloaded from the web).
ensure_chromium() {
  command -v chromium >/dev/null && return 0
  apt_install chromium
}

ensure_postgresql
ensure_redis
ensure_rabbitmq
ensure_mosquitto
ensure_deck
ensure_chromium
say "PostgreSQL :5432, RabbitMQ :5672, Redis :6379, Mosquitto :1883 are up"
