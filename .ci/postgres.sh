# Start a throwaway PostgreSQL server on loopback for the tests (sourced by .ci/run).
# Sets PG_TEST_URL; stop_postgres removes the server and its data.

pg_bin_dir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

install_postgres() {
    echo "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_postgres() {
    PG_BIN="$(pg_bin_dir)"
    if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
        install_postgres
        PG_BIN="$(pg_bin_dir)"
    fi
    PG_ROOT="$(mktemp -d /tmp/tracker-ci-pg.XXXXXX)"
    PG_PORT="$(free_port)"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_ROOT"; fi
    as_postgres "$PG_BIN/initdb" -D "$PG_ROOT/data" -U tracker -A trust -E UTF8 >/dev/null
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $PG_PORT -k $PG_ROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null
    PG_TEST_URL="postgresql+psycopg://tracker@127.0.0.1:$PG_PORT/postgres"
    echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
    if [ -n "${PG_ROOT:-}" ] && [ -d "$PG_ROOT/data" ]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_ROOT"
    fi
}
