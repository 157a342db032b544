"""French: 0 and 1 take the singular; a no-break space before `:`, a narrow one before `;?` and
`%`, as French typography has them."""

PLURAL = "zero_one"
GROUP = "\u202f"  # between thousands

STRINGS = {
    "badge": {
        "one": "Spec {percent} · {complete} sur {count} section",
        "other": "Spec {percent} · {complete} sur {count} sections",
    },
    "badge_title": {
        "one": "{template}\u00a0: {complete} sur {count} section obligatoire complète",
        "other": "{template}\u00a0: {complete} sur {count} sections obligatoires complètes",
    },
    "heading_gaps": "{counts} — modèle\u00a0: {template}",
    "heading_complete": "Toutes les sections sont complètes — modèle\u00a0: {template}",
    "template_best": "{template} (le plus proche parmi {choices})",
    "count_missing": {"one": "{count} manquante", "other": "{count} manquantes"},
    "count_unfinished": {"one": "{count} incomplète", "other": "{count} incomplètes"},
    "list_separator": ", ",
    "state_missing": "manquante",
    "state_unfinished": "incomplète",
    "state_optional": "{state} (facultative)",
    "did_you_mean": "vouliez-vous dire {name}\u202f?",
    "reason_empty": "vide",
    "reason_only_template_text": "seulement le texte du modèle pour l’instant",
    "reason_placeholder_only": "seulement {text} pour l’instant",
    "reason_todo_marker": "seulement {text} pour l’instant",
    "reason_template_text": "texte du modèle laissé tel quel\u00a0: {text}",
    "reason_placeholder_heading": "le titre {heading} est encore un espace réservé",
    "reason_missing_under": "manquante sous {under}",
    "reason_under": "sous {under}\u00a0: {reason}",
    "notice_out_of_order": "{section} précède {after}\u202f; le modèle la place après",
    "report_title": "Rapport Spec",
    "report_pages": {"one": "{count} page Spec", "other": "{count} pages Spec"},
    "report_complete": {"one": "dont {count} complète", "other": "dont {count} complètes"},
    "report_summary": "{pages}, {complete}\u202f; score moyen {average}.",
    "report_sort_hint": "Sélectionnez un en-tête de colonne pour trier.",
    "report_column_page": "Page",
    "report_column_template": "Modèle",
    "report_column_score": "Score",
    "report_column_complete": "Complètes",
    "report_column_missing": "Manquantes",
    "report_column_unfinished": "Incomplètes",
    "report_of": "{complete} sur {count}",
    "report_title_site": "Rapport Spec\u00a0: {site}",
    "report_table_intro": "Toutes les pages Spec, du score le plus bas au plus haut.",
    "pages": {"one": "{count} page", "other": "{count} pages"},
    "report_gap": "{section} ({template})\u00a0: {pages}",
    "chart_spread": "Répartition des scores",
    "chart_templates": "Scores par modèle",
    "chart_gaps": "Les sections le plus souvent laissées en suspens",
    "chart_score_axis": "score (\u202f%)",
    "chart_bin": "{range}\u00a0: {pages}",
    "chart_spread_text": "Scores de {pages}\u00a0: {bins}.",
    "chart_template_text": (
        "{template}\u00a0: {pages}, moyenne {average}, de {low} à {high}, "
        "la moitié entre {quartile1} et {quartile3}"
    ),
    "chart_gap_text": (
        "{section} ({template})\u00a0: manquante sur {missing}, incomplète sur {unfinished}"
    ),
    "chart_gaps_none": "Aucune section n’est en suspens.",
    "filter_template": "Modèle",
    "filter_pages": "Pages",
    "filter_all": "toutes",
    "filter_missing": "avec des sections manquantes",
    "filter_unfinished": "avec des sections incomplètes",
    "filter_complete": "complètes",
    "filter_below": "Sous {input}\u202f%",
    "filter_shown": "{shown} sur {total} pages",
    # Page metadata fields (a template's `fields`)
    "badge_fields": {
        "one": "Spec {percent} · {complete} sur {count} section ou champ",
        "other": "Spec {percent} · {complete} sur {count} sections et champs",
    },
    "badge_title_fields": {
        "one": "{template}\xa0: {complete} sur {count} section ou champ requis complet",
        "other": "{template}\xa0: {complete} sur {count} sections et champs requis complets",
    },
    "count_invalid": {"one": "{count} invalide", "other": "{count} invalides"},
    "fields_heading": "Champs de la page",
    "field_missing": "manquant",
    "field_unfinished": "incomplet",
    "field_invalid": "invalide",
    "field_optional": "{state} (facultatif)",
    "field_not_scored": "{state} (non compté)",
    "reason_not_a_date": "{value} n’est pas une date (AAAA-MM-JJ)",
    "reason_not_one_of": "{value} n’est pas l’une des valeurs\xa0: {values}",
    "reason_not_text": "{value} n’est pas une valeur unique",
    "percent": "{value}\u202f%",  # with a narrow no-break space
}
