"""How well `path import` reads real learning paths, measured against ground truth written by hand.

Each file of tests/data/corpus/ has a truth/<name>.json, written by reading the file (never by running the
importer): its title, 8-20 resources that must each become a step (with words its title must contain), and
junk URLs (the project's own issues, licence, chat, sponsors, badges...) that must not become steps.

    python benchmarks/corpus_quality.py            # the table, per file and overall
    python benchmarks/corpus_quality.py --json     # the figures as JSON
    python benchmarks/corpus_quality.py --record   # write them to tests/data/corpus/quality.json

tests/test_corpus_quality.py fails when a file falls below the figures recorded there. A resource counts as
kept when a step's URL is the truth's URL (compared as the importer compares addresses: stepids.normalise_url,
percent-encoding undone); its title is right when it contains every keyword, ignoring case.
"""

import argparse
import json
import re
import sys
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"
RECORD = CORPUS / "quality.json"


class Figures(NamedTuple):
    file: str
    style: str
    title_right: bool
    resources: int  # in the truth
    kept: int  # of those, a step's URL
    titled: int  # of those kept, with every keyword in the step's title
    junk_listed: int
    junk_steps: int  # listed junk URLs that became a step
    steps: int  # steps the importer made
    misses: list  # what went wrong, for the reader


def _same(url: str) -> str:
    from pathcli.importing.stepids import normalise_url

    return unquote(normalise_url(url)).casefold()


def _words(title: str) -> str:
    """A title's words, whatever emoji, punctuation or case surround them."""
    return " ".join(re.sub(r"[\W_]+", " ", title).split()).casefold()


def measure(truth_file: Path) -> Figures:
    from pathcli.importing.markdown_import import convert

    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    markdown = (CORPUS / truth["file"]).read_bytes().decode("utf-8-sig")
    data, _report = convert(markdown, str(CORPUS / truth["file"]), None, truth.get("base_url"))
    steps = [step for section in data["sections"] for step in section["steps"]]
    by_url: dict[str, dict] = {}
    for step in steps:
        by_url.setdefault(_same(step["url"]), step)
    misses = []
    kept = titled = 0
    for resource in truth["steps"]:
        step = by_url.get(_same(resource["url"]))
        if step is None:
            misses.append(f"missing {resource['url']}")
            continue
        kept += 1
        title = step["title"].casefold()
        if all(word.casefold() in title for word in resource["title_keywords"]):
            titled += 1
        else:
            misses.append(f"title {step['title']!r} lacks {resource['title_keywords']}")
    junk = [url for url in truth["junk"] if _same(url) in by_url]
    misses += [f"junk step {url}" for url in junk]
    title_right = _words(data["title"]) == _words(truth["title"])
    if not title_right:
        misses.append(f"path title {data['title']!r}, expected {truth['title']!r}")
    return Figures(
        truth["file"],
        truth["style"],
        title_right,
        len(truth["steps"]),
        kept,
        titled,
        len(truth["junk"]),
        len(junk),
        len(steps),
        misses,
    )


def measure_all() -> list[Figures]:
    return [measure(file) for file in sorted((CORPUS / "truth").glob("*.json"))]


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def table(figures: list[Figures], verbose: bool) -> str:
    lines = [f"{'file':34} {'style':28} title kept  titled junk  steps"]
    for f in figures:
        lines.append(
            f"{f.file[:34]:34} {f.style[:28]:28} {'yes' if f.title_right else 'NO':5} "
            f"{f.kept:>2}/{f.resources:<2} {f.titled:>2}/{f.resources:<2} "
            f"{f.junk_steps:>2}/{f.junk_listed:<2} {f.steps:>5}"
        )
        if verbose:
            lines += [f"    {miss}" for miss in f.misses]
    resources = sum(f.resources for f in figures)
    lines.append(
        f"overall: {len(figures)} files, {len({f.style for f in figures})} styles; titles right "
        f"{sum(f.title_right for f in figures)}/{len(figures)}; resources kept as steps "
        f"{_percent(sum(f.kept for f in figures), resources)}, with right titles "
        f"{_percent(sum(f.titled for f in figures), resources)}; junk steps "
        f"{_percent(sum(f.junk_steps for f in figures), sum(f.junk_listed for f in figures))} of the junk listed"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--record", action="store_true", help=f"write the figures to {RECORD}")
    parser.add_argument("-v", "--verbose", action="store_true", help="list what went wrong in each file")
    arguments = parser.parse_args()
    figures = measure_all()
    if arguments.record:
        RECORD.write_text(json.dumps({f.file: _floor(f) for f in figures}, indent=2) + "\n", encoding="utf-8")
    if arguments.json:
        json.dump([f._asdict() for f in figures], sys.stdout, indent=2)
        print()
    else:
        print(table(figures, arguments.verbose))


def _floor(f: Figures) -> dict:
    return {"title_right": f.title_right, "kept": f.kept, "titled": f.titled, "junk_steps": f.junk_steps}


if __name__ == "__main__":
    main()
