"""The bundled path is faithful to the seed document it was made from."""

import re

import yaml

from pathcli.store import locations, pathfile

BUNDLED = locations.bundled_paths_dir() / "transformers.yaml"


def test_every_url_of_the_seed_is_in_the_bundled_data(seed_text):
    data = BUNDLED.read_text(encoding="utf-8")
    urls = set(re.findall(r"https?://[^\s)|]+", seed_text))
    assert len(urls) == 10
    assert [url for url in sorted(urls) if url not in data] == []


def test_the_six_titles_types_and_sections_in_order(seed_text):
    path = pathfile.load(BUNDLED)
    titles = [step.title for step in path.steps]
    assert titles == [
        "Transformers from Scratch",
        "The Transformer Model",
        "Transformers for Beginners",
        "Stanford CS25: V4 I Overview of Transformers",
        "The Illustrated Transformer",
        "Attention Is All You Need - Annotated Transformer",
    ]
    assert all(f"[{title}](" in seed_text for title in titles)
    assert [step.type for step in path.steps] == ["Article", "Tutorial", "Video", "Video", "Article", "Article/Code"]
    assert path.sections == ("Fundamentals", "Advanced Topics")
    assert [p.title for p in path.prerequisites] == [
        "Basic knowledge of Machine Learning and Deep Learning",
        "Knowledge of Linear Algebra and Statistics",
        "Familiarity with Python and libraries like TensorFlow or PyTorch",
        "Basic understanding of Natural Language Processing (NLP)",
    ]
    assert path.description.startswith("In recent years, Transformers have emerged")


def test_descriptions_are_plain_text_with_their_links_kept_apart():
    path = pathfile.load(BUNDLED)
    for step in path.steps:
        assert "](" not in step.description and "http" not in step.description
    assert [link.url for link in path.steps[2].links] == ["https://sebastianraschka.com/"]


def test_every_bundled_file_is_named_after_its_id_and_valid():
    files = sorted(locations.bundled_paths_dir().glob("*.yaml"))
    assert files
    for file in files:
        assert pathfile.parse(file.read_bytes(), str(file))["id"] == file.stem
        assert yaml.safe_load(file.read_text(encoding="utf-8"))["id"] == file.stem
