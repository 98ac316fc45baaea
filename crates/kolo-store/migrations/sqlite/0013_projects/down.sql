DROP TABLE project_revisions;
DROP TABLE project_partners;
DROP TABLE projects;
