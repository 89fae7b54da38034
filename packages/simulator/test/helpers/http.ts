// Plain-fetch helpers for tests: the simulator is checked independently of our client packages.

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function get<T = unknown>(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const res = await fetch(base + path, { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // leave as text
  }
  return { status: res.status, headers: res.headers, body: body as T, text };
}

/** A fixed point in time (a Thursday, mid-minute), so tests are independent of the wall clock. */
export const T0 = Date.UTC(2026, 0, 15, 12, 34, 56, 789);

/** A clock the test moves by hand. */
export function manualClock(start = T0): {
  now: () => number;
  set: (t: number) => void;
  advance: (ms: number) => void;
} {
  let t = start;
  return {
    now: () => t,
    set: (v) => {
      t = v;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
