"""giedit: editor for the statutory annual open-government-information report."""

__version__ = "0.2.0"
