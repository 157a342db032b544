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


class _Display(c.BaseConfigOption[str]):
    """When to show something: `true` (always), `false` (never), `serve` (only in `mkdocs serve`
    previews) or `build` (only in `mkdocs build`, i.e. on the published site)."""

    CHOICES = ("always", "never", "serve", "build")

    def __init__(self, default: bool | str) -> None:
        super().__init__()
        self.default = self._normalise(default)

    @staticmethod
    def _normalise(value: object) -> str | None:
        if value is True:
            return "always"
        if value is False:
            return "never"
        return value if value in _Display.CHOICES else None  # type: ignore[return-value]

    def run_validation(self, value: object) -> str:
        normalised = self._normalise(value)
        if normalised is None:
            raise ValidationError(f"expected true, false, 'serve' or 'build', got {value!r}")
        return normalised


def shown(setting: str, is_serve: bool) -> bool:
    """Whether a `_Display` setting shows its element in this kind of build."""
    return setting == "always" or setting == ("serve" if is_serve else "build")


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
    badge = _Display(default=True)  # true, false, serve or build
    admonition = _Display(default=True)  # true, false, serve or build
    admonition_when_complete = c.Type(bool, default=False)  # also list nothing on complete pages
    collapsible = c.Type(bool, default=True)  # the admonition folds (a <details> element)
    collapsed = c.Type(bool, default=False)  # ... and starts folded
    bands = c.ListOfItems(c.SubConfig(BandConfig), default=DEFAULT_BANDS)
