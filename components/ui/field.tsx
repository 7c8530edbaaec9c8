"use client";
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { cx } from "./cx";

interface FieldProps {
  label: ReactNode;
  /** Hide the label visually (still read by screen readers). */
  hideLabel?: boolean;
  hint?: ReactNode;
  error?: ReactNode;
  className?: string;
}

function FieldFrame({
  id, label, hideLabel, hint, error, className, children,
}: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={cx("field", className)}>
      <label htmlFor={id} className={cx("field-label", hideLabel && "sr-only")}>
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export type InputProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "className"> & { inputClassName?: string };

export function Input({ label, hideLabel, hint, error, className, inputClassName, id: given, ...rest }: InputProps) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <FieldFrame id={id} label={label} hideLabel={hideLabel} hint={hint} error={error} className={className}>
      <input
        id={id}
        className={cx("input", inputClassName)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export type SelectProps = FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, "className"> & { options: SelectOption[] };

export function Select({ label, hideLabel, hint, error, className, options, id: given, ...rest }: SelectProps) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <FieldFrame id={id} label={label} hideLabel={hideLabel} hint={hint} error={error} className={className}>
      <select id={id} className="input select" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export type TextareaProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "className"> & { mono?: boolean };

export function Textarea({ label, hideLabel, hint, error, className, mono, id: given, ...rest }: TextareaProps) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <FieldFrame id={id} label={label} hideLabel={hideLabel} hint={hint} error={error} className={className}>
      <textarea
        id={id}
        className={cx("input", "textarea", mono && "mono")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        spellCheck={mono ? false : undefined}
        {...rest}
      />
    </FieldFrame>
  );
}
