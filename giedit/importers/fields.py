"""The report's own facts read from its text: title, body, year, statistics period, contact,
signature and date.

Each finder returns what the text prints, or nothing; the importer notes where each fact came
from, and nothing is invented.
The one inference made, the body's kind from its name (乡/镇/街道/…), drives checks T1-W6 and
N-W5 and is noted for the clerk to confirm.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from giedit.model.report import BodyKind, Contact
from giedit.model.text import squeezed

_CHROME = re.compile(
    r"^(?:当前位置|您当前的位置|您的位置|字号|【|打印|关闭|分享|来源[:：]|日期[:：]|发布(?:时间|日期)[:：]|"
    r"浏览次数|访问量|阅读次数|索引号|信息来源|文号[:：]|发文机关[:：]|成文日期[:：]|主题分类|"
    r"首页\s*(?:[>》»/|＞]|$)|.{0,30}(?:\s*[>»＞]\s*\S{1,20}){2,}$)"
)
_TITLE = re.compile(r"政府信息公开.{0,12}(?:年度)?报告$|年报$")
_YEAR = re.compile(r"(?<!\d)((?:19|20|21)\d\d)\s*年")
_LEADING_YEAR = re.compile(r"^(?:19|20|21)\d\d年(?:度)?")
_QUOTED_TITLE = re.compile(r"《([^《》]{4,60}政府信息公开[^《》]{0,12}报告)》")
_PLACE_ENDINGS = ("乡", "镇", "街道", "县", "区", "市", "旗", "苏木", "管委会", "管理委员会")
_TITLE_BODY_END = re.compile(r"(?:关于)?(?:(?:19|20|21)\d\d年|政府信息公开)")
_PERIOD = re.compile(r"((?:19|20|21)\d\d)年1月1日(?:起)?(?:至|到|—|-|~|～)(?:((?:19|20|21)\d\d)年)?12月31日")
_DATE = re.compile(r"^((?:19|20|21)\d\d)年(\d{1,2})月(\d{1,2})日$")
_PHONE = re.compile(
    r"(?:联系电话|电话号码|电话|Tel|TEL)\s*[:：]?\s*([0-9０-９][0-9０-９\-－—–()（）\s]{5,30}[0-9０-９])"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_POSTCODE = re.compile(r"邮(?:政)?编(?:码)?\s*[:：]?\s*(\d{6})(?!\d)")
_ADDRESS = re.compile(r"地址\s*[:：]\s*([^，,；;。）)\s]{2,60})")
_OFFICE = re.compile(
    r"(?:请|直接)(?:与|联系)\s*[:：]?\s*([^，,；;。（()：:\s]{2,40}?)(?:联系|[，,；;。（(]|$)"
)
_SENTENCE_PUNCTUATION = "。，；：,;:！？!?"
_FULL_NAME = re.compile(r"(?:人民政府|办事处)")
_NAME_ENDINGS = (
    "人民政府",
    "办事处",
    "政府",
    "局",
    "委员会",
    "委",
    "办公室",
    "中心",
    "院",
    "厅",
    "所",
    "站",
    "处",
    "署",
)
MAX_TITLE_CHARS = 60
MAX_NAME_CHARS = 40


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squeeze(text: str) -> str:
    """Without any whitespace: titles, dates and periods are printed with stray spaces."""
    return "".join(text.split())


def is_chrome(text: str) -> bool:
    """A web page's navigation or metadata line copied along with the report."""
    return bool(_CHROME.match(text.strip()))


def is_title(text: str) -> bool:
    s = squeezed(text)
    return len(s) <= MAX_TITLE_CHARS and bool(_TITLE.search(s.rstrip("。")))


def is_name_line(text: str) -> bool:
    """A short line with no sentence punctuation: a body name printed on its own line."""
    s = squeeze(text)
    return 0 < len(s) <= MAX_NAME_CHARS and not any(ch in s for ch in _SENTENCE_PUNCTUATION)


def year_of_title(title: str) -> int | None:
    m = _YEAR.search(nfkc(title))
    return int(m.group(1)) if m else None


def body_of_title(title: str) -> str:
    """The body name in a title: the text before its year or 政府信息公开, or, in
    ``2019年上海市人民政府办公厅政府信息公开…``, the text between the year and 政府信息公开."""
    s = squeezed(title).removeprefix("关于")
    lead = _LEADING_YEAR.match(s)
    if lead is not None:
        rest = s[lead.end() :]
        m = _TITLE_BODY_END.search(rest)
        return rest[: m.start()].removesuffix("的") if m else ""
    m = _TITLE_BODY_END.search(s)
    return s[: m.start()].removesuffix("的").removesuffix("《") if m else ""


def plausible_name(name: str) -> bool:
    """Whether text can be a body's name: short, no sentence or quotation marks, and ending the
    way names of bodies end (人民政府, 局, 办公室, 镇 …). ``根据《中华人民共和国`` is not one."""
    s = squeezed(name)
    if not 2 <= len(s) <= MAX_NAME_CHARS or any(ch in s for ch in '《》“”"()（）' + _SENTENCE_PUNCTUATION):
        return False
    if s.startswith(("根据", "按照", "依据", "本", "我", "现", "为")):
        return False
    return s.endswith(_NAME_ENDINGS + _PLACE_ENDINGS)


def body_in_text(text: str) -> str | None:
    """The body named in a preamble: ``现发布《临洮县新添镇2022年政府信息公开工作年度报告》``."""
    for m in _QUOTED_TITLE.finditer(squeezed(text)):
        body = body_of_title(m.group(1))
        if body:
            return body
    return None


def full_name(short: str, text: str) -> str | None:
    """``大塅镇`` → ``大塅镇人民政府`` when the report itself prints the full name."""
    if not short or short.endswith(_NAME_ENDINGS):
        return None
    m = re.search(re.escape(short) + _FULL_NAME.pattern, squeeze(text))
    return m.group(0) if m else None


@dataclass(frozen=True)
class Period:
    """The statistics period as printed, without spaces and the 自…起/止 wording; a period printed
    without its second year (``2020年1月1日至12月31日``) is kept so: N-W10 is for the checks to say."""

    value: str
    first_year: int


def find_period(text: str) -> Period | None:
    s = squeezed(text)
    m = _PERIOD.search(s)
    if m is None:
        return None
    second = f"{m.group(2)}年" if m.group(2) else ""
    return Period(f"{m.group(1)}年1月1日至{second}12月31日", int(m.group(1)))


def find_contact(text: str, body: str) -> tuple[Contact, list[str]]:
    """Contact details printed in ``text``, and the names of the fields found."""
    s = nfkc(text)
    found: dict[str, str] = {}
    if m := _PHONE.search(s):
        found["phone"] = squeeze(m.group(1))
    if m := _EMAIL.search(s):
        found["email"] = m.group(0)
    if m := _POSTCODE.search(s):
        found["postcode"] = m.group(1)
    if m := _ADDRESS.search(s):
        found["address"] = m.group(1)
    if (m := _OFFICE.search(s)) and m.group(1) != body:
        found["office"] = m.group(1)
    return Contact(**found), list(found)


def find_date(text: str) -> dt.date | None:
    m = _DATE.match(squeezed(text))
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def frequent_year(text: str) -> int | None:
    """The year printed most often (``YYYY年``): a last resort when title and period lack one."""
    years = Counter(int(y) for y in _YEAR.findall(nfkc(text)))
    return years.most_common(1)[0][0] if years else None


def body_kind(name: str) -> BodyKind | None:
    """The kind of body a name denotes, from its ending; ``None`` when the name does not say."""
    s = name.removesuffix("人民政府").removesuffix("政府")
    if s.endswith(("街道办事处", "街道")):
        return BodyKind.SUBDISTRICT
    if name.endswith(("人民政府", "政府")) or s == name:
        if s.endswith("乡"):
            return BodyKind.TOWNSHIP
        if s.endswith("镇"):
            return BodyKind.TOWN
        if s.endswith("县") and s != name:
            return BodyKind.COUNTY_GOVERNMENT
    if name.endswith(("局", "委员会", "办公室", "中心", "厅", "署")):
        return BodyKind.DEPARTMENT
    return None
