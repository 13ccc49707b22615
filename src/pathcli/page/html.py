"""The progress page as one HTML5 file: Jinja2 with autoescape on, from the templates shipped beside this
module. The page loads nothing (its Content-Security-Policy forbids it) and runs no script."""

from pathlib import Path

from pathcli import __version__

_TEMPLATES = Path(__file__).resolve().parent / "templates"


def render(page) -> str:
    """The HTML of a page gathered by model.gather."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,  # every text from a path file, a README or a note is escaped, in every template
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    return environment.get_template("page.html.j2").render(page=page, version=__version__)
