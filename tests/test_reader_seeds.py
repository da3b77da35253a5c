"""The report reader on the five seed reports: it finds the headline figures the curators took from them.

The curated observations in data/units/ are the answer key (derived indicators excepted: the loader computes
them). Skipped when the seed texts (../shared/seeds) are not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from loaders.periods import parse_period
from reader import load_catalogue, propose
from tests.conftest import SEEDS_DIR

ROOT = Path(__file__).resolve().parent.parent
SEEDS = SEEDS_DIR if SEEDS_DIR.is_dir() else None
SOURCES = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text(encoding="utf-8"))["sources"]
SEEDED = [s for s in SOURCES if s.get("seed_file")]

pytestmark = pytest.mark.skipif(SEEDS is None, reason="seed reports (../shared/seeds) not available")

# the figures a district comparison leans on: online dossiers, signing, community teams
HEADLINE = {
    "dossiers_received",
    "dossiers_online",
    "online_submission_payment_rate_combined",
    "online_service_rate_unspecified",
    "online_services_share",
    "online_payment_rate",
    "edocs_signed_rate",
    "edocs_fully_electronic_rate",
    "leaders_using_signature_rate",
    "digital_certificates",
    "personal_digital_signatures",
    "organisational_digital_signatures",
    "community_teams_village_level",
    "community_teams_commune_level",
    "community_teams_total",
    "community_team_members",
    "communes_with_teams",
}


def _curated(source_id: str) -> list[dict]:
    derived = {i.id for i in load_catalogue().indicators.values() if i.derived}
    out = []
    for path in sorted((ROOT / "data" / "units").glob("*.yaml")):
        for o in yaml.safe_load(path.read_text(encoding="utf-8")).get("observations") or []:
            if o["source"] == source_id and o["indicator"] not in derived:
                out.append(o)
    return out


def _proposals(source: dict):
    text = (SEEDS / source["seed_file"]).read_text(encoding="utf-8")
    return text, propose(text, document_date=str(source["date"]))


def _matches(candidate, observation) -> bool:
    return (
        candidate.indicator == observation["indicator"]
        and abs(float(candidate.value) - float(observation["value"])) <= 0.01
        and candidate.period == str(observation["period"])
    )


HEADLINE_CASES = [
    pytest.param(source, o, id=f"{source['id']}:{o['indicator']}={o['value']}@{o.get('level', 'district')}")
    for source in SEEDED
    for o in _curated(source["id"])
    if o["indicator"] in HEADLINE
]


@pytest.mark.parametrize("source,observation", HEADLINE_CASES)
def test_headline_figure_is_found(source, observation):
    text, proposals = _proposals(source)
    hits = [c for c in proposals if _matches(c, observation)]
    assert hits, f"not proposed: {observation['indicator']} {observation['value']} {observation['period']}"
    # a figure of the unit's own bodies ("của UBND huyện", "phòng chuyên môn thuộc UBND huyện") is proposed as such
    level = observation.get("level", "district")
    assert any(c.level == level for c in hits)
    if observation.get("commune"):
        assert any(c.commune == observation["commune"] for c in hits)
    if observation.get("qualifier"):
        assert any(c.qualifier == observation["qualifier"] for c in hits)


@pytest.mark.parametrize("source", SEEDED, ids=[s["id"] for s in SEEDED])
def test_proposals_are_well_formed(source):
    text, proposals = _proposals(source)
    catalogue = load_catalogue()
    assert proposals
    for c in proposals:
        assert text[c.start : c.end] == c.quote
        assert c.start <= c.figure_start < c.figure_end <= c.end or c.figure_start >= 0
        assert 0.0 <= c.confidence <= 1.0 and c.reason
        assert c.unit == catalogue.indicators[c.indicator].unit
        assert c.level in ("district", "unit_bodies", "commune_aggregate", "commune")
        assert (c.level == "commune") == bool(c.commune)
        parse_period(c.period)
        # a derived indicator only as a rate the report states
        assert not catalogue.indicators[c.indicator].derived or catalogue.indicators[c.indicator].stated_rate


@pytest.mark.parametrize("source", SEEDED, ids=[s["id"] for s in SEEDED])
def test_recall_and_precision_per_document(source):
    """A regression guard, looser than the benchmark targets (recall ≥ 90%, precision ≥ 80% overall)."""
    _, proposals = _proposals(source)
    curated = _curated(source["id"])
    found = sum(any(_matches(c, o) for c in proposals) for o in curated)
    correct = sum(any(_matches(c, o) for o in curated) for c in proposals)
    assert found / len(curated) >= 0.75
    assert correct / len(proposals) >= 0.75


def test_reader_does_not_import_streamlit():
    import subprocess
    import sys

    code = "import sys, reader, reader.propose, reader.documents; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
