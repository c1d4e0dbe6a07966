"""`python -m chairlog` runs the command line (and, without a subcommand, the app)."""

import sys

from chairlog.cli import main

sys.exit(main())
