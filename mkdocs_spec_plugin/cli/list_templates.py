"""`mkdocs-spec templates`: every template, where it comes from, and its section tree."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..engine.fields import FieldSpec
from ..engine.model import Template, TemplateSection
from ..engine.templates import TemplateRegistry
from .context import UsageError, add_command, fail, load_context

EXAMPLES = """examples:
  mkdocs-spec templates
  mkdocs-spec templates --format json"""


def add_parser(commands: argparse._SubParsersAction, name: str) -> None:
    parser = add_command(
        commands,
        name,
        "list the templates with their sections",
        "List every template (built-in and from templates_dir), every version of a versioned "
        "one (oldest first; the newest is what a bare id names), with its source and section "
        "tree. '*' marks a wildcard slot (one or more headings of any title), '=' a page "
        "metadata field.",
        EXAMPLES,
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _section(slot: TemplateSection) -> dict[str, Any]:
    return {
        "title": slot.title,
        "titles": list(slot.titles),
        "wildcard": slot.wildcard,
        "optional": slot.optional,
        "optional_by": slot.optional_by,
        "names": sorted(slot.names),
        "children": [_section(c) for c in slot.children],
    }


def _template(template: Template, newest: bool = True) -> dict[str, Any]:
    return {
        "id": template.id,
        "version": template.version,
        "ref": template.ref,
        "newest": newest,
        "name": template.name,
        "description": template.description,
        "source": template.source,
        "extends": template.extends,
        "title": template.title,
        "sections": [_section(s) for s in template.sections],
        "fields": [_field(f) for f in template.fields],
    }


def every_template(registry: TemplateRegistry) -> list[Template]:
    """Every template and version, by id, each id's versions oldest first."""
    return sorted(registry.every(), key=lambda t: t.id)


def _field(spec: FieldSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "type": spec.type,
        "required": spec.required,
        "one_of": list(spec.values),
        "placeholder": spec.placeholder,
        "scored": spec.scored,
        "in_list": spec.label is not None,
    }


def _field_line(spec: FieldSpec) -> str:
    kind = f"one of {', '.join(spec.values)}" if spec.values else spec.type
    marks = [kind, "required" if spec.required else "optional"]
    if not spec.scored:
        marks.append("not scored")
    return f"  = {spec.name}  ({'; '.join(marks)})"


def _lines(slot: TemplateSection, depth: int, under_optional: bool = False) -> list[str]:
    marks = []
    if slot.wildcard:
        marks.append("one or more")
    if slot.name_pattern is not None:
        marks.append("pattern")
    if slot.optional:
        marks.append(f"optional: {slot.optional_by}")
    elif under_optional:
        marks.append("optional: under an optional section")
    label = ("* " if slot.wildcard else "- ") + " / ".join(slot.titles)
    line = "    " * depth + "  " + label + (f"  ({', '.join(marks)})" if marks else "")
    optional = under_optional or slot.optional
    children = [_lines(child, depth + 1, optional) for child in slot.children]
    return [line] + [text for lines in children for text in lines]


def run(args: argparse.Namespace) -> int:
    try:
        context = load_context(args)
    except UsageError as exc:
        return fail(str(exc))
    registry = context.registry
    templates = [(t, registry.newest(t) is t) for t in every_template(registry)]
    if args.format == "json":
        listed = [_template(t, newest) for t, newest in templates]
        json.dump({"templates": listed}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    for template, newest in templates:
        extends = f", extends {template.extends}" if template.extends else ""
        latest = f", newest: '{template.id}' names it" if newest and template.version else ""
        print(f"{template.ref}: {template.name} ({template.source}{extends}{latest})")
        if template.description:
            print(f"  {template.description}")
        for slot in template.sections:
            print("\n".join(_lines(slot, 0)))
        for spec in template.fields:
            print(_field_line(spec))
        print()
    return 0
