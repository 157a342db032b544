"""German."""

PLURAL = "one"
GROUP = "."  # between thousands

STRINGS = {
    "badge": {
        "one": "Spec {percent} · {complete} von {count} Abschnitt",
        "other": "Spec {percent} · {complete} von {count} Abschnitten",
    },
    "badge_title": {
        "one": "{template}: {complete} von {count} Pflichtabschnitt vollständig",
        "other": "{template}: {complete} von {count} Pflichtabschnitten vollständig",
    },
    "heading_gaps": "{counts} — Vorlage: {template}",
    "heading_complete": "Alle Abschnitte vollständig — Vorlage: {template}",
    "count_missing": {"one": "{count} fehlt", "other": "{count} fehlen"},
    "count_unfinished": {"one": "{count} unvollständig", "other": "{count} unvollständig"},
    "list_separator": ", ",
    "state_missing": "fehlt",
    "state_unfinished": "unvollständig",
    "state_optional": "{state} (optional)",
    "did_you_mean": "meinten Sie {name}?",
    "reason_empty": "leer",
    "reason_only_template_text": "bisher nur Text aus der Vorlage",
    "reason_placeholder_only": "bisher nur {text}",
    "reason_todo_marker": "bisher nur {text}",
    "reason_template_text": "Vorlagentext nicht ersetzt: {text}",
    "reason_placeholder_heading": "die Überschrift {heading} ist noch ein Platzhalter",
    "reason_missing_under": "fehlt unter {under}",
    "reason_under": "unter {under}: {reason}",
    "notice_out_of_order": "{section} steht vor {after}; in der Vorlage folgt der Abschnitt danach",
    "report_title": "Spec-Bericht",
    "report_pages": {"one": "{count} Spec-Seite", "other": "{count} Spec-Seiten"},
    "report_complete": {"one": "davon {count} vollständig", "other": "davon {count} vollständig"},
    "report_summary": "{pages}, {complete}; durchschnittliche Bewertung {average}.",
    "report_sort_hint": "Zum Sortieren eine Spaltenüberschrift auswählen.",
    "report_column_page": "Seite",
    "report_column_template": "Vorlage",
    "report_column_score": "Bewertung",
    "report_column_complete": "Vollständig",
    "report_column_missing": "Fehlend",
    "report_column_unfinished": "Unvollständig",
    "report_of": "{complete} von {count}",
    "percent": "{value}\u00a0%",  # with a no-break space (DIN 5008)
}
