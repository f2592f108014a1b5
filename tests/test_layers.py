"""Dependencies run one way, pages -> dashboard -> data_pipeline -> core, without circles."""

import ast

from tests.conftest import ROOT

LAYERS = ("core", "data_pipeline", "dashboard", "pages")  # each may import only those before it


def modules():
    """Module name -> file for every module of the four layers (app.py sits above them)."""
    found = {"app": ROOT / "app.py"}
    for layer in LAYERS:
        for path in sorted((ROOT / layer).glob("*.py")):
            name = layer if path.stem == "__init__" else f"{layer}.{path.stem}"
            found[name] = path
    return found


def imports(path, known):
    """The project modules a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        found |= {n for n in names if n in known}
    return found


def graph():
    known = modules()
    return {name: imports(path, known) - {name} for name, path in known.items()}


def layer(name):
    return name.split(".")[0]


def test_no_layer_imports_one_above_it():
    upward = {(a, b) for a, deps in graph().items() for b in deps
              if a != "app" and b != "app" and LAYERS.index(layer(b)) > LAYERS.index(layer(a))}
    assert upward == set()


def test_data_pipeline_imports_nothing_from_dashboard():
    assert {b for a, deps in graph().items() if layer(a) == "data_pipeline" for b in deps
            if layer(b) == "dashboard"} == set()


def test_there_are_no_import_circles():
    g = graph()
    circles = set()

    def visit(node, path):
        for dep in g.get(node, ()):
            if dep in path:
                circle = path[path.index(dep):]
                start = circle.index(min(circle))
                circles.add(tuple(circle[start:] + circle[:start]))
            elif len(path) < 12:
                visit(dep, path + [dep])

    for name in g:
        visit(name, [name])
    assert circles == set()


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("def f():\n    from dashboard import page\n")
    assert imports(sample, {"dashboard", "dashboard.page"}) == {"dashboard", "dashboard.page"}
