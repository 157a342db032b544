"""Dropping the plugin into a real site: mistakes are caught with a clear word, never a traceback
and never in silence. Each through a real build and the real command."""

from __future__ import annotations

from conftest import build, cli, cli_json, page, write_site

BODY = "# Cache\n\n## Current Context\nIn memory.\n"


def test_template_key_in_front_matter_is_a_clear_error(tmp_path):
    """MkDocs reads `template` as the theme's HTML file, and its theme crashed with a Jinja
    traceback on `template: design-doc`."""
    config = write_site(tmp_path, {"cache.md": page(None, BODY, template="design-doc")})
    built = build(config, check=False)
    assert built.result.returncode == 1
    assert "Traceback" not in built.log and "TemplateNotFound" not in built.log
    assert "cache.md: front matter 'template: design-doc' names a spec template" in built.log
    assert "write 'spec: design-doc' instead" in built.log
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "docs/cache.md: error: front matter 'template: design-doc'" in result.stderr


def test_a_theme_template_in_front_matter_is_left_to_mkdocs(tmp_path):
    config = write_site(tmp_path, {"cache.md": page(None, BODY, template="main.html")})
    build(config)
    assert cli("check", cwd=tmp_path).returncode == 0


def test_an_unknown_option_gets_did_you_mean(tmp_path):
    config = write_site(tmp_path, {"a.md": BODY}, {"plugins": [{"spec": {"badges": True}}]})
    assert "Unrecognised configuration name: badges (did you mean 'badge'?)" in build(config).log
    result = cli("check", "-f", str(config))
    assert "option 'badges': Unrecognised configuration name: badges (did you mean 'badge'?)" in (
        result.stderr
    )


def test_a_percent_that_is_not_a_number_says_so(tmp_path):
    config = write_site(tmp_path, {"a.md": BODY}, {"plugins": [{"spec": {"fail_under": "high"}}]})
    built = build(config, check=False)
    assert built.result.returncode == 1
    assert "expected a whole percent from 0 to 100, got 'high'" in built.log
    assert "<class" not in built.log
    result = cli("check", "-f", str(config))
    assert result.returncode == 2 and "got 'high'" in result.stderr


def test_an_unknown_extends_never_suggests_the_template_itself(tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "rfc.md").write_text("---\nextends: rfc-base\n---\n\n## Summary\n", "utf-8")
    (team / "rfc-core.md").write_text("## Motivation\n", "utf-8")
    config = write_site(tmp_path, {}, {"plugins": [{"spec": {"templates_dir": "team"}}]})
    result = cli("templates", "-f", str(config))
    assert result.returncode == 2
    assert "'extends' names unknown template 'rfc-base' (did you mean 'rfc-core'?)" in result.stderr


def test_rules_take_full_glob_syntax_and_an_exclude_list(tmp_path):
    """Rolling out on a site with old pages: number-named records only, the oldest left out."""
    pages = {
        "adr/0001-old.md": BODY,
        "adr/0012-new.md": BODY,
        "adr/index.md": BODY,
        "design/archive/2019.md": BODY,
        "design/cache/read-path.md": BODY,
    }
    rules = [
        {"glob": "adr/[0-9]*.md", "template": "design-doc", "exclude": ["adr/000[0-9]-*.md"]},
        {"glob": "design/**/*.md", "template": "design-doc", "exclude": ["design/archive/**"]},
    ]
    config = write_site(tmp_path, pages, {"plugins": [{"spec": {"rules": rules}}]})
    built = build(config)
    judged = {name for name in pages if built.html(name).select(".spec-badge-row")}
    assert judged == {"adr/0012-new.md", "design/cache/read-path.md"}
    report = cli_json("-f", str(config), cwd=tmp_path)
    assert {p["path"].removeprefix("docs/") for p in report["pages"]} == judged
