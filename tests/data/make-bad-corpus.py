#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/data/bad/*.json and tests/data/bad/MESSAGES.

Each file breaks one rule of docs/scenario-format.md, starting from a small
valid scenario; MESSAGES gives the exact message sb_scenario_load_from_file()
must report after the file name (tab-separated).  Run it again after changing
a message; the binary files come from a fixed seed so they stay the same.
"""
import copy
import json
import os
import random
import sys

BASE = {
    "format": "stackboard-scenario",
    "version": 1,
    "name": "corpus",
    "title": "Corpus base",
    "balancer": {"backends": ["server-1", "server-2"]},
    "hosts": [
        {"id": "server-1", "label": "Server 1", "ip": "10.0.0.11"},
        {"id": "server-2", "label": "Server 2", "ip": "10.0.0.12"},
    ],
    "components": [
        {"id": "user", "kind": "client", "label": "User"},
        {"id": "dns", "kind": "dns", "label": "DNS", "managed": True},
        {"id": "lb", "kind": "load_balancer", "label": "HAProxy"},
        {"id": "web-1", "kind": "web_server", "host": "server-1", "label": "Nginx"},
        {"id": "app-1", "kind": "app_server", "host": "server-1", "label": "App"},
        {"id": "db-1", "kind": "database", "role": "primary", "host": "server-1", "label": "MySQL"},
        {"id": "web-2", "kind": "web_server", "host": "server-2", "label": "Nginx"},
        {"id": "db-2", "kind": "database", "role": "replica", "host": "server-2", "label": "MySQL"},
    ],
}

TEXT = json.dumps(BASE, indent=2) + "\n"
files = {}


def mutated(change):
    scenario = copy.deepcopy(BASE)
    change(scenario)
    return (json.dumps(scenario, indent=2) + "\n").encode()


def case(name, data, message):
    files[name] = (data if isinstance(data, bytes) else data.encode(), message)


def setter(path, value):
    def change(scenario):
        node = scenario
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def remover(path):
    def change(scenario):
        node = scenario
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return change


rng = random.Random(20240601)
garbage = bytes(rng.randrange(256) for _ in range(4096))
garbage = b"\x89PNG\xff" + garbage  # make sure the first bytes are not UTF-8

case("empty.json", b"", "file is empty")
case("white-space.json", " \n\t\n  \n", "file is empty")
case("truncated.json", TEXT[:TEXT.index('"components"') + 40],
     'line 26, column 19: not JSON: the text ends inside an object')
case("binary-garbage.json", garbage, "line 1, column 1: not valid UTF-8")
case("deep-nesting.json", "[" * 100000, "line 1, column 33: nested more than 32 levels deep")
case("deep-objects.json", '{"a": ' * 1000, "line 1, column 193: nested more than 32 levels deep")
case("huge-number.json", TEXT.replace('"version": 1,', '"version": 1,\n  "hop": 1e400,'),
     "hop: number is too large")
case("huge-integer.json", TEXT.replace('"version": 1,', '"version": 1,\n  "traffic": {"clients": 99999999999999999999},'),
     "line 4, column 26: integer 99999999999999999999 is too large")
case("not-json.json", "This is a text file, not a scenario.\n",
     'line 1, column 1: not JSON: "This" is not a JSON value')
case("trailing-comma.json", TEXT.replace('"title": "Corpus base",', '"title": "Corpus base",,'),
     'line 5, column 26: not JSON: expected a key in double quotes, got ","')
case("top-level-array.json", "[" + TEXT + "]\n", "expected an object at the top level, got an array")
case("wrong-format.json", mutated(setter(["format"], "stackboard-scene")),
     'format: "stackboard-scene" is not "stackboard-scenario"')
case("missing-format.json", mutated(remover(["format"])), "format: required but missing")
case("wrong-version.json", mutated(setter(["version"], 2)),
     "version: 2 is not supported (this Stackboard reads version 1)")
case("version-string.json", mutated(setter(["version"], "1")), "version: expected a number, got a string")
case("invalid-utf8.json", TEXT.replace('"User"', '"User \udcff"').encode("utf-8", "surrogateescape"),
     "line 28, column 22: not valid UTF-8")
case("utf16.json", TEXT.encode("utf-16"), "line 1, column 1: not valid UTF-8")
case("nul-byte.json", TEXT.replace('"Corpus base"', '"Corpus\0base"'),
     "line 5, column 19: the file holds a NUL byte")
case("nul-escape.json", TEXT.replace('"Corpus base"', '"Corpus\\u0000base"'),
     "line 5, column 19: a string holds \\u0000, which a scenario cannot contain")
case("host-id-number.json", mutated(setter(["hosts", 0, "id"], 5)), "hosts[0].id: expected a string, got a number")
case("components-object.json", mutated(setter(["components"], {})), "components: expected an array, got an object")
case("component-string.json", mutated(setter(["components", 3], "web-1")),
     "components[3]: expected an object, got a string")
case("missing-components.json", mutated(remover(["components"])), "components: required but missing")
case("missing-label.json", mutated(remover(["components", 4, "label"])), "components[4].label: required but missing")
case("unknown-host.json", mutated(setter(["components", 4, "host"], "server-9")),
     'components[4].host: unknown host "server-9"')
case("unknown-kind.json", mutated(setter(["components", 2, "kind"], "router")),
     'components[2].kind: unknown kind "router"')
case("duplicate-id.json", mutated(setter(["components", 6, "id"], "web-1")),
     'components[6].id: duplicate id "web-1" (already used by components[3])')
case("duplicate-host-id.json", mutated(setter(["components", 0, "id"], "server-1")),
     'components[0].id: duplicate id "server-1" (already used by hosts[0])')
case("two-primaries.json", mutated(setter(["components", 7, "role"], "primary")),
     'components[7].role: a second primary ("db-2"); only one database takes the writes')
case("role-on-web-server.json", mutated(setter(["components", 3, "role"], "replica")),
     "components[3].role: only a database has a role, not a web_server")
case("database-without-role.json", mutated(remover(["components", 5, "role"])),
     'components[5].role: required but missing (a database is "primary" or "replica")')
case("backend-not-host.json", mutated(setter(["balancer", "backends"], ["server-1", "web-2"])),
     'balancer.backends[1]: unknown host "web-2"')
case("read-ratio.json", mutated(setter(["traffic"], {"read_ratio": 1.7})),
     "traffic.read_ratio: 1.7 is not between 0 and 1")
case("zero-rate.json", mutated(setter(["traffic"], {"rate": 0})), "traffic.rate: 0 is not greater than 0")
case("negative-hop.json", mutated(setter(["hop"], -0.25)), "hop: -0.25 is not greater than 0")
case("zero-interval.json", mutated(setter(["balancer", "health_check"], {"interval": 0})),
     "balancer.health_check.interval: 0 is not greater than 0")
case("rise-zero.json", mutated(setter(["balancer", "health_check"], {"rise": 0})),
     "balancer.health_check.rise: 0 is less than 1")
case("clients-zero.json", mutated(setter(["traffic"], {"clients": 0})), "traffic.clients: 0 is less than 1")
case("no-client.json", mutated(remover(["components", 0])),
     'components: no client; a scenario needs at least one component of kind "client"')
case("two-dns.json", mutated(setter(["components", 0, "kind"], "dns")),
     'components[1].kind: a second dns ("dns"); a scenario has at most one')
case("balancer-without-lb.json", mutated(remover(["components", 2])),
     "balancer: set, but there is no load_balancer component")
case("web-server-without-host.json", mutated(remover(["components", 3, "host"])),
     "components[3].host: required but missing (every web_server runs on a host)")
case("bad-ip.json", mutated(setter(["hosts", 1, "ip"], "10.0.0.300")),
     'hosts[1].ip: "10.0.0.300" is not an IP address')
case("bad-id.json", mutated(setter(["components", 0, "id"], "the user")),
     "components[0].id: \"the user\" may only hold letters, digits, '-', '_' and '.'")
case("replica-without-primary.json", mutated(setter(["components", 5, "role"], "replica")),
     "components[5].role: a replica needs a primary to copy from, and there is none")
case("too-many-hosts.json",
     mutated(setter(["hosts"], [{"id": "h%d" % i, "label": "H"} for i in range(65)])),
     "hosts: 65 hosts, more than the 64 a scenario may have")
case("too-many-components.json",
     mutated(setter(["components"], [{"id": "c%d" % i, "kind": "client", "label": "C"} for i in range(513)])),
     "components: 513 components, more than the 512 a scenario may have")
case("long-text.json", mutated(setter(["components", 0, "explanation"], "x" * 5000)),
     "components[0].explanation: 5000 characters, more than the 4096 a text may have")
case("position-half.json", mutated(setter(["components", 0, "position"], {"x": 10})),
     'components[0].position: needs both "x" and "y"')
case("managed-string.json", mutated(setter(["components", 1, "managed"], "yes")),
     "components[1].managed: expected true or false, got a string")

# Lesson scripts (docs/scenario-format.md, "script").
def scripted(*moments, end=None):
    script = {"moments": list(moments)}
    if end is not None:
        script["end"] = end
    return mutated(setter(["script"], script))


def kill(target, time=5, **more):
    return dict({"time": time, "action": "kill", "target": target}, **more)


def asking(choices, answer=1):
    return {"text": "What happens?", "choices": choices, "answer": answer}


case("script-unknown-action.json", scripted({"time": 5, "action": "explode", "target": "server-1"}),
     'script.moments[0].action: unknown action "explode"')
case("script-unknown-target.json", scripted(kill("server-9")),
     'script.moments[0].target: unknown element "server-9"')
case("script-missing-target.json", scripted({"time": 5, "action": "revive"}),
     "script.moments[0].target: required but missing (revive names an element)")
case("script-kill-client.json", scripted(kill("user")),
     "script.moments[0].target: \"user\" is the visitor's browser, which cannot be killed or revived")
case("script-promote-web-server.json", scripted({"time": 5, "action": "promote", "target": "web-1"}),
     'script.moments[0].target: "web-1" is not a database')
case("script-open-web-server.json", scripted({"time": 5, "action": "open_firewall", "target": "web-1"}),
     'script.moments[0].target: "web-1" is not a firewall')
case("script-unknown-mode.json", scripted({"time": 5, "action": "mode", "value": "sideways"}),
     'script.moments[0].value: unknown mode "sideways"')
case("script-algorithm-without-value.json", scripted({"time": 5, "action": "algorithm"}),
     "script.moments[0].value: required but missing (algorithm needs a value)")


def without_balancer(scenario):
    del scenario["balancer"]
    scenario["hosts"] = scenario["hosts"][:1]
    scenario["components"] = [c for c in scenario["components"]
                              if c["id"] in ("user", "dns", "web-1", "app-1", "db-1")]
    scenario["script"] = {"moments": [{"time": 5, "action": "algorithm", "value": "leastconn"}]}


case("script-algorithm-without-lb.json", mutated(without_balancer),
     "script.moments[0].action: algorithm needs a load_balancer component")
case("script-missing-time.json", scripted({"action": "kill", "target": "web-1"}),
     "script.moments[0].time: required but missing")
case("script-negative-time.json", scripted(kill("web-1", time=-1)),
     "script.moments[0].time: -1 is negative")
case("script-out-of-order.json", scripted(kill("web-1", time=10), kill("web-2", time=5)),
     "script.moments[1].time: 5 is before the moment listed before it, at 10")
case("script-end-too-early.json", scripted(kill("web-1", time=10), end=3),
     "script.end: 3 is before the last moment, at 10")
case("script-no-moments.json", scripted(), "script.moments: empty; a script needs at least one moment")
case("script-moments-missing.json", mutated(setter(["script"], {"end": 10})),
     "script.moments: required but missing")
case("script-not-an-object.json", mutated(setter(["script"], [kill("web-1")])),
     "script: expected an object, got an array")
case("script-too-many-moments.json", scripted(*[kill("web-1", time=t) for t in range(65)]),
     "script.moments: 65 moments, more than the 64 a script may have")
case("script-does-nothing.json", scripted({"time": 5}),
     "script.moments[0]: does nothing; give it an action, a question or a reveal")
case("script-one-choice.json", scripted(kill("web-1", question=asking(["Nothing"]))),
     "script.moments[0].question.choices: 1 choice; a question has 2 to 4")
case("script-five-choices.json", scripted(kill("web-1", question=asking(list("abcde")))),
     "script.moments[0].question.choices: 5 choices; a question has 2 to 4")
case("script-answer-out-of-range.json", scripted(kill("web-1", question=asking(["a", "b"], answer=3))),
     "script.moments[0].question.answer: 3 is more than 2")
case("script-answer-missing.json",
     scripted(kill("web-1", question={"text": "What happens?", "choices": ["a", "b"]})),
     "script.moments[0].question.answer: required but missing")
case("script-question-without-text.json",
     scripted(kill("web-1", question={"choices": ["a", "b"], "answer": 1})),
     "script.moments[0].question.text: required but missing")
case("script-choice-number.json", scripted(kill("web-1", question=asking(["a", 2]))),
     "script.moments[0].question.choices[1]: expected a string, got a number")
case("script-empty-choice.json", scripted(kill("web-1", question=asking(["a", ""]))),
     "script.moments[0].question.choices[1]: must not be empty")
case("script-reveal-number.json", scripted(kill("web-1", reveal=3)),
     "script.moments[0].reveal: expected a string, got a number")

# Found by fuzz/fuzz-scenario (build-aux/fuzz): each file the fuzzer made
# fail, made readable, with the message the fixed loader gives.
# json-glib quoted a bad token cut to a number of bytes, here in the middle
# of "é", and the message was not UTF-8.  The strict check before json-glib
# now gives its own message.
case("cut-character.json", TEXT[:TEXT.index('"Corpus base"')] + '"Les réseaux de l’école, été 2024"',
     'line 5, column 46: not JSON: the text ends inside an object')
# Found while writing the fuzz targets (fuzz-scenario's short simulation
# checks for it): a rate this close to 0 put the next request past the end
# of the simulated clock, and the simulation never returned.
case("tiny-rate.json", mutated(setter(["traffic"], {"rate": 1e-20})),
     "traffic.rate: 1e-20 is less than 0.001")
# Found by fuzz/fuzz-scenario as a leak: json-glib reads the object after
# a complete value ("1" here) and drops it without freeing it.  A second
# value is now refused before json-glib sees the text; the sanitized suite
# (LeakSanitizer) fails on this file if the leak comes back.
case("value-then-object.json", "1\n" + TEXT,
     "line 2, column 1: not JSON: a second value after the first; a scenario is one JSON value")
# Found by fuzz/fuzz-scenario: json-glib takes the hex digits it finds
# after \u (here "c", then two bytes of a U+FEFF) and encodes half a
# surrogate pair as is; either way the text it gives is not UTF-8.
case("short-escape.json", TEXT.replace('"Corpus base"', '"Corpus \\uc\ufeffbase"'),
     "line 5, column 20: a string holds \\uc, which a scenario cannot contain")
case("lone-surrogate.json", TEXT.replace('"User"', '"User \\ud83d"'),
     "line 28, column 22: a string holds \\ud83d, which a scenario cannot contain")
# Found by fuzz/fuzz-scenario: an unknown escape followed by a character of
# several bytes was quoted from a copy of its first byte alone, read past
# its end (AddressSanitizer: stack-buffer-overflow).
case("escape-multibyte.json", TEXT.replace('"Corpus base"', '"Corpus \\\ufeffbase"'),
     'line 5, column 20: not JSON: unknown escape "\\\\\\ufeff"')

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "bad")
os.makedirs(out, exist_ok=True)
for name, (data, _) in files.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
with open(os.path.join(out, "MESSAGES"), "w") as f:
    f.write("# FILE<TAB>message after \"PATH: \"; written by ../make-bad-corpus.py\n")
    for name, (_, message) in sorted(files.items()):
        f.write("%s\t%s\n" % (name, message))
print("%d files" % len(files), file=sys.stderr)
