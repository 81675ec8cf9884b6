#!/usr/bin/env python3
# test-ui-lesson-walk.py — a lesson given with real keys and clicks
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the real program on the X display (with the window manager of
# run-with-wm.sh and a session bus of its own), and walks a lesson while
# the simulation plays: the four steps with Page Down / Page Up, a click
# on the board then Space, kill / revive / promote from the keyboard, the
# mode and the algorithm switched, presentation mode, the editor from the
# keyboard (the board's menu, F2, Delete, Ctrl+Z).  Keys and clicks go
# through xdotool; what changed is read from the window's actions, which
# GTK exports on the session bus (org.gtk.Actions).  Any CRITICAL or
# WARNING the program prints fails the walk.
#
# TAP output; skips when there is no display or a tool is missing.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

APP_PATH = "/io/github/stackboard/Stackboard/window/1"
TOOLS = ("xdotool", "gdbus", "dbus-run-session", "openbox")

results = []


def tap_skip(reason):
    # A build that insists on every test tool (-Dtest_tools=enabled, as CI
    # builds) fails instead of skipping.
    if os.environ.get("STACKBOARD_TEST_STRICT") == "1":
        print("Bail out! " + reason)
        sys.exit(1)
    print("1..0 # SKIP " + reason)
    sys.exit(0)


def check(name, ok, detail=""):
    results.append(ok)
    line = ("ok" if ok else "not ok") + " %d - %s" % (len(results), name)
    if not ok and detail:
        line += "\n# " + detail.replace("\n", "\n# ")
    print(line, flush=True)
    return ok


def run(*args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, timeout=30, **kwargs)


class App:
    def __init__(self, binary, scratch):
        env = dict(os.environ)
        env.update({
            "XDG_DATA_HOME": os.path.join(scratch, "data"),
            "XDG_CONFIG_HOME": os.path.join(scratch, "config"),
            "GSETTINGS_BACKEND": "memory",
            "GTK_A11Y": "none",
            "NO_AT_BRIDGE": "1",
        })
        self.log = open(os.path.join(scratch, "stderr.log"), "w+")
        self.proc = subprocess.Popen([binary], env=env, stdout=self.log, stderr=self.log)
        self.wid = run("xdotool", "search", "--sync", "--onlyvisible", "--pid",
                       str(self.proc.pid)).stdout.split()[0]
        self.bus = self._find_bus_name()

    def _find_bus_name(self):
        for _ in range(100):
            names = run("gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                        "--object-path", "/org/freedesktop/DBus",
                        "--method", "org.freedesktop.DBus.ListNames").stdout
            for name in re.findall(r"':[0-9.]+'", names):
                name = name.strip("'")
                pid = run("gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                          "--object-path", "/org/freedesktop/DBus", "--method",
                          "org.freedesktop.DBus.GetConnectionUnixProcessID", name).stdout
                if re.search(r"\b%d\b" % self.proc.pid, pid):
                    if self.describe("play", bus=name) is not None:
                        return name
            time.sleep(0.1)
        raise RuntimeError("the window's actions never appeared on the bus")

    def describe(self, action, bus=None):
        """(enabled, state) of a window action, or None."""
        out = run("gdbus", "call", "--session", "--dest", bus or self.bus,
                  "--object-path", APP_PATH, "--method", "org.gtk.Actions.Describe", action)
        if out.returncode != 0:
            return None
        enabled = "(true," in out.stdout
        state = re.search(r"\[<(.*)>\]", out.stdout)
        return enabled, (state.group(1).strip("'") if state else None)

    def state(self, action):
        return self.describe(action)[1]

    def enabled(self, action):
        return self.describe(action)[0]

    def activate(self, action, value=None):
        param = "[<%s>]" % value if value is not None else "[]"
        run("gdbus", "call", "--session", "--dest", self.bus, "--object-path", APP_PATH,
            "--method", "org.gtk.Actions.Activate", action, param, "{}")

    def key(self, *keys):
        # Real key presses (XTEST) to the focused window, as a keyboard or
        # a presentation clicker sends them.
        for k in keys:
            run("xdotool", "key", "--clearmodifiers", k)
            time.sleep(0.15)

    def key_slowly(self, *keys):
        # Each key once the last one's popover or dialog is up, however slow
        # the build (the sanitized one is).
        for k in keys:
            run("xdotool", "key", "--clearmodifiers", k)
            time.sleep(1.0)

    def click(self, x, y):
        run("xdotool", "mousemove", "--window", self.wid, str(x), str(y), "click", "1")
        time.sleep(0.2)

    def wait(self, what, wanted, timeout=5.0):
        """Polls WHAT() until it returns WANTED; returns the last value."""
        deadline = time.time() + timeout
        value = what()
        while value != wanted and time.time() < deadline:
            time.sleep(0.05)
            value = what()
        return value

    def stop(self):
        self.activate_app_quit()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.seek(0)
        return self.log.read()

    def activate_app_quit(self):
        run("gdbus", "call", "--session", "--dest", self.bus, "--object-path",
            "/io/github/stackboard/Stackboard", "--method", "org.gtk.Actions.Activate",
            "quit", "[]", "{}")


def expect_state(app, action, wanted, name):
    got = app.wait(lambda: app.state(action), wanted)
    return check(name, got == wanted, "%s is %r, not %r" % (action, got, wanted))


def expect_enabled(app, action, wanted, name):
    got = app.wait(lambda: app.enabled(action), wanted)
    return check(name, got == wanted, "%s enabled: %r" % (action, got))


def walk_steps(app):
    expect_state(app, "lesson-step", "distributed", "opens on the distributed step")
    expect_state(app, "play", "true", "requests flow from the start")
    for step in ("secured-monitored", "scale-up"):
        app.key("Next")
        expect_state(app, "lesson-step", step, "Page Down goes to %s" % step)
        expect_state(app, "play", "true", "%s plays at once" % step)
    app.key("Next")
    expect_state(app, "lesson-step", "scale-up", "Page Down after the last step stays")
    for step in ("secured-monitored", "distributed", "one-server"):
        app.key("Prior")
        expect_state(app, "lesson-step", step, "Page Up goes back to %s" % step)
    app.key("Next")
    expect_state(app, "lesson-step", "distributed", "and forward again to distributed")


def walk_board(app):
    # The board fills the left of the window: a click there, then Space.
    app.click(200, 300)
    app.key("space")
    expect_state(app, "play", "false", "a click on the board, then Space, pauses")
    app.key("space")
    expect_state(app, "play", "true", "Space again plays")
    before = app.state("select")
    app.key("Right")
    after = app.wait(lambda: app.state("select"), None, timeout=1.0)
    check("the arrow keys move the selection", after not in (None, "", before),
          "selection %r then %r" % (before, after))


def walk_failures(app):
    app.activate("select", "'server-1'")
    expect_state(app, "select", "server-1", "win.select picks server 1")
    expect_enabled(app, "kill", True, "Kill applies to a running server")
    expect_enabled(app, "revive", False, "Revive does not, yet")
    app.key("k")
    expect_enabled(app, "revive", True, "K killed it: Revive applies now")
    expect_enabled(app, "kill", False, "and Kill no longer does")
    app.key("r")
    expect_enabled(app, "kill", True, "R revived it")
    app.activate("select", "'db-2'")
    expect_enabled(app, "promote", True, "Promote applies to the replica")
    app.key("p")
    expect_enabled(app, "promote", False, "P promoted it: it is the primary now")
    app.activate("select", "'db-1'")
    expect_enabled(app, "promote", True, "the old primary is a replica now")
    expect_state(app, "play", "true", "all that while playing")


def walk_balancer(app):
    app.click(200, 300)
    app.key("m")
    expect_state(app, "mode", "active-passive", "M switches to active-passive")
    app.key("a")
    expect_state(app, "algorithm", "leastconn", "A switches to least connections")
    app.key("a")
    expect_state(app, "algorithm", "source", "A again to source hashing")
    app.activate("mode", "'active-active'")
    expect_state(app, "mode", "active-active", "win.mode back to active-active")
    app.activate("algorithm", "'roundrobin'")
    expect_state(app, "algorithm", "roundrobin", "win.algorithm back to round robin")
    expect_state(app, "play", "true", "still playing")


def walk_presentation(app):
    app.key("F11")
    expect_state(app, "presentation", "true", "F11: presentation mode")
    app.key("Next")
    expect_state(app, "lesson-step", "secured-monitored", "Page Down works on the wall too")
    app.key("m")
    expect_state(app, "mode", "active-passive", "and M")
    app.key("Escape")
    expect_state(app, "presentation", "false", "Escape leaves presentation mode")


def walk_script(app):
    # The distributed step's script: Server 1 dies at 10 s and the board
    # stops at the question; the class votes, Space tells.
    app.activate("lesson-step", "'distributed'")
    expect_state(app, "lesson-step", "distributed", "back to the distributed step")
    app.click(200, 300)
    app.key("plus", "plus", "plus")
    app.key("q")
    expect_state(app, "script", "true", "Q plays the lesson script")
    expect_enabled(app, "reveal", True, "the script stops at its question")
    app.key("2")
    expect_state(app, "vote", "2", "key 2 records the class's vote")
    app.key("space")
    expect_enabled(app, "reveal", False, "Space reveals the answer")
    expect_state(app, "vote", "0", "and the vote is done with")
    expect_state(app, "play", "true", "the board plays on")


def walk_editor(app):
    # The editor from the keyboard alone: the board's menu (Menu key) and
    # its mnemonics, F2, Delete, Ctrl+Z.
    app.activate("lesson-step", "'distributed'")
    expect_state(app, "lesson-step", "distributed", "back on the distributed step")
    expect_enabled(app, "undo", False, "nothing to undo on a step just opened")
    # The board has the keys: a click on it, in an empty spot.
    app.click(200, 300)
    app.wait(lambda: app.state("select"), "", timeout=2.0)
    app.activate("select", "'server-1'")
    expect_state(app, "select", "server-1", "server 1 selected")
    app.key_slowly("Menu", "a", "f")
    expect_state(app, "select", "fw-1", "Menu, Add, Firewall: server 1's firewall, selected")
    expect_enabled(app, "undo", True, "and it can be undone")
    app.key("ctrl+z")
    expect_state(app, "select", "", "Ctrl+Z takes it away again")
    expect_enabled(app, "undo", False, "back to the step as opened")
    app.activate("select", "'web-2'")
    app.key_slowly("F2")
    run("xdotool", "type", "--delay", "20", "Apache")
    app.key_slowly("Return")
    expect_enabled(app, "undo", True, "F2, a name and Return rename")
    app.key("ctrl+z")
    app.activate("select", "'server-2'")
    app.key("Delete")
    expect_state(app, "select", "", "Delete removes server 2")
    expect_enabled(app, "kill", False, "with everything on it: nothing left selected to kill")
    app.key("ctrl+z")
    expect_enabled(app, "undo", False, "Ctrl+Z brings it back")
    app.activate("select", "'lb'")
    app.key_slowly("shift+F10", "h")
    expect_state(app, "https", "true", "Shift+F10, HTTPS: the load balancer ends HTTPS")
    app.key_slowly("Menu", "m", "o")
    expect_state(app, "select", "lb", "Menu, Move To, A Machine of Its Own")
    app.key("ctrl+z", "ctrl+z")
    expect_state(app, "https", "false", "two undos: plain HTTP again")
    expect_enabled(app, "undo", False, "and the design as opened")


def main():
    binary = os.environ.get("STACKBOARD")
    if not os.environ.get("DISPLAY"):
        tap_skip("no X display")
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        tap_skip("missing " + ", ".join(missing))
    if not binary:
        tap_skip("STACKBOARD is not set")
    if not os.environ.get("STACKBOARD_WALK_BUS"):
        # A session bus of our own, so the window's actions can be read.
        os.environ["STACKBOARD_WALK_BUS"] = "1"
        os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable] + sys.argv)

    with tempfile.TemporaryDirectory() as scratch:
        app = App(binary, scratch)
        try:
            run("xdotool", "windowsize", app.wid, "1280", "800")
            run("xdotool", "windowactivate", "--sync", app.wid)
            walk_steps(app)
            walk_board(app)
            walk_failures(app)
            walk_balancer(app)
            walk_presentation(app)
            walk_editor(app)
            walk_script(app)
        except Exception as error:  # the window gone, or not answering
            check("the walk went to its end", False,
                  "%s: %s (the program %s)" % (type(error).__name__, error,
                                               "exited with %d" % app.proc.returncode
                                               if app.proc.poll() is not None else "still runs"))
        finally:
            log = app.stop()
        # GLib's criticals and warnings, and in a sanitized build any report.
        bad = [line for line in log.splitlines()
               if re.search(r"CRITICAL|WARNING|Sanitizer|runtime error", line)
               and "fd limit" not in line]
        # On failure the whole log goes to the test's output: a sanitizer's
        # stacks are what say where to look.
        check("the program printed no CRITICAL, WARNING or sanitizer report", not bad,
              log[-20000:] if bad else "")
    print("1..%d" % len(results))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
