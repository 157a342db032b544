"""Generate a deterministic Material for MkDocs site of spec pages for the benchmark.

`generate_site(root, pages, seed)` writes:

    root/docs/index.md
    root/docs/<template-id>/<area>/<slug>.md   spec pages (front matter `spec: <template-id>`)
    root/docs/guides/<area>/<slug>.md          ordinary pages, no `spec` key (~20%)
    root/mkdocs.yml                            plugins: [search, spec]
    root/mkdocs-disabled.yml                   plugins: [search, {spec: {enabled: false}}]

Spec pages are built from the five built-in templates (templates/*.md, read here with a small
heading scanner so the generator does not depend on the engine it benchmarks) at mixed
completeness:

- complete (35%): every section written, wildcard headings (`### [Component 1]`) given real names;
- partial (50%): most sections written; some keep the template's text (unfinished), a few are
  dropped (missing) or misspelt (a near miss), some get an extra heading the template does not name;
- fresh (15%): the template copied with its title filled in.

Written pages are 150-400 lines: paragraphs, bullet and numbered lists, tables, code fences whose
lines start with `#` (comments, and Markdown samples with headings in them), admonitions
(`!!!`/`???`), links to other pages of the site, and mermaid diagrams (pymdownx.superfences).
Headings stay in template order and at template levels, so a heading-order linter (MD043) can be
configured to require the same headings (see run.py).

The output depends only on (pages, seed): the same arguments give byte-identical files.
"""

from __future__ import annotations

import json
import os
import posixpath
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = REPO / "templates"
TEMPLATE_IDS = ("component-doc", "tech-spec", "design-doc", "impl-spec", "feature-design")
NAV_LABELS = {
    "component-doc": "Component docs",
    "tech-spec": "Technical specifications",
    "design-doc": "Design documents",
    "impl-spec": "Implementation specifications",
    "feature-design": "Feature designs",
    "guides": "Guides",
}

ORDINARY_SHARE = 0.20
MIX = (("complete", 0.35), ("partial", 0.50), ("fresh", 0.15))

_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# A heading made of a placeholder (`[Component 1]`, `1. [Major Decision Area]`, `<Algorithm Name>`).
_WILDCARD_RE = re.compile(r"^\s*(?:\d+\.\s*)?(\[[^\]]+\]|<[^>]+>)\s*$")
_PLACEHOLDER_RE = re.compile(r"\[[^\]\n]+\]|<[A-Za-z][^>\n]*>")


# --------------------------------------------------------------------------------------------
# Templates


@dataclass
class TSection:
    level: int
    title: str
    body: list[str]
    children: list[TSection] = field(default_factory=list)

    @property
    def wildcard(self) -> bool:
        return bool(_WILDCARD_RE.match(self.title))


@dataclass
class Template:
    id: str
    title: str  # the H1 pattern, e.g. "[Feature/Component Name] Design Document"
    preamble: list[str]  # lines between the H1 and the first section
    sections: list[TSection]  # top-level (H2) sections, with children

    def walk(self):
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def required_headings(self) -> list[tuple[int, str]]:
        """Every named (non-wildcard) section as (level, title), in template order."""
        return [(s.level, s.title) for s in self.walk() if not s.wildcard]


def _strip_front_matter(lines: list[str]) -> list[str]:
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return lines[index + 1 :]
    return lines


def load_template(path: Path) -> Template:
    lines = _strip_front_matter(path.read_text(encoding="utf-8").splitlines())
    title = ""
    preamble: list[str] = []
    flat: list[TSection] = []
    fence: str | None = None
    current: list[str] = preamble
    for line in lines:
        match = _FENCE_RE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            current.append(line)
            continue
        if match:
            fence = match.group(1)
            current.append(line)
            continue
        heading = _HEADING_RE.match(line)
        if heading:
            level = len(heading.group(1))
            if level == 1 and not title and not flat:
                title = heading.group(2)
                continue
            section = TSection(level, heading.group(2), [])
            flat.append(section)
            current = section.body
            continue
        current.append(line)
    roots: list[TSection] = []
    stack: list[TSection] = []
    for section in flat:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    return Template(path.stem, title, preamble, roots)


def load_templates(directory: Path = TEMPLATES_DIR) -> dict[str, Template]:
    return {tid: load_template(directory / f"{tid}.md") for tid in TEMPLATE_IDS}


# --------------------------------------------------------------------------------------------
# Words

PREFIXES = """Order Customer Billing Search Media Event Partner Tenant Ledger Document Fleet Invoice
Catalog Pricing Shipping Identity Profile Payment Inventory Warehouse Checkout Loyalty Account
Review Content Report Audit Quota Session Consent Fraud Tax Refund Subscription Support Routing
Telemetry Release Schema Tracing Access Device""".split()
NOUNS = """Service Gateway Scheduler Indexer Cache Pipeline Queue Store Registry Exporter Importer
Router Limiter Resolver Tracker Engine Broker Proxy Sync Monitor Planner Builder Validator
Dispatcher Collector Aggregator Notifier Archiver Gate Hub""".split()
AREAS = """payments search platform storefront identity data logistics growth observability
security messaging mobile""".split()
GUIDE_TOPICS = """Onboarding Deploying Debugging Releasing Reviewing Rotating-secrets On-call
Load-testing Migrating Profiling Upgrading Backfilling Tagging Alerting Benchmarking""".split()

SUBJECTS = """the service | each request | the worker pool | the nightly job | the write path |
the read replica | every consumer | the scheduler | the API layer | the client library |
the cache | the ingestion pipeline | the batch exporter | the on-call engineer""".split("|")
VERBS = """validates | batches | retries | rejects | streams | caches | records | partitions |
deduplicates | compresses | encrypts | throttles | replays | publishes | reconciles |
indexes""".split("|")
OBJECTS = """incoming events | the account snapshot | pending refunds | idempotency keys |
the audit trail | tenant quotas | outbound webhooks | price updates | search documents |
session tokens | feature flags | ledger entries | shipment labels | consent records""".split("|")
QUALIFIERS = """before it acknowledges the caller | within 200 ms at the 99th percentile |
in batches of 500 | once per tenant per minute | behind a feature flag | using the shared Postgres
cluster | without holding a lock across the network call | so that replays stay idempotent |
and emits a metric for every rejection | through the existing Kafka topic | after the schema check
passes | with exponential backoff capped at 30 seconds""".split("|")
SUBJECTS, VERBS, OBJECTS, QUALIFIERS = (
    [" ".join(item.split()) for item in words] for words in (SUBJECTS, VERBS, OBJECTS, QUALIFIERS)
)
CONNECTIVES = [
    "Because of this,",
    "In practice,",
    "During an incident,",
    "For new tenants,",
    "Today,",
    "After the migration,",
    "When the queue is full,",
    "By default,",
]
DECISIONS = """Use a write-through cache | Partition by tenant | Keep the old API for one release |
Store events append-only | Move retries into the client | Adopt gRPC between services |
Reuse the shared Postgres cluster | Ship behind a feature flag""".split("|")
ALGORITHMS = """Consistent Hashing | Token Bucket Rate Limiting | Exponential Backoff |
Two-Phase Reconciliation | Sliding Window Deduplication | Priority Scheduling""".split("|")
ALGORITHMS = [" ".join(a.split()) for a in ALGORITHMS]
DECISIONS = [" ".join(d.split()) for d in DECISIONS]
EXTRA_HEADINGS = [
    "Open Risks",
    "Glossary",
    "Prior Art",
    "Appendix: Benchmarks",
    "Decision Log",
    "Migration Notes",
    "Stakeholders",
]


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------------------------------
# Blocks


class Writer:
    """Writes blocks of realistic Markdown with one seeded random generator."""

    def __init__(self, rng: random.Random, name: str, link_targets: list[str], here: str) -> None:
        self.rng = rng
        self.name = name
        self.link_targets = link_targets  # docs-relative paths of other pages
        self.here = here  # this page's docs-relative path

    def sentence(self) -> str:
        r = self.rng
        text = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(QUALIFIERS)}."
        if r.random() < 0.3:
            text = f"{r.choice(CONNECTIVES)} {text}"
        return text[0].upper() + text[1:]

    def link(self) -> str:
        r = self.rng
        if self.link_targets and r.random() < 0.8:
            target = r.choice(self.link_targets)
            rel = posixpath.relpath(target, posixpath.dirname(self.here))
            label = posixpath.splitext(posixpath.basename(target))[0].replace("-", " ")
            return f"[the {label} page]({rel})"
        return f"[the runbook](https://runbooks.example.com/{_slugify(self.name)})"

    def paragraph(self) -> list[str]:
        r = self.rng
        sentences = [self.sentence() for _ in range(r.randint(2, 5))]
        if r.random() < 0.4:
            sentences.append(f"See {self.link()} for details.")
        if r.random() < 0.3:
            sentences.insert(
                0,
                f"The **{self.name}** keeps `{r.choice(OBJECTS).split()[-1]}` "
                "in memory only for the length of one request.",
            )
        return [*_wrap(" ".join(sentences)), ""]

    def bullets(self) -> list[str]:
        r = self.rng
        lines = []
        for _ in range(r.randint(3, 7)):
            if r.random() < 0.35:
                key = r.choice(OBJECTS).split()[-1].capitalize()
                lines.append(f"- **{key}**: {self.sentence()}")
            else:
                lines.append(f"- {self.sentence()}")
            if r.random() < 0.2:
                lines.append(f"    - {self.sentence()}")
        return [*lines, ""]

    def numbered(self) -> list[str]:
        return [f"{i}. {self.sentence()}" for i in range(1, self.rng.randint(3, 6) + 1)] + [""]

    def table(self) -> list[str]:
        r = self.rng
        cols = r.choice(
            [
                ["Field", "Type", "Description"],
                ["Metric", "Threshold", "Alert", "Owner"],
                ["Error code", "HTTP status", "When", "Retry"],
                ["Setting", "Default", "Meaning"],
            ]
        )
        lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
        for _ in range(r.randint(3, 8)):
            cells = [
                r.choice(OBJECTS).split()[-1],
                r.choice(["string", "int", "5xx", "30 s", "UUID", "bool", "p99 < 250 ms"]),
                r.choice(VERBS) + " " + r.choice(OBJECTS),
            ]
            cells += [r.choice(["team-core", "yes", "no", "page"]) for _ in cols[3:]]
            lines.append("| " + " | ".join(cells[: len(cols)]) + " |")
        return [*lines, ""]

    def code(self) -> list[str]:
        r = self.rng
        kind = r.choice(["python", "bash", "yaml", "sql", "markdown", "python"])
        ident = _slugify(self.name).replace("-", "_")
        if kind == "python":
            body = [
                f"# {self.sentence()}",
                f"class {self.name.replace(' ', '')}Client:",
                f'    """Talks to the {self.name}."""',
                "",
                "    def fetch(self, key: str) -> bytes:",
                "        # Retry once on a timeout, then give up.",
                f'        return self.session.get(f"/{ident}/{{key}}").content',
            ]
        elif kind == "bash":
            body = [
                "# Build and run locally",
                f"make build SERVICE={ident}",
                "## Seed the database (not a heading: this is a comment)",
                f"./scripts/seed.sh --tenant demo --service {ident}",
                f"curl -s localhost:8080/{ident}/health | jq .",
            ]
        elif kind == "yaml":
            body = [
                f"# Deployment settings for the {self.name}",
                f"service: {ident}",
                "replicas: 3",
                "# Limits are per pod",
                "resources:",
                "  cpu: 500m",
                "  memory: 512Mi",
            ]
        elif kind == "sql":
            body = [
                f"-- {self.sentence()}",
                f"CREATE TABLE {ident}_events (",
                "    id UUID PRIMARY KEY,",
                "    tenant_id UUID NOT NULL,",
                "    created_at TIMESTAMPTZ NOT NULL DEFAULT now()",
                ");",
            ]
        else:  # Markdown inside a fence: its headings are not the page's sections
            body = [
                "# Release notes template",
                "",
                "## Summary",
                "",
                "- What changed",
                "",
                "### Rollback",
                "",
                "Describe the rollback.",
            ]
        return [f"```{kind}", *body, "```", ""]

    def admonition(self) -> list[str]:
        r = self.rng
        kind = r.choice(["note", "warning", "tip", "info"])
        marker = "???" if r.random() < 0.3 else "!!!"
        lines = [f'{marker} {kind} "{r.choice(["Heads up", "Why", "Known issue", "Example"])}"']
        lines += ["    " + line for line in _wrap(" ".join(self.sentence() for _ in range(2)))]
        return [*lines, ""]

    def mermaid(self) -> list[str]:
        r = self.rng
        if r.random() < 0.5:
            body = [
                "flowchart LR",
                "    A[Client] --> B[API]",
                f"    B --> C[{self.name}]",
                "    C --> D[(Postgres)]",
                "    C --> E[Queue]",
            ]
        else:
            body = [
                "sequenceDiagram",
                "    participant U as User",
                "    participant S as Service",
                "    U->>S: request",
                "    S-->>U: response",
            ]
        return ["```mermaid", *body, "```", ""]

    def block(self) -> list[str]:
        kinds = [
            (self.paragraph, 34),
            (self.bullets, 22),
            (self.numbered, 6),
            (self.table, 10),
            (self.code, 14),
            (self.admonition, 8),
            (self.mermaid, 6),
        ]
        total = sum(w for _, w in kinds)
        pick = self.rng.uniform(0, total)
        for fn, weight in kinds:
            pick -= weight
            if pick <= 0:
                return fn()
        return self.paragraph()

    def short(self) -> list[str]:
        """One to three lines: what a section of a long template often gets."""
        r = self.rng
        if r.random() < 0.5:
            return [*_wrap(" ".join(self.sentence() for _ in range(r.randint(1, 2)))), ""]
        return [f"- {self.sentence()}" for _ in range(r.randint(2, 3))] + [""]

    def body(self, budget: int) -> list[str]:
        if budget <= 7 and self.rng.random() < 0.75:
            return self.short()
        lines = self.paragraph() if self.rng.random() < 0.6 else []
        while len(lines) < budget:
            lines += self.block()
        return lines


def _wrap(text: str, width: int = 100) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


# --------------------------------------------------------------------------------------------
# Pages


def _fill(text: str, name: str) -> str:
    """Replace the title placeholder(s) of a template line with the component's name."""
    return _PLACEHOLDER_RE.sub(name, text)


def _typo(title: str, rng: random.Random) -> str:
    words = title.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 5:
        return title + "s"
    i = rng.randint(1, len(word) - 3)
    words[longest] = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return " ".join(words)


def spec_page(template: Template, mode: str, writer: Writer, target_lines: int) -> str:
    rng, name = writer.rng, writer.name
    out = ["---", f"spec: {template.id}"]
    if rng.random() < 0.3:
        out.append(f"description: {json.dumps(writer.sentence())}")
    out += ["---", "", f"# {_fill(template.title, name)}"]
    if mode == "fresh":
        out += template.preamble
        for section in template.walk():
            out += [f"{'#' * section.level} {section.title}", *section.body]
        return "\n".join(out).rstrip() + "\n"

    for line in template.preamble:  # `**Component**: <Name>`, `**Last Updated**: <YYYY-MM-DD>`
        out.append(_PLACEHOLDER_RE.sub("2024-05-14" if "YYYY" in line else name, line))
    if rng.random() < 0.7:
        out += writer.paragraph()
    remaining = [sum(1 for _ in template.walk())]

    def budget() -> int:  # lines for the next section, so that the page ends near its target
        remaining[0] = max(1, remaining[0] - 1)
        return max(2, (target_lines - len(out)) // (remaining[0] + 1))

    def emit(sections: list[TSection]) -> None:
        for index, section in enumerate(sections):
            if section.wildcard:
                # A run of placeholder siblings is one slot: write it once, with 1-3 real headings.
                if index > 0 and sections[index - 1].wildcard:
                    continue
                if mode == "partial" and rng.random() < 0.08:
                    continue  # the slot is missing
                if mode == "partial" and rng.random() < 0.15:
                    out.extend([f"{'#' * section.level} {section.title}", *section.body])
                    continue  # heading still a placeholder: unfinished
                for n in range(1, rng.randint(1, 3) + 1):
                    out.append(f"{'#' * section.level} {_wildcard_name(section.title, n, rng)}")
                    out.extend(["", *writer.body(budget())])
                    emit(section.children)
                continue
            fate = "written"
            if mode == "partial":
                fate = rng.choices(
                    ["written", "template", "dropped", "near-miss", "author+tmpl"],
                    [62, 20, 7, 4, 7],
                )[0]
            if fate == "dropped":
                remaining[0] -= sum(1 for _ in Template("", "", [], [section]).walk())
                continue  # with its subsections
            title = section.title
            if fate == "near-miss":
                title = _typo(title, rng)
            elif rng.random() < 0.05:
                title = title.lower().capitalize()  # case differs: still the same section
            out.append(f"{'#' * section.level} {title}")
            if fate == "template":
                out.extend(section.body)
            elif fate == "author+tmpl":
                out.extend(["", *writer.paragraph(), *section.body])
            else:
                out.extend(["", *writer.body(budget())])
            emit(section.children)
            if section.level <= 3 and rng.random() < 0.04:
                out.append(f"{'#' * (section.level + 1)} {rng.choice(EXTRA_HEADINGS)}")
                out.extend(["", *writer.paragraph()])

    emit(template.sections)
    if len(out) < target_lines:  # top up short pages with an appendix the template does not name
        out += ["", "## Appendix", ""]
        while len(out) < target_lines:
            out += writer.block()
    return "\n".join(out).rstrip() + "\n"


def _wildcard_name(title: str, n: int, rng: random.Random) -> str:
    number = re.match(r"^\s*(\d+\.)\s*", title)
    inner = _WILDCARD_RE.match(title).group(1)[1:-1].lower()  # type: ignore[union-attr]
    if "decision" in inner:
        text = rng.choice(DECISIONS)
    elif "algorithm" in inner:
        text = rng.choice(ALGORITHMS)
    elif "endpoint" in inner:
        text = (
            f"{rng.choice(['Create', 'List', 'Get', 'Cancel'])} {rng.choice(OBJECTS).split()[-1]}"
        )
    elif "state machine" in inner:
        text = f"{rng.choice(PREFIXES)} Lifecycle"
    else:
        text = f"{rng.choice(PREFIXES)} {rng.choice(NOUNS)}"
    prefix = f"{n}. " if number else ""
    return f"{prefix}{text}"


def ordinary_page(writer: Writer, title: str, target_lines: int) -> str:
    rng = writer.rng
    out = [f"# {title}", ""]
    out += writer.paragraph()
    for heading in [
        "Before you start",
        "Steps",
        "Checking the result",
        "Troubleshooting",
        "Related pages",
    ]:
        out += [f"## {heading}", ""]
        out += writer.body(max(8, target_lines // 6))
        if rng.random() < 0.3:
            out += [f"### {rng.choice(EXTRA_HEADINGS)}", "", *writer.paragraph()]
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------------------------
# Site


@dataclass
class PagePlan:
    path: str  # docs-relative
    title: str  # nav title
    template: str | None  # template id, None for ordinary pages
    mode: str | None  # complete / partial / fresh
    name: str
    lines: int


def plan_site(pages: int, seed: int) -> list[PagePlan]:
    """Every page but index.md: its path, nav title, template, completeness and target length."""
    rng = random.Random(f"plan-{seed}")
    total = max(pages - 1, 1)
    ordinary = round(total * ORDINARY_SHARE) if total >= 5 else 0
    plans: list[PagePlan] = []
    used: set[str] = set()
    modes, weights = zip(*MIX)
    for index in range(total):
        is_spec = index >= ordinary
        area = rng.choice(AREAS)
        if is_spec:
            tid = TEMPLATE_IDS[index % len(TEMPLATE_IDS)]
            name = f"{rng.choice(PREFIXES)} {rng.choice(NOUNS)}"
            folder = f"{tid}/{area}"
            mode = rng.choices(modes, weights)[0]
        else:
            tid, mode = None, None
            name = (
                f"{rng.choice(GUIDE_TOPICS).replace('-', ' ')} the {rng.choice(PREFIXES)} "
                f"{rng.choice(NOUNS)}"
            )
            folder = f"guides/{area}"
        slug = _slugify(name)
        path = f"{folder}/{slug}.md"
        n = 2
        while path in used:
            path = f"{folder}/{slug}-{n}.md"
            n += 1
        used.add(path)
        plans.append(PagePlan(path, name, tid, mode, name, rng.randint(150, 400)))
    return plans


MKDOCS_YML = """\
# Generated by bench/generate.py ({pages} pages, seed {seed}); do not edit.
site_name: Spec benchmark ({pages} pages)
docs_dir: docs
theme:
  name: material
  features:
    - navigation.sections
    - navigation.prune
plugins:
{plugins}
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
nav:
{nav}
"""
PLUGINS_ENABLED = "  - search\n  - spec"
PLUGINS_DISABLED = "  - search\n  - spec:\n      enabled: false"


def _nav(plans: list[PagePlan]) -> str:
    q = json.dumps  # a JSON string is a valid YAML double-quoted scalar
    lines = ["  - Home: index.md"]
    groups: dict[str, dict[str, list[PagePlan]]] = {}
    for plan in plans:
        top, area = plan.path.split("/")[:2]
        groups.setdefault(top, {}).setdefault(area, []).append(plan)
    for top in [*TEMPLATE_IDS, "guides"]:
        if top not in groups:
            continue
        lines.append(f"  - {q(NAV_LABELS[top])}:")
        for area in sorted(groups[top]):
            lines.append(f"      - {q(area.capitalize())}:")
            for plan in sorted(groups[top][area], key=lambda p: p.path):
                lines.append(f"          - {q(plan.title)}: {q(plan.path)}")
    return "\n".join(lines)


def generate_site(root: Path, pages: int = 2000, seed: int = 5) -> list[PagePlan]:
    """Write the site under `root` (its docs/ is replaced); return the page plans."""
    templates = load_templates()
    plans = plan_site(pages, seed)
    docs = root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    paths = [p.path for p in plans]
    for index, plan in enumerate(plans):
        rng = random.Random(f"page-{seed}-{index}")
        targets = [paths[rng.randrange(len(paths))] for _ in range(6)]
        targets = [t for t in targets if t != plan.path]
        writer = Writer(rng, plan.name, targets, plan.path)
        if plan.template is None:
            text = ordinary_page(writer, plan.title, plan.lines)
        else:
            text = spec_page(templates[plan.template], plan.mode or "complete", writer, plan.lines)
        target = docs / plan.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    counts = {tid: sum(1 for p in plans if p.template == tid) for tid in TEMPLATE_IDS}
    index_lines = [
        f"# Spec benchmark site ({pages} pages)",
        "",
        "A generated site for `bench/run.py`.",
        "",
        "| template | pages |",
        "|---|---|",
    ]
    index_lines += [f"| {tid} | {n} |" for tid, n in counts.items()]
    index_lines += [f"| (no template) | {sum(1 for p in plans if p.template is None)} |"]
    (docs / "index.md").write_text("\n".join(index_lines) + "\n", encoding="utf-8")
    nav = _nav(plans)
    for name, plugins in (
        ("mkdocs.yml", PLUGINS_ENABLED),
        ("mkdocs-disabled.yml", PLUGINS_DISABLED),
    ):
        text = MKDOCS_YML.format(pages=pages, seed=seed, plugins=plugins, nav=nav)
        (root / name).write_text(text, encoding="utf-8")
    return plans


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Generate the benchmark site.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    plans = generate_site(args.root, args.pages, args.seed)
    print(f"{len(plans) + 1} pages in {os.fspath(args.root / 'docs')}")


if __name__ == "__main__":
    main()
