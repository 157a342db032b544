"""A clean install: the sdist and the wheel that `python -m build` makes, each installed into a
fresh venv and used from a folder far from the source tree, as a user would.

The wheel is installed for real, with its dependencies from PyPI (pip's cache keeps it quick) and
Material for the sample site. The sdist is installed with `--no-deps` (pip builds it, so the
sdist alone must be enough to make the package) and borrows the test environment's dependencies
through a path line. `.ci/compat.py` does the full install across MkDocs versions and themes.
"""

from __future__ import annotations

import ast
import concurrent.futures
import json
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ENV, REPO, SAMPLE_SITE, Built, badge, cli_json, states

IDS = ["component-doc", "tech-spec", "design-doc", "impl-spec", "feature-design"]
KINDS = ["wheel", "sdist"]
STATIC = ["assets/mkdocs-spec/spec.css", "assets/mkdocs-spec/report.js"]
VERSION = re.search(
    r'__version__ = "([^"]+)"', (REPO / "mkdocs_spec_plugin" / "__init__.py").read_text()
).group(1)
# Nothing from the source tree may leak into the fresh venvs.
CLEAN = {k: v for k, v in ENV.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
CLEAN["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"


def run(cmd: list, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, env=CLEAN, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(f"{cmd} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return result


def new_venv(target: Path) -> Path:
    """A venv with no pip of its own: the test environment's pip installs into it (`--python`),
    as `build` does into its isolated environments; ensurepip cost 5 s a venv."""
    venv.EnvBuilder(with_pip=False).create(target)
    return target / "bin"


def pip_install(bin_dir: Path, *args: str | Path, cwd: Path) -> None:
    run([sys.executable, "-m", "pip", "--python", bin_dir / "python", "install", "-q", *args], cwd)


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> dict[str, Path]:
    """`python -m build`: the sdist, then the wheel built from that sdist."""
    root = tmp_path_factory.mktemp("dists")
    run([sys.executable, "-m", "build", "--outdir", root / "dist", REPO], cwd=root)
    (wheel,) = (root / "dist").glob("*.whl")
    (sdist,) = (root / "dist").glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


@dataclass
class Installed:
    kind: str
    prefix: Path  # the venv
    work: Path  # a folder of its own, outside the source tree

    @property
    def python(self) -> Path:
        return self.prefix / "bin" / "python"

    def cmd(self, *args: str, cwd: Path | None = None, check: bool = True):
        """`mkdocs-spec ARGS` through the console script the install made."""
        return run([self.prefix / "bin" / "mkdocs-spec", *args], cwd=cwd or self.work, check=check)


@pytest.fixture(scope="module")
def installed(dists, tmp_path_factory) -> dict[str, Installed]:
    root = tmp_path_factory.mktemp("installed")

    def install(kind: str) -> Installed:
        prefix = root / kind / "venv"
        bin_dir = new_venv(prefix)
        if kind == "wheel":  # a real install: its dependencies, and Material for the sample site
            pip_install(bin_dir, dists["wheel"], "mkdocs-material>=9.5,<10", cwd=root)
        else:
            pip_install(bin_dir, "--no-deps", dists["sdist"], cwd=root)
            purelib = run(
                [
                    bin_dir / "python",
                    "-c",
                    "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                ]
            ).stdout.strip()
            # A path line, not .pth processing: the test environment's editable install of this
            # repository stays out of sight, its dependencies do not.
            (Path(purelib) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        work = root / kind / "work"
        work.mkdir()
        return Installed(kind, prefix, work)

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(KINDS, pool.map(install, KINDS)))


def test_the_wheel_holds_the_package_templates_and_assets_and_no_tests(dists):
    with zipfile.ZipFile(dists["wheel"]) as wheel:
        names = wheel.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = wheel.read(info).decode()
        entry_points = wheel.read(info.replace("METADATA", "entry_points.txt")).decode()
    assert sorted(n for n in names if n.startswith("mkdocs_spec_plugin/templates/")) == sorted(
        f"mkdocs_spec_plugin/templates/{i}.md" for i in IDS
    )
    for asset in STATIC:
        assert f"mkdocs_spec_plugin/static/{asset}" in names
    assert {n.split("/")[0] for n in names} == {
        "mkdocs_spec_plugin",
        f"mkdocs_spec_plugin-{VERSION}.dist-info",
    }
    assert not any("/tests/" in n or n.startswith("tests/") for n in names)
    assert re.search(r"^Requires-Dist: mkdocs<2,>=1\.5", metadata, re.M), metadata
    assert re.search(r"^Requires-Python: >=3\.\d+", metadata, re.M)
    assert "spec = mkdocs_spec_plugin.plugin.plugin:SpecPlugin" in entry_points
    assert "mkdocs-spec = mkdocs_spec_plugin.cli:main" in entry_points
    # Ready to publish: typed, licensed, classified.
    assert "mkdocs_spec_plugin/py.typed" in names
    assert f"mkdocs_spec_plugin-{VERSION}.dist-info/licenses/LICENSE" in names
    assert "Classifier: Typing :: Typed" in metadata and "License-Expression: MIT" in metadata
    assert "Requires-Dist: wcmatch" in metadata


def test_the_sdist_holds_the_templates_and_only_the_project(dists):
    top = f"mkdocs_spec_plugin-{VERSION}/"
    with tarfile.open(dists["sdist"]) as sdist:
        names = [n.removeprefix(top) for n in sdist.getnames() if n.startswith(top)]
    assert sorted(n for n in names if n.startswith("templates/")) == sorted(
        f"templates/{i}.md" for i in IDS
    )
    for asset in STATIC:
        assert f"mkdocs_spec_plugin/static/{asset}" in names
    assert {"pyproject.toml", "README.md", "PKG-INFO"} <= set(names)
    # No tests, and nothing picked up from other folders (docs/, bench/, sample_site/).
    stray = [
        n
        for n in names
        if not n.startswith(("mkdocs_spec_plugin/", "templates/"))
        and n not in {"pyproject.toml", "README.md", "PKG-INFO", ".gitignore", "LICENSE"}
    ]
    assert stray == [], f"the sdist picks up files from other folders: {stray[:5]} ..."


@pytest.mark.parametrize("kind", KINDS)
def test_runs_from_the_venv_and_not_the_source_tree(installed, kind):
    env = installed[kind]
    probe = "import sys, mkdocs_spec_plugin as m; print(m.__file__); print(sys.path)"
    where, path = run([env.python, "-c", probe], cwd=env.work).stdout.splitlines()
    assert where.startswith(str(env.prefix))
    # The source tree is not importable (a CI venv inside the clone may be, for dependencies).
    entries = [Path(entry).resolve() for entry in ast.literal_eval(path) if entry]
    assert REPO.resolve() not in entries
    packaged = sorted(p.stem for p in (Path(where).parent / "templates").glob("*.md"))
    assert packaged == sorted(IDS)


@pytest.mark.parametrize("kind", KINDS)
def test_version_and_help(installed, kind):
    env = installed[kind]
    assert env.cmd("--version").stdout.strip() == f"mkdocs-spec {VERSION}"
    helped = run([env.python, "-m", "mkdocs_spec_plugin", "--help"], cwd=env.work).stdout
    assert helped.startswith("usage: mkdocs-spec")
    for command in ("check", "templates", "new", "fix"):
        assert command in helped


@pytest.mark.parametrize("kind", KINDS)
def test_templates_lists_the_five_built_ins(installed, kind):
    env = installed[kind]
    listed = json.loads(env.cmd("templates", "--format", "json").stdout)["templates"]
    assert sorted(t["id"] for t in listed) == sorted(IDS)
    assert {t["source"] for t in listed} == {"built-in"}
    text = env.cmd("templates").stdout
    assert all(f"{i}: " in text for i in IDS)


@pytest.mark.parametrize("kind", KINDS)
def test_check_a_copied_page(installed, kind):
    env = installed[kind]
    shutil.copy(SAMPLE_SITE / "docs" / "design-doc" / "partial.md", env.work / "partial.md")
    report = json.loads(
        env.cmd("check", "--format", "json", "--fail-under", "0", "partial.md").stdout
    )
    # The same verdict as the source tree gives.
    assert report == cli_json("partial.md", cwd=env.work)
    (page,) = report["pages"]
    assert page["template"] == "design-doc" and 0 < page["score"] < 100
    below = env.cmd("check", "partial.md", check=False)
    assert below.returncode == 1 and "partial.md" in below.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_build_a_copied_sample_site(installed, kind):
    env = installed[kind]
    root = env.work / "sample_site"
    shutil.copytree(SAMPLE_SITE, root, ignore=shutil.ignore_patterns("site"))
    result = run([env.python, "-m", "mkdocs", "build", "-f", "mkdocs.yml"], cwd=root)
    built = Built(root, result)
    assert "mkdocs_spec_plugin: design-doc/partial.md: design-doc" in built.log
    # Exit 1: the sample site has a page naming an unknown template, which fails the check.
    result = env.cmd("check", "--format", "json", "--fail-under", "0", cwd=root, check=False)
    assert result.returncode == 1
    checked = json.loads(result.stdout)
    assert [w["path"] for w in checked["warnings"] if w["failed"]] == ["docs/unknown-template.md"]
    pages = {p["path"].removeprefix("docs/"): p for p in checked["pages"]}
    for src, page in pages.items():
        soup = built.html(src)
        assert badge(soup)["data-spec-score"] == str(page["score"]), src
    partial = built.html("design-doc/partial.md")
    wanted = pages["design-doc/partial.md"]
    assert states(partial) == {
        " / ".join(s["path"]): s["state"] for s in wanted["sections"] if s["state"] != "complete"
    }
    assert badge(built.html("about.md")) is None
    assert (built.site / "spec-report" / "index.html").is_file()
    report = json.loads((built.site / "spec-report.json").read_text(encoding="utf-8"))
    assert {p["path"] for p in report["pages"]} == set(pages)
    for asset in STATIC:
        assert (built.site / asset).is_file()


def test_the_editor_and_agent_servers_name_their_extra_when_it_is_missing(installed):
    """The plugin alone (no extra) has neither pygls nor the MCP SDK: each server says what to
    install, instead of a traceback."""
    env = installed["wheel"]
    for command in ("lsp", "mcp"):
        result = env.cmd(command, check=False)
        assert result.returncode == 2, result.stderr
        assert f"pip install 'mkdocs-spec-plugin[{command}]'" in result.stderr
        assert "Traceback" not in result.stderr
