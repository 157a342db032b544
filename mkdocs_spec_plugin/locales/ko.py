"""Korean: no plural forms. Names are never followed by a particle, whose form would depend on
the name's last sound."""

PLURAL = "none"
GROUP = ","  # between thousands

STRINGS = {
    "badge": {"other": "Spec {percent} · 섹션 {count}개 중 {complete}개"},
    "badge_title": {"other": "{template}: 필수 섹션 {count}개 중 {complete}개 완료"},
    "heading_gaps": "{counts} — 템플릿: {template}",
    "heading_complete": "모든 섹션 완료 — 템플릿: {template}",
    "template_best": "{template} ({choices} 중 가장 일치)",
    "count_missing": {"other": "누락 {count}개"},
    "count_unfinished": {"other": "미완성 {count}개"},
    "list_separator": ", ",
    "state_missing": "누락",
    "state_unfinished": "미완성",
    "state_optional": "{state} (선택)",
    "did_you_mean": "혹시 {name}인가요?",
    "reason_empty": "비어 있음",
    "reason_only_template_text": "아직 템플릿 텍스트만 있음",
    "reason_placeholder_only": "아직 {text}만 있음",
    "reason_todo_marker": "아직 {text}만 있음",
    "reason_template_text": "템플릿 텍스트가 그대로 남아 있음: {text}",
    "reason_placeholder_heading": "제목이 아직 자리 표시자임: {heading}",
    "reason_missing_under": "{under} 아래에 없음",
    "reason_under": "{under} 아래: {reason}",
    "notice_out_of_order": "{after}보다 앞에 있음: {section} (템플릿에서는 뒤에 옴)",
    "report_title": "Spec 보고서",
    "report_pages": {"other": "Spec 페이지 {count}개"},
    "report_complete": {"other": "완료 {count}개"},
    "report_summary": "{pages}, {complete}, 평균 점수 {average}.",
    "report_sort_hint": "열 제목을 선택하면 정렬됩니다.",
    "report_column_page": "페이지",
    "report_column_template": "템플릿",
    "report_column_score": "점수",
    "report_column_complete": "완료",
    "report_column_missing": "누락",
    "report_column_unfinished": "미완성",
    "report_of": "{complete}/{count}",
    "report_title_site": "Spec 보고서: {site}",
    "report_table_intro": "모든 Spec 페이지, 점수가 낮은 순.",
    "pages": {"other": "{count}개 페이지"},
    "report_gap": "{section} ({template}): {pages}",
    "chart_spread": "점수 분포",
    "chart_templates": "템플릿별 점수",
    "chart_gaps": "가장 자주 완성되지 않은 섹션",
    "chart_score_axis": "점수 (%)",
    "chart_bin": "{range}: {pages}",
    "chart_spread_text": "{pages}의 점수: {bins}.",
    "chart_template_text": (
        "{template}: {pages}, 평균 {average}, 최저 {low}, 최고 {high}, "
        "절반이 {quartile1}~{quartile3}"
    ),
    "chart_gap_text": (
        "{section} ({template}): 누락 {missing}개 페이지, 미완성 {unfinished}개 페이지"
    ),
    "chart_gaps_none": "완성되지 않은 섹션이 없습니다.",
    "filter_template": "템플릿",
    "filter_pages": "페이지",
    "filter_all": "전체",
    "filter_missing": "누락된 섹션 있음",
    "filter_unfinished": "미완성 섹션 있음",
    "filter_complete": "완성",
    "filter_below": "{input}% 미만",
    "filter_shown": "{total}개 중 {shown}개 페이지",
    "percent": "{value}%",
}
