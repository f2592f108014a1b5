"""`python -m data_pipeline load|sample|status`."""

import sys

from data_pipeline.cli import main

sys.exit(main())
