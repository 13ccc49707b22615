"""Spaced review of finished steps: when each done step comes back, computed with FSRS (the `fsrs` package)
by replaying its review log, the `done` counting as the first `good` review.

A feature: may import the store, the domain and the shared helpers, never another feature, a view or the
command line. fsrs is imported only inside the functions that schedule, and only when there are done
steps to schedule: bare `pathcli`, `next` and `review` load it.

- schedule: when each done step is due, from its log; what each answer would give.
"""
