"""Placeholder for the provinces hook; its issue fills it in."""

from __future__ import annotations
