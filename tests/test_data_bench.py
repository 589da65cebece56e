"""The synthetic scenario generator: seeded, valid, and fast enough to load at scale."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from types import ModuleType

import pytest

from game.data.scenario import analyse_text

ROOT = Path(__file__).resolve().parent.parent


def load_generator() -> ModuleType:
    path = ROOT / "bench" / "gen_scenario.py"
    spec = importlib.util.spec_from_file_location("gen_scenario", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = load_generator()


def test_seeded_and_valid() -> None:
    text = GEN.generate(300, 450, 7)
    assert text == GEN.generate(300, 450, 7)
    assert text != GEN.generate(300, 450, 8)
    analysis = analyse_text(text, "gen.yaml")
    assert analysis.problems == []
    assert analysis.scenario is not None
    assert len(analysis.scenario.places) == 300
    assert len(analysis.scenario.roads) == 450
    assert len({frozenset((r.a, r.b)) for r in analysis.scenario.roads}) == 450


def test_impossible_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 9 roads"):
        GEN.generate(10, 8, 1)
    with pytest.raises(ValueError, match="more roads than pairs"):
        GEN.generate(3, 4, 1)


def test_a_large_scenario_loads_quickly() -> None:
    # A tenth of the bench size (bench/bench_validate.py measures the full one).
    text = GEN.generate(1000, 1500, 1)
    start = time.perf_counter()
    analysis = analyse_text(text, "big.yaml")
    elapsed = time.perf_counter() - start
    assert analysis.ok
    assert elapsed < 1.0, f"{elapsed:.2f} s for 1,000 places"
