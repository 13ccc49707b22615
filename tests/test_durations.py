"""Durations as people write them, in path files and in imported tables alike (pathfile.parse_duration)."""

import pytest

from pathcli.store.pathfile import parse_duration


@pytest.mark.parametrize(
    ("written", "minutes"),
    [
        ("45m", 45),
        ("1h", 60),
        ("1h30m", 90),
        ("2h 15m", 135),
        ("20 min", 20),
        ("20 mins", 20),
        ("1 minute", 1),
        ("90 minutes", 90),
        ("1 hour", 60),
        ("1.5h", 90),
        ("1.5 hours", 90),
        ("2 hrs", 120),
        ("2 hr", 120),
        ("1h 30m", 90),
        ("1 hour 30 minutes", 90),
        ("0.25 h", 15),
        ("3 H", 180),
    ],
)
def test_the_ways_people_write_a_duration(written, minutes):
    assert parse_duration(written) == minutes


@pytest.mark.parametrize("written", ["", "soon", "2 weeks", "10 hours/week", "1.5m", "h", "min", "1 day", "30m 1h"])
def test_what_is_not_a_duration(written):
    assert parse_duration(written) is None
