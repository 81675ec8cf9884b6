#!/usr/bin/env python3
# make-servers.py — a scenario with N identical servers behind the load balancer
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   make-servers.py N [TEMPLATE] > servers-N.json
#
# Copies bench/servers-12.json (or TEMPLATE) and repeats its first server
# (host, Nginx, application server, files, database) N times: the first
# database is the primary, the others its replicas.  The scenario format
# allows 64 machines (SB_SCENARIO_MAX_HOSTS), so N is at most 64.

import copy
import json
import os
import sys

MAX_HOSTS = 64


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: make-servers.py N [TEMPLATE]")
    n = int(sys.argv[1])
    if not 1 <= n <= MAX_HOSTS:
        sys.exit(f"make-servers.py: N must be between 1 and {MAX_HOSTS}")
    here = os.path.dirname(os.path.abspath(__file__))
    template = sys.argv[2] if len(sys.argv) == 3 else os.path.join(here, "servers-12.json")
    with open(template, encoding="utf-8") as f:
        scenario = json.load(f)

    host0 = scenario["hosts"][0]
    front = [c for c in scenario["components"] if "host" not in c]
    stack = [c for c in scenario["components"] if c.get("host") == host0["id"]]

    hosts, components = [], list(front)
    for i in range(1, n + 1):
        host = dict(host0, id=f"server-{i}", label=f"Server {i}", ip=f"10.0.0.{10 + i}")
        hosts.append(host)
        for comp in stack:
            c = copy.deepcopy(comp)
            c["id"] = comp["id"].rsplit("-", 1)[0] + f"-{i}"
            c["host"] = host["id"]
            if c.get("role"):
                c["role"] = "primary" if i == 1 else "replica"
                c["label"] = "MySQL primary" if i == 1 else "MySQL replica"
            components.append(c)

    scenario["name"] = f"servers-{n}"
    scenario["hosts"] = hosts
    scenario["components"] = components
    scenario["balancer"]["backends"] = [h["id"] for h in hosts]
    json.dump(scenario, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
