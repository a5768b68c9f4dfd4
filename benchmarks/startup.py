"""Cold start to the first painted window on the bundled story (median of 5 runs).

Each run is a new process (``parallax --screenshot``, offscreen), timed from launch until
the window has been laid out, painted and grabbed. Two cases: the very first launch (the
library is created and the bundled story imported) and an ordinary launch.
Run: python benchmarks/startup.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
PARALLAX = shutil.which("parallax", path=str(Path(sys.executable).parent)) or "parallax"


def launch(library: Path, shot: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    subprocess.run([PARALLAX, "--library", str(library), "--screenshot", str(shot)],
                   check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        first = []
        for i in range(RUNS):
            first.append(launch(tmp / f"new{i}.sqlite", tmp / "shot.png"))
        ordinary = [launch(tmp / "new0.sqlite", tmp / "shot.png") for _ in range(RUNS)]
    print(f"first launch (creates library, imports story): median {statistics.median(first)*1000:.0f} ms "
          f"(min {min(first)*1000:.0f}, max {max(first)*1000:.0f})")
    print(f"ordinary launch to painted window:             median {statistics.median(ordinary)*1000:.0f} ms "
          f"(min {min(ordinary)*1000:.0f}, max {max(ordinary)*1000:.0f})   target <= 1000 ms")


if __name__ == "__main__":
    main()
