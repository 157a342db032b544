"""The five built-in templates: their section trees, and that they ship inside the wheel."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ENV, REPO, TEMPLATES, cli_json, page, template_body

IDS = ["component-doc", "tech-spec", "design-doc", "impl-spec", "feature-design"]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, dict]:
    """`check`'s report on a verbatim copy of each template, by template id."""
    root = tmp_path_factory.mktemp("copies")
    for template_id in IDS:
        (root / f"{template_id}.md").write_text(page(template_id, template_body(template_id)))
    return {Path(r["path"]).stem: r for r in cli_json(str(root))["pages"]}


@pytest.fixture(scope="module")
def tree(copies):
    """The template's required slots as `check` reports them on a verbatim copy."""
    return lambda template_id: [" / ".join(s["path"]) for s in copies[template_id]["sections"]]


def test_one_file_per_template_with_front_matter():
    assert sorted(p.stem for p in TEMPLATES.glob("*.md")) == sorted(IDS)
    for template_id in IDS:
        head = (TEMPLATES / f"{template_id}.md").read_text().split("---\n")[1]
        assert f"id: {template_id}\n" in head and "name: " in head and "description: " in head


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts live outside the repository")
def test_headings_are_the_seeds_headings():
    index = (SEEDS / "README.md").read_text()
    for seed in sorted(SEEDS.glob("*.txt")):
        template_id = next(
            line.split("`")[1] for line in index.splitlines() if line.startswith(f"| {seed.name}")
        )
        seed_headings = [ln for ln in seed.read_text().splitlines() if ln.startswith("#")]
        ours = [ln for ln in template_body(template_id).splitlines() if ln.startswith("#")]
        assert ours == seed_headings, template_id


@pytest.mark.parametrize("template_id", IDS)
def test_verbatim_copy_is_zero_with_every_slot_unfinished(copies, template_id):
    report = copies[template_id]
    assert report["score"] == 0
    assert {s["state"] for s in report["sections"]} == {"unfinished"}


def test_section_trees(tree):
    assert len(tree("component-doc")) == 25
    assert "Implementation Details / Key Functions/Classes" in tree("component-doc")
    # Wildcard runs are one slot; `#` lines in code blocks are not headings.
    assert tree("tech-spec")[2:4] == ["Key Components", "Key Components / [Component 1]"]
    assert not any("Key interfaces" in s for s in tree("design-doc"))
    assert "Design Decisions / 1. [Major Decision Area]" in tree("design-doc")
    assert "Technical Design / 1. Core Components" in tree("design-doc")
    assert "Core Algorithms / <Algorithm Name>" in tree("impl-spec")
    assert not any(s.endswith("Required") or s.endswith("Optional") for s in tree("impl-spec"))
    assert "Data Models / [Entity Name]" in tree("feature-design")
    assert tree("feature-design").count("Data Models / [Entity Name]") == 1


def test_wheel_ships_the_templates(tmp_path):
    """A non-editable install of the built wheel, run from another folder, finds all five."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
        check=True,
        env=ENV,
    )
    wheel = next(wheels.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n for n in names if n.startswith("mkdocs_spec_plugin/templates/")) == sorted(
        f"mkdocs_spec_plugin/templates/{i}.md" for i in IDS
    )
    assert "mkdocs_spec_plugin/plugin/static/assets/mkdocs-spec/spec.css" in names
    assert not any(n.startswith("tests/") for n in names)
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    python = target / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, env=ENV
    )
    # Dependencies come from the test environment: a path line, no .pth processing, so the
    # editable install of this repository stays out of sight.
    site_packages = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site_packages) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "p.md").write_text(page("impl-spec", template_body("impl-spec")))
    where = subprocess.run(
        [python, "-c", "import mkdocs_spec_plugin as m; print(m.__file__)"],
        capture_output=True,
        text=True,
        cwd=work,
        check=True,
    ).stdout
    assert str(target) in where
    result = subprocess.run(
        [python, "-m", "mkdocs_spec_plugin", "check", "--format", "json", "--fail-under", "0", "."],
        capture_output=True,
        text=True,
        cwd=work,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pages"][0]["template"] == "impl-spec"
    for template_id in IDS:
        (work / "p.md").write_text(page(template_id, "# T\n"))
        result = subprocess.run(
            [python, "-m", "mkdocs_spec_plugin", "check", "--fail-under", "0", "p.md"],
            capture_output=True,
            text=True,
            cwd=work,
            env=ENV,
        )
        assert result.returncode == 0 and "warning" not in result.stderr, template_id
