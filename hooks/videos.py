"""Placeholder for the videos hook; its issue fills it in."""

from __future__ import annotations
