"""The progress page: one self-contained HTML file of a path (`pathcli export --format html`), to keep open
or to share. Its steps, statuses, notes, bars per section, the activity calendar as inline SVG, and the
stats in the words `pathcli stats` uses.

A feature: may import the store, the domain and the shared helpers, never another feature, a view or the
command line, so the stats (insight) and the broken links (links) come in as arguments (see
actions.export_page). Jinja2 (autoescape on) is imported only here, only when a page is made; the templates
ship in the package.

- model: the page's data as plain values (text made safe to show, only http(s) addresses as links);
- html: the page itself, from templates/page.html.j2 and templates/page.css.
"""
