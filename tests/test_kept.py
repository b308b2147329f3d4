"""What the preview keeps between its builds (hooks/_kept.py) is checked again whenever what it came from changes.

`./run serve` builds again in one process on every save, reusing the articles, plans and videos it has
already checked while their files are unchanged. These tests build several times in one process, as
the preview does, changing files in between, and check that every problem is still reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import DEFAULT_DAY, epoch_of, make_site

# Builds once per step in one process; before each, writes and removes the step's files.
BUILDS = """
import json, logging, pathlib, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
said = []
handler = logging.Handler()
handler.emit = lambda record: said.append(record.getMessage())
logging.getLogger("mkdocs").addHandler(handler)
for step in json.loads(sys.argv[2]):
    said.clear()
    for rel, text in step.get("write", {}).items():
        pathlib.Path(rel).write_text(text, encoding="utf-8")
    for rel in step.get("remove", []):
        pathlib.Path(rel).unlink()
    config = load_config("mkdocs.yml", site_dir=sys.argv[1])
    try:
        build(config)
        print("BUILD: ok", flush=True)
    except Exception as exc:
        print("BUILD: failed:", " | ".join([*said, str(exc)]).replace("\\n", " | "), flush=True)
"""


def builds(root: Path, steps: list[dict]) -> list[str]:
    """The outcome of each step's build, in one process: 'ok' or 'failed: <messages>'."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch_of(DEFAULT_DAY), "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-c", BUILDS, str(root / "out"), json.dumps(steps)], cwd=root, env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return [line.removeprefix("BUILD: ") for line in proc.stdout.splitlines() if line.startswith("BUILD: ")]


def test_a_thumbnail_removed_between_builds_is_reported(tmp_path):
    root = make_site(tmp_path / "site", fixture="videos")
    picture = "content/assets/video/kh-huong-dan.png"
    saved = (root / picture).read_bytes()
    outcome = builds(root, [{}, {"remove": [picture]}, {}])
    assert outcome[0] == "ok"
    assert outcome[1].startswith("failed:") and "data/videos.yml" in outcome[1] and "kh-huong-dan.png" in outcome[1]
    assert outcome[2] == outcome[1]  # reported again while the file is missing
    (root / picture).write_bytes(saved)
    assert builds(root, [{}]) == ["ok"]


def test_an_article_broken_between_builds_is_reported_on_every_build_until_fixed(tmp_path):
    root = make_site(tmp_path / "site", fixture="videos")
    article = "content/tin-tuc/hd-1.md"
    text = (root / article).read_text(encoding="utf-8")
    broken = text.replace("date: ", "date: 31/02/", 1)
    outcome = builds(root, [{}, {"write": {article: broken}}, {}, {"write": {article: text}}])
    assert outcome[0] == "ok"
    assert outcome[1].startswith("failed:") and article in outcome[1], outcome
    assert outcome[2] == outcome[1]
    assert outcome[3] == "ok"
