/**
 * The one place that knows what a template variable looks like: `{{ dot.path }}`,
 * spaces allowed inside the braces, no spaces or braces inside the path. Renderer and
 * checker both use it, so what the editor flags is exactly what the runtime fills in.
 */

/** Matches `{{ path }}`; group 1 is the path. Global: make a fresh one per use (lastIndex). */
export function templateVariablePattern(): RegExp {
  return /\{\{\s*([^{}\s]+)\s*\}\}/g;
}

/** Matches anything that looks like it was meant to be a variable, well-formed or not. */
export function templateLikePattern(): RegExp {
  return /\{\{([^{}]*)\}\}/g;
}

/** True when a string holds at least one `{{...}}` (used to accept templated params as valid). */
export function hasTemplate(text: string): boolean {
  return text.includes("{{");
}
