"""The page `anbar serve` answers with: the terminal, its font and script, all from this server.

`PAGE.format(title=..., websocket_url=..., font_size=...)`, each value escaped
by the caller. The page loads textual-serve's own script and styles (shipped
inside the package) and the terminal font from this server, never a web font
service, so the Content-Security-Policy can hold every request to this origin.
"""

from __future__ import annotations

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>{title}</title>
<link rel="stylesheet" href="static/css/xterm.css">
<link rel="preload" href="static/fonts/RobotoMono-VariableFont_wght.ttf"
      as="font" type="font/ttf" crossorigin>
<script src="static/js/textual.js"></script>
<style>
@font-face {{
  font-family: "Roboto Mono";
  src: url("static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
  font-weight: 100 700;
}}
body {{ background: #0c181f; margin: 0; }}
.dialog-container {{
  position: absolute; width: 100vw; height: 100vh; display: flex;
  align-items: center; justify-content: center; z-index: 10;
}}
.intro {{
  width: 640px; height: 240px; font-size: 16px; z-index: 20;
  font-family: "Roboto Mono", monospace; text-align: center;
  color: rgba(255, 255, 255, 0.95); background-color: #12232d;
  display: flex; flex-direction: column; align-items: center; justify-content: center;
}}
body.-first-byte .intro-dialog {{ display: none; }}
body .textual-terminal {{ opacity: 0; transition: opacity 0.3s ease-out; }}
body.-first-byte .textual-terminal {{ opacity: 1; }}
button {{
  padding: 16px 32px; background-color: #5e0ba7; color: rgba(255, 255, 255, 0.95);
  border: none; font-family: "Roboto Mono", monospace; margin: 16px; cursor: pointer;
}}
button:hover {{ background: #ac5af4; }}
.closed-dialog {{ display: none; }}
body.-closed .closed-dialog {{ display: flex; }}
#start {{ display: none; }}
#start.-delay {{ display: block; }}
</style>
<script>
function restart() {{ window.location.href = window.location.pathname; }}
</script>
</head>
<body>
<div class="dialog-container intro-dialog">
  <div class="intro"><div>{title}</div><div>starting the game…</div>
  <button type="button" onclick="restart()" id="start">Start</button></div>
</div>
<div class="dialog-container closed-dialog">
  <div class="intro"><div>The game has ended.</div>
  <button type="button" onclick="restart()">New game</button></div>
</div>
<div id="terminal" class="textual-terminal"
     data-session-websocket-url="{websocket_url}" data-font-size="{font_size}"></div>
</body>
</html>
"""
