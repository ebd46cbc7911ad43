"""Publishable DOCX and PDF export. Pure Python, no Qt."""
