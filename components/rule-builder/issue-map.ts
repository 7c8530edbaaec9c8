// Validation issues (from the client-side schema check or the server's 422) sorted onto the node
// and the field they belong to: `actions.2.params.to` → action 2, field `to`;
// `trigger.cron` → the trigger's `cron`; `condition.all.0.value` → the condition rule at
// `all.0`, its value; `name`, `retryPolicy.maxAttempts` → rule settings.

export interface Issue {
  path: string;
  message: string;
}

/** Messages by field name; "" = the node (or params) as a whole. */
export type FieldIssues = Record<string, string[]>;

export interface ConditionIssue {
  /** The condition node's path inside the condition, "" for the root, e.g. "all.0" or "any.1.not". */
  node: string;
  /** "field", "op", "value" or "" (the node itself). */
  field: string;
  message: string;
}

export interface ActionIssues {
  /** By param name: "to", "headers"… ("" = the params object). */
  params: FieldIssues;
  /** The action entry's own keys: "type", "name", "timeoutMs" ("" = the entry). */
  entry: FieldIssues;
  count: number;
}

export interface IssueIndex {
  trigger: FieldIssues;
  triggerCount: number;
  condition: ConditionIssue[];
  actions: Map<number, ActionIssues>;
  /** name, description, priority, retryPolicy.*, execution.* and whole-document messages. */
  settings: FieldIssues;
  /** Messages about the action list itself ("a rule needs at least one action"). */
  actionList: string[];
  total: number;
}

export function emptyIssueIndex(): IssueIndex {
  return { trigger: {}, triggerCount: 0, condition: [], actions: new Map(), settings: {}, actionList: [], total: 0 };
}

function push(target: FieldIssues, field: string, message: string) {
  (target[field] ??= []).push(message);
}

const conditionLeafKeys = new Set(["field", "op", "value"]);

export function splitIssuePath(path: string | readonly PropertyKey[]): string[] {
  if (Array.isArray(path)) return path.map((p) => String(p));
  return (path as string) === "" ? [] : (path as string).split(".");
}

export function indexIssues(issues: readonly { path: string | readonly PropertyKey[]; message: string }[]): IssueIndex {
  const index = emptyIssueIndex();
  for (const issue of issues) {
    const parts = splitIssuePath(issue.path);
    const [head, ...rest] = parts;
    index.total += 1;
    if (head === "trigger") {
      push(index.trigger, rest[0] ?? "", issue.message);
      index.triggerCount += 1;
    } else if (head === "condition") {
      const at = rest.findIndex((p) => conditionLeafKeys.has(p));
      const nodePath = at === -1 ? rest : rest.slice(0, at);
      index.condition.push({ node: nodePath.join("."), field: at === -1 ? "" : rest[at]!, message: issue.message });
    } else if (head === "actions" && rest.length > 0 && /^\d+$/.test(rest[0]!)) {
      const i = Number(rest[0]);
      let entry = index.actions.get(i);
      if (!entry) index.actions.set(i, (entry = { params: {}, entry: {}, count: 0 }));
      entry.count += 1;
      if (rest[1] === "params") push(entry.params, rest[2] ?? "", issue.message);
      else push(entry.entry, rest[1] ?? "", issue.message);
    } else if (head === "actions") {
      index.actionList.push(issue.message);
    } else {
      push(index.settings, parts.join("."), issue.message);
    }
  }
  return index;
}

/** The issues of one condition node, by field. */
export function conditionIssuesAt(index: IssueIndex, nodePath: string): FieldIssues {
  const out: FieldIssues = {};
  for (const i of index.condition) if (i.node === nodePath) push(out, i.field, i.message);
  return out;
}
