"""The project's frame: dependencies agree, ignore rules keep the package and drop the data."""

from __future__ import annotations

import re
import subprocess
import tomllib

import yaml

from campaignkit.paths import PROJECT_ROOT

# conda-forge packages whose names differ from PyPI's
CONDA_NAMES = {"bleach-with-css": "bleach", "python-fastjsonschema": "fastjsonschema"}


def _pyproject_dependencies() -> dict[str, str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for requirement in project["dependencies"]:
        name, version = requirement.split("==")
        pins[re.sub(r"\[.*\]", "", name).lower()] = version
    return pins


def _environment_dependencies() -> dict[str, str]:
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins = {}
    for entry in environment["dependencies"]:
        specs = entry["pip"] if isinstance(entry, dict) else [entry]
        for spec in specs:
            match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(?:==|=)\s*([0-9][^\s]*)", spec)
            if match and match.group(1) != "python":
                name = match.group(1).lower()
                pins[CONDA_NAMES.get(name, name)] = match.group(2)
    return pins


def test_environment_yml_agrees_with_pyproject():
    assert _environment_dependencies() == _pyproject_dependencies()


def test_environment_yml_installs_the_kit_editable_on_python_311():
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "python=3.11" in environment["dependencies"]
    pip = next(e["pip"] for e in environment["dependencies"] if isinstance(e, dict))
    assert "-e ." in pip
    assert environment["channels"] == ["conda-forge"]


def _ignored(path: str) -> bool:
    result = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=PROJECT_ROOT)
    return result.returncode == 0


def test_gitignore_keeps_the_package_and_drops_data_and_outputs():
    assert not _ignored("lib/campaignkit/clean.py")
    assert not _ignored("outputs/.gitkeep")
    assert _ignored("outputs/dot1/index.html")
    assert _ignored("data/raw/BVDK.xlsx")
    assert _ignored(".venv/bin/python")
    assert not _ignored("data/sample/don_vi.xlsx")
