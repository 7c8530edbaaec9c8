// UI strings of the monitoring area. `zh` must have every key of `en` (the type says so).
export const en = {
} as const;

export const zh: Record<keyof typeof en, string> = {
};
