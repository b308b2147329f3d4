"""Placeholder for the feeds hook; its issue fills it in."""

from __future__ import annotations
