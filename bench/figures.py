"""How a bench script that measures many sizes names and prints what it measured."""

from __future__ import annotations

import json
import math


def print_figures(figures: dict[str, float], errors: list[str], as_json: bool) -> None:
    """One JSON object (with the errors) for bench/run.py, or a line a figure for a reader."""
    if as_json:
        print(json.dumps({**figures, "errors": errors}, sort_keys=True))
        return
    for key, value in sorted(figures.items()):
        print(f"{key:<32} {value}")
    for why in errors:
        print(f"not measured: {why}")


def size_tag(places: int) -> str:
    """A map's size in a figure's name: `10k` for 10,000 places, `default` for the
    default campaign (0)."""
    return f"{places // 1000}k" if places and places % 1000 == 0 else str(places or "default")


def growths(figures: dict[str, float], named: dict[str, str]) -> dict[str, float]:
    """`growth_NAME` for each figure of `named` (NAME: the figure's name with `{tag}` for
    its size) measured at 10,000 and 100,000 places: the exponent k of time ~ N^k
    between them (1 is linear, n log n 1.1), to three decimals."""
    out: dict[str, float] = {}
    for name, key in named.items():
        low, high = figures.get(key.format(tag="10k")), figures.get(key.format(tag="100k"))
        if low and high:
            out[f"growth_{name}"] = round(math.log10(high / low), 3)
    return out
