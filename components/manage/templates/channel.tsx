"use client";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { Badge } from "@/components/ui/badge";
import { IconMail, IconMessage } from "@/components/ui/icons";

export const CHANNELS = ["email", "sms"] as const;
export type Channel = (typeof CHANNELS)[number];
export const channelKey: Record<Channel, MessageKey> = { email: "manage.channel.email", sms: "manage.channel.sms" };

export function ChannelBadge({ channel }: { channel: string }) {
  const { t } = useI18n();
  const known = channel === "email" || channel === "sms" ? channel : null;
  return (
    <Badge tone={known === "email" ? "blue" : known === "sms" ? "amber" : "neutral"} className="m-badge-icon" data-testid="template-channel" data-channel={channel}>
      {known === "email" ? <IconMail /> : known === "sms" ? <IconMessage /> : null}
      {known ? t(channelKey[known]) : channel}
    </Badge>
  );
}
