"""The store's part of sync between laptops (the design is in domain/sync): noting this laptop's
changes and applying other laptops' batches, record by record and field by field; this laptop's
outbox, other laptops' audit trails, and the sealed files laptops leave each other.

    capture.take_pending(conn, laptop, sequence, now_ms)   this laptop's changes to send
    capture.forget_pending(conn)                           a copy becoming a new laptop
    capture.baseline(conn)                                 records every copy starts from (demo)
    capture.erasing(conn, uuid)                            used by erasure_repo.erase_person
    apply.apply_batch(conn, batch, now_ms) -> Applied      another laptop's changes
    apply.removals(conn, batch)                            (records it would remove, records)
    history.erased_subjects(conn)                          people erased (nothing of them kept)
    conflicts.conflicts(conn), conflicts.resolve_conflict(conn, id, use_other)
    triggers.recreate(conn)                                after a migration alters a table
    outbox_repo, received_audit_repo, sealed_files    see each
    tables.TABLES                                          what travels (one line per table)

Every function runs inside the caller's transaction. A migration that rewrites records in a
travelling table (a backfill) should do it inside `capture.baseline(conn)`: every laptop runs
the same migration, so none of it needs to travel.
"""
