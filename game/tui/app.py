"""The Euphrates Road App: title screen or game screen, save and load, quit with autosave.

`create_app(scenario_path=None, seed=None, load=None, saves_folder=None)` builds it:
with a scenario or a save it opens the game directly, else the title screen.
The App's actions (`save`, `load`, `new_game`, `overlay`, `help`, `report`) are
the ones the command palette and the key bindings call. `run_app` runs it for
the command line: a crash autosaves the game when its state is whole, then
exits with status 1 and the error on stderr.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeGuard

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from game.data import saves
from game.data.files import slow_to_open
from game.data.problems import printable
from game.engine import GameState
from game.tui import garbage, opening, tcss, wording

if TYPE_CHECKING:
    from textual.command import Provider

    from game.tui.screens.replay import ReplayScreen
    from game.tui.screens.saves import LoadScreen
    from game.tui.screens.title import TitleScreen


# The screens and the palette's commands are imported when first shown: a game
# opened from the command line starts without the title's widgets.


def _game_commands() -> type[Provider]:
    from game.tui.commands import GameCommands

    return GameCommands


def _title(latest_save: Path | None) -> Screen[Any]:
    from game.tui.screens.title import TitleScreen

    return TitleScreen(latest_save)


def _game_screen(game: saves.RestoredGame) -> Screen[Any]:
    from game.tui.screens.game import GameScreen

    # The draft plan a save kept, where saves keep one.
    return GameScreen(game.state, game.playthrough, game.log, getattr(game, "draft", None))


def _is_title(screen: Screen[Any]) -> TypeGuard[TitleScreen]:
    title = sys.modules.get("game.tui.screens.title")  # no title shown yet: not one
    return title is not None and isinstance(screen, title.TitleScreen)


def default_saves_folder() -> Path:
    return saves.saves_dir(None)


class EuphratesApp(App[None]):
    """The terminal game."""

    # The stylesheet (euphrates.tcss, before its sections) as its rules alone: Textual
    # parses it at every start.
    CSS = tcss.game()
    TITLE = "Euphrates Road"
    COMMANDS = App.COMMANDS | {_game_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+s", "save", "Save", show=False, id="app.save"),
        Binding("ctrl+o", "load", "Load", show=False, id="app.load"),
    ]

    def __init__(
        self,
        scenario_path: Path | None = None,
        seed: int | None = None,
        load: Path | None = None,
        saves_folder: Path | None = None,
        game: saves.RestoredGame | None = None,
        replay: Path | None = None,
    ) -> None:
        super().__init__()
        self.first_game = game
        self.scenario_path = scenario_path
        self.seed = seed
        self.load_path = load
        self.saves_folder = saves_folder if saves_folder is not None else default_saves_folder()
        self.event_delay = 0.12  # seconds between log lines while a day plays out
        self.replay_path = replay
        self.keys_file: Path | None = None  # the player's keymap file, when one was read
        self.crash: Exception | None = None  # the error that ended the app, if one did
        self.crash_note = ""  # what became of the game in progress then
        self._opening = False  # a large file being opened in a thread (`_open`)

    # --- start ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.call_after_refresh(self._collect_garbage_again)
        self._read_keys()

    def _read_keys(self) -> None:
        """The player's own keys (`game.tui.keys`), if they wrote any."""
        from game.tui.keys import read_keymap

        found = read_keymap()
        if found.keymap:
            self.keys_file = found.path
            self.set_keymap(found.keymap)
        for problem in found.problems:
            self.notify(problem, severity="warning", timeout=10, markup=False)

    def _collect_garbage_again(self) -> None:
        """After the first frame: `anbar` holds garbage collection off while it starts."""
        if not gc.isenabled():
            # What start-up built lives as long as the game: later collections skip it.
            gc.freeze()
            gc.enable()

    def get_default_screen(self) -> Screen[Any]:
        """The first screen is the game itself when one was asked for (no blank screen
        to paint and replace first), else the title screen."""
        first: Screen[Any] | None = None
        if self.replay_path is not None:
            first = self._replay(self.replay_path, self.first_game)
        elif self.first_game is not None:
            first = _game_screen(self.first_game)
        elif self.load_path is not None:
            first = self._resumed(self.load_path)
        elif self.scenario_path is not None:
            first = self._started(self.scenario_path, self.seed)
        return first if first is not None else _title(self._latest_save())

    def _latest_save(self) -> Path | None:
        try:
            return saves.latest_save(self.saves_folder)
        except OSError:  # an unreadable folder only hides the button
            return None

    def _started(self, path: Path, seed: int | None) -> Screen[Any] | None:
        """A new game on the scenario at `path`, or None (and the reason shown)."""
        return self._screen_of(opening.new_game(path, seed))

    def _resumed(self, save: Path) -> Screen[Any] | None:
        """The game in a save, replayed, or None (and the reason shown)."""
        return self._screen_of(opening.saved_game(save))

    def _screen_of(self, game: saves.RestoredGame | str) -> Screen[Any] | None:
        if isinstance(game, str):
            self._refuse(game)
            return None
        return _game_screen(game)

    def _replay(self, save: Path, restored: saves.RestoredGame | str | None = None
                ) -> Screen[Any] | None:
        """The replay of a save (`restored`: already restored with its mornings, or why it
        could not be), or None (and the reason shown)."""
        from game.tui.screens.replay import ReplayScreen

        if restored is None or (not isinstance(restored, str) and not restored.mornings):
            restored = opening.replayed_game(save)
        if isinstance(restored, str):
            self._refuse(restored)
            return None
        return ReplayScreen.of_restored(restored, name=save.stem)

    def open_replay(self, save: Path) -> None:
        """A save replayed day by day, over the screen shown (closing it comes back)."""
        def replay(restored: saves.RestoredGame | str) -> None:
            screen = self._replay(save, restored)
            if screen is not None:
                self.push_screen(screen)
                screen.call_after_refresh(garbage.renewed)  # its days kept, out of the way

        self._open(save, partial(opening.replayed_game, save), replay)

    def start_game(self, path: Path, seed: int | None = None) -> None:
        self._open(path, partial(opening.new_game, path, seed), self._show_game)

    def resume(self, save: Path) -> None:
        self._open(save, partial(opening.saved_game, save), self._show_game)

    def _open(self, path: Path, open_game: Callable[[], saves.RestoredGame | str],
              then: Callable[[saves.RestoredGame | str], None]) -> None:
        """`then` the game `open_game` opens from the file at `path` (or why it could not).
        A large file takes seconds (100,000 places: several): it is opened in a thread,
        named in a note meanwhile, the screen alive (one such at a time)."""
        size = slow_to_open(path)
        if size is None:
            then(open_game())
        elif not self._opening:
            self._opening = True
            self.notify(wording.sentence(wording.opening(path.name, size)), markup=False)

            def in_thread() -> None:
                game = open_game()
                with contextlib.suppress(RuntimeError):  # the player quit meanwhile
                    self.call_from_thread(self._opened, then, game)

            self.run_worker(in_thread, thread=True, group="open")

    def _opened(self, then: Callable[[saves.RestoredGame | str], None],
                game: saves.RestoredGame | str) -> None:
        self._opening = False
        then(game)

    def _show_game(self, game: saves.RestoredGame | str) -> None:
        screen = self._screen_of(game)
        if screen is not None:
            self.show(screen)

    def show(self, screen: Screen[Any]) -> None:
        """Close any dialogs and put `screen` in place of the title or the game.

        The first screen cannot be switched away (Textual keeps it as the base), so
        it stays beneath, hidden; every later one is replaced."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 1:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)
        screen.call_after_refresh(garbage.renewed)  # the game before freed, this one kept

    def _refuse(self, text: str) -> None:
        text = printable(text)
        self.notify(text, severity="error", timeout=8, markup=False)
        if self.screen_stack and _is_title(self.screen):
            self.screen.show_error(text)

    def on_title_screen_start(self, message: TitleScreen.Start) -> None:
        self.start_game(message.path, self.seed)

    def on_title_screen_resume(self, message: TitleScreen.Resume) -> None:
        self.resume(message.save)

    def on_title_screen_replay(self, message: TitleScreen.Replay) -> None:
        self.action_replay()

    def on_load_screen_replay_chosen(self, message: LoadScreen.ReplayChosen) -> None:
        self.call_later(self.open_replay, message.save)

    def on_replay_screen_continue_from(self, message: ReplayScreen.ContinueFrom) -> None:
        """A new game from a morning of a replay, written as a new save; the save it came
        from is kept as it was."""
        from game.tui.screens.game import GameScreen

        state, playthrough = message.state, message.playthrough
        stem = message.source
        if stem.lower().startswith(saves.AUTOSAVE_PREFIX) or stem == "this game":
            stem = state.scenario.id
        name = saves.free_save_name(self.saves_folder, f"{stem}-day{state.day}")
        try:
            path = saves.save_game(self.saves_folder, name, playthrough, state)
        except (saves.SaveError, saves.SaveNameError) as error:
            self.notify(f"Continuing from day {state.day}, not saved: {error}",
                        severity="error", markup=False)
        else:
            self.notify(f"A new game from day {state.day}, saved as {path.name}; "
                        f"{message.source} is kept as it was.", timeout=8, markup=False)
        self.show(GameScreen(state, playthrough, message.log))

    # --- the game in progress -------------------------------------------------------------

    def _game(self) -> Any:
        from game.tui.screens.game import GameScreen

        # The game under any dialogs or report; a game left beneath the title is over.
        for screen in reversed(self.screen_stack):
            if isinstance(screen, GameScreen):
                return screen
            if _is_title(screen):
                return None
        return None

    def autosave(self) -> str | None:
        """Autosave the game in progress; the error's text when it failed, else None."""
        game = self._game()
        if game is None or game.playthrough is None:
            return None
        try:
            saves.autosave(self.saves_folder, game.playthrough, game.state, draft=game.plan)
        except saves.SaveError as error:
            return f"Autosave failed: {error}"
        return None

    # --- a crash ---------------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """Textual's one place for an error no handler caught: the app ends with status 1.
        Before it does, the game in progress is autosaved, when its state is whole."""
        if self.crash is None:
            self.crash = error
            self.crash_note = self._autosave_after_crash()
        super()._handle_exception(error)

    def _autosave_after_crash(self) -> str:
        """Autosave the game in progress if its state and its plans agree; what was done."""
        try:
            game = self._game()
            if game is None or game.playthrough is None:
                return ""
            playthrough: saves.Playthrough = game.playthrough
            state: GameState = game.state
            draft = getattr(game, "plan", ())
            after = getattr(game, "after_day", None)  # a day played, its log still showing
            if isinstance(after, GameState) and playthrough.reaches(after):
                state, draft = after, ()
            elif not playthrough.reaches(state):
                return "the game's state was not whole, so it was not autosaved"
            from game.engine.plan import Operation

            if not (isinstance(draft, tuple) and all(isinstance(op, Operation) for op in draft)):
                draft = ()
            path = saves.autosave(self.saves_folder, playthrough, state, draft=draft)
        except Exception as failure:  # a crash handler must not crash
            return f"the game could not be autosaved: {failure}"
        return f"the game was autosaved: resume it with `anbar play --load {path.stem}`"

    # --- actions --------------------------------------------------------------------------

    async def action_quit(self) -> None:
        problem = self.autosave()
        if problem is not None:
            self.notify(printable(problem), severity="error", markup=False)
        self.exit()

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_overlay(self, name: str) -> None:
        game = self._game()
        if game is None:
            self.notify("Start a game first: the overlays belong to the map.")
            return
        game.toggle_overlay(name)

    def action_new_game(self) -> None:
        """Back to the title; the game in progress is autosaved first, so the title's
        "Resume latest" brings it back if the player changes their mind."""
        problem = self.autosave()
        if problem is not None:
            self.notify(printable(problem), severity="error", markup=False)
        self.show(_title(self._latest_save()))

    def action_save(self) -> None:
        from game.tui.screens import saves as screens

        game = self._game()
        if game is None or game.playthrough is None:
            self.notify("There is no game to save yet.")
            return

        def saved(name: str | None) -> None:
            if not name:
                return
            try:
                path = saves.save_game(self.saves_folder, name, game.playthrough, game.state,
                                       draft=game.plan)
            except (saves.SaveError, saves.SaveNameError) as error:
                self.notify(printable(f"Cannot save: {error}"), severity="error", markup=False)
                return
            self.notify(printable(f"Saved: {path}"), markup=False)

        self.push_screen(screens.SaveScreen(self.saves_folder), saved)

    def action_load(self) -> None:
        from game.tui.screens import saves as screens

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.resume(path)

        self.push_screen(screens.LoadScreen(self.saves_folder), chosen)

    def action_replay(self) -> None:
        """Pick a save and watch it day by day."""
        from game.tui.screens import saves as screens

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.open_replay(path)

        self.push_screen(screens.LoadScreen(self.saves_folder, replay=True), chosen)

    def action_report(self) -> None:
        from game.tui.screens.report import ReportScreen

        game = self._game()
        if game is None:
            self.notify("There is no game to report on yet.")
            return
        self.push_screen(ReportScreen(game.state))


def run_app(app: EuphratesApp, prog: str, *, headless: bool = False) -> int:
    """Run the app to its end; the exit status: 0, or 1 after a crash, whose error (and
    what became of the game) is on stderr below Textual's traceback."""
    if headless:
        app.run(headless=True)
    else:
        app.run()
    if app.crash is None:
        return app.return_code or 0
    crash = app.crash
    print(printable(f"{prog}: the game stopped on an error: {type(crash).__name__}: {crash}"),
          file=sys.stderr)
    if app.crash_note:
        print(printable(f"{prog}: {app.crash_note}"), file=sys.stderr)
    return 1


def create_app(
    scenario_path: str | Path | None = None,
    seed: int | None = None,
    load: str | Path | None = None,
    saves_folder: str | Path | None = None,
    game: saves.RestoredGame | None = None,
    replay: str | Path | None = None,
) -> EuphratesApp:
    """The App on a game already opened, a scenario, a save or a save's replay; with none,
    the title screen. With `replay`, `game` may be that save already restored with its
    mornings (`saves.restore(..., mornings=True)`): its days are not played again.

    `seed` is also the seed of the games started from the title (None: a fresh one each)."""
    return EuphratesApp(
        scenario_path=None if scenario_path is None else Path(scenario_path),
        seed=seed,
        load=None if load is None else Path(load),
        saves_folder=None if saves_folder is None else Path(saves_folder),
        game=game,
        replay=None if replay is None else Path(replay),
    )
