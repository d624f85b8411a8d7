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
