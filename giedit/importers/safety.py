"""Opening files without trusting them: what a file is (by content), how much of it is read,
and a DOCX's bounded zip and bounded XML (no DTDs, no entities, no network).

A DOCX is a zip of XML parts, and both layers can be made hostile: a zip bomb, a zip with
millions of entries, a part that lies about its size, XML with entity expansion ("billion
laughs") or external entities. Every limit below is far above what a real annual report needs
(a 40-page report with pictures is a few MB; its document.xml well under 1 MB), so a file that
hits one is refused with a clear message instead of eating the clerk's memory.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from giedit.importers.foreign import package_message
from giedit.importers.result import ImportFailed

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_PART_BYTES = 16 * 1024 * 1024  # one XML part, uncompressed
MAX_RATIO = 400  # uncompressed : compressed, per part read
RELS = "_rels/.rels"
DEFAULT_MAIN = "word/document.xml"
_HEADER = re.compile(r"word/header\d*\.xml")
MAX_HEADERS = 6  # a section has three (first, odd, even); giedit writes one or two
OFFICE_DOCUMENT = "/officeDocument"

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<body", b"<title")
_HTML_INSIDE = (b"<html", b"<body", b"<table", b"<div", b"<p>", b"<p ")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
SNIFF_BYTES = 8192
# The most a reader takes of each kind of file (time and memory grow with it).
LIMITS = {
    "docx": MAX_FILE_BYTES,
    "odt": MAX_FILE_BYTES,
    "doc": MAX_FILE_BYTES,
    "wps": MAX_FILE_BYTES,
    "rtf": MAX_FILE_BYTES,
    "pdf": MAX_FILE_BYTES,
    "mhtml": 32 * 1024 * 1024,
    "html": 8 * 1024 * 1024,
    "text": 4 * 1024 * 1024,
}


def sniff(data: bytes, filename: str = "") -> str:
    """What the bytes are: "docx", "odt", "doc", "wps", "pdf", "rtf", "mhtml", "html" or "text".

    By content first (a report saved as .txt that is really a web page is read as one); the
    name only tells .wps from .doc (both are OLE files) and a bare HTML fragment from text.
    """
    suffix = filename.lower().rpartition(".")[2] if "." in filename else ""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "odt" if b"application/vnd.oasis.opendocument.text" in data[:200] else "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "wps" if suffix == "wps" else "doc"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    head = _ascii_head(data)
    if b"mime-version:" in head[:2048] and b"multipart/related" in head:
        return "mhtml"
    start = head.lstrip()
    if start.startswith(b"<?xml"):
        start = start[start.find(b"?>") + 2 :].lstrip()
    if start.startswith(_HTML_START) or (start.startswith(b"<") and any(t in head for t in _HTML_INSIDE[:2])):
        return "html"
    if "." + suffix in HTML_SUFFIXES and any(t in head for t in _HTML_INSIDE):
        return "html"
    return "text"


def _ascii_head(data: bytes) -> bytes:
    """The start of the file, lower-cased, as ASCII bytes even when it is UTF-16."""
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lower()


def read_capped(path: Path, name: str) -> bytes:
    """A regular file's bytes, never more than its kind's limit (``LIMITS``) read into memory.

    The size is checked by what is actually read, not by what the file system says (a device,
    a FIFO or a file growing while it is read would make ``stat`` lie).
    """
    # O_NONBLOCK: opening a FIFO must not wait for a writer; the descriptor is checked first
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ImportFailed(f"{name}不是普通文件，无法导入。")
        head = f.read(SNIFF_BYTES)
        limit = LIMITS[sniff(head, path.name)]
        rest = f.read(limit + 1 - len(head)) if len(head) == SNIFF_BYTES else b""
    data = head + rest
    if len(data) > limit:
        raise ImportFailed(f"{name}过大（超过 {limit // 1024 // 1024} MB），不像是年度报告，已拒绝导入。")
    return data


@dataclass(frozen=True)
class WordParts:
    """The parsed parts of a DOCX the importer reads: the body, and the page headers (where a
    draft carries its 草稿 stamp)."""

    main: etree._Element
    headers: list[etree._Element]


def word_parts(data: bytes, name: str) -> WordParts:
    """The main document part of a DOCX and its headers, parsed safely; a zip that is not a
    Word document (a workbook, even one renamed .docx) is refused saying what it is."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailed(f"{name}过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），已拒绝导入。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise ImportFailed(f"{name}内部文件数异常（{len(infos)} 个），不像是 Word 文档，已拒绝导入。")
            names = {i.filename for i in infos}
            target = _main_name(zf, names, name)
            main = parse_xml(_read(zf, target, name), name) if target is not None else None
            if main is None or etree.QName(main).localname != "document":  # a workbook's is "workbook"
                mimetype = _read(zf, "mimetype", name)[:100] if "mimetype" in names else b""
                raise ImportFailed(package_message(names, mimetype, name))
            return WordParts(main, _headers(zf, names, name))
    except ImportFailed:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, OSError):
        raise ImportFailed(f"{name}已损坏，无法作为 Word 文档（.docx）读取。") from None
    except NotImplementedError:
        raise ImportFailed(
            f"{name}使用了不支持的压缩方式，无法读取。请在 Word 中另存为 .docx 后再导入。"
        ) from None
    except RuntimeError:  # zipfile: encrypted entry
        raise ImportFailed(f"{name}已加密，无法读取。请在 Word 中取消密码后再导入。") from None


def _headers(zf: zipfile.ZipFile, names: set[str], name: str) -> list[etree._Element]:
    """The page headers, read only for a draft's stamp: one that cannot be read safely is
    skipped (the report's content is all in the main part)."""
    out = []
    for part in sorted(n for n in names if _HEADER.fullmatch(n))[:MAX_HEADERS]:
        try:
            out.append(parse_xml(_read(zf, part, name), name))
        except ImportFailed:
            continue
    return out


def _main_name(zf: zipfile.ZipFile, names: set[str], name: str) -> str | None:
    """The main part named by the package relationships (usually word/document.xml)."""
    if RELS in names:
        rels = parse_xml(_read(zf, RELS, name), name)
        for rel in rels:
            if str(rel.get("Type", "")).endswith(OFFICE_DOCUMENT):
                target = posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
                if target in names:
                    return target
    return DEFAULT_MAIN if DEFAULT_MAIN in names else None


def _read(zf: zipfile.ZipFile, part: str, name: str) -> bytes:
    info = zf.getinfo(part)
    too_big = ImportFailed(f"{name}的正文部分过大或压缩比异常，疑似恶意文件，已拒绝导入。")
    if info.file_size > MAX_PART_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
        raise too_big
    with zf.open(info) as f:
        out = f.read(MAX_PART_BYTES + 1)  # bounded even if the header lies about the size
    if len(out) > MAX_PART_BYTES:
        raise too_big
    return out


def parse_xml(data: bytes, name: str) -> etree._Element:
    """Parse one XML part; any DTD or entity declaration is refused outright."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ImportFailed(f"{name}含有 Word 文档不会使用的 XML 声明（DTD/实体），为安全起见已拒绝导入。")
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise ImportFailed(f"{name}已损坏（XML 内容无效），无法读取。") from None
    if root is None or root.getroottree().docinfo.doctype:
        raise ImportFailed(f"{name}含有 Word 文档不会使用的 XML 声明（DTD/实体），为安全起见已拒绝导入。")
    return root


def check_package(data: bytes, name: str) -> None:
    """Refuse a zip package (an .odt) that is a bomb or carries DTDs/entities, before it is
    handed to another program (LibreOffice) that would expand it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise ImportFailed(f"{name}内部文件数异常（{len(infos)} 个），已拒绝导入。")
            for info in infos:
                if info.filename.endswith(".xml"):
                    part = _read(zf, info.filename, name)
                    if b"<!DOCTYPE" in part or b"<!ENTITY" in part:
                        raise ImportFailed(
                            f"{name}含有文档不会使用的 XML 声明（DTD/实体），为安全起见已拒绝导入。"
                        )
                elif info.file_size > MAX_FILE_BYTES or info.file_size > MAX_RATIO * max(
                    info.compress_size, 1024
                ):
                    raise ImportFailed(f"{name}内部数据的压缩比异常，疑似恶意文件，已拒绝导入。")
    except ImportFailed:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        ValueError,
        OSError,
        NotImplementedError,
        RuntimeError,
    ):
        raise ImportFailed(f"{name}已损坏，无法读取。") from None
