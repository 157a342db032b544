"""Polish: one (1), few (2-4, 22-24, ... but not 12-14) and many (0, 5-21, 25-31, ...)."""

PLURAL = "polish"
GROUP = "\u00a0"  # between thousands, from 10 000 up (CLDR: minimum grouping digits 2)
MIN_GROUPING = 2

STRINGS = {
    # After "z" (of) the noun is genitive: "1 z 1 sekcji", "7 z 12 sekcji".
    "badge": {
        "one": "Spec {percent} · {complete} z {count} sekcji",
        "few": "Spec {percent} · {complete} z {count} sekcji",
        "many": "Spec {percent} · {complete} z {count} sekcji",
    },
    "badge_title": {
        "one": "{template}: ukończono {complete} z {count} wymaganej sekcji",
        "few": "{template}: ukończono {complete} z {count} wymaganych sekcji",
        "many": "{template}: ukończono {complete} z {count} wymaganych sekcji",
    },
    "heading_gaps": "{counts} — szablon: {template}",
    "heading_complete": "Wszystkie sekcje są kompletne — szablon: {template}",
    "template_best": "{template} (najlepiej pasujący spośród {choices})",
    "count_missing": {
        "one": "{count} brakująca",
        "few": "{count} brakujące",
        "many": "{count} brakujących",
    },
    "count_unfinished": {
        "one": "{count} niedokończona",
        "few": "{count} niedokończone",
        "many": "{count} niedokończonych",
    },
    "list_separator": ", ",
    "state_missing": "brakująca",
    "state_unfinished": "niedokończona",
    "state_optional": "{state} (opcjonalna)",
    "did_you_mean": "czy chodziło o {name}?",
    "reason_empty": "pusta",
    "reason_only_template_text": "na razie tylko tekst z szablonu",
    "reason_placeholder_only": "na razie tylko {text}",
    "reason_todo_marker": "na razie tylko {text}",
    "reason_template_text": "pozostawiono tekst z szablonu: {text}",
    "reason_placeholder_heading": "nagłówek {heading} jest nadal symbolem zastępczym",
    "reason_missing_under": "brakująca pod nagłówkiem {under}",
    "reason_under": "pod nagłówkiem {under}: {reason}",
    "notice_out_of_order": "{section} występuje przed {after}; szablon umieszcza ją dalej",
    "report_title": "Raport Spec",
    "report_pages": {
        "one": "{count} strona Spec",
        "few": "{count} strony Spec",
        "many": "{count} stron Spec",
    },
    "report_complete": {
        "one": "{count} kompletna",
        "few": "{count} kompletne",
        "many": "{count} kompletnych",
    },
    "report_summary": "{pages}, {complete}; średni wynik: {average}.",
    "report_sort_hint": "Wybierz nagłówek kolumny, aby posortować.",
    "report_column_page": "Strona",
    "report_column_template": "Szablon",
    "report_column_score": "Wynik",
    "report_column_complete": "Kompletne",
    "report_column_missing": "Brakujące",
    "report_column_unfinished": "Niedokończone",
    "report_of": "{complete} z {count}",
    "report_title_site": "Raport Spec: {site}",
    "report_table_intro": "Wszystkie strony Spec, od najniższego wyniku.",
    "pages": {"one": "{count} strona", "few": "{count} strony", "many": "{count} stron"},
    "report_gap": "{section} ({template}): {pages}",
    "chart_spread": "Rozkład wyników",
    "chart_templates": "Wyniki według szablonu",
    "chart_gaps": "Sekcje najczęściej pozostawione do uzupełnienia",
    "chart_score_axis": "wynik (%)",
    "chart_bin": "{range}: {pages}",
    "chart_spread_text": "Wyniki: {pages}; {bins}.",
    "chart_template_text": (
        "{template}: {pages}, średnio {average}, od {low} do {high}, "
        "połowa z nich między {quartile1} a {quartile3}"
    ),
    "chart_gap_text": (
        "{section} ({template}): brakująca na stronach: {missing}, niedokończona: {unfinished}"
    ),
    "chart_gaps_none": "Żadna sekcja nie czeka na uzupełnienie.",
    "filter_template": "Szablon",
    "filter_pages": "Strony",
    "filter_all": "wszystkie",
    "filter_missing": "z brakującymi sekcjami",
    "filter_unfinished": "z niedokończonymi sekcjami",
    "filter_complete": "kompletne",
    "filter_below": "Poniżej {input}%",
    "filter_shown": "{shown} z {total} stron",
    # Page metadata fields (a template's `fields`)
    "badge_fields": {
        "one": "Spec {percent} · {complete} z {count} sekcji lub pola",
        "few": "Spec {percent} · {complete} z {count} sekcji i pól",
        "many": "Spec {percent} · {complete} z {count} sekcji i pól",
    },
    "badge_title_fields": {
        "one": "{template}: ukończono {complete} z {count} wymaganej sekcji lub pola",
        "few": "{template}: ukończono {complete} z {count} wymaganych sekcji i pól",
        "many": "{template}: ukończono {complete} z {count} wymaganych sekcji i pól",
    },
    "count_invalid": {
        "one": "{count} nieprawidłowe",
        "few": "{count} nieprawidłowe",
        "many": "{count} nieprawidłowych",
    },
    "fields_heading": "Pola strony",
    "field_missing": "brak",
    "field_unfinished": "niedokończone",
    "field_invalid": "nieprawidłowe",
    "field_optional": "{state} (opcjonalne)",
    "field_not_scored": "{state} (nie liczy się do wyniku)",
    "reason_not_a_date": "{value} nie jest datą (RRRR-MM-DD)",
    "reason_not_one_of": "{value} nie jest jedną z wartości: {values}",
    "reason_not_text": "{value} nie jest pojedynczą wartością",
    "percent": "{value}%",
}
