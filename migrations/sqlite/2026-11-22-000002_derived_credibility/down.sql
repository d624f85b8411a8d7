DROP TABLE flags;
DROP TABLE organization_ratings;
DROP TABLE election_consensus;
