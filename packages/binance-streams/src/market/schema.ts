// Payload schemas as field tables: one table per event gives both its TypeScript type (readable
// names) and its mapper (a tight loop with a type check per field). Faster than a general-purpose
// validator on the hot path, and the type cannot drift from what the mapper produces.

import { PayloadError } from '../errors.js';

/** A price level, [price, quantity], exact decimal strings. */
export type PriceLevel = [price: string, quantity: string];

type Kind = 'number' | 'string' | 'nullableString' | 'decimal' | 'nullableDecimal' | 'boolean' | 'levels';

export interface FieldSpec<K extends Kind = Kind, O extends boolean = boolean> {
  readonly src: string;
  readonly kind: K;
  /** Optional fields may be missing (Binance's conditional fields); they are then left out. */
  readonly optional: O;
}

export interface NestedSpec<F extends Fields = Fields> {
  readonly src: string;
  readonly kind: 'object';
  readonly fields: F;
  readonly optional: false;
}

export interface ListSpec<F extends Fields = Fields> {
  readonly src: string;
  readonly kind: 'list';
  readonly fields: F;
  readonly optional: false;
}

export type Fields = { readonly [key: string]: FieldSpec | NestedSpec | ListSpec };

type KindType = {
  number: number;
  string: string;
  decimal: string;
  nullableDecimal: string | null;
  nullableString: string | null;
  boolean: boolean;
  levels: PriceLevel[];
};

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type TypeOf<S> =
  S extends NestedSpec<infer N>
    ? Mapped<N>
    : S extends ListSpec<infer N>
      ? Mapped<N>[]
      : S extends FieldSpec<infer T>
        ? KindType[T]
        : never;
type OptionalKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends { optional: true } ? K : never;
}[keyof F];
type RequiredKeys<F extends Fields> = Exclude<keyof F, OptionalKeys<F>>;

/** The object type a field table produces. */
export type Mapped<F extends Fields> = Simplify<
  { -readonly [K in RequiredKeys<F>]: TypeOf<F[K]> } & { -readonly [K in OptionalKeys<F>]?: TypeOf<F[K]> }
>;

const field =
  <K extends Kind>(kind: K) =>
  (src: string): FieldSpec<K, false> => ({ src, kind, optional: false });
export const num = field('number');
export const str = field('string');
export const strOrNull = field('nullableString');
export const dec = field('decimal');
export const decOrNull = field('nullableDecimal');
export const bool = field('boolean');
export const levels = field('levels');
/** The same field, allowed to be missing. */
export const optional = <K extends Kind>(spec: FieldSpec<K, false>): FieldSpec<K, true> => ({
  ...spec,
  optional: true,
});
export const nested = <F extends Fields>(src: string, fields: F): NestedSpec<F> => ({
  src,
  kind: 'object',
  fields,
  optional: false,
});
/** An array of objects, each mapped by `fields`. */
export const list = <F extends Fields>(src: string, fields: F): ListSpec<F> => ({
  src,
  kind: 'list',
  fields,
  optional: false,
});

type Mapper = (
  data: Record<string, unknown>,
  stream: string,
  path: string,
  out: Record<string, unknown>,
) => Record<string, unknown>;

function checkLevels(value: unknown, stream: string, field: string): void {
  if (!Array.isArray(value)) throw new PayloadError(stream, field, value, 'an array of [price, quantity]');
  for (let i = 0; i < value.length; i++) {
    const level = value[i];
    if (!Array.isArray(level) || typeof level[0] !== 'string' || typeof level[1] !== 'string') {
      throw new PayloadError(stream, `${field}[${i}]`, level, '[price, quantity] as decimal strings');
    }
  }
}

function compile(fields: Fields): Mapper {
  const keys = Object.keys(fields);
  const specs = keys.map((k) => fields[k]!);
  const nestedMappers = specs.map((s) =>
    s.kind === 'object' || s.kind === 'list' ? compile(s.fields) : null,
  );
  const count = keys.length;
  return (data, stream, path, out) => {
    for (let i = 0; i < count; i++) {
      const spec = specs[i]!;
      const value = data[spec.src];
      if (value === undefined && spec.optional) continue;
      switch (spec.kind) {
        case 'number':
          if (typeof value !== 'number') throw new PayloadError(stream, path + spec.src, value, 'a number');
          break;
        case 'string':
        case 'decimal':
          if (typeof value !== 'string') throw new PayloadError(stream, path + spec.src, value, 'a string');
          break;
        case 'nullableString':
        case 'nullableDecimal':
          if (typeof value !== 'string' && value !== null)
            throw new PayloadError(stream, path + spec.src, value, 'a decimal string or null');
          break;
        case 'boolean':
          if (typeof value !== 'boolean') throw new PayloadError(stream, path + spec.src, value, 'a boolean');
          break;
        case 'levels':
          checkLevels(value, stream, path + spec.src);
          break;
        case 'object':
          if (typeof value !== 'object' || value === null)
            throw new PayloadError(stream, path + spec.src, value, 'an object');
          out[keys[i]!] = nestedMappers[i]!(
            value as Record<string, unknown>,
            stream,
            `${path}${spec.src}.`,
            {},
          );
          continue;
        case 'list': {
          if (!Array.isArray(value)) throw new PayloadError(stream, path + spec.src, value, 'an array');
          const mapper = nestedMappers[i]!;
          out[keys[i]!] = value.map((item: unknown, j) => {
            if (typeof item !== 'object' || item === null)
              throw new PayloadError(stream, `${path}${spec.src}[${j}]`, item, 'an object');
            return mapper(item as Record<string, unknown>, stream, `${path}${spec.src}[${j}].`, {});
          });
          continue;
        }
      }
      out[keys[i]!] = value;
    }
    return out;
  };
}

/** An event schema: its `eventType` and field table, and the mapper built from them. */
export interface EventSchema<T extends string, F extends Fields> {
  readonly eventType: T;
  readonly fields: F;
  /** Maps a raw payload to the typed event; throws PayloadError naming the first bad field. */
  parse(data: unknown, stream: string): { eventType: T } & Mapped<F>;
}

export function eventSchema<T extends string, F extends Fields>(eventType: T, fields: F): EventSchema<T, F> {
  const mapper = compile(fields);
  return {
    eventType,
    fields,
    parse(data, stream) {
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new PayloadError(stream, '(payload)', data, `a ${eventType} object`);
      }
      const out = mapper(data as Record<string, unknown>, stream, '', { eventType });
      return out as { eventType: T } & Mapped<F>;
    },
  };
}
