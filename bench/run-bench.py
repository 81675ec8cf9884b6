#!/usr/bin/env python3
# run-bench.py — runs every benchmark, prints the table, writes docs/benchmarks.md
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   run-bench.py BUILDDIR [--doc docs/benchmarks.md] [--quick]
#
# build-aux/bench sets up, builds BUILDDIR in release mode and runs this.
# Every row compares Stackboard with a floor or a peer measured in the same
# run, interleaved where they are separate processes, so the ratios hold
# even when a shared machine's absolute times drift.  The start-up row runs
# itself again under a virtual X server and a private session bus
# (`run-bench.py BUILDDIR --startup-worker`).

import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)

# Targets of issue 7; the drag frame's of issue 17.
FRAME_TARGET_MS = {"default": 2.0, "twelve": 8.0}
DRAG_TARGET_MS = 4.0
SIM_TARGET_EVENTS = 5e6
EXPORT_TARGET = 1.0
STARTUP_TARGET_TIME = 1.25
STARTUP_TARGET_RSS = 1.3

SIM_SECONDS, SIM_RATE = 3600, 1000
LINEAR_SECONDS = (360, 3600, 36000)
SERVER_COUNTS = (2, 4, 8, 16, 32, 64)
SERVERS_SECONDS = 360


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def run_timed(cmd, env=None):
    """Wall time (s) and peak RSS (KiB) of one process, checked.

    The peak RSS comes from GNU time: the kernel counts in a child's peak
    the memory of the process it was forked from, which for a child of
    Python is Python's own 10-20 MiB; time(1) itself is tiny."""
    with tempfile.NamedTemporaryFile(mode="r", prefix="stackboard-bench-rss-") as rss:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name] + cmd, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(f"run-bench: {' '.join(cmd)} failed ({proc.returncode}):\n"
                     + proc.stderr.decode(errors="replace"))
        return elapsed, int(rss.read().split()[-1])


def output(cmd, **kwargs):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs).stdout


def median(values):
    return statistics.median(values)


# --- machine ---------------------------------------------------------------

def first_line(cmd, pattern=None):
    """The first line of CMD's output (stdout, then stderr) matching PATTERN."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True)
    except OSError:
        return "not found"
    for line in (proc.stdout + proc.stderr).splitlines():
        if line.strip() and (pattern is None or re.search(pattern, line)):
            return line.strip()
    return "?"


def pkg_version(name):
    try:
        return output(["pkg-config", "--modversion", name]).strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def machine():
    cpu = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        mem_kib = int(f.readline().split()[1])
    distro = "?"
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    distro = line.split("=", 1)[1].strip().strip('"')
    return {
        "cpu": f"{cpu}, {os.cpu_count()} logical CPUs",
        "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "system": f"{distro}, Linux {platform.release()}",
        "load": os.getloadavg(),
        "versions": ", ".join([
            f"GTK {pkg_version('gtk4')}", f"libadwaita {pkg_version('libadwaita-1')}",
            f"GLib {pkg_version('glib-2.0')}", f"cairo {pkg_version('cairo')}",
            f"pango {pkg_version('pango')}", f"pixman {pkg_version('pixman-1')}",
            f"libpng {pkg_version('libpng')}",
        ]),
        "tools": ", ".join([
            first_line(["cc", "--version"]), "meson " + first_line(["meson", "--version"]),
            first_line(["dot", "-V"]), first_line(["Xvfb", "-version"], "X Server"),
        ]),
    }


# --- 1. frame ----------------------------------------------------------------

def bench_frame(builddir, frames):
    log(f"frame: {frames} frames per scene at 1920x1080 ...")
    out = output([os.path.join(builddir, "bench", "bench-render"), "--tsv", "--frames", str(frames),
                  os.path.join(HERE, "servers-12.json")])
    rows = {}
    for line in out.splitlines():
        kind, scene, mode, in_flight, med, p99 = line.split("\t")
        rows[(scene, mode)] = {"in_flight": float(in_flight), "median": float(med), "p99": float(p99)}
    return rows


# --- 2. simulation -----------------------------------------------------------

def bench_sim_api(builddir, scenario, seconds, rate):
    out = output([os.path.join(builddir, "bench", "bench-sim"), "--tsv", scenario, str(seconds), str(rate)])
    _, servers, _, _, requests, events, elapsed, rss = out.split("\t")
    return {"servers": int(servers), "seconds": seconds, "requests": int(requests),
            "events": int(events), "time": float(elapsed), "rss": int(rss)}


def bench_sim(builddir, repeats, servers_dir):
    stackboard = os.path.join(builddir, "src", "stackboard")
    log(f"simulation: stackboard --simulate {SIM_SECONDS} --rate {SIM_RATE}, {repeats}x ...")
    cli = [run_timed([stackboard, "--simulate", str(SIM_SECONDS), "--rate", str(SIM_RATE)])
           for _ in range(repeats)]
    api = [bench_sim_api(builddir, "distributed", SIM_SECONDS, SIM_RATE) for _ in range(repeats)]
    result = {
        "cli_time": median([t for t, _ in cli]),
        "cli_rss": median([r for _, r in cli]),
        "events": api[0]["events"],
        "requests": api[0]["requests"],
        "api_time": median([a["time"] for a in api]),
        "api_rss": median([a["rss"] for a in api]),
    }
    log("simulation: 10x fewer and 10x more requests ...")
    result["linear"] = [bench_sim_api(builddir, "distributed", s, SIM_RATE) for s in LINEAR_SECONDS]
    log(f"simulation: {SERVER_COUNTS[0]} to {SERVER_COUNTS[-1]} servers ...")
    result["servers"] = []
    for n in SERVER_COUNTS:
        path = os.path.join(servers_dir, f"servers-{n}.json")
        with open(path, "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, os.path.join(HERE, "make-servers.py"), str(n)],
                           stdout=f, check=True)
        runs = [bench_sim_api(builddir, path, SERVERS_SECONDS, SIM_RATE) for _ in range(repeats)]
        best = dict(runs[0], time=median([r["time"] for r in runs]))
        result["servers"].append(best)
    return result


# --- 3. export ---------------------------------------------------------------

def bench_export(builddir, repeats, workdir):
    stackboard = os.path.join(builddir, "src", "stackboard")
    dot_file = os.path.join(workdir, "board.dot")
    with open(dot_file, "w", encoding="utf-8") as f:
        subprocess.run([os.path.join(builddir, "bench", "bench-dot"), "distributed"], stdout=f, check=True)
    commands = {}
    for fmt in ("svg", "png"):
        commands[("ours", fmt)] = [stackboard, "--export", os.path.join(workdir, f"ours.{fmt}")]
        commands[("dot", fmt)] = ["dot", f"-T{fmt}", "-o", os.path.join(workdir, f"dot.{fmt}"), dot_file]
    times = {key: [] for key in commands}
    rss = {key: [] for key in commands}
    log(f"export: stackboard --export and dot, {repeats}x interleaved ...")
    for key, cmd in commands.items():      # warm the caches once
        run_timed(cmd)
    for _ in range(repeats):
        for key, cmd in commands.items():
            t, r = run_timed(cmd)
            times[key].append(t)
            rss[key].append(r)
    result = {}
    for key in commands:
        path = commands[key][2] if key[0] == "ours" else commands[key][3]
        result[key] = {"time": median(times[key]), "rss": median(rss[key]),
                       "size": os.path.getsize(path), "pixels": png_size(path)}
    return result


def png_size(path):
    if not path.endswith(".png"):
        return None
    with open(path, "rb") as f:
        head = f.read(24)
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


# --- 4. start-up -------------------------------------------------------------

def startup_env(builddir):
    env = dict(os.environ)
    env.update({
        "GSK_RENDERER": "cairo",
        "GTK_A11Y": "none",
        "NO_AT_BRIDGE": "1",
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": os.path.join(builddir, "data"),
        "LC_ALL": "C.UTF-8",
    })
    env.pop("LD_PRELOAD", None)
    return env


def first_frame(cmd, env, preload):
    """Milliseconds from process start to the first frame, RSS then and peak (KiB)."""
    env = dict(env, LD_PRELOAD=preload)
    start = time.monotonic_ns()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    match = re.search(r"^first-frame (\d+) (\d+) (\d+)$", proc.stderr, re.M)
    if match is None:
        sys.exit(f"run-bench: {cmd[0]} drew no frame:\n{proc.stderr[-2000:]}")
    return (int(match[1]) * 1000 - start) / 1e6, int(match[2]), int(match[3])


def startup_worker(builddir, repeats):
    """Runs inside xvfb-run and dbus-run-session; prints JSON."""
    env = startup_env(builddir)
    preload = os.path.join(builddir, "bench", "libbench-first-frame.so")
    programs = {
        "ours": [os.path.join(builddir, "src", "stackboard")],
        "bare": [os.path.join(builddir, "bench", "bench-bare-adw")],
    }
    samples = {name: [] for name in programs}
    # The first start in a session also starts the desktop portal (GTK
    # asks it for settings): warm that, and the disk caches, up once.
    for cmd in programs.values():
        first_frame(cmd, env, preload)
    for _ in range(repeats):
        for name, cmd in programs.items():
            samples[name].append(first_frame(cmd, env, preload))
    print(json.dumps({name: {"time": median([s[0] for s in runs]),
                             "rss": median([s[1] for s in runs]),
                             "peak": median([s[2] for s in runs]),
                             "times": [round(s[0], 1) for s in runs]}
                      for name, runs in samples.items()}))


def bench_startup(builddir, repeats):
    log(f"start-up: stackboard and a bare AdwApplicationWindow under Xvfb, {repeats}x interleaved ...")
    cmd = [sys.executable, os.path.abspath(__file__), builddir, "--startup-worker",
           "--repeats", str(repeats)]
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        cmd = ["dbus-run-session", "--"] + cmd
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24"] + cmd
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- the table ---------------------------------------------------------------

def verdict(ok):
    return "yes" if ok else "**no**"


def build_rows(r):
    rows = []
    frame = r["frame"]
    floor = frame[("floor", "floor")]
    for scene, title in (("default", "Frame, default scene"), ("twelve", "Frame, 12 servers")):
        f = frame[(scene, "frame")]
        target = FRAME_TARGET_MS[scene]
        rows.append([
            f"{title}, {f['in_flight']:.0f} in flight (median / p99)",
            f"{f['median']:.2f} / {f['p99']:.2f} ms",
            f"clear + fill {floor['median']:.2f} / {floor['p99']:.2f} ms",
            f"{f['median'] / floor['median']:.1f}×",
            f"≤ {target:g} ms",
            verdict(f["median"] <= target) + ("" if f["p99"] <= target else " (p99 over)"),
        ])
    drag, drop = frame[("twelve", "drag")], frame[("twelve", "drop")]
    rows.append([
        f"Drag frame, 12 servers, {drag['in_flight']:.0f} in flight (median / p99)",
        f"{drag['median']:.2f} / {drag['p99']:.2f} ms",
        f"clear + fill {floor['median']:.2f} / {floor['p99']:.2f} ms; the drop {drop['median']:.1f} ms",
        f"{drag['median'] / floor['median']:.1f}×",
        f"≤ {DRAG_TARGET_MS:g} ms",
        verdict(drag["median"] <= DRAG_TARGET_MS) + ("" if drag["p99"] <= DRAG_TARGET_MS else " (p99 over)"),
    ])
    s = r["sim"]
    cli_rate = s["events"] / s["cli_time"]
    api_rate = s["events"] / s["api_time"]
    lin = s["linear"]
    per_req = [x["time"] / x["requests"] for x in lin]
    rss_growth = lin[-1]["rss"] - lin[0]["rss"]
    srv = s["servers"]
    per_event = [x["time"] / x["events"] for x in srv]
    rows.append([
        f"Simulation, `--simulate {SIM_SECONDS} --rate {SIM_RATE}` ({s['requests'] / 1e6:.1f} M requests, "
        f"{s['events'] / 1e6:.1f} M events)",
        f"{cli_rate / 1e6:.1f} M events/s (whole process, {s['cli_time']:.2f} s), "
        f"peak RSS {s['cli_rss'] / 1024:.1f} MiB",
        f"sim loop alone {api_rate / 1e6:.1f} M events/s, {s['api_rss'] / 1024:.1f} MiB",
        f"{cli_rate / SIM_TARGET_EVENTS:.1f}× the target",
        "≥ 5 M events/s",
        verdict(cli_rate >= SIM_TARGET_EVENTS),
    ])
    lin_ok = max(per_req) / min(per_req) < 1.3 and rss_growth < 1024
    rows.append([
        f"Simulation, {lin[0]['requests'] / 1e6:g} M → {lin[-1]['requests'] / 1e6:g} M requests",
        f"time ×{lin[-1]['time'] / lin[0]['time']:.1f} for ×{lin[-1]['requests'] / lin[0]['requests']:.0f} "
        f"requests; peak RSS {lin[0]['rss'] / 1024:.1f} → {lin[-1]['rss'] / 1024:.1f} MiB",
        f"{per_req[0] * 1e9:.0f} → {per_req[-1] * 1e9:.0f} ns per request",
        f"{per_req[-1] / per_req[0]:.2f}× per request",
        "linear, memory flat",
        verdict(lin_ok),
    ])
    growth = per_event[-1] / per_event[0]
    log_bound = math.log2(srv[-1]["servers"]) / math.log2(srv[0]["servers"])
    rows.append([
        f"Simulation, {srv[0]['servers']} → {srv[-1]['servers']} servers ({srv[0]['requests'] / 1e6:g} M requests)",
        f"{per_event[0] * 1e9:.0f} → {per_event[-1] * 1e9:.0f} ns per event; "
        f"events per request {srv[0]['events'] / srv[0]['requests']:.1f} → {srv[-1]['events'] / srv[-1]['requests']:.1f}",
        f"time ×{srv[-1]['time'] / srv[0]['time']:.1f}",
        f"{growth:.2f}× per event",
        f"≤ log-linear (×{log_bound:g} per event)",
        verdict(growth <= log_bound),
    ])
    e = r["export"]
    for fmt in ("svg", "png"):
        ours, dot = e[("ours", fmt)], e[("dot", fmt)]
        ratio = ours["time"] / dot["time"]
        size = f", {ours['pixels'][0]}×{ours['pixels'][1]}" if ours["pixels"] else ""
        dsize = f", {dot['pixels'][0]}×{dot['pixels'][1]}" if dot["pixels"] else ""
        rows.append([
            f"Export, `stackboard --export x.{fmt}` vs `dot -T{fmt}`",
            f"{ours['time'] * 1000:.0f} ms, {ours['rss'] / 1024:.0f} MiB{size}",
            f"dot {dot['time'] * 1000:.0f} ms, {dot['rss'] / 1024:.0f} MiB{dsize}",
            f"{ratio:.2f}",
            "≤ 1.0",
            verdict(ratio <= EXPORT_TARGET),
        ])
    st = r["startup"]
    ours, bare = st["ours"], st["bare"]
    rows.append([
        "Start-up, process start → first frame under Xvfb (cairo)",
        f"{ours['time']:.0f} ms",
        f"bare AdwApplicationWindow {bare['time']:.0f} ms",
        f"{ours['time'] / bare['time']:.2f}×",
        f"≤ {STARTUP_TARGET_TIME}×",
        verdict(ours["time"] / bare["time"] <= STARTUP_TARGET_TIME),
    ])
    rows.append([
        "Start-up, RSS at the first frame (peak)",
        f"{ours['rss'] / 1024:.0f} MiB ({ours['peak'] / 1024:.0f})",
        f"bare {bare['rss'] / 1024:.0f} MiB ({bare['peak'] / 1024:.0f})",
        f"{ours['rss'] / bare['rss']:.2f}×",
        f"≤ {STARTUP_TARGET_RSS}×",
        verdict(ours["rss"] / bare["rss"] <= STARTUP_TARGET_RSS),
    ])
    return rows


HEADER = ["Benchmark", "Stackboard", "Floor / peer, same run", "Ratio", "Target", "Met"]


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def plain_table(header, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    fmt = "  ".join("{:<%d}" % w for w in widths)
    lines = [fmt.format(*header), "  ".join("-" * w for w in widths)]
    lines += [fmt.format(*row) for row in rows]
    return "\n".join(lines).replace("`", "").replace("**", "")


def detail_tables(r):
    frame = r["frame"]
    out = ["Every frame measurement (ms, 1920×1080 image surface):", "",
           markdown_table(["Scene", "What is drawn", "In flight", "Median", "p99"],
                          [[scene, {"floor": "clear + fill",
                                    "frame": "cached board painted + live layer (the canvas)",
                                    "whole": "board + live layer from scratch (first frame, resize, export)",
                                    "drag": "a machine moved: the board before the drag painted, the machine over it, live layer",
                                    "drop": "the drag ends: laid out (machines give way) and drawn whole"}[mode],
                            f"{v['in_flight']:.0f}", f"{v['median']:.3f}", f"{v['p99']:.3f}"]
                           for (scene, mode), v in frame.items()]),
           "", "Simulation from 10× fewer to 10× more requests (distributed, 1000 requests/s, in process):", "",
           markdown_table(["Simulated", "Requests", "Events", "Time", "ns / request", "Peak RSS"],
                          [[f"{x['seconds']} s", f"{x['requests']:,}", f"{x['events']:,}", f"{x['time']:.3f} s",
                            f"{x['time'] / x['requests'] * 1e9:.0f}", f"{x['rss'] / 1024:.1f} MiB"]
                           for x in r["sim"]["linear"]]),
           "", f"Simulation by number of servers ({SERVERS_SECONDS} s at {SIM_RATE} requests/s, bench/make-servers.py, in process):", "",
           markdown_table(["Servers", "Events / request", "Time", "ns / request", "ns / event", "Peak RSS"],
                          [[str(x["servers"]), f"{x['events'] / x['requests']:.1f}", f"{x['time']:.3f} s",
                            f"{x['time'] / x['requests'] * 1e9:.0f}", f"{x['time'] / x['events'] * 1e9:.1f}",
                            f"{x['rss'] / 1024:.1f} MiB"]
                           for x in r["sim"]["servers"]]),
           "", "Start-up samples (ms, in run order): Stackboard " + ", ".join(map(str, r["startup"]["ours"]["times"]))
           + "; bare " + ", ".join(map(str, r["startup"]["bare"]["times"])) + ".",
           ]
    return "\n".join(out)


def write_doc(path, r, rows):
    m = r["machine"]
    generated = "\n".join([
        "<!-- bench:begin — written by build-aux/bench; edit outside these markers -->",
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} by `build-aux/bench`.",
        "",
        f"- **Machine:** {m['cpu']}, {m['memory']}; {m['system']}",
        f"- **Load average** before / after: {m['load'][0]:.2f} / {r['load_after'][0]:.2f} "
        "(other work on a shared machine moves the absolute times; the ratios hold)",
        f"- **Libraries:** {m['versions']}",
        f"- **Tools:** {m['tools']}; release build (`--buildtype=release`)",
        "",
        markdown_table(HEADER, rows),
        "",
        detail_tables(r),
        "<!-- bench:end -->",
    ])
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        pattern = re.compile(r"<!-- bench:begin.*?<!-- bench:end -->", re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _: generated, text)
        else:
            text = text.rstrip("\n") + "\n\n" + generated + "\n"
    else:
        text = "# Benchmarks\n\n" + generated + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("builddir")
    parser.add_argument("--doc", default=os.path.join(TOP, "docs", "benchmarks.md"))
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, for a smoke test")
    parser.add_argument("--startup-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    builddir = os.path.abspath(args.builddir)

    if args.startup_worker:
        startup_worker(builddir, args.repeats)
        return
    if shutil.which("dot") is None:
        sys.exit("run-bench: Graphviz `dot` is missing (build-aux/bench installs it)")
    repeats = 3 if args.quick else 15
    r = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="stackboard-bench-") as workdir:
        r["frame"] = bench_frame(builddir, 300 if args.quick else 600)
        r["sim"] = bench_sim(builddir, 1 if args.quick else 3, workdir)
        r["export"] = bench_export(builddir, repeats, workdir)
        r["startup"] = bench_startup(builddir, 3 if args.quick else 11)
    r["load_after"] = os.getloadavg()
    rows = build_rows(r)
    print()
    print(plain_table(HEADER, rows))
    print()
    write_doc(args.doc, r, rows)
    log(f"written to {os.path.relpath(args.doc)}")


if __name__ == "__main__":
    main()
