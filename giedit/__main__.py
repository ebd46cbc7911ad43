"""``python -m giedit`` runs the same command as ``giedit``."""

import sys

from giedit.cli import main

sys.exit(main())
