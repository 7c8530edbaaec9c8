"use client";
import { useEffect, useId, useRef, useState } from "react";
import { IconSearch } from "./icons";

/** A search box that reports its value after the user pauses typing (and at once on Enter). */
export function SearchInput({
  label, value, onSearch, placeholder, delay = 300, ...rest
}: {
  label: string;
  value: string;
  onSearch: (q: string) => void;
  placeholder?: string;
  delay?: number;
  "data-testid"?: string;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const last = useRef(value);
  // The URL changed from outside (Back, a link): follow it.
  useEffect(() => {
    if (value !== last.current) {
      last.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    if (text === last.current) return;
    const timer = setTimeout(() => {
      last.current = text;
      onSearch(text);
    }, delay);
    return () => clearTimeout(timer);
  }, [text, delay, onSearch]);
  return (
    <div className="field search-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="search-box">
        <span className="search-icon" aria-hidden>
          <IconSearch />
        </span>
        <input
          id={id}
          type="search"
          className="input search-input"
          value={text}
          placeholder={placeholder}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              last.current = text;
              onSearch(text);
            }
          }}
          data-testid={rest["data-testid"]}
        />
      </div>
    </div>
  );
}
