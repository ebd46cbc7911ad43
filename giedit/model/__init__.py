"""The document model: format definitions, the report, values and files. Pure Python, no Qt."""
