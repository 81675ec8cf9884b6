#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/data/hostile/*.json and tests/data/hostile/EXPECTED.

Files an attacker would write: values that try to leave their field for a
shell command, an SQL statement, a configuration section or a path outside
the export folder; texts that try to break the window; JSON that json-glib
reads although JSON forbids it.  Each case starts from a bundled scenario.

EXPECTED has one line per file, tab-separated: the file, then `ok` when
`stackboard --check` accepts it (tests/test-hostile.sh then exports it,
runs its ufw scripts against a stub, checks the paths and, for the IPv6
designs, runs haproxy, nginx and keepalived on it; the window test opens
it), or `refused` and the message after "PATH: ".  A `#` line before each
says what the case is.  docs/hardening.md lists the cases and their tests.
Run this again after changing a case or a message.
"""
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "..", "..", "data", "scenarios")
HOST_NAME_RULE = ("is not a host name (labels of letters, digits and '-', 1 to 63 "
                  "characters each, joined by dots, at most 253 in all)")
LONG = "W" * 4096          # the most a text may have, and no space to wrap at

cases = []                 # (name, bytes, outcome, message, what)


def bundled(name):
    with open(os.path.join(SCENARIOS, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def dump(scenario):
    return (json.dumps(scenario, indent=2, ensure_ascii=False) + "\n").encode()


def case(name, data, what, message=None):
    cases.append((name, data if isinstance(data, bytes) else data.encode(),
                  "ok" if message is None else "refused", message, what))


def component(scenario, cid):
    return next(c for c in scenario["components"] if c["id"] == cid)


def host(scenario, hid):
    return next(h for h in scenario["hosts"] if h["id"] == hid)


def changed(base, change):
    scenario = copy.deepcopy(bundled(base))
    change(scenario)
    return dump(scenario)


def setting(path, value):
    def change(scenario):
        node = scenario
        for key in path[:-1]:
            node = node[key] if not isinstance(key, tuple) else host(node, key[1])
        node[path[-1]] = value
    return change


# --- Values that leave their field ---------------------------------------

zone_touch = "fe80::1%x\ntouch /tmp/stackboard-owned"
case("ip-zone-shell.json",
     changed("secured-monitored", lambda s: host(s, "lb-server").update(ip=zone_touch)),
     "an IPv6 zone whose text runs a command in the ufw script",
     'hosts[0].ip: "fe80::1%x\\u000atouch /tmp/stackboard-owned" is not an IP address')
sql = "fe80::1%'; DROP DATABASE app; -- '"
case("ip-zone-sql.json",
     changed("distributed", lambda s: host(s, "server-1").update(ip=sql)),
     "an IPv6 zone that ends the SQL string of CHANGE REPLICATION SOURCE",
     'hosts[0].ip: "fe80::1%\'; DROP DATABASE app; -- \'" is not an IP address')
notify = 'fe80::1%x\n    notify_master "/bin/touch /tmp/stackboard-owned"'
case("virtual-ip-notify.json",
     changed("scale-up", setting(["balancer", "virtual_ip"], notify)),
     "a virtual IP that adds a notify_master script to keepalived",
     'balancer.virtual_ip: "fe80::1%x\\u000a    notify_master \\"/bin/touch ..." '
     'is not an IP address')
case("ip-trailing-text.json",
     changed("distributed", lambda s: component(s, "lb").update(ip="203.0.113.10 backup")),
     "an address followed by more words",
     'components[2].ip: "203.0.113.10 backup" is not an IP address')
admin = "www.foobar.com\nlisten admin\n    bind :8404\n    stats enable"
case("dns-name-haproxy.json",
     changed("secured-monitored", setting(["dns", "name"], admin)),
     "a DNS name that adds a stats section to haproxy.cfg (through the certificate path)",
     'dns.name: "www.foobar.com\\u000alisten admin\\u000a    bind :84..." ' + HOST_NAME_RULE)
redirect = "www.foobar.com;\n        return 301 https://evil.example$request_uri"
case("dns-name-nginx.json",
     changed("distributed", setting(["dns", "name"], redirect)),
     "a DNS name that adds a redirect to every Nginx site",
     'dns.name: "www.foobar.com;\\u000a        return 301 https..." ' + HOST_NAME_RULE)
case("dns-name-path.json",
     changed("distributed", setting(["dns", "name"], "www./../../ESCAPED")),
     "a DNS name that puts the zone file outside the export folder",
     'dns.name: "www./../../ESCAPED" ' + HOST_NAME_RULE)
case("dns-name-space.json",
     changed("distributed", setting(["dns", "name"], "www.foo bar.com")),
     "a DNS name with a space, two words to Nginx's server_name",
     'dns.name: "www.foo bar.com" ' + HOST_NAME_RULE)
case("kind-markup.json",
     changed("distributed", lambda s: component(s, "lb").update(kind="<span size='60000'>lb</span>")),
     "Pango markup in a kind, quoted by the message",
     "components[2].kind: unknown kind \"<span size='60000'>lb</span>\"")
case("position-huge.json",
     changed("distributed", lambda s: component(s, "lb").update(position={"x": 1e308, "y": -1e308})),
     "positions of 1e308: the board's transformation was not invertible",
     "components[2].position.x: 1e+308 is more than 100000")
case("id-bidi.json",
     changed("distributed", lambda s: component(s, "lb").update(id="lb\u202egnp.exe")),
     "an id with a right-to-left override, shown escaped",
     'components[2].id: "lb\\u202egnp.exe" may only hold letters, digits, \'-\', \'_\' and \'.\'')

# --- JSON that json-glib reads and RFC 8259 forbids ----------------------

text = bundled("one-server")
one = json.dumps(text, indent=2) + "\n"
case("two-objects.json", one + one, "two scenarios one after the other",
     "line 77, column 1: not JSON: a second value after the first; a scenario is one JSON value")
case("single-quotes.json", one.replace('"format"', "'format'", 1), "a key in single quotes",
     "line 2, column 3: not JSON: a single quote; JSON strings use double quotes")
case("hex-number.json", one.replace('"ttl": 60', '"ttl": 0x3C', 1), "a hexadecimal number",
     'line 9, column 12: not JSON: "0x3C" is not a JSON number')
case("leading-zero.json", one.replace('"ttl": 60', '"ttl": 060', 1), "a number with a leading zero",
     'line 9, column 12: not JSON: "060" is not a JSON number')
case("comment.json", one.replace('"hop"', '/* slow */ "hop"', 1), "a C comment",
     "line 11, column 3: not JSON: a comment; JSON has none")
case("raw-newline.json", one.replace('"One server"', '"One\nserver"', 1),
     "a raw line break inside a string",
     "line 5, column 16: not JSON: a control character inside a string; "
     "write it as an escape such as \\n or \\t")
case("duplicate-key.json", one.replace('"ttl": 60', '"ttl": 60,\n    "ttl": 0', 1),
     "a key twice: json-glib keeps the last, other readers the first",
     'line 10, column 5: not JSON: the key "ttl" appears twice in this object')
case("unknown-escape.json", one.replace('"One server"', '"One \\q server"', 1), "an unknown escape",
     "line 5, column 17: not JSON: unknown escape \\q")

# --- Accepted: what the window and the writers must survive --------------

for field, change in [
        ("label", lambda s: component(s, "lb").update(label=LONG)),
        ("host-label", lambda s: host(s, "server-1").update(label=LONG)),
        ("title", setting(["title"], LONG)),
        ("summary", setting(["summary"], LONG)),
        ("explanation", lambda s: component(s, "lb").update(explanation=LONG))]:
    case("long-%s.json" % field, changed("distributed", change),
         "a %s of 4096 characters without a space" % field.replace("-", " "))
case("long-everything.json",
     changed("secured-monitored", lambda s: (
         s.update(title=LONG, summary=LONG),
         [c.update(label=LONG, explanation=LONG) for c in s["components"]],
         [h.update(label=LONG, explanation=LONG) for h in s["hosts"]])),
     "every text of a scenario with firewalls at 4096 characters")
case("markup-texts.json",
     changed("distributed", lambda s: (
         s.update(title="<span size='60000'>Big</span> & <b>bold"),
         component(s, "lb").update(label="<big>LB</big> &amp; &", explanation="a <b>b</b> & c"))),
     "Pango markup and '&' in texts the window shows")
case("control-texts.json",
     changed("secured-monitored", lambda s: (
         s.update(title="Line\u0007one\u001b[2J\u2028two", name="control-texts"),
         component(s, "lb").update(label="\u202eLB\u0085\u000b"))),
     "control characters (BEL, ESC, NEL, LS) and a bidi override in texts")
case("position-far.json",
     changed("distributed", lambda s: (
         component(s, "lb").update(position={"x": 100000, "y": -100000}),
         component(s, "user").update(position={"x": -100000, "y": 100000}))),
     "positions at the limit, 100000 units apart")
case("slow-hop-fast-rate.json",
     changed("distributed", lambda s: (s.update(hop=86400), s["traffic"].update(rate=1000))),
     "a hop of a day at 1000 requests a second: no request ever finishes")
case("byte-order-mark.json", b"\xef\xbb\xbf" + one.encode(), "a byte order mark before the JSON")
case("dot-ids.json",
     changed("distributed", lambda s: (
         host(s, "server-2").update(id=".."),
         [c.update(host="..") for c in s["components"] if c.get("host") == "server-2"],
         s["balancer"].update(backends=["server-1", ".."]),
         component(s, "db-2").update(id=".hidden"))),
     "ids '..' and '.hidden': file names of the export stay inside their folder")


def ipv6(base, hosts, others, vip=None):
    def change(scenario):
        for h in scenario["hosts"]:
            h["ip"] = hosts[h["id"]]
        for c in scenario["components"]:
            if c["id"] in others:
                c["ip"] = others[c["id"]]
        if vip is not None:
            scenario["balancer"]["virtual_ip"] = vip
    return changed(base, change)


case("ipv6-secured.json",
     ipv6("secured-monitored",
          {"lb-server": "2001:db8::10", "server-1": "2001:db8::11", "server-2": "2001:db8::12"},
          {"user": "2001:db8:100::7", "dns": "2001:db8::53"}),
     "IPv6 only, firewalls and HTTPS: AAAA records, bracketed addresses")
case("ipv6-scale-up.json",
     ipv6("scale-up",
          {"lb-server-1": "2001:db8::a", "lb-server-2": "2001:db8::9",
           "web-server-1": "2001:db8::11", "web-server-2": "2001:db8::12",
           "app-server-1": "2001:db8::21", "app-server-2": "2001:db8::22",
           "db-server-1": "2001:db8::31", "db-server-2": "2001:db8::32"},
          {"user": "2001:db8:100::7", "dns": "2001:db8::53"}, vip="2001:db8::100"),
     "IPv6 only with a keepalived cluster and application servers on machines of their own")
case("ipv6-virtual-ip-only.json",
     changed("scale-up", setting(["balancer", "virtual_ip"], "2001:db8::100")),
     "an IPv6 virtual IP for IPv4 machines: keepalived by multicast")

out = os.path.join(HERE, "hostile")
os.makedirs(out, exist_ok=True)
for old in os.listdir(out):
    os.unlink(os.path.join(out, old))
with open(os.path.join(out, "EXPECTED"), "w", encoding="utf-8") as expected:
    expected.write("# FILE<TAB>ok, or FILE<TAB>refused<TAB>message after \"PATH: \";"
                   " written by ../make-hostile-corpus.py\n")
    for name, data, outcome, message, what in cases:
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        expected.write("# %s\n" % what)
        expected.write("%s\t%s%s\n" % (name, outcome, "" if message is None else "\t" + message))
print("%d files" % len(cases), file=sys.stderr)
