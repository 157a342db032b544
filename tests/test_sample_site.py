"""The sample site, built for real: complete pages at 100%, fresh copies at 0%, and the partly
written pages with every section's state pinned down."""

from __future__ import annotations

import shutil

import pytest

from conftest import SAMPLE_SITE, badge, build, cli_json, json_states, states, template_body

IDS = ["component-doc", "tech-spec", "design-doc", "impl-spec", "feature-design"]

# Expected states of the partly written pages, section path -> state or (state, did you mean).
PARTIAL = {
    "component-doc": {
        "Overview": "complete",
        "Current Implementation": "complete",  # guidance kept beside the author's own lines
        "Architecture": "unfinished",
        "Configuration": "complete",
        "Configuration / Environment Variables": "complete",
        "Configuration / Configuration Files": "complete",  # "N/A — ..." with a reason
        "Dependencies": "missing",
        "Dependencies / External Dependencies": "missing",
        "Dependencies / Internal Dependencies": "missing",
        "Implementation Details": "complete",
        "Implementation Details / Key Functions/Classes": "complete",
        "Implementation Details / Data Structures": "unfinished",
        "Performance & Optimization": "complete",  # written "Performance and Optimization"
        "Error Handling": ("missing", "Error Handeling"),
        "Security Considerations": "unfinished",
        "Testing": "complete",
        "Testing / Unit Tests": "complete",
        "Testing / Integration Tests": "missing",
        "Deployment": "complete",
        "Troubleshooting": "missing",
        "Troubleshooting / Common Issues": "missing",
        "Troubleshooting / Debugging": "missing",
        "Future Improvements": "unfinished",  # a bare TBD
        "Related Documentation": "complete",  # only a link, which is content
        "Notes": "unfinished",
    },
    "tech-spec": {
        "Overview": "complete",
        "Architecture": "complete",
        "Key Components": "complete",
        "Key Components / [Component 1]": "complete",
        "Data Model": "missing",
        "Data Model / [Entity 1]": "missing",
        "API Endpoints": "complete",
        "API Endpoints / [Endpoint 1]": "complete",
        "External Dependencies": "complete",  # "N/A — ..." with a reason
        "Security Considerations": "unfinished",  # a placeholder line left among filled ones
        "Performance Considerations": ("missing", "Performance"),
        "Monitoring and Logging": "unfinished",
        "Testing Strategy": "complete",
        "Testing Strategy / Unit Tests": "complete",
        "Testing Strategy / Integration Tests": "unfinished",
        "Testing Strategy / Performance Tests": "missing",
        "Deployment Considerations": "missing",
        "Future Enhancements": "unfinished",
        "Open Questions": "complete",
        "Document History": "complete",
    },
    "design-doc": {
        "Current Context": "complete",
        "Requirements": "complete",
        "Requirements / Functional Requirements": "complete",
        "Requirements / Non-Functional Requirements": "unfinished",
        "Design Decisions": "complete",
        "Design Decisions / 1. [Major Decision Area]": "complete",
        "Technical Design": "complete",
        "Technical Design / 1. Core Components": "complete",
        "Technical Design / 2. Data Models": "complete",
        "Technical Design / 3. Integration Points": "missing",
        "Implementation Plan": "unfinished",  # "Phase 3: [Production Readiness]" left in place
        "Testing Strategy": "missing",
        "Testing Strategy / Unit Tests": "missing",
        "Testing Strategy / Integration Tests": "missing",
        "Observability": "unfinished",
        "Observability / Logging": "unfinished",
        "Observability / Metrics": "unfinished",
        "Future Considerations": "complete",
        "Future Considerations / Potential Enhancements": "complete",
        "Future Considerations / Known Limitations": "complete",
        "Dependencies": "complete",
        "Dependencies / Runtime Dependencies": "complete",
        "Dependencies / Development Dependencies": "complete",
        "Security Considerations": ("missing", "Security"),
        "Rollout Strategy": "unfinished",
        "References": "unfinished",  # a bare TODO
    },
    "impl-spec": {
        "Implementation Overview": "complete",
        "Implementation Overview / Technology Stack": "unfinished",  # `<If applicable>` left
        "Implementation Overview / Repository Structure": "complete",
        "API Implementation": "complete",
        "API Implementation / Endpoint Definitions": "complete",
        "API Implementation / Request/Response Schemas": "complete",
        "API Implementation / Error Responses": "complete",
        "Core Algorithms": "complete",
        "Core Algorithms / <Algorithm Name>": "unfinished",  # the heading is still a placeholder
        "Data Models": "complete",
        "Data Models / Database Schema": "complete",  # "N/A — ..." with a reason
        "Data Models / ORM Models": "missing",
        "Data Models / Data Access Patterns": "complete",
        "State Machines": "missing",
        "State Machines / <State Machine Name>": "missing",
        "Configuration Implementation": "complete",
        "Configuration Implementation / Environment Variables": "complete",
        "Configuration Implementation / Configuration Loading": "unfinished",
        "Security Implementation": "unfinished",
        "Security Implementation / Authentication Flow": "unfinished",
        "Security Implementation / Authorization Rules": "unfinished",
        "Security Implementation / Sensitive Data Handling": "unfinished",
        "Integration Details": "complete",
        "Integration Details / Client Libraries": "complete",
        "Integration Details / Service Discovery": "complete",
        "Integration Details / Circuit Breaker Implementation": "missing",
        "Testing Implementation": "complete",
        "Testing Implementation / Test Data Fixtures": "complete",
        "Testing Implementation / Mocking Strategy": "unfinished",
        "Testing Implementation / Test Environment Setup": "complete",
        "Build and Deployment": "complete",
        "Build and Deployment / Build Process": "complete",
        "Build and Deployment / Docker Configuration": "complete",
        "Build and Deployment / CI/CD Pipeline": "unfinished",
        "Operational Procedures": "unfinished",
        "Operational Procedures / Startup Sequence": "unfinished",
        "Operational Procedures / Shutdown Sequence": "unfinished",
        "Operational Procedures / Health Check Implementation": "unfinished",
        "Monitoring Implementation": "missing",
        "Monitoring Implementation / Metrics Collection": "missing",
        "Monitoring Implementation / Logging Configuration": "missing",
        "Monitoring Implementation / Distributed Tracing": "missing",
        "Performance Optimizations": "complete",
        "Performance Optimizations / Caching Strategy": ("missing", "Caching"),
        "Performance Optimizations / Database Optimizations": "complete",
        "Performance Optimizations / Resource Pooling": "complete",
        "Error Handling Patterns": "complete",
        "Error Handling Patterns / Retry Logic": "complete",
        "Error Handling Patterns / Fallback Mechanisms": "complete",
        "Error Handling Patterns / Error Recovery": "unfinished",
        "Migration Scripts": "complete",
        "Migration Scripts / Database Migrations": "missing",
        "Migration Scripts / Data Migration": "complete",
        "Developer Guide": "complete",
        "Developer Guide / Local Development Setup": "complete",
        "Developer Guide / Common Tasks": "complete",
        "Developer Guide / Code Style Guide": "unfinished",
    },
    "feature-design": {
        "Overview": "complete",
        "Architecture": "complete",
        "Architecture / Components": "unfinished",  # a placeholder bullet left after real ones
        "Architecture / Component Diagram": "missing",
        "Data Flow": "unfinished",  # the template's diagram kept unchanged
        "Data Models": "complete",
        "Data Models / [Entity Name]": "complete",
        "API Contracts": "complete",
        "API Contracts / [Endpoint Name]": "complete",  # template labels kept and filled in
        "State Management": "complete",
        "External Integrations": "complete",  # "N/A — ..." with a reason
        "Implementation Considerations": "complete",
        "Implementation Considerations / Security": "complete",
        "Implementation Considerations / Performance": ("missing", "Perfomance"),
        "Implementation Considerations / Error Handling": "unfinished",
        "Implementation Considerations / Edge Cases": "complete",
        "Testing Strategy": "missing",
        "Monitoring & Observability": "unfinished",
        "Rollout Plan": "missing",
        "Technical Debt & Future Considerations": "unfinished",
    },
}
SCORES = {
    "component-doc": 48,
    "tech-spec": 55,
    "design-doc": 53,
    "impl-spec": 56,
    "feature-design": 55,
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample site built by `mkdocs build`, and `mkdocs-spec check` on its docs."""
    root = tmp_path_factory.mktemp("sample") / "sample_site"
    shutil.copytree(SAMPLE_SITE, root, ignore=shutil.ignore_patterns("site"))
    built = build(root / "mkdocs.yml", "--strict", check=False)
    report = cli_json("-f", str(root / "mkdocs.yml"), cwd=root, code=1)  # unknown-template.md
    pages = {p["path"].removeprefix("docs/"): p for p in report["pages"]}
    return built, pages, report


def test_build_warns_on_the_unknown_id_and_each_page_with_missing_sections(sample):
    built, _, report = sample
    warnings = [line for line in built.log.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 6, built.log
    assert "unknown-template.md" in warnings[0] and "did you mean 'design-doc'" in warnings[0]
    for template_id in IDS:
        warning = next(w for w in warnings if f"{template_id}/partial.md" in w)
        assert f"{template_id} {SCORES[template_id]}%" in warning and " missing (" in warning
    assert built.result.returncode != 0  # --strict
    assert [w["path"] for w in report["warnings"]] == ["docs/unknown-template.md"]


@pytest.mark.parametrize("template_id", IDS)
def test_complete_pages(sample, template_id):
    built, pages, _ = sample
    soup = built.html(f"{template_id}/complete.md")
    assert badge(soup)["data-spec-score"] == "100"
    assert badge(soup)["data-spec-template"] == template_id
    assert soup.select(".spec-missing") == []
    assert pages[f"{template_id}/complete.md"]["score"] == 100


@pytest.mark.parametrize("template_id", IDS)
def test_fresh_copies(sample, template_id):
    built, pages, _ = sample
    text = (SAMPLE_SITE / "docs" / template_id / "fresh.md").read_text(encoding="utf-8")
    assert text.split("---\n", 2)[2].lstrip("\n") == template_body(template_id)
    soup = built.html(f"{template_id}/fresh.md")
    report = pages[f"{template_id}/fresh.md"]
    assert badge(soup)["data-spec-score"] == "0" and report["score"] == 0
    listed = states(soup)
    assert set(listed.values()) == {"unfinished"}
    assert len(listed) == report["required"] == len(report["sections"])


@pytest.mark.parametrize("template_id", IDS)
def test_partial_pages(sample, template_id):
    built, pages, _ = sample
    report = pages[f"{template_id}/partial.md"]
    expected = PARTIAL[template_id]
    assert json_states(report) == {
        path: value if isinstance(value, str) else value[0] for path, value in expected.items()
    }
    suggested = {
        " / ".join(s["path"]): s["did_you_mean"] for s in report["sections"] if s["did_you_mean"]
    }
    assert suggested == {p: v[1] for p, v in expected.items() if isinstance(v, tuple)}
    assert report["score"] == SCORES[template_id]
    soup = built.html(f"{template_id}/partial.md")
    assert badge(soup)["data-spec-score"] == str(SCORES[template_id])
    assert states(soup) == {k: v for k, v in json_states(report).items() if v != "complete"}


def test_ordinary_pages_have_no_badge(sample):
    built, pages, _ = sample
    for name in ("index.md", "about.md", "unknown-template.md"):
        assert badge(built.html(name)) is None
        assert name not in pages
