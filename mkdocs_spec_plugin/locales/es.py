"""Spanish."""

PLURAL = "one"
GROUP = "."  # between thousands, from 10 000 up (CLDR: minimum grouping digits 2)
MIN_GROUPING = 2

STRINGS = {
    "badge": {
        "one": "Spec {percent} · {complete} de {count} sección",
        "other": "Spec {percent} · {complete} de {count} secciones",
    },
    "badge_title": {
        "one": "{template}: {complete} de {count} sección obligatoria completa",
        "other": "{template}: {complete} de {count} secciones obligatorias completas",
    },
    "heading_gaps": "{counts} — plantilla: {template}",
    "heading_complete": "Todas las secciones están completas — plantilla: {template}",
    "template_best": "{template} (la que mejor encaja de {choices})",
    "count_missing": {"one": "{count} ausente", "other": "{count} ausentes"},
    "count_unfinished": {"one": "{count} incompleta", "other": "{count} incompletas"},
    "list_separator": ", ",
    "state_missing": "ausente",
    "state_unfinished": "incompleta",
    "state_optional": "{state} (opcional)",
    "did_you_mean": "¿quiso decir {name}?",
    "reason_empty": "vacía",
    "reason_only_template_text": "por ahora solo texto de la plantilla",
    "reason_placeholder_only": "por ahora solo {text}",
    "reason_todo_marker": "por ahora solo {text}",
    "reason_template_text": "texto de la plantilla sin reemplazar: {text}",
    "reason_placeholder_heading": "el título {heading} sigue siendo un marcador de posición",
    "reason_missing_under": "ausente en {under}",
    "reason_under": "en {under}: {reason}",
    "notice_out_of_order": "{section} aparece antes de {after}; la plantilla la coloca después",
    "report_title": "Informe de Spec",
    "report_pages": {"one": "{count} página Spec", "other": "{count} páginas Spec"},
    "report_complete": {"one": "{count} completa", "other": "{count} completas"},
    "report_summary": "{pages}, {complete}; puntuación media: {average}.",
    "report_sort_hint": "Seleccione el encabezado de una columna para ordenar.",
    "report_column_page": "Página",
    "report_column_template": "Plantilla",
    "report_column_score": "Puntuación",
    "report_column_complete": "Completas",
    "report_column_missing": "Ausentes",
    "report_column_unfinished": "Incompletas",
    "report_of": "{complete} de {count}",
    "report_title_site": "Informe de Spec: {site}",
    "report_table_intro": "Todas las páginas Spec, de menor a mayor puntuación.",
    "pages": {"one": "{count} página", "other": "{count} páginas"},
    "report_gap": "{section} ({template}): {pages}",
    "chart_spread": "Distribución de las puntuaciones",
    "chart_templates": "Puntuaciones por plantilla",
    "chart_gaps": "Secciones que más a menudo quedan pendientes",
    "chart_score_axis": "puntuación (%)",
    "chart_bin": "{range}: {pages}",
    "chart_spread_text": "Puntuaciones de {pages}: {bins}.",
    "chart_template_text": (
        "{template}: {pages}, media {average}, de {low} a {high}, "
        "la mitad entre {quartile1} y {quartile3}"
    ),
    "chart_gap_text": "{section} ({template}): ausente en {missing}, incompleta en {unfinished}",
    "chart_gaps_none": "No queda ninguna sección pendiente.",
    "filter_template": "Plantilla",
    "filter_pages": "Páginas",
    "filter_all": "todas",
    "filter_missing": "con secciones ausentes",
    "filter_unfinished": "con secciones incompletas",
    "filter_complete": "completas",
    "filter_below": "Por debajo del {input}\u00a0%",
    "filter_shown": "{shown} de {total} páginas",
    "percent": "{value}\u00a0%",  # with a no-break space, as CLDR and the RAE write it
}
