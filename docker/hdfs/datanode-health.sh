#!/usr/bin/env bash
# The healthcheck of a DataNode (docker-compose.hdfs.yml), run inside its container every 2 s.
#
# Healthy = the network it shares with its worker is there, and its /jmx shows the actor serving
# the NameNode's block pool RUNNING (once it has registered). Its HTTP front end answers a request
# without a Host header with 400, so the request names one. (bash only: the test image has no curl.)
#
# A DataNode lives in its worker's network namespace (network_mode: service:spark-worker-N). When
# the worker's container restarts, that namespace goes with it: the DataNode is left with loopback
# only, cannot reach the NameNode again by itself, and its /jmx still says RUNNING. So the check
# looks for an interface beside loopback first. Three failed checks in a row make the container
# unhealthy (retries: 3); the fourth without a network stops the DataNode: PID 1, the init, passes
# the signal on, the container exits, and its restart policy starts it again in the worker's new
# namespace.
set -u

cut_off=/tmp/datanode-cut-off-checks

if ! awk -F: 'NR > 2 && $1 !~ /^ *lo$/ { found = 1 } END { exit !found }' /proc/net/dev; then
  checks=$(( $(cat "$cut_off" 2>/dev/null || echo 0) + 1 ))
  echo "$checks" > "$cut_off"
  echo "no network beside loopback ($checks checks in a row)"
  if (( checks >= 4 )); then
    rm -f "$cut_off"
    kill -TERM 1
  fi
  exit 1
fi
rm -f "$cut_off"

exec 3<>/dev/tcp/127.0.0.1/9864 || exit 1
printf 'GET /jmx?qry=Hadoop:service=DataNode,name=DataNodeInfo HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
grep -q 'RUNNING' <&3
