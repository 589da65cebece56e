"""docs/save-format.md names every field a save holds, and its example is a real save's shape."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from game.data.saves import FORMAT_VERSION, parse_save, save_game, start_playthrough
from game.engine import Operation, OpKind, apply_plan, new_game

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "save-format.md").read_text(encoding="utf-8")


def field_paths(value: Any, prefix: str = "") -> set[str]:
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else key
            paths |= {path} | field_paths(inner, path)
    elif isinstance(value, list):
        for inner in value:
            paths |= field_paths(inner, f"{prefix}[]")
    return paths


def test_every_field_of_a_save_is_documented(tmp_path: Path) -> None:
    scenario, playthrough = start_playthrough(ROOT / "scenarios" / "tutorial.yaml", 7)
    plan = (Operation("drone", OpKind.RECON, "haditha--wadi-junction"),
            Operation("engineers-1", OpKind.CLEAR, "haditha--wadi-junction", 1))
    state, _ = apply_plan(new_game(scenario, 7), plan)
    path = save_game(tmp_path, "doc", playthrough.after(plan, state), state)
    written = json.loads(path.read_text(encoding="utf-8"))
    missing = sorted(p for p in field_paths(written) if f"| `{p}` |" not in DOC)
    assert missing == []
    assert f"reads up to `{FORMAT_VERSION}`" in DOC


def test_the_example_has_the_fields_of_a_real_save(tmp_path: Path) -> None:
    example = re.search(r"```json\n(.*?)```", DOC, re.DOTALL)
    assert example is not None
    data = json.loads(example.group(1))
    # The example's scenario text is cut short, so only its shape can match a real save.
    text = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    scenario, playthrough = start_playthrough(ROOT / "scenarios" / "tutorial.yaml", 7)
    state, _ = apply_plan(new_game(scenario, 7), ())
    real = json.loads(save_game(tmp_path, "r", playthrough.after((), state), state).read_text())
    assert field_paths(data) - {"days[].plan[].after", "days[].plan[].target",
                                "days[].plan[].kind", "days[].plan[].owner"} == field_paths(real)
    data["scenario"]["text"] = text
    data["scenario"]["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    save = parse_save(json.dumps(data), Path("example.json"))
    assert (save.seed, save.day, len(save.plans), save.plans[0][1].after) == (7, 2, 1, 1)
