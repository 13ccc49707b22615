"""Everything pathcli prints: Rich tables and panels, plain lines, and the JSON shapes, one module per
concern. Text from files, users and the web goes through text.defuse before it is shown.

May import the features (for their result types), the store's constants, the domain and the shared
helpers; never the command line or actions. Rich is imported only inside the functions that draw with it.

- output: the one text layer every line goes out through (say, warn, error, confirm, console, line, wrap,
  print_json): wrapped between words on a terminal only, ids, URLs and commands never broken;
- render: the learner's day (next, show, notes, progress, prerequisites, paths, find);
- render_list: the steps of a path, the current one marked, as a table or, when narrow, a list;
- render_stats: the calendar, streaks, pace and finish estimate, and the goal line and its JSON;
- render_check: the link check's progress and table;
- render_import: what an import kept and left out;
- render_sync: the conflict copies found and merged.
"""
