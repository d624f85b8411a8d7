DROP TABLE organization_missions;
DROP TABLE table_counts;
