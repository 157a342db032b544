"""How much the long-running tests do: figures the README's Guarantees section states, kept here so
tests/test_readme.py can compare them with the README without importing the test modules."""

from __future__ import annotations

import os

# Edits in a row under `mkdocs serve` (tests/test_browser.py): ten in every run (the page is
# complete after six), a soak of as many as asked with SOAK_EDITS=100.
DEFAULT_EDITS = 10
EDITS = int(os.environ.get("SOAK_EDITS") or DEFAULT_EDITS)

# The hypothesis profile of tests/test_fuzz.py: `ci` (the default) or `deep`, which runs each
# property DEEP_SCALE times as often.
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
DEEP_SCALE = 50
SCALE = DEEP_SCALE if PROFILE == "deep" else 1
