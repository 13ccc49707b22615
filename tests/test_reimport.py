"""Re-importing a path never moves progress to another resource (reimport.reconcile with stepids)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pathcli.importing import reimport, stepids
from pathcli.importing.stepids import normalise_url
from pathcli.store import pathfile


def _path(resources: list[tuple[str, str]]) -> dict:
    """A path as an import makes it: ids derived, then validated."""
    steps = [{"title": title, "url": url} for title, url in resources]
    stepids.assign(steps)
    return pathfile.validate({"id": "p", "title": "P", "sections": [{"title": "S", "steps": steps}]}, "test")


def _ids(path: dict) -> dict[str, str]:
    return {step["url"]: step["id"] for section in path["sections"] for step in section["steps"]}


def test_a_step_whose_address_stays_keeps_its_id_through_renames_and_insertions():
    old = _path([("Paper", "https://a.example/1"), ("Intro", "https://a.example/2")])
    new = _path(
        [("Paper", "https://a.example/0"), ("Paper", "https://a.example/1"), ("Overview", "https://a.example/2")]
    )
    result = reimport.reconcile(reimport.refs(old), new, recorded={"paper": None, "intro": None})
    assert _ids(result.path) == {
        "https://a.example/0": stepids.url_id("Paper", "https://a.example/0"),
        "https://a.example/1": "paper",
        "https://a.example/2": "intro",
    }
    assert [ref.url for ref in result.added] == ["https://a.example/0"]
    assert result.removed == ()
    assert [(r.old.title, r.new.title, r.new.id) for r in result.renamed] == [("Intro", "Overview", "intro")]


def test_a_new_resource_never_takes_the_id_of_a_removed_one_with_progress():
    old = _path([("Paper", "https://a.example/1")])
    new = _path([("Paper", "https://a.example/9")])  # the same title, another resource
    result = reimport.reconcile(reimport.refs(old), new, recorded={"paper": None})
    assert _ids(result.path) == {"https://a.example/9": stepids.url_id("Paper", "https://a.example/9")}
    assert [ref.id for ref in result.removed] == ["paper"]


def test_a_new_title_that_meets_a_kept_id_is_told_apart():
    old = _path([("Intro", "https://a.example/1")])
    new = _path([("Overview", "https://a.example/1"), ("Intro", "https://a.example/2")])
    assert _ids(reimport.reconcile(reimport.refs(old), new, recorded={}).path) == {
        "https://a.example/1": "intro",
        "https://a.example/2": stepids.url_id("Intro", "https://a.example/2"),
    }


# A version is a list of resources with distinct addresses (the importer makes one step of an address);
# a few titles and addresses, so that titles repeat and resources come and go between versions.
_TITLES = st.sampled_from(["Paper", "Video", "Intro", "Lecture 1", "paper", "C", "C++"])
_URLS = st.sampled_from([f"https://example.org/{n}" for n in range(12)] + ["http://www.example.org/0/"])
_VERSION = st.lists(st.tuples(_TITLES, _URLS), min_size=1, max_size=10, unique_by=lambda pair: normalise_url(pair[1]))


@settings(max_examples=300, deadline=None)
@given(versions=st.lists(st.tuples(_VERSION, st.sets(st.integers(0, 9))), min_size=2, max_size=6))
def test_no_mark_ever_lands_on_another_address(versions):
    """Each version is imported over the last, after marking some steps. A mark stays with the address it
    was made on: its id is never given to another address, and whenever its address is in the path, the
    step there has its id (through insertions, removals, renames and repeated titles)."""
    _replay((_path(resources), marked) for resources, marked in versions)


def _replay(versions) -> None:
    """Install each path over the one before, marking the steps numbered with it, as a learner would, and
    check that every mark stays with the address it was made on."""
    installed = None
    marks: dict[str, str] = {}  # step id with progress -> the address it was made on
    records: dict[str, dict] = {}  # as in progress.json: step id -> record
    for new, marked in versions:
        if installed is not None:
            reconciled = reimport.reconcile(reimport.refs(installed), new, reimport.recorded_addresses(records))
            reimport.retire(records, reconciled)
            new = reconciled.path
        ids = {normalise_url(url): step_id for url, step_id in _ids(new).items()}
        by_id = {step_id: url for url, step_id in ids.items()}
        for step_id, url in marks.items():
            assert by_id.get(step_id, url) == url, f"the progress of {url} is now on {by_id[step_id]}"
            assert url not in ids or ids[url] == step_id, f"the progress of {url} is lost"
        steps = list(ids.items())
        for number in marked:
            if number < len(steps):
                url, step_id = steps[number]
                marks.setdefault(step_id, url)
                records.setdefault(step_id, {"status": "done"})
        installed = new


# The same property through the Markdown importer, whose structure moves with the edits: generic link
# texts ("Video", "Paper") make a list one step named by its heading, with the other links as its links.
_MARKDOWN_TITLES = st.sampled_from(["Video", "Paper", "Intro", "Reading", "Lecture 1", "C", "C++"])
_SECTIONS = st.lists(
    st.lists(st.tuples(_MARKDOWN_TITLES, _URLS), min_size=1, max_size=4), min_size=1, max_size=3
).filter(lambda sections: len({normalise_url(u) for s in sections for _, u in s}) == sum(map(len, sections)))


def _imported(sections: list[list[tuple[str, str]]]) -> dict:
    from pathcli.importing.markdown_import import convert

    text = "# P\n\n" + "".join(
        f"## Part {number}\n\n" + "".join(f"- [{title}]({url})\n" for title, url in bullets) + "\n"
        for number, bullets in enumerate(sections, 1)
    )
    return convert(text, "p.md", "p")[0]


@settings(max_examples=150, deadline=None)
@given(versions=st.lists(st.tuples(_SECTIONS, st.sets(st.integers(0, 9))), min_size=2, max_size=5))
def test_no_mark_lands_on_another_address_through_markdown_edits(versions):
    _replay((_imported(sections), marked) for sections, marked in versions)


def test_update_resolves_relative_links_against_the_base_url_given_at_import(run, run_json, tmp_path):
    """Without it, path update found the relative links unresolvable and removed their steps."""
    file = tmp_path / "rel.md"
    file.write_text("# Rel\n\n- [One](docs/one.md)\n- [Abs](https://abs.example/)\n")
    base = "https://github.com/o/r/blob/main/"
    assert run("path", "import", str(file), "--base-url", base).exit_code == 0
    assert run("--path", "rel", "done", "1").exit_code == 0
    updated = run_json("path", "update", "rel")
    assert updated["changes"] == {"added": [], "removed": [], "renamed": []} and updated["skipped"] == []
    step = run_json("--path", "rel", "show", "1")
    assert (step["url"], step["status"]) == (base + "docs/one.md", "done")
