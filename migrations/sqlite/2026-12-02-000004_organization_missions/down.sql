DROP TABLE organization_missions;
