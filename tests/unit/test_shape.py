"""The code's shape, checked: small modules, short functions, imports at the top, no import
cycles (that the product loads no tooling is checked in test_packaging).

These are the rules a newcomer can rely on when reading the package: no module of
`ocr36` over 400 lines, no function over 60 lines or with more than 6 parameters unless its
docstring says why ("Why ..."), imports at the top of a module (inside a function only for an
optional dependency, named in OPTIONAL), and no package that imports itself round in a circle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import ocr36

PACKAGE = Path(ocr36.__file__).resolve().parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_PARAMETERS = 6
OPTIONAL = frozenset({"distributed", "dask"})
"""Dependencies a user may leave out; imported where they are used."""


def _modules() -> Iterator[Path]:
    yield from sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    args = function.args
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
    return len([n for n in names if n not in ("self", "cls")])


def _explained(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    doc = ast.get_docstring(function) or ""
    return "Why " in doc


def test_modules_are_small() -> None:
    large = {_name(p): n for p in _modules()
             if (n := len(p.read_text("utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not large, f"modules over {MAX_MODULE_LINES} lines: {large}"


def test_functions_are_short_and_take_few_parameters() -> None:
    found = []
    for path in _modules():
        for function in _functions(ast.parse(path.read_text("utf-8"))):
            length = (function.end_lineno or function.lineno) - function.lineno + 1
            too_long = length > MAX_FUNCTION_LINES
            too_many = _parameters(function) > MAX_PARAMETERS
            if (too_long or too_many) and not _explained(function):
                found.append(f"{_name(path)}.{function.name}: {length} lines, "
                             f"{_parameters(function)} parameters")
    assert not found, "\n".join(found)


def _imports(tree: ast.Module, module: str, is_package: bool) -> Iterator[tuple[str, ast.AST]]:
    """Modules of ocr36 that `module` imports, with the node (to tell where it stands)."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            yield base, node
            for alias in node.names:
                yield f"{base}.{alias.name}", node


def _graph() -> dict[str, set[str]]:
    names = {_name(p) for p in _modules()}
    graph: dict[str, set[str]] = {}
    for path in _modules():
        module = _name(path)
        tree = ast.parse(path.read_text("utf-8"))
        targets = graph.setdefault(module, set())
        for target, node in _imports(tree, module, path.name == "__init__.py"):
            if target in names and target != module and not _type_only(node, tree):
                targets.add(target)
    return graph


def _type_only(node: ast.AST, tree: ast.Module) -> bool:
    """Inside `if TYPE_CHECKING:`: no import at run time."""
    for block in ast.walk(tree):
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test) \
                and any(node is child for stmt in block.body for child in ast.walk(stmt)):
            return True
    return False


def test_no_import_inside_a_function() -> None:
    found = []
    for path in _modules():
        tree = ast.parse(path.read_text("utf-8"))
        for function in _functions(tree):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    roots = {a.name.split(".")[0] for a in node.names} \
                        if isinstance(node, ast.Import) else {(node.module or "").split(".")[0]}
                    if not roots <= OPTIONAL:
                        found.append(f"{_name(path)}.{function.name}: {ast.unparse(node)}")
    assert not found, "\n".join(found)


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle between modules, or None (depth-first, three colours)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target):], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return None


def _parents_removed(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package's __init__ re-exporting its own modules is no cycle between modules."""
    return {m: {t for t in targets if not m.startswith(t + ".") and not t.startswith(m + ".")}
            for m, targets in graph.items()}


def test_no_import_cycle_between_modules() -> None:
    cycle = _cycle(_parents_removed(_graph()))
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
