"""Text from uploads shown through st.markdown: every markdown and HTML character escaped, so a report can never
inject links, images or markup into the page."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def highlighted(before: str, quote: str, after: str) -> str:
    """The passage with the quote marked, all of it escaped."""
    return f"{escape(before)} :orange-background[**{escape(quote)}**] {escape(after)}"
