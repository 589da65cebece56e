"""The compacted stylesheets (`game.tui.tcss`) are the very rules Textual reads from the
readable ones: the same selectors, declarations, specificity and order."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from textual.app import App
from textual.css.parse import parse
from textual.css.tokenize import tokenize_values

from game.tui import tcss
from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.plan import EmptyPlan


def _rules(css: str) -> list[tuple[object, ...]]:
    variables = tokenize_values(App().get_css_variables())
    return [
        (rule.selector_set, rule.styles.get_rules(), rule.errors, rule.selector_names,
         rule.pseudo_classes)
        for rule in parse("", css, ("test", ""), variable_tokens=variables)
    ]


def _written(cls: type) -> str:
    """A class's DEFAULT_CSS as written in its module (before `tcss.compact`)."""
    source = inspect.getsource(cls)
    found = re.search(r'DEFAULT_CSS = tcss\.compact\("""(.*?)"""\)', source, re.DOTALL)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("readable", [
    (Path(tcss.HERE) / "euphrates.tcss").read_text(encoding="utf-8"),
    _written(KeyBar),
    _written(EmptyPlan),
], ids=["euphrates.tcss", "KeyBar", "EmptyPlan"])
def test_the_compact_stylesheet_is_the_same_rules(readable: str) -> None:
    compact = tcss.compact(readable)
    assert len(compact) < len(readable)
    assert "/*" not in compact and "\n" not in compact
    assert _rules(compact) == _rules(readable)
    assert len(_rules(readable)) > 1


def test_spacing_that_means_something_is_kept() -> None:
    css = "A  B ,\n C:focus  D { border: round  $primary;  padding: 0   1; } /* x */"
    assert tcss.compact(css) == "A B,C:focus D{border:round $primary;padding:0 1;}"
    assert _rules(tcss.compact(css)) == _rules(css)
