"""Moved: the upload templates live beside the upload parser's home, store.templates (store.formats names both)."""

from store.templates import *  # noqa: F401,F403
from store.templates import TEMPLATE_COLUMNS, csv_template, xlsx_template, yaml_template  # noqa: F401
