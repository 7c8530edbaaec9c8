-- The SQL door for systems that share the database: `select autoflow.emit_event('order.paid', '{"orderId": 1}', 'ord-1')`.
-- It inserts the event (a repeated id is a no-op) and enqueues its dispatch in the caller's transaction,
-- so a rolled-back business write emits nothing.
CREATE SCHEMA IF NOT EXISTS autoflow;

CREATE OR REPLACE FUNCTION autoflow.emit_event(p_type text, p_payload jsonb DEFAULT '{}'::jsonb, p_id text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
  v_id bigint;
BEGIN
  IF p_type IS NULL OR p_type !~ '^[A-Za-z0-9_.:-]{1,200}$' THEN
    RAISE EXCEPTION 'autoflow.emit_event: event type % is invalid (letters, digits, _ . : -, up to 200)', p_type
      USING ERRCODE = '22023';
  END IF;
  INSERT INTO public.event (event_id, type, payload, source, occurred_at)
  VALUES (coalesce(p_id, gen_random_uuid()::text), p_type, coalesce(p_payload, '{}'::jsonb), 'sql', now())
  ON CONFLICT (event_id) DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NOT NULL THEN
    PERFORM graphile_worker.add_job('dispatch', json_build_object('eventIds', json_build_array(v_id::text)));
  END IF;
  RETURN v_id;
END
$$;
