"""What every dialog's stylesheet shares: its box, its title and its line of keys.

Each dialog screen's DEFAULT_CSS starts with `DIALOG_CSS`, so these rules are read when
a dialog first shows, not at every start with the app's stylesheet (Textual parses
that one whole before the first frame). A screen's own rules name its box by id
(`#help-dialog`), which outranks the shared class.
"""

DIALOG_CSS = """
.dialog {
    width: 80%;
    max-width: 100;
    height: auto;
    max-height: 90%;
    border: thick $primary;
    background: $surface;
    padding: 1 2;
}
.dialog-title {
    text-style: bold;
    color: $accent;
    margin-bottom: 1;
}
.dialog-keys {
    color: $text-muted;
    margin-top: 1;
    width: 100%;  /* wraps on a narrow terminal rather than losing the last keys */
    height: auto;
}
"""
