"""The `spec` plugin's settings, as one typed MkDocs `Config` class.

The command line validates the same `plugins: - spec:` block with this class, so a setting means the
same thing in `mkdocs build` and in `mkdocs-spec check`.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from .engine.profile import MarkdownProfile
from .engine.resolve import Matcher, Rule
from .engine.templates import load_registry

# MkDocs reads `template` from front matter to choose the theme's HTML file: a page with
# `template: design-doc` crashes the build, so the key can never be that.
RESERVED_KEYS = frozenset({"template"})


class _FrontMatterKey(c.Type):
    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        key = str(super().run_validation(value))
        if not key.strip():
            raise ValidationError("must not be empty")
        if key in RESERVED_KEYS:
            raise ValidationError(
                f"'{key}' is used by MkDocs to choose the page's theme template; "
                "pick another key, such as 'spec' (the default)"
            )
        return key


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
        return value if value in _Display.CHOICES else None

    def run_validation(self, value: object) -> str:
        normalised = self._normalise(value)
        if normalised is None:
            raise ValidationError(f"expected true, false, 'serve' or 'build', got {value!r}")
        return normalised


def shown(setting: str, is_serve: bool) -> bool:
    """Whether a `_Display` setting shows its element in this kind of build."""
    return setting == "always" or setting == ("serve" if is_serve else "build")


class _Percent(c.Type):
    """A whole percent, 0 to 100."""

    def __init__(self) -> None:
        super().__init__(int)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise ValidationError(f"expected a whole percent from 0 to 100, got {value!r}")
        return value


class _TemplateIds(c.BaseConfigOption[tuple[str, ...]]):
    """A template id, or a list of them: the page is judged against the one it follows best."""

    def run_validation(self, value: object) -> tuple[str, ...]:
        ids = [value] if isinstance(value, str) else value
        if (
            not isinstance(ids, list)
            or not ids
            or not all(isinstance(i, str) and i.strip() for i in ids)
        ):
            raise ValidationError(
                f"expected a template id such as 'design-doc' or a list of ids, got {value!r}"
            )
        return tuple(dict.fromkeys(i.strip() for i in ids))


class RuleConfig(Config):
    """Pages whose docs-relative path matches `glob`, and none of `exclude`, use `template`
    (front matter wins); with a list of templates, the one each page follows best."""

    glob = c.Type(str)
    template = _TemplateIds()
    exclude = c.ListOfItems(c.Type(str), default=[])


# CSS's named colours: with hex, rgb() and hsl(), the only values a band's colour may take. It is
# written into a `style` attribute, so anything else could carry more than a colour.
CSS_NAMES = frozenset(
    """aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
    blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson
    cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta
    darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue
    darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey
    dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray
    green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush
    lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen
    lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey
    lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue
    mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise
    mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive
    olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred
    papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue
    saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray
    slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
    whitesmoke yellow yellowgreen""".split()
)
_HEX_RE = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_FUNCTION_RE = re.compile(r"(?:rgba?|hsla?)\(\s*[0-9.%deg\s,/+-]+\)", re.IGNORECASE)


class _Color(c.Type):
    """A CSS colour: `#1a7f37`, `rgb(26 127 55)`, `hsl(140 66% 30%)` or a named one."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = str(super().run_validation(value)).strip()
        if _HEX_RE.fullmatch(text) or _FUNCTION_RE.fullmatch(text) or text.lower() in CSS_NAMES:
            return text
        raise ValidationError(
            f"expected a CSS colour (#1a7f37, rgb(...), hsl(...) or a name such as 'teal'), "
            f"got {value!r}"
        )


class BandConfig(Config):
    """A colour band: scores from `min` up to the next band get `color`."""

    min = c.Type(int)
    color = _Color()


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
    rules = c.ListOfItems(c.SubConfig(RuleConfig), default=[])

    # What the reader sees
    badge = _Display(default=True)  # true, false, serve or build
    badge_when_complete = c.Type(bool, default=True)  # false: a badge only below 100%
    admonition = _Display(default=True)  # true, false, serve or build
    admonition_when_complete = c.Type(bool, default=False)  # also list nothing on complete pages
    collapsible = c.Type(bool, default=True)  # the admonition folds (a <details> element)
    collapsed = c.Type(bool, default=False)  # ... and starts folded
    bands = c.ListOfItems(c.SubConfig(BandConfig), default=DEFAULT_BANDS)
    nav_status = c.Type(bool, default=False)  # Material: an icon per spec page in the nav
    # The language of the words the plugin adds (`de`, `pt-BR`); unset: the theme's language
    locale = c.Optional(c.Type(str))

    # Build-wide checks (warnings make `mkdocs build --strict` fail)
    warn_under = c.Optional(_Percent())  # unset: warn when a page has missing sections
    fail_under = c.Optional(_Percent())  # fail `mkdocs build` when the site average is below
    fail_under_page = c.Optional(_Percent())  # ... or when any page is below

    # The largest page judged, in MB: a bigger one (a generated dump, a symlink to a device) is
    # skipped with a warning, never read
    max_page_mb = c.Type(int, default=20)

    # Pages whose own status (front matter `status`, or a `Status:` line under the title) is one of
    # these are not judged: superseded and deprecated records stay as they were written
    skip_status = c.ListOfItems(c.Type(str), default=[])
    # ... or, set, are judged and in the report and JSON, with the badge but no admonition, and
    # never warned about nor held to a threshold
    skip_status_judged = c.Type(bool, default=False)
    # Where the verdict goes: under the title, or after the metadata list under it (MADR 2)
    placement = c.Choice(("title", "after_metadata"), default="title")

    # Site report: a page in the site's theme, and a JSON file beside the built site
    report = c.Type(bool, default=True)
    report_url = c.Type(str, default="spec-report/")

    # Retired: judging is cheap enough in the build's own process that the worker process
    # it asked for is gone. A site that still sets it builds, with a warning.
    parallel = c.Deprecated(
        message="The option '{}' has no effect any more (pages are judged in the build's own "
        "process) and can be removed.",
        option_type=c.Type(bool),
    )

    def validate(self):
        """MkDocs' validation, with "did you mean" on an option name it does not know
        (`badges: true` for `badge`)."""
        failed, warnings = super().validate()
        return failed, [(key, _with_hint(key, message)) for key, message in warnings]


def _with_hint(key: str, message: str) -> str:
    if not message.startswith("Unrecognised configuration name"):
        return message
    names = [name for name, _ in SpecConfig._schema]
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    return f"{message} (did you mean '{close[0]}'?)" if close else message


def matcher_for(options: SpecConfig, profile: MarkdownProfile) -> Matcher:
    """The engine's page matcher for these options. Raises TemplateError on a broken template
    or a rule naming an unknown one."""
    folder = Path(options.templates_dir) if options.templates_dir else None
    registry = load_registry(folder, profile)
    rules = [
        Rule(r["glob"], r["template"], tuple(r["exclude"]))
        for r in options.rules
        if r["glob"] and r["template"]
    ]
    return Matcher(registry, options.key, rules, options.skip_status, options.skip_status_judged)
