"""Pages written from real templates (MADR 2/3, a KEP-like proposal, an RFC, a trade study) and
the templates' own text as pages: the corpus of `test_real_templates.py`, and part of the corpus
the two page readers are held to one verdict on (`test_readers_agree.py`)."""

from __future__ import annotations

from pathlib import Path

from conftest import page

REAL = Path(__file__).parent / "fixtures" / "real_templates"

MADR2_COMPLETE = """
# Use PostgreSQL for the order store

* Status: accepted
* Date: 2026-03-02

## Context and Problem Statement

Orders outgrew the key-value store. Which database holds them from now on?

## Decision Drivers

* Transactions that span several tables

## Considered Options

* PostgreSQL
* MongoDB

## Decision Outcome

Chosen option: "PostgreSQL", because it is the only one with transactions we trust.

### Positive Consequences

* One backup tool for every service.

## Pros and Cons of the Options

Both ran for a week under replayed traffic; PostgreSQL won on every count we measured.
"""

MADR3_PAGE = """
# Publish events through the outbox table

## Context and Problem Statement

Services lose events when the broker is down during a commit.

## Considered Options

* Outbox table
* Two-phase commit

## Decision Outcome

Chosen option: "Outbox table", because it needs no coordinator.

### Consequences

* Good, because events survive broker outages.
"""

TRADE_COMPLETE = """
# Caching the catalogue

## Problem

Catalogue reads cost 40 ms at p99.

## Spike: Redis caching

We put a Redis cluster in front of the catalogue for two days.

### Integration with Kafka

Invalidation events arrive on the catalogue topic.

## Solution Hypotheses

### Redis

A shared cache cluster.

#### Experiment(s)

Replayed one day of traffic.

#### Evidence

p99 fell to 3 ms.

### Memcached

A cache on every host.

#### Experiment(s)

The same replay.

#### Evidence

p99 fell to 5 ms.

## Decision

Redis: it also serves the session store.
"""

KEP_PAGE = """
# KEP-1234: Node-local image cache

## Release Signoff Checklist

- [x] Enhancement issue in the release milestone
- [ ] Design details are documented
- [ ] Docs are published in [project/website]

The docs pull request is open against the website repository.

## Summary

Nodes keep a local cache of image layers so that pods start without pulling from the
registry. See the discussion in [the tracking issue
#1234](https://example.org/issues/1234) for its history.

## Motivation

Cold starts pull the same layers again and again.

### Goals

None yet.

### Non Goals

N/A

## Proposal

A daemon set keeps the layers that the node's pods used last.

### User Stories for cache users

A batch user restarts a job and it starts at once.

### Risks and Mitigations

TODO: <https://example.org/risks>

## Design Details

### Upgrade / Downgrade Strategy

The cache is dropped on downgrade.

### Feature Enablement

- Feature gate
  - Feature gate name: NodeImageCache
  - Components depending on the feature gate: kubelet

## Drawbacks [optional]

Disk use grows on every node.

## Alternatives

N/A
"""

RFC_PAGE = """
- Feature Name: `lazy_statics`
- Start Date: 2026-01-10

# Summary

Statics initialised on first use.

# Motivation

Start-up does work nobody needs.

# Guide-level explanation

Write `lazy static X: T = expr;` and use `X` as any static.

# Reference-level explanation

The first access runs `expr` once, under a lock.

# Drawbacks

A hidden lock on the first access.

# Unresolved questions

None.
"""

VARIANTS_PAGE = """
# Variants

## Cafe\u0301

The canteen on the second floor.

## İstanbul office

Levent, fourth floor.

## Over\u200dview

A tour of the names.

## [API](api.md) Design

REST over HTTP/2.

## <code>config</code> Flags

Two flags: `--fast` and `--safe`.

## 🎉

A party emoji is not the rocket.

## Footnotes

[^1]: a note that is not shown here

## References

* [1]: https://example.org/one

## Formula

<math><mi>x</mi><mo>=</mo><mn>1</mn></math>
"""

PAGES = {
    "madr2/complete.md": page("madr2", MADR2_COMPLETE),
    "madr2/empty-optional.md": page(
        "madr2",
        MADR2_COMPLETE.replace("* Transactions that span several tables\n", "").replace(
            "* PostgreSQL\n* MongoDB\n", ""
        ),
    ),
    "madr3/page.md": page("madr3", MADR3_PAGE, status="accepted", date="2026-04-01"),
    "trade/complete.md": page("trade-study", TRADE_COMPLETE),
    "trade/short.md": page(
        "trade-study", TRADE_COMPLETE.replace("#### Evidence\n\np99 fell to 5 ms.\n", "")
    ),
    "trade/renamed.md": page(
        "trade-study", TRADE_COMPLETE.replace("## Solution Hypotheses", "## Solutions")
    ),
    "kep/page.md": page("kep", KEP_PAGE),
    "rfc/page.md": page("rfc", RFC_PAGE),
    "variants.md": page("variants", VARIANTS_PAGE),
    "rocket.md": page("variants", "# Launch\n\n## 🚀\n\nWe ship on Monday.\n"),
}


def _template_body(template_id: str) -> str:
    return (REAL / f"{template_id}.md").read_text(encoding="utf-8").split("---\n", 2)[2]


for _id in ("madr2", "madr3", "trade-study", "kep"):
    PAGES[f"copies/{_id}.md"] = page(_id, _template_body(_id))
