"""make mutation: mutmut over the core modules, a group at a time, with a score per module.

Each group runs in its own copy of the checkout (build/mutation/GROUP) with the tests that
check those modules, so a surviving mutant costs a minute, not the whole suite. mutmut keeps
its results there and re-tests only functions that changed since the last run.

    python -m tests.mutation            every group, then the table
    python -m tests.mutation audit      one group
    python -m tests.mutation --survivors audit   also list the surviving mutants
    python -m tests.mutation --again audit       test the survivors once more (after new tests)
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutation"
MUTMUT = Path(sys.executable).with_name("mutmut")
TARGET = 0.90  # the share of mutants each module's tests must kill

# group: (modules to mutate, the test files that check them)
GROUPS = {
    "privacy": (["data_pipeline/privacy.py", "data_pipeline/validate.py"],
                ["tests/test_privacy.py", "tests/test_privacy_properties.py",
                 "tests/test_validate.py", "tests/test_bad_inputs.py"]),
    "load": (["data_pipeline/load.py"],
             ["tests/test_load.py", "tests/test_loader_properties.py"]),
    "ledger": (["data_pipeline/ledger.py"],
               ["tests/test_load.py", "tests/test_retention.py", "tests/test_plausibility.py"]),
    "period": (["dashboard/period.py"], ["tests/test_period.py", "tests/test_app_period.py"]),
    "suppression": (["dashboard/suppression.py"],
                    ["tests/test_suppression.py", "tests/test_app_export.py"]),
    "roles": (["dashboard/roles.py", "dashboard/guard.py"],
              ["tests/test_roles.py", "tests/test_guard.py", "tests/test_app_pages.py"]),
    "audit": (["core/audit.py"], ["tests/test_audit.py"]),
    "measures": (["dashboard/measures.py"],
                 ["tests/test_measures.py", "tests/test_staging.py",
                  "tests/test_sample_figures.py"]),
    "staging": (["data_pipeline/staging.py"],
                ["tests/test_staging.py", "tests/test_measures.py",
                 "tests/test_sample_figures.py"]),
}
# mutmut's exit codes (mutmut/stats.py): a failing test or a timeout kills the mutant.
KILLED = {1, 3, 36, -24, 24, 152, 255, -11, -9}
SKIP = {".git", ".venv", "build", "mutants", "node_modules", "data", ".hypothesis",
        ".pytest_cache", "__pycache__", "artifacts"}


def config(modules, tests):
    """The [tool.mutmut] table for one group."""
    quoted = ", ".join(f'"{m}"' for m in modules)
    selection = ", ".join(f'"{t}"' for t in tests)
    return ("\n[tool.mutmut]\n"
            'source_paths = ["core", "data_pipeline", "dashboard"]\n'
            f"only_mutate = [{quoted}]\n"
            f'pytest_add_cli_args_test_selection = [{selection}, "-p", "no:xdist", "-p", "no:cacheprovider"]\n'
            'also_copy = ["queries", "config", "sample_data", "pages", "app.py", ".streamlit"]\n'
            # polars' thread pool does not survive a plain fork: a forked mutant hangs until
            # its timeout, which would count as a kill. A fork server has no such pool.
            'process_isolation = "forkserver"\n'
            'forkserver_warmup = "collect"\n'
            "timeout_constant = 4\n")


def copy_checkout(target):
    """The working tree (tracked and new files) into target, keeping mutmut's own results."""
    for path in target.iterdir() if target.exists() else []:
        if path.name != "mutants":
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copytree(ROOT, target, dirs_exist_ok=True,
                    ignore=lambda d, names: [n for n in names if n in SKIP])


def without_mutmut_table(text):
    """pyproject.toml without its own [tool.mutmut] table (the group writes its own)."""
    head, _, rest = text.partition("\n[tool.mutmut]")
    if not rest:
        return text
    following = rest.find("\n[")
    return head + (rest[following:] if following >= 0 else "\n")


def mutmut(name, *args):
    """mutmut with these arguments in the group's copy."""
    work = WORK / name
    env = {**os.environ, "PYTHONPATH": str(work)}
    subprocess.run([str(MUTMUT), *args], cwd=work, env=env, check=False)


def run_group(name):
    """Run mutmut for one group in its own copy of the checkout."""
    modules, tests = GROUPS[name]
    work = WORK / name
    copy_checkout(work)
    pyproject = work / "pyproject.toml"
    pyproject.write_text(without_mutmut_table(pyproject.read_text()) + config(modules, tests))
    mutmut(name, "run")


def run_survivors(name):
    """Test a group's surviving and untested mutants again by name: mutmut keeps a result
    until the function changes, so a new test reaches old survivors only this way."""
    names = [k for codes in outcomes(name).values() for k, c in codes.items()
             if c not in KILLED and c is not None]
    if names:
        # Without its stats file mutmut maps every test to the functions it calls again; kept,
        # it maps only tests it has not seen, and a new function that old tests call gets none
        # (a named mutant without tests then "survives" a run of no tests).
        (WORK / name / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
        mutmut(name, "run", *names)


def outcomes(name):
    """{module: {mutant: exit code}} from the results mutmut left for a group."""
    modules, _ = GROUPS[name]
    found = {}
    for module in modules:
        meta = WORK / name / "mutants" / (module + ".meta")
        codes = json.loads(meta.read_text())["exit_code_by_key"] if meta.exists() else {}
        found[module] = codes
    return found


def score_lines(names, survivors=False):
    """One line per module: killed/total and the share; optionally the survivors' names."""
    lines, ok = [], True
    for name in names:
        for module, codes in outcomes(name).items():
            total = len(codes)
            killed = sum(1 for c in codes.values() if c in KILLED)
            share = killed / total if total else 0.0
            ok = ok and share >= TARGET
            lines.append(f"{module:32} {killed:5}/{total:<5} {share:6.1%}"
                         f"{'' if share >= TARGET else '  < 90%'}")
            if survivors:
                lines += [f"    {k} ({'niet getest' if c is None else c})"
                          for k, c in sorted(codes.items()) if c not in KILLED]
    return lines, ok


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", help=f"of {', '.join(GROUPS)}")
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    parser.add_argument("--report", action="store_true", help="only print the last results")
    parser.add_argument("--again", action="store_true",
                        help="after the run, test the survivors again (after new tests)")
    args = parser.parse_args(argv)
    names = args.groups or list(GROUPS)
    unknown = sorted(set(names) - set(GROUPS))
    if unknown:
        parser.error(f"onbekende groep: {', '.join(unknown)}")
    if not args.report:
        for name in names:
            run_group(name)
            if args.again:
                run_survivors(name)
    lines, ok = score_lines(names, args.survivors)
    print("\n".join(["module                           gedood/totaal  score", *lines]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
