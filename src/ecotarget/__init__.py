"""ecotarget: a county ecology bureau's yearly targets, checked against monitoring data."""

from __future__ import annotations

__version__ = "0.1.0"
