// How a tool is written and registered. A definition states its name, toolset, title, a description
// that says when to use it, a strict input schema, the shape of its data and all four annotations; its
// `run` returns the data and `render` a short text of it. Registration adds what every tool shares:
// the `environment` field and text tag, the output schema, progress notifications, the abort signal,
// errors as `isError` results with a next step, and redaction of anything that looks like a secret.

import {
  type CallToolResult,
  type InputRequiredResult,
  isInputRequiredResult,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { BinanceContext } from '../context.js';
import { ENVIRONMENTS, type Environment } from '../environment.js';
import type { Toolset } from '../toolsets.js';
import { errorResult } from './errors.js';

export interface ToolAnnotations {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

/** Reads from Binance, changes nothing: safe to call any time, as often as needed. */
export const READ_ONLY: ToolAnnotations = Object.freeze({
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
});

/** What a tool's `run` gets besides its arguments. */
export interface ToolEnv {
  readonly binance: BinanceContext;
  /** Fires when the client cancels the call; pass it to every request. */
  readonly signal: AbortSignal;
  /** The MCP request context (client capabilities, input responses for confirmations). */
  readonly mcp: ServerContext;
  readonly server: McpServer;
  /** Reports progress, when the client asked for it (a progress token); otherwise does nothing. */
  progress(progress: number, total: number | undefined, message: string): Promise<void>;
  /** The exchange's time now, as best known (local clock plus the measured offset). */
  now(): number;
  /** Who owns the stream subscriptions this call makes (a connection, a session, or shared). */
  readonly owner: string;
}

/** What a server instance passes to its tools. */
export interface ToolSession {
  /** Owner of stream subscriptions (see `StreamHub`). */
  readonly owner: string;
}

export interface ToolDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodRawShape = z.ZodRawShape> {
  readonly name: string;
  readonly toolset: Toolset;
  readonly title: string;
  /** What the tool does, when to use it, and when to use another tool instead. */
  readonly description: string;
  /** A `z.strictObject`, every field described. */
  readonly input: I;
  /** The shape of the result data (`environment` is added to it). */
  readonly output: O;
  readonly annotations: ToolAnnotations;
  /**
   * The data, or a finished result of its own: a refusal (`isError`), or a question for the user
   * (`inputRequired`, see `confirmAction`).
   */
  run(
    args: z.output<I>,
    env: ToolEnv,
  ): Promise<z.output<z.ZodObject<O>> | CallToolResult | InputRequiredResult>;
  /** A short text of the data, for clients that show only `content`. */
  render(data: z.output<z.ZodObject<O>> & { readonly environment: Environment }): string;
}

/** Declares a tool (a typed identity function). */
export function defineTool<I extends z.ZodType, O extends z.ZodRawShape>(
  definition: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return definition;
}

const environmentField = z
  .enum(ENVIRONMENTS)
  .describe('Which Binance environment answered: mainnet, testnet, demo or simulator');

/** The output schema a tool advertises: its data plus `environment`. */
export function outputSchemaOf(definition: ToolDefinition): z.ZodObject {
  return z.object({ environment: environmentField, ...definition.output });
}

function isCallToolResult(value: unknown): value is CallToolResult {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as { content?: unknown }).content)
  );
}

/** Redacts secrets in structured data (rarely needed: only when a secret appears in it at all). */
function redactData<T>(data: T, redact: (text: string) => string): T {
  const json = JSON.stringify(data);
  const clean = redact(json);
  return clean === json ? data : (JSON.parse(clean) as T);
}

/** Registers `definition` on `server`, running against `binance`. */
export function registerTool(
  server: McpServer,
  definition: ToolDefinition,
  binance: BinanceContext,
  session: ToolSession = { owner: 'default' },
) {
  const { environment, redact } = binance;
  return server.registerTool(
    definition.name,
    {
      title: definition.title,
      description: definition.description,
      inputSchema: definition.input,
      outputSchema: outputSchemaOf(definition),
      annotations: { ...definition.annotations },
    },
    async (args: unknown, mcp: ServerContext): Promise<CallToolResult | InputRequiredResult> => {
      const token = mcp.mcpReq._meta?.progressToken;
      const env: ToolEnv = {
        binance,
        signal: mcp.mcpReq.signal,
        mcp,
        server,
        async progress(progress, total, message) {
          if (token === undefined) return;
          try {
            await mcp.mcpReq.notify({
              method: 'notifications/progress',
              params: { progressToken: token, progress, ...(total === undefined ? {} : { total }), message },
            });
          } catch {
            // A client that went away cannot be told; the result still matters to others.
          }
        },
        now: () => binance.rest.serverTime(),
        owner: session.owner,
      };
      try {
        const result = await definition.run(args as never, env);
        if (isInputRequiredResult(result)) return result;
        if (isCallToolResult(result)) {
          return redactData(result, redact);
        }
        const data = redactData({ environment, ...result }, redact);
        return {
          content: [{ type: 'text', text: redact(`[${environment}] ${definition.render(data)}`) }],
          structuredContent: data,
        };
      } catch (error) {
        binance.logger.debug(
          `${definition.name} failed: ${error instanceof Error ? error.stack : String(error)}`,
        );
        return errorResult(error, definition.name, environment, redact);
      }
    },
  );
}
