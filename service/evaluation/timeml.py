"""TimeML reader and TempEval-3 scorer for the temporal tagger.

``dateline eval timeml DIR`` reads every ``.tml`` file under ``DIR``, takes the
document date from ``<DCT>``, strips the tags from ``<TEXT>`` (gold TIMEX3
offsets are computed in that stripped text), runs the library on it and prints
the TempEval-3 figures: strict and relaxed (overlap) extent P/R/F1, and type and
value accuracy and F1, where attribute F1 = relaxed F1 x attribute accuracy over
the matched pairs.
"""

from __future__ import annotations

import html
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

__all__ = ["GoldTimex", "Scores", "TimeMLDocument", "read_timeml", "run", "score"]

_DCT_RE = re.compile(r"<DCT>.*?value=\"([^\"]*)\".*?</DCT>", re.S)
_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG_RE = re.compile(r"<(/?)([A-Za-z0-9]+)([^<>]*)>")
_ATTR_RE = re.compile(r"([A-Za-z]+)=\"([^\"]*)\"")
_ENTITY_RE = re.compile(r"&(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    text: str
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


@dataclass(slots=True)
class TimeMLDocument:
    name: str
    dct: str | None
    text: str
    timexes: list[GoldTimex]


def _unescape(chunk: str) -> str:
    return _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), chunk)


def read_timeml(path: Path) -> TimeMLDocument:
    """One TimeML file: the DCT value, the tag-stripped text, the gold TIMEX3s."""
    raw = path.read_text(encoding="utf-8")
    dct_match = _DCT_RE.search(raw)
    dct = dct_match.group(1)[:10] if dct_match else None
    body_match = _TEXT_RE.search(raw)
    body = body_match.group(1) if body_match else ""
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG_RE.finditer(body):
        chunk = _unescape(body[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1) == "":
            open_timex = (length, dict(_ATTR_RE.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(parts)[start:length]
            timexes.append(
                GoldTimex(text, start, length, attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod"))
            )
            open_timex = None
    parts.append(_unescape(body[pos:]))
    return TimeMLDocument(path.stem, dct, "".join(parts), timexes)


@dataclass(slots=True)
class Scores:
    docs: int = 0
    gold: int = 0
    system: int = 0
    strict_tp: int = 0
    relaxed_tp_gold: int = 0
    relaxed_tp_system: int = 0
    matched: int = 0
    type_ok: int = 0
    value_ok: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def strict(self) -> tuple[float, float, float]:
        p = self.strict_tp / self.system if self.system else 0.0
        r = self.strict_tp / self.gold if self.gold else 0.0
        return p, r, self._f1(p, r)

    def relaxed(self) -> tuple[float, float, float]:
        p = self.relaxed_tp_system / self.system if self.system else 0.0
        r = self.relaxed_tp_gold / self.gold if self.gold else 0.0
        return p, r, self._f1(p, r)

    def attribute(self, ok: int) -> tuple[float, float]:
        accuracy = ok / self.matched if self.matched else 0.0
        return accuracy, self.relaxed()[2] * accuracy


@dataclass(frozen=True, slots=True)
class _Sys:
    text: str
    start: int
    end: int
    type: str
    value: str
    mod: str | None


def score(gold_doc: TimeMLDocument, system: Iterable[_Sys], scores: Scores) -> None:
    """Add one document's counts to ``scores`` (and its errors to ``scores.errors``)."""
    sys_list = sorted(system, key=lambda s: (s.start, s.end))
    gold = gold_doc.timexes
    scores.docs += 1
    scores.gold += len(gold)
    scores.system += len(sys_list)
    used: set[int] = set()
    errors = scores.errors
    for g in gold:
        overlapping = [i for i, s in enumerate(sys_list) if s.start < g.end and g.start < s.end]
        if not overlapping:
            errors.append(f"{gold_doc.name}\tMISS\t{g.text!r}\t{g.type}\t{g.value}\t{g.mod or ''}")
            continue
        scores.relaxed_tp_gold += 1
        # The best system partner: exact extent first, then the largest overlap.
        best = max(
            overlapping,
            key=lambda i: (
                sys_list[i].start == g.start and sys_list[i].end == g.end,
                i not in used,
                min(g.end, sys_list[i].end) - max(g.start, sys_list[i].start),
            ),
        )
        s = sys_list[best]
        if best in used:
            continue
        used.add(best)
        scores.matched += 1
        exact = s.start == g.start and s.end == g.end
        scores.strict_tp += exact
        scores.type_ok += s.type == g.type
        scores.value_ok += s.value == g.value
        if not exact:
            errors.append(f"{gold_doc.name}\tEXTENT\t{g.text!r}\t->\t{s.text!r}")
        if s.type != g.type or s.value != g.value:
            errors.append(
                f"{gold_doc.name}\tVALUE\t{g.text!r}\t{g.type}\t{g.value}\t->\t{s.type}\t{s.value}"
                f"\t(dct {gold_doc.dct})"
            )
    for s in sys_list:
        if any(s.start < g.end and g.start < s.end for g in gold):
            scores.relaxed_tp_system += 1
        else:
            errors.append(f"{gold_doc.name}\tEXTRA\t{s.text!r}\t{s.type}\t{s.value}")


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(path.rglob("*.tml"))


def evaluate(path: Path) -> Scores:
    """Run the library over every TimeML file under ``path`` and score it."""
    from service.pipeline import extract_many

    docs = [read_timeml(p) for p in _files(path)]
    scores = Scores()
    t0 = time.perf_counter()
    results = extract_many((d.text, d.dct) for d in docs)
    for gold_doc, extraction in zip(docs, results, strict=True):
        system = [_Sys(t.text, t.start, t.end, t.type, t.value, t.mod) for t in extraction.dates]
        score(gold_doc, system, scores)
    scores.seconds = time.perf_counter() - t0
    return scores


def run(path: Path, out: TextIO, errors_out: TextIO | None = None) -> int:
    """Print the TempEval-3 report for ``path``; per-document errors go to ``errors_out``.

    ``DATELINE_TIMEML_ERRORS=FILE`` in the environment also writes the errors to FILE.
    """
    scores = evaluate(path)
    sp, sr, sf = scores.strict()
    rp, rr, rf = scores.relaxed()
    type_acc, type_f1 = scores.attribute(scores.type_ok)
    value_acc, value_f1 = scores.attribute(scores.value_ok)
    rate = scores.docs / scores.seconds if scores.seconds else 0.0
    print(f"TempEval-3 evaluation of {path}", file=out)
    print(f"documents {scores.docs}  gold {scores.gold}  system {scores.system}  matched {scores.matched}", file=out)
    print(f"{'':18}{'P':>8}{'R':>8}{'F1':>8}", file=out)
    print(f"{'strict extent':18}{sp:8.4f}{sr:8.4f}{sf:8.4f}", file=out)
    print(f"{'relaxed extent':18}{rp:8.4f}{rr:8.4f}{rf:8.4f}", file=out)
    print(f"{'':18}{'accuracy':>10}{'F1':>8}", file=out)
    print(f"{'type':18}{type_acc:10.4f}{type_f1:8.4f}", file=out)
    print(f"{'value':18}{value_acc:10.4f}{value_f1:8.4f}", file=out)
    print(f"speed {rate:.1f} docs/s (whole pipeline, spaCy included)", file=out)
    env_path = os.environ.get("DATELINE_TIMEML_ERRORS")
    if errors_out is not None:
        errors_out.write("".join(line + "\n" for line in scores.errors))
    if env_path:
        Path(env_path).write_text("".join(line + "\n" for line in scores.errors), encoding="utf-8")
    return 0
