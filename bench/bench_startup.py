"""Start-up by instruction count: the game's first frame against a bare Textual app's.

    python bench/bench_startup.py [--json]

Wall-clock start-up (`bench_tui.py`) swings by a third on a shared machine; the
instructions a start executes do not. Each child of `bench_tui.py` (the game as
`anbar play` starts it, and a bare Textual app showing one label) runs once
under `valgrind --tool=callgrind`, from launch to its first full frame: the
child ends itself (`os._exit`) as soon as that frame is handed to the driver,
so neither side's shutdown is counted. The game runs warm (its checked scenario
cached, as every start after the first) and first (no cache: the YAML parsed,
checked, cached). Each child runs under three fixed hash seeds and each figure is
the median: a set's or a dict's layout follows the string hashes, which move a
start's count by about one per cent from one seed to the next (more than the
margin a target may be met by); fixed seeds give the same figures on every run.
Figures: millions of instructions and their ratios to the bare app's (targets:
at most 1.3 warm, 1.4 first). Without valgrind the script says so and exits 0
with no figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_tui import BARE_CHILD, CHILD_ENV, DEFAULT_SCENARIO, GAME_CHILD, ROOT

TOTAL = re.compile(rb"^(?:summary|totals):\s*(\d+)", re.MULTILINE)

# After the first full frame is displayed, end the process there and then.
AT_FIRST_FRAME = """
import os
_display_then = App._display

def _display_and_end(app, screen, renderable):
    result = _display_then(app, screen, renderable)
    if painted:
        sys.stdout.flush()
        os._exit(0)
    return result

App._display = _display_and_end
"""


def ending_at_first_frame(code: str) -> str:
    """A `bench_tui` child that ends as soon as its first full frame is displayed."""
    head, sep, tail = code.partition("run = App.run")
    assert sep, "bench_tui's child code changed shape"
    return head + AT_FIRST_FRAME + sep + tail


HASH_SEEDS = ("0", "1", "2")


def instructions(code: str, folder: Path, cache: str = "") -> int:
    """Instructions a fresh interpreter executes running `code`, start to exit: the
    median over `HASH_SEEDS`."""
    return int(statistics.median(instructions_once(code, folder, cache, seed)
                                 for seed in HASH_SEEDS))


def instructions_once(code: str, folder: Path, cache: str, seed: str) -> int:
    """Instructions one fresh interpreter executes running `code` under a hash seed."""
    out = folder / "callgrind.out"
    env = {**CHILD_ENV, "ANBAR_CACHE_DIR": cache, "PYTHONHASHSEED": seed}
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                    sys.executable, "-c", code], cwd=ROOT, check=True, timeout=900, env=env,
                   capture_output=True)
    found = TOTAL.search(out.read_bytes())
    if found is None:
        raise RuntimeError("callgrind wrote no total")
    return int(found.group(1))


def measure() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as temp:
        folder = Path(temp)
        cache = str(folder / "cache")
        game = GAME_CHILD.format(root=str(ROOT), scenario=str(DEFAULT_SCENARIO),
                                 saves=str(folder / "saves"))
        # Untimed starts fill the bytecode caches and the scenario cache first.
        subprocess.run([sys.executable, "-c", game], cwd=ROOT, check=True, timeout=120,
                       env={**CHILD_ENV, "ANBAR_CACHE_DIR": cache}, capture_output=True)
        bare = instructions(ending_at_first_frame(BARE_CHILD), folder)
        warm = instructions(ending_at_first_frame(game), folder, cache)
        first = instructions(ending_at_first_frame(game), folder)
    return {
        "startup_bare_minstr": round(bare / 1e6, 1),
        "startup_game_minstr": round(warm / 1e6, 1),
        "startup_first_minstr": round(first / 1e6, 1),
        "startup_instr_ratio": round(warm / bare, 3),
        "startup_first_instr_ratio": round(first / bare, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="accepted; one run is exact")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: no instruction counts", file=sys.stderr)
        print(json.dumps({}) if args.json else "skipped")
        return 0
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    figures = measure()
    if args.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            print(f"{name:28} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
