"""Everything pathcli keeps on disk: progress.json and its format, the lock, atomic writes, strict JSON, the
conflict copies a sync service leaves beside it, path files and the catalog of installed paths, and where
each file lives.

May import pathcli.web (which addresses can be requested), the domain and the shared helpers; nothing above
it (no feature, view or command line).

- locations: the data and cache folders;
- fsutil: bounded reads, atomic writes (temp file, fsync, os.replace), file modes;
- locking: the inter-process lock (fasteners), imported only by writers;
- strictjson: JSON read without json.loads' silent changes;
- document: the progress document's format version, migrations, checks and bytes;
- storage: reading progress.json and changing it under the lock;
- conflicts: sync services' conflict copies, found, merged and set aside;
- pathfile: path files (YAML): schema, validation, the parse cache;
- catalog: the bundled and installed paths, and installing or removing one.
"""
