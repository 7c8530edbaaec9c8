-- Monitoring, part 3: retention deletes the oldest fires first, in batches, through this index.
CREATE INDEX "rule_fire_created_at_idx" ON "rule_fire"("created_at");
