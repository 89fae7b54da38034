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

type Mapper = (data: Record<string, unknown>, stream: string, path: string) => Record<string, unknown>;

function checkLevels(value: unknown, stream: string, field: string): void {
  if (!Array.isArray(value)) throw new PayloadError(stream, field, value, 'an array of [price, quantity]');
  for (let i = 0; i < value.length; i++) {
    const level = value[i];
    if (!Array.isArray(level) || typeof level[0] !== 'string' || typeof level[1] !== 'string') {
      throw new PayloadError(stream, `${field}[${i}]`, level, '[price, quantity] as decimal strings');
    }
  }
}

function fail(stream: string, field: string, value: unknown, expected: string): never {
  throw new PayloadError(stream, field, value, expected);
}

function mapList(mapper: Mapper, value: unknown, stream: string, field: string): Record<string, unknown>[] {
  if (!Array.isArray(value)) fail(stream, field, value, 'an array');
  return value.map((item: unknown, j) => {
    if (typeof item !== 'object' || item === null) fail(stream, `${field}[${j}]`, item, 'an object');
    return mapper(item as Record<string, unknown>, stream, `${field}[${j}].`);
  });
}

const CHECKS: Partial<Record<string, [test: string, expected: string]>> = {
  number: ['typeof V !== "number"', 'a number'],
  string: ['typeof V !== "string"', 'a string'],
  decimal: ['typeof V !== "string"', 'a string'],
  nullableString: ['typeof V !== "string" && V !== null', 'a decimal string or null'],
  nullableDecimal: ['typeof V !== "string" && V !== null', 'a decimal string or null'],
  boolean: ['typeof V !== "boolean"', 'a boolean'],
  object: ['typeof V !== "object" || V === null', 'an object'],
};

/**
 * The mapper of a field table as straight-line code: one check and one slot per field, and the
 * result built as one object literal (a single allocation with its final shape). Generated from our
 * own static tables only. Where code generation is not allowed (a strict Content-Security-Policy),
 * returns null and the interpreter below is used.
 */
function generate(fields: Fields, eventType: string | undefined): Mapper | null {
  const keys = Object.keys(fields);
  const subs: Mapper[] = [];
  const lines: string[] = [];
  const props: string[] = eventType === undefined ? [] : [`eventType: ${JSON.stringify(eventType)}`];
  const optionals: string[] = [];
  keys.forEach((key, i) => {
    const spec = fields[key]!;
    const v = `v${i}`;
    const src = JSON.stringify(spec.src);
    lines.push(`var ${v} = data[${src}];`);
    const check = CHECKS[spec.kind];
    if (check) {
      const test = check[0].replaceAll('V', v);
      const cond = spec.optional ? `${v} !== undefined && (${test})` : test;
      lines.push(`if (${cond}) fail(stream, path + ${src}, ${v}, ${JSON.stringify(check[1])});`);
    }
    if (spec.kind === 'levels') lines.push(`checkLevels(${v}, stream, path + ${src});`);
    if (spec.kind === 'object' || spec.kind === 'list') {
      subs.push(compile(spec.fields));
      const sub = `subs[${subs.length - 1}]`;
      lines.push(
        spec.kind === 'object'
          ? `${v} = ${sub}(${v}, stream, path + ${src} + ".");`
          : `${v} = mapList(${sub}, ${v}, stream, path + ${src});`,
      );
    }
    if (spec.optional) optionals.push(`if (${v} !== undefined) o[${JSON.stringify(key)}] = ${v};`);
    else props.push(`${JSON.stringify(key)}: ${v}`);
  });
  const body = `${lines.join('\n')}\nvar o = { ${props.join(', ')} };\n${optionals.join('\n')}\nreturn o;`;
  try {
    // Code generated from this module's own field tables, never from input.
    const factory = new Function(
      'fail',
      'checkLevels',
      'mapList',
      'subs',
      `return function (data, stream, path) {\n${body}\n};`,
    );
    return factory(fail, checkLevels, mapList, subs) as Mapper;
  } catch {
    return null;
  }
}

function compile(fields: Fields, eventType?: string): Mapper {
  return generate(fields, eventType) ?? interpret(fields, eventType);
}

/** The same mapping, interpreted: a loop over the table (exported for the tests that compare the two). */
export function interpret(fields: Fields, eventType?: string): Mapper {
  const keys = Object.keys(fields);
  const specs = keys.map((k) => fields[k]!);
  const nestedMappers = specs.map((s) =>
    s.kind === 'object' || s.kind === 'list' ? compile(s.fields) : null,
  );
  const count = keys.length;
  return (data, stream, path) => {
    const out: Record<string, unknown> = eventType === undefined ? {} : { eventType };
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
          out[keys[i]!] = nestedMappers[i]!(value as Record<string, unknown>, stream, `${path}${spec.src}.`);
          continue;
        case 'list': {
          if (!Array.isArray(value)) throw new PayloadError(stream, path + spec.src, value, 'an array');
          const mapper = nestedMappers[i]!;
          out[keys[i]!] = value.map((item: unknown, j) => {
            if (typeof item !== 'object' || item === null)
              throw new PayloadError(stream, `${path}${spec.src}[${j}]`, item, 'an object');
            return mapper(item as Record<string, unknown>, stream, `${path}${spec.src}[${j}].`);
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
  const mapper = compile(fields, eventType);
  return {
    eventType,
    fields,
    parse(data, stream) {
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new PayloadError(stream, '(payload)', data, `a ${eventType} object`);
      }
      const out = mapper(data as Record<string, unknown>, stream, '');
      return out as { eventType: T } & Mapped<F>;
    },
  };
}
