"""Checks across the units of one review: copies, copied narrative, the roster.

None of these can be seen in one report alone. They run in the main process after every report
has been read, on what the workers handed back, and each stays far from quadratic so that a
province's 5,000 units take seconds:

- **duplicates**: two units with the same body name, or with identical tables (a copied file
  with only the name changed). Grouped by a dictionary key: linear.
- **copied narrative** (N-W13, second half): ≥ 70 % of a section identical to the same section of
  another unit's report. Each section carries a sample of its 4-gram shingles (one in eight, by
  hash, so identical passages give identical samples); the samples of all units are sorted
  once, units sharing many samples become candidates, and only the best few candidates of each
  section are measured exactly (``copied_share``, the measure N-W13 uses for last year's text).
  A shingle found in more than ``COMMON_CAP`` units is common wording (a county template), not a
  copy from one unit, and is skipped, which also bounds the work.
- **another unit's name in the text** (N-W13, second half): every unit's full name goes into one
  regular expression built as a trie (one scan per report, whatever the number of names). A name
  that many units mention (the county government, the office that collects the reports) is a
  common reference and is not reported.
- **roster**: a roster name with no report of the year, and a roster name that could be any of
  several reports (reported, never guessed).

Names are compared without the suffixes rosters and reports spell differently (青山镇 /
青山镇政府 / 青山镇人民政府; 桐溪街道 / 桐溪街道办 / 桐溪街道办事处), on both sides (``short_key``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from giedit.checks.narrative import NARRATIVE_SECTIONS, SIMILARITY_THRESHOLD, copied_share
from giedit.model.rule_ids import N_W13
from giedit.model.text import decode_local, squeezed
from giedit.review.unit import Found

RULE = N_W13
WARNING = "warning"
COMMON_CAP = 50  # a shingle in more units than this is common wording, not a copy
CANDIDATE_SHARE = 0.5  # sampled overlap that makes a candidate worth measuring exactly
CANDIDATES_PER_SECTION = 3
MIN_NAME_CHARS = 4  # shorter names (e.g. 某镇) are too likely to occur by chance
NAME_COMMON_SHARE = 0.05  # a name mentioned by more units than this share (or 2) is a reference
# What a roster or a report may leave out or spell short, longest first, and what stays: 大塅镇 for
# 大塅镇人民政府 and 大塅镇政府, 桐溪街道 for 桐溪街道办事处 and 桐溪街道办. Only at the end of a
# name, and never down to one character (县人民政府 stays whole), so 县政府办公室 is untouched.
_SUFFIXES = (("街道办事处", "街道"), ("人民政府", ""), ("街道办", "街道"), ("办事处", ""), ("政府", ""))
MIN_KEY_CHARS = 2


class UnitLike(Protocol):
    body: str
    samples: dict
    table_key: str | None
    year: int | None


@dataclass(frozen=True)
class Copied:
    """Unit ``unit``'s finding about unit ``other``."""

    unit: int
    other: int
    found: Found


def name_key(name: str) -> str:
    """A body name as compared: NFKC (full-width brackets and digits alike), no whitespace."""
    return squeezed(name)


def short_key(name: str) -> str:
    """The name as the same unit is recognised under its short and full forms: without the one
    customary suffix (人民政府, 政府, 办事处; 街道办事处 and 街道办 become 街道)."""
    key = name_key(name)
    suffix, kept = next(((s, k) for s, k in _SUFFIXES if key.endswith(s)), ("", ""))
    stem = key[: len(key) - len(suffix)]
    return stem + kept if suffix and stem and len(stem + kept) >= MIN_KEY_CHARS else key


# -- duplicates --------------------------------------------------------------------------------


def duplicates(units: Sequence[UnitLike]) -> list[tuple[int, int]]:
    """Pairs (first, other) of units with the same body name or identical tables, in unit order."""
    pairs: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for key in (lambda u: short_key(u.body) if u.body else None, lambda u: u.table_key):
        groups: dict[str, list[int]] = defaultdict(list)
        for i, u in enumerate(units):
            if (k := key(u)) is not None:
                groups[k].append(i)
        for members in groups.values():
            for other in members[1:]:
                pair = (members[0], other)
                if pair not in seen:
                    seen.add(pair)
                    pairs.append(pair)
    return sorted(pairs)


# -- copied narrative --------------------------------------------------------------------------


def copied_sections(
    units: Sequence[UnitLike],
    texts: Callable[[int], dict[str, str]],
    describe: Callable[[int], str],
    section_title: Callable[[str], str],
) -> list[Copied]:
    """N-W13 findings for sections ≥ 70 % identical to the same section of another unit."""
    sections = {sid: k for k, sid in enumerate(NARRATIVE_SECTIONS)}
    width = len(sections)
    postings: list[int] = []  # hash << 32 | unit * width + section, sorted below
    sizes: dict[int, int] = {}
    for i, u in enumerate(units):
        for sid, sampled in u.samples.items():
            slot = i * width + sections[sid]
            sizes[slot] = len(sampled)
            postings.extend((h << 32) | slot for h in sampled)
    postings.sort()
    shared: Counter[tuple[int, int]] = Counter()
    mask = (1 << 32) - 1
    start = 0
    for end in range(1, len(postings) + 1):
        if end < len(postings) and postings[end] >> 32 == postings[start] >> 32:
            continue
        run = [p & mask for p in postings[start:end]]
        start = end
        if 2 <= len(run) <= COMMON_CAP:
            for a_pos, a in enumerate(run):
                for b in run[a_pos + 1 :]:
                    if a // width != b // width and a % width == b % width:
                        shared[(a, b)] += 1
    del postings
    candidates: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (a, b), count in shared.items():
        for mine, theirs in ((a, b), (b, a)):
            if count >= CANDIDATE_SHARE * sizes[mine]:
                candidates[mine].append((count, theirs))
    out: list[Copied] = []
    for slot in sorted(candidates):
        unit, sid = divmod(slot, width)
        sid_name = NARRATIVE_SECTIONS[sid]
        best = sorted(candidates[slot], reverse=True)[:CANDIDATES_PER_SECTION]
        mine = texts(unit)[sid_name]
        for _, theirs in best:
            other = theirs // width
            share = copied_share(mine, texts(other)[sid_name])
            if share >= SIMILARITY_THRESHOLD:
                message = (
                    f"“{section_title(sid_name)}”约{round(share * 100)}%的文字与{describe(other)}的报告相同，"
                    "请按本单位实际情况撰写，避免内容雷同"
                )
                out.append(Copied(unit, other, Found(RULE, WARNING, message, (), sid_name)))
                break
    return out


# -- another unit's name -------------------------------------------------------------------------


def _trie_pattern(words: Sequence[str]) -> str:
    """One regular expression matching any of ``words``, longest first, built as a trie so that
    matching costs one pass over the text however many words there are."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def pattern(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return pattern(trie)


def name_mentions(
    units: Sequence[UnitLike],
    texts: Callable[[int], dict[str, str]],
    describe: Callable[[int], str],
) -> list[Copied]:
    """N-W13 findings for reports whose text names another unit of the review (full name)."""
    owners: dict[str, int] = {}
    for i, u in enumerate(units):
        key = name_key(u.body)
        if len(key) >= MIN_NAME_CHARS:
            owners.setdefault(key, i)
    if len(owners) < 2:
        return []
    regex = re.compile(_trie_pattern(sorted(owners)))
    mentions: dict[int, set[int]] = {}
    for i, u in enumerate(units):
        own = name_key(u.body)
        text = name_key(texts(i).get("all", ""))
        found = {
            owners[m.group()]
            for m in regex.finditer(text)
            if owners[m.group()] != i and m.group() not in own and own not in m.group()
        }
        if found:
            mentions[i] = found
    by_name = Counter(j for found in mentions.values() for j in found)
    common = max(2, NAME_COMMON_SHARE * len(units))
    out: list[Copied] = []
    for i in sorted(mentions):
        for j in sorted(mentions[i]):
            if by_name[j] > common:
                continue
            message = (
                f"报告文字中出现其他单位的名称「{units[j].body}」，可能抄自{describe(j)}的报告，请核实并改正"
            )
            out.append(Copied(i, j, Found(RULE, WARNING, message)))
    return out


# -- the roster ----------------------------------------------------------------------------------


def read_roster(data: bytes) -> list[str]:
    """Unit names, one a line (UTF-8 or GB18030, as Notepad and WPS save them); blank lines and
    lines starting with # are skipped, and so is a second mention of the same name."""
    text = decode_local(data)
    if text is None:
        raise ValueError("名单文件不是文本文件")
    names: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines():
        name = line.strip().split("\t")[0].strip()
        if name and not name.startswith("#") and short_key(name) not in seen:
            seen.add(short_key(name))
            names.append(name)
    return names


@dataclass(frozen=True)
class RosterMatch:
    """The roster against the reports: names with no report, the reports on the roster, and the
    names that fit several reports (name → their indices), which a person must settle."""

    missing: list[str]
    matched: set[int]
    ambiguous: dict[str, list[int]]


def match_roster(roster: Sequence[str], bodies: Sequence[str]) -> RosterMatch:
    """Match every roster name with the reports' body names.

    A name matches the bodies that read alike without their customary suffix (青山镇, 青山镇政府
    and 青山镇人民政府 are one unit; several files of one unit are its resubmissions). Failing
    that, a name contained in the bodies' names (or containing them: a roster may prefix the
    county) matches when exactly one unit fits; when several do it is ambiguous and reported,
    never guessed.
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, body in enumerate(bodies):
        if body:
            by_key[short_key(body)].append(i)
    matched: set[int] = set()
    unmatched: list[str] = []
    for name in roster:
        hits = by_key.get(short_key(name), [])
        if hits:
            matched.update(hits)
        else:
            unmatched.append(name)
    missing: list[str] = []
    ambiguous: dict[str, list[int]] = {}
    for name in unmatched:
        key = short_key(name)
        units = [
            k
            for k, members in by_key.items()
            if not matched.intersection(members) and (key in k or (len(k) >= MIN_NAME_CHARS and k in key))
        ]
        if len(units) == 1:
            matched.update(by_key[units[0]])
        elif units:
            ambiguous[name] = sorted(i for k in units for i in by_key[k])
        else:
            missing.append(name)
    return RosterMatch(missing, matched, ambiguous)
