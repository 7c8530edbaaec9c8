// The action registry. Typed as Record<ActionType, …>: adding an action type to the params
// schemas fails to compile until it has a plugin here.
import type { ActionType } from "./params";
import type { ActionPlugin } from "./plugin";
import { notifyAction } from "./notify/notify-action";
import { delayAction } from "./delay/delay-action";
import { emitEventAction } from "./emit-event/emit-event-action";
import { updateContactAction } from "./update-contact/update-contact-action";
import { emailAction } from "./email/email-action";
import { smsAction } from "./sms/sms-action";
import { httpAction } from "./http/http-action";
import { publishAction } from "./publish/publish-action";

export const actionRegistry: Record<ActionType, ActionPlugin> = {
  notify: notifyAction,
  delay: delayAction,
  emit_event: emitEventAction,
  update_contact: updateContactAction,
  email: emailAction,
  sms: smsAction,
  http: httpAction,
  publish: publishAction,
};
