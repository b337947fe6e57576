"""Build a fresh TimeML test set (bench/data/timeml-fresh/) from stories marked up by hand.

    python scripts/make_timeml_set.py /tmp/probeZ75

reads /tmp/probeZ75/src/*.txt. Each file's first line is "DCT: YYYY-MM-DD", the story's publication date; the rest
is the story, with every temporal expression marked inline as [[text|TYPE|VALUE]] or [[text|TYPE|VALUE|MOD]]. It
writes /tmp/probeZ75/<name>.tml for each story and prints (and saves to mk_out.txt) the problems it finds: a bad
type, value or mod, a weekday in the text that its date does not fall on, markup left unparsed, XML that does not
parse. The conventions the annotators follow are in bench/data/timeml-fresh/BRIEF.md.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import xml.dom.minidom
from pathlib import Path
from xml.parsers.expat import ExpatError
from xml.sax.saxutils import escape, quoteattr

TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
MODS = frozenset(
    {
        "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
        "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX",
    }
)  # fmt: skip
TAG = re.compile(r"\[\[([^\[\]|]+)\|([A-Z]+)\|([^\[\]|]+)(?:\|([A-Z_]+))?\]\]")
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
VALUE_OK = re.compile(
    r"PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|\d{2}|\d{3}|\d{4}|XXXX"
    r"|(?:\d{4}|XXXX)-(?:\d\d|XX)(?:-(?:\d\d|XX))?(?:T(?:\d\d:\d\d(?::\d\d)?|MO|AF|EV|NI|DT))?"
    r"|(?:\d{4}|XXXX)-W(?:\d\d|XX)(?:-(?:\d|WE|WD))?(?:T(?:\d\d:\d\d|MO|AF|EV|NI))?"
    r"|(?:\d{4}|XXXX)-(?:Q[1-4]|H[12]|SP|SU|FA|WI|QX)"
    r"|XXXX-XX-XXT(?:\d\d:\d\d|MO|AF|EV|NI)"
    r"|P(?:\d+|X)(?:Y|M|W|D|DE|CE|Q)|PT(?:\d+|X)(?:H|M|S)|P\d+Y\d+M|PT\d+H\d+M"
)


def _check(where: str, text: str, typ: str, value: str, mod: str | None) -> list[str]:
    problems = []
    if typ not in TYPES:
        problems.append(f"{where}: bad type {typ}")
    if not VALUE_OK.fullmatch(value):
        problems.append(f"{where}: odd value {value}")
    if mod and mod not in MODS:
        problems.append(f"{where}: bad mod {mod}")
    if typ == "DURATION" and not value.startswith("P"):
        problems.append(f"{where}: a DURATION's value starts with P")
    if typ == "TIME" and "T" not in value:
        problems.append(f"{where}: a TIME's value has a T part")
    day = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if day:
        try:
            date = dt.date(int(day[1]), int(day[2]), int(day[3]))
        except ValueError:
            return [*problems, f"{where}: impossible date {value}"]
        for i, name in enumerate(DAYS):
            if re.search(rf"\b(?:{name}|{name[:3]}\b\.?)", text.lower()) and date.weekday() != i:
                problems.append(f"{where}: {value} is a {DAYS[date.weekday()]}, the text says {name}")
    return problems


def build(src: Path, out_dir: Path) -> list[str]:
    """Write ``src`` as TimeML into ``out_dir``; return its problems and a summary line, last."""
    lines = src.read_text(encoding="utf-8").split("\n")
    m = re.fullmatch(r"DCT:\s*(\d{4}-\d\d-\d\d)\s*", lines[0])
    if not m:
        return [f"{src.name}: the first line must be 'DCT: YYYY-MM-DD'"]
    dct = m.group(1)
    body = "\n".join(lines[1:]).strip("\n") + "\n"
    problems: list[str] = []
    out: list[str] = []
    pos = 0
    for n, t in enumerate(TAG.finditer(body), start=1):
        out.append(escape(body[pos : t.start()]))
        text, typ, value, mod = t.groups()
        problems += _check(f"{src.name}: [[{text}]]", text, typ, value, mod)
        attrs = f'tid="t{n}" type="{typ}" value={quoteattr(value)}' + (f' mod="{mod}"' if mod else "")
        out.append(f"<TIMEX3 {attrs}>{escape(text)}</TIMEX3>")
        pos = t.end()
    out.append(escape(body[pos:]))
    if re.search(r"\[\[|\]\]", "".join(out)):
        problems.append(f"{src.name}: [[ or ]] left unparsed (check the markup)")
    xml_text = (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{escape(src.stem)}</DOCID>\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n'
        f"<TEXT>\n{''.join(out)}</TEXT>\n</TimeML>\n"
    )
    try:
        xml.dom.minidom.parseString(xml_text.encode("utf-8"))
    except ExpatError as e:
        problems.append(f"{src.name}: the XML does not parse: {e}")
    (out_dir / f"{src.stem}.tml").write_text(xml_text, encoding="utf-8")
    words = len(re.sub(r"\[\[([^|\]]+)\|[^\]]+\]\]", r"\1", body).split())
    weekday = DAYS[dt.date.fromisoformat(dct).weekday()][:3]
    count = len(TAG.findall(body))
    return [*problems, f"{src.name}: DCT {dct} ({weekday}), {words} words, {count} TIMEX3, {len(problems)} problems"]


def main() -> int:
    out_dir = Path(sys.argv[1])
    log: list[str] = []
    total = 0
    sources = sorted((out_dir / "src").glob("*.txt"))
    for src in sources:
        lines = build(src, out_dir)
        total += len(lines) - 1
        log += lines
    log.append(f"{len(sources)} stories, {total} problems")
    report = "\n".join(log) + "\n"
    (out_dir / "mk_out.txt").write_text(report, encoding="utf-8")
    print(report, end="")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
