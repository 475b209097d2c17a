#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster on loopback and prints a TEST_DATABASE_URL for the test suite.
# Used by .ci/run; handy locally too: export TEST_DATABASE_URL=$(bash scripts/start-test-postgres.sh)
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  pg_createcluster "$ver" main >/dev/null
fi
cluster=$(pg_lsclusters -h | head -1 | awk '{print $1" "$2}')
port=$(pg_lsclusters -h | head -1 | awk '{print $3}')
status=$(pg_lsclusters -h | head -1 | awk '{print $4}')
if [ "$status" != "online" ]; then
  pg_ctlcluster $cluster start -- -o "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2 || pg_ctlcluster $cluster start >&2
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $port -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
echo "postgres://postgres:postgres@127.0.0.1:$port/postgres"
