"""A deterministic generator of tricky spec pages, for holding the two page readers to one verdict.

Each page uses a built-in template (front matter `spec: <id>`) and is mostly partly written, so the
plugin (which reads the HTML MkDocs rendered) and `mkdocs-spec check` (which scans the Markdown
source) have something to disagree about. Every page carries a few absolute expectations, what a
reader of the rendered page sees, so agreement cannot come from both readers being equally wrong.

Run it by hand to look at the pages: `python tests/tricky_pages.py OUT_DIR`.
"""

from __future__ import annotations

import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

# The site's Markdown dialect: the readers must see these pages as these extensions render them.
MARKDOWN_EXTENSIONS: list = [
    "admonition",
    "attr_list",
    "pymdownx.details",
    "pymdownx.superfences",
    "tables",
    {"toc": {"permalink": True}},
]

COMPLETE, UNFINISHED, MISSING = "complete", "unfinished", "missing"


@dataclass(frozen=True)
class TrickyPage:
    """One page: where it goes, its template, its body, how its bytes are written, what it means.

    `expect` maps a section path (template titles joined by " / ") to the state a reader of the
    rendered page would give it. `crlf` and `bom` change only the bytes written.
    """

    name: str
    template: str
    body: str
    covers: str
    expect: dict[str, str] = field(default_factory=dict)
    front_matter: str | None = None  # written as is instead of `spec: <template>`
    crlf: bool = False
    bom: bool = False

    def text(self) -> str:
        head = self.front_matter
        if head is None:
            head = f"---\nspec: {self.template}\n---\n\n"
        return head + textwrap.dedent(self.body).lstrip("\n")

    def data(self) -> bytes:
        text = self.text()
        if self.crlf:
            text = text.replace("\n", "\r\n")
        raw = text.encode("utf-8")
        return b"\xef\xbb\xbf" + raw if self.bom else raw


FENCE = "```"

PAGES: list[TrickyPage] = [
    TrickyPage(
        "setext.md",
        "design-doc",
        covers="setext headings (=== and ---), a two-line paragraph over --- (a rule, not a "
        "heading), a list item over --- (a heading `- Integration Tests`, at the wrong level)",
        body="""
        Cache Design Document
        =====================

        Current Context
        ---------------
        The profile service reads the database on every request; p99 is 180 ms.

        Requirements
        ------------

        ### Functional Requirements
        - Serve profile reads from memory.

        ### Non-Functional Requirements
        - Performance expectations
        - Scalability needs

        Design Decisions
        ----------------

        ### 1. Write-through caching
        Will implement write-through because invalidation stays simple.

        Technical Design
        -
        The cache sits beside the reader service.

        Testing Strategy
        ----------------

        ### Unit Tests
        TBD

        References
        ----------
        Staged rollout follows the usual plan.
        Rollout Strategy
        ----------------
        Dark launch first, then 5%, 50%, 100%.

        Observability
           ---

        - Integration Tests
        ---
        """,
        expect={
            "Current Context": COMPLETE,
            "Requirements / Functional Requirements": COMPLETE,
            "Requirements / Non-Functional Requirements": UNFINISHED,
            "Design Decisions": COMPLETE,
            "Technical Design": COMPLETE,
            "Testing Strategy / Unit Tests": UNFINISHED,
            "Testing Strategy / Integration Tests": MISSING,
            "References": COMPLETE,
            "Rollout Strategy": MISSING,  # its underline follows a two-line paragraph: a rule
            "Observability": MISSING,  # an underline indented 3 spaces is a rule
        },
    ),
    TrickyPage(
        "attr-inline.md",
        "design-doc",
        covers="{#id} and {: .class} attributes, inline code, links, emphasis, trailing #s",
        body="""
        # Search Service Design Document {#top}

        ## Current Context {#context}
        Search runs on a single Elasticsearch node.

        ## Requirements { #requirements .wide }
        ### Functional Requirements {: #functional }
        - Query by prefix with `?q=` parameters.

        ### *Non-Functional* Requirements
        - p95 latency under 50 ms.

        ## `Design` Decisions
        ### 1. Use [OpenSearch](https://opensearch.org)
        Will implement OpenSearch because the licence fits.

        ## Technical Design ##
        ### 1. Core **Components**
        Indexer, query API and a warm-up job.

        ### 2. Data Models {#models}
        ```python
        # Key data models with type hints
        class DataModel:
            \"\"\"Model documentation\"\"\"

            pass
        ```

        ### 3. [Integration](#integration) Points
        - How this interfaces with other systems

        ## [Testing Strategy](https://example.com/testing)
        ### Unit Tests
        - pytest with hypothesis for the query parser.

        ## __Observability__
        ### Logging
        <!-- TODO -->

        ### Metrics
        - Key metrics to track

        ## **Security** Considerations {: .important }
        Only the gateway may call the index.

        ## Rollout&nbsp;Strategy
        Behind the `search_v2` flag.
        """,
        expect={
            "Current Context": COMPLETE,
            "Requirements / Functional Requirements": COMPLETE,
            "Requirements / Non-Functional Requirements": COMPLETE,
            "Design Decisions": COMPLETE,
            "Technical Design / 1. Core Components": COMPLETE,
            "Technical Design / 2. Data Models": UNFINISHED,
            "Technical Design / 3. Integration Points": UNFINISHED,
            "Testing Strategy / Unit Tests": COMPLETE,
            "Testing Strategy / Integration Tests": MISSING,
            "Observability / Logging": UNFINISHED,
            "Observability / Metrics": UNFINISHED,
            "Security Considerations": COMPLETE,
            "References": MISSING,
        },
    ),
    TrickyPage(
        "code-hashes.md",
        "design-doc",
        covers="# lines in ``` and ~~~ fences, indented code, fences in lists and admonitions",
        body=f"""
        # Queue Design Document

        ## Current Context
        We replace the cron-based mailer.

        {FENCE}bash
        # Security Considerations
        ## Security Considerations
        echo "not a heading"
        {FENCE}

        ~~~
        ## Rollout Strategy
        ~~~

            ## References
            # indented code is not a heading either

        ## Requirements

        - Step one, as a script:

            {FENCE}python
            ## Testing Strategy
            x = 1
            {FENCE}

        - Step two: retire cron.

        !!! note "Config"

            {FENCE}yaml
            ## Observability
            key: value
            {FENCE}

        ````markdown
        ```
        ## Dependencies
        ```
        ````

        ## Implementation Plan
        1. Phase 1: ship the consumer
        2. Phase 2: retire cron

        ## Design Decisions
        ### Kafka over SQS
        Ordering per key matters more than operations cost.
        """,
        expect={
            "Current Context": COMPLETE,
            "Requirements": COMPLETE,
            "Requirements / Functional Requirements": MISSING,
            "Implementation Plan": COMPLETE,
            "Design Decisions": COMPLETE,
            "Security Considerations": MISSING,
            "Rollout Strategy": MISSING,
            "References": MISSING,
            "Testing Strategy": MISSING,
            "Observability": MISSING,
            "Dependencies": MISSING,
        },
    ),
    TrickyPage(
        "admonitions.md",
        "tech-spec",
        covers="headings inside !!! and ??? blocks, tables, & versus and, a placeholder line left",
        body="""
        # Technical Specification: Billing API

        !!! note "Status"
            Draft for review.

        ## Overview

        !!! info
            Billing turns usage records into monthly invoices.

        ## Architecture

        ## Key Components

        !!! abstract "Components"
            ### Invoice Builder
            Joins usage with price plans.

            ### Ledger Writer
            - **Purpose**: [Brief description of what this component does]

        ## Data Model

        ??? example "Entities"
            ### Invoice
            | Field | Type | Description | Constraints |
            |-------|------|-------------|-------------|
            | id | UUID | Invoice number | Primary key |
            | total | Decimal | Sum of the lines | Not null |

        ## API Endpoints

        ???+ tip "Endpoints"
            ### `POST /invoices`
            Creates an invoice for a billing period; returns 201.

        ## External Dependencies
        | Dependency | Version | Purpose | API Documentation |
        |------------|---------|---------|-------------------|
        | Stripe | 2024-06 | Card payments | <https://stripe.com/docs/api> |

        ## Security Considerations

        - **Authentication**: [Describe authentication approach]
        - **Authorization**: Service tokens scoped per tenant.

        ## Performance Considerations
        TBD

        ## Monitoring & Logging
        - **Key Metrics**: invoices per minute, failed charges.

        ## Testing Strategy
        ### Unit Tests
        !!! warning
            Not written yet.
        """,
        expect={
            "Overview": COMPLETE,
            "Architecture": UNFINISHED,
            "Key Components / [Component 1]": UNFINISHED,  # Ledger Writer kept a placeholder
            "Data Model / [Entity 1]": COMPLETE,
            "API Endpoints / [Endpoint 1]": COMPLETE,
            "External Dependencies": COMPLETE,
            "Security Considerations": UNFINISHED,
            "Performance Considerations": UNFINISHED,
            "Monitoring and Logging": COMPLETE,
            "Testing Strategy / Integration Tests": MISSING,
            "Open Questions": MISSING,
        },
    ),
    TrickyPage(
        "front-matter-dashes.md",
        "design-doc",
        covers="front matter whose values contain ---",
        front_matter=(
            "---\n"
            "spec: design-doc\n"
            'title: "Cache --- second pass"\n'
            'divider: "---"\n'
            "summary: |\n"
            "  Notes --- with dashes\n"
            "   ---\n"
            "  and more\n"
            "---\n\n"
        ),
        body="""
        # Cache, Second Pass

        ## Current Context
        --- the first pass cached too much ---

        ## Requirements
        ### Functional Requirements
        ---

        ### Non-Functional Requirements
        - Memory under 2 GiB per node.

        ## Security Considerations
        ---
        Tokens never enter the cache.
        """,
        expect={
            "Current Context": COMPLETE,
            "Requirements / Functional Requirements": UNFINISHED,
            "Requirements / Non-Functional Requirements": COMPLETE,
            "Security Considerations": COMPLETE,
            "References": MISSING,
        },
    ),
    TrickyPage(
        "crlf.md",
        "tech-spec",
        covers="CRLF line endings (with a fence and setext headings)",
        crlf=True,
        body=f"""
        Technical Specification: Export Job
        ===================================

        Overview
        --------
        Exports tenant data to S3 every night.

        ## Architecture
        {FENCE}
        ## Key Components
        {FENCE}

        ## Data Model
        ### Export Run
        | Field | Type | Description | Constraints |
        |-------|------|-------------|-------------|
        | id | UUID | Unique identifier | Primary key |
        | ... | ... | ... | ... |

        ## Open Questions
        - Should exports be encrypted with a tenant key?
        """,
        expect={
            "Overview": COMPLETE,
            "Architecture": COMPLETE,  # a code block is content, even one holding `## ...`
            "Key Components": MISSING,
            "Data Model / [Entity 1]": UNFINISHED,
            "Open Questions": COMPLETE,
        },
    ),
    TrickyPage(
        "bom.md",
        "design-doc",
        covers="a UTF-8 byte order mark before the front matter",
        bom=True,
        body="""
        # Résumé Parser Design Document

        ## Current Context
        Résumés arrive as PDF and DOCX; parsing is manual today.

        ## Requirements
        ### Functional Requirements
        - Extract name, e-mail and employment history.

        ## Rollout Strategy
        1. Development phase
        2. Testing phase
        """,
        expect={
            "Current Context": COMPLETE,
            "Requirements / Functional Requirements": COMPLETE,
            "Rollout Strategy": UNFINISHED,
            "Design Decisions": MISSING,
        },
    ),
    TrickyPage(
        "no-h1.md",
        "tech-spec",
        covers="a page with no H1: intro text, then sections at H2",
        body="""
        Notes on the rate limiter, before the spec proper.

        ## Overview
        A token bucket per API key, kept in Redis.

        ## Architecture
        [Replace with the appropriate architecture diagram for your component]

        ## API Endpoints
        ### GET /limits
        Returns the caller's remaining budget.

        ## Future Enhancements
        - Per-route budgets.
        """,
        expect={
            "Overview": COMPLETE,
            "Architecture": UNFINISHED,
            "API Endpoints / [Endpoint 1]": COMPLETE,
            "Future Enhancements": COMPLETE,
            "Key Components": MISSING,
        },
    ),
    TrickyPage(
        "deeper.md",
        "design-doc",
        covers="the whole tree one level deeper: H1 title, sections at H3, subsections at H4",
        body="""
        # Notifications Design Document

        ### Current Context
        Push notifications go through three vendors.

        ### Requirements
        #### Functional Requirements
        - One API for push, e-mail and SMS.

        #### Non-Functional Requirements
        - Performance expectations

        ### Testing Strategy
        #### Unit Tests
        - Contract tests per vendor adapter.

        ### References
        - [Vendor comparison](https://example.com/vendors)
        """,
        expect={
            "Current Context": COMPLETE,
            "Requirements / Functional Requirements": COMPLETE,
            "Requirements / Non-Functional Requirements": UNFINISHED,
            "Testing Strategy / Unit Tests": COMPLETE,
            "References": COMPLETE,
            "Observability": MISSING,
        },
    ),
    TrickyPage(
        "shallower.md",
        "design-doc",
        covers="the whole tree one level shallower: sections at H1, no title",
        body="""
        # Current Context
        Thumbnails are generated on upload, synchronously.

        # Requirements
        ## Functional Requirements
        - Generate thumbnails asynchronously.

        ## Non-Functional Requirements
        TBD

        # Observability
        ## Logging
        - One structured line per job.

        ## Metrics
        - Queue depth and job latency.

        # Security Considerations
        - Authentication/Authorization
        - Data protection
        """,
        expect={
            "Current Context": COMPLETE,
            "Requirements / Functional Requirements": COMPLETE,
            "Requirements / Non-Functional Requirements": UNFINISHED,
            "Observability / Logging": COMPLETE,
            "Observability / Metrics": COMPLETE,
            "Security Considerations": UNFINISHED,
            "References": MISSING,
        },
    ),
    TrickyPage(
        "comments-refs.md",
        "design-doc",
        covers="sections holding only HTML comments or link reference definitions (= empty)",
        body="""
        # Audit Log Design Document

        ## Current Context
        <!-- Describe the current system here. -->

        ## Requirements
        <!--
        Multi-line guidance.
        ## Not A Heading
        -->

        ### Functional Requirements
        [spec]: https://example.com/spec
        [rfc]: <https://example.com/rfc> "RFC title"

        ### Non-Functional Requirements
        Writes are acknowledged within 20 ms <!-- measured where? --> at p99.

        ## Design Decisions
        <!-- one -->
        <!-- two -->

        ## Technical Design
        [design]: https://example.com/design

        See the [design][design] notes.

        ## References
        <!--
        - link one
        -->
        [Audit RFC](https://example.com/audit)
        """,
        expect={
            "Current Context": UNFINISHED,
            "Requirements / Functional Requirements": UNFINISHED,
            "Requirements / Non-Functional Requirements": COMPLETE,
            "Design Decisions": UNFINISHED,
            "Technical Design": COMPLETE,
            "References": COMPLETE,
            "Rollout Strategy": MISSING,
        },
    ),
    TrickyPage(
        "impl-placeholder.md",
        "impl-spec",
        covers="### <Algorithm Name> left in an impl-spec page; <...> placeholder lines",
        body=f"""
        # Rate Limiter Implementation Specification

        **Component**: Rate limiter
        **Document Status**: Current
        **Last Updated**: <YYYY-MM-DD>

        ## Implementation Overview

        ### Technology Stack
        - **Language**: Go 1.22
        - **Framework**: <If applicable>

        ### Repository Structure
        {FENCE}
        limiter/
        ├── cmd/
        └── internal/bucket/
        {FENCE}

        ## Core Algorithms

        ### <Algorithm Name>
        {FENCE}
        <Pseudocode or detailed description>
        {FENCE}

        ## State Machines

        ### Bucket lifecycle
        States: empty, filling, full.

        ## Configuration Implementation

        ### Environment Variables
        {FENCE}env
        # Required
        COMPONENT_PORT=8080
        {FENCE}

        ## Developer Guide

        ### Common Tasks
        - **Adding a New Endpoint**: copy `handlers/ping.go` and register it.
        """,
        expect={
            "Implementation Overview / Technology Stack": UNFINISHED,
            "Implementation Overview / Repository Structure": COMPLETE,
            "Core Algorithms / <Algorithm Name>": UNFINISHED,
            "State Machines / <State Machine Name>": COMPLETE,
            "Configuration Implementation / Environment Variables": UNFINISHED,
            "Developer Guide / Common Tasks": COMPLETE,
            "Migration Scripts": MISSING,
        },
    ),
    TrickyPage(
        "numbered-tbd.md",
        "tech-spec",
        covers="numbered headings (1., 3.1, A.), a bare TBD, N/A with and without a reason (both "
        "explicit answers)",
        body="""
        # Technical Specification: Feature Flags

        ## 1. Overview
        A flag service with per-tenant targeting.

        ## 2. Architecture
        TBD

        ## 3. Key Components
        ### 3.1 Evaluator
        Evaluates rules locally in each SDK.

        ## 4. Data Model
        N/A — flags live in the existing config store.

        ## 5. API Endpoints
        N/A

        ## A. Security Considerations
        - **Authentication**: SDK keys per environment.

        ## 6. Testing Strategy
        ### 6.1 Unit Tests
        ...
        ### 6.2 Integration Tests
        *TODO*
        ### 6.3 Performance Tests
        - 10k evaluations per second per core.
        """,
        expect={
            "Overview": COMPLETE,
            "Architecture": UNFINISHED,
            "Key Components / [Component 1]": COMPLETE,
            "Data Model": COMPLETE,
            "API Endpoints": COMPLETE,  # a bare N/A is an answer
            "Security Considerations": COMPLETE,
            "Testing Strategy / Unit Tests": UNFINISHED,
            "Testing Strategy / Integration Tests": UNFINISHED,
            "Testing Strategy / Performance Tests": COMPLETE,
            "Open Questions": MISSING,
        },
    ),
    TrickyPage(
        "more-traps.md",
        "tech-spec",
        covers="text after a comment, fences in quotes, fence titles and "
        "line numbers, <br> in a heading, {: .class} alone, an unclosed fence, unequal closers",
        body=f"""
        # Technical Specification: Search Indexer

        ## Overview
        <!-- Summarise in one paragraph. --> Indexes product changes within a minute.

        ## Architecture
        Workers consume the change feed.

        ## Key Components
        ### Feed Reader
        > {FENCE}text
        > ## Testing Strategy
        > {FENCE}

        ## Security Considerations
        {FENCE}yaml title="policy.yaml"
        {FENCE}

        ## Performance Considerations
        {FENCE}text linenums="1"
        [Describe expected load characteristics]
        {FENCE}

        ## Monitoring<br>and Logging
        - Index lag, as a gauge per shard.

        ## Deployment Considerations
        {{: .note }}

        ## Future Enhancements
        - Sharding by tenant.

        {FENCE}bash
        ./reindex.sh --all

        ## Open Questions
        - Do we need per-locale analyzers?

        {FENCE}text
        ## Document History
        ````
        """,
        expect={
            "Overview": COMPLETE,
            "Architecture": COMPLETE,
            "Key Components / [Component 1]": COMPLETE,
            "Testing Strategy": MISSING,  # only inside a fenced block in a quote
            "Document History": UNFINISHED,  # the closer is longer than the opener: no fence
            "Security Considerations": COMPLETE,  # the file name shows above the empty block
            "Performance Considerations": UNFINISHED,  # line numbers are not the author's text
            "Monitoring and Logging": COMPLETE,
            "Open Questions": COMPLETE,  # the fence above it was never closed
            "Data Model": MISSING,
        },
    ),
    TrickyPage(
        "raw-html.md",
        "design-doc",
        covers="raw HTML blocks with text or only a comment, an <h2> written in HTML, <hr> then a "
        "heading",
        body="""
        # Image Proxy Design Document

        ## Current Context
        <div class="note">
        <p>We evaluated three resizing libraries.</p>
        </div>

        ## Requirements
        <div>
        <!-- nothing yet -->
        </div>

        ## Design Decisions
        <details>
        <summary>Why libvips</summary>
        It streams, so memory stays flat.
        </details>

        <h2>Security Considerations</h2>
        <p>Signed URLs only.</p>

        ## Rollout Strategy
        <section>
        <p>Shadow traffic for a week.</p>

        <p>Then a canary.</p>
        </section>

        <hr>

        ## References
        <img src="diagram.png" alt="">
        """,
        expect={
            "Current Context": COMPLETE,
            "Requirements": UNFINISHED,
            "Design Decisions": COMPLETE,
            "Security Considerations": COMPLETE,
            "Rollout Strategy": COMPLETE,
            "References": COMPLETE,
            "Observability": MISSING,
        },
    ),
    TrickyPage(
        "lists-quotes.md",
        "tech-spec",
        covers="headings in block quotes and right after paragraphs, lazy lines, list rules",
        body="""
        # Technical Specification: Webhooks

        ## Overview
        Delivers events to customer endpoints.
        ## Architecture
        Workers pull from a queue and sign each request.

        > ## Key Components
        > ### Dispatcher
        > Retries with exponential back-off.

        ## Data Model
        - Deliveries are stored for 30 days
        with their response codes.

        ## API Endpoints
        - [Endpoint 1]
        - ...

        ## Open Questions
        * Do we need ordering guarantees?
        ---

        ## Future Enhancements
        1. Batching.
        2. Payload filtering
           per subscription.
        """,
        expect={
            "Overview": COMPLETE,
            "Architecture": COMPLETE,
            "Key Components / [Component 1]": COMPLETE,
            "Data Model": COMPLETE,
            "API Endpoints": UNFINISHED,
            "Open Questions": UNFINISHED,  # its list item over --- is a heading of its own
            "Future Enhancements": COMPLETE,
            "Testing Strategy": MISSING,
        },
    ),
    TrickyPage(
        "blocks-that-swallow.md",
        "design-doc",
        covers="a heading glued under a table (a row), a comment ending a list, an admonition "
        "ending at an unindented line, a list nested by 3 spaces, an unclosed fence",
        body=f"""
        # Cache Warmer Design Document

        ## Current Context
        | Service | Calls/s | p99 |
        |---------|---------|-----|
        | profile | 1200 | 180 ms |
        ## Requirements
        ### Functional Requirements
        - Warm the top 10k profiles after each deploy.

        ## Design Decisions
        - Redis over Memcached: we already run it.
        <!-- decide the TTL by Friday -->
        Technical Design
        ----------------
        The warmer is a Kubernetes CronJob.

        ## Implementation Plan

        1. Phase 1: ship the warmer behind a flag
           - Task 1: read the access log
           - Task 2: replay the top keys

            ./warm --top 10000
            ## Testing Strategy

        ### Unit Tests
        - Replay a recorded access log against a fake Redis.

        ## Observability
        !!! note
            Dashboards live in Grafana.
        Rollout Strategy
        ----------------
        Warm one region at a time.

        ## Dependencies
        ### Runtime Dependencies
        {FENCE}text
        redis 7

        ### Development Dependencies
        ~~~
        ## References
        ~~~
        """,
        expect={
            "Current Context": COMPLETE,
            "Requirements": MISSING,  # `## Requirements` is a row of the table above it
            "Requirements / Functional Requirements": MISSING,
            "Design Decisions": COMPLETE,
            "Technical Design": COMPLETE,  # the comment ended the list: a setext heading
            "Implementation Plan": COMPLETE,
            "Testing Strategy / Unit Tests": COMPLETE,  # `## Testing Strategy` is in the list
            "Observability": COMPLETE,
            "Rollout Strategy": COMPLETE,  # the admonition ended at the unindented line
            "Dependencies / Runtime Dependencies": COMPLETE,
            "Dependencies / Development Dependencies": UNFINISHED,  # only a `~~~` paragraph
            "References": UNFINISHED,  # no fence opens after an unclosed one
        },
    ),
    TrickyPage(
        "multimarkdown-meta.md",
        "design-doc",
        covers="MultiMarkdown-style metadata instead of YAML front matter",
        front_matter="spec: design-doc\ntitle: Mail Relay\n\n",
        body="""
        # Mail Relay Design Document

        ## Current Context
        Mail goes out through a single Postfix host.

        ## Security Considerations
        - Compliance requirements
        """,
        expect={
            "Current Context": COMPLETE,
            "Security Considerations": UNFINISHED,
            "Requirements": MISSING,
        },
    ),
]


def write_pages(docs: Path) -> dict[str, TrickyPage]:
    """Write every tricky page under `docs`; return them by file name."""
    docs.mkdir(parents=True, exist_ok=True)
    for page in PAGES:
        (docs / page.name).write_bytes(page.data())
    return {page.name: page for page in PAGES}


if __name__ == "__main__":  # pragma: no cover
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "tricky-docs")
    for name in write_pages(out):
        print(out / name)
