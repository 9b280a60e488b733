"""``python -m clean`` is the same as the ``clean`` console script."""

import sys

from clean.cli import main

sys.exit(main())
