"use client";
// Commands the canvas nodes call (select, move, delete). The context value never changes — it
// forwards to the latest handlers through a ref — so memoized nodes do not re-render when the
// builder does.
import { createContext, useContext, useLayoutEffect, useMemo, useRef } from "react";

export interface NodeCommands {
  select(id: string): void;
  moveAction(id: string, delta: -1 | 1): void;
  removeAction(id: string): void;
  removeCondition(): void;
}

const noop: NodeCommands = { select() {}, moveAction() {}, removeAction() {}, removeCondition() {} };

export const NodeCommandsContext = createContext<NodeCommands>(noop);

export function useNodeCommands(): NodeCommands {
  return useContext(NodeCommandsContext);
}

/** A stable NodeCommands object that always calls the handlers of the latest render. */
export function useStableCommands(handlers: NodeCommands): NodeCommands {
  const ref = useRef(handlers);
  useLayoutEffect(() => {
    ref.current = handlers;
  });
  return useMemo<NodeCommands>(
    () => ({
      select: (id) => ref.current.select(id),
      moveAction: (id, delta) => ref.current.moveAction(id, delta),
      removeAction: (id) => ref.current.removeAction(id),
      removeCondition: () => ref.current.removeCondition(),
    }),
    [],
  );
}
