"""A YAML syntax error in words an author can act on.

The parser's own text ("found character that cannot start any token", "mapping
values are not allowed in this context") says what the parser met, not what to
change. This adds what to change for the usual slips (a tab in the indentation,
a line indented off its block, a second `: ` in an unquoted value, a quote or a
bracket never closed), shows the line with its tabs made visible, and says
that a syntax error hides every other problem until it is fixed: the file is
checked field by field only once it reads as YAML.
"""

from __future__ import annotations

from dataclasses import replace

from game.data.problems import Problem

SYNTAX = "YAML syntax error: "
SHOWN_CHARS = 60
THE_REST = "; fix this first: the other checks run once the file reads as YAML"


def shown_line(line: str) -> str:
    """A line of the file as a message quotes it: tabs and other controls made visible."""
    visible = "".join(c if c.isprintable() else ("\\t" if c == "\t" else f"\\x{ord(c):02x}")
                      for c in line.rstrip("\r\n"))
    return visible if len(visible) <= SHOWN_CHARS else visible[: SHOWN_CHARS - 3] + "..."


def explain_syntax_error(text: str, problem: Problem) -> Problem:
    """`problem` with a hint added when it is a YAML syntax error, else unchanged."""
    if not problem.message.startswith(SYNTAX) or problem.line < 1:
        return problem
    lines = text.splitlines()
    line = lines[problem.line - 1] if problem.line <= len(lines) else ""
    hint = _hint(problem.message, lines, problem.line, problem.col)
    quoted = f' (line {problem.line}: "{shown_line(line)}")' if line.strip() else ""
    return replace(problem, message=f"{problem.message}{hint}{quoted}{THE_REST}")


def _tab_near(lines: list[str], number: int) -> int | None:
    """The line number (this one or the one before) whose indentation holds a tab."""
    for n in (number, number - 1):
        if 1 <= n <= len(lines):
            line = lines[n - 1]
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                return n
    return None


def _hint(message: str, lines: list[str], number: int, col: int) -> str:
    if "end of stream" in message and "quoted scalar" in message:
        return ": a quote is opened and never closed"
    if number > len(lines):
        return ""
    tab = _tab_near(lines, number)
    if tab is not None or "tab" in message:
        where = f"line {tab}" if tab is not None else f"line {number}"
        return (f": a tab in the indentation of {where}; YAML indents with spaces only, "
                "so replace the tab with spaces")
    line = lines[number - 1]
    indent = len(line) - len(line.lstrip(" "))
    if "mapping values are not allowed" in message:
        if line[:col].count(": ") >= 2 or line.strip().count(": ") >= 2:
            return (": a second ': ' on one line; quote a value that holds ': ' "
                    '(title: "Tutorial: the road")')
        return (f": line {number} is indented deeper than the key above it "
                f"({indent} spaces); line it up with the keys of its mapping")
    if ("did not find expected" in message and ("-" in message or "key" in message)) or \
            "expected <block end>" in message:
        return (f": the indentation of line {number} ({indent} spaces) matches no block above "
                "it; the items of a list, and the keys of a mapping, start in one column")
    if "flow sequence" in message or "flow mapping" in message:
        return ": a [ or { is not closed (or a comma is missing between its items)"
    return ""
