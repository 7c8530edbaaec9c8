import type { ActionType } from "./action-types";

/**
 * How the builder and the execution views present each action type.
 *
 * `external`: the action reaches outside Autoflow's database (a mail server, an SMS
 * provider, an HTTP endpoint, the broker) or waits on the clock, so its effect cannot
 * be rolled back with the execution's transaction.
 * `slow`: it may take seconds to days (a remote endpoint's latency, a delay), so the
 * runtime must not hold a batch or a worker waiting for it. Email, SMS and publish
 * are external but quick hand-offs.
 */
export interface ActionMeta {
  label: { en: string; zh: string };
  description: { en: string; zh: string };
  external: boolean;
  slow: boolean;
}

export const actionMeta: Record<ActionType, ActionMeta> = {
  email: {
    label: { en: "Send email", zh: "发送邮件" },
    description: {
      en: "Sends an email over SMTP, or to the built-in dev mailbox when no SMTP server is set.",
      zh: "通过 SMTP 发送邮件；未配置 SMTP 时投递到内置的开发邮箱。",
    },
    external: true,
    slow: false,
  },
  sms: {
    label: { en: "Send SMS", zh: "发送短信" },
    description: { en: "Sends a text message through an SMS connection.", zh: "通过短信连接发送短信。" },
    external: true,
    slow: false,
  },
  http: {
    label: { en: "HTTP request", zh: "HTTP 请求" },
    description: {
      en: "Calls a URL. 2xx succeeds; 5xx, 429 and network errors are retried; other 4xx fail at once.",
      zh: "调用一个 URL。2xx 为成功；5xx、429 和网络错误会重试；其他 4xx 立即失败。",
    },
    external: true,
    slow: true,
  },
  update_contact: {
    label: { en: "Update contact", zh: "更新联系人" },
    description: { en: "Adds or removes tags and sets fields or attributes of a contact.", zh: "为联系人添加或移除标签，设置字段或属性。" },
    external: false,
    slow: false,
  },
  notify: {
    label: { en: "In-app notification", zh: "站内通知" },
    description: { en: "Shows a notification to users in Autoflow, optionally only from a given role up.", zh: "在 Autoflow 中向用户显示通知，可限定最低角色。" },
    external: false,
    slow: false,
  },
  publish: {
    label: { en: "Publish to RabbitMQ", zh: "发布到 RabbitMQ" },
    description: { en: "Publishes a message to an AMQP exchange with a routing key.", zh: "按路由键向 AMQP 交换机发布一条消息。" },
    external: true,
    slow: false,
  },
  emit_event: {
    label: { en: "Emit event", zh: "发出事件" },
    description: { en: "Raises an event that event-triggered rules receive.", zh: "发出一个事件，由事件触发的规则接收。" },
    external: false,
    slow: false,
  },
  delay: {
    label: { en: "Wait", zh: "等待" },
    description: {
      en: "Waits the given number of seconds before the next action, without holding a worker.",
      zh: "等待指定秒数后再执行下一个动作，等待期间不占用工作进程。",
    },
    external: true,
    slow: true,
  },
};
