"""The layout ARCHITECTURE.md fixes: two halves that never import each other, development tools that
neither half imports, and no import cycles between modules or between apps.

Imports are read from the source (every ``import`` statement, also those inside functions), so a
late import cannot hide a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HALVES = ("xblocks", "companion_service")


def modules(top: str) -> dict[str, Path]:
    """Dotted module name -> file, for every Python file under ``top`` (migrations included)."""
    found = {}
    for path in sorted((REPO / top).rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imported_names(name: str, path: Path) -> set[str]:
    """Every dotted name ``path`` imports (``from a import b`` yields ``a`` and ``a.b``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def graph(tops=HALVES) -> dict[str, set[str]]:
    """Module -> the modules of ``tops`` it imports (migrations are left out: Django orders them)."""
    known = {}
    for top in tops:
        known.update({name: path for name, path in modules(top).items() if ".migrations" not in name})
    return {
        name: {other for other in imported_names(name, path) if other in known and other != name}
        for name, path in known.items()
    }


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan, iterative)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter[0]
                counter[0] += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def app_of(module: str) -> str:
    """``companion_service.skm.views.public`` -> ``companion_service.skm``."""
    return ".".join(module.split(".")[:2])


@pytest.mark.parametrize(
    ("half", "forbidden"),
    [("xblocks", ("companion_service", "dev", "tests")), ("companion_service", ("xblocks", "dev", "tests"))],
)
def test_the_halves_do_not_import_each_other_or_the_dev_tools(half, forbidden):
    offenders = [
        f"{path.relative_to(REPO)} imports {other}"
        for name, path in modules(half).items()
        for other in sorted(imported_names(name, path))
        if other.split(".")[0] in forbidden
    ]
    assert offenders == []


def test_no_module_import_cycles():
    assert cycles(graph(("xblocks", "companion_service", "dev"))) == []


def test_no_app_import_cycles():
    app_edges: dict[str, set[str]] = {}
    for module, imported in graph().items():
        for other in imported:
            if app_of(other) != app_of(module):
                app_edges.setdefault(app_of(module), set()).add(app_of(other))
    assert cycles(app_edges) == []


def test_cycle_finder_finds_a_cycle():
    """The check above can fail: a two-module and a three-module loop are both reported."""
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": {"a"}}) == [
        ["a", "b"],
        ["c", "d", "e"],
    ]
