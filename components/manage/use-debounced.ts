"use client";
import { useEffect, useState } from "react";

/**
 * `value`, once it has stopped changing for `delay` ms. Values are compared by their JSON, so an
 * object rebuilt on every render with the same content does not restart the wait.
 */
export function useDebounced<T>(value: T, delay = 400): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState<{ key: string; value: T }>({ key, value });
  useEffect(() => {
    if (key === settled.key) return;
    const id = setTimeout(() => setSettled({ key, value }), delay);
    return () => clearTimeout(id);
    // `value` is represented by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delay, settled.key]);
  return settled.value;
}
