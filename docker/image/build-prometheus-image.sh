#!/usr/bin/env bash
# Builds a Prometheus image without any registry: Debian (debootstrap) + Debian's prometheus package.
# Usage: docker/image/build-prometheus-image.sh [image]   (image defaults to spark-suite/prometheus:bookworm)
#
# It stands in for the official prom/prometheus where Docker Hub cannot be reached, and mirrors it where
# docker-compose.yml relies on it: the server at /bin/prometheus as the entrypoint, the config read from
# /etc/prometheus/prometheus.yml, data in /prometheus, user nobody. It is rebuilt only when its inputs
# (this script, the suite, the architecture) change.
set -euo pipefail

image="${1:-spark-suite/prometheus:bookworm}"
suite="${DEBIAN_SUITE:-bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="${SPARK_SUITE_CACHE:-$HOME/.cache/spark-suite}"
packages="prometheus,ca-certificates"

for tool in docker debootstrap sha256sum tar; do
  if ! command -v "$tool" >/dev/null; then
    echo "build-prometheus-image: $tool is missing: apt-get install docker.io debootstrap" >&2
    exit 1
  fi
done

inputs_key="$( { cat "$0"; printf '%s %s %s' "$suite" "$packages" "$(uname -m)"; } | sha256sum | cut -c1-12)"
inputs_tag="${image%%:*}:inputs-$inputs_key"

if docker image inspect "$inputs_tag" >/dev/null 2>&1; then
  docker tag "$inputs_tag" "$image"
  echo "build-prometheus-image: $image is up to date ($inputs_tag)"
  exit 0
fi

mkdir -p "$cache"
echo "build-prometheus-image: debootstrap $suite with $packages (a few minutes, once)..."
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
if ! debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" > "$cache/debootstrap-prometheus.log" 2>&1; then
  echo "build-prometheus-image: debootstrap failed; see $cache/debootstrap-prometheus.log (is $mirror reachable?)" >&2
  exit 1
fi
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
if [[ ! -x "$root/usr/bin/prometheus" ]]; then
  echo "build-prometheus-image: the $suite prometheus package installed no /usr/bin/prometheus" >&2
  exit 1
fi
# The official image's layout: config in /etc/prometheus, a data directory the server's user owns.
mkdir -p "$root/prometheus" "$root/etc/prometheus"
chown 65534:65534 "$root/prometheus"

tar -C "$root" -c . | docker import \
  --change "USER nobody" \
  --change "WORKDIR /prometheus" \
  --change "EXPOSE 9090" \
  --change 'ENTRYPOINT ["/usr/bin/prometheus"]' \
  --change 'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]' \
  - "$inputs_tag" >/dev/null
docker tag "$inputs_tag" "$image"
echo "build-prometheus-image: built $image ($inputs_tag)"
