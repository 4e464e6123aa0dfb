#!/usr/bin/env bash
# Runs the whole test suite of Workflows.sln against a private, throwaway PostgreSQL cluster.
#
#   scripts/test.sh [extra dotnet test args...]   e.g. scripts/test.sh --filter "FullyQualifiedName~Gateway"
#   scripts/test.sh --setup-only                  only install/start PostgreSQL and the SMTP capture server, print the
#                                                 env to export, leave them running
#
# Meant for a fresh Debian 12 machine (root, .NET SDK, node/npm, apt) as well as a developer box.
# CI calls it through .ci/run.
#
# Environment (all optional):
#   WORKFLOWS_TEST_STATE     state dir (PostgreSQL data, socket, log, mail)  default /tmp/workflows-test
#   WORKFLOWS_TEST_PG_PORT   TCP port of the private cluster (127.0.0.1 only)  default 55432
#   WORKFLOWS_TEST_PG_BIN    PostgreSQL bin dir                               default newest /usr/lib/postgresql/*/bin
#   WORKFLOWS_TEST_SMTP_PORT port of the SMTP capture server (127.0.0.1 only) default 2525
#   WORKFLOWS_TEST_KEEP_PG=1 never stop the cluster at the end
# Exported to the tests:
#   WORKFLOWS_TEST_PG        Npgsql connection string (each test creates its own database)
#   WORKFLOWS_TEST_SMTP_HOST/PORT, WORKFLOWS_TEST_MAILDIR   the SMTP capture server (python3-aiosmtpd) and the
#                            Maildir it stores every message in (always; the mail tests fail without it)
#   WORKFLOWS_TEST_CHROMIUM  Debian's Chromium (installed when missing, with CJK fonts), driven by the Playwright UI
#                            tests; PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${WORKFLOWS_TEST_STATE:-/tmp/workflows-test}"
PG_PORT="${WORKFLOWS_TEST_PG_PORT:-55432}"
PG_ROOT="$STATE/pg"
PG_DATA="$PG_ROOT/data"
PG_SOCK="$PG_ROOT/run"
PG_LOG="$PG_ROOT/postgres.log"
PG_LEASES="$PG_ROOT/leases"        # one file per test.sh run using the cluster (pid)
PG_MARKER="$PG_ROOT/started-by-test-sh"
PG_USER=postgres
PG_PASSWORD=postgres
RESULTS="$ROOT/artifacts/test-results"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# .NET 10's JIT can generate bad code for a devirtualized enumerator it allocates on the stack (conditional escape
# analysis); a CI run crashed with an AccessViolationException inside Fluid's parser (Parlot HybridList) that way.
# The host's launch profile (src/Host/Properties/launchSettings.json) turns it off too; see the README.
export DOTNET_JitObjectStackAllocationConditionalEscape=0

log() { printf '[test.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

IS_ROOT=0
[[ $EUID -eq 0 ]] && IS_ROOT=1

# ---------------------------------------------------------------------------------------------
# apt helpers: `apt-get update` runs at most once, and only when something must be installed.
# ---------------------------------------------------------------------------------------------
APT_UPDATED=0
apt_install() {
  local sudo=()
  if [[ $IS_ROOT -ne 1 ]]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install $*"
    sudo=(sudo -n)
  fi
  command -v apt-get >/dev/null || die "apt-get not found; install manually: $*"
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
PG_BIN=""
find_pg_bin() {
  if [[ -n "${WORKFLOWS_TEST_PG_BIN:-}" ]]; then
    PG_BIN="$WORKFLOWS_TEST_PG_BIN"
    return 0
  fi
  local d best=""
  # Do not rely on /usr/local/bin/initdb etc.: they are symlinks on some machines only.
  best="$(for d in /usr/lib/postgresql/*/bin; do [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]] && echo "$d"; done | sort -V | tail -n 1 || true)"
  PG_BIN="$best"
  [[ -n "$PG_BIN" ]]
}

ensure_postgres() {
  if ! find_pg_bin; then
    apt_install postgresql
    find_pg_bin || die "PostgreSQL installed but no /usr/lib/postgresql/*/bin/initdb found"
  fi
  [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/postgres" ]] || die "incomplete PostgreSQL bin dir: $PG_BIN"
  if [[ $IS_ROOT -eq 1 ]] && ! id -u "$PG_USER" >/dev/null 2>&1; then
    log "creating OS user $PG_USER"
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash "$PG_USER"
  fi
  log "PostgreSQL: $PG_BIN ($("$PG_BIN/postgres" --version))"
}

# Runs a command as the OS user owning the cluster (initdb refuses to run as root).
as_pg() {
  if [[ $IS_ROOT -eq 1 ]]; then
    (cd / && runuser -u "$PG_USER" -- "$@")
  else
    "$@"
  fi
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; }

# 0 = accepting, 1 = rejecting (e.g. starting up), 2 = no response, 3 = bad params
pg_ready_status() {
  local rc=0
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2 || rc=$?
  echo "$rc"
}

wait_pg_ready() {
  local timeout="${1:-60}" i
  for ((i = 0; i < timeout * 2; i++)); do
    pg_ready && return 0
    sleep 0.5
  done
  return 1
}

pg_sql_conf_quote() { printf "'%s'" "${1//\'/\'\'}"; }

init_pg_cluster() {
  local bin_major
  bin_major="$("$PG_BIN/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
  if [[ -f "$PG_DATA/PG_VERSION" && "$(cat "$PG_DATA/PG_VERSION")" != "$bin_major" ]]; then
    log "throwaway cluster in $PG_DATA is PostgreSQL $(cat "$PG_DATA/PG_VERSION"), binaries are $bin_major: recreating it"
    rm -rf "$PG_DATA"
  elif [[ -d "$PG_DATA" && ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "incomplete cluster in $PG_DATA (interrupted initdb?): recreating it"
    rm -rf "$PG_DATA"
  fi

  mkdir -p "$PG_SOCK"
  [[ $IS_ROOT -eq 1 ]] && chown "$PG_USER:" "$PG_ROOT" "$PG_SOCK"
  as_pg test -w "$PG_ROOT" || die "OS user $PG_USER cannot write $PG_ROOT (is a parent of $STATE not traversable? set WORKFLOWS_TEST_STATE)"

  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "initdb $PG_DATA"
    local pwfile locale_args=(--no-locale)
    locale -a 2>/dev/null | grep -qix 'c\.utf-\?8' && locale_args=(--locale=C.UTF-8)
    pwfile="$PG_ROOT/.pwfile"
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    [[ $IS_ROOT -eq 1 ]] && chown "$PG_USER:" "$pwfile"
    chmod 600 "$pwfile"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" --encoding=UTF8 "${locale_args[@]}" \
      --auth-local=trust --auth-host=scram-sha-256 >"$PG_ROOT/initdb.log" 2>&1 \
      || { rm -f "$pwfile"; cat "$PG_ROOT/initdb.log" >&2; die "initdb failed"; }
    rm -f "$pwfile"
    echo "include_if_exists = 'workflows-test.conf'" | as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null
  fi

  # (Re)written at every start, so changing the port etc. needs no re-init. TESTS ONLY: fsync=off.
  as_pg tee "$PG_DATA/workflows-test.conf" >/dev/null <<EOF
# Written by scripts/test.sh -- throwaway test cluster, durability deliberately off.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = $(pg_sql_conf_quote "$PG_SOCK")
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

start_pg_cluster() {
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT (data $PG_DATA, log $PG_LOG)"
  if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    # Our data dir is running but not answering on the wanted port (port changed?): restart it.
    log "cluster in $PG_DATA runs but not on port $PG_PORT: restarting it"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null; then
    tail -n 50 "$PG_LOG" >&2 || true
    die "pg_ctl start failed (log above: $PG_LOG)"
  fi
  wait_pg_ready 60 || { tail -n 50 "$PG_LOG" >&2 || true; die "PostgreSQL did not become ready on port $PG_PORT"; }
}

stop_pg_cluster() {
  log "stopping PostgreSQL (port $PG_PORT)"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 || log "warning: pg_ctl stop failed"
}

# Several test.sh runs may share the cluster (other engineers, parallel CI jobs on one box).
# Each run holds a lease; the last run to leave stops the cluster, but only if a test.sh run
# started it. A cluster that was already up and not started by test.sh is never stopped.
LOCK_FD=""
lock_state() {
  exec {LOCK_FD}>"$STATE/.lock"
  flock -w 300 "$LOCK_FD" || die "could not lock $STATE/.lock"
}
unlock_state() { flock -u "$LOCK_FD"; exec {LOCK_FD}>&-; }

prune_leases() {
  local f pid
  for f in "$PG_LEASES"/*; do
    [[ -e "$f" ]] || continue
    pid="${f##*/}"
    kill -0 "$pid" 2>/dev/null || rm -f "$f"
  done
}

HOLD_LEASE=0
start_postgres() {
  mkdir -p "$STATE" "$PG_ROOT" "$PG_LEASES"
  lock_state
  prune_leases

  local status
  status="$(pg_ready_status)"
  if [[ "$status" == 1 ]]; then
    log "PostgreSQL on port $PG_PORT is starting up, waiting"
    wait_pg_ready 60 || true
    status="$(pg_ready_status)"
  fi
  if [[ "$status" == 0 ]]; then
    if [[ -f "$PG_MARKER" ]]; then
      log "reusing PostgreSQL on 127.0.0.1:$PG_PORT (started by another test.sh run)"
    else
      log "reusing PostgreSQL already running on 127.0.0.1:$PG_PORT (will not stop it)"
    fi
  else
    init_pg_cluster
    start_pg_cluster
    touch "$PG_MARKER"
  fi
  if [[ "${WORKFLOWS_TEST_KEEP_PG:-0}" == 1 ]]; then
    rm -f "$PG_MARKER"
  fi
  touch "$PG_LEASES/$$"
  HOLD_LEASE=1

  # Make sure the role has the expected password (also on a reused cluster), through our own
  # Unix socket when the cluster is ours; then check the exact credentials the tests use.
  if [[ -S "$PG_SOCK/.s.PGSQL.$PG_PORT" ]]; then
    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U "$PG_USER" -d postgres \
      -c "ALTER ROLE $PG_USER WITH LOGIN SUPERUSER PASSWORD '$PG_PASSWORD'" >/dev/null \
      || log "warning: could not set the password of role $PG_USER through $PG_SOCK"
  fi
  PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 \
    "host=127.0.0.1 port=$PG_PORT user=$PG_USER password=$PG_PASSWORD dbname=postgres" -c 'select 1' >/dev/null \
    || die "cannot log in to PostgreSQL on 127.0.0.1:$PG_PORT as $PG_USER/$PG_PASSWORD"
  unlock_state

  export WORKFLOWS_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Include Error Detail=true"
  log "WORKFLOWS_TEST_PG=$WORKFLOWS_TEST_PG"
}

release_postgres() {
  [[ $HOLD_LEASE -eq 1 ]] || return 0
  HOLD_LEASE=0
  lock_state
  rm -f "$PG_LEASES/$$"
  prune_leases
  if [[ -f "$PG_MARKER" ]] && [[ -z "$(ls -A "$PG_LEASES")" ]]; then
    stop_pg_cluster
    rm -f "$PG_MARKER"
  elif [[ -f "$PG_MARKER" ]]; then
    log "leaving PostgreSQL running: another test.sh run still uses it"
  fi
  unlock_state
}

# ---------------------------------------------------------------------------------------------
# Chromium for the Playwright UI tests (tests/Workflows.Web.Tests), from Debian: Playwright never downloads one.
# ---------------------------------------------------------------------------------------------
ensure_chromium() {
  local exe
  exe="$(command -v chromium || true)"
  if [[ -z "$exe" ]]; then
    apt_install chromium
    exe="$(command -v chromium)" || die "chromium installed but not on PATH"
  fi
  # Chinese glyphs for the screenshots the UI tests save (artifacts/screenshots).
  if command -v fc-list >/dev/null && [[ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]]; then
    apt_install fonts-noto-cjk
  fi
  export WORKFLOWS_TEST_CHROMIUM="$exe"
  # Playwright must use this Chromium and never download a browser of its own.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  log "Chromium: $exe ($("$exe" --version 2>/dev/null || echo '?'))"
}

# ---------------------------------------------------------------------------------------------
# SMTP capture server: Debian's python3-aiosmtpd on 127.0.0.1, storing every message it receives
# in a Maildir (new/ holds one file per message). The mail tests send to it and read what arrived.
# Shared like PostgreSQL: each test.sh run holds a lease; the last run to leave stops the server if
# a test.sh run started it; the one started by --setup-only is left running.
# ---------------------------------------------------------------------------------------------
SMTP_ROOT="$STATE/smtp"
SMTP_LEASES="$SMTP_ROOT/leases"
SMTP_PIDFILE="$SMTP_ROOT/aiosmtpd.pid"
SMTP_MARKER="$SMTP_ROOT/started-by-test-sh"
SMTP_LOG="$SMTP_ROOT/aiosmtpd.log"
HOLD_SMTP_LEASE=0

smtp_listening() { (exec 3<>"/dev/tcp/127.0.0.1/$WORKFLOWS_TEST_SMTP_PORT") 2>/dev/null; }

smtp_pid() {
  local pid
  [[ -f "$SMTP_PIDFILE" ]] || return 1
  pid="$(cat "$SMTP_PIDFILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

prune_smtp_leases() {
  local f pid
  for f in "$SMTP_LEASES"/*; do
    [[ -e "$f" ]] || continue
    pid="${f##*/}"
    kill -0 "$pid" 2>/dev/null || rm -f "$f"
  done
}

# $1 = 1 for --setup-only (no lease: the server stays up for the developer's own dotnet test runs).
ensure_smtp_capture() {
  local setup_only="${1:-0}" py=/usr/bin/python3 pid i
  # Debian's python3 (not a pyenv/venv one) is the one that sees python3-aiosmtpd.
  if ! { [[ -x $py ]] && $py -c 'import aiosmtpd' 2>/dev/null; }; then
    apt_install python3-aiosmtpd
    $py -c 'import aiosmtpd' 2>/dev/null || die "python3-aiosmtpd installed but $py cannot import aiosmtpd"
  fi
  export WORKFLOWS_TEST_SMTP_HOST=127.0.0.1
  export WORKFLOWS_TEST_SMTP_PORT="${WORKFLOWS_TEST_SMTP_PORT:-2525}"
  export WORKFLOWS_TEST_MAILDIR="$SMTP_ROOT/mail"
  export WORKFLOWS_TEST_PYTHON="$py"
  mkdir -p "$STATE" "$SMTP_ROOT" "$SMTP_LEASES"
  lock_state
  prune_smtp_leases
  if pid="$(smtp_pid)" && smtp_listening; then
    log "reusing the SMTP capture server on 127.0.0.1:$WORKFLOWS_TEST_SMTP_PORT (pid $pid)"
  else
    smtp_listening && die "127.0.0.1:$WORKFLOWS_TEST_SMTP_PORT is taken by another program; set WORKFLOWS_TEST_SMTP_PORT to a free port"
    # Nobody uses the Maildir now: start empty.
    rm -rf "$WORKFLOWS_TEST_MAILDIR"
    mkdir -p "$WORKFLOWS_TEST_MAILDIR"/{cur,new,tmp}
    # Its own session, so that it outlives this script when --setup-only leaves it running.
    setsid "$py" -m aiosmtpd -n -l "127.0.0.1:$WORKFLOWS_TEST_SMTP_PORT" \
      -c aiosmtpd.handlers.Mailbox "$WORKFLOWS_TEST_MAILDIR" </dev/null >"$SMTP_LOG" 2>&1 &
    pid=$!
    echo "$pid" >"$SMTP_PIDFILE"
    touch "$SMTP_MARKER"
    for ((i = 0; i < 100; i++)); do
      smtp_listening && break
      kill -0 "$pid" 2>/dev/null || { cat "$SMTP_LOG" >&2; unlock_state; die "SMTP capture server failed to start (log above: $SMTP_LOG)"; }
      sleep 0.1
    done
    smtp_listening || { cat "$SMTP_LOG" >&2; unlock_state; die "SMTP capture server did not listen on 127.0.0.1:$WORKFLOWS_TEST_SMTP_PORT"; }
  fi
  if [[ $setup_only -eq 1 ]]; then
    rm -f "$SMTP_MARKER"
  else
    touch "$SMTP_LEASES/$$"
    HOLD_SMTP_LEASE=1
  fi
  unlock_state
  log "SMTP capture: $WORKFLOWS_TEST_SMTP_HOST:$WORKFLOWS_TEST_SMTP_PORT -> $WORKFLOWS_TEST_MAILDIR (pid $pid)"
}

release_smtp_capture() {
  [[ $HOLD_SMTP_LEASE -eq 1 ]] || return 0
  HOLD_SMTP_LEASE=0
  local pid
  lock_state
  rm -f "$SMTP_LEASES/$$"
  prune_smtp_leases
  if [[ -f "$SMTP_MARKER" ]] && [[ -z "$(ls -A "$SMTP_LEASES")" ]]; then
    if pid="$(smtp_pid)"; then
      log "stopping the SMTP capture server (pid $pid)"
      kill "$pid" 2>/dev/null
    fi
    rm -f "$SMTP_PIDFILE" "$SMTP_MARKER"
  fi
  unlock_state
}

# node/npm for the host's front-end build; `npm ci` where node_modules is missing or older than its lock file
# (the host's MSBuild target checks the same before it bundles).
ensure_npm_deps() {
  local lock dir
  if ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  while IFS= read -r lock; do
    dir="$(dirname "$lock")"
    if [[ -f "$dir/node_modules/.package-lock.json" && ! "$lock" -nt "$dir/node_modules/.package-lock.json" ]]; then
      continue
    fi
    log "npm ci in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund)
  done < <(find "$ROOT/src" "$ROOT/tests" -name package-lock.json -not -path '*/node_modules/*' 2>/dev/null | sort)
}

# ---------------------------------------------------------------------------------------------
# Cleanup and result summary
# ---------------------------------------------------------------------------------------------
DOTNET_PID=""
stop_dotnet() {
  [[ -n "$DOTNET_PID" ]] || return 0
  local pid="$DOTNET_PID" i kids
  DOTNET_PID=""
  log "interrupted: stopping dotnet test (pid $pid)"
  kids="$(descendants "$pid")"   # MSBuild, vstest.console, testhost... (no procps on a bare Debian)
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  # shellcheck disable=SC2086
  kill -KILL "$pid" $kids 2>/dev/null
  wait "$pid" 2>/dev/null
}

# All descendant pids of $1, from /proc.
descendants() {
  local f stat pid ppid queue=("$1") p
  local -A kids=()
  for f in /proc/[0-9]*/stat; do
    read -r stat <"$f" 2>/dev/null || continue
    pid="${stat%% *}"
    stat="${stat##*) }"        # skip "pid (comm) " -- comm may contain spaces
    ppid="$(cut -d' ' -f2 <<<"$stat")"
    kids[$ppid]+=" $pid"
  done
  while ((${#queue[@]})); do
    p="${queue[0]}"
    queue=("${queue[@]:1}")
    for pid in ${kids[$p]:-}; do
      echo "$pid"
      queue+=("$pid")
    done
  done
}

cleanup() {
  local rc=$?
  set +e
  stop_dotnet
  release_smtp_capture
  release_postgres
  # Do not leave MSBuild/Roslyn build servers holding the CI job's output open.
  [[ "${CI:-}" == true ]] && dotnet build-server shutdown >/dev/null 2>&1
  exit "$rc"
}

# Sums the <Counters .../> of all TRX files; prints "total executed passed failed skipped".
sum_trx_counters() {
  local f counters a total=0 executed=0 passed=0 failed=0 skipped=0 v
  declare -A c
  while IFS= read -r -d '' f; do
    counters="$(grep -o '<Counters [^>]*>' "$f" | head -n 1 || true)"
    [[ -n "$counters" ]] || continue
    for a in total executed passed failed error timeout aborted notExecuted; do
      v="$(sed -nE "s/.* ${a}=\"([0-9]+)\".*/\1/p" <<<"$counters")"
      c[$a]="${v:-0}"
    done
    total=$((total + c[total]))
    executed=$((executed + c[executed]))
    passed=$((passed + c[passed]))
    failed=$((failed + c[failed] + c[error] + c[timeout] + c[aborted]))
    # xunit skips are recorded as NotExecuted: in total, not in executed.
    skipped=$((skipped + c[total] - c[executed]))
  done < <(find "$RESULTS" -name '*.trx' -print0 2>/dev/null)
  echo "$total $executed $passed $failed $skipped"
}

# ---------------------------------------------------------------------------------------------
main() {
  local setup_only=0
  if [[ "${1:-}" == --setup-only ]]; then setup_only=1; shift; fi

  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # Needed by every test run.
  ensure_postgres
  # The mail tests send to the SMTP capture server and read its Maildir (they fail without it).
  ensure_smtp_capture "$setup_only"
  # The UI tests (tests/Workflows.Web.Tests) drive Debian's Chromium with Playwright; the host's build bundles the
  # designer scripts from the npm registry (src/Host/ClientApp).
  ensure_chromium
  ensure_npm_deps

  if [[ $setup_only -eq 1 ]]; then
    WORKFLOWS_TEST_KEEP_PG=1
    start_postgres
    HOLD_LEASE=0; rm -f "$PG_LEASES/$$"
    echo "export WORKFLOWS_TEST_PG='$WORKFLOWS_TEST_PG'"
    echo "export WORKFLOWS_TEST_SMTP_HOST='$WORKFLOWS_TEST_SMTP_HOST' WORKFLOWS_TEST_SMTP_PORT='$WORKFLOWS_TEST_SMTP_PORT' WORKFLOWS_TEST_MAILDIR='$WORKFLOWS_TEST_MAILDIR' WORKFLOWS_TEST_PYTHON='$WORKFLOWS_TEST_PYTHON'"
    return 0
  fi
  start_postgres

  command -v dotnet >/dev/null || die "dotnet not found on PATH"
  rm -rf "$RESULTS"
  mkdir -p "$RESULTS"
  cd "$ROOT"
  log "dotnet test (results in ${RESULTS#"$ROOT"/})"
  local rc=0
  # In the background + wait, so that a SIGTERM/SIGINT sent to this script alone (CI cancel,
  # timeout(1)) is handled at once: cleanup() forwards it to dotnet and stops PostgreSQL.
  dotnet test Workflows.sln -c Release \
    --logger "console;verbosity=normal" \
    --logger "trx" \
    --results-directory "$RESULTS" \
    --blame-hang-timeout 10m \
    "$@" </dev/null &
  DOTNET_PID=$!
  wait "$DOTNET_PID" || rc=$?
  DOTNET_PID=""

  local total executed passed failed skipped summary
  read -r total executed passed failed skipped < <(sum_trx_counters)
  summary="$passed passed, $failed failed"
  [[ $skipped -gt 0 ]] && summary+=", $skipped skipped"
  echo
  echo "$summary"

  if [[ $rc -ne 0 ]]; then
    return "$rc"
  fi
  if [[ $executed -eq 0 ]]; then
    log "ERROR: no test was run"
    return 1
  fi
  if [[ $failed -gt 0 ]]; then
    return 1
  fi
  return 0
}

main "$@"
