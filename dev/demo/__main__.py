"""``python -m dev.demo``: set up and run the dev LMS and the companion until Ctrl-C."""

import sys

from dev.demo.run import main

sys.exit(main())
