"""Lighthouse (npm `lighthouse`, pinned in package-lock.json) on Debian's chromium: one mobile performance run.

Shared by tests/quality/test_lighthouse.py (the gate) and benchmarks/lighthouse.py (the figures in the README).
Lighthouse's defaults: a mid-range phone (moto g power), simulated slow 4G (150 ms, 1.6 Mbit/s), the CPU slowed
down four times. The page must be served as Pages serves it (browser.SiteServer: gzip, kept-alive connections).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from browser import CHROMIUM, CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# The browser tests' chromium flags (no background connections: the machine's network is closed), in the new
# headless mode Lighthouse expects.
FLAGS = " ".join("--headless=new" if flag == "--headless" else flag for flag in CHROMIUM_FLAGS)
# The pages issue 13 (item 8) names: the home page, an article, a unit page and the overview.
PAGES = {"home": "", "article": "tin-tuc/hai-phong-dat-muc-tieu-tfp-dong-gop-47-grdp-vao-nam-2025/",
         "unit": "tinh-thanh/hai-phong/", "overview": "tong-quan/", "plan": "tinh-thanh/hai-duong/qd-74-2021/",
         "group": "tong-quan/nhom/ho-tro-doanh-nghiep/"}
# The metrics the performance score is made of, in Lighthouse's order, with their short names.
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS", "speed-index": "SI"}


@dataclass(frozen=True)
class Metric:
    """One metric of a run: its value as Lighthouse prints it, and its own score (0-1)."""

    name: str
    display: str
    score: float


@dataclass(frozen=True)
class Run:
    """One Lighthouse run of one page: the performance score (0-100) and its metrics."""

    url: str
    score: int
    metrics: tuple[Metric, ...]

    def worst(self, count: int = 3) -> str:
        """The metrics that cost the most, worst first: 'TBT 450 ms (0.62), FCP 2.1 s (0.80)'."""
        ranked = sorted(self.metrics, key=lambda m: m.score)[:count]
        return ", ".join(f"{m.name} {m.display} ({m.score:.2f})" for m in ranked)

    def line(self) -> str:
        """Every metric on one line, for a report."""
        return "  ".join(f"{m.name} {m.display}" for m in self.metrics)


def installed() -> bool:
    """Whether `./run test` (npm ci) has installed the pinned Lighthouse."""
    return LIGHTHOUSE.exists()


def run(url: str, *, timeout: float = 240) -> Run:
    """Run Lighthouse once on `url` (performance only, mobile) and read its JSON report."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    with tempfile.TemporaryDirectory(prefix="nscl-lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        done = subprocess.run([str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
                               f"--output-path={report}", f"--chrome-flags={FLAGS}", "--quiet"],
                              env=env, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse failed on {url} (exit {done.returncode}):\n{done.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not measure {url}: {data['runtimeError']}")
    audits = data["audits"]
    metrics = tuple(Metric(short, audits[key]["displayValue"], audits[key]["score"]) for key, short in METRICS.items())
    return Run(url, round(data["categories"]["performance"]["score"] * 100), metrics)
