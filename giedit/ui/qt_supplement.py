"""Qt texts that Qt's own zh_CN catalogue leaves in English, translated here.

PySide6 ships ``qtbase_zh_CN.qm`` and giedit loads it, but a few strings a clerk meets are not in
it: the file dialog's "&Look in:" and "Files of &type:", and the file types "Folder", "Drive"
and "%1 File" in its list. This translator is installed after Qt's and answers only these; for
anything else it answers nothing and Qt asks its own catalogue.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

SUPPLEMENT: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "&File name:"): "文件名(&F)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
}


class Supplement(QTranslator):
    """Answers the strings of ``SUPPLEMENT``; no answer (a null string: ``None``, not "") sends
    Qt on to the next catalogue."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return SUPPLEMENT.get((context, source))

    def isEmpty(self) -> bool:
        return False
