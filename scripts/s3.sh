#!/usr/bin/env bash
# A throwaway single-node Ceph (one monitor, one OSD on a sparse file) with radosgw, the S3 gateway, on
# 127.0.0.1: `up` installs the Debian packages when missing, starts it and prints the endpoint; `down` stops it
# and removes its data. Run as root. Auth inside the cluster is off; S3 signatures are checked for real.
set -euo pipefail
dir=${TRIBUTARY_S3_DIR:-/tmp/tributary-services/ceph}
rgw_port=${TRIBUTARY_S3_PORT:-7480}
mon_port=${TRIBUTARY_CEPH_MON_PORT:-6789}
access_key=${TRIBUTARY_S3_TEST_ACCESS_KEY:-TESTKEY}
secret_key=${TRIBUTARY_S3_TEST_SECRET_KEY:-TESTSECRET}

up() {
  if [ -f "$dir/run/client.rgw.a.pid" ]; then echo "http://127.0.0.1:$rgw_port"; return; fi
  if ! command -v radosgw >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd >/dev/null
  fi
  # Now and then a fresh OSD fails to register with its fresh monitor ("wrong fsid"); starting the whole
  # cluster again from nothing then works. Each attempt runs as its own process, so that any failing step
  # ends it (errexit does not apply inside an `if`).
  for attempt in 1 2 3; do
    if bash "$0" cluster >&2; then
      echo "http://127.0.0.1:$rgw_port"
      return
    fi
    echo "Starting the S3 store failed (attempt $attempt of 3); starting it again from nothing" >&2
    down
  done
  return 1
}

cluster() {
  rm -rf "$dir"; mkdir -p "$dir"/{mon,osd,rgw,log,run}
  local fsid; fsid=$(cat /proc/sys/kernel/random/uuid)
  cat >"$dir/ceph.conf" <<CONF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$mon_port
public network = 127.0.0.0/8
auth cluster required = none
auth service required = none
auth client required = none
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
run dir = $dir/run
log file = $dir/log/\$name.log
admin socket = $dir/run/\$name.asok
pid file = $dir/run/\$name.pid
auth allow insecure global id reclaim = false
mon data avail warn = 1
mon data avail crit = 0
ms bind ipv6 = false
ms bind msgr2 = false
[mon]
mon data = $dir/mon/\$id
mon cluster log file = $dir/log/cluster.log
[osd]
osd data = $dir/osd/\$id
osd objectstore = bluestore
bluestore block path = $dir/osd/block.\$id
bluestore block create = true
bluestore block size = 17179869184
bluestore fsck on mount = false
osd max object name len = 256
osd max object namespace len = 64
[client.rgw.a]
rgw data = $dir/rgw
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw dns name = localhost
# Deleted objects are reclaimed within a minute rather than hours, so repeated test and benchmark runs
# do not fill the small disk.
rgw gc obj min wait = 30
rgw gc processor period = 30
log file = $dir/log/rgw.log
CONF
  export CEPH_CONF="$dir/ceph.conf"
  monmaptool --create --clobber --fsid "$fsid" --addv a "[v1:127.0.0.1:$mon_port]" "$dir/monmap" >/dev/null
  ceph-mon -c "$CEPH_CONF" --mkfs -i a --monmap "$dir/monmap"
  ceph-mon -c "$CEPH_CONF" -i a
  local osd_uuid osd_id; osd_uuid=$(cat /proc/sys/kernel/random/uuid)
  osd_id=$(ceph -c "$CEPH_CONF" osd new "$osd_uuid")
  mkdir -p "$dir/osd/$osd_id"
  ceph-osd -c "$CEPH_CONF" -i "$osd_id" --mkfs --osd-uuid "$osd_uuid" 2>/dev/null
  ceph-osd -c "$CEPH_CONF" -i "$osd_id"
  radosgw -c "$CEPH_CONF" -n client.rgw.a
  for _ in $(seq 1 90); do curl -s -o /dev/null "http://127.0.0.1:$rgw_port/" && break; sleep 1; done
  radosgw-admin -c "$CEPH_CONF" user create --uid=test --display-name=test \
    --access-key="$access_key" --secret-key="$secret_key" >/dev/null
}

down() {
  for name in client.rgw.a osd.0 mon.a; do
    local file="$dir/run/$name.pid"
    [ -f "$file" ] || continue
    local pid; pid=$(cat "$file")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$dir"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  cluster) cluster ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
