// Paging cursors: opaque to the agent, but plain inside, base64url of a small JSON object naming the
// tool it belongs to and the state to continue from. A cursor of another tool, or a damaged one, is a
// clear input error naming `cursor`.

import { ToolInputError } from './errors.js';

/** Encodes `state` as a cursor of `tool`. */
export function encodeCursor(tool: string, state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ t: tool, ...state }), 'utf8').toString('base64url');
}

/** The state of a cursor made by `encodeCursor(tool, …)`; throws a `ToolInputError` otherwise. */
export function decodeCursor<T extends Record<string, unknown>>(
  tool: string,
  cursor: string,
  check: (state: Record<string, unknown>) => state is T,
): T {
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    state = undefined;
  }
  if (
    typeof state !== 'object' ||
    state === null ||
    (state as { t?: unknown }).t !== tool ||
    !check(state as Record<string, unknown>)
  ) {
    // The value is not repeated: it is opaque, and whatever was pasted into it stays out of the answer.
    throw new ToolInputError({
      parameter: 'cursor',
      value: '(not a cursor of this tool)',
      allowed: `a nextCursor returned by ${tool}, unchanged`,
      hint: 'Call the tool without a cursor to start again.',
    });
  }
  return state as T;
}
