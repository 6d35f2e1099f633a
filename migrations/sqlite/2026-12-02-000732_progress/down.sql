DROP TABLE measure_progress;
