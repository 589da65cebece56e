"""The map's figures at 1,000, 10,000 and 100,000 places, and how they grow.

    python bench/bench_map_growth.py [--sizes 1000,10000,100000] [--quick] [--json]

Runs `bench_map.py` once a size, each in its own process (what one size leaves in
memory and in the collector does not weigh on the next), and prints every figure
it gives; the size-named ones (`first_frame_10k_s`, `menu_air_frame_100k_ms`) for
every size, the rest (`cursor_cpu_ratio`, `cursor_layouts`) from 10,000 places,
as bench_map.py alone would. Then the growth from 10,000 to 100,000 places as the
exponent k of time ~ N^k (1 is linear, n log n 1.1; target <= 1.2, as
bench_scale.py's): `growth_first_frame`, `growth_overlay`, `growth_cursor`,
`growth_menu_unit`, `growth_menu_air`. `--quick`: 1,000 and 10,000 places, one
run, no growth. About 8 minutes in all, most of it at 100,000 places.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.figures import growths, print_figures, size_tag  # noqa: E402

# The figure a growth is of, by the name bench_map.py gives it at a size ("{tag}").
GROWN = {"first_frame": "first_frame_{tag}_s", "overlay": "overlay_{tag}_ms",
         "cursor": "cursor_{tag}_ms", "menu_unit": "menu_unit_frame_{tag}_ms",
         "menu_air": "menu_air_frame_{tag}_ms"}


def one_size(places: int, quick: bool) -> tuple[dict[str, float], str]:
    """bench_map.py's figures at one size, and why it gave none ('' when it did)."""
    command = [sys.executable, str(BENCH / "bench_map.py"), "--places", str(places), "--json",
               *(["--quick"] if quick else ["--runs", "2", "--presses", "20"])]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    try:
        figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {}, f"bench_map.py at {places} places failed: {last}"
    return figures, ""


def measure(sizes: list[int], quick: bool) -> tuple[dict[str, float], list[str]]:
    figures: dict[str, float] = {}
    errors = []
    for places in sizes:
        found, why = one_size(places, quick)
        if why:
            errors.append(why)
        sized = {key: value for key, value in found.items() if f"_{size_tag(places)}_" in key}
        figures |= sized
        if places == 10_000:  # the unnamed figures, as bench_map.py gives them alone
            figures |= {key: value for key, value in found.items()
                        if not any(f"_{size_tag(n)}_" in key for n in sizes)}
    return figures | growths(figures, GROWN), errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 places")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)
    sizes = [1000, 10_000] if args.quick else [int(n) for n in args.sizes.split(",")]
    figures, errors = measure(sizes, args.quick)
    print_figures(figures, errors, args.json)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
