#!/usr/bin/env bash
# Run once per `docker compose up` by the one-shot service spark-init, as root, before any Spark
# process starts.
#
# 1. Named volumes start out owned by root; the image's user spark (uid 185) could not write them.
# 2. The cluster's authentication secret: made on the first up of a compose project (its volume
#    spark-auth is the project's), kept across ups, gone with `down -v`. Only uid 185 can read it.
#    The Spark Connect server's token (spark-connect) is made the same way, in a file of its own:
#    only that service reads it, into its server's environment, and a user reads it to connect.
# 3. The configuration every Spark process reads (SPARK_CONF_DIR=/opt/spark-auth/conf): the
#    project's conf/ as it is now, plus spark.authenticate and the secret. Spark reads its properties
#    file itself, so the secret is on no command line and in no container's environment; a worker
#    hands it to its executors in their environment, as Spark does.
set -euo pipefail

mkdir -p /opt/spark-events /opt/spark-data /opt/spark-recovery /opt/spark-auth
chown -R 185:185 /opt/spark-events /opt/spark-data /opt/spark-recovery

umask 077
secret=/opt/spark-auth/secret
if [[ ! -s "$secret" ]]; then
  # 32 random bytes as 64 hex digits.
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$secret.new"
  mv "$secret.new" "$secret"
fi
token=/opt/spark-auth/connect-token
if [[ ! -s "$token" ]]; then
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$token.new"
  mv "$token.new" "$token"
fi

conf=/opt/spark-auth/conf
rm -rf "$conf.new"
mkdir "$conf.new"
cp /opt/spark-conf-source/* "$conf.new/"
{
  echo
  echo "# Added by docker/scripts/init-cluster.sh from the project's secret (volume spark-auth)."
  echo "spark.authenticate                     true"
  echo "spark.authenticate.secret              $(cat "$secret")"
} >> "$conf.new/spark-defaults.conf"
rm -rf "$conf"
mv "$conf.new" "$conf"
chown -R 185:185 /opt/spark-auth
chmod -R go-rwx /opt/spark-auth
