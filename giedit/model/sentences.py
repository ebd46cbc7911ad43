"""「从表格生成」: factual sentences about the three tables, built of figures, placed in 一.

The sentences say only what the tables say, e.g. 本年度共收到政府信息公开申请⟨5⟩件；上年结转⟨2⟩件。
本年度已办理⟨6⟩件，其中予以公开⟨3⟩件…… where every number ⟨…⟩ is a figure bound to its cell: the
text follows the tables as the clerk corrects them. The words come from ``giedit.model.wording``
(so the narrative rules and the roll-forward read the same figures back) and every official label
from the report's format definition. Which facts a sentence mentions depends on the numbers when it
is generated (an outcome with no applications is left out; none received reads 未收到); if the
numbers change that much later, N-W16 says the sentence no longer fits and generating again
rewrites it.

Each generated paragraph remembers its topic (the table it tells) and a digest of what was
written. Generating again replaces it in place, never appends a second copy; a paragraph the clerk
has edited since is replaced only when the caller says so (the editor asks first). A new paragraph
goes under its sub-heading in 一 (主动公开; 依申请公开, with the 复议诉讼 sentence after the
applications), which is created when the section has none.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from giedit.model import figures, inline, wording
from giedit.model.digests import sha1
from giedit.model.report import FIGURE, Generated, Level, Paragraph, Report
from giedit.model.schema import CellKind, Row, TableLayout

# The section 「从表格生成」 writes into: 一 总体情况 summarises the three tables.
SECTIONS = ("overview",)
SECTION = SECTIONS[0]
# The sub-heading of 一 each topic (table id) goes under: customary sub-topics of 一 (spec §2.3).
HEADINGS = {"active": "主动公开", "requests": "依申请公开", "appeals": "依申请公开"}


@dataclass(frozen=True)
class FromTables:
    """What 「从表格生成」 produced: one paragraph per topic, and Chinese notes on what was left out."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Blank(Exception):
    """A cell needed for a topic is blank or invalid."""


def available(section_id: str) -> bool:
    return section_id in SECTIONS


bare = wording.bare


def digest(paragraph: Paragraph) -> str:
    """What a paragraph says, as a short fingerprint of its text and figures."""
    raw = json.dumps([paragraph.text, paragraph.figures], ensure_ascii=False)
    return sha1(raw.encode("utf-8")).hexdigest()[:16]


def edited(paragraph: Paragraph) -> bool:
    """A generated paragraph the clerk has changed since it was generated."""
    g = paragraph.generated
    return g is not None and g.digest != digest(paragraph)


class _Text:
    """Text with figures, written piece by piece; pieces join with ``+``."""

    def __init__(self, report: Report, text: str = "") -> None:
        self.report = report
        self.text = text
        self.refs: list[str] = []

    def __add__(self, other: _Text | str) -> _Text:
        out = _Text(self.report, self.text)
        out.refs = list(self.refs)
        if isinstance(other, str):
            out.text += other
        else:
            out.text += other.text
            out.refs += other.refs
        return out

    def fig(self, ref: str) -> _Text:
        if figures.resolve(self.report.definition, ref) is None:
            raise KeyError(ref)
        out = self + ""
        out.text += FIGURE
        out.refs.append(ref)
        return out

    def n(self, ref: str) -> float | int:
        """A figure's value now; ``_Blank`` when a cell is blank (the topic is then skipped)."""
        value = figures.value(self.report, ref)
        if value is None:
            raise _Blank(ref)
        return value


def _joined(pieces: Sequence[_Text], sep: str, report: Report) -> _Text:
    out = _Text(report)
    for i, piece in enumerate(pieces):
        out = out + (sep if i else "") + piece
    return out


# -- table 二 主动公开 ---------------------------------------------------------------------------

_DOCUMENT_COLUMNS = ("issued", "repealed", "in_force", "made", "published", "public_total")


def _active(t: _Text) -> _Text:
    report = t.report
    layout = report.definition.layout("active")
    words = wording.COLUMN_WORDS["active"]
    documents: list[_Text] = []
    quiet: list[str] = []  # rows of documents with nothing to report
    first_verb = ""
    decisions: list[tuple[Row, str]] = []
    money: list[_Text] = []
    for row in layout.rows:
        ids = [c.id for c in row.columns]
        verbs = [c for c in ids if c in _DOCUMENT_COLUMNS]
        if verbs:
            first_verb = first_verb or words[verbs[0]][0]
            if not any(t.n(row.cell_id(c)) for c in verbs):
                quiet.append(row.label)
                continue
            clause = (_Text(report, f"{words[verbs[0]][0]}{row.label}").fig(row.cell_id(verbs[0]))) + "件"
            for col in verbs[1:]:
                clause = (clause + f"，{words[col][0]}").fig(row.cell_id(col)) + "件"
            documents.append(clause)
        elif "decisions" in ids:
            decisions.append((row, row.cell_id("decisions")))  # type: ignore[arg-type]
        elif any(c.kind is CellKind.MONEY for c in row.columns):
            money.extend(_money_row(t, layout, row.id))
    clauses = documents or ([_Text(report, f"未{first_verb}{'、'.join(quiet)}")] if quiet else [])
    verb = wording.column_word("active", "decisions")
    if decisions:
        done = [(row, cid) for row, cid in decisions if t.n(cid)]
        if done:
            items = [_Text(report, f"{row.label}{verb}").fig(cid) + "件" for row, cid in done]
            clauses.append(_Text(report, "作出") + _joined(items, "、", report))
        else:
            clauses.append(_Text(report, f"未作出{'、'.join(row.label for row, _ in decisions)}{verb}"))
    clauses.extend(money)
    return _Text(report, "本年度") + _joined(clauses, "；", report) + "。" if clauses else _Text(report)


def _money_row(t: _Text, layout: TableLayout, row_id: str) -> list[_Text]:
    """A row with an amount: the 2021 fees row (万元), or the 2019 procurement row (projects too).
    A unit the column fixes is written after the figure; a unit the clerk chose prints with it."""
    report = t.report
    row = layout.row(row_id)
    amount_col = next(c for c in row.columns if c.kind is CellKind.MONEY)
    cid = row.cell_id(amount_col.id)
    amount = t.n(cid)
    counts = [c for c in row.columns if c.kind is CellKind.COUNT]
    if counts:
        projects = row.cell_id(counts[0].id)
        if not t.n(projects) and not amount:
            return []
        words = wording.COLUMN_WORDS["active"]
        head = _Text(report, f"{row.label}{words['projects'][-1]}").fig(projects)
        return [(head + f"个，{words['amount'][-1]}").fig(cid)]
    if not amount:
        return [_Text(report, f"未收取{row.label}")]
    return [_Text(report, f"收取{row.label}").fig(cid) + (amount_col.unit or "")]


# -- table 三 申请 ------------------------------------------------------------------------------


def _leaves(row: Row) -> list[Row]:
    return [leaf for c in row.children for leaf in _leaves(c)] if row.children else [row]


def _row_name(row: Row) -> str:
    """How a sentence names a row of table 三: its label without marker, or the prose word for a
    row whose label is also a column's (3.其他)."""
    return (
        wording.row_word("requests", row.id) if row.id in wording.ROW_WORDS["requests"] else bare(row.label)
    )


def _requests(t: _Text) -> _Text:
    report = t.report
    fmt = report.definition

    def ref(row_id: str) -> str:
        return f"requests.{row_id}.total"

    results = next(r for b in fmt.table("requests").blocks for r in b.rows if r.id == "result")
    outcomes: list[_Text] = []
    for child in results.children:
        if child.id == "total" or not t.n(ref(child.id)):
            continue
        text = _Text(report, bare(child.label)).fig(ref(child.id)) + "件"
        if child.children:
            parts = [
                _Text(report, _row_name(leaf)).fig(ref(leaf.id)) + "件"
                for leaf in _leaves(child)
                if t.n(ref(leaf.id))
            ]
            text = text + "（" + _joined(parts, "、", report) + "）"
        outcomes.append(text)
    new, carried_in, carried_out = (t.n(ref(r)) for r in ("new", "carried_in", "carried_out"))
    received = wording.row_word("requests", "new")
    if new:
        out = _Text(report, f"本年度共{received}").fig(ref("new")) + "件"
    else:
        out = _Text(report, f"本年度未{received}")
    if carried_in:
        out = (out + f"；{wording.row_word('requests', 'carried_in')}").fig(ref("carried_in")) + "件"
    out = out + "。"
    carry = wording.row_word("requests", "carried_out")
    if t.n(ref("total")):
        out = (out + f"本年度{wording.row_word('requests', 'total')}").fig(ref("total")) + "件，其中"
        out = out + _joined(outcomes, "，", report)
        if carried_out:
            out = (out + f"；{carry}").fig(ref("carried_out")) + "件"
        out = out + "。"
    elif carried_out:
        out = (out + carry).fig(ref("carried_out")) + "件。"
    return out


# -- table 四 复议诉讼 ---------------------------------------------------------------------------


def _group_label(layout: TableLayout, cell_id: str) -> str:
    """The top header over a value cell, e.g. 行政复议 over 结果维持 of the first group."""
    col = next(g.col for g in layout.grid if g.cell == cell_id)
    over = sorted(
        (g for g in layout.grid if g.header and g.text and g.col <= col < g.col + g.colspan),
        key=lambda g: g.row,
    )
    return over[0].text


def _appeals(t: _Text) -> _Text:
    report = t.report
    layout = report.definition.layout("appeals")
    row = layout.rows[0]
    columns = {c.id: c for c in row.columns}
    review_label = _group_label(layout, row.cell_id("review_total"))
    suit_label = _group_label(layout, row.cell_id("direct_suit_total"))
    outcomes = [c.id.removeprefix("review_") for c in row.columns if c.id.startswith("review_")]

    def ref(groups: tuple[str, ...], outcome: str) -> str:
        return figures.join(row.cell_id(f"{g}_{outcome}") for g in groups)

    review, suits = ("review",), ("direct_suit", "suit_after_review")
    if not t.n(ref(review, "total")) and not t.n(ref(suits, "total")):
        return _Text(report, f"本年度未发生因政府信息公开引起的{review_label}、{suit_label}案件。")
    out = _Text(report, f"本年度因政府信息公开被申请{review_label}").fig(ref(review, "total"))
    out = (out + f"件，被提起{suit_label}").fig(ref(suits, "total")) + "件"
    details: list[_Text] = []
    for label, groups in ((review_label, review), (suit_label, suits)):
        if not t.n(ref(groups, "total")):
            continue
        parts = [
            _Text(report, columns[f"review_{o}"].label).fig(ref(groups, o)) + "件"
            for o in outcomes
            if o != "total" and t.n(ref(groups, o))
        ]
        if parts:
            details.append(_Text(report, label) + _joined(parts, "、", report))
    if details:
        out = out + "；其中" + _joined(details, "，", report)
    return out + "。"


# -- all together ------------------------------------------------------------------------------

_TOPICS: tuple[tuple[str, Callable[[_Text], _Text]], ...] = (
    ("active", _active),
    ("requests", _requests),
    ("appeals", _appeals),
)
TOPICS = tuple(topic for topic, _ in _TOPICS)


def from_tables(report: Report) -> FromTables:
    """One body paragraph per table (主动公开, 依申请公开, 复议诉讼) built of figures."""
    fmt = report.definition
    paragraphs: list[Paragraph] = []
    notes: list[str] = []
    for table_id, build in _TOPICS:
        title = fmt.section(fmt.table(table_id).section).title
        start = _Text(report)
        try:
            for cell in fmt.layout(table_id).cells:  # totals of a table with a blank are not final
                start.n(cell.id)
            written = build(start)
        except _Blank:
            notes.append(f"“{title}”的表格还有空白或无效的单元格，未生成这部分的文字")
            continue
        if written.text:
            p = Paragraph(level=Level.BODY, text=written.text, figures=written.refs)
            p.generated = Generated(topic=table_id, digest=digest(p))
            paragraphs.append(p)
    return FromTables(paragraphs, notes)


# -- placing them in 一 ------------------------------------------------------------------------

_END = "。！？!?"


def edited_topics(existing: Sequence[Paragraph], generated: Sequence[Paragraph]) -> list[str]:
    """Topics whose paragraph in ``existing`` was generated and edited since, and that the new
    sentences would replace: the editor asks before replacing them."""
    topics = {g.generated.topic for g in generated if g.generated}
    return [p.generated.topic for p in existing if p.generated and p.generated.topic in topics and edited(p)]


def _cut(p: Paragraph) -> list[Paragraph]:
    """A paragraph cut into its sentences, each keeping its figures and marks."""
    out: list[Paragraph] = []
    rest = p
    while True:
        end = next((i + 1 for i, ch in enumerate(rest.text) if ch in _END), len(rest.text))
        if end >= len(rest.text):
            out.append(rest)
            return out
        head, rest = inline.split(rest, end)
        out.append(head)


def _topic(report: Report, sentence: Paragraph) -> str | None:
    """The table a sentence tells about, when every number in it is a figure (or a denial) of that
    one table: 本年度新收政府信息公开申请⟨30⟩件，其中自然人⟨24⟩件。 A sentence with any other
    number (全年主动公开政府信息412条) tells something else too and is not one."""
    readings = wording.read(report.format, sentence.text, figures.figure_refs(sentence), report.year)
    tables: set[str] = set()
    for r in readings:
        target = figures.resolve(report.definition, r.ref) if r.ref else None
        if target is None or (r.kind == "number" and not r.bindable):
            return None
        tables.add(target.table)
    return tables.pop() if len(tables) == 1 else None


def superseded(report: Report, existing: Sequence[Paragraph], generated: Sequence[Paragraph]) -> list[str]:
    """The sentences of 一 (not generated ones) that only state facts of a table whose sentences
    are being generated for the first time: 「从表格生成」 replaces them when the clerk agrees."""
    new = _new_topics(existing, generated)
    out: list[str] = []
    for p in existing:
        if p.generated is None and p.level is Level.BODY:
            out += [figures.paragraph_text(report, s) for s in _cut(p) if _topic(report, s) in new]
    return out


def _new_topics(existing: Sequence[Paragraph], generated: Sequence[Paragraph]) -> set[str]:
    have = {p.generated.topic for p in existing if p.generated}
    return {g.generated.topic for g in generated if g.generated and g.generated.topic not in have}


def _replace_sentences(
    report: Report, paras: list[Paragraph], generated: Sequence[Paragraph]
) -> list[Paragraph]:
    """Each generated paragraph of a new topic put where the first sentence of that table stood;
    all such sentences removed, the other sentences kept in their paragraphs, in order."""
    by_topic = {g.generated.topic: g for g in generated if g.generated}
    new = _new_topics(paras, generated)
    out: list[Paragraph] = []
    placed_topics: set[str] = set()
    for p in paras:
        if p.generated is not None or p.level is not Level.BODY:
            out.append(p)
            continue
        kept: Paragraph | None = None
        for sentence in _cut(p):
            topic = _topic(report, sentence)
            if topic not in new:
                kept = sentence if kept is None else inline.joined(kept, sentence)
                continue
            if topic in placed_topics:
                continue
            if kept is not None and kept.text.strip():
                out.append(kept)
            kept = None
            out.append(by_topic[topic])  # type: ignore[index]
            placed_topics.add(topic)  # type: ignore[arg-type]
        if kept is not None and kept.text.strip():
            out.append(kept.model_copy(update={"level": p.level}))
    return out


def _heading_index(paras: list[Paragraph], topic: str) -> int | None:
    word = HEADINGS[topic]
    for i, p in enumerate(paras):
        if p.level is Level.H2 and word in p.text:
            return i
    return None


def _section_end(paras: list[Paragraph], heading: int) -> int:
    """Where the paragraphs under the heading at ``heading`` end (the next heading of its level)."""
    for i in range(heading + 1, len(paras)):
        if paras[i].level is Level.H2:
            return i
    return len(paras)


def placed(
    report: Report,
    existing: Sequence[Paragraph],
    generated: Sequence[Paragraph],
    replace_edited: bool = False,
    replace_sentences: bool = False,
) -> list[Paragraph]:
    """The paragraphs of 一 with ``generated`` put in place.

    A paragraph generated earlier for the same topic is replaced where it stands (one the clerk
    has edited only with ``replace_edited``). With ``replace_sentences``, a topic generated for
    the first time takes the place of the sentences of 一 that only state that table's facts
    (``superseded``: the carried 本年度新收…申请⟨30⟩件… of last year's text). Otherwise a new
    paragraph goes at the top of its sub-heading, the 复议诉讼 sentence after the applications; a
    missing sub-heading is added after the last one of an earlier topic (主动公开 before the
    first sub-heading)."""
    paras = [p.model_copy(deep=True) for p in existing]
    if replace_sentences:
        paras = _replace_sentences(report, paras, generated)
    for g in generated:
        topic = g.generated.topic if g.generated else ""
        same = [i for i, p in enumerate(paras) if p.generated and p.generated.topic == topic]
        if same:
            if paras[same[0]] is g:
                continue
            if replace_edited or not edited(paras[same[0]]):
                paras[same[0]] = g
            continue
        if topic == "appeals":
            before = next(
                (i for i, p in enumerate(paras) if p.generated and p.generated.topic == "requests"), None
            )
            if before is not None:
                paras.insert(before + 1, g)
                continue
        heading = _heading_index(paras, topic)
        if heading is None:
            heading = _add_heading(paras, topic)
        paras.insert(heading + 1, g)
    return paras


def _add_heading(paras: list[Paragraph], topic: str) -> int:
    order = list(dict.fromkeys(HEADINGS.values()))
    earlier = [t for t in HEADINGS if order.index(HEADINGS[t]) < order.index(HEADINGS[topic])]
    found = [i for t in earlier if (i := _heading_index(paras, t)) is not None]
    if found:
        at = _section_end(paras, max(found))
    else:
        at = next((i for i, p in enumerate(paras) if p.level is Level.H2), len(paras))
    paras.insert(at, Paragraph(level=Level.H2, text=HEADINGS[topic]))
    return at
