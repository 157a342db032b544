"""The `spec` plugin's settings, as one typed MkDocs `Config` class.

The command line validates the same `plugins: - spec:` block with this class, so a setting means the
same thing in `mkdocs build` and in `mkdocs-spec check`.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

# MkDocs reads `template` from front matter to choose the theme's HTML file: a page with
# `template: design-doc` crashes the build, so the key can never be that.
RESERVED_KEYS = frozenset({"template"})


class _FrontMatterKey(c.Type):
    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not value.strip():
            raise ValidationError("must not be empty")
        if value in RESERVED_KEYS:
            raise ValidationError(
                f"'{value}' is used by MkDocs to choose the page's theme template; "
                "pick another key, such as 'spec' (the default)"
            )
        return value


class BandConfig(Config):
    """A colour band: scores from `min` up to the next band get `color`."""

    min = c.Type(int)
    color = c.Type(str)


# White text on each colour has a contrast of at least 4.5:1 (WCAG AA).
DEFAULT_BANDS = [
    {"min": 100, "color": "#1a7f37"},  # green: complete
    {"min": 75, "color": "#0969da"},  # blue: nearly there
    {"min": 40, "color": "#9a6700"},  # amber: partly written
    {"min": 0, "color": "#cf222e"},  # red: barely started
]


class SpecConfig(Config):
    enabled = c.Type(bool, default=True)

    # Matching pages to templates
    key = _FrontMatterKey(default="spec")
    templates_dir = c.Optional(c.Dir(exists=True))

    # What the reader sees
    badge = c.Type(bool, default=True)
    admonition = c.Type(bool, default=True)
    admonition_when_complete = c.Type(bool, default=False)  # also list nothing on complete pages
    collapsible = c.Type(bool, default=True)  # the admonition folds (a <details> element)
    collapsed = c.Type(bool, default=False)  # ... and starts folded
    bands = c.ListOfItems(c.SubConfig(BandConfig), default=DEFAULT_BANDS)
