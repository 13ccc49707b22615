"""A goal date for a path: the pace it needs, whether the learner is on track, and the plan as a calendar.

A feature: may import the store, the domain and the shared helpers, never another feature, a view or the
command line. What is left and the recent pace come in as numbers from the insight feature's stats (the
caller, actions, passes them), so that the goal and `stats` never disagree. Today is a parameter.

- plan: the definitions (days left, pace needed, status) and reading a goal the learner types;
- calendar: the remaining steps spread up to the goal, as an RFC 5545 calendar (icalendar, imported there).
"""
