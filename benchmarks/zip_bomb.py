"""Time and memory to refuse zip bombs as .qdpx annotation files, printed, never asserted.

Each bomb is about 1 MB on disk and built in a temporary folder by tests/data/hostile/make_hostile.py:
1 GiB of zeros as project.qde (sizes declared honestly, or declared as 1 KB), 1 GiB as a source
text (honestly, or declared as 20 MB), 10,003 members, and a project reading twelve texts of 20 MiB
each (each within the article limit, 240 MiB in all). Each is
imported the way ``parallax import annotations`` does (``import_annotations`` on a library) in a
fresh Python process, which prints the seconds to the refusal, its peak resident memory (RSS) and
how much the peak grew during the import.

Target (issue #10): refused in under a second, with memory bounded (tens of MB, not the gigabyte).

Run: python benchmarks/zip_bomb.py
"""

from __future__ import annotations

import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def generator():
    spec = importlib.util.spec_from_file_location("make_hostile", REPO / "tests/data/hostile/make_hostile.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_hostile"] = module
    spec.loader.exec_module(module)
    return module


def bombs(folder: Path) -> dict[str, Path]:
    m = generator()
    project = m.stored("project.qde", m.project().encode())
    source = f"sources/{m.SOURCE_GUID}.txt"
    built = {
        "1 GiB project.qde, honest sizes": m.zip_bomb(),
        "1 GiB project.qde, declared 1 KB": m.zip_bomb(declared=1000),
        "1 GiB source text, honest sizes": m.zip_bomb(source, extra=[project]),
        "1 GiB source text, declared 20 MB": m.zip_bomb(source, declared=20 << 20, extra=[project]),
        "10,003 members": m.raw_zip([project, m.stored(source, m.SOURCE_TEXT.encode()),
                                     *(m.stored(f"sources/{n}.txt", b"x") for n in range(10_001))]),
        "12 texts of 20 MiB read (240 MiB)": m.too_much_text(),
    }
    paths = {}
    for number, (name, data) in enumerate(built.items()):
        path = folder / f"bomb{number}.qdpx"
        path.write_bytes(data)
        paths[name] = path
    return paths


def measure(path: str, library: str) -> dict:
    """In this process: open a library, import the bomb, report."""
    from desktop.core.errors import ParallaxError
    from desktop.core.interchange.import_annotations import import_annotations
    from desktop.core.library import open_library

    with open_library(library) as store:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        try:
            outcome = import_annotations(store, path).summary()
        except ParallaxError as error:
            outcome = "refused: " + str(error).split(": ", 1)[1]
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak / 1024, "grew_mb": (peak - before) / 1024, "outcome": outcome}


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3])))
        return
    with tempfile.TemporaryDirectory(prefix="parallax-zip-bombs-") as folder:
        print(f"{'bomb':38} {'size':>8} {'seconds':>8} {'peak RSS':>9} {'grew':>8}  outcome")
        for name, path in bombs(Path(folder)).items():
            library = Path(folder) / f"{path.stem}.sqlite"
            result = subprocess.run([sys.executable, __file__, "--measure", str(path), str(library)],
                                    capture_output=True, text=True, check=True, cwd=REPO)
            r = json.loads(result.stdout)
            size = path.stat().st_size / 2**20
            print(f"{name:38} {size:7.2f}M {r['seconds']:8.3f} {r['peak_mb']:8.0f}M {r['grew_mb']:7.1f}M  "
                  f"{r['outcome'][:110]}")


if __name__ == "__main__":
    main()
