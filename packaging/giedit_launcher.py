"""PyInstaller's entry script: the frozen program runs the same ``main`` as the ``giedit`` command.

PyInstaller needs a script file, not a ``[project.scripts]`` entry point; this stays outside the
package so that the analysis does not put ``giedit/`` itself on the import path.
"""

import multiprocessing
import sys

from giedit.cli import main

if __name__ == "__main__":
    # ``giedit check --jobs`` starts worker processes; on Windows a frozen program starts them by
    # running itself again, and this call turns such a run into a worker instead of a second giedit.
    multiprocessing.freeze_support()
    sys.exit(main())
