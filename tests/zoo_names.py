"""The zoo's scenarios of unusual names (tests/scenario_zoo.py): Arabic, CJK, emoji,
combining marks, Rich markup, odd ids, blank names, names thousands of characters long."""

from __future__ import annotations

from tests.zoo_parts import GOV, Scenario, _chain

# Names that a terminal or Rich may mis-measure or read as markup.
ARABIC = ["الرمادي", "عنه", "راوة", "القائم", "حديثة", "هيت", "الفلوجة", "كبيسة"]
CJK = ["东京都", "北京市", "서울특별시", "大阪", "ｆｕｌｌｗｉｄｔｈ", "台北"]
EMOJI = ["🏰 Fort", "🚀🚀🚀", "👨👩👧👦 Family", "🇮🇶 Flag", "⚠️ Warning", "🐪"]
COMBINING = ["Z̴̡a̷l̶g̸o̵", "e\u0301e\u0301e\u0301", "a\u0336b\u0336c\u0336", "ก็็็็็"]
MARKUP = ["[bold]Bold", "[/]", "[/bold]", "[@click=app.quit]Quit[/]", "[link=http://x]x",
          "\\[escaped]", "[red on blue]R", "a[b]c", "[", "]", "\\", "[[]]", "${x}", "%s %d",
          "{0}", "<b>html</b>", "&amp;", ":smile:", "[b][i][u]x"]


def arabic_names() -> Scenario:
    """Right-to-left names as the real campaign's places are, with Arabic sides and units."""
    s = _chain(ARABIC, front=2)
    s["sides"][0]["name"] = "القوات العراقية"
    s["sides"][1]["name"] = "الدولة الإسلامية"
    s["title"] = "حملة الأنبار الغربية"
    s["description"] = "الرمادي ← القائم\nسطر ثان"
    for unit, name in zip(s["units"], ["اللواء الأول", "المهندسون", "النقل"], strict=True):
        unit["name"] = name
    s["events"] = [{"day": 1, "message": "ابدأ بالاستطلاع"}]
    return s


def wide_unicode() -> Scenario:
    """CJK, emoji (families, flags, variation selectors) and combining marks in every name."""
    names = CJK + EMOJI + COMBINING
    s = _chain(names, front=3)
    s["title"] = "🐪 " + "東".join(CJK)
    s["sides"][0]["name"] = "👨👩👧👦" * 5
    s["sides"][1]["name"] = "Z̴̡a̷l̶g̸o̵ side"
    for unit, name in zip(s["units"], EMOJI, strict=False):
        unit["name"] = name
    s["air"][0]["name"] = "✈️ 飞机"
    s["air"][1]["name"] = "🛸" * 30
    return s


def markup_names() -> Scenario:
    """Names, title, briefing and messages that Rich would read as markup if not escaped."""
    s = _chain(MARKUP, front=3)
    s["title"] = "[bold red]Title[/] [@click=app.quit]x[/]"
    s["description"] = "[blink]Briefing[/blink] [link=http://evil]click[/link]\n[/]"
    s["sides"][0]["name"] = "[/]"
    s["sides"][1]["name"] = "[b]Enemy"
    names = ["[@click=app.quit]", "[/]", "[reverse]Trucks"]
    for unit, name in zip(s["units"], names, strict=True):
        unit["name"] = name
    s["air"][0]["name"] = "[on red]Jets[/]"
    s["air"][1]["name"] = "\\[/]"
    s["events"] = [{"day": 1, "message": "[bold]day one[/] [/]"},
                   {"day": 2, "weather": "sandstorm", "text": "[@click=app.quit]storm"},
                   {"day": 2, "garrison": {"place": "p5", "fighters": 10}, "text": "[/x]"}]
    return s


def odd_ids() -> Scenario:
    """Ids with every odd legal character: dots, digits-only, brackets, colons, Unicode."""
    ids = ["1.10", "0", "a:b", "[x]", "x y", "@click", "ج", "🐪", "-", "a/b\\c", "%s", "{}"]
    s = _chain([f"Place {i}" for i in range(len(ids))], ids=ids, front=2)
    s["id"] = "odd.ids-[1]"
    s["sides"] = [{"id": "[gov]", "name": "G", "player": True}, {"id": "1.0", "name": "E"}]
    for place in s["places"]:
        place["side"] = "[gov]" if place["side"] == GOV else "1.0"
    for unit, uid in zip(s["units"], ["[bde]", "2", "a.b:c"], strict=True):
        unit["id"] = uid
        unit["side"] = "[gov]"
    s["air"][0].update(id="[/]", side="[gov]")
    s["air"][1].update(id="true", side="[gov]")
    s["roads"][0]["id"] = "[road]"
    return s


def blank_names() -> Scenario:
    """Empty and blank names (the format allows them): the title, a side, places, a unit."""
    s = _chain(["", "   ", "\u3000", "-", "al-", "x"], front=2)
    s["units"][0]["name"] = ""
    s["air"][0]["name"] = " "
    s["sides"][0]["name"] = ""
    s["title"] = ""
    return s


def long_names() -> Scenario:
    """Names at thousands of characters, ids at the 100-character limit."""
    ids = [("p" + str(i)) * 1 + "x" * (98 - len(str(i))) for i in range(5)]
    s = _chain(["W" * 2000 + str(i) for i in range(5)], ids=ids, front=2)
    s["title"] = "T" * 5000
    s["description"] = ("A long briefing line " * 190 + "\n") * 5
    s["sides"][0]["name"] = "S" * 3000
    for unit in s["units"]:
        unit["name"] = "Unit " * 600
    s["units"][0]["id"] = "u" * 100
    s["air"][0]["name"] = "J" * 4000
    s["events"] = [{"day": 1, "message": "M" * 19_000}]
    return s
