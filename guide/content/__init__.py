"""Layer 2: checks on the pages in docs/ (ARCHITECTURE.md)."""
