"""Italian."""

PLURAL = "one"
GROUP = "."  # between thousands

STRINGS = {
    "badge": {
        "one": "Spec {percent} · {complete} di {count} sezione",
        "other": "Spec {percent} · {complete} di {count} sezioni",
    },
    "badge_title": {
        "one": "{template}: {complete} di {count} sezione obbligatoria completa",
        "other": "{template}: {complete} di {count} sezioni obbligatorie complete",
    },
    "heading_gaps": "{counts} — modello: {template}",
    "heading_complete": "Tutte le sezioni sono complete — modello: {template}",
    "count_missing": {"one": "{count} mancante", "other": "{count} mancanti"},
    "count_unfinished": {"one": "{count} incompleta", "other": "{count} incomplete"},
    "list_separator": ", ",
    "state_missing": "mancante",
    "state_unfinished": "incompleta",
    "state_optional": "{state} (facoltativa)",
    "did_you_mean": "forse intendevi {name}?",
    "reason_empty": "vuota",
    "reason_only_template_text": "per ora solo testo del modello",
    "reason_placeholder_only": "per ora solo {text}",
    "reason_todo_marker": "per ora solo {text}",
    "reason_template_text": "testo del modello non sostituito: {text}",
    "reason_placeholder_heading": "il titolo {heading} è ancora un segnaposto",
    "reason_missing_under": "mancante in {under}",
    "reason_under": "in {under}: {reason}",
    "notice_out_of_order": "{section} viene prima di {after}; il modello la prevede dopo",
    "report_title": "Report Spec",
    "report_pages": {"one": "{count} pagina Spec", "other": "{count} pagine Spec"},
    "report_complete": {"one": "{count} completa", "other": "{count} complete"},
    "report_summary": "{pages}, {complete}; punteggio medio: {average}.",
    "report_sort_hint": "Seleziona l’intestazione di una colonna per ordinare.",
    "report_column_page": "Pagina",
    "report_column_template": "Modello",
    "report_column_score": "Punteggio",
    "report_column_complete": "Complete",
    "report_column_missing": "Mancanti",
    "report_column_unfinished": "Incomplete",
    "report_of": "{complete} di {count}",
    "percent": "{value}%",
}
