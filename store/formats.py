"""The upload formats, writer beside parser: the templates an official fills in (store.templates) and the parser
that reads a filled one back (read_upload; its code stays in loaders/upload.py, where its parser fixes are made,
and is named here so that everything about writing data is found in one package)."""

from loaders.upload import (FORMATS, MAX_UPLOAD_BYTES, Submission, looks_like_formula,  # noqa: F401
                            read_upload)

from .templates import TEMPLATE_COLUMNS, csv_template, xlsx_template, yaml_template  # noqa: F401
