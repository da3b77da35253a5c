-- When and from what the database was built.
SELECT key, value FROM build_info
