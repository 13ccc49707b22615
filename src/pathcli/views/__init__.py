"""Everything pathcli prints: Rich tables and panels, plain lines, and the JSON shapes, one module per
concern. Text from files, users and the web goes through text.defuse before it is shown.

May import the features (for their result types), the store's constants, the domain and the shared
helpers; never the command line or actions. Rich is imported only inside the functions that draw with it.

- output: the way out (console, messages wrapped between words, warnings, JSON);
- render: the learner's day (steps, next, notes, progress, prerequisites, paths, find);
- render_stats: the calendar, streaks, pace and finish estimate, and the goal line and its JSON;
- render_check: the link check's progress and table;
- render_import: what an import kept and left out;
- render_sync: the conflict copies found and merged.
"""
