"""The words that name a table figure in prose: one vocabulary for writing and for reading it.

「从表格生成」 writes its sentences with these words; the roll-forward reads last year's sentences
with them to bind each number to this year's cell; N-W16 reads the clerk's sentences with them to
compare a typed number with its cell. Because one vocabulary serves all three, a sentence giedit
writes is read back to the same figures (tests/test_wording.py checks it).

The vocabulary is made of the format's own labels (row and group labels without their list
marker and note, the first clause of a long label, column labels, the multi-column headers such as
the applicant and litigation groups, and the labels other formats give the same row) and of the few prose
words below that reports use for the same things (新收/收到…申请, 上年结转, 办结, 制发, 现行有效 …).

Reading a sentence: a number followed by a unit is bound to the cell named by the words since the
previous number (or, when there are none, by the words that follow it in the sentence), with the
row, header group and column carried over from earlier in the sentence: in
「新收申请28件，其中自然人21件」 the 21 is row 一's 自然人. A sentence that names a year other than
the report's, or a clause that compares (同比, 较上年, 增长 …), binds nothing; nor does an
approximate number (420余条, 约30件) or one whose unit does not fit the cell. 无/未/没有 before such
words (「无上年结转申请」, 「未废止文件」) is a claim that the cell is 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache, lru_cache
from typing import Literal

from giedit.model import figures
from giedit.model.formats import FORMATS, get_format
from giedit.model.report import FIGURE
from giedit.model.schema import Format, Row

# -- prose words (not labels): row and column ids of the formats → how reports say them ---------
# The first form of each is the one 「从表格生成」 writes; a compiled form is a regular expression.

RECEIVED = ("新收", "收到", "接到", "受理", "接收")  # 收到…申请: applications received (N-W1 too)
ROW_WORDS: dict[str, dict[str, tuple[str | re.Pattern[str], ...]]] = {
    "requests": {
        "new": (
            "收到政府信息公开申请",
            re.compile(
                f"(?:{'|'.join(RECEIVED)})了?(?:各类|各种)?[^，。；;,:：、\\d{FIGURE}]{{0,12}}?申请(?!人)"
            ),
        ),
        "carried_in": ("上年结转", "上年度结转", "上一年度结转"),
        "total": ("已办理", "办结", "办理完毕", "办理完成"),
        "carried_out": ("结转下年度继续办理", "结转下年度", "结转下一年度", "结转至下年度", "转入下年度"),
        "other_misc": ("其他情形",),  # its label 3.其他 is also a column's: 其他 alone names the column
    },
    "active": {},
    "appeals": {},
}


def _column_words() -> dict[str, dict[str, tuple[str, ...]]]:
    """How the narrative names each column, by table and column id, from the format definitions
    (``Column.words``; a column id means the same in every version, the newest names it first)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for fmt in reversed(list(FORMATS.values())):
        for table in fmt.tables:
            words = out.setdefault(table.id, {})
            for block in table.blocks:
                for column in block.columns:
                    if column.words:
                        words.setdefault(column.id, column.words)
    return out


COLUMN_WORDS = _column_words()
NEGATION = r"(?:没有|未|无|没)"
# A clause with one of these compares or accumulates: its numbers are no cell of this year.
COMPARING = (
    "同比",
    "环比",
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "上升",
    "增长",
    "下降",
    "增加",
    "减少",
    "累计",
    "历年",
    "平均",
)
COUNT_UNITS = ("件", "个", "条", "份", "次", "宗", "例", "起", "项", "部")  # units a count cell may carry
MONEY_UNITS = ("万元", "元")
# Every unit that makes a number a fact of the year (marked when carried and not bound).
FACT_UNITS = (
    "亿元",
    "万元",
    "元",
    "人次",
    "个工作日",
    "工作日",
    "%",
    "件",
    "个",
    "条",
    "份",
    "次",
    "宗",
    "例",
    "起",
    "项",
    "部",
    "人",
    "名",
    "家",
    "户",
    "篇",
    "期",
    "场",
    "批",
    "天",
)
APPROXIMATE_AFTER = ("余", "多")
APPROXIMATE_BEFORE = ("约", "近", "逾", "超过", "将近", "大约")

_NUMBER = re.compile(
    r"(?<![\d.第])(\d+(?:\.\d+)?)(余|多)?(" + "|".join(re.escape(u) for u in FACT_UNITS) + ")"
)
_SENTENCE = re.compile(r"[。！？!?]")
_STOP = re.compile(r"[；;。！？!?]")
_CLAUSE = re.compile(r"[，,；;：:。！？!?]")
_YEAR = re.compile(r"(?<!\d)((?:19|20|21)\d\d)年")
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．])")
_NOTE = re.compile(r"（[^）]*）$")
_QUOTES = "“”\"'‘’「」"
MIN_FORM = 2
READ_CACHE = 2048  # paragraphs whose readings are kept
MAX_LEAD = 3  # characters before a number whose words follow it (另有3件…结转下年度)


def bare(label: str) -> str:
    """A row label without its list marker and trailing note: （二）部分公开（区分…） → 部分公开."""
    return _NOTE.sub("", _MARKER.sub("", label)).strip()


_FULL_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}


def normalise(text: str) -> str:
    """Full-width digits, signs and letters to ASCII, one character for one, so positions stay
    valid (the part of NFKC that matters for numbers)."""
    return text.translate(_FULL_WIDTH)


# -- the vocabulary of one format -----------------------------------------------------------------


class Level(IntEnum):
    """What a word selects: a row (or group row), a multi-column header, or a column."""

    ROW = 0
    HEAD = 1
    COLUMN = 2


@dataclass(frozen=True)
class Term:
    table: str
    level: Level
    ids: frozenset[str]  # row ids (one), or column ids


@dataclass
class Vocabulary:
    fmt: Format
    literals: re.Pattern[str]  # every literal word, as one trie-shaped pattern
    literal_terms: dict[str, list[Term]]  # a literal word without its quotes → its terms
    patterns: list[tuple[re.Pattern[str], list[Term]]]  # the few words that are patterns
    parents: dict[str, dict[str, str]]  # table → row id → its group row id

    def matches(self, text: str) -> list[tuple[int, int, list[Term]]]:
        """The words in ``text``, leftmost first and the longest where two start together."""
        found = [
            (m.start(), m.end(), self.literal_terms[_unquoted(m.group())])
            for m in self.literals.finditer(text)
        ]
        for pattern, terms in self.patterns:
            found.extend((m.start(), m.end(), terms) for m in pattern.finditer(text))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        out: list[tuple[int, int, list[Term]]] = []
        for f in found:
            if f[1] > f[0] and (not out or f[0] >= out[-1][1]):
                out.append(f)
        return out


_QUOTE = f"[{re.escape(_QUOTES)}]?"
_END = ""


def _unquoted(text: str) -> str:
    return "".join(ch for ch in text if ch not in _QUOTES)


def _trie(forms: Iterable[str]) -> re.Pattern[str]:
    """One pattern for many literal words, shaped as a trie so that matching tries only the
    words that begin with the character at hand (an alternation of every word tried them all, at
    every position), and takes the longest word where one is the start of another."""
    root: dict[str, dict] = {}
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(_QUOTE if ch in _QUOTES else re.escape(ch), {})
        node[_END] = {}

    def emit(node: dict[str, dict]) -> str:
        alternatives = [key + emit(child) for key, child in sorted(node.items()) if key != _END]
        if not alternatives:
            return ""
        body = "|".join(alternatives)
        if _END in node:
            return f"(?:{body})?"
        return body if len(alternatives) == 1 else f"(?:{body})"

    return re.compile(emit(root))


def _row_forms(label: str) -> list[str]:
    forms = [bare(label), label]
    first = re.split(r"[、，,]", forms[0])[0]
    if first != forms[0] and len(first) >= 6:
        forms.append(first)
    return [f for f in forms if len(f) >= MIN_FORM]


def _walk(rows: Iterable[Row], parent: str | None = None) -> Iterator[tuple[Row, str | None]]:
    for r in rows:
        yield r, parent
        yield from _walk(r.children, r.id)


@cache
def vocabulary(format_id: str) -> Vocabulary:
    fmt = get_format(format_id)
    literal_forms: dict[str, str] = {}  # without quotes → as written
    literal_terms: dict[str, list[Term]] = {}
    pattern_terms: dict[str, list[Term]] = {}
    parents: dict[str, dict[str, str]] = {}

    def add(form: str | re.Pattern[str], term: Term) -> None:
        if isinstance(form, re.Pattern):
            terms = pattern_terms.setdefault(form.pattern, [])
        else:
            literal_forms.setdefault(_unquoted(form), form)
            terms = literal_terms.setdefault(_unquoted(form), [])
        if term not in terms:
            terms.append(term)

    for table in fmt.tables:
        own_rows = {r.id: r for b in table.blocks for r, _ in _walk(b.rows)}
        column_labels = {c.label for b in table.blocks for c in b.columns}
        summed = {g for g, _ in figures.groups(fmt.id, table.id).items()}
        parents[table.id] = {
            r.id: p for b in table.blocks for r, p in _walk(b.rows) if p is not None and p in summed
        }
        named: dict[str, set[str]] = {}
        for other in FORMATS.values():  # the label any format gives a row this format has
            try:
                other_table = other.table(table.id)
            except KeyError:
                continue
            for b in other_table.blocks:
                for r, _ in _walk(b.rows):
                    if r.id in own_rows and (not r.is_group or r.id in summed):
                        named.setdefault(r.id, set()).update(_row_forms(r.label))
        for row_id, forms in named.items():
            for form in forms:
                if form not in column_labels:
                    add(form, Term(table.id, Level.ROW, frozenset({row_id})))
        for row_id, words in ROW_WORDS.get(table.id, {}).items():
            if row_id in own_rows:
                for word in words:
                    add(word, Term(table.id, Level.ROW, frozenset({row_id})))
        by_label: dict[str, set[str]] = {}
        for b in table.blocks:
            for c in b.columns:
                by_label.setdefault(c.label, set()).add(c.id)
        for text, cols in figures.header_groups(fmt.id, table.id).items():
            add(text, Term(table.id, Level.HEAD, cols))
        for text, cols in by_label.items():
            add(text, Term(table.id, Level.COLUMN, frozenset(cols)))
        for col_id, words in COLUMN_WORDS.get(table.id, {}).items():
            ids = {c.id for b in table.blocks for c in b.columns if c.id == col_id}
            for word in words if ids else ():
                add(word, Term(table.id, Level.COLUMN, frozenset(ids)))
    patterns = [(re.compile(p), terms) for p, terms in pattern_terms.items()]
    return Vocabulary(fmt, _trie(literal_forms.values()), literal_terms, patterns, parents)


# -- writing -------------------------------------------------------------------------------------


def row_word(table_id: str, row_id: str) -> str:
    """The prose 「从表格生成」 writes for a row that reports name in their own words."""
    word = ROW_WORDS[table_id][row_id][0]
    assert isinstance(word, str)
    return word


def column_word(table_id: str, column_id: str) -> str:
    return COLUMN_WORDS[table_id][column_id][0]


# -- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """A number (or figure, or denial) in a paragraph and the figure its words name.

    ``start``/``end`` is the span in the text: the number with its unit, a figure character, or the
    denying words (无上年结转申请). ``digits_end`` ends the digits: ``start``…``digits_end`` is what a
    figure replaces. ``bindable``: an exact number whose unit fits the cell, in a sentence about the
    report year, not compared with anything.
    """

    kind: Literal["number", "figure", "zero"]
    start: int
    end: int
    digits_end: int
    number: float | int | None
    ref: str | None
    bindable: bool

    def snippet(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class _State:
    table: str | None = None
    rows: str | None = None
    head: frozenset[str] | None = None
    cols: frozenset[str] | None = None


@dataclass
class _Token:
    start: int
    end: int
    kind: Literal["term", "number", "figure", "negation"]
    terms: list[Term] = field(default_factory=list)
    match: re.Match[str] | None = None
    ref: str | None = None


def read(
    format_id: str, text: str, figure_refs: Iterable[str | None] = (), year: int | None = None
) -> list[Reading]:
    """Every number, figure and denial in ``text`` with the figure its words name (``ref``), in
    order. ``figure_refs`` are the references of the text's figure characters; ``year`` the report
    year (a sentence naming another year binds nothing). Readings of a paragraph are kept, so
    the checks, which run after every keystroke, read again only the paragraph that changed."""
    return list(_read(format_id, text, tuple(figure_refs), year))


@lru_cache(maxsize=READ_CACHE)
def _read(
    format_id: str, text: str, figure_refs: tuple[str | None, ...], year: int | None
) -> tuple[Reading, ...]:
    vocab = vocabulary(format_id)
    norm = normalise(text)
    refs = iter(figure_refs)
    tokens: list[_Token] = []
    taken = [False] * len(norm)
    for start, end, terms in vocab.matches(norm):
        tokens.append(_Token(start, end, "term", list(terms)))
        for i in range(start, end):
            taken[i] = True
    for m in _NUMBER.finditer(norm):
        if not taken[m.start()]:
            tokens.append(_Token(m.start(), m.end(), "number", match=m))
    for m in re.finditer(NEGATION, norm):
        if not taken[m.start()]:
            tokens.append(_Token(m.start(), m.end(), "negation"))
    for i, ch in enumerate(norm):
        if ch == FIGURE:
            tokens.append(_Token(i, i + 1, "figure", ref=next(refs, None)))
    tokens.sort(key=lambda t: t.start)
    out: list[Reading] = []
    for a, b in _spans(_SENTENCE, norm):
        sentence = [t for t in tokens if a <= t.start < b]
        other_year = year is not None and any(int(y) != year for y in _YEAR.findall(norm[a:b]))
        out.extend(_read_sentence(vocab, norm, sentence, other_year))
    return tuple(out)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in pattern.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _clause(text: str, at: int) -> str:
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, at)), default=0)
    end = m.start() if (m := _CLAUSE.search(text, at)) else len(text)
    return text[start:end]


def _read_sentence(vocab: Vocabulary, text: str, tokens: list[_Token], other_year: bool) -> list[Reading]:
    state = _State()
    pending: list[Term] = []
    out: list[Reading] = []
    consumed = -1  # the words of a denial are its own, not the next number's
    for i, tok in enumerate(tokens):
        if i <= consumed:
            continue
        if tok.kind == "term":
            pending.extend(tok.terms)
            continue
        if tok.kind == "figure":
            target = figures.resolve(vocab.fmt, tok.ref) if tok.ref else None
            if target is not None:
                cell = vocab.fmt.cells[target.cells[0]]
                term_row = tok.ref.split(figures.SUM)[0].split(".")[1]  # type: ignore[union-attr]
                cols = frozenset(vocab.fmt.cells[c].column.id for c in target.cells)
                state = _State(cell.table, term_row, None, cols)
            pending = []
            out.append(Reading("figure", tok.start, tok.end, tok.end, None, tok.ref, False))
            continue
        if tok.kind == "negation":
            denied, state, last = _denials(vocab, text, tokens, i, state)
            out.extend(denied)
            if denied:
                consumed, pending = last, []
            continue
        m = tok.match
        assert m is not None
        words = pending
        if not words and _bare_lead(text, tokens, i):  # 另有3件于12月受理，结转下年度继续办理
            stop = found.start() if (found := _STOP.search(text, tok.end)) else len(text)
            for later in tokens[i + 1 :]:
                if later.kind in ("number", "figure") or later.start >= stop:
                    break
                if later.kind == "term":
                    words = words + later.terms
        ref = _resolve(vocab, state, words) if words else None
        if words:
            state = _apply(state, words, vocab)
        pending = []
        number = float(m.group(1)) if "." in m.group(1) else int(m.group(1))
        out.append(
            Reading(
                "number",
                m.start(),
                m.end(),
                m.end(1),
                number,
                ref,
                ref is not None and not other_year and _bindable(vocab, text, m, ref),
            )
        )
    return out


def _bare_lead(text: str, tokens: list[_Token], i: int) -> bool:
    """Whether almost nothing stands before the number since the previous one (另有, 其中, 共): only
    then may the words after it say what it counts."""
    start = max((t.end for t in tokens[:i] if t.kind in ("number", "figure")), default=0)
    start = max([start, *(m.end() for m in _SENTENCE.finditer(text, 0, tokens[i].start))])
    lead = re.sub(r"[\W\d_]", "", text[start : tokens[i].start])
    return len(lead) <= MAX_LEAD


def _denials(
    vocab: Vocabulary, text: str, tokens: list[_Token], i: int, state: _State
) -> tuple[list[Reading], _State, int]:
    """无/未/没有 + the words of cells, in one clause with no number: each named cell is said to be
    0. Also returns the index of the denial's last word."""
    neg = tokens[i]
    clause_end = m.start() if (m := _CLAUSE.search(text, neg.end)) else len(text)
    rows: list[Term] = []
    others: list[Term] = []
    end, last = neg.end, i
    for j in range(i + 1, len(tokens)):
        later = tokens[j]
        if later.start >= clause_end or later.kind in ("number", "figure"):
            break
        if later.kind == "term":
            end, last = later.end, j
            for t in later.terms:
                (rows if t.level is Level.ROW else others).append(t)
    if not rows and not others:
        return [], state, i
    heads = [t for t in others if t.level is Level.HEAD]
    cols = [t for t in others if t.level is Level.COLUMN]
    # 未作出行政许可、行政处罚处理决定 denies each row; 无…行政复议、行政诉讼 each header group
    each: list[list[Term]] = [[r, *cols] for r in rows] or [[h, *cols] for h in heads] or [cols]
    out = []
    for words in each:
        ref = _resolve(vocab, state, words)
        if ref is not None:
            out.append(Reading("zero", neg.start, end, end, 0, ref, True))
    return out, _apply(state, each[-1], vocab), last


def _pick_table(state: _State, words: list[Term]) -> str | None:
    tables = [t.table for t in words]
    if state.table in tables:
        return state.table
    return tables[-1] if tables else state.table


def _apply(state: _State, words: list[Term], vocab: Vocabulary) -> _State:
    """The context after a number's words: a row resets the header and column, a header the column."""
    table = _pick_table(state, words)
    mine = [t for t in words if t.table == table]
    rows = [t for t in mine if t.level is Level.ROW]
    heads = [t for t in mine if t.level is Level.HEAD]
    cols = [t for t in mine if t.level is Level.COLUMN]
    new = _State(table, state.rows, state.head, state.cols) if table == state.table else _State(table)
    if rows:
        new.rows = _specific(rows, vocab.parents.get(table or "", {}))
        new.head, new.cols = None, None
    if heads:  # 未经复议直接起诉的行政诉讼: the narrower header is meant
        new.head = min((t.ids for t in heads), key=len) if _nested(heads) else heads[-1].ids
        new.cols = None
    if cols:
        new.cols = cols[-1].ids
    return new


def _nested(heads: list[Term]) -> bool:
    widest = max((t.ids for t in heads), key=len)
    return all(t.ids <= widest for t in heads)


def _specific(rows: list[Term], parents: dict[str, str]) -> str:
    """The row meant: the last named, unless it is the group of a data row also named
    (「要求提供公开出版物不予处理」 is the data row, not its group)."""
    ids = [next(iter(t.ids)) for t in rows]
    last = ids[-1]
    for other in reversed(ids[:-1]):
        if parents.get(other) == last:
            return other
    return last


def _resolve(vocab: Vocabulary, state: _State, words: list[Term]) -> str | None:
    s = _apply(state, words, vocab)
    if s.table is None:
        return None
    fmt = vocab.fmt
    layout = fmt.layout(s.table)
    row_id = s.rows
    if row_id is None:
        if len(layout.rows) != 1:
            return None
        row_id = layout.rows[0].id
    group = figures.groups(fmt.id, s.table).get(row_id)
    data_row = layout.row(group[1][0] if group else row_id)
    candidate = [c.id for c in data_row.columns]
    if s.head is not None:
        candidate = [c for c in candidate if c in s.head]
    if s.cols is not None:
        candidate = [c for c in candidate if c in s.cols]
    if len(candidate) > 1 and s.cols is None:
        totals = [c for c in candidate if c in figures.total_columns(fmt.id, s.table)]
        if totals:
            candidate = totals
        elif s.head is None:
            return None  # 现行有效 or 制发? The words do not say.
    elif len(candidate) > 1 and s.head is None:
        return None
    if not candidate:
        return None
    ref = figures.join(f"{s.table}.{row_id}.{c}" for c in candidate)
    return ref if figures.resolve(fmt, ref) is not None else None


def _bindable(vocab: Vocabulary, text: str, m: re.Match[str], ref: str) -> bool:
    if m.group(2) or text[max(0, m.start() - 2) : m.start()].endswith(APPROXIMATE_BEFORE):
        return False
    if any(w in _clause(text, m.start()) for w in COMPARING):
        return False
    target = figures.resolve(vocab.fmt, ref)
    if target is None:
        return False
    unit = m.group(3)
    if target.money:
        cell = vocab.fmt.cells[target.cells[0]]
        return unit in MONEY_UNITS and (cell.column.unit in (None, unit))
    return unit in COUNT_UNITS and "." not in m.group(1)
