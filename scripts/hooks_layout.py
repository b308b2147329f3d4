"""How the hooks are laid out: module sizes, import circles, imports running back up, module-level state.

    python scripts/hooks_layout.py [HOOKS_DIR]     # prints the figures; exit 1 if a rule is broken

The modules of hooks/ sit in layers (`LAYERS`, bottom first): a module imports only modules of its own layer
or below, never a hook file, and the imports form no circle (imports under `TYPE_CHECKING` count too). At most
`STATE_LIMIT` module-level values may change after import: the current build and the one cache
(hooks/_state.py). A value counts as mutable state when a module assigns a list, dict or set (a literal, a
comprehension or a call of the type), an instance of a class of the hooks that is not a frozen dataclass, or a
name it rebinds with `global`; a class body's mutable attributes count too (but for the options of a
`Config` schema). Constant tables are written as `frozenset`, `tuple` or `MappingProxyType`, so that they
cannot change either. Memoised pure functions (`functools.cache`, `lru_cache`) are listed apart: they change
no answer. tests/test_layout.py runs this on every test run.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 500
STATE_LIMIT = 2
# Bottom first. A hook file (no leading underscore) is above every layer.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("text", ("_vn", "_urls", "_order", "_problems", "_hidden", "_sanitize", "_fonts", "_picture_check")),
    ("reading", ("_suggest", "_yaml", "_front_matter", "_fields", "_settings", "_search", "_cache")),
    ("model", ("_terms", "_registry", "_covers", "_articles", "_videos", "_video_loader", "_plans", "_plan_loader",
               "_progress", "_map", "_figures", "_charts", "_open_data")),
    ("content", ("_content",)),
    ("views", ("_pages", "_cards", "_news", "_video_pages", "_unit_pages", "_plan_pages", "_home", "_feeds",
               "_channels", "_cms", "_theme", "_fragments", "_digest", "_chart_files", "_datapackage")),
    ("build", ("_state",)),
)
_MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque", "bytearray"}
_MEMO = {"cache", "lru_cache", "cached_property"}


@dataclass
class Report:
    """What the layout check found."""

    lines: dict[str, int] = field(default_factory=dict)
    imports: dict[str, set[str]] = field(default_factory=dict)
    circles: list[list[str]] = field(default_factory=list)
    upward: list[str] = field(default_factory=list)
    unlayered: list[str] = field(default_factory=list)
    state: list[str] = field(default_factory=list)
    memos: list[str] = field(default_factory=list)

    @property
    def too_long(self) -> list[str]:
        """Modules over MAX_LINES lines."""
        return sorted(m for m, n in self.lines.items() if n > MAX_LINES)

    @property
    def ok(self) -> bool:
        """Whether every rule holds."""
        return not (self.too_long or self.circles or self.upward or self.unlayered or len(self.state) > STATE_LIMIT)


def layer_of(module: str) -> int:
    """The module's layer, bottom 0; a hook file is above all; -1 for a `_` module no layer names."""
    if not module.startswith("_"):
        return len(LAYERS)
    for index, (_, names) in enumerate(LAYERS):
        if module in names:
            return index
    return -1


def check(folder: Path) -> Report:
    """Read every module of `folder` and check the rules."""
    report = Report()
    modules = {p.stem: p for p in sorted(folder.glob("*.py"))}
    for name, path in modules.items():
        text = path.read_text(encoding="utf-8")
        report.lines[name] = text.count("\n") + (not text.endswith("\n"))
        tree = ast.parse(text, filename=str(path))
        report.imports[name] = {m for m in _imported(tree) if m in modules}
        report.state += [f"{name}: {what}" for what in _state_of(tree, modules)]
        report.memos += [f"{name}: {what}" for what in _memos_of(tree)]
        if layer_of(name) == -1:
            report.unlayered.append(name)
    for name, targets in report.imports.items():
        for target in sorted(targets):
            if not target.startswith("_") or layer_of(target) > layer_of(name):
                report.upward.append(f"{name} -> {target}")
    report.circles = _circles(report.imports)
    return report


def _imported(tree: ast.Module) -> set[str]:
    """Every module name the file imports, anywhere in it (under TYPE_CHECKING too)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def _state_of(tree: ast.Module, modules: dict[str, Path]) -> list[str]:
    """The module's mutable values: assigned at module or class level, or rebound with `global`."""
    classes = _project_classes(modules)
    found = []
    for node in tree.body:
        for name, value in _assignments(node):
            if _mutable(value, classes):
                found.append(name)
        if isinstance(node, ast.ClassDef) and not any(_name(base).endswith("Config") for base in node.bases):
            for item in node.body:
                for name, value in _assignments(item):
                    if _mutable(value, classes):
                        found.append(f"{node.name}.{name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found += [f"global {n}" for n in node.names]
    return sorted(set(found))


def _assignments(node: ast.stmt) -> list[tuple[str, ast.expr | None]]:
    """(name, value) of a plain or annotated assignment."""
    if isinstance(node, ast.Assign):
        return [(t.id, node.value) for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [(node.target.id, node.value)]
    return []


def _mutable(value: ast.expr | None, classes: set[str]) -> bool:
    """Whether a value is a container that can change, or an instance of a class of the hooks."""
    if isinstance(value, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp | ast.SetComp):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return name in _MUTABLE_CALLS or name in classes
    return False


def _project_classes(modules: dict[str, Path]) -> set[str]:
    """The names of the classes the hooks define whose instances can change (not frozen dataclasses)."""
    names = set()
    for path in modules.values():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and not _frozen(node):
                names.add(node.name)
    return names


def _frozen(node: ast.ClassDef) -> bool:
    """Whether a class is declared `@dataclass(frozen=True)`."""
    return any(isinstance(d, ast.Call) and _name(d.func) == "dataclass"
               and any(k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value for k in d.keywords)
               for d in node.decorator_list)


def _name(node: ast.expr) -> str:
    """The name a node refers to (`Config`, `base.Config` -> `Config`)."""
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _memos_of(tree: ast.Module) -> list[str]:
    """Functions memoised with functools."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if name in _MEMO:
                    found.append(node.name)
    return found


def _circles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of modules (an import circle), with more than one member or a self-import."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(imports.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in imports.get(node, ()):
                found.append(sorted(group))

    for node in sorted(imports):
        if node not in index:
            visit(node)
    return found


def main() -> int:
    """Print the figures of the hooks folder given (default: this project's)."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "hooks"
    report = check(folder)
    longest = sorted(report.lines.items(), key=lambda kv: -kv[1])[:5]
    lines = [
        f"modules: {len(report.lines)}, {sum(report.lines.values())} lines; longest: "
        + ", ".join(f"{m} {n}" for m, n in longest),
        f"over {MAX_LINES} lines: {', '.join(report.too_long) or 'none'}",
        f"import circles: {len(report.circles)} " + "; ".join(" <-> ".join(c) for c in report.circles),
        f"imports running back up (or into a hook file): {len(report.upward)} " + ", ".join(report.upward),
        f"modules in no layer: {', '.join(report.unlayered) or 'none'}",
        f"module-level mutable values and `global` statements: {len(report.state)} (at most {STATE_LIMIT}): "
        + ", ".join(report.state),
        f"memoised pure functions (not state): {len(report.memos)}: " + ", ".join(report.memos),
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
