-- The rules whose booked fire is due, oldest first: the scheduler's batch (fire-due-rules.ts)
-- locks them in chunks with ORDER BY next_fire_at LIMIT n FOR UPDATE SKIP LOCKED. Over the plain
-- next_fire_at index the planner (stale statistics right after thousands of rules were enabled)
-- chose a bitmap scan of every due rule and a sort on disk: ~30 ms per chunk instead of ~2 ms.
-- Partial: written by hand, not expressible in schema.prisma.
CREATE INDEX "automation_rule_due_idx" ON "automation_rule"("next_fire_at") WHERE "status" = 'enabled' AND "deleted_at" IS NULL;
