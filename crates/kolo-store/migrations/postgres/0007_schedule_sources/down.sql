DROP TABLE schedule_sources;
