#!/usr/bin/env bash
# Builds the cluster's test image without any registry: Debian (debootstrap) + OpenJDK 17 + the assembled Spark home.
# Usage: docker/image/build-test-image.sh <spark-home-dir> [image]   (image defaults to spark-suite/spark:4.1.1-test)
#
# The image mirrors the official apache/spark:4.1.1-scala2.13-java17-ubuntu where the compose file
# relies on it: SPARK_HOME=/opt/spark, launchers in /opt/spark/bin, work dir /opt/spark/work-dir,
# user spark (uid 185), and /opt/entrypoint.sh passing any command through.
# It is rebuilt only when its inputs (this script, the Spark home's files) change.
set -euo pipefail

spark_home="${1:?usage: build-test-image.sh <spark-home-dir> [image]}"
image="${2:-spark-suite/spark:4.1.1-test}"
suite="${DEBIAN_SUITE:-bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="${SPARK_SUITE_CACHE:-$HOME/.cache/spark-suite}"
packages="openjdk-17-jre-headless,bash,procps,ca-certificates"

if [[ ! -x "$spark_home/bin/spark-class" || ! -d "$spark_home/jars" ]]; then
  echo "build-test-image: $spark_home is not a Spark home: build it with ./mvnw -B -pl spark-home package" >&2
  exit 1
fi
for tool in docker debootstrap sha256sum tar; do
  if ! command -v "$tool" >/dev/null; then
    echo "build-test-image: $tool is missing: apt-get install docker.io debootstrap" >&2
    exit 1
  fi
done

# The base (Debian + Java) changes only with the suite and package list; the image with the Spark home too.
base_key="$(printf '%s %s %s' "$suite" "$packages" "$(uname -m)" | sha256sum | cut -c1-12)"
inputs_key="$( { cat "$0"; echo "$base_key"; (cd "$spark_home" && find . -type f -printf '%p %s\n' | sort); cat "$spark_home"/bin/*; } | sha256sum | cut -c1-12)"
inputs_tag="${image%%:*}:inputs-$inputs_key"

if docker image inspect "$inputs_tag" >/dev/null 2>&1; then
  docker tag "$inputs_tag" "$image"
  echo "build-test-image: $image is up to date ($inputs_tag)"
  exit 0
fi

mkdir -p "$cache"
base_tar="$cache/debian-$suite-java17-$base_key.tar"
if [[ ! -s "$base_tar" ]]; then
  echo "build-test-image: debootstrap $suite with $packages (a few minutes, once)..."
  root="$(mktemp -d)"
  trap 'rm -rf "$root"' EXIT
  if ! debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" > "$cache/debootstrap.log" 2>&1; then
    echo "build-test-image: debootstrap failed; see $cache/debootstrap.log (is $mirror reachable?)" >&2
    exit 1
  fi
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -cf "$base_tar.partial" .
  mv "$base_tar.partial" "$base_tar"
  rm -rf "$root"
  trap - EXIT
fi

echo "build-test-image: assembling $image from $base_tar and $spark_home..."
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
tar -C "$root" -xf "$base_tar"
mkdir -p "$root/opt/spark/work-dir"
cp -r "$spark_home"/. "$root/opt/spark/"
# The official image's user spark has no home (/nonexistent), and so has this one: what needs a
# home (Ivy's cache for --packages) must be configured elsewhere here as there.
echo 'spark:x:185:185:Spark:/nonexistent:/bin/bash' >> "$root/etc/passwd"
echo 'spark:x:185:' >> "$root/etc/group"
cat > "$root/opt/entrypoint.sh" <<'ENTRY'
#!/usr/bin/env bash
# Like the official image's entrypoint for anything but driver/executor: run the given command.
set -e
exec "$@"
ENTRY
chmod 0755 "$root/opt/entrypoint.sh"
chown -R 185:185 "$root/opt/spark"

java_home="/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture 2>/dev/null || echo amd64)"
tar -C "$root" -c . | docker import \
  --change "ENV JAVA_HOME=$java_home" \
  --change "ENV SPARK_HOME=/opt/spark" \
  --change "ENV SPARK_SCALA_VERSION=2.13" \
  --change "ENV PATH=/opt/spark/bin:$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "WORKDIR /opt/spark/work-dir" \
  --change "USER spark" \
  --change 'ENTRYPOINT ["/opt/entrypoint.sh"]' \
  - "$inputs_tag" >/dev/null
docker tag "$inputs_tag" "$image"
echo "build-test-image: built $image ($inputs_tag)"
