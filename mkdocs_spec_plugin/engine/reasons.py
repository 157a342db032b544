"""Why a section falls short, as a stable code and the words a sentence about it needs.

`check`'s text output and the JSON's `reason` speak English (`Reason.text`); the JSON's
`reason_code` and `reason_params` let tools act on a reason, and the plugin words it in the site's
language from its catalogue (`mkdocs_spec_plugin.locales`). A code, once published, is never
renamed: tools match on it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

# Unfinished: the section is there but holds nothing of the author's.
EMPTY = "empty"  # no text at all
ONLY_TEMPLATE_TEXT = "only_template_text"  # only lines copied from the template's guidance
PLACEHOLDER_ONLY = "placeholder_only"  # only placeholders or markup; `text`: the first line
TODO_MARKER = "todo_marker"  # only a to-do marker (`TBD`, `TODO: ...`); `text`: the first line
TEMPLATE_TEXT = "template_text"  # a placeholder line of the template's kept; `text`: that line
PLACEHOLDER_HEADING = "placeholder_heading"  # the heading is the template's; `heading`: as shown
# Missing: no heading names the section.
ABSENT = "absent"
NEAR_MISS = "near_miss"  # ... but one nearly does; `did_you_mean`: that heading
MISSING_UNDER = "missing_under"  # a wildcard run's subsection, missing under `under`
# Invalid: a page metadata field's value is not allowed; `value`: as the page gives it.
NOT_A_DATE = "not_a_date"
NOT_ONE_OF = "not_one_of"  # `values`: the allowed ones; `did_you_mean` when one is close
NOT_TEXT = "not_text"  # a mapping where a value goes
# A notice on the page: `section` is written before `after`, which the template puts first.
OUT_OF_ORDER = "out_of_order"

UNFINISHED_CODES = (
    EMPTY,
    ONLY_TEMPLATE_TEXT,
    PLACEHOLDER_ONLY,
    TODO_MARKER,
    TEMPLATE_TEXT,
    PLACEHOLDER_HEADING,
)
MISSING_CODES = (ABSENT, NEAR_MISS, MISSING_UNDER)

# The English sentences of `check` and the JSON `reason`, unchanged from before there were codes.
ENGLISH = {
    EMPTY: "empty",
    ONLY_TEMPLATE_TEXT: "only template text so far",
    PLACEHOLDER_ONLY: "only '{text}' so far",
    TODO_MARKER: "only '{text}' so far",
    TEMPLATE_TEXT: "template text left in place: {text}",
    PLACEHOLDER_HEADING: "the heading '{heading}' is still a placeholder",
    MISSING_UNDER: "missing under '{under}'",
    NOT_A_DATE: "'{value}' is not a date (YYYY-MM-DD)",
    NOT_ONE_OF: "'{value}' is not one of: {values}",
    NOT_TEXT: "'{value}' is not a single value",
    OUT_OF_ORDER: "'{section}' comes before '{after}'; the template puts it after",
}


class Reason(NamedTuple):
    """A code with its parameters. `under` holds the headings of the wildcard runs the section
    falls short under, the outermost first (`### Redis` of `[Component N]`)."""

    code: str
    params: tuple[tuple[str, str], ...] = ()
    under: tuple[str, ...] = ()

    @classmethod
    def of(cls, code: str, **params: str) -> Reason:
        return cls(code, tuple(params.items()))

    @property
    def args(self) -> dict[str, str]:
        return dict(self.params)

    def inside(self, heading: str) -> Reason:
        """The reason of a run's subsection judged under `heading`. A missing one is missing
        under the outermost run only, as its English sentence has always said."""
        if self.code in MISSING_CODES:
            code = NEAR_MISS if self.code == NEAR_MISS else MISSING_UNDER
            return self._replace(code=code, under=(heading,))
        return self._replace(under=(heading, *self.under))

    def near(self, heading: str) -> Reason:
        """A missing section that a heading nearly names."""
        return self._replace(code=NEAR_MISS, params=(("did_you_mean", heading),))

    @property
    def text(self) -> str | None:
        """The reason in English, as `check` and the JSON `reason` say it; None for a missing
        section outside a run (its state says it all; a near miss is in `did_you_mean`)."""
        if self.code in MISSING_CODES:
            return ENGLISH[MISSING_UNDER].format(under=self.under[0]) if self.under else None
        words = ENGLISH[self.code].format(**self.args)
        return "".join(f"under '{heading}': " for heading in self.under) + words

    def as_params(self) -> dict[str, Any]:
        """The JSON's `reason_params`: the parameters, and `under` when in a run."""
        params: dict[str, Any] = self.args
        if self.under:
            params["under"] = list(self.under)
        return params
