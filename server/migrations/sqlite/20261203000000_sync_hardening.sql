-- Sync that cannot lose or leak (docs/sync.md).

-- The device whose push wrote exactly the value now stored (NULL: the merge or the server
-- changed it). That device's pulls leave the register out; every other device, and that
-- device too when the stored value differs from what it sent, receives it.
ALTER TABLE interview_sections ADD COLUMN sent_by TEXT;
ALTER TABLE notes ADD COLUMN sent_by TEXT;

-- Whose an erased interview was, and the sync version of the erasure, so the owner's
-- tablets learn from their next pull that it must go.
ALTER TABLE erased_interviews ADD COLUMN owner_id TEXT;
ALTER TABLE erased_interviews ADD COLUMN version BIGINT;
CREATE INDEX erased_interviews_owner ON erased_interviews (owner_id, version);

-- The sync version of an interview's anonymisation, for the same reason.
ALTER TABLE interviews ADD COLUMN anonymised_version BIGINT;
