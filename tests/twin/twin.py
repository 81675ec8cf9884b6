#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""twin.py — hold the simulation to the truth.

For each case, a real HAProxy (Debian's haproxy) runs in front of two real
Nginx processes on free 127.0.0.1 ports, configured by Stackboard's own
config generator (twin-tool config).  A client sends requests at a fixed
rate, the harness SIGKILLs one Nginx (master and workers) and may start it
again, and counts successes per backend, failures and the failure window.
The same case then runs in the simulation (twin-tool simulate) and the two
must agree: per-backend share and failures within 5 % of the requests (or
2 requests, whichever is larger), the failure window within one check
interval.  See tests/twin/README.md.

All cases run at once, each with its own ports and folder, so the suite
takes about as long as one case (~35 s).  Every process is started in its
own process group and killed with it, whatever happens (normal end,
exception, SIGTERM from meson's timeout, Ctrl+C).
"""

import argparse
import asyncio
import atexit
import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

RATE = 10.0          # requests per second
REQUESTS = 300       # 30 s per case
INTERVAL = 2.0       # HAProxy "check inter" (rise 2, fall 3 from the scenario)
KILL_AT = 5.0
REVIVE_AT = 15.0
CLIENTS = 8          # the scenario's browsers, one loopback address each
FIRST_CLIENT = "127.0.0.10"

# (name, twin-tool case options, kill time, revive time)
CASES = [
    ("roundrobin, all healthy", [], None, None),
    ("active-active, kill server-1 (retries 0)", [], KILL_AT, None),
    ("active-passive, kill the active server", ["--mode", "active-passive"], KILL_AT, None),
    ("redispatch (retries 1 + option redispatch)", ["--redispatch"], KILL_AT, None),
    ("active-passive, revive and fail back (rise 2)", ["--mode", "active-passive"], KILL_AT, REVIVE_AT),
    ("leastconn, all healthy", ["--algorithm", "leastconn"], None, None),
    ("source, all healthy", ["--algorithm", "source"], None, None),
]
HOSTS = ("server-1", "server-2")
VICTIM = "server-1"

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


# --- processes, always cleaned up -----------------------------------------

_running = set()


def _die_with_parent():
    # If the harness itself is killed outright, the kernel kills the child.
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def spawn(argv, log_path):
    """Starts ARGV in a new session: its own process group (Nginx's
    workers join their master's), killed as a whole by kill_group()."""
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                preexec_fn=_die_with_parent)
    _running.add(proc)
    return proc


def kill_group(proc):
    # Once: the group's id could be reused after everything in it is gone.
    if getattr(proc, "group_killed", False):
        return
    proc.group_killed = True
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
    _running.discard(proc)


def kill_all():
    for proc in list(_running):
        kill_group(proc)


def on_signal(signum, frame):
    kill_all()
    sys.exit(128 + signum)


# --- ports --------------------------------------------------------------

def free_ports(n):
    """N distinct free loopback ports (held open together so none repeats)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


async def wait_listening(port, proc, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process {proc.args[0]} exited with {proc.returncode}")
        try:
            _, w = await asyncio.open_connection("127.0.0.1", port)
            w.close()
            return
        except OSError:
            await asyncio.sleep(0.01)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


async def wait_refused(port, timeout=2.0):
    """Until the killed Nginx's listening socket is really gone."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            _, w = await asyncio.open_connection("127.0.0.1", port)
            w.close()
            await asyncio.sleep(0.001)
        except OSError:
            return
    raise RuntimeError(f"127.0.0.1:{port} still accepts after SIGKILL")


# --- one backend --------------------------------------------------------

NGINX_CONF = """\
{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    # $msec: when each request (health checks included) reached this Nginx.
    log_format twin '$msec $remote_addr "$request" $status';
    access_log {dir}/access.log twin;
    include {site};
}}
"""


class Backend:
    def __init__(self, host, port, site, base):
        self.host, self.port = host, port
        self.dir = os.path.join(base, host)
        os.makedirs(self.dir, exist_ok=True)
        self.conf = os.path.join(self.dir, "nginx.conf")
        # As root, Nginx's workers would drop to "nobody"; keep them root.
        user = "user root;\n" if os.geteuid() == 0 else ""
        with open(self.conf, "w") as f:
            f.write(NGINX_CONF.format(user=user, dir=self.dir, site=site))
        self.proc = None

    def start(self):
        self.proc = spawn([NGINX, "-p", self.dir, "-e", os.path.join(self.dir, "error.log"),
                           "-c", self.conf, "-g", "daemon off;"],
                          os.path.join(self.dir, "nginx.out"))

    async def kill(self):
        kill_group(self.proc)
        await wait_refused(self.port)

    def check_times(self):
        """Wall-clock times of HAProxy's health checks (GET / HTTP/1.0)."""
        try:
            with open(os.path.join(self.dir, "access.log")) as f:
                # Whole lines only: Nginx may be writing the last one.
                return [float(line.split()[0]) for line in f
                        if line.endswith("\n") and '"GET / HTTP/1.0"' in line]
        except FileNotFoundError:
            return []


# --- one case -----------------------------------------------------------

def client_ip(k):
    """Request k (1, 2, ...) comes from browser (k - 1) mod CLIENTS, as in
    the simulation; browser i has the first address plus i."""
    a, b, c, d = map(int, FIRST_CLIENT.split("."))
    return f"{a}.{b}.{c}.{d + (k - 1) % CLIENTS}"


async def one_request(port, k):
    try:
        r, w = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port, local_addr=(client_ip(k), 0)), 5)
        w.write(b"GET /r/%d HTTP/1.0\r\nHost: www.foobar.com\r\n\r\n" % k)
        data = await asyncio.wait_for(r.read(), 5)
        w.close()
    except (OSError, asyncio.TimeoutError) as e:
        return None, type(e).__name__
    head, _, body = data.partition(b"\r\n\r\n")
    status = head.split(b" ", 2)[1].decode() if head.startswith(b"HTTP/") else "?"
    backend = body.decode(errors="replace").strip()
    if status == "200" and backend in HOSTS:
        return backend, None
    return None, f"HTTP {status}"


class Case:
    def __init__(self, name, options, kill_at, revive_at, tool, base, ports):
        self.name, self.options = name, options
        self.ports = ports
        self.kill_at, self.revive_at = kill_at, revive_at
        self.tool, self.base = tool, base
        self.real = self.sim = None
        self.log = []

    async def run(self):
        for attempt in range(3):
            try:
                self.real = await self.run_real()
                break
            except RuntimeError as e:
                # Most likely a port taken between choosing and binding it.
                self.log.append(f"attempt {attempt + 1}: {e}")
                kill_all_of(self)
                self.ports = free_ports(3)
        else:
            raise RuntimeError(f"{self.name}: " + "; ".join(self.log))
        self.sim = await self.run_sim()

    def configure(self, attempt_dir):
        ports = self.ports
        self.frontend = ports[0]
        servers = dict(zip(HOSTS, ports[1:]))
        argv = [self.tool, "config", attempt_dir, *self.common_options(),
                "--frontend", f"127.0.0.1:{self.frontend}"]
        for host, port in servers.items():
            argv += ["--server", f"{host}=127.0.0.1:{port}"]
        subprocess.run(argv, check=True)
        self.backends = {h: Backend(h, p, os.path.join(attempt_dir, "nginx", h + ".conf"), attempt_dir)
                         for h, p in servers.items()}
        self.haproxy_cfg = os.path.join(attempt_dir, "haproxy", "haproxy.cfg")

    def common_options(self):
        return [*self.options, "--rate", str(RATE), "--interval", str(INTERVAL),
                "--client-ip", FIRST_CLIENT]

    async def start(self, attempt_dir):
        for b in self.backends.values():
            b.start()
        for b in self.backends.values():
            await wait_listening(b.port, b.proc)
        # -db: foreground, no daemon, no pidfile; logs on stdout.
        self.haproxy = spawn([HAPROXY, "-db", "-f", self.haproxy_cfg],
                             os.path.join(attempt_dir, "haproxy.log"))
        await wait_listening(self.frontend, self.haproxy)

    async def align(self):
        """The simulation checks server-1 at 0, 2, 4 ... s and server-2 at
        1, 3, 5 ... s, as HAProxy spreads its first checks from its start.
        Time 0 of the run is therefore one interval after HAProxy's first
        check of server-1, read from that Nginx's access log."""
        first = self.backends[HOSTS[0]]
        deadline = time.monotonic() + 3 * INTERVAL
        while not first.check_times():
            if time.monotonic() > deadline:
                raise RuntimeError("HAProxy never checked server-1")
            await asyncio.sleep(0.005)
        return first.check_times()[0] + INTERVAL

    async def run_real(self):
        attempt_dir = tempfile.mkdtemp(prefix="case-", dir=self.base)
        self.configure(attempt_dir)
        await self.start(attempt_dir)
        start_wall = await self.align()
        loop = asyncio.get_running_loop()
        t0 = loop.time() + (start_wall - time.time())
        schedule = [(k / RATE, 1, k) for k in range(1, REQUESTS + 1)]
        # A kill or revive due with a request happens first (order 0): the
        # simulation's request reaches Nginx only after the kill too.
        if self.kill_at is not None:
            schedule.append((self.kill_at, 0, "kill"))
        if self.revive_at is not None:
            schedule.append((self.revive_at, 0, "revive"))
        schedule.sort()
        tasks = {}
        victim = self.backends[VICTIM]
        for at, _, what in schedule:
            await asyncio.sleep(max(0.0, t0 + at - loop.time()))
            if what == "kill":
                await victim.kill()
            elif what == "revive":
                victim.start()
            else:
                tasks[what] = (at, asyncio.ensure_future(one_request(self.frontend, what)))
        results = {k: (at, await task) for k, (at, task) in tasks.items()}
        checks = {h: [round(t - start_wall, 3) for t in b.check_times()] for h, b in self.backends.items()}
        kill_all_of(self)
        return summarize(results, checks)

    async def run_sim(self):
        argv = [self.tool, "simulate", *self.common_options(), "--requests", str(REQUESTS)]
        if self.kill_at is not None:
            argv += ["--kill", f"{VICTIM}@{self.kill_at}"]
        if self.revive_at is not None:
            argv += ["--revive", f"{VICTIM}@{self.revive_at}"]
        proc = await asyncio.create_subprocess_exec(*argv, stdout=subprocess.PIPE)
        out, _ = await proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"{self.name}: twin-tool simulate failed")
        return json.loads(out)


def kill_all_of(case):
    for b in getattr(case, "backends", {}).values():
        if b.proc is not None:
            kill_group(b.proc)
    if getattr(case, "haproxy", None) is not None:
        kill_group(case.haproxy)


def summarize(results, checks):
    served = {h: 0 for h in HOSTS}
    by_client = [set() for _ in range(CLIENTS)]
    failures = []
    reasons = {}
    for k in sorted(results):
        at, (backend, error) = results[k]
        if backend:
            served[backend] += 1
            by_client[(k - 1) % CLIENTS].add(backend)
        else:
            failures.append(at)
            reasons[error] = reasons.get(error, 0) + 1
    return {
        "requests": len(results),
        "succeeded": sum(served.values()),
        "failed": len(failures),
        "served_by": served,
        "failure_reasons": reasons,
        "first_failure": failures[0] if failures else None,
        "last_failure": failures[-1] if failures else None,
        "by_client": [sorted(s) for s in by_client],
        "checks": checks,
    }


# --- comparison ---------------------------------------------------------

def tolerance():
    return max(0.05 * REQUESTS, 2)


def compare(case):
    """The list of disagreements between the twin and the simulation."""
    real, sim = case.real, case.sim
    tol = tolerance()
    problems = []
    for h in HOSTS:
        if abs(real["served_by"][h] - sim["served_by"].get(h, 0)) > tol:
            problems.append(f"{h} served {real['served_by'][h]} real, {sim['served_by'].get(h, 0)} simulated")
    if abs(real["failed"] - sim["failed"]) > tol:
        problems.append(f"failed {real['failed']} real, {sim['failed']} simulated")
    # Shares can agree by chance: with `source`, each browser must also be
    # answered by the same server on both sides.
    if "source" in case.options and real["by_client"] != sim["by_client"]:
        problems.append(f"browsers' servers {real['by_client']} real, {sim['by_client']} simulated")
    # The window is compared when both sides failed; when only one did, the
    # count above already holds it to the tolerance.
    if real["failed"] and sim["failed"]:
        for key in ("first_failure", "last_failure"):
            if abs(real[key] - sim[key]) > INTERVAL:
                problems.append(f"{key} {real[key]:.1f} s real, {sim[key]:.1f} s simulated")
    return problems


def window(figures):
    if not figures["failed"]:
        return "—"
    return f"{figures['first_failure']:.1f}–{figures['last_failure']:.1f} s"


def table(cases):
    lines = ["| case | served server-1 (real / sim) | served server-2 (real / sim) "
             "| failed (real / sim) | failure window real | failure window sim |",
             "| --- | --- | --- | --- | --- | --- |"]
    for c in cases:
        r, s = c.real, c.sim
        lines.append(f"| {c.name} | {r['served_by']['server-1']} / {s['served_by']['server-1']} "
                     f"| {r['served_by']['server-2']} / {s['served_by']['server-2']} "
                     f"| {r['failed']} / {s['failed']} | {window(r)} | {window(s)} |")
    return lines


async def run_all(cases):
    return await asyncio.gather(*(c.run() for c in cases), return_exceptions=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", required=True, help="path to twin-tool")
    parser.add_argument("--tap", action="store_true", help="TAP output (meson)")
    parser.add_argument("--report", help="write both sides' figures as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--only", help="run only the cases whose name contains this")
    args = parser.parse_args()

    for tool in (HAPROXY, NGINX):
        if not os.access(tool, os.X_OK):
            # A build that insists on its test tools fails instead
            # (meson -Dtest_tools=enabled).
            if os.environ.get("STACKBOARD_TEST_STRICT") == "1":
                print(f"Bail out! {tool} is not installed (-Dtest_tools=enabled)")
                return 1
            print(f"1..0 # SKIP {tool} is not installed")
            return 77
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    atexit.register(kill_all)

    base = tempfile.mkdtemp(prefix="stackboard-twin-")
    chosen = [c for c in CASES if not args.only or args.only in c[0]]
    # All the ports at once, so that no two cases get the same one (HAProxy
    # binds with SO_REUSEPORT: two of them could share a port silently).
    ports = free_ports(3 * len(chosen))
    cases = [Case(name, opts, k, r, args.tool, base, ports[3 * i:3 * i + 3])
             for i, (name, opts, k, r) in enumerate(chosen)]
    started = time.monotonic()
    try:
        outcomes = asyncio.run(run_all(cases))
    finally:
        kill_all()
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"# kept {base}")

    failed = 0
    print(f"1..{len(cases)}")
    for n, (case, outcome) in enumerate(zip(cases, outcomes), 1):
        if isinstance(outcome, BaseException):
            failed += 1
            print(f"not ok {n} - {case.name}: {outcome!r}")
            continue
        problems = compare(case)
        failed += bool(problems)
        print(f"{'not ok' if problems else 'ok'} {n} - {case.name}")
        for p in problems:
            print(f"# {p}")
        print(f"# real: {json.dumps({k: v for k, v in case.real.items() if k != 'checks'})}")
        print(f"# sim:  {json.dumps(case.sim)}")
        print(f"# checks (s from time 0): {json.dumps(case.real['checks'])}")
    done = [c for c, o in zip(cases, outcomes) if not isinstance(o, BaseException)]
    for line in table(done):
        print(f"# {line}")
    print(f"# {time.monotonic() - started:.1f} s")
    if args.report:
        with open(args.report, "w") as f:
            json.dump([{"case": c.name, "real": c.real, "sim": c.sim} for c in done], f, indent=2)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
