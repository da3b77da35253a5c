"""One home for writing data: the upload formats and their templates (formats.py, templates.py), the one
reader/writer of a unit's file (unit_file.py), review and diff (review.py), the store's file safety — lock, atomic
write, fsync — shared with the database build (files.py), and the save with history and audit (save.py). The
`import` command (python -m loaders import) and the Contribute and Report reader pages go through it. Never imports
streamlit. Import the modules themselves (store.save, store.review …): this file imports nothing, so the build can
use store.files without a cycle."""
