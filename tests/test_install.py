"""An installed copy (pip install .) finds its SQL, configuration and sample data like a checkout."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT



def run(*args, cwd, env=None):
    proc = subprocess.run([sys.executable, *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The wheel that `pip install .` builds, installed into a folder away from the checkout."""
    source = tmp_path_factory.mktemp("bron") / "loo-dashboard"  # a build writes beside its source
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".*", "node_modules", "data", "build", "*.egg-info", "__pycache__", "tests", "docs"))
    wheels = tmp_path_factory.mktemp("wheel")
    run("-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", wheels,
        source, cwd=wheels)
    site = tmp_path_factory.mktemp("site")
    run("-m", "pip", "install", "--no-deps", "--quiet", "--target", site,
        *wheels.glob("*.whl"), cwd=site)
    return site


def in_installed(site, code, cwd):
    """Python code run with only the installed copy importable (not the checkout)."""
    import os

    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("LOO_DB", None)
    env.pop("LOO_CONFIG", None)
    return run("-c", code, cwd=cwd, env=env)


def test_the_installed_copy_is_imported_not_the_checkout(installed, tmp_path):
    out = in_installed(installed, "import dashboard; print(dashboard.__file__)", tmp_path)
    assert out.startswith(str(installed))


def test_the_installed_copy_ships_its_sql_configuration_and_sample(installed, tmp_path):
    out = in_installed(installed, (
        "from dashboard import queries\n"
        "from data_pipeline import settings\n"
        "from dashboard import security\n"
        "print(queries.QUERY_DIR); print(settings.config_dir()); print(security.SAMPLE_DIR)\n"
        "print(len(list(queries.QUERY_DIR.glob('*.sql'))), len(settings.load_settings().themas))"),
        tmp_path)
    query_dir, config, sample, counts = out.splitlines()
    assert {Path(query_dir).parent, Path(config).parent, Path(sample).parent} == {
        installed / "core"}
    assert counts.split()[0] == str(len(list((ROOT / "queries").glob("*.sql"))))


def test_the_installed_commands_load_the_sample_and_answer_a_query(installed, tmp_path):
    sample = installed / "core" / "sample_data"
    in_installed(installed, f"import sys; from data_pipeline.cli import main; "
                            f"sys.exit(main(['load', r'{sample}']))", tmp_path)
    assert (tmp_path / "data" / "loo.duckdb").is_file()  # data/ of the current folder
    out = in_installed(installed, "from dashboard import queries; "
                                  "print(queries.run('versheid')['rijen'].sum())", tmp_path)
    assert int(out) > 1000
