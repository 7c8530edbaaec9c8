"use client";
// The trigger's form: generated from the trigger type's own zod schema, with helpers where a bare
// input is not enough — the cron expression in words (describeCron, in the UI language) and the
// next five fires from the server, in the rule's timezone; a timezone picker of common zones that
// also takes any IANA name.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useState } from "react";
import type { z } from "zod";
import { useI18n } from "@/components/i18n/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { triggerTypeKey } from "@/components/rules/trigger-summary";
import { intlLocale } from "@/components/ui/format";
import { errorInfo } from "@/components/ui/trpc-error";
import { describeCron } from "@/server/domain/triggers/describe-cron";
import {
  cronTriggerSchema, eventTriggerSchema, intervalTriggerSchema, onceTriggerSchema, thresholdTriggerSchema, webhookTriggerSchema,
} from "@/server/domain/triggers/trigger-schema";
import { TRIGGER_TYPES, defaultTrigger, isTriggerKind } from "./defaults";
import { EnumField, FieldFrame, SchemaForm, TextField } from "./fields";
import type { FieldIssues } from "./issue-map";
import { objectFields } from "./schema-fields";
import type { DraftTrigger } from "./rule-graph";

const triggerSchemas: Record<string, z.ZodType> = {
  cron: cronTriggerSchema,
  interval: intervalTriggerSchema,
  once: onceTriggerSchema,
  event: eventTriggerSchema,
  webhook: webhookTriggerSchema,
  threshold: thresholdTriggerSchema,
};

export const COMMON_TIMEZONES = [
  "UTC",
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Asia/Singapore",
  "Asia/Kolkata",
  "Asia/Dubai",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Moscow",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Africa/Johannesburg",
  "Australia/Sydney",
  "Pacific/Auckland",
] as const;

const OTHER = "__other";

/** Waits until `value` has been still for `ms` (the preview query should not fire per keystroke). */
function useDebounced<V>(value: V, ms: number): V {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function TimezoneField({ value, onChange, errors, readOnly }: { value: unknown; onChange(v: string | undefined): void; errors?: string[]; readOnly?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const zone = typeof value === "string" ? value : "";
  const local = typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  const zones = useMemo(() => (COMMON_TIMEZONES.includes(local as never) ? [...COMMON_TIMEZONES] : [...COMMON_TIMEZONES, local]), [local]);
  const [other, setOther] = useState(zone !== "" && !zones.includes(zone));
  const listed = !other && (zone === "" || zones.includes(zone));
  return (
    <FieldFrame id={id} name="timezone" optional hint={t("builder.timezoneHint")} errors={errors}>
      <select
        id={id}
        className="input select"
        value={listed ? zone : OTHER}
        disabled={readOnly}
        onChange={(e) => {
          if (e.target.value === OTHER) {
            setOther(true);
            return;
          }
          setOther(false);
          onChange(e.target.value === "" ? undefined : e.target.value);
        }}
        data-testid="field-timezone"
      >
        <option value="">{t("builder.defaultOption", { value: "UTC" })}</option>
        {zones.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
        <option value={OTHER}>{t("builder.timezoneOther")}</option>
      </select>
      {!listed && (
        <input
          className="input mono"
          value={zone}
          placeholder="America/Argentina/Buenos_Aires"
          aria-label={t("builder.timezoneCustom")}
          readOnly={readOnly}
          onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
          data-testid="field-timezone-custom"
        />
      )}
    </FieldFrame>
  );
}

/** The next fire times from the server (triggers.preview), shown in `zone`. */
export function NextFires({ trigger }: { trigger: DraftTrigger }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const settled = useDebounced(trigger, 350);
  const schema = triggerSchemas[settled.type];
  const valid = schema ? schema.safeParse(settled).success : false;
  const preview = useQuery({
    ...trpc.triggers.preview.queryOptions({ trigger: settled, count: 5 }),
    enabled: valid,
    retry: false,
    staleTime: 30_000,
  });
  const zone = settled.type === "cron" && typeof settled.timezone === "string" && settled.timezone ? settled.timezone : settled.type === "cron" ? "UTC" : undefined;
  const fmt = useMemo(() => {
    try {
      return new Intl.DateTimeFormat(intlLocale(locale), {
        timeZone: zone,
        weekday: "short",
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
      });
    } catch {
      return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short" });
    }
  }, [locale, zone]);
  const shownZone = zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className="rb-fires" data-testid="trigger-next-fires" aria-live="polite">
      <p className="field-label">{t("builder.nextFires", { zone: shownZone })}</p>
      {!valid ? (
        <p className="muted small">{t("builder.nextFiresInvalid")}</p>
      ) : preview.isPending ? (
        <p className="muted small">{t("common.loading")}</p>
      ) : preview.isError ? (
        <p className="field-error">{errorInfo(preview.error).message}</p>
      ) : preview.data.items.length === 0 ? (
        <p className="muted small">{t("builder.nextFiresNone")}</p>
      ) : (
        <ol className="rb-fires-list">
          {preview.data.items.map((iso) => (
            <li key={iso} data-testid="trigger-next-fire" title={iso}>
              {fmt.format(new Date(iso))}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function CronField({ value, onChange, errors, readOnly }: { value: unknown; onChange(v: string | undefined): void; errors?: string[]; readOnly?: boolean }) {
  const { t, locale } = useI18n();
  const expr = typeof value === "string" ? value : "";
  const words = expr.trim() ? describeCron(expr, locale) : "";
  return (
    <>
      <TextField name="cron" value={value} onChange={onChange} errors={errors} readOnly={readOnly} mono placeholder="0 9 * * 1-5" hint={t("builder.cronHint")} />
      {words && (
        <p className="rb-cron-words" data-testid="cron-description">
          {words}
        </p>
      )}
    </>
  );
}

export function TriggerInspector({
  trigger, onChange, errors, readOnly,
}: {
  trigger: DraftTrigger;
  onChange(next: DraftTrigger, key?: string): void;
  errors: FieldIssues;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const schema = triggerSchemas[trigger.type];
  const fields = schema ? objectFields(schema) : [];
  const set = (name: string, value: unknown) => {
    const next: DraftTrigger = { ...trigger };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange(next, `trigger.${name}`);
  };
  const timed = trigger.type === "cron" || trigger.type === "interval" || trigger.type === "once";
  return (
    <div className="rb-form" data-testid="trigger-form">
      <EnumField
        name="type"
        label={t("builder.triggerType")}
        value={trigger.type}
        readOnly={readOnly}
        options={TRIGGER_TYPES.map((k) => ({ value: k, label: t(triggerTypeKey[k]) }))}
        onChange={(v) => v && isTriggerKind(v) && v !== trigger.type && onChange(defaultTrigger(v))}
        errors={errors.type}
        testId="field-trigger-type"
      />
      {trigger.type === "webhook" && <p className="muted small">{t("builder.webhookHint")}</p>}
      {errors[""]?.map((m, i) => (
        <p key={i} className="field-error">
          {m}
        </p>
      ))}
      <SchemaForm
        fields={fields}
        value={trigger}
        onChange={set}
        errors={errors}
        readOnly={readOnly}
        exclude={["type"]}
        render={(f) => {
          if (f.name === "cron") return <CronField value={trigger.cron} onChange={(v) => set("cron", v ?? "")} errors={errors.cron} readOnly={readOnly} />;
          if (f.name === "timezone") return <TimezoneField value={trigger.timezone} onChange={(v) => set("timezone", v)} errors={errors.timezone} readOnly={readOnly} />;
          if (f.name === "event" || f.name === "eventType")
            return <TextField name={f.name} optional={f.optional} value={trigger[f.name]} onChange={(v) => set(f.name, v)} errors={errors[f.name]} readOnly={readOnly} mono placeholder="order.paid" />;
          if (f.name === "at" || f.name === "startAt")
            return (
              <TextField name={f.name} optional={f.optional} value={trigger[f.name]} onChange={(v) => set(f.name, v)} errors={errors[f.name]} readOnly={readOnly} mono placeholder="2026-12-24T09:00:00+08:00" hint={t("builder.instantHint")} />
            );
          return undefined;
        }}
      />
      {timed && <NextFires trigger={trigger} />}
    </div>
  );
}
