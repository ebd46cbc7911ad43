"""Fuzzing the .giedit loader with damaged real files: refused in one Chinese line, or a report
that the rules, the save and the exporters all survive.

``tests/test_storage.py`` feeds the loader arbitrary JSON and bytes; ``tests/test_import_safety.py``
fuzzes both importers (text and DOCX). What neither does is start from a *real* report file, where
a damaged file actually comes from (a bad sector, a sync tool, a colleague editing the JSON by
hand), and follow an accepted file further than the loader. Here a shipped sample is damaged
inside its JSON tree (a value replaced by any JSON, a key dropped or added) or in its bytes (flips,
cuts, insertions, encodings), and whatever ``storage`` accepts must also:

- pass through every rule without an exception;
- save again: written and read back it is the same report (the check ``storage.save`` makes
  before it replaces a file, so a file that fails it could be opened but never saved).

The export of accepted files is fuzzed too, on fewer examples (an export takes ~100 ms).

``GIEDIT_FUZZ_EXAMPLES`` (shared with the importer fuzzers) sets the number of examples per test;
CI runs 60. For a deep local run, e.g. ``GIEDIT_FUZZ_EXAMPLES=35000 uv run pytest tests/test_fuzz.py
tests/test_import_safety.py -k "mutated or shuffled or fuzz" --hypothesis-show-statistics``.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import SAMPLES

from giedit.checks import RULES, check
from giedit.export import ExportError, export_docx, pdf_bytes
from giedit.model import storage
from giedit.model.report import Report

FUZZ_EXAMPLES = int(os.environ.get("GIEDIT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
EXPORT_FUZZ = settings(FUZZ, max_examples=max(10, FUZZ_EXAMPLES // 20))
NAMES = [p.name for p in sorted(SAMPLES.glob("*.giedit"))]
FOLDER = Path(tempfile.mkdtemp(prefix="giedit-fuzz-"))

# Values that mean something somewhere in a report, and values no report should hold.
NASTY = ["\ud800", "文\udfff字", "\x00", "\x07", "\x0c", "\ufffe", "\u2028", "9" * 400, "\u202e", "\t"]
# Characters that XML 1.0 cannot hold: C0 controls other than tab and line breaks, lone surrogates,
# U+FFFE/U+FFFF. The DOCX export cannot write them (see test_export_of_control_characters below).
XML_INCOMPATIBLE = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}
XML_SAFE_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(XML_INCOMPATIBLE)), max_size=8
)


def _mutations(xml_safe: bool) -> st.SearchStrategy[tuple[bool, list[int], str, str, Any]]:
    """One damage to a report's JSON tree; ``xml_safe`` leaves out what XML cannot hold."""
    surrogate = {chr(c) for c in range(0xD800, 0xE000)}
    nasty = [s for s in NASTY if not set(s) & (XML_INCOMPATIBLE | surrogate)] if xml_safe else NASTY
    text = XML_SAFE_TEXT if xml_safe else st.text(max_size=8)
    leaf = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.integers().map(lambda n: n * 10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([float("nan"), float("inf"), -0.0, 1e308, 5e-324]),
        text,
        st.sampled_from(["", "2019", "2021", "元", "万元", "镇", "h2", "body", "giedit", "import", "F-E1"]),
        st.sampled_from(nasty),
        st.sampled_from(nasty).map(lambda s: f"本年度{s}共收到"),
    )
    any_json = st.recursive(
        leaf,
        lambda kids: st.lists(kids, max_size=3) | st.dictionaries(text, kids, max_size=3),
        max_leaves=6,
    )
    return st.tuples(
        st.booleans(),  # start at the report itself (most damage worth finding is inside it)
        st.lists(st.integers(0, 10**6), min_size=1, max_size=6),  # the way down the tree
        st.sampled_from(["replace", "delete", "add"]),
        text,  # a new key, for "add"
        any_json,
    )


MUTATION = _mutations(xml_safe=False)


@cache
def _text(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def _mutate(doc: Any, in_report: bool, way: list[int], op: str, key: str, value: Any) -> None:
    """Walk down ``doc`` choosing children by ``way``, then replace, delete or add there."""
    parent: Any = None
    slot: Any = None
    node = doc
    if in_report and isinstance(doc, dict) and isinstance(doc.get("report"), dict):
        parent, slot, node = doc, "report", doc["report"]
    for step in way:
        if isinstance(node, dict) and node:
            slot = sorted(node)[step % len(node)]
        elif isinstance(node, list) and node:
            slot = step % len(node)
        else:
            break
        parent, node = node, node[slot]
    if op == "add" and isinstance(node, dict):
        node[key] = value
    elif op == "add" and isinstance(node, list):
        node.insert(way[-1] % (len(node) + 1), value)
    elif parent is not None and op == "delete":
        del parent[slot]
    elif parent is not None:
        parent[slot] = value


def accepted(report: Report) -> None:
    """What every report the loader hands to the editor must survive."""
    for finding in check(report):
        assert finding.rule in RULES and finding.message
    again = storage.loads(storage.dumps(report), "「x.giedit」")
    assert again == report, "an accepted file could not be saved again (the save's read-back differs)"


def refused(err: storage.FileError) -> None:
    message = str(err)
    assert message and "\n" not in message and any("\u4e00" <= ch <= "\u9fff" for ch in message)


@FUZZ
@given(
    name=st.sampled_from(NAMES),
    mutations=st.lists(MUTATION, min_size=1, max_size=4),
    ascii_only=st.booleans(),
)
def test_damaged_report_trees_are_refused_or_fully_usable(
    name: str, mutations: list[tuple[bool, list[int], str, str, Any]], ascii_only: bool
) -> None:
    doc = copy.deepcopy(json.loads(_text(name)))
    for mutation in mutations:
        _mutate(doc, *mutation)
    text = json.dumps(doc, ensure_ascii=ascii_only)
    try:
        report = storage.loads(text, "「x.giedit」")
    except storage.FileError as err:
        refused(err)
    else:
        accepted(report)


JSON_BITS = ['"', "{", "}", "[", "]", ",", ":", "\\", "\\u", "null", "-", "0", "1e999", "NaN", " ", "\n"]


@FUZZ
@given(
    name=st.sampled_from(NAMES),
    cuts=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 50)), max_size=3),
    inserts=st.lists(
        st.tuples(st.integers(0, 10**6), st.sampled_from(JSON_BITS) | st.text(max_size=4)), max_size=3
    ),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=3),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]),
    truncate=st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_damaged_report_files_are_refused_or_fully_usable(
    name: str,
    cuts: list[tuple[int, int]],
    inserts: list[tuple[int, str]],
    flips: list[tuple[int, int]],
    encoding: str,
    truncate: int | None,
) -> None:
    """Through ``storage.load`` (the path the editor and the CLI open), bytes and all."""
    text = _text(name)
    for at, n in cuts:
        at %= len(text)
        text = text[:at] + text[at + n :]
    for at, piece in inserts:
        at %= len(text) + 1
        text = text[:at] + piece + text[at:]
    data = bytearray(text.encode(encoding, errors="surrogatepass"))
    for at, value in flips:
        data[at % len(data)] = value
    if truncate is not None:
        data = data[: truncate % (len(data) + 1)]
    path = FOLDER / "损坏.giedit"
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    try:
        report = storage.load(path)
    except storage.FileError as err:
        refused(err)
    else:
        accepted(report)
    assert path.read_bytes() == before  # loading never writes


@EXPORT_FUZZ
@given(name=st.sampled_from(NAMES), mutations=st.lists(_mutations(xml_safe=True), min_size=1, max_size=3))
def test_accepted_damaged_files_export(
    name: str, mutations: list[tuple[bool, list[int], str, str, Any]]
) -> None:
    """An accepted file exports as a draft, or is refused with ``ExportError``; never a traceback."""
    doc = copy.deepcopy(json.loads(_text(name)))
    for mutation in mutations:
        _mutate(doc, *mutation)
    try:
        report = storage.loads(json.dumps(doc), "「x.giedit」")
    except storage.FileError:
        return
    try:
        export_docx(report, FOLDER / "导出.docx", draft=True)
        assert pdf_bytes(report, draft=True).startswith(b"%PDF-")
    except ExportError as err:
        assert str(err)


def test_export_of_control_characters(tmp_path: Path) -> None:
    """A control character inside a paragraph, as a .txt import or a paste can leave it there."""
    report = storage.load(SAMPLES / NAMES[-1])
    report.section("overview").paragraphs[0].text += "\x07（响铃）\x0c（换页）\ud800"
    report.body.name += "\x0b"
    export_docx(report, tmp_path / "报告.docx")
    text = "\n".join(p.text for p in Document(str(tmp_path / "报告.docx")).paragraphs)
    assert "（响铃）（换页）" in text


# -- what the fuzzers found, pinned as plain examples ------------------------------------------


def _doc(**changes: Any) -> dict[str, Any]:
    doc = json.loads(_text(NAMES[-1]))
    doc["report"].update(changes)
    return doc


def test_a_huge_number_in_a_cell_is_reported_not_a_crash() -> None:
    """``math.isfinite(10**400)`` raised OverflowError inside every sum (values.number_of)."""
    doc = _doc()
    cell = next(c for c, v in doc["report"]["cells"].items() if isinstance(v, int))
    doc["report"]["cells"][cell] = 10**400
    report = storage.loads(json.dumps(doc))
    assert any(f.rule == "G-E2" and cell in f.cells for f in check(report))


def test_a_year_past_a_c_long_is_not_a_crash() -> None:
    """N-W12 built ``dt.date(year + 1, 1, 1)`` and caught only ValueError, not OverflowError."""
    report = storage.loads(json.dumps(_doc(year=10**30, date="2026-01-20")))
    assert all(f.message for f in check(report))


def test_a_lone_surrogate_is_refused_on_load_not_on_save() -> None:
    """``"\\ud800"`` loaded fine, then every save raised UnicodeEncodeError (not a FileError)."""
    with pytest.raises(storage.FileError, match="已损坏"):
        storage.loads(json.dumps(_doc(title="\ud800")))
    assert storage.loads(json.dumps(_doc(title="\U0001f600"))).title == "\U0001f600"  # a pair is fine


def test_an_unknown_format_for_last_year_is_refused() -> None:
    """``previous.format`` was not checked, and the cross-year rules raised KeyError on it."""
    previous = {"format": "", "year": 2024, "cells": {"requests.new.natural": 1}}
    with pytest.raises(storage.FileError, match=r"previous\.format"):
        storage.loads(json.dumps(_doc(previous=previous)))
