"""`python -m guide COMMAND`: the guide's command line (see `python -m guide --help`)."""

from guide.tools.cli import main

raise SystemExit(main())
