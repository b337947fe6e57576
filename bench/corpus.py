"""The benchmark's articles: the 256 TimeBank + AQUAINT documents of ``../shared``.

Text is ``<TEXT>`` with its tags stripped; the dateline is the date of the
``<DCT>`` TIMEX3. The evaluation's reader is used when it is there, so the
benchmark reads exactly what the TimeML evaluation reads.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from service.pipeline import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TIMEBANK = SHARED / "data" / "timebank" / "TBAQ-cleaned"
FOLDERS = ("TimeBank", "AQUAINT")

_DCT_RE = re.compile(r"<DCT>.*?value=\"([^\"]*)\".*?</DCT>", re.S)
_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG_RE = re.compile(r"<[^<>]{0,1000}>")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s")


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    dateline: str | None

    def request(self, text: str | None = None) -> dict[str, str]:
        """The JSON request object for this article (``text`` overrides its text)."""
        item = {"id": self.name, "text": self.text if text is None else text}
        if self.dateline:
            item["dateline"] = self.dateline
        return item

    def lead(self, chars: int) -> str:
        """The opening of the article, cut at the last sentence end before ``chars``."""
        if chars <= 0 or len(self.text) <= chars:
            return self.text
        head = self.text[:chars]
        ends = [m.end() for m in _SENTENCE_END.finditer(head)]
        return head[: ends[-1]].rstrip() if ends else head


def _read_fallback(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    dct = _DCT_RE.search(raw)
    body = _TEXT_RE.search(raw)
    text = html.unescape(_TAG_RE.sub("", body.group(1) if body else ""))
    return Article(path.stem, text, dct.group(1)[:10] if dct else None)


def _read(path: Path) -> Article:
    try:
        from service.evaluation.timeml import read_timeml
    except ImportError:
        return _read_fallback(path)
    doc = read_timeml(path)
    return Article(doc.name, doc.text, doc.dct)


def files(root: Path = TIMEBANK) -> list[Path]:
    found = [p for folder in FOLDERS for p in sorted((root / folder).glob("*.tml"))]
    if not found:
        raise SystemExit(f"bench: no .tml files under {root}/{{{','.join(FOLDERS)}}}; is ../shared present?")
    return found


def load(root: Path = TIMEBANK, limit: int | None = None) -> list[Article]:
    """The articles in a stable order (TimeBank, then AQUAINT, by file name)."""
    paths = files(root)
    if limit is not None:
        paths = paths[:limit]
    return [_read(p) for p in paths]


def concatenated(articles: Sequence[Article], chars: int) -> str:
    """``chars`` characters of real text: the articles joined by blank lines, repeated as needed."""
    joined = "\n\n".join(a.text.strip() for a in articles)
    if not joined:
        raise ValueError("no text to concatenate")
    repeats = chars // (len(joined) + 2) + 1
    return "\n\n".join([joined] * repeats)[:chars]


def median_article(articles: Sequence[Article]) -> Article:
    """The article of median length (ties broken by name): a typical wire story."""
    ordered = sorted(articles, key=lambda a: (len(a.text), a.name))
    return ordered[len(ordered) // 2]


def write_jsonl(path: Path, items: Sequence[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False))
            fh.write("\n")


def dated_documents(folder: Path) -> list[Document]:
    """Every .tml file under ``folder`` as a pipeline Document, its dateline stage run, not yet analysed."""
    from service.evaluation.timeml import read_timeml
    from service.pipeline import BEFORE_ANALYSIS, Document
    from service.pipeline.dateline import parse_request_dateline

    docs = []
    for path in sorted(folder.rglob("*.tml")):
        gold = read_timeml(path)
        doc = Document(text=gold.text, request_dateline=parse_request_dateline(gold.dct) if gold.dct else None)
        for stage in BEFORE_ANALYSIS:
            stage(doc)
        docs.append(doc)
    return docs
