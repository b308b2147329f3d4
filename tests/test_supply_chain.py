"""Supply chain (issue 15): every action pinned by its full commit SHA, with the version in a comment; the
workflow's token read-only unless a job needs more; Dependabot keeps actions, pip and npm pins current."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")


def test_every_action_is_pinned_by_commit_sha_with_its_version():
    assert WORKFLOWS
    found = []
    for workflow in WORKFLOWS:
        for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
            if match := USES.match(line):
                action, comment = match.groups()
                where = f"{workflow.name}:{number}: {line.strip()}"
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), where
                assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment), where
                found.append(action)
    assert len(found) >= 6, found


def test_token_is_read_only_by_default():
    for workflow in WORKFLOWS:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert data["permissions"] == {"contents": "read"}, workflow.name
        for name, job in data["jobs"].items():
            for scope, level in (job.get("permissions") or {}).items():
                assert level in ("read", "none") or (name == "deploy" and scope in ("pages", "id-token")), (name, scope)


def test_dependabot_watches_actions_pip_and_npm():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"github-actions", "pip", "npm"}
    assert all(u["directory"] == "/" and u["schedule"]["interval"] for u in ecosystems.values())
    # MkDocs 2 drops hooks: never proposed.
    assert {"dependency-name": "mkdocs", "versions": [">=2"]} in ecosystems["pip"]["ignore"]
