"""Moving progress out of and into pathcli: the JSON export that `pathcli import` reads back (merged with the
one merge of the domain), and the Markdown journal.

A feature: may import the store, the domain and the shared helpers, never another feature, a view or the
command line.

- exchange: the export formats and reading an export back.
"""
