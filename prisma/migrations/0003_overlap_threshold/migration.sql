-- overlapPolicy "queue": executions waiting for the rule's running one to finish.
ALTER TABLE "task_execution" ADD COLUMN "waiting_for_turn" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "task_execution_waiting_for_turn_idx" ON "task_execution" ("rule_id", "execution_id") WHERE "waiting_for_turn";

-- Threshold triggers: last observed state per rule (fire on crossing, with cooldown).
CREATE TABLE "threshold_state" (
    "rule_id" UUID NOT NULL,
    "last_value" DOUBLE PRECISION,
    "above" BOOLEAN NOT NULL DEFAULT false,
    "checked_at" TIMESTAMPTZ(3),
    "last_fired_at" TIMESTAMPTZ(3),
    CONSTRAINT "threshold_state_pkey" PRIMARY KEY ("rule_id")
);

-- Active executions of a rule (overlap checks) without scanning its history.
CREATE INDEX "task_execution_active_idx" ON "task_execution" ("rule_id") WHERE "status" IN ('pending', 'running', 'retrying');
