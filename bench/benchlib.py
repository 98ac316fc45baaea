"""What the benchmark scripts share: the release binary, servers on 127.0.0.1, wrk and its
output, resident memory, percentiles, `/usr/bin/time`, the machine, and the JSON every part
writes. Standard library only.

`python3 bench/benchlib.py kolo-bin` prints the path of the release binary (building it unless
KOLO_BIN names one), for the bash scripts.
"""

import datetime
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(REPO, "bench", "results")
WARMUP = 2
WRK = ["wrk", "-t2", "-c32", "--latency", "--timeout", "30s"]
PROG = os.path.basename(sys.argv[0])


def log(*words):
    print(f"{PROG}:", *words, file=sys.stderr, flush=True)


def step(what):
    """Names the step now running; `bench/run` reports the last one of a part that fails."""
    log("step:", what)


def run(cmd, **kw):
    log("$", " ".join(cmd))
    return subprocess.run(cmd, check=True, **kw)


def apt_install(commands):
    """Installs with apt the packages of the commands missing here: {command: package}."""
    missing = sorted({pkg for cmd, pkg in commands.items() if not shutil.which(cmd)
                      and not os.path.exists(cmd)})
    if missing:
        step("apt-get install " + " ".join(missing))
        run(["apt-get", "update", "-qq"])
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, stdout=subprocess.DEVNULL)


def kolo_binary():
    """The release binary: $KOLO_BIN (`bench/run` builds it once for all parts), else built
    here with cargo, honouring CARGO_TARGET_DIR."""
    given = os.environ.get("KOLO_BIN")
    if given:
        if not os.access(given, os.X_OK):
            raise SystemExit(f"KOLO_BIN={given} is not an executable")
        return given
    step("cargo build --release --locked -p kolo")
    run(["cargo", "build", "--release", "--locked", "-p", "kolo"], cwd=REPO, stdout=sys.stderr)
    meta = subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"],
                          cwd=REPO, check=True, capture_output=True, text=True).stdout
    return os.path.join(json.loads(meta)["target_directory"], "release", "kolo")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=120) as r:
        return r.status, r.read()


def start(cmd, out, ready, cwd=None):
    """Starts a server, its output in `out`.out and `out`.err (in `cwd`: the IIIF reference
    server leaves a pid file there), and waits until `ready()` gives its address."""
    log("$", " ".join(cmd))
    proc = subprocess.Popen(cmd, stdout=open(out + ".out", "w"), stderr=open(out + ".err", "w"),
                            cwd=cwd)
    for _ in range(1200):
        addr = ready()
        if addr:
            return proc, addr
        if proc.poll() is not None:
            raise SystemExit(f"{cmd[0]} exited early:\n" + open(out + ".err").read()[-3000:])
        time.sleep(0.1)
    stop(proc)
    raise SystemExit(f"{cmd[0]} did not start within 120 s")


def start_kolo(cmd, out):
    """Starts `kolo … serve --listen 127.0.0.1:0` and reads the address it listens on."""

    def ready():
        m = re.search(r"kolo: listening on http://(\S+)", open(out + ".out").read())
        return m and m.group(1)

    return start(cmd, out, ready)


def stop(proc):
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def memory_mib(pid, field="VmHWM"):
    """A field of /proc/PID/status in MiB: VmHWM (the kernel's high-water mark), VmRSS, RssAnon..."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def timed(cmd):
    """Runs `cmd` under /usr/bin/time: (seconds, peak resident MiB, stdout)."""
    log("$", " ".join(cmd))
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "peak_kib=%M"] + cmd, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    peak = int(re.findall(r"peak_kib=(\d+)", done.stderr)[-1]) / 1024
    return seconds, peak, done.stdout


def latency_ms(text):
    """wrk's latency ("737.74us", "3.34ms", "1.01s", "1.20m") in milliseconds."""
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        return None
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]


def parse_wrk(out):
    """Throughput, median and 99th-percentile latency, and trouble, from `wrk --latency`."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    bad = re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: [^\n]+|^\s*0 requests in)",
                     out, re.M)
    return {"requests_per_second": rps, "latency_p50": p50, "latency_p99": p99,
            "p50_ms": latency_ms(p50), "p99_ms": latency_ms(p99),
            "problems": [b.strip() for b in bad]}


PATHS_LUA = os.path.join(REPO, "bench", "paths.lua")  # see its header


class Wrk:
    """Measured wrk runs (a warm-up, then `seconds`), with their commands and raw output."""

    def __init__(self, tmp, seconds):
        self.tmp, self.seconds = tmp, seconds
        self.results, self.commands, self.problems, self.raw = [], [], [], []

    def measure(self, name, base, paths, fresh=False, **extra):
        """wrk over `paths`; returns (and keeps) the figures as a dict with `extra` in it."""
        runs = len(self.commands) + 1
        list_file = os.path.join(self.tmp, f"paths{runs}.txt")
        with open(list_file, "w") as f:
            f.write("\n".join(paths) + "\n")
        mode = "fresh" if fresh else "same"
        for phase, seconds in (("warm", WARMUP), ("run", self.seconds)):
            cmd = WRK + [f"-d{seconds}s", "-s", PATHS_LUA, base, "--", list_file, mode,
                         f"{phase}{runs}"]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        self.commands.append(" ".join(WRK + [f"-d{self.seconds}s", "-s", "bench/paths.lua", base,
                                             "--", f"<{len(paths)} paths>", mode, f"run{runs}"]))
        self.raw.append(f"$ {self.commands[-1]}   # {name}\n{out}")
        figures = parse_wrk(out)
        if figures["problems"]:
            self.problems.append(f"{name}: {'; '.join(figures['problems'])}")
        result = {"name": name, "first_path": paths[0], "paths": len(paths), "fresh": fresh,
                  **figures, **extra}
        self.results.append(result)
        log(f"{name}: {figures['requests_per_second']:.0f} req/s, p50 {figures['latency_p50']},"
            f" p99 {figures['latency_p99']}")
        return result


def alone_ms(url, fresh=False, times=5):
    """Median of sequential requests on an idle server (each with a new query string if
    `fresh`)."""
    spent = []
    for i in range(times):
        t = time.perf_counter()
        get(url + (("&" if "?" in url else "?") + f"n=alone{i}" if fresh else ""))
        spent.append((time.perf_counter() - t) * 1000)
    return sorted(spent)[times // 2]


def machine():
    """What a result depends on besides the code: commit, CPUs, kernel, load."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), "?")
    return {"kolo_commit": commit + (" (with uncommitted changes)" if dirty else ""),
            "cpus": os.cpu_count(), "cpu": cpu, "kernel": os.uname().release,
            "load_average": open("/proc/loadavg").read().split()[:3]}


def utc_stamp():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")


def write_json(default_name, data):
    """Writes a part's figures to $BENCH_JSON (set by `bench/run`), else to
    bench/results/`default_name`."""
    path = os.environ.get("BENCH_JSON") or os.path.join(RESULTS, default_name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2, sort_keys=True)
    log("wrote", path)
    return path


if __name__ == "__main__":
    if sys.argv[1:] == ["kolo-bin"]:
        print(kolo_binary())
    else:
        raise SystemExit("usage: bench/benchlib.py kolo-bin")
