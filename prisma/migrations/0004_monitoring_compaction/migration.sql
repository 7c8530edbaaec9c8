-- Monitoring, part 2: faster long dashboard ranges (measured with 10 million executions).
--
-- Hours are compacted across rules once they have closed (server/domain/monitoring/compact-rollups.ts):
-- a 30-day range then reads 720 rows per status instead of one per rule, status and hour.
-- CreateTable
CREATE TABLE "execution_rollup_all_hour" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "status" "ExecutionStatus" NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,
    "duration_count" BIGINT NOT NULL DEFAULT 0,
    "duration_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "duration_hist" BIGINT[],

    CONSTRAINT "execution_rollup_all_hour_pkey" PRIMARY KEY ("bucket","status")
);

-- "Top failing rules" over days: the failed rows from the index alone, then each top rule's hours.
CREATE INDEX "execution_rollup_hour_rule_id_bucket_idx" ON "execution_rollup_hour"("rule_id", "bucket");
CREATE INDEX "execution_rollup_hour_failed_idx" ON "execution_rollup_hour" ("bucket") INCLUDE ("rule_id", "count") WHERE "status" = 'failed';
