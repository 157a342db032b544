"""Page metadata fields, rule by rule: the `fields` schema of a template, each state a page's
value can be in, where the values are read from, and what `fix` adds. Table-driven, in-process;
the real command line and a real build are in `test_page_fields.py`."""

from __future__ import annotations

import datetime

import pytest

from mkdocs_spec_plugin.engine.fields import (
    FieldError,
    FieldSpec,
    additions,
    inherit,
    judge_fields,
    judge_value,
    key_of,
    parse_fields,
    yaml_line,
)
from mkdocs_spec_plugin.engine.front_matter import split_front_matter
from mkdocs_spec_plugin.engine.model import State
from mkdocs_spec_plugin.engine.text import DEFAULT_PLACEHOLDER_RE, DEFAULT_PLACEHOLDERS

STATUS = ["proposed", "accepted", "rejected", "deprecated", "superseded"]
SCHEMA = {
    "status": {"required": True, "one_of": STATUS},
    "date": {"required": True, "type": "date"},
    "decision-makers": {"type": "list"},
}
MADR2_BODY = (
    "# [title]\n\n* Status: [proposed | accepted] <!-- optional -->\n* Date: [YYYY-MM-DD]\n"
)


def _fields(schema=SCHEMA, body="", **meta):
    return parse_fields({"fields": schema, **meta}, body, DEFAULT_PLACEHOLDERS)


def _spec(name: str, body: str = "") -> FieldSpec:
    return next(f for f in _fields(body=body) if f.name == name)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("decision-makers", "decision makers"),
        ("Decision makers", "decision makers"),
        ("decision_makers", "decision makers"),
        ("  Status ", "status"),
    ],
)
def test_field_keys_match_whatever_the_case_and_separators(name, key):
    assert key_of(name) == key


def test_the_schema_reads_types_requirements_and_values():
    status, date, makers = _fields()
    assert (status.type, status.required, status.values) == ("one_of", True, tuple(STATUS))
    assert (date.type, date.required, date.placeholder) == ("date", True, "[YYYY-MM-DD]")
    assert (makers.type, makers.required, makers.placeholder) == (
        "list",
        False,
        "[decision-makers]",
    )
    assert status.placeholder == "[proposed | accepted | rejected | deprecated | superseded]"
    assert all(f.label is None and f.scored for f in (status, date, makers))


def test_placeholders_and_labels_come_from_the_template_s_own_writing():
    status, date, makers = _fields(body=MADR2_BODY)
    assert (status.label, status.placeholder) == ("Status", "[proposed | accepted]")
    assert (date.label, date.placeholder) == ("Date", "[YYYY-MM-DD]")
    assert makers.label is None
    # MADR 4 writes its fields in front matter: the template's own value is the placeholder.
    (written,) = _fields({"date": {"type": "date"}}, date={"YYYY-MM-DD when decided": None})
    assert written.placeholder == "{YYYY-MM-DD when decided}"
    (given,) = _fields({"date": {"placeholder": "<when>"}}, body=MADR2_BODY)
    assert given.placeholder == "<when>"


def test_score_fields_false_reports_without_scoring_and_is_inherited_or_overridden():
    parent = _fields(score_fields=False)
    assert not any(f.scored for f in parent)
    own = _fields({"date": {"type": "text"}, "owner": {"required": True}})
    merged = inherit(parent, own, None)
    assert [f.name for f in merged] == ["status", "date", "decision-makers", "owner"]
    assert [f.type for f in merged][1] == "text"  # the child's own spec wins by name
    assert all(f.scored for f in inherit(parent, own, True))


@pytest.mark.parametrize(
    ("schema", "problem"),
    [
        (["status"], "'fields' must map field names"),
        ({"status": "required"}, "field 'status' must be a mapping"),
        ({"status": {"requird": True}}, "unknown key 'requird' (did you mean 'required'?)"),
        ({"date": {"type": "datetime"}}, "type must be one of text, date, list, one_of"),
        ({"status": {"type": "one_of"}}, "type one_of needs 'one_of: [value, ...]'"),
        ({"status": {"one_of": "accepted"}}, "'one_of' must be a list of values"),
        ({"status": {"one_of": []}}, "'one_of' must be a list of values"),
        ({"date": {"type": "date", "one_of": ["x"]}}, "'one_of' goes with type one_of or list"),
        ({"date": {"required": "yes"}}, "'required' must be true or false"),
        ({"date": {"placeholder": 3}}, "'placeholder' must be text"),
        ({"Status": {}, "status": {}}, "fields 'Status' and 'status' are the same field"),
        ({5: {}}, "field name 5 must be text"),
    ],
)
def test_a_bad_schema_says_what_to_write(schema, problem):
    with pytest.raises(FieldError, match=None) as raised:
        _fields(schema)
    assert problem in str(raised.value)


def test_score_fields_must_be_true_or_false():
    with pytest.raises(FieldError, match="'score_fields' must be true or false"):
        _fields(score_fields="no")


@pytest.mark.parametrize(
    ("name", "value", "state", "code", "near"),
    [
        ("status", "accepted", State.COMPLETE, None, None),
        ("status", "Accepted", State.COMPLETE, None, None),
        ("status", "Superseded by [ADR-0005](0005.md)", State.COMPLETE, None, None),
        ("status", "**Deprecated**", State.COMPLETE, None, None),
        ("status", "acepted", State.INVALID, "not_one_of", "accepted"),
        ("status", "superseeded by ADR-5", State.INVALID, "not_one_of", "superseded"),
        ("status", "approved", State.INVALID, "not_one_of", None),
        ("status", "[proposed | accepted | rejected | deprecated | superseded]", State.UNFINISHED,
         "placeholder_only", None),
        ("status", "TBD", State.UNFINISHED, "todo_marker", None),
        ("status", "", State.UNFINISHED, "empty", None),
        ("status", None, State.UNFINISHED, "empty", None),
        ("status", ["proposed | accepted"], State.UNFINISHED, "placeholder_only", None),
        ("date", datetime.date(2021, 6, 1), State.COMPLETE, None, None),
        ("date", "2021-06-01", State.COMPLETE, None, None),
        ("date", "2021-06-01T10:00:00Z", State.COMPLETE, None, None),
        ("date", "2021-13-01", State.INVALID, "not_a_date", None),
        ("date", "June 2021", State.INVALID, "not_a_date", None),
        ("date", {"YYYY-MM-DD": None}, State.UNFINISHED, "placeholder_only", None),
        ("date", "{YYYY-MM-DD}", State.UNFINISHED, "placeholder_only", None),
        ("date", "<date of the decision>", State.UNFINISHED, "placeholder_only", None),
        ("date", {"year": 2021}, State.INVALID, "not_text", None),
        ("decision-makers", ["Ana", "Bo"], State.COMPLETE, None, None),
        ("decision-makers", "Ana, Bo", State.COMPLETE, None, None),
        ("decision-makers", {"list everyone involved": None}, State.UNFINISHED,
         "placeholder_only", None),
    ],
)  # fmt: skip
def test_a_value_is_complete_unfinished_or_invalid(name, value, state, code, near):
    found, cause, did_you_mean = judge_value(_spec(name), value, DEFAULT_PLACEHOLDER_RE)
    assert (found, cause.code if cause else None, did_you_mean) == (state, code, near)


def test_a_list_field_with_values_checks_each_item():
    (teams,) = _fields({"teams": {"type": "list", "one_of": ["api", "web"]}})
    assert judge_value(teams, ["api", "Web"], DEFAULT_PLACEHOLDER_RE)[0] is State.COMPLETE
    state, cause, near = judge_value(teams, "api, webb", DEFAULT_PLACEHOLDER_RE)
    assert (state, cause.args["value"], near) == (State.INVALID, "webb", "web")


PAGE_MADR2 = "# Use X\n\n- Status: accepted\n* Date: 2021-06-01\n- Decision makers: Ana\n\n## A\n"


@pytest.mark.parametrize(
    ("meta", "body", "template_body", "states"),
    [
        # MADR 2: the list under the title, read because the template writes its fields there
        ({}, PAGE_MADR2, MADR2_BODY, ["complete", "complete", "complete"]),
        # ... and never when it does not: a list of the page is the page's own text
        ({}, PAGE_MADR2, "", ["missing", "missing", "missing"]),
        # MADR 4: front matter, keys matched loosely; front matter wins over the list
        (
            {"Status": "accepted", "date": datetime.date(2021, 6, 1), "decision_makers": ["A"]},
            "# T\n\n* Status: acepted\n",
            MADR2_BODY,
            ["complete", "complete", "complete"],
        ),
        ({"status": "acepted"}, "", "", ["invalid", "missing", "missing"]),
    ],
)
def test_values_are_read_from_front_matter_and_the_metadata_list(meta, body, template_body, states):
    fields = _fields(body=template_body)
    verdicts = judge_fields(fields, DEFAULT_PLACEHOLDER_RE, meta, body)
    assert [v.state.value for v in verdicts] == states
    assert all(v.line is None for v in verdicts)  # no source given: no lines


def test_lines_point_at_the_value_or_where_fix_adds_it():
    text = "---\nspec: adr\nstatus: acepted\n---\n\n# T\n\n* Date: 2021-06-01\n\nText.\n"
    document = split_front_matter(text)
    fields = _fields(body=MADR2_BODY)
    status, date, makers = judge_fields(
        fields, DEFAULT_PLACEHOLDER_RE, document.meta, document.body, document
    )
    assert (status.line, date.line, makers.line) == (3, 8, 8)
    document = split_front_matter("---\nspec: adr\n---\n\n# T\n")
    assert judge_fields(_fields(), DEFAULT_PLACEHOLDER_RE, {}, document.body, document)[0].line == 3


@pytest.mark.parametrize(
    ("text", "template_body", "expected"),
    [
        # into the page's list, with its marker, after its last item
        ("---\nspec: a\n---\n\n# T\n\n- Status: accepted\n\nText.\n", MADR2_BODY,
         [(8, ["- Date: [YYYY-MM-DD]"], True)]),
        # a new list under the title, when the template writes one
        ("---\nspec: a\n---\n\n# T\n\nText.\n", MADR2_BODY,
         [(6, ["* Status: [proposed | accepted]", "* Date: [YYYY-MM-DD]"], False)]),
        # into the front matter, before its closing line, quoted for YAML
        ("---\nspec: a\n---\n\n# T\n", "",
         [(3, ["status: '[proposed | accepted | rejected | deprecated | superseded]'",
               "date: '[YYYY-MM-DD]'"], True)]),
        # new front matter at the top of a page without any
        ("# T\n", "", [(1, ["---", "status: '[proposed | accepted | rejected | deprecated | "
                            "superseded]'", "date: '[YYYY-MM-DD]'", "---"], True)]),
        # MultiMarkdown metadata takes no YAML: nothing added
        ("Spec: a\n\n# T\n", "", []),
    ],
)  # fmt: skip
def test_fix_adds_missing_required_fields_in_the_page_s_style(text, template_body, expected):
    fields = _fields(body=template_body)
    document = split_front_matter(text)
    verdicts = judge_fields(fields, DEFAULT_PLACEHOLDER_RE, document.meta, document.body, document)
    found = [(a.before, a.lines, a.tight) for a in additions(fields, verdicts, document)]
    assert found == expected


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("{YYYY-MM-DD}", "date: '{YYYY-MM-DD}'"),
        ("[a | b]", "date: '[a | b]'"),
        ("plain words", "date: plain words"),
        ("it's: here", "date: 'it''s: here'"),
    ],
)
def test_front_matter_lines_are_yaml_safe(value, line):
    assert yaml_line("date", value) == line


def test_a_yaml_alias_bomb_as_a_value_is_judged_at_once():
    nested: list = ["lol"] * 9
    for _ in range(8):
        nested = [nested] * 9  # 9**9 strings, written out
    state, cause, _ = judge_value(_spec("status"), nested, DEFAULT_PLACEHOLDER_RE)
    assert state is not State.COMPLETE and len(cause.args["text"]) < 10_000
    (makers,) = judge_fields(
        [_spec("decision-makers")], DEFAULT_PLACEHOLDER_RE, {"decision-makers": nested}, ""
    )
    assert len(makers.value) < 10_000


@pytest.mark.parametrize(
    "line",
    ["* Status: accepted", "- **Status**: accepted", "* **Status:** accepted", "Status: accepted"],
)
def test_a_metadata_list_key_may_be_bold(line):
    fields = _fields(body=MADR2_BODY)
    body = f"# T\n\n{line}\n"
    assert judge_fields(fields, DEFAULT_PLACEHOLDER_RE, {}, body)[0].state is State.COMPLETE


def test_an_adr_tools_record_writes_its_date_on_a_line_of_its_own():
    template = "# NUMBER. TITLE\n\nDate: [YYYY-MM-DD]\n\n## Status\n\nSTATUS\n"
    (date,) = _fields({"date": {"required": True, "type": "date"}}, body=template)
    assert (date.label, date.placeholder) == ("Date", "[YYYY-MM-DD]")
    page = "# 1. Record decisions\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n"
    assert judge_fields([date], DEFAULT_PLACEHOLDER_RE, {}, page)[0].state is State.COMPLETE
    # `fix` adds a missing field as a line of its own too, after the record's other lines.
    document = split_front_matter("# 1. Record decisions\n\nAuthor: Ana\n\n## Status\n")
    (other,) = _fields({"author": {}, "date": {"required": True, "type": "date"}}, body=template)[
        1:
    ]
    verdicts = judge_fields([other], DEFAULT_PLACEHOLDER_RE, {}, document.body, document)
    added = additions([other], verdicts, document)
    assert [(a.before, a.lines) for a in added] == [(4, ["Date: [YYYY-MM-DD]"])]


@pytest.mark.parametrize(
    "front", ["status: &a [*a]", "status: !!binary aGk=", "status: {a: &b [*b]}", "? [x]\n: y"]
)
def test_hostile_front_matter_values_are_judged_never_crash(front):
    document = split_front_matter(f"---\n{front}\n---\n\n# T\n")
    fields = _fields()
    verdicts = judge_fields(fields, DEFAULT_PLACEHOLDER_RE, document.meta, document.body, document)
    assert [v.name for v in verdicts] == ["status", "date", "decision-makers"]
