import { errorInfo } from "@/components/ui/trpc-error";

/**
 * The message of the first issue at `path` (or below it) of a failed save, for the field's
 * error line; `prefix` strips a wrapper such as "config." that the server adds.
 */
export function fieldErrors(error: unknown) {
  const issues = error ? errorInfo(error).issues : [];
  const used = new Set<number>();
  return {
    get(path: string): string | undefined {
      const i = issues.findIndex((x) => x.path === path || x.path.startsWith(path + "."));
      if (i < 0) return undefined;
      used.add(i);
      return issues[i].message;
    },
    /** Issues no field claimed (shown in the banner). */
    rest() {
      return issues.filter((_, i) => !used.has(i));
    },
    any: issues.length > 0,
  };
}
