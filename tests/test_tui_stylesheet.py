"""The compacted stylesheets (`game.tui.tcss`) are the very rules Textual reads from the
readable ones: the same selectors, declarations, specificity and order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.app import App
from textual.css.parse import parse
from textual.css.tokenize import tokenize_values

from game.tui import tcss


def _rules(css: str) -> list[tuple[object, ...]]:
    variables = tokenize_values(App().get_css_variables())
    return [
        (rule.selector_set, rule.styles.css_lines, rule.errors, rule.selector_names,
         rule.pseudo_classes)
        for rule in parse("", css, ("test", ""), variable_tokens=variables)
    ]


@pytest.mark.parametrize("name", list(tcss._sections()), ids=lambda name: name or "game")
def test_the_compact_stylesheet_is_the_same_rules(name: str) -> None:
    readable = tcss._sections()[name]
    compact = tcss.game() if name == "" else tcss.section(name)
    assert len(compact) < len(readable)
    assert "/*" not in compact and "\n" not in compact
    assert _rules(compact) == _rules(readable)
    assert len(_rules(readable)) >= 1


def test_every_style_lives_in_the_one_stylesheet() -> None:
    """No Python module writes rules inline: each DEFAULT_CSS is a section of
    euphrates.tcss, and each section is some class's."""
    tui = Path(tcss.HERE)
    used: set[str] = set()
    for module in tui.rglob("*.py"):
        source = module.read_text(encoding="utf-8")
        for found in re.finditer(r"(?:DEFAULT_CSS|CSS) = (.*)", source):
            assert found.group(1).startswith(("tcss.section(", "tcss.game()")), module
            used.update(re.findall(r'"(\w+)"', found.group(1)))
    assert used == set(tcss._sections()) - {""}
    assert [path.name for path in tui.rglob("*.tcss")] == [tcss.SHEET]


def test_an_unknown_section_is_named() -> None:
    with pytest.raises(KeyError, match="no section Nowhere"):
        tcss.section("dialog", "Nowhere")


def test_spacing_that_means_something_is_kept() -> None:
    css = "A  B ,\n C:focus  D { border: round  $primary;  padding: 0   1; } /* x */"
    assert tcss.compact(css) == "A B,C:focus D{border:round $primary;padding:0 1;}"
    assert _rules(tcss.compact(css)) == _rules(css)
