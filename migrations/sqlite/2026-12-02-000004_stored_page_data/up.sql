-- Each organization's missions in page order (newest election first, then by id), numbered from 1:
-- an organization page reads the rows of its page by position, whatever the organization's
-- history, and its count is the last position. Derived: recomputed with the other stored results
-- (model::derived::refresh). Keep in step with migrations/postgres.
CREATE TABLE organization_missions (
    organization_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    mission_id TEXT NOT NULL,
    PRIMARY KEY (organization_id, position)
) WITHOUT ROWID;
INSERT INTO organization_missions (organization_id, position, mission_id)
SELECT m.organization_id,
       ROW_NUMBER() OVER (PARTITION BY m.organization_id ORDER BY e.held_on DESC, m.id ASC),
       m.id
FROM missions m JOIN elections e ON e.id = m.election_id;

-- Rows per table (by the CSV contract's file name, without `.csv`), counted when the data change,
-- for the home and downloads pages. Derived, like the table above.
CREATE TABLE table_counts (
    table_name TEXT NOT NULL PRIMARY KEY,
    row_count BIGINT NOT NULL
);
INSERT INTO table_counts (table_name, row_count)
SELECT 'countries', COUNT(*) FROM countries
UNION ALL SELECT 'sources', COUNT(*) FROM sources
UNION ALL SELECT 'organizations', COUNT(*) FROM organizations
UNION ALL SELECT 'elections', COUNT(*) FROM elections
UNION ALL SELECT 'missions', COUNT(*) FROM missions
UNION ALL SELECT 'individuals', COUNT(*) FROM individuals
UNION ALL SELECT 'participations', COUNT(*) FROM participations
UNION ALL SELECT 'sanctions', COUNT(*) FROM sanctions
UNION ALL SELECT 'flags', COUNT(*) FROM flags
UNION ALL SELECT 'ratings', COUNT(*) FROM organization_ratings;
