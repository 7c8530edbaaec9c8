-- Execution control: concurrency keys, throttle reasons and per-rule rate-limit windows.
ALTER TABLE "task_execution" ADD COLUMN "concurrency_key" TEXT;
ALTER TABLE "task_execution" ADD COLUMN "throttle_reason" TEXT;

CREATE TABLE "rule_rate_state" (
    "rule_id" UUID NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "rule_rate_state_pkey" PRIMARY KEY ("rule_id")
);

-- Waiting executions per (rule, key), oldest first: what a freed slot starts next.
DROP INDEX IF EXISTS "task_execution_waiting_for_turn_idx";
CREATE INDEX "task_execution_waiting_idx" ON "task_execution" ("rule_id", "concurrency_key", "execution_id") WHERE "waiting_for_turn";
-- Active executions per (rule, key): the count a concurrency limit compares against.
CREATE INDEX "task_execution_active_key_idx" ON "task_execution" ("rule_id", "concurrency_key") WHERE "status" IN ('pending', 'running', 'retrying') AND NOT "waiting_for_turn";
