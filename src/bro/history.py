"""When each data file last changed, from git (falls back to the build date outside a git checkout)."""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changed(root: Path, folder: str, fallback: dt.date) -> dict[str, dt.datetime]:
    """Slug → time of the last commit that touched data/<folder>/<slug>.yml."""
    default = dt.datetime.combine(fallback, dt.time(), dt.UTC)
    try:
        log = subprocess.run(["git", "log", "--format=@%cI", "--name-only", "--", f"data/{folder}"], cwd=root,
                             capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    times: dict[str, dt.datetime] = {}
    current = default
    for line in log.splitlines():
        if line.startswith("@"):
            current = dt.datetime.fromisoformat(line[1:]).astimezone(dt.UTC)
        elif line.endswith(".yml"):
            times.setdefault(Path(line).stem, current)
    return times
