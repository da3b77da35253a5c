"""Text from data, an upload, a report or a link, made safe for everything Streamlit renders as markdown
(st.markdown, st.caption, st.header, st.warning, st.success, widget and expander labels).

Two things make markdown of plain text. Its syntax ([text](url), ![](url), **, `, :red[…], $…$, <b>): every
markdown and HTML character gets a backslash. And what GitHub-flavoured markdown links by itself, after escapes
are read (http://…, www.…, a@b.c) and Streamlit's :icon: and :emoji: codes: a zero-width word joiner after each
":" and "@" and inside "www." breaks them without changing what a reader sees.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^\"'])")
WORD_JOINER = "\u2060"
_AUTOLINK_STARTS = re.compile(r"([:@])|(?i:(www)(?=\.))")


def escape(text: object) -> str:
    """The text, shown exactly as written on one line, never as a link, image, icon or markup."""
    plain = str(text).replace("\r", " ").replace("\n", " ")
    broken = _AUTOLINK_STARTS.sub(lambda m: (m.group(1) or m.group(2)) + WORD_JOINER, plain)
    return _SPECIAL.sub(r"\\\1", broken)


def highlighted(before: str, quote: str, after: str) -> str:
    """The passage with the quote marked, all of it escaped."""
    return f"{escape(before)} :orange-background[**{escape(quote)}**] {escape(after)}"
