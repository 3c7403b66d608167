"""Peak memory of this process around one operation; see bench/workloads/memory.cjs."""

import re


def _status_kib(field):
    with open("/proc/self/status") as f:
        return int(re.search(rf"^{field}:\s+(\d+) kB", f.read(), re.M).group(1))


def reset_peak():
    """Resets the peak (VmHWM) to the current RSS; returns the current RSS in MiB."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    return _status_kib("VmRSS") / 1024


def peak():
    """The peak RSS since the last reset, in MiB."""
    return _status_kib("VmHWM") / 1024
