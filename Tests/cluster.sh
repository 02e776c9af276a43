# The throwaway PostgreSQL cluster of Tests/run (no fsync anywhere: it is deleted afterwards), sourced by it (and by DeployTests, which starts
# one as a user without root from a home only that user may enter).
#
#   . Tests/cluster.sh; cluster_start "$WORK" "$PORT"   # data in $WORK/pgdata, socket in $WORK/pgsock
#   cluster_stop "$WORK"
#
# Run by root, PostgreSQL runs as postgres (it refuses root), so $WORK must be a folder postgres
# can enter and write its log in (Tests/run's is a mode 1777 folder in /tmp). Run by anyone
# else, it runs as that user and needs nothing of anyone.
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

# Full path: a user's PATH often lacks /usr/sbin.
# From /: postgres may not enter the folder Tests/run was started from (a 0700 home).
as_postgres() { if [ "$(id -u)" = 0 ]; then (cd / && /usr/sbin/runuser -u postgres -- "$@"); else "$@"; fi; }

cluster_start() {
  local work="$1" port="$2"
  mkdir -p "$work/pgdata" "$work/pgsock"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$work/pgdata" "$work/pgsock"; fi
  as_postgres "$PGBIN/initdb" --no-sync -D "$work/pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log"; return 1; }
  cat >>"$work/pgdata/postgresql.conf" <<CONF
listen_addresses = ''
port = $port
unix_socket_directories = '$work/pgsock'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  as_postgres "$PGBIN/pg_ctl" -D "$work/pgdata" -l "$work/postgres.log" -w start >/dev/null
}

cluster_stop() {
  as_postgres "$PGBIN/pg_ctl" -D "$1/pgdata" -m immediate stop >/dev/null 2>&1 || true
}
