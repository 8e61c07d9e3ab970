# Starts and stops a throw-away PostgreSQL cluster on 127.0.0.1 for the server tests.
# start_test_postgres exports EINTHOVEN_TEST_PG; stop_test_postgres stops the server and deletes its folder.
# Each test drops its database WITH (FORCE), which terminates every backend still in it. An autovacuum worker there
# has no role, so a non-superuser may end it only as a member of pg_signal_backend (otherwise: 42501 "must be a
# member of the role whose process is being terminated"). Autovacuum is also off: throw-away databases need none.

start_test_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_TEST_DIR=$(mktemp -d /tmp/einthoven-pg.XXXXXX)
  chown postgres "$PG_TEST_DIR"
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  echo "$password" > "$PG_TEST_DIR/pw" && chown postgres "$PG_TEST_DIR/pw" && chmod 600 "$PG_TEST_DIR/pw"
  runuser -u postgres -- "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres -A scram-sha-256 --pwfile="$PG_TEST_DIR/pw" >/dev/null
  PG_TEST_PORT=55432
  while (echo > "/dev/tcp/127.0.0.1/$PG_TEST_PORT") 2>/dev/null; do PG_TEST_PORT=$((PG_TEST_PORT + 1)); done
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/log" -w \
    -o "-p $PG_TEST_PORT -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c autovacuum=off" start >/dev/null
  PG_TEST_BIN=$bin
  PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$PG_TEST_PORT" -U postgres -d postgres -q \
    -c "CREATE ROLE einthoven LOGIN CREATEDB PASSWORD '$password'" \
    -c "GRANT pg_signal_backend TO einthoven"
  export EINTHOVEN_TEST_PG="Host=127.0.0.1;Port=$PG_TEST_PORT;Username=einthoven;Password=$password;Database=postgres"
  echo "PostgreSQL test server on 127.0.0.1:$PG_TEST_PORT"
}

stop_test_postgres() {
  if [ -n "${PG_TEST_DIR:-}" ] && [ -d "$PG_TEST_DIR/data" ]; then
    runuser -u postgres -- "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$PG_TEST_DIR"
  fi
}
