"""Korean: no plural forms. Names are never followed by a particle, whose form would depend on
the name's last sound."""

PLURAL = "none"
GROUP = ","  # between thousands

STRINGS = {
    "badge": {"other": "Spec {percent} · 섹션 {count}개 중 {complete}개"},
    "badge_title": {"other": "{template}: 필수 섹션 {count}개 중 {complete}개 완료"},
    "heading_gaps": "{counts} — 템플릿: {template}",
    "heading_complete": "모든 섹션 완료 — 템플릿: {template}",
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
    "percent": "{value}%",
}
