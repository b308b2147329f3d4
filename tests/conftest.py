"""Test harness: build a real site from fixtures in a temporary folder and hand back what was written."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The site's own machinery, copied into every fixture site so tests build what production builds.
PROJECT_PARTS = ("mkdocs.yml", "hooks", "overrides", "data")
DEFAULT_DAY = "2026-11-22"


@dataclass
class Built:
    """The result of one `mkdocs build`: exit code, log text and the output folder."""

    root: Path
    site: Path
    log: str
    exit_code: int

    @property
    def ok(self) -> bool:
        """Whether the build succeeded."""
        return self.exit_code == 0

    def path(self, url: str) -> Path:
        """The file a URL (relative to the site root) is served from: `tin-tuc/` -> `tin-tuc/index.html`."""
        url = url.lstrip("/")
        return self.site / (url + "index.html" if url == "" or url.endswith("/") else url)

    def text(self, url: str) -> str:
        """The text of the file at `url`."""
        return self.path(url).read_text(encoding="utf-8")

    def files(self) -> dict[str, bytes]:
        """Every file the build wrote, by its path under the output folder, with its bytes."""
        return {p.relative_to(self.site).as_posix(): p.read_bytes() for p in sorted(self.site.rglob("*"))
                if p.is_file()}


def epoch_of(day: str) -> str:
    """SOURCE_DATE_EPOCH for noon of `day` (yyyy-mm-dd) in Vietnam."""
    noon = dt.datetime.fromisoformat(day).replace(hour=12, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    return str(int(noon.timestamp()))


def make_site(dest: Path, *, fixture: str | None = "minimal", files: dict[str, str] | None = None,
              remove: tuple[str, ...] = (), real_content: bool = False) -> Path:
    """Lay out a site in `dest`: the project's config, hooks, templates and data, then the fixture on top."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    if real_content:
        shutil.copytree(ROOT / "content", dest / "content")
    if fixture:
        shutil.copytree(FIXTURES / fixture, dest, dirs_exist_ok=True)
    for rel in remove:
        target = dest / rel
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for rel, text in (files or {}).items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return dest


def run_build(root: Path, *, day: str = DEFAULT_DAY, strict: bool = True, env: dict[str, str] | None = None,
              site_url: str = "https://example.org/nscl/") -> Built:
    """Run the real `mkdocs build` in `root` and capture its log."""
    environ = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")}
    # Compiled templates are shared by every build of the suite (hooks/theme.py: keyed by name, checked by checksum).
    environ.update({"SOURCE_DATE_EPOCH": epoch_of(day), "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url,
                    "NSCL_TEMPLATE_CACHE": str(ROOT / ".cache" / "templates"),
                    "PYTHONDONTWRITEBYTECODE": "1", **(env or {})})
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")]
    if strict:
        cmd.append("--strict")
    proc = subprocess.run(cmd, cwd=root, env=environ, capture_output=True, text=True, check=False)
    return Built(root=root, site=root / "site", log=proc.stdout + proc.stderr, exit_code=proc.returncode)


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., Built]:
    """Build a fixture site in `tmp_path`: `build_site(files={...}, day="2026-01-01")` returns a `Built`."""
    counter = iter(range(1000))

    def _build(files: dict[str, str] | None = None, *, fixture: str | None = "minimal", day: str = DEFAULT_DAY,
               strict: bool = True, env: dict[str, str] | None = None, remove: tuple[str, ...] = (),
               real_content: bool = False, site_url: str = "https://example.org/nscl/") -> Built:
        root = make_site(tmp_path / f"site{next(counter)}", fixture=fixture, files=files, remove=remove,
                         real_content=real_content)
        return run_build(root, day=day, strict=strict, env=env, site_url=site_url)

    return _build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real content of the repository, built once per test session."""
    root = make_site(tmp_path_factory.mktemp("real"), fixture=None, real_content=True)
    built = run_build(root)
    assert built.ok, built.log
    return built


def pytest_sessionstart(session: pytest.Session) -> None:
    """The main process starts with no timings left by an earlier, interrupted run's workers."""
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(session.config.rootpath / ".pytest_cache" / "quality-gates", ignore_errors=True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The quality gates' findings and wall time (tests/quality), gathered from every pytest-xdist worker."""
    if hasattr(terminalreporter.config, "workerinput"):
        return  # a worker hands its timings to the main process instead
    from quality.conftest import report

    report(terminalreporter)
