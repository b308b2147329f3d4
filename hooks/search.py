"""Placeholder for the search hook; its issue fills it in."""

from __future__ import annotations
