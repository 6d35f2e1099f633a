-- Organisation codes compare in any case (repo::organisations::find_by_code): `UN-Women`.
CREATE INDEX organisations_code_lower ON organisations (lower(code));
