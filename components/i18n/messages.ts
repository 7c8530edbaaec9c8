// UI strings. Keys are shared; `zh` must have every key of `en` (a test checks).
const en = {
  "app.name": "Autoflow",
  "nav.workbench": "Workbench",
  "nav.rules": "Rules",
  "nav.executions": "Executions",
  "nav.signOut": "Sign out",
  "login.title": "Sign in to Autoflow",
  "login.email": "Email",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.failed": "Email or password is wrong, or too many attempts: wait and try again.",
  "common.loading": "Loading…",
  "common.error": "Something went wrong: {message}",
  "common.empty": "Nothing here yet.",
  "common.next": "Next page",
  "common.prev": "First page",
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  "app.name": "Autoflow",
  "nav.workbench": "工作台",
  "nav.rules": "自动化规则",
  "nav.executions": "执行记录",
  "nav.signOut": "退出登录",
  "login.title": "登录 Autoflow",
  "login.email": "邮箱",
  "login.password": "密码",
  "login.submit": "登录",
  "login.failed": "邮箱或密码错误，或尝试次数过多：请稍后再试。",
  "common.loading": "加载中…",
  "common.error": "出错了：{message}",
  "common.empty": "暂无数据。",
  "common.next": "下一页",
  "common.prev": "第一页",
};

export const messages: Record<"en" | "zh", Record<MessageKey, string>> = { en, zh };
