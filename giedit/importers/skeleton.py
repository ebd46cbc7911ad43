"""Finding the six section headings of a report, and where its tables are.

Headings are matched against the format's section titles in order. Real reports vary the
wording (``五、存在问题及改进情况``), so a line whose number matches and whose text is close to
the official title is accepted as a variant (I-W1). Row and group labels of table 三 also start
with ``一、`` to ``四、``; a line that is a table label is never taken for a heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from giedit.importers.matching import Vocabulary, key
from giedit.importers.source import Line
from giedit.model.schema import Format

NEXT_RATIO = 0.5  # similarity a variant of the next expected heading needs
LATER_RATIO = 0.65  # … and of a heading further on (the ones in between are missing)
MAX_EXTRA_CHARS = 12  # a heading line is at most this much longer than the official title


@dataclass
class Skeleton:
    """Line indices: before the first heading, and per section (heading line excluded)."""

    head: list[int] = field(default_factory=list)
    sections: dict[str, list[int]] = field(default_factory=dict)
    headings: dict[str, int] = field(default_factory=dict)  # section id -> heading line
    variants: dict[str, str] = field(default_factory=dict)  # section id -> heading as printed


def find_sections(lines: list[Line], fmt: Format, vocabularies: list[Vocabulary]) -> Skeleton:
    sk = Skeleton()
    titles = [(s.id, key(s.title)) for s in fmt.sections]
    nxt = 0
    current: str | None = None
    for i, line in enumerate(lines):
        found = (
            None
            if line.is_row or _is_table_text(line.text, vocabularies)
            else _heading(line.text, titles, nxt)
        )
        if found is not None:
            j, variant = found
            sid = titles[j][0]
            sk.headings[sid] = i
            sk.sections[sid] = []
            if variant:
                sk.variants[sid] = line.text.strip()
            nxt, current = j + 1, sid
        elif current is None:
            sk.head.append(i)
        else:
            sk.sections[current].append(i)
    return sk


def _is_table_text(text: str, vocabularies: list[Vocabulary]) -> bool:
    """A row or group label of a table: table 三 has labels numbered like headings."""
    return any(vocab.lookup(text) is not None for vocab in vocabularies)


def _heading(text: str, titles: list[tuple[str, str]], nxt: int) -> tuple[int, bool] | None:
    k = key(text).rstrip("。:;,")
    if not k:
        return None
    for j in range(nxt, len(titles)):
        title = titles[j][1]
        if k == title:
            return j, False
        if len(k) > len(title) + MAX_EXTRA_CHARS:
            continue
        numeral, _, words = title.partition(",")
        if k == words:
            return j, True
        if k.startswith(numeral + ","):
            ratio = SequenceMatcher(None, k, title).ratio()
            if ratio >= (NEXT_RATIO if j == nxt else LATER_RATIO):
                return j, True
    return None
