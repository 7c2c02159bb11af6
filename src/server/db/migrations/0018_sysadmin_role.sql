-- Issue 16: the system administrator is the role `sysadmin`. Before it, an `admin` without an agency was
-- the system administrator (the first-start account `admin`); it keeps its reach under the new role.
UPDATE "users" SET "roles" = array_replace("roles", 'admin', 'sysadmin') WHERE "agency_id" IS NULL AND 'admin' = ANY("roles");
