"""`python -m fivesoc` runs the `fivesoc` command."""

import sys

from fivesoc.cli import main

sys.exit(main())
