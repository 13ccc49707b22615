"""Importing a learning path written in Markdown (a file or a web page): fetching it, reading its structure,
naming its steps and giving them ids that keep progress in place when the source changes.

A feature: may import the store, the domain and the shared helpers, never another feature, a view or the
command line. Imported only by `path import`, `path update` and `path add` (markdown-it-py and httpx load
with it).

- fetch: the Markdown from a file or over http(s), bounded in time and size;
- markdown_import: convert(), the Markdown reader's entry, in stages: inline (links and their text),
  naming (titles, generic link texts), lists, tables, reader (the walk, sections, steps), report (what was
  left out and why); markdown_html reads the HTML that Markdown carries;
- stepids: step ids, and the one notion of "the same resource" (a normalised URL);
- reimport: installing a new version of a path over the old one without moving progress.
"""
