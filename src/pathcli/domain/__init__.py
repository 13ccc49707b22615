"""The domain: learning paths, their steps, a learner's progress, the merge of two progress documents, and
finding steps by text.

Plain Python on values: no command line, terminal, web, YAML, lock or file access, and no clock of its own
(time comes in as a parameter). May import only the shared helpers (errors, text).

- path: LearningPath, Step, Link, Prerequisite; steprefs: the steps a learner names (numbers, ranges, ids);
- model: Progress, Tally, the statuses, note ids, the goal;
- reviews: the review log (ratings, ids, the union of two logs);
- merge: the one merge of two progress documents (sync copies and `pathcli import`);
- search: steps by words in titles, descriptions, URLs and notes.
"""
