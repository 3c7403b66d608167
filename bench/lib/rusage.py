"""Runs a command and writes its resource usage as JSON: python rusage.py <out.json> <command> [args…]

Node cannot read a child's rusage; wait4(2) can. The figures use it for what a process cost from
its start to its very end, exit handlers included: user + system CPU time and peak RSS (ru_maxrss,
the child's own or that of a child it waited for, whichever is larger). The command's stdio is
inherited; its exit code is passed on.
"""

import json
import os
import sys
import time

out, command = sys.argv[1], sys.argv[2:]
start = time.monotonic()
pid = os.posix_spawnp(command[0], command, os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.monotonic() - start
with open(out, "w") as f:
    json.dump(
        {
            "cpuMs": (usage.ru_utime + usage.ru_stime) * 1000,
            "userMs": usage.ru_utime * 1000,
            "sysMs": usage.ru_stime * 1000,
            "maxRssKiB": usage.ru_maxrss,
            "wallMs": wall * 1000,
        },
        f,
    )
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
