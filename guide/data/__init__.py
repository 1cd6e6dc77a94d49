"""Layer 1: the data files' models, loaders and checks (ARCHITECTURE.md)."""
