// Checks a call's parameters against its endpoint's schema before anything is sent, and turns zod's
// first issue into a `ValidationError` that names the parameter, the value and what is allowed.

import type * as z from 'zod';
import type { AnyEndpoint } from '../endpoints/endpoint.js';
import { endpointLabel } from '../endpoints/endpoint.js';
import { ValidationError } from '../errors.js';

/** Parses `params` with the endpoint's schema; throws `ValidationError` on the first problem. */
export function parseParams<E extends AnyEndpoint>(endpoint: E, params: unknown): z.output<E['params']> {
  return checkParams(endpoint.params, endpointLabel(endpoint), endpoint.name, params);
}

/** Parses `params` with a parameter schema; `label` and `name` say whose parameters they are in errors. */
export function checkParams<S extends z.ZodType>(
  schema: S,
  label: string,
  name: string,
  params: unknown,
): z.output<S> {
  const result = schema.safeParse(params === undefined ? {} : params);
  if (result.success) return result.data;
  throw validationError(schema, label, name, params, result.error.issues);
}

type Shape = Record<string, z.ZodType>;

function shapeOf(schema: z.ZodType): Shape | undefined {
  const candidate = schema as unknown as { shape?: Shape };
  return candidate.shape && typeof candidate.shape === 'object' ? candidate.shape : undefined;
}

/** A field's description, looking through `.optional()` and similar wrappers. */
function describedAs(field: z.ZodType | undefined): string | undefined {
  let current = field as (z.ZodType & { unwrap?: () => z.ZodType }) | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.description !== undefined) return current.description;
    current = typeof current.unwrap === 'function' ? (current.unwrap() as typeof current) : undefined;
  }
  return undefined;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function validationError(
  schema: z.ZodType,
  label: string,
  name: string,
  params: unknown,
  issues: readonly z.core.$ZodIssue[],
): ValidationError {
  const issue = issues[0] as z.core.$ZodIssue;
  const shape = shapeOf(schema);
  const names = shape ? Object.keys(shape) : [];

  if (issue.path.length === 0 && (params === null || typeof params !== 'object' || Array.isArray(params))) {
    return new ValidationError({
      endpoint: label,
      parameter: 'params',
      value: params,
      allowed: names.length ? `an object with the parameters ${names.join(', ')}` : 'no parameters (or {})',
    });
  }
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] as string;
    return new ValidationError({
      endpoint: label,
      parameter: key,
      value: valueAt(params, [key]),
      allowed: names.length
        ? `only the parameters of ${name}: ${names.join(', ')}`
        : `no parameters: ${name} takes none`,
    });
  }
  const top = issue.path[0];
  const field = typeof top === 'string' && shape ? shape[top] : undefined;
  // Cross-parameter rules and custom checks word their message as what is allowed; for the rest, the
  // parameter's description says it.
  const custom = issue.code === 'custom' && issue.message !== 'Invalid input';
  const allowed = custom ? issue.message : (describedAs(field) ?? issue.message);
  return new ValidationError({
    endpoint: label,
    parameter: issue.path.map(String).join('.') || 'params',
    value: valueAt(params, issue.path),
    allowed,
  });
}
