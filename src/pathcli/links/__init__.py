"""Checking a path's links: the checker (httpx, bounded per host and per request), the cache of results in
links.json, and what `pathcli check` gathers, reuses and fixes.

A feature: may import the store, the domain and the shared helpers, never another feature, a view or the
command line. The checker loads only with `pathcli check`; the cache is read by the views that mark
broken links.

- linkcheck: one result per URL (ok, redirected, broken, rate_limited);
- linkcache: results remembered per URL with their time;
- linkreport: the links of the chosen paths, checked or reused, and `check --update`.
"""
