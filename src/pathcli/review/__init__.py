"""Spaced review of finished steps: when each done step comes back, computed with FSRS (the `fsrs` package)
by replaying its review log, the `done` counting as the first `good` review.

A feature: may import the store, the domain and the shared helpers, never another feature, a view or the
command line. fsrs is imported only inside the function that replays a log, and only for a log not
replayed before (replaycache): bare `pathcli`, `next` and `review` may load it.

- schedule: when each done step is due, from its log;
- replaycache: replays remembered between runs, in the cache folder;
- queue: the steps due, of one path or all, and an answer recorded under the lock.
"""
