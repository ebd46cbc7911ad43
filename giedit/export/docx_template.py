"""giedit's own minimal DOCX template, built in code.

python-docx's default template is a Mac Word 2011 file: ``app.xml`` says "Microsoft Macintosh
Word", it carries a Letter-sized ``thumbnail.jpeg``, a ja-JP theme with Japanese fonts, blue
Heading1Char/Heading2Char character styles, compatibility mode 14 (Word shows 兼容模式) and a
``stylesWithEffects.xml`` that no longer matches ``styles.xml`` once styles change, for which
Word "repairs" the file. This template has none of that: only the parts a report needs, a zh-CN
theme, compatibility mode 15, a font table that gives every font the writer names an
``w:altName`` that Windows has plus its charset, panose and family (so Word substitutes the
right face on a PC without the GB2312 fonts), and the styles the writer fills in.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import cache

from giedit import __version__

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
DOC_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class FontEntry:
    """A w:font of fontTable.xml, with the values Windows' own fonts carry."""

    name: str
    alt: str | None
    panose: str
    charset: str
    family: str
    pitch: str
    sig: tuple[str, str, str, str, str, str]


_CJK_SIG = ("800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000")
_GB2312_SIG = ("00000001", "080E0000", "00000010", "00000000", "00040000", "00000000")
FONT_TABLE = (
    FontEntry(
        "Times New Roman",
        None,
        "02020603050405020304",
        "00",
        "roman",
        "variable",
        ("E0002EFF", "C000785B", "00000009", "00000000", "000001FF", "00000000"),
    ),
    FontEntry(
        "宋体",
        "SimSun",
        "02010600030101010101",
        "86",
        "auto",
        "variable",
        ("00000003", "288F0000", "00000016", "00000000", "00040001", "00000000"),
    ),
    FontEntry("黑体", "SimHei", "02010609060101010101", "86", "modern", "fixed", _CJK_SIG),
    FontEntry("仿宋", "FangSong", "02010609060101010101", "86", "modern", "fixed", _CJK_SIG),
    FontEntry("楷体", "KaiTi", "02010609060101010101", "86", "modern", "fixed", _CJK_SIG),
    FontEntry("仿宋_GB2312", "仿宋", "02010609030101010101", "86", "modern", "fixed", _GB2312_SIG),
    FontEntry("楷体_GB2312", "楷体", "02010609030101010101", "86", "modern", "fixed", _GB2312_SIG),
    FontEntry(
        "方正小标宋简体",
        "宋体",
        "02000000000000000000",
        "86",
        "auto",
        "variable",
        ("00000001", "08000000", "00000000", "00000000", "00040000", "00000000"),
    ),
)


def font_table() -> str:
    entries = []
    for f in FONT_TABLE:
        alt = f'<w:altName w:val="{f.alt}"/>' if f.alt else ""
        sig = 'w:usb0="{}" w:usb1="{}" w:usb2="{}" w:usb3="{}" w:csb0="{}" w:csb1="{}"'.format(*f.sig)
        entries.append(
            f'<w:font w:name="{f.name}">{alt}<w:panose1 w:val="{f.panose}"/><w:charset w:val="{f.charset}"/>'
            f'<w:family w:val="{f.family}"/><w:pitch w:val="{f.pitch}"/><w:sig {sig}/></w:font>'
        )
    return f'{XML}<w:fonts xmlns:w="{W}">{"".join(entries)}</w:fonts>'


def _styles() -> str:
    """Defaults and the built-in styles the writer fills in (it resets their properties)."""
    para = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="{sid}Char"/>'
        f'<w:uiPriority w:val="9"/><w:qFormat/><w:pPr/><w:rPr/></w:style>'
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{sid}Char"><w:name w:val="{name} Char"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="{sid}"/><w:uiPriority w:val="9"/><w:rPr/></w:style>'
        for sid, name in (("Heading1", "heading 1"), ("Heading2", "heading 2"))
    )
    furniture = "".join(  # python-docx's header and footer parts name these ids
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{sid.lower()}"/>'
        f'<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr/><w:rPr/></w:style>'
        for sid in ("Header", "Footer")
    )
    return (
        f'{XML}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault>'
        "<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>"
        '<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" '
        'w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376"/>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/><w:pPr/><w:rPr/></w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        f"{para}{furniture}</w:styles>"
    )


SETTINGS = (
    f'{XML}<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/><w:compat>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    "</w:compat>"
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/>'
    '<w:listSeparator w:val=","/></w:settings>'
)


def _theme() -> str:
    """A minimal Office theme whose East Asian fonts are Chinese (script Hans), not Japanese."""
    colours = "".join(
        f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>'
        for name, rgb in (
            ("dk1", "000000"),
            ("lt1", "FFFFFF"),
            ("dk2", "44546A"),
            ("lt2", "E7E6E6"),
            ("accent1", "4472C4"),
            ("accent2", "ED7D31"),
            ("accent3", "A5A5A5"),
            ("accent4", "FFC000"),
            ("accent5", "5B9BD5"),
            ("accent6", "70AD47"),
            ("hlink", "0563C1"),
            ("folHlink", "954F72"),
        )
    )

    def fonts(tag: str, ea: str) -> str:
        return (
            f'<a:{tag}><a:latin typeface="Times New Roman"/><a:ea typeface="{ea}"/><a:cs typeface=""/>'
            f'<a:font script="Hans" typeface="{ea}"/></a:{tag}>'
        )

    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="6350">{solid}</a:ln>'
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    return (
        f'{XML}<a:theme xmlns:a="{A}" name="giedit"><a:themeElements>'
        f'<a:clrScheme name="giedit">{colours}</a:clrScheme>'
        f'<a:fontScheme name="giedit">{fonts("majorFont", "黑体")}{fonts("minorFont", "仿宋")}</a:fontScheme>'
        f'<a:fmtScheme name="giedit"><a:fillStyleLst>{solid * 3}</a:fillStyleLst>'
        f"<a:lnStyleLst>{line * 3}</a:lnStyleLst><a:effectStyleLst>{effect * 3}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
        "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


DOCUMENT = (
    f'{XML}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" '
    'w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>'
)

CONTENT_TYPES = (
    f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/theme/theme1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)


def _rels(items: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in items)
    return f'{XML}<Relationships xmlns="{PKG}">{body}</Relationships>'


def _app() -> str:
    return (
        f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>giedit</Application><AppVersion>{_app_version()}</AppVersion>"
        "<DocSecurity>0</DocSecurity></Properties>"
    )


def _app_version() -> str:
    """AppVersion must look like XX.YYYY; giedit 0.1.0 -> 00.0100."""
    parts = [int(p) if p.isdigit() else 0 for p in __version__.split(".")[:3]] + [0, 0, 0]
    return f"{parts[0]:02d}.{parts[1]:02d}{parts[2]:02d}"


CORE = (
    f'{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title/></cp:coreProperties>'
)


@cache
def template() -> bytes:
    """The template package's bytes (python-docx opens it as ``Document(BytesIO(template()))``)."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": _rels(
            [
                ("rId1", f"{DOC_TYPE}/officeDocument", "word/document.xml"),
                ("rId2", f"{PKG}/metadata/core-properties", "docProps/core.xml"),
                ("rId3", f"{DOC_TYPE}/extended-properties", "docProps/app.xml"),
            ]
        ),
        "docProps/app.xml": _app(),
        "docProps/core.xml": CORE,
        "word/document.xml": DOCUMENT,
        "word/_rels/document.xml.rels": _rels(
            [
                ("rId1", f"{DOC_TYPE}/styles", "styles.xml"),
                ("rId2", f"{DOC_TYPE}/settings", "settings.xml"),
                ("rId3", f"{DOC_TYPE}/fontTable", "fontTable.xml"),
                ("rId4", f"{DOC_TYPE}/theme", "theme/theme1.xml"),
            ]
        ),
        "word/styles.xml": _styles(),
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": font_table(),
        "word/theme/theme1.xml": _theme(),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
    return buf.getvalue()
