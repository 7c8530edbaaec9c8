-- Monitoring, alerting and retention (issue "Monitoring, alerting and audit").
--
-- Rollups: the engine counts each execution once when it finishes, in the transaction that
-- finishes it (server/domain/monitoring/record-finished.ts), into per-minute and per-hour rows and
-- running totals. Dashboards, alert checks and /api/metrics read these, never task_execution.
-- CreateTable
CREATE TABLE "execution_rollup" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "rule_id" UUID NOT NULL,
    "status" "ExecutionStatus" NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,
    "duration_count" BIGINT NOT NULL DEFAULT 0,
    "duration_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "duration_hist" BIGINT[],

    CONSTRAINT "execution_rollup_pkey" PRIMARY KEY ("bucket","rule_id","status")
);

-- CreateTable
CREATE TABLE "execution_rollup_hour" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "rule_id" UUID NOT NULL,
    "status" "ExecutionStatus" NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,
    "duration_count" BIGINT NOT NULL DEFAULT 0,
    "duration_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "duration_hist" BIGINT[],

    CONSTRAINT "execution_rollup_hour_pkey" PRIMARY KEY ("bucket","rule_id","status")
);

-- CreateTable
CREATE TABLE "execution_total" (
    "rule_id" UUID NOT NULL,
    "status" "ExecutionStatus" NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "execution_total_pkey" PRIMARY KEY ("rule_id","status")
);

-- CreateTable
CREATE TABLE "action_duration_total" (
    "rule_id" UUID NOT NULL,
    "action_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,
    "duration_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "duration_hist" BIGINT[],

    CONSTRAINT "action_duration_total_pkey" PRIMARY KEY ("rule_id","action_type","status")
);

-- CreateTable
CREATE TABLE "alert_rule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT,
    "kind" TEXT NOT NULL,
    "rule_id" UUID,
    "params" JSONB NOT NULL DEFAULT '{}',
    "channels" JSONB NOT NULL DEFAULT '[]',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_evaluated_at" TIMESTAMPTZ(3),
    "last_value" DOUBLE PRECISION,
    "last_error" TEXT,

    CONSTRAINT "alert_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_incident" (
    "id" BIGSERIAL NOT NULL,
    "alert_rule_id" UUID,
    "alert_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "summary" TEXT NOT NULL,
    "details" JSONB,
    "resolution" JSONB,
    "notices" JSONB NOT NULL DEFAULT '{}',
    "pending" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "alert_incident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_rule_created_at_id_idx" ON "alert_rule"("created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "alert_incident_opened_at_id_idx" ON "alert_incident"("opened_at" DESC, "id");

-- CreateIndex
CREATE INDEX "alert_incident_alert_rule_id_opened_at_idx" ON "alert_incident"("alert_rule_id", "opened_at" DESC);

-- AddForeignKey
ALTER TABLE "alert_incident" ADD CONSTRAINT "alert_incident_alert_rule_id_fkey" FOREIGN KEY ("alert_rule_id") REFERENCES "alert_rule"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written (not expressible in schema.prisma):

-- At most one open incident per alert rule: the evaluator's "open" is an INSERT that a second
-- evaluator (another worker, the web watchdog) cannot repeat.
CREATE UNIQUE INDEX "alert_incident_open_key" ON "alert_incident" ("alert_rule_id") WHERE "status" = 'open';

-- Incidents with notices still to send (the evaluator's outbox).
CREATE INDEX "alert_incident_pending_idx" ON "alert_incident" ("id") WHERE "pending";

-- Missed fires by when they were recorded (dashboard "missed schedules", dead-man alerts), without
-- scanning every fire.
CREATE INDEX "rule_fire_missed_idx" ON "rule_fire" ("created_at") WHERE "outcome" = 'missed';

