-- A manager whose Joiner or Rehire succeeds tells the people who name them as their manager
-- (attributes.managerId) that their accounts are ready: this index finds them among all the people.
CREATE INDEX people_manager_id ON people ((attributes->>'managerId'));
