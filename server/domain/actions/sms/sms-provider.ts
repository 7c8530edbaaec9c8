// How an SMS leaves Autoflow. One interface so a new gateway is one more file, not a change to
// the action; every provider gets the idempotency key to pass on (or to dedupe with).
export interface SmsSendOptions {
  idempotencyKey: string;
  signal: AbortSignal;
}

export interface SmsProvider {
  /** Where the message goes, for outputs and logs (never a credential). */
  label: string;
  send(to: string, text: string, opts: SmsSendOptions): Promise<{ providerMessageId: string }>;
}
