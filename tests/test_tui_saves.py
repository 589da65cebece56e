"""The save and load dialogs, and the game's commands in the command palette,
driven with the pilot as a player would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.command import CommandList
from textual.widgets import Input, Label, OptionList

from game.engine import new_game
from game.tui.commands import GAME_COMMANDS, GameCommands


class Host(App[None]):
    """A bare App that opens one screen and keeps what it returned."""

    CSS_PATH = Path(__file__).resolve().parents[1] / "game" / "tui" / "euphrates.tcss"
    COMMANDS = {GameCommands}  # noqa: RUF012 (Textual's own class attribute)

    def __init__(self, screen: Any = None) -> None:
        super().__init__()
        self.first = screen
        self.results: list[Any] = []
        self.actions: list[tuple[str, ...]] = []

    def compose(self) -> ComposeResult:
        yield Label("host")

    def on_mount(self) -> None:
        if self.first is not None:
            self.push_screen(self.first, self.results.append)

    # The App actions the palette calls, recorded instead of performed.
    def action_overlay(self, name: str) -> None:
        self.actions.append(("overlay", name))

    def action_save(self) -> None:
        self.actions.append(("save",))

    def action_load(self) -> None:
        self.actions.append(("load",))

    def action_new_game(self) -> None:
        self.actions.append(("new_game",))

    def action_help(self) -> None:
        self.actions.append(("help",))

    def action_report(self) -> None:
        self.actions.append(("report",))


# --- the command palette ---------------------------------------------------------------------


async def test_palette_finds_supply_overlay_and_runs_it() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p", *"supply")
        await pilot.pause(0.2)
        shown = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert shown == ["Supply overlay\nShow which places and roads are in supply"]
        await pilot.press("enter")
        await pilot.pause()
    assert app.actions == [("overlay", "supply")]


async def test_every_game_command_runs_its_own_action() -> None:
    expected = [
        ("save",),
        ("load",),
        ("new_game",),
        ("overlay", "supply"),
        ("overlay", "traps"),
        ("overlay", "enemy"),
        ("help",),
        ("report",),
    ]
    app = Host()
    async with app.run_test():
        provider = GameCommands(app.screen)
        for command in GAME_COMMANDS:
            async for hit in provider.search(command.name):
                if hit.text == command.name:
                    await hit.command()
    assert [command.name for command in GAME_COMMANDS] == [
        "Save",
        "Load",
        "New game",
        "Supply overlay",
        "Traps overlay",
        "Enemy overlay",
        "Help",
        "After-action report",
    ]
    assert app.actions == expected


# --- the save and load dialogs ---------------------------------------------------------------

from game.data import saves  # noqa: E402 (the dialogs' tests start here)
from game.tui.screens.confirm import ConfirmScreen  # noqa: E402
from game.tui.screens.saves import LoadScreen, SaveScreen  # noqa: E402

TUTORIAL = Path(__file__).resolve().parents[1] / "scenarios" / "tutorial.yaml"
CAMPAIGN = Path(__file__).resolve().parents[1] / "scenarios" / "western-anbar-2017.yaml"


def error_text(app: App[None]) -> str:
    return str(app.screen.query_one("#save-error", Label).render())


async def test_save_screen_refuses_a_path_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(saves.SaveNameError) as refused:
        saves.check_save_name("../x")
    app = Host(SaveScreen(tmp_path))
    async with app.run_test() as pilot:
        await pilot.press(*"../x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert error_text(app) == f"Cannot save: {refused.value}"
        assert app.results == []
        # Typing again clears the complaint; a good name closes the dialog with it.
        app.screen.query_one(Input).value = ""
        await pilot.press(*"ana-taken")
        assert error_text(app) == ""
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == ["ana-taken"]


async def test_save_screen_escape_returns_none(tmp_path: Path) -> None:
    app = Host(SaveScreen(tmp_path))
    async with app.run_test() as pilot:
        await pilot.press(*"kept", "escape")
        await pilot.pause()
    assert app.results == [None]


async def test_save_screen_asks_before_replacing_a_save(tmp_path: Path) -> None:
    scenario, playthrough = saves.start_playthrough(TUTORIAL, 1)
    saves.save_game(tmp_path, "first", playthrough, new_game(scenario, 1))
    app = Host(SaveScreen(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*"first", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Replace the save 'first'?"
        detail = app.screen.detail
        assert detail.startswith("Tutorial: the road to Saqra, day 1, in progress; saved ")
        await pilot.press("n")  # no: back to the name, nothing chosen
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert app.results == []
        await pilot.press("enter", "y")
        await pilot.pause()
    assert app.results == ["first"]


async def test_save_screen_never_writes_over_a_file_that_is_not_a_save(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.json"
    foreign.write_text('{"mine": true}', encoding="utf-8")
    app = Host(SaveScreen(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*"notes", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert error_text(app).startswith("Cannot save over notes.json: ")
        assert error_text(app).endswith("Choose another name.")
    assert app.results == []
    # The data room refuses too, whoever asks, and leaves the file as it was.
    scenario, playthrough = saves.start_playthrough(TUTORIAL, 1)
    with pytest.raises(saves.SaveError, match="it is left as it is"):
        saves.save_game(tmp_path, "notes", playthrough, new_game(scenario, 1))
    assert foreign.read_text(encoding="utf-8") == '{"mine": true}'


async def test_load_screen_lists_saves_and_returns_the_chosen_path(tmp_path: Path) -> None:
    scenario, playthrough = saves.start_playthrough(TUTORIAL, 1)
    state = new_game(scenario, 1)
    first = saves.save_game(tmp_path, "first", playthrough, state)
    second = saves.save_game(tmp_path, "second", playthrough, state)
    (tmp_path / f"broken{first.suffix}").write_text("{ not a save", encoding="utf-8")
    infos = list(saves.list_saves(tmp_path))
    assert sorted(Path(i.path).name for i in infos) == sorted(
        [first.name, second.name, f"broken{first.suffix}"]
    )

    app = Host(LoadScreen(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 3
        broken = [i for i, info in enumerate(infos) if info.error]
        assert len(broken) == 1
        assert options.get_option_at_index(broken[0]).disabled
        assert "unreadable" in prompts[broken[0]]
        readable = [p for i, p in enumerate(prompts) if i != broken[0]]
        assert sorted(p.split("  ")[0].strip() for p in readable) == ["first", "second"]
        assert all("Tutorial: the road to" in p and "day  1  in progress" in p for p in readable)
        wanted = next(i for i, info in enumerate(infos) if Path(info.path) == second)
        options.highlighted = wanted
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [second]


async def test_autosaves_say_their_day_and_the_load_list_shows_their_names_whole(
    tmp_path: Path,
) -> None:
    """Two autosaves of one game, the morning of day 2 and that day with a plan drafted,
    then day 3: each name says its day, and the list shows every name whole."""
    from game.engine import Operation, OpKind, apply_plan

    scenario, playthrough = saves.start_playthrough(CAMPAIGN, 1)
    state = new_game(scenario, 1)
    state, _ = apply_plan(state, ())
    playthrough = playthrough.after((), state)
    morning = saves.autosave(tmp_path, playthrough, state)
    drafted = saves.autosave(tmp_path, playthrough, state,
                             draft=(Operation("advisers", OpKind.REST),))
    state, _ = apply_plan(state, ())
    day_three = saves.autosave(tmp_path, playthrough.after((), state), state)
    assert [morning.stem, drafted.stem, day_three.stem] == [
        "autosave-western-anbar-2017-0001-day2", "autosave-western-anbar-2017-0002-day2",
        "autosave-western-anbar-2017-0003-day3"]
    assert saves.find_save(drafted.stem, tmp_path) == drafted

    app = Host(LoadScreen(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert sorted(p.split("  ")[0] for p in prompts) == sorted(
            p.stem for p in (morning, drafted, day_three))
