"""PyInstaller entry point of the bundle's ``chairlog`` (console) executable."""

import sys

from chairlog.cli import main

sys.exit(main())
