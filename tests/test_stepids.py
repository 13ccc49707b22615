"""Step ids: today's ids for unique titles, ids from the address for shared ones, never from a position."""

import pytest

from pathcli.importing import stepids
from pathcli.store import pathfile


def _steps(*pairs: tuple[str, str]) -> list[dict]:
    steps = [{"title": title, "url": url} for title, url in pairs]
    stepids.assign(steps)
    return steps


def test_a_unique_title_keeps_the_id_it_always_had():
    assert [s["id"] for s in _steps(("The Transformer", "https://a.example"), ("Attention", "https://b.example"))] == [
        "the-transformer",
        "attention",
    ]


def test_a_shared_title_takes_its_id_from_the_address_not_the_position():
    before = _steps(("Paper", "https://a.example/1"), ("Paper", "https://a.example/2"))
    after = _steps(("Paper", "https://a.example/0"), ("Paper", "https://a.example/2"), ("Paper", "https://a.example/1"))
    ids_before = {s["url"]: s["id"] for s in before}
    ids_after = {s["url"]: s["id"] for s in after}
    assert ids_before["https://a.example/1"] == ids_after["https://a.example/1"]
    assert ids_before["https://a.example/2"] == ids_after["https://a.example/2"]
    assert ids_after["https://a.example/1"] == stepids.url_id("Paper", "https://a.example/1")
    assert all(pathfile.is_slug(s["id"]) for s in after)


def test_titles_with_the_same_slug_are_shared_titles():
    ids = [s["id"] for s in _steps(("C++", "https://a.example"), ("C", "https://b.example"))]
    assert ids == [stepids.url_id("C++", "https://a.example"), stepids.url_id("C", "https://b.example")]


def test_the_same_title_and_address_again_is_numbered_and_stays_linear():
    steps = _steps(*[("Paper", "https://a.example/same")] * 20_000)
    ids = [s["id"] for s in steps]
    assert len(set(ids)) == 20_000
    assert ids[:3] == [stepids.url_id("Paper", "https://a.example/same"), f"{ids[0]}-2", f"{ids[0]}-3"]


def test_twenty_thousand_shared_titles_get_distinct_ids_from_their_addresses():
    steps = _steps(*[("Paper", f"https://a.example/{n}") for n in range(20_000)])
    assert len({s["id"] for s in steps}) == 20_000


def test_an_id_given_in_the_file_is_kept_and_never_reused():
    steps = [
        {"title": "Intro", "url": "https://b.example", "id": "intro"},
        {"title": "Other", "url": "https://a.example"},
    ]
    steps.append({"title": "Intro", "url": "https://c.example"})
    stepids.assign(steps)
    assert steps[0]["id"] == "intro" and steps[2]["id"] == stepids.url_id("Intro", "https://c.example")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("http://Example.org/a/", "https://www.example.org/a"),
        ("https://example.org:443/a?utm_source=x&v=1", "https://example.org/a?v=1"),
        ("https://example.org/a#", "https://example.org/a"),
    ],
)
def test_spellings_of_one_address_normalise_alike(one, other):
    assert stepids.normalise_url(one) == stepids.normalise_url(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.org/A", "https://example.org/a"),
        ("https://youtube.com/watch?v=1", "https://youtube.com/watch?v=2"),
        ("https://example.org/notes#part-1", "https://example.org/notes#part-2"),
        ("https://example.org:8080/a", "https://example.org/a"),
    ],
)
def test_addresses_of_other_pages_stay_apart(one, other):
    assert stepids.normalise_url(one) != stepids.normalise_url(other)
