#!/usr/bin/env bash
# Makes sure a Docker engine and a compose command answer; as root on Debian, installs and starts them (and debootstrap).
# Prints the compose command to use ("docker compose" or "docker-compose") on its last line.
set -euo pipefail

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
  if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "ensure-docker: no Docker engine answers: install Docker Engine with the compose plugin (or docker-compose) and start it" >&2
    exit 1
  fi
  if ! command -v dockerd >/dev/null || ! command -v docker-compose >/dev/null || ! command -v debootstrap >/dev/null; then
    echo "ensure-docker: installing Debian's docker.io, docker-compose and debootstrap" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io docker-compose debootstrap >&2
  fi
  if ! engine_answers; then
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
fi

# debootstrap builds the registry-free images: the Spark test image when the official one cannot be
# pulled, and the Prometheus image the monitoring test always uses; the image scripts say when it is
# missing. As root on Debian it is installed ahead.
if ! command -v debootstrap >/dev/null && [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "ensure-docker: installing Debian's debootstrap (for the registry-free test images)" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >&2
fi

if docker compose version >/dev/null 2>&1; then
  echo "docker compose"
elif command -v docker-compose >/dev/null; then
  echo "docker-compose"
else
  echo "ensure-docker: no compose command: install the docker compose plugin or docker-compose" >&2
  exit 1
fi
