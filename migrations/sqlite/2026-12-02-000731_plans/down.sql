DROP TABLE plan_measures;
DROP TABLE plans;
