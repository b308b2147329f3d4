"""Benchmark: the full site build against a plain MkDocs + Material build and python-markdown alone.

    .venv/bin/python benchmarks/run.py                 # N = 100, 1000, 5000
    .venv/bin/python benchmarks/run.py 1000 --repeat 3 # one size, median of three runs

For each N it generates the synthetic corpus (benchmarks/corpus.py) and times, side by side:
(a) the full site build, (b) plain MkDocs + Material on the same Markdown (articles out of the nav,
no hooks, no plugins), (c) converting every page with python-markdown alone (the floor: a new
converter per page, as MkDocs does; "reuse" also times one converter for all pages, lower still).
It prints seconds, peak memory (the build and every process it starts, together) and the ratios (a)/(b),
(a)/(c) and time(5000)/time(1000), and writes them to benchmarks/out/results.json. The pictures (preview
cards, hooks/cards.py) are timed apart: (a) with an empty picture cache ("cold"), with the cache the
previous run left ("warm", the (a) of the other ratios) and with pictures off (`NSCL_CARDS=0`).
(d) Pagefind's command line indexing the finished site of (a): what search would add after the build
if it did not run in service mode during it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import generate, report  # noqa: E402

PYTHON = sys.executable
# Runs a command and reports its wall time, its peak memory and its exit code. The peak is the largest
# sum, over the command and every process under it (the build and Pagefind), of their
# proportional set size (shared pages split between the processes sharing them), sampled every 0.1 s.
MEASURE = """
import os, subprocess, sys, tempfile, time
def tree(root):
    children = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(pid))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found
def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
    except OSError:
        return 0
errors = tempfile.TemporaryFile()
t = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=errors)
peak = 0
while process.poll() is None:
    peak = max(peak, sum(pss(pid) for pid in tree(process.pid)))
    time.sleep(0.1)
elapsed = time.perf_counter() - t
import resource
usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and every process it waited for
if process.returncode:
    errors.seek(0)
    sys.stderr.write(errors.read().decode("utf-8", "replace")[-3000:])
print(elapsed, peak, process.returncode, usage.ru_utime + usage.ru_stime)
"""
# The floor: every page's Markdown converted with the site's extensions and their settings, by
# python-markdown alone. "fresh": a new converter per page, as MkDocs itself does (the floor any MkDocs
# build has); "reuse": one converter reset between pages (lower still, out of reach of MkDocs).
FLOOR = """
import sys, pathlib, markdown, yaml
class Loader(yaml.SafeLoader):
    pass
Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
config = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=Loader)
exts, configs = [], {}
for entry in config.get("markdown_extensions", []):
    name = entry if isinstance(entry, str) else next(iter(entry))
    exts.append(name)
    if isinstance(entry, dict):
        configs[name] = entry[name] or {}
md = markdown.Markdown(extensions=exts, extension_configs=configs)
for path in sorted(pathlib.Path(sys.argv[2]).rglob("*.md")):
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    if sys.argv[3] == "fresh":
        md = markdown.Markdown(extensions=exts, extension_configs=configs)
    md.reset().convert(text)
"""


def measure(cmd: list[str], cwd: Path, extra_env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak MiB and CPU seconds of `cmd` (all its processes together), from a fresh process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795327200", **(extra_env or {})}
    out = subprocess.run([PYTHON, "-c", MEASURE, *cmd], cwd=cwd, env=env, capture_output=True, text=True,
                         check=True)
    seconds, pss, code, cpu = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{out.stderr[-3000:]}")
    return float(seconds), int(pss) / 1024, float(cpu)


def plain_config(site: Path) -> Path:
    """mkdocs.yml for (b): same Markdown, Material, nothing of the project's.

    The Markdown is copied to `content-plain/` without the `template:` lines of front matter, which name
    the project's own templates (Material alone has none of them).
    """
    plain = site / "content-plain"
    shutil.rmtree(plain, ignore_errors=True)
    shutil.copytree(site / "content", plain)
    for path in plain.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---") and "\ntemplate:" in text.split("\n---", 1)[0]:
            path.write_text(re.sub(r"(?m)^template:.*\n", "", text, count=1), encoding="utf-8")
    config = {
        "site_name": "plain", "docs_dir": "content-plain", "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "material", "language": "vi", "font": False}, "plugins": [],
        "not_in_nav": "/tin-tuc/**", "nav": ["index.md"],
        "markdown_extensions": ["toc", "tables", "attr_list", "md_in_html", "admonition", "footnotes"],
    }
    path = site / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def run_size(n: int, work: Path, repeat: int) -> dict:
    """Generate the corpus for N and time (a), (b) and (c)."""
    site = generate(n, work / f"n{n}")
    mkdocs = [PYTHON, "-m", "mkdocs", "build", "--quiet"]
    full = mkdocs + ["--strict", "--site-dir", "out-a"]
    cards = site / ".cache" / "cards"
    # (a) is measured three ways: pictures drawn from scratch (the cache emptied before each run), with the
    # cache as the last run left it (the workflow's usual case: "a_full"), and without pictures at all.
    runs = {
        "a_cold": (full, {}, lambda: shutil.rmtree(cards, ignore_errors=True)),
        "a_full": (full, {}, None),
        "a_no_pictures": (full, {"NSCL_CARDS": "0"}, None),
        "b_plain": (mkdocs + ["-f", str(plain_config(site)), "--site-dir", "out-b"], {}, None),
        "c_markdown": ([PYTHON, "-c", FLOOR, "mkdocs.yml", "content", "fresh"], {}, None),
        "c_reuse": ([PYTHON, "-c", FLOOR, "mkdocs.yml", "content", "reuse"], {}, None),
        # Search by Pagefind's command line over the finished site, instead of its service mode during the
        # build (hooks/search.py): what it would add after (a). Its index is written aside and not used.
        "d_pagefind_cli": ([PYTHON, "-m", "pagefind", "--site", "out-a", "--output-subdir", "_pagefind-cli"], {},
                           None),
    }
    result: dict = {"n": n}
    for name, (cmd, env, before) in runs.items():
        samples = []
        for _ in range(repeat):
            if before:
                before()
            samples.append(measure(cmd, site, env))
        result[name] = {"seconds": statistics.median(s for s, _, _ in samples),
                        "peak_mib": max(m for _, m, _ in samples),
                        "cpu_seconds": statistics.median(c for *_, c in samples)}
    result["cards"] = len(list(cards.glob("*.png")))
    result["cold_over_none"] = result["a_cold"]["seconds"] / result["a_no_pictures"]["seconds"]
    result["warm_over_none"] = result["a_full"]["seconds"] / result["a_no_pictures"]["seconds"]
    # CPU time is what a shared machine's load disturbs least: the cost of pictures in work, not in waiting.
    result["warm_over_none_cpu"] = result["a_full"]["cpu_seconds"] / result["a_no_pictures"]["cpu_seconds"]
    result["cold_over_none_cpu"] = result["a_cold"]["cpu_seconds"] / result["a_no_pictures"]["cpu_seconds"]
    result["a_over_b"] = result["a_full"]["seconds"] / result["b_plain"]["seconds"]
    result["a_over_c"] = result["a_full"]["seconds"] / result["c_markdown"]["seconds"]
    result["a_over_c_reuse"] = result["a_full"]["seconds"] / result["c_reuse"]["seconds"]
    return result


def main() -> None:
    """Parse arguments, run every size, print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="where corpora are generated (default: a temp dir)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="nscl-bench-"))
    results = [run_size(n, work, args.repeat) for n in args.sizes]
    by_n = {r["n"]: r for r in results}
    lines = [f"{'N':>6} {'(a) full':>9} {'(b) plain':>9} {'(c) md':>7} {'(c) reuse':>9} {'peak(a)':>8} {'a/b':>5} "
             f"{'a/c':>5} {'a/c reuse':>9} {'(d) cli':>8}"]
    for r in results:
        lines.append(f"{r['n']:>6} {r['a_full']['seconds']:>8.1f}s {r['b_plain']['seconds']:>8.1f}s "
                     f"{r['c_markdown']['seconds']:>6.1f}s {r['c_reuse']['seconds']:>8.1f}s "
                     f"{r['a_full']['peak_mib']:>6.0f}MB {r['a_over_b']:>5.2f} {r['a_over_c']:>5.2f} "
                     f"{r['a_over_c_reuse']:>9.2f} {r['d_pagefind_cli']['seconds']:>7.1f}s")
    summary = {"results": results}
    if 1000 in by_n and 5000 in by_n:
        scale = by_n[5000]["a_full"]["seconds"] / by_n[1000]["a_full"]["seconds"]
        summary["time5000_over_time1000"] = scale
        lines.append(f"time(5000)/time(1000) for (a): {scale:.2f}")
    lines.append("")
    lines.append(f"{'N':>6} {'cards':>6} {'(a) no pictures':>15} {'(a) cold':>9} {'(a) warm':>9} {'cold/none':>9} "
                 f"{'warm/none':>9} {'CPU: none':>9} {'cold':>6} {'warm':>6} {'cold/none':>9} {'warm/none':>9}")
    for r in results:
        cpu = [r[k]["cpu_seconds"] for k in ("a_no_pictures", "a_cold", "a_full")]
        lines.append(f"{r['n']:>6} {r['cards']:>6} {r['a_no_pictures']['seconds']:>14.1f}s "
                     f"{r['a_cold']['seconds']:>8.1f}s {r['a_full']['seconds']:>8.1f}s {r['cold_over_none']:>9.2f} "
                     f"{r['warm_over_none']:>9.3f} {cpu[0]:>8.1f}s {cpu[1]:>5.1f}s {cpu[2]:>5.1f}s "
                     f"{r['cold_over_none_cpu']:>9.2f} {r['warm_over_none_cpu']:>9.3f}")
    report("results", lines, summary)


if __name__ == "__main__":
    main()
