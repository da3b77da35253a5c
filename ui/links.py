"""Every link between pages, built in one place: a unit's profile, Compare with chosen units, a province's page, the
Map, a chart's share link. The parameter names here are the ones the pages bind their controls to (ui/state.bound);
tests/test_links.py opens each link under AppTest and checks the page shows the same selection.

Links are relative ("district?district=lam-binh"), so they work wherever the app is served, under any path
prefix. The language rides along when it is not Vietnamese: a link opened in a new tab starts a new session."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from i18n import DEFAULT_LANGUAGE

from .navigation import PAGES

_PATHS = {url_path for _file, _title, url_path, _icon in PAGES}


def page_link(page: str, lang: str = DEFAULT_LANGUAGE, **params: str | Sequence[str] | None) -> str:
    """A page of the app with these parameters; empty ones are left out, a list is written comma-separated."""
    if page not in _PATHS:
        raise ValueError(f"no page at /{page}")
    query = {name: ",".join(value) if isinstance(value, (list, tuple)) else value
             for name, value in params.items() if value not in (None, "", [], ())}
    if lang != DEFAULT_LANGUAGE:
        query["lang"] = lang
    # Commas and slashes kept as they are: unit ids (pre-2025/tuyen-quang/…) and lists stay readable in the link.
    return f"{page}?{urlencode(query, safe=',/')}" if query else page


def unit_profile(unit: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The profile of the unit with this file slug (the parameter is still `district`, so old links work)."""
    return page_link("district", lang, district=unit)


def compare(units: Sequence[str], lang: str = DEFAULT_LANGUAGE, *, kind: str | None = None,
            province: str | None = None, theme: str | None = None) -> str:
    """Compare with these units (file slugs) of one kind; `province` is the 2025 province's name, as the page's
    province filter lists it."""
    return page_link("compare", lang, d=list(units), kind=kind, province=province, theme=theme)


def province_page(province: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The Provinces page opened on one province (its unit id, e.g. `tuyen-quang`; a pre-2025 province `pre-2025/ha-giang`)."""
    return page_link("provinces", lang, province=province)


def map_page(indicator: str | None = None, lang: str = DEFAULT_LANGUAGE, *, province: str | None = None,
             kind: str | None = None) -> str:
    return page_link("map", lang, indicator=indicator, province=province, kind=kind)


def share(page_url: str, params: Mapping[str, str], chart_id: str, view: str) -> str:
    """The page as it is now (its address and current link parameters), naming the chart and the view to open."""
    query = {**params, "chart": chart_id, "view": view}
    return f"{page_url.split('?')[0]}?{urlencode(query, safe=',/')}"
