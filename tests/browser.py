"""Serving a built site on loopback and driving Debian's Chromium: the shared code lives in
guide/chromium.py (also used by `python -m guide pdf`)."""

from __future__ import annotations

from guide.chromium import CHROMIUM, CHROMIUM_ARGS, PHONE, serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "PHONE", "serve"]
