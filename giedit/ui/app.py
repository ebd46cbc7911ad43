"""Start-up of the editor window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def run(files: list[str]) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    win = QMainWindow()
    win.setWindowTitle("giedit 政府信息公开工作年度报告")
    win.setCentralWidget(QLabel("编辑器正在建设中。"))
    win.resize(1280, 720)
    win.show()
    return app.exec()
