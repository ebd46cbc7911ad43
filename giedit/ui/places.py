"""Where a finding's number or a table's figure goes in the text: the narrative editor of a page."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from giedit.ui.info_form import InfoForm
from giedit.ui.narrative import NarrativeEditor


def text_editor(page: QWidget, section: str | None) -> NarrativeEditor | None:
    """The narrative editor of a page for ``section``: a section's text, a table's note, or the
    preamble on the 基本信息 page."""
    from giedit.ui.pages import SectionPage, TablePage  # the table editors load with the first table

    if isinstance(page, SectionPage):
        return page.editor
    if isinstance(page, TablePage):
        return page.note
    if isinstance(page, InfoForm) and section == page.preamble.where:
        return page.preamble
    return None
