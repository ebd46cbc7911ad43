"""PyInstaller's entry script: the frozen program runs the same ``main`` as the ``giedit`` command.

PyInstaller needs a script file, not a ``[project.scripts]`` entry point; this stays outside the
package so that the analysis does not put ``giedit/`` itself on the import path.
"""

import sys

from giedit.cli import main

sys.exit(main())
