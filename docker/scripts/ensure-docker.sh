#!/usr/bin/env bash
# Makes sure a Docker engine and a compose command answer; as root, starts an installed dockerd that is not running.
# Prints the compose command to use ("docker compose" or "docker-compose") on its last line.
# With --check (what the cluster tests run) it starts nothing: it only says what is missing.
# Installing the engine is ./run-tests's work (Debian's docker.io, docker-compose, debootstrap).
set -euo pipefail

check_only=false
if [[ "${1:-}" == --check ]]; then
  check_only=true
fi

engine_answers() { docker info >/dev/null 2>&1; }

DOCKERD_LOG=/var/log/spark-suite-dockerd.log

# The data root dockerd uses: the one /etc/docker/daemon.json names, else Docker's default.
docker_data_root() {
  local configured=""
  if [[ -f /etc/docker/daemon.json ]]; then
    configured="$(sed -n 's/.*"data-root"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' /etc/docker/daemon.json | head -n 1)"
  fi
  echo "${configured:-/var/lib/docker}"
}

# The line of dockerd's log that says why it stopped: its panic or fatal error, else its last line.
dockerd_failure() {
  grep -m 1 -E '^panic:|level=fatal' "$DOCKERD_LOG" || tail -n 1 "$DOCKERD_LOG"
}

# Starts dockerd in the background and waits up to 60 s for it to answer; fails at once when it exits.
start_dockerd() {
  echo "ensure-docker: starting dockerd (log: $DOCKERD_LOG)" >&2
  nohup dockerd >"$DOCKERD_LOG" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do
    engine_answers && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 1
  done
  engine_answers
}

if ! command -v docker >/dev/null || ! engine_answers; then
  if $check_only; then
    echo "ensure-docker: no Docker engine answers: run ./run-tests (as root on Debian it installs and starts one), or install Docker Engine with compose and start it" >&2
    exit 1
  fi
  if ! command -v dockerd >/dev/null || ! command -v docker >/dev/null; then
    echo "ensure-docker: no Docker engine answers: install Docker Engine with compose (Debian: docker.io docker-compose) and start it" >&2
    exit 1
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "ensure-docker: no Docker engine answers this user: start dockerd as root, or have this user join the docker group" >&2
    exit 1
  fi
  start_dockerd || {
    # A dockerd killed while it created a network can leave that network half-written in its
    # store; the next dockerd then panics in libnetwork's reservePools on start. The store only
    # holds network definitions (compose recreates its own on `up`), so it is moved aside, never
    # deleted, and dockerd is started once more.
    if grep -q 'reservePools' "$DOCKERD_LOG"; then
      store="$(docker_data_root)/network/files/local-kv.db"
      aside="$store.unreadable-$(date -u +%Y%m%dT%H%M%SZ)"
      echo "ensure-docker: dockerd could not read its network store; moving $store to $aside" >&2
      mv "$store" "$aside"
      start_dockerd
    else
      false
    fi
  } || {
    echo "ensure-docker: dockerd did not start: $(dockerd_failure) (log: $DOCKERD_LOG)" >&2
    exit 1
  }
fi

if docker compose version >/dev/null 2>&1; then
  echo "docker compose"
elif command -v docker-compose >/dev/null; then
  echo "docker-compose"
else
  echo "ensure-docker: no compose command: install the docker compose plugin or docker-compose" >&2
  exit 1
fi
