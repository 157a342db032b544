"""English: the catalogue every other one is held to (same keys, same parameters)."""

PLURAL = "one"
GROUP = ","  # between thousands

STRINGS = {
    # The badge, also the navigation's status tooltip (Material)
    "badge": {
        "one": "Spec {percent} · {complete} of {count} section",
        "other": "Spec {percent} · {complete} of {count} sections",
    },
    "badge_title": {
        "one": "{template}: {complete} of {count} required section complete",
        "other": "{template}: {complete} of {count} required sections complete",
    },
    # The admonition's heading
    "heading_gaps": "{counts} — template: {template}",
    "heading_complete": "All sections complete — template: {template}",
    # A page that may follow several templates: the one it follows best
    "template_best": "{template} (best match of {choices})",
    "count_missing": {"one": "{count} missing", "other": "{count} missing"},
    "count_unfinished": {"one": "{count} unfinished", "other": "{count} unfinished"},
    "list_separator": ", ",
    # One gap: its state, then why ({heading}, {text}, {under}... are quoted by the page)
    "state_missing": "missing",
    "state_unfinished": "unfinished",
    "state_optional": "{state} (optional)",
    "did_you_mean": "did you mean {name}?",
    "reason_empty": "empty",
    "reason_only_template_text": "only template text so far",
    "reason_placeholder_only": "only {text} so far",
    "reason_todo_marker": "only {text} so far",
    "reason_template_text": "template text left in place: {text}",
    "reason_placeholder_heading": "the heading {heading} is still a placeholder",
    "reason_missing_under": "missing under {under}",
    "reason_under": "under {under}: {reason}",
    "notice_out_of_order": "{section} comes before {after}; the template puts it after",
    # The site report page
    "report_title": "Spec report",
    "report_pages": {"one": "{count} spec page", "other": "{count} spec pages"},
    "report_complete": {"one": "{count} complete", "other": "{count} complete"},
    "report_summary": "{pages}, {complete}; average score {average}.",
    "report_sort_hint": "Select a column heading to sort.",
    "report_column_page": "Page",
    "report_column_template": "Template",
    "report_column_score": "Score",
    "report_column_complete": "Complete",
    "report_column_missing": "Missing",
    "report_column_unfinished": "Unfinished",
    "report_of": "{complete} of {count}",
    "report_title_site": "Spec report: {site}",
    "report_table_intro": "Every spec page, lowest score first.",
    "pages": {"one": "{count} page", "other": "{count} pages"},
    "report_gap": "{section} ({template}): {pages}",
    # The report's charts: titles, words on them, and what each says to a screen reader
    "chart_spread": "Spread of scores",
    "chart_templates": "Scores by template",
    "chart_gaps": "Sections most often left undone",
    "chart_score_axis": "score (%)",
    "chart_bin": "{range}: {pages}",
    "chart_spread_text": "Scores of {pages}: {bins}.",
    "chart_template_text": (
        "{template}: {pages}, average {average}, from {low} to {high}, "
        "half of them between {quartile1} and {quartile3}"
    ),
    "chart_gap_text": "{section} ({template}): missing on {missing}, unfinished on {unfinished}",
    "chart_gaps_none": "No section is left undone.",
    # The report's filters
    "filter_template": "Template",
    "filter_pages": "Pages",
    "filter_all": "all",
    "filter_missing": "with missing sections",
    "filter_unfinished": "with unfinished sections",
    "filter_complete": "complete",
    "filter_below": "Below {input}%",
    "filter_shown": "{shown} of {total} pages",
    # Page metadata fields (a template's `fields`)
    "badge_fields": {
        "one": "Spec {percent} · {complete} of {count} section or field",
        "other": "Spec {percent} · {complete} of {count} sections and fields",
    },
    "badge_title_fields": {
        "one": "{template}: {complete} of {count} required section or field complete",
        "other": "{template}: {complete} of {count} required sections and fields complete",
    },
    "count_invalid": {"one": "{count} invalid", "other": "{count} invalid"},
    "fields_heading": "Page fields",
    "field_missing": "missing",
    "field_unfinished": "unfinished",
    "field_invalid": "invalid",
    "field_optional": "{state} (optional)",
    "field_not_scored": "{state} (not scored)",
    "reason_not_a_date": "{value} is not a date (YYYY-MM-DD)",
    "reason_not_one_of": "{value} is not one of: {values}",
    "reason_not_text": "{value} is not a single value",
    # Numbers
    "percent": "{value}%",
}
