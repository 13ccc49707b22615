"""How a learner is doing: activity per day, streaks, pace, what is left and when it may be done.

A feature: may import the domain and the shared helpers (and the store), never another feature, a view or
the command line. Pure computation on a path and its progress, with "today" passed in.

- stats: the numbers behind `pathcli stats` and `progress`;
- wording: those numbers in words (pace, time left, finish, streak) and the calendar's weeks, for the
  terminal and the HTML page alike.
"""
