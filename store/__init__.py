"""One home for writing data: the upload formats and their templates (formats.py, templates.py), the one
reader/writer of a unit's file (unit_file.py), review and diff (review.py), and the save with history and audit
(save.py), under the file safety it shares with the database build (loaders/files.py: lock, atomic write, fsync).
The `import` command (python -m store import) and the Contribute and Report reader pages go through it. Sits above
loaders/ (it validates through them); nothing below imports it. Never imports streamlit."""
