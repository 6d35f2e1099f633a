DROP INDEX documents_need_idx;
DROP INDEX documents_report_idx;
DROP TABLE dashboard_visits;
