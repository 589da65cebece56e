"""How a bench script that measures many sizes prints what it measured."""

from __future__ import annotations

import json


def print_figures(figures: dict[str, float], errors: list[str], as_json: bool) -> None:
    """One JSON object (with the errors) for bench/run.py, or a line a figure for a reader."""
    if as_json:
        print(json.dumps({**figures, "errors": errors}, sort_keys=True))
        return
    for key, value in sorted(figures.items()):
        print(f"{key:<32} {value}")
    for why in errors:
        print(f"not measured: {why}")
