"""Layer 4: the command line `python -m guide` and what only it runs."""
