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

What a number counts matters as much as its verb. Reports count many things in 件 with the same
words (受理群众留言咨询58件，已全部办结58件; 收到行政复议申请2件; 结转下年度培训计划1项), so a number
of table 三 binds only where the text is about 申请 (``SUBJECTS``, ``OTHER_SUBJECTS``), a cell of a
column that prose must name (处理决定) only where its words are said (公开行政处罚结果信息6条 counts
published items, not decisions), and a label with 或 reads the same with 和/及/与 (法人和其他组织 is
the applicant group, never the column 其他). When the words leave a doubt nothing is bound: the
roll-forward then marks the number as last year's, for the clerk to confirm, and N-W16 compares
nothing, since a wrong binding prints a wrong number in next year's report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
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
SUBMITTED = ("提出", "提交")  # 自然人提出申请20件: the same applications, from the applicants' side
# What else a report counts in 件 beside 政府信息公开申请: 收到行政复议申请, 受理群众留言咨询58件，
# 已全部办结, 结转下年度培训计划1项 are not about table 三, whatever their verbs say (N-W1 skips them).
OTHER_SUBJECTS = (
    "复议",
    "诉讼",
    "起诉",
    "应诉",
    "留言",
    "咨询",
    "来信",
    "来访",
    "来电",
    "电话",
    "热线",
    "办件",
    "信访",
    "投诉",
    "举报",
    "诉求",
    "意见",
    "建议",
    "提案",
    "培训",
    "计划",
    "补正",
)
NARROWING = ("涉及", "关于", "有关")  # 收到涉及征地的申请5件 counts a part of the applications
# The word that says a clause is about a table's figures: a number of table 三 binds only in a
# clause about 申请 (the clause's own words, or the sentences before it in the paragraph).
SUBJECTS = {"requests": "申请"}


def _applicants() -> tuple[str, ...]:
    """The labels of table 三's applicant columns (自然人, 商业企业 … 其他), from every format:
    收到自然人申请5件 counts one kind of applicant, not all the applications."""
    out: dict[str, None] = {}
    for fmt in FORMATS.values():
        totals = figures.total_columns(fmt.id, "requests")
        for block in fmt.table("requests").blocks:
            out.update((c.label, None) for c in block.columns if c.id not in totals)
    return tuple(out)


APPLICANTS = _applicants()
_NOT_NEW = "|".join((*OTHER_SUBJECTS, *NARROWING, *APPLICANTS))
ROW_WORDS: dict[str, dict[str, tuple[str | re.Pattern[str], ...]]] = {
    "requests": {
        "new": (
            "收到政府信息公开申请",
            re.compile(
                f"(?:{'|'.join((*RECEIVED, *SUBMITTED))})了?(?:各类|各种)?"
                f"(?:(?!{_NOT_NEW})[^，。；;,:：、\\d{FIGURE}]){{0,12}}?申请(?!人)"
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
# Prose that also names a column whose format words prose must name (below): 行政处罚决定23件 is a
# decision. Read in the text, not as a word of the vocabulary, so 作出行政复议决定 stays table 四's.
COLUMN_HINTS: dict[str, dict[str, tuple[str, ...]]] = {"active": {"decisions": ("决定",)}}
# A label with 或 reads the same with another conjunction: 法人和其他组织 is the 法人或其他组织 group.
CONJUNCTIONS = ("和", "及", "与", "或者", "以及")
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


_FULL_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20, ord("它"): ord("他")}


def normalise(text: str) -> str:
    """Full-width digits, signs and letters to ASCII, one character for one, so positions stay
    valid (the part of NFKC that matters for numbers); 其它 reads as the labels' 其他."""
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
    labels: dict[str, frozenset[str]]  # table → the forms of its rows' own labels (予以公开 …)

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


def _alike(label: str) -> list[str]:
    """A label and its forms with another conjunction for its 或 (法人和/及/或者其他组织)."""
    return [label, *(label.replace("或", c) for c in CONJUNCTIONS)] if "或" in label else [label]


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
    labels: dict[str, set[str]] = {}

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
            for form in (alike for f in forms for alike in _alike(f)):
                if form not in column_labels:
                    add(form, Term(table.id, Level.ROW, frozenset({row_id})))
                    labels.setdefault(table.id, set()).add(_unquoted(form))
        for row_id, words in ROW_WORDS.get(table.id, {}).items():
            if row_id in own_rows:
                for word in words:
                    add(word, Term(table.id, Level.ROW, frozenset({row_id})))
        by_label: dict[str, set[str]] = {}
        for b in table.blocks:
            for c in b.columns:
                by_label.setdefault(c.label, set()).add(c.id)
        for text, cols in figures.header_groups(fmt.id, table.id).items():
            for form in _alike(text):
                add(form, Term(table.id, Level.HEAD, cols))
        for text, cols in by_label.items():
            add(text, Term(table.id, Level.COLUMN, frozenset(cols)))
        for col_id, words in COLUMN_WORDS.get(table.id, {}).items():
            ids = {c.id for b in table.blocks for c in b.columns if c.id == col_id}
            for word in words if ids else ():
                add(word, Term(table.id, Level.COLUMN, frozenset(ids)))
    patterns = [(re.compile(p), terms) for p, terms in pattern_terms.items()]
    frozen = {table: frozenset(forms) for table, forms in labels.items()}
    return Vocabulary(fmt, _trie(literal_forms.values()), literal_terms, patterns, parents, frozen)


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
    format_id: str,
    text: str,
    figure_refs: Iterable[str | None] = (),
    year: int | None = None,
    topic: str | None = None,
) -> list[Reading]:
    """Every number, figure and denial in ``text`` with the figure its words name (``ref``), in
    order. ``figure_refs`` are the references of the text's figure characters; ``year`` the report
    year (a sentence naming another year binds nothing); ``topic`` the table of the section the
    text is in (a paragraph of 三 is about 申请 from its first word, see ``SUBJECTS``). Readings of
    a paragraph are kept, so the checks, which run after every keystroke, read again only the
    paragraph that changed."""
    return list(_read(format_id, text, tuple(figure_refs), year, topic))


@lru_cache(maxsize=READ_CACHE)
def _read(
    format_id: str, text: str, figure_refs: tuple[str | None, ...], year: int | None, topic: str | None
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
    about: dict[str, bool | None] = {table: table == topic or None for table in SUBJECTS}
    for a, b in _spans(_SENTENCE, norm):
        sentence = [t for t in tokens if a <= t.start < b]
        other_year = year is not None and any(int(y) != year for y in _YEAR.findall(norm[a:b]))
        said = {table: _mentions(vocab, norm, sentence, a, b, table) for table in SUBJECTS}
        for r in _read_sentence(vocab, norm, sentence, other_year):
            out.append(_on_subject(r, norm, said, about))
        about = {table: said[table][-1][1] if said[table] else about[table] for table in SUBJECTS}
    return tuple(out)


_OTHER_SUBJECT = re.compile("|".join(OTHER_SUBJECTS))
COMPOUND = 2  # 复议申请, 信访类申请: a 申请 this close after another subject is that subject's


def _mentions(
    vocab: Vocabulary, text: str, tokens: list[_Token], a: int, b: int, table: str
) -> list[tuple[int, bool]]:
    """Where a sentence says what it counts, in order: (position, whether it is the table's
    subject). The subject: its word (申请) in the text or in a word of the table (新收…申请), or
    one of the table's own row labels (予以公开, 信访举报投诉类申请), unless the word follows
    another subject (行政复议申请, 补正申请). Another subject:
    a row or header of another table (行政复议, 行政许可), or one of ``OTHER_SUBJECTS`` outside the
    table's own labels (留言, 来信, 培训计划)."""
    word = SUBJECTS[table]
    terms = [t for t in tokens if t.kind == "term"]
    own = [t for t in terms if any(x.table == table for x in t.terms)]
    foreign = [
        (t.start, t.end) for t in terms if t not in own and any(x.level is not Level.COLUMN for x in t.terms)
    ]
    foreign += [
        (m.start(), m.end())
        for m in _OTHER_SUBJECT.finditer(text, a, b)
        if not any(t.start <= m.start() < t.end for t in own)
    ]
    out = [(start, False) for start, _ in foreign]
    labels = vocab.labels.get(table, frozenset())
    out += [
        (t.start, True)
        for t in own
        if word in text[t.start : t.end] or _unquoted(text[t.start : t.end]) in labels
    ]
    for m in re.compile(re.escape(word)).finditer(text, a, b):
        if not any(t.start <= m.start() < t.end for t in terms):
            out.append((m.start(), not any(m.start() - COMPOUND <= end <= m.start() for _, end in foreign)))
    return sorted(out)


def _on_subject(
    r: Reading, text: str, said: dict[str, list[tuple[int, bool]]], about: dict[str, bool | None]
) -> Reading:
    """A number or denial of a table with a subject names its cell only where the clause is about
    that subject: the last mention before it (before the end of its clause, for a denial), else
    the first after it in the sentence (全年办结25件，其中予以公开12件), else the sentences before it
    in the paragraph. 全年受理群众留言58件，已全部办结58件 binds nothing."""
    table = r.ref.split(".")[0] if r.ref and r.kind != "figure" else None
    if table not in said:
        return r
    at = r.start
    if r.kind == "zero":
        at = m.start() if (m := _CLAUSE.search(text, r.end)) else len(text)
    before = [on for pos, on in said[table] if pos < at]
    after = [on for pos, on in said[table] if pos >= at]
    if (before[-1] if before else after[0] if after else about[table]) is True:
        return r
    return replace(r, ref=None, bindable=False)


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
        said = text[_lead_start(text, tokens, i) : tok.start]
        if not words and _bare_lead(text, tokens, i):  # 另有3件于12月受理，结转下年度继续办理
            stop = found.start() if (found := _STOP.search(text, tok.end)) else len(text)
            said = text[_lead_start(text, tokens, i) : stop]
            for later in tokens[i + 1 :]:
                if later.kind in ("number", "figure") or later.start >= stop:
                    break
                if later.kind == "term":
                    words = words + later.terms
        ref = _resolve(vocab, state, words, said) if words else None
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


def _lead_start(text: str, tokens: list[_Token], i: int) -> int:
    """Where the words of the number ``tokens[i]`` begin: after the previous number or figure."""
    start = max((t.end for t in tokens[:i] if t.kind in ("number", "figure")), default=0)
    return max([start, *(m.end() for m in _SENTENCE.finditer(text, 0, tokens[i].start))])


def _bare_lead(text: str, tokens: list[_Token], i: int) -> bool:
    """Whether almost nothing stands before the number since the previous one (另有, 其中, 共): only
    then may the words after it say what it counts."""
    lead = re.sub(r"[\W\d_]", "", text[_lead_start(text, tokens, i) : tokens[i].start])
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
        ref = _resolve(vocab, state, words, text[neg.start : clause_end])
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


def _resolve(vocab: Vocabulary, state: _State, words: list[Term], said: str) -> str | None:
    """The figure ``words`` name after ``state``; ``said`` is the text they stand in."""
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
    if not candidate or (s.cols is None and not _columns_named(s.table, candidate, said)):
        return None
    ref = figures.join(f"{s.table}.{row_id}.{c}" for c in candidate)
    return ref if figures.resolve(fmt, ref) is not None else None


def _columns_named(table: str, columns: list[str], said: str) -> bool:
    """Whether ``said`` names each column that prose must name: one the format gives words (a
    decisions cell is 行政处罚决定23件, never 公开行政处罚结果信息6条, which counts published items)."""
    for column in columns:
        words = COLUMN_WORDS.get(table, {}).get(column, ())
        hints = COLUMN_HINTS.get(table, {}).get(column, ())
        if words and not any(w in said for w in (*words, *hints)):
            return False
    return True


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
