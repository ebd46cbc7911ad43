"""Reading published reports (DOCX, text) into giedit reports. Pure Python, no Qt."""
