// Structural comparison: the shape of a JSON value is its types and, for objects, its keys in order.

export type Shape = string | Shape[] | { keys: string[]; fields: Record<string, Shape> };

/** Types of a value; arrays take the shape of their first element (or 'empty'). */
export function shapeOf(value: unknown): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? ['empty'] : [shapeOf(value[0])];
  if (typeof value === 'object') {
    const keys = Object.keys(value as object);
    const fields: Record<string, Shape> = {};
    for (const k of keys) fields[k] = shapeOf((value as Record<string, unknown>)[k]);
    return { keys, fields };
  }
  return typeof value;
}

/** Tuples (klines, depth levels): the type of every position. */
export function tupleShape(value: readonly unknown[]): string[] {
  return value.map((v) => (v === null ? 'null' : typeof v));
}

/** A decimal as Binance prints it with 8 decimals. */
export const DECIMAL8 = /^-?\d+\.\d{8}$/;
