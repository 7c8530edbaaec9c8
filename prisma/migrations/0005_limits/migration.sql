-- Abuse limits (seed 10.4).

-- Frequency cap per recipient across all rules: one row per message sent (the recipient as the
-- SHA-256 of its normalised address); a retried attempt with the same idempotency key counts once.
CREATE TABLE "recipient_send" (
    "id" BIGSERIAL NOT NULL,
    "recipient_hash" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recipient_send_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "recipient_send_recipient_hash_idempotency_key_key" ON "recipient_send"("recipient_hash", "idempotency_key");
CREATE INDEX "recipient_send_recipient_hash_sent_at_idx" ON "recipient_send"("recipient_hash", "sent_at");
CREATE INDEX "recipient_send_sent_at_idx" ON "recipient_send"("sent_at");

-- Rate limits per action type and per connection, shared by every worker process (GCRA buckets;
-- tat = theoretical arrival time in epoch milliseconds).
CREATE TABLE "rate_limit_bucket" (
    "key" TEXT NOT NULL,
    "tat" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_limit_bucket_pkey" PRIMARY KEY ("key")
);
