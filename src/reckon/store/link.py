"""Tables of the link stage (filled in by that stage; see docs/architecture.md)."""

from __future__ import annotations
