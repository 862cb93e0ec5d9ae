-- Sync that cannot lose or leak (docs/sync.md).

-- The device whose push wrote exactly the value now stored (NULL: the merge or the server
-- changed it). That device's pulls leave the register out; every other device, and that
-- device too when the stored value differs from what it sent, receives it.
ALTER TABLE interview_sections ADD COLUMN sent_by TEXT;
ALTER TABLE notes ADD COLUMN sent_by TEXT;

-- The stamp of each change received: a change id that comes again with another stamp (a
-- restored copy kept typing into a change the original had sent) is applied, not replayed.
-- NULL for changes received before, and for changes the server could not read.
ALTER TABLE applied_changes ADD COLUMN stamp TEXT;

-- Whose an erased interview was, and the sync version of the erasure, so the owner's
-- tablets learn from their next pull that it must go.
ALTER TABLE erased_interviews ADD COLUMN owner_id TEXT;
ALTER TABLE erased_interviews ADD COLUMN version BIGINT;
CREATE INDEX erased_interviews_owner ON erased_interviews (owner_id, version);

-- Interviews erased before: their owner is known from the devices that pushed them. They
-- get a version of their own, above every cursor handed out so far, so every tablet that
-- may still hold one hears of it.
UPDATE instance SET sync_version = sync_version + 1 WHERE singleton = 1;
UPDATE erased_interviews SET
    owner_id = (SELECT d.user_id FROM applied_changes a JOIN devices d ON d.id = a.device_id
                WHERE a.interview_id = erased_interviews.id AND a.outcome = 'applied'
                ORDER BY a.received_at LIMIT 1),
    version = (SELECT sync_version FROM instance WHERE singleton = 1);

-- The sync version of an interview's anonymisation, for the same reason.
ALTER TABLE interviews ADD COLUMN anonymised_version BIGINT;
