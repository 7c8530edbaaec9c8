-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'operator', 'editor', 'admin');

-- CreateEnum
CREATE TYPE "RuleStatus" AS ENUM ('enabled', 'disabled', 'archived');

-- CreateEnum
CREATE TYPE "ExecutionStatus" AS ENUM ('pending', 'running', 'retrying', 'success', 'failed', 'skipped', 'cancelled');

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMPTZ(3),

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "automation_rule" (
    "rule_id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT,
    "trigger_config" JSONB NOT NULL,
    "condition_logic" JSONB,
    "actions_config" JSONB NOT NULL,
    "retry_policy" JSONB,
    "execution_control" JSONB,
    "status" "RuleStatus" NOT NULL DEFAULT 'disabled',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "trigger_type" TEXT NOT NULL,
    "trigger_event_type" TEXT,
    "current_version" INTEGER NOT NULL DEFAULT 1,
    "webhook_secret_enc" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),
    "last_run_at" TIMESTAMPTZ(3),
    "next_fire_at" TIMESTAMPTZ(3),

    CONSTRAINT "automation_rule_pkey" PRIMARY KEY ("rule_id")
);

-- CreateTable
CREATE TABLE "rule_version" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,

    CONSTRAINT "rule_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_execution" (
    "execution_id" BIGSERIAL NOT NULL,
    "rule_id" UUID NOT NULL,
    "rule_version" INTEGER NOT NULL,
    "trigger_event_id" TEXT,
    "status" "ExecutionStatus" NOT NULL DEFAULT 'pending',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "scheduled_time" TIMESTAMPTZ(3),
    "start_time" TIMESTAMPTZ(3),
    "end_time" TIMESTAMPTZ(3),
    "input_data" JSONB,
    "output_data" JSONB,
    "error_message" TEXT,
    "error_class" TEXT,
    "retry_count" INTEGER NOT NULL DEFAULT 0,
    "next_action" INTEGER NOT NULL DEFAULT 0,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "next_attempt_at" TIMESTAMPTZ(3),
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "progress" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_execution_pkey" PRIMARY KEY ("execution_id")
);

-- CreateTable
CREATE TABLE "action_execution_log" (
    "action_log_id" BIGSERIAL NOT NULL,
    "execution_id" BIGINT NOT NULL,
    "action_index" INTEGER NOT NULL,
    "action_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "start_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_time" TIMESTAMPTZ(3),
    "details" JSONB,

    CONSTRAINT "action_execution_log_pkey" PRIMARY KEY ("action_log_id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" BIGSERIAL NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'api',
    "depth" INTEGER NOT NULL DEFAULT 0,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rule_fire" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" UUID NOT NULL,
    "scheduled_for" TIMESTAMPTZ(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "execution_id" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rule_fire_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "external_id" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "name" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connection" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "secret_enc" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "template" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" BIGSERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "execution_id" BIGINT,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dev_message" (
    "id" BIGSERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "from" TEXT,
    "subject" TEXT,
    "text" TEXT,
    "html" TEXT,
    "message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dev_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_heartbeat" (
    "worker_id" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "hostname" TEXT NOT NULL,
    "graphile_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_heartbeat_pkey" PRIMARY KEY ("worker_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "automation_rule_trigger_event_type_status_idx" ON "automation_rule"("trigger_event_type", "status");

-- CreateIndex
CREATE INDEX "automation_rule_status_trigger_type_idx" ON "automation_rule"("status", "trigger_type");

-- CreateIndex
CREATE INDEX "automation_rule_updated_at_rule_id_idx" ON "automation_rule"("updated_at" DESC, "rule_id");

-- CreateIndex
CREATE UNIQUE INDEX "rule_version_rule_id_version_key" ON "rule_version"("rule_id", "version");

-- CreateIndex
CREATE INDEX "task_execution_rule_id_execution_id_idx" ON "task_execution"("rule_id", "execution_id" DESC);

-- CreateIndex
CREATE INDEX "task_execution_status_execution_id_idx" ON "task_execution"("status", "execution_id" DESC);

-- CreateIndex
CREATE INDEX "task_execution_created_at_idx" ON "task_execution"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "task_execution_rule_id_trigger_event_id_key" ON "task_execution"("rule_id", "trigger_event_id");

-- CreateIndex
CREATE INDEX "action_execution_log_execution_id_action_log_id_idx" ON "action_execution_log"("execution_id", "action_log_id");

-- CreateIndex
CREATE UNIQUE INDEX "event_event_id_key" ON "event"("event_id");

-- CreateIndex
CREATE INDEX "event_type_received_at_idx" ON "event"("type", "received_at");

-- CreateIndex
CREATE INDEX "event_received_at_idx" ON "event"("received_at");

-- CreateIndex
CREATE INDEX "rule_fire_rule_id_scheduled_for_idx" ON "rule_fire"("rule_id", "scheduled_for" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "rule_fire_rule_id_scheduled_for_key" ON "rule_fire"("rule_id", "scheduled_for");

-- CreateIndex
CREATE UNIQUE INDEX "contact_external_id_key" ON "contact"("external_id");

-- CreateIndex
CREATE INDEX "contact_updated_at_id_idx" ON "contact"("updated_at" DESC, "id");

-- CreateIndex
CREATE UNIQUE INDEX "connection_name_key" ON "connection"("name");

-- CreateIndex
CREATE UNIQUE INDEX "template_name_key" ON "template"("name");

-- CreateIndex
CREATE INDEX "audit_log_at_id_idx" ON "audit_log"("at" DESC, "id");

-- CreateIndex
CREATE INDEX "audit_log_entity_at_idx" ON "audit_log"("entity", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_log_actor_at_idx" ON "audit_log"("actor", "at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "notification_idempotency_key_key" ON "notification"("idempotency_key");

-- CreateIndex
CREATE INDEX "notification_created_at_id_idx" ON "notification"("created_at" DESC, "id");

-- CreateIndex
CREATE UNIQUE INDEX "dev_message_message_id_key" ON "dev_message"("message_id");

-- CreateIndex
CREATE INDEX "dev_message_channel_id_idx" ON "dev_message"("channel", "id" DESC);

-- AddForeignKey
ALTER TABLE "rule_version" ADD CONSTRAINT "rule_version_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "automation_rule"("rule_id") ON DELETE RESTRICT ON UPDATE CASCADE;

