#!/usr/bin/env bash
# Makes sure a Docker engine and a compose command answer; as root on Debian, installs and starts them (and debootstrap).
# Prints the compose command to use ("docker compose" or "docker-compose") on its last line.
set -euo pipefail

engine_answers() { docker info >/dev/null 2>&1; }

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
    echo "ensure-docker: starting dockerd (log: /var/log/spark-suite-dockerd.log)" >&2
    nohup dockerd >/var/log/spark-suite-dockerd.log 2>&1 &
    for _ in $(seq 1 60); do
      engine_answers && break
      sleep 1
    done
    if ! engine_answers; then
      echo "ensure-docker: dockerd did not answer within 60 s; see /var/log/spark-suite-dockerd.log" >&2
      exit 1
    fi
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
