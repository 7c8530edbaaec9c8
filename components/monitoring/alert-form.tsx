"use client";
// Create or edit an alert rule (admins): what to watch (kind, scope, parameters) and where to send
// the notices (email, signed webhook, in-app). The server validates the same document and
// answers field paths (params.threshold, channels.1.url) that are shown next to the form.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/manage/dialog";
import { RuleSelect } from "@/components/manage/rule-select";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/field";
import { IconX } from "@/components/ui/icons";
import { Alert } from "@/components/ui/states";
import { errorInfo } from "@/components/ui/trpc-error";
import { ALERT_KINDS, DEFAULT_PARAMS, SCOPED_KINDS, kindKey, type AlertKind } from "./alert-kinds";
import type { AlertRule } from "./types";
import "@/components/manage/manage.css";

type ChannelDraft =
  | { type: "email"; to: string; connectionId?: string }
  | { type: "webhook"; url: string; secret: string; hasSecret: boolean }
  | { type: "in_app"; role: string };

const ROLES = ["viewer", "operator", "editor", "admin"] as const;

const PARAM_FIELDS: Record<AlertKind, { key: string; label: MessageKey; percent?: boolean; optional?: boolean }[]> = {
  failure_rate: [
    { key: "threshold", label: "alerts.form.threshold", percent: true },
    { key: "windowSeconds", label: "alerts.form.window" },
    { key: "minExecutions", label: "alerts.form.minExecutions" },
  ],
  consecutive_failures: [{ key: "count", label: "alerts.form.count" }],
  missed_schedule: [
    { key: "graceSeconds", label: "alerts.form.grace" },
    { key: "windowSeconds", label: "alerts.form.missedWindow" },
  ],
  queue_backlog: [
    { key: "maxAgeSeconds", label: "alerts.form.maxAge" },
    { key: "maxDepth", label: "alerts.form.maxDepth", optional: true },
  ],
  worker_count: [{ key: "minWorkers", label: "alerts.form.minWorkers" }],
};

function paramsToText(kind: AlertKind, params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of PARAM_FIELDS[kind]) {
    const v = params[f.key];
    out[f.key] = v === undefined || v === null ? "" : f.percent ? String(Math.round(Number(v) * 1000) / 10) : String(v);
  }
  return out;
}

function channelsOf(rule: AlertRule | null): ChannelDraft[] {
  if (!rule) return [{ type: "email", to: "" }];
  return rule.channels.map((c): ChannelDraft => {
    if (c.type === "email") return { type: "email", to: c.to.join(", "), connectionId: c.connectionId };
    if (c.type === "webhook") return { type: "webhook", url: c.url, secret: "", hasSecret: c.hasSecret };
    return { type: "in_app", role: c.role };
  });
}

export function AlertFormDialog({ open, onClose, rule, onSaved }: { open: boolean; onClose: () => void; rule: AlertRule | null; onSaved: (created: boolean) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const initialKind = (rule?.kind as AlertKind) ?? "failure_rate";
  const [name, setName] = useState(rule?.name ?? "");
  const [description, setDescription] = useState(rule?.description ?? "");
  const [kind, setKind] = useState<AlertKind>(initialKind);
  const [ruleId, setRuleId] = useState(rule?.ruleId ?? "");
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [params, setParams] = useState<Record<string, string>>(paramsToText(initialKind, rule?.params ?? DEFAULT_PARAMS[initialKind]));
  const [channels, setChannels] = useState<ChannelDraft[]>(channelsOf(rule));

  const onSuccess = async () => {
    await Promise.all([qc.invalidateQueries({ queryKey: trpc.alerts.list.queryKey() }), qc.invalidateQueries({ queryKey: trpc.alerts.incidents.queryKey() })]);
    onSaved(!rule);
  };
  const create = useMutation(trpc.alerts.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.alerts.update.mutationOptions({ onSuccess }));
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const info = error ? errorInfo(error) : null;
  const issue = (path: string) => info?.issues.find((i) => i.path === path)?.message;

  const changeKind = (k: AlertKind) => {
    setKind(k);
    setParams(paramsToText(k, DEFAULT_PARAMS[k]));
    if (!SCOPED_KINDS.includes(k)) setRuleId("");
  };
  const setChannel = (i: number, patch: Partial<ChannelDraft>) => setChannels((cs) => cs.map((c, j) => (j === i ? ({ ...c, ...patch } as ChannelDraft) : c)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p: Record<string, number> = {};
    for (const f of PARAM_FIELDS[kind]) {
      const raw = params[f.key]?.trim() ?? "";
      if (raw === "" && f.optional) continue;
      const n = Number(raw);
      p[f.key] = f.percent ? n / 100 : n;
    }
    // Parameters the form does not show (cooldownSeconds) keep their stored value.
    if (rule && rule.kind === kind) for (const [k, v] of Object.entries(rule.params)) if (!(k in p) && !PARAM_FIELDS[kind].some((f) => f.key === k)) p[k] = Number(v);
    const doc = {
      name,
      description: description.trim() || null,
      kind,
      enabled,
      ruleId: SCOPED_KINDS.includes(kind) && ruleId ? ruleId : null,
      params: p,
      channels: channels.map((c) => {
        if (c.type === "email") return { type: "email", to: c.to.split(/[,;\s]+/).filter(Boolean), ...(c.connectionId ? { connectionId: c.connectionId } : {}) };
        if (c.type === "webhook") return { type: "webhook", url: c.url.trim(), ...(c.secret ? { secret: c.secret } : {}) };
        return { type: "in_app", role: c.role };
      }),
    };
    if (rule) update.mutate({ id: rule.id, alert: doc });
    else create.mutate({ alert: doc });
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      wide
      title={rule ? t("alerts.form.editTitle") : t("alerts.form.createTitle")}
      data-testid="alert-form"
      footer={
        <>
          <Button onClick={onClose}>{t("alerts.form.cancel")}</Button>
          <Button variant="primary" type="submit" form="alert-form" loading={saving} disabled={channels.length === 0} data-testid="alert-save">
            {rule ? t("alerts.form.save") : t("alerts.form.create")}
          </Button>
        </>
      }
    >
      <form id="alert-form" className="m-form" onSubmit={submit} noValidate>
        {info && (
          <Alert tone="error" title={t("alerts.form.failed")} data-testid="alert-form-error">
            <span className="alert-message">{info.message}</span>
          </Alert>
        )}
        <div className="m-form-row">
          <Input label={t("alerts.form.name")} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} error={issue("name")} data-testid="alert-name" />
          <Select
            label={t("alerts.form.kind")}
            value={kind}
            onChange={(e) => changeKind(e.target.value as AlertKind)}
            options={ALERT_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))}
            data-testid="alert-kind"
          />
        </div>
        <p className="mon-kind-hint">{t(`alerts.kindHint.${kind}` as MessageKey)}</p>
        {SCOPED_KINDS.includes(kind) && <RuleSelect value={ruleId} onChange={setRuleId} label={t("alerts.form.scope")} data-testid="alert-rule" />}
        <div className="m-form-row">
          {PARAM_FIELDS[kind].map((f) => (
            <Input
              key={`${kind}-${f.key}`}
              label={t(f.label)}
              type="number"
              inputMode="decimal"
              value={params[f.key] ?? ""}
              onChange={(e) => setParams((ps) => ({ ...ps, [f.key]: e.target.value }))}
              error={issue(`params.${f.key}`)}
              data-testid={`alert-param-${f.key}`}
            />
          ))}
        </div>
        <Textarea label={t("alerts.form.description")} value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={2000} />

        <fieldset className="m-fieldset">
          <legend className="field-label">{t("alerts.form.channels")}</legend>
          <div className="mon-channels">
            {channels.map((c, i) => (
              <div key={i} className="mon-channel" data-testid={`alert-channel-${c.type}`}>
                <div className="mon-channel-head">
                  <span>{t(`alerts.channel.${c.type}` as MessageKey)}</span>
                  <button type="button" className="m-icon-btn" aria-label={t("alerts.form.removeChannel")} onClick={() => setChannels((cs) => cs.filter((_, j) => j !== i))}>
                    <IconX />
                  </button>
                </div>
                {c.type === "email" && (
                  <Input
                    label={t("alerts.form.emailTo")}
                    value={c.to}
                    onChange={(e) => setChannel(i, { to: e.target.value })}
                    placeholder="oncall@example.com"
                    hint={t("alerts.form.emailHint")}
                    error={issue(`channels.${i}.to`) ?? issue(`channels.${i}.to.0`)}
                    data-testid="alert-email-to"
                  />
                )}
                {c.type === "webhook" && (
                  <div className="m-form-row">
                    <Input label={t("alerts.form.webhookUrl")} value={c.url} onChange={(e) => setChannel(i, { url: e.target.value })} placeholder="https://" error={issue(`channels.${i}.url`)} data-testid="alert-webhook-url" />
                    <Input
                      label={t("alerts.form.webhookSecret")}
                      type="password"
                      autoComplete="new-password"
                      value={c.secret}
                      onChange={(e) => setChannel(i, { secret: e.target.value })}
                      placeholder={c.hasSecret ? t("alerts.form.webhookSecretKeep") : ""}
                      hint={t("alerts.form.webhookSecretHint")}
                      error={issue(`channels.${i}.secret`)}
                    />
                  </div>
                )}
                {c.type === "in_app" && (
                  <Select
                    label={t("alerts.form.inAppRole")}
                    value={c.role}
                    onChange={(e) => setChannel(i, { role: e.target.value })}
                    options={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))}
                  />
                )}
              </div>
            ))}
            {channels.length === 0 && <p className="field-error">{t("alerts.form.noChannel")}</p>}
            <div className="mon-channel-add">
              <Button size="sm" onClick={() => setChannels((cs) => [...cs, { type: "email", to: "" }])} data-testid="add-email">
                + {t("alerts.form.addEmail")}
              </Button>
              <Button size="sm" onClick={() => setChannels((cs) => [...cs, { type: "webhook", url: "", secret: "", hasSecret: false }])} data-testid="add-webhook">
                + {t("alerts.form.addWebhook")}
              </Button>
              <Button size="sm" onClick={() => setChannels((cs) => [...cs, { type: "in_app", role: "operator" }])} data-testid="add-in-app">
                + {t("alerts.form.addInApp")}
              </Button>
            </div>
          </div>
        </fieldset>

        <label className="m-check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="alert-enabled" />
          <span>
            <span className="m-check-label">{t("alerts.form.enabled")}</span>
            <span className="m-check-hint">{t("alerts.form.enabledHint")}</span>
          </span>
        </label>
      </form>
    </Dialog>
  );
}
