"""Portuguese, as written in Brazil (0 and 1 take the singular); European Portuguese readers get
it too until a `pt_PT` catalogue exists."""

PLURAL = "zero_one"
GROUP = "."  # between thousands

STRINGS = {
    "badge": {
        "one": "Spec {percent} · {complete} de {count} seção",
        "other": "Spec {percent} · {complete} de {count} seções",
    },
    "badge_title": {
        "one": "{template}: {complete} de {count} seção obrigatória completa",
        "other": "{template}: {complete} de {count} seções obrigatórias completas",
    },
    "heading_gaps": "{counts} — modelo: {template}",
    "heading_complete": "Todas as seções estão completas — modelo: {template}",
    "count_missing": {"one": "{count} ausente", "other": "{count} ausentes"},
    "count_unfinished": {"one": "{count} incompleta", "other": "{count} incompletas"},
    "list_separator": ", ",
    "state_missing": "ausente",
    "state_unfinished": "incompleta",
    "state_optional": "{state} (opcional)",
    "did_you_mean": "você quis dizer {name}?",
    "reason_empty": "vazia",
    "reason_only_template_text": "por enquanto, só o texto do modelo",
    "reason_placeholder_only": "por enquanto, só {text}",
    "reason_todo_marker": "por enquanto, só {text}",
    "reason_template_text": "texto do modelo não substituído: {text}",
    "reason_placeholder_heading": "o título {heading} ainda é um espaço reservado",
    "reason_missing_under": "ausente em {under}",
    "reason_under": "em {under}: {reason}",
    "notice_out_of_order": "{section} vem antes de {after}; o modelo a coloca depois",
    "report_title": "Relatório Spec",
    "report_pages": {"one": "{count} página Spec", "other": "{count} páginas Spec"},
    "report_complete": {"one": "{count} completa", "other": "{count} completas"},
    "report_summary": "{pages}, {complete}; pontuação média: {average}.",
    "report_sort_hint": "Selecione o cabeçalho de uma coluna para ordenar.",
    "report_column_page": "Página",
    "report_column_template": "Modelo",
    "report_column_score": "Pontuação",
    "report_column_complete": "Completas",
    "report_column_missing": "Ausentes",
    "report_column_unfinished": "Incompletas",
    "report_of": "{complete} de {count}",
    "percent": "{value}%",
}
