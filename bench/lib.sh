# What the bash benchmark scripts share; sourced by run-pages and run-programme, which define
# `fail MESSAGE` (report and exit) before sourcing it.

# stop PID: TERM, wait up to 5 s, then KILL
stop() {
    local pid=$1
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for _ in {1..50}; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_kolo OUT CMD...: starts `kolo … serve --listen 127.0.0.1:0` in the background, its
# output in OUT.out and OUT.err; sets kolo_pid and kolo_addr (host:port) once it listens.
start_kolo() {
    local out=$1
    shift
    "$@" >"$out.out" 2>"$out.err" &
    kolo_pid=$!
    kolo_addr=''
    for _ in {1..600}; do
        kolo_addr=$(sed -n 's|^kolo: listening on http://||p' "$out.out")
        [[ -n $kolo_addr ]] && return
        kill -0 "$kolo_pid" 2>/dev/null || { cat "$out.err" >&2; fail "kolo exited early"; }
        sleep 0.1
    done
    fail "kolo did not report its address within 60 s"
}

# The wrk script for requests with a new query string each (see its header).
paths_lua=$repo/bench/paths.lua
