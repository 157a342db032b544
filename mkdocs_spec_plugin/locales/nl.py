"""Dutch."""

PLURAL = "one"
GROUP = "."  # between thousands

STRINGS = {
    "badge": {
        "one": "Spec {percent} · {complete} van {count} sectie",
        "other": "Spec {percent} · {complete} van {count} secties",
    },
    "badge_title": {
        "one": "{template}: {complete} van {count} verplichte sectie compleet",
        "other": "{template}: {complete} van {count} verplichte secties compleet",
    },
    "heading_gaps": "{counts} — sjabloon: {template}",
    "heading_complete": "Alle secties zijn compleet — sjabloon: {template}",
    "count_missing": {"one": "{count} ontbreekt", "other": "{count} ontbreken"},
    "count_unfinished": {"one": "{count} onvoltooid", "other": "{count} onvoltooid"},
    "list_separator": ", ",
    "state_missing": "ontbreekt",
    "state_unfinished": "onvoltooid",
    "state_optional": "{state} (optioneel)",
    "did_you_mean": "bedoelde u {name}?",
    "reason_empty": "leeg",
    "reason_only_template_text": "tot nu toe alleen tekst uit het sjabloon",
    "reason_placeholder_only": "tot nu toe alleen {text}",
    "reason_todo_marker": "tot nu toe alleen {text}",
    "reason_template_text": "sjabloontekst niet vervangen: {text}",
    "reason_placeholder_heading": "de kop {heading} is nog een tijdelijke aanduiding",
    "reason_missing_under": "ontbreekt onder {under}",
    "reason_under": "onder {under}: {reason}",
    "notice_out_of_order": "{section} staat vóór {after}; in het sjabloon komt deze sectie erna",
    "report_title": "Spec-rapport",
    "report_pages": {"one": "{count} spec-pagina", "other": "{count} spec-pagina’s"},
    "report_complete": {"one": "{count} compleet", "other": "{count} compleet"},
    "report_summary": "{pages}, {complete}; gemiddelde score {average}.",
    "report_sort_hint": "Selecteer een kolomkop om te sorteren.",
    "report_column_page": "Pagina",
    "report_column_template": "Sjabloon",
    "report_column_score": "Score",
    "report_column_complete": "Compleet",
    "report_column_missing": "Ontbrekend",
    "report_column_unfinished": "Onvoltooid",
    "report_of": "{complete} van {count}",
    "percent": "{value}%",
}
