"""PyInstaller entry point of the bundle's ``chairlog-gui`` (windowed) executable."""

import sys

from chairlog.cli import gui_main

sys.exit(gui_main())
