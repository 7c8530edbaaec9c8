// Walks a zod 4 schema (`schema._zod.def`) into a description of the form that edits it: the
// inspector's action forms are GENERATED from the same params schemas the server validates with,
// so a new param (or a new action type) shows up in the builder without touching it.
//
// Refinements are checks inside a schema in zod 4, not wrappers, so `.refine`/`.superRefine`
// keep the schema's own type; `optional`, `default`, `nullable` and `pipe` are unwrapped here.
import type { z } from "zod";

export type FieldSpec =
  | { kind: "string"; format?: string }
  | { kind: "number"; int: boolean; min?: number; max?: number }
  | { kind: "boolean" }
  | { kind: "enum"; options: string[] }
  | { kind: "literal"; value: unknown }
  | { kind: "stringArray" }
  | { kind: "record"; value: FieldSpec }
  | { kind: "object"; fields: ObjectField[] }
  | { kind: "json" };

export interface ObjectField {
  name: string;
  spec: FieldSpec;
  /** May be left out (optional, or has a default). */
  optional: boolean;
  /** The value the server fills in when it is left out. */
  defaultValue?: unknown;
  nullable: boolean;
}

type Def = { type: string; [key: string]: unknown };
type Check = { _zod: { def: { check: string; value?: unknown; inclusive?: boolean; format?: string } } };

function defOf(schema: unknown): Def {
  return (schema as { _zod: { def: Def } })._zod.def;
}

interface Unwrapped {
  schema: z.ZodType;
  optional: boolean;
  nullable: boolean;
  defaultValue?: unknown;
}

/** Strips optional/default/nullable/pipe/readonly/lazy wrappers, remembering what they said. */
export function unwrap(schema: z.ZodType): Unwrapped {
  let current = schema;
  let optional = false;
  let nullable = false;
  let defaultValue: unknown;
  for (let guard = 0; guard < 20; guard++) {
    const def = defOf(current);
    if (def.type === "optional") {
      optional = true;
      current = def.innerType as z.ZodType;
    } else if (def.type === "nullable") {
      nullable = true;
      current = def.innerType as z.ZodType;
    } else if (def.type === "default" || def.type === "prefault") {
      optional = true;
      const dv = def.defaultValue;
      defaultValue = typeof dv === "function" ? (dv as () => unknown)() : dv;
      current = def.innerType as z.ZodType;
    } else if (def.type === "pipe") {
      // The input side is what the author types (e.g. string → checked string).
      current = def.in as z.ZodType;
    } else if (def.type === "readonly" || def.type === "catch" || def.type === "nonoptional") {
      current = def.innerType as z.ZodType;
    } else if (def.type === "lazy") {
      current = (def.getter as () => z.ZodType)();
    } else {
      break;
    }
  }
  return { schema: current, optional, nullable, defaultValue };
}

function numberBounds(def: Def): { int: boolean; min?: number; max?: number } {
  let int = false;
  let min: number | undefined;
  let max: number | undefined;
  for (const c of (def.checks as Check[] | undefined) ?? []) {
    const d = c._zod.def;
    if (d.check === "number_format" && (d.format === "safeint" || d.format === "int32" || d.format === "uint32")) int = true;
    if (d.check === "greater_than" && typeof d.value === "number") min = d.inclusive ? d.value : d.value + (int ? 1 : 0);
    if (d.check === "less_than" && typeof d.value === "number") max = d.inclusive ? d.value : d.value - (int ? 1 : 0);
  }
  return { int, min, max };
}

export function describeSchema(schema: z.ZodType): FieldSpec {
  const { schema: inner } = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case "string":
      return { kind: "string", format: typeof def.format === "string" ? def.format : undefined };
    case "number":
    case "int":
      return { kind: "number", ...numberBounds(def) };
    case "boolean":
      return { kind: "boolean" };
    case "enum":
      return { kind: "enum", options: Object.values(def.entries as Record<string, string>).map(String) };
    case "literal": {
      const values = def.values as unknown[];
      return values.length === 1 ? { kind: "literal", value: values[0] } : { kind: "enum", options: values.map(String) };
    }
    case "union": {
      // A union of literals is a choice; anything richer is edited as JSON.
      const options = (def.options as z.ZodType[]).map((o) => describeSchema(o));
      if (options.every((o) => o.kind === "literal" || o.kind === "enum")) {
        return { kind: "enum", options: options.flatMap((o) => (o.kind === "literal" ? [String(o.value)] : o.kind === "enum" ? o.options : [])) };
      }
      return { kind: "json" };
    }
    case "array": {
      const element = describeSchema(def.element as z.ZodType);
      return element.kind === "string" ? { kind: "stringArray" } : { kind: "json" };
    }
    case "record":
      return { kind: "record", value: describeSchema(def.valueType as z.ZodType) };
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      return {
        kind: "object",
        fields: Object.entries(shape).map(([name, field]) => {
          const u = unwrap(field);
          return { name, spec: describeSchema(u.schema), optional: u.optional, nullable: u.nullable, defaultValue: u.defaultValue };
        }),
      };
    }
    default:
      // custom, unknown, any, json, intersection…: a JSON textarea edits anything.
      return { kind: "json" };
  }
}

/** The fields of an object schema (an action's params); [] for anything else. */
export function objectFields(schema: z.ZodType): ObjectField[] {
  const spec = describeSchema(schema);
  return spec.kind === "object" ? spec.fields : [];
}
