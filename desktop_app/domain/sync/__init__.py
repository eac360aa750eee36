"""Sync between laptops: one organisation's records on several laptops, merged through a shared
folder (OneDrive, Dropbox, Syncthing, a USB stick), never a server and never the live database.

How it works (the whole design; each module says its part):

- The shared folder is a mailbox. Each laptop writes only its own append-only change files,
  `<database id>/<laptop id>/<sequence>.peerlog-changes`, under a temporary name then renamed.
  Each file is encrypted and authenticated (AES-GCM, a key derived from the data key); a file
  that fails authentication (half-synced, a cloud placeholder, cut short) is skipped and tried
  again next time, never read as a deletion. "conflicted copy" / ".sync-conflict-" files are
  ignored with a warning.
- Every write to a record table is captured by SQLite triggers into a pending list (which table,
  which record, which fields); a sync turns the pending list into `Change`s stamped with a hybrid
  logical clock (`Hlc`), and writes them as one `ChangeBatch`.
- Records merge by identity (their uuid; link rows and natural keys by their parts), field by
  field: the value with the greatest Hlc wins, so every laptop ends the same whatever order the
  batches arrive in. A batch is applied only after every batch it had seen (its `seen` vector),
  so the records it refers to are always there first.
- What wins (domain/sync/merge_rules.py, store/sync/apply.py):
  * an edit and a deletion of the same record: the deletion, whatever the clocks (the record
    stays deleted; putting it back from Recently deleted on any laptop brings it back
    everywhere, with that laptop's values, and an edit made without knowing of the deletion
    stays refused even then);
  * an erasure is final: it beats every edit, earlier or later, and nothing of the person stays
    in change history, conflicts or this laptop's change files in the shared folder. It travels
    as one change; each laptop removes the person with the same store function the window uses,
    counting into anonymous headcounts only the attendances the erasing laptop had not seen
    (the ones it had seen arrive as its own headcount edits);
  * attendance (and facilitators): each tick is its own record; the later of "ticked" and
    "unticked" wins;
  * consent: each consent record is a record of its own (a new agreement travels whole, a
    correction field by field); the one in force is the latest by date recorded; a withdrawal,
    once made on any laptop, stands (an empty value never replaces its date);
  * a reference (P-0012) given out on two laptops to different people: the record with the
    smaller uuid keeps it, the other's gets its uuid's first 8 characters added;
  * the same field changed on two laptops since they last met: the later value is kept and the
    pair is listed for review (on the laptop that finds it), with the value not kept still
    available to use instead.
- What travels (store/sync/tables.py, one line per table): every record table, custom measures,
  the organisation's settings (name and the like). What stays on each laptop: users and key
  slots, drafts, Recently deleted, the audit trail's own table (it travels separately, whole),
  the laptop's own settings (its share folder, window state), and local integer ids.
- Concurrent erasures of two people from the same session on two laptops before they meet each
  raise its anonymous headcount by one from the same number: the laptops agree, but the count is
  one short (a field, not a counter). Rare; said here so nobody is surprised.
"""
