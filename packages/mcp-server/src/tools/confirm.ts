// The user confirms each live order. Where the client can show a form (elicitation), the server asks:
// on the 2026-07-28 revision by returning `input_required` (the client asks the user and retries the
// call with the answer), on 2025 connections through the SDK's shim (a real `elicitation/create`).
// Where it cannot (no elicitation capability, or a stateless 2025 HTTP request), the call must carry
// `confirm: true`, which the tool descriptions reserve for after the user has agreed. A declined or
// cancelled form places nothing. The capability is checked first: asking a client that cannot answer
// would be a protocol error the model never sees.

import {
  acceptedContent,
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  type InputRequiredResult,
  inputRequired,
  inputResponse,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import * as z from 'zod';

/** The client's declared capabilities, for this request (2026-07-28) or this connection (2025). */
export function clientCapabilities(mcp: ServerContext, server: McpServer): ClientCapabilities | undefined {
  // The 2.4 typings declare the envelope as `{}`; it is a record of meta keys.
  const fromEnvelope = (mcp.mcpReq.envelope as Record<string, unknown> | undefined)?.[
    CLIENT_CAPABILITIES_META_KEY
  ];
  // `getClientCapabilities` is deprecated for new code but is how 2025 connections report theirs.
  return (
    (fromEnvelope as ClientCapabilities | undefined) ?? server.server.getClientCapabilities() ?? undefined
  );
}

/** Whether the client can show a form to the user (elicitation in form mode; a bare `{}` means form). */
export function canElicitForm(mcp: ServerContext, server: McpServer): boolean {
  const elicitation = clientCapabilities(mcp, server)?.elicitation as Record<string, unknown> | undefined;
  return (
    elicitation !== undefined && (elicitation.form !== undefined || Object.keys(elicitation).length === 0)
  );
}

const Confirmation = z.object({
  confirm: z
    .boolean()
    .meta({ title: 'Place this order?', description: 'Check to confirm; leave unchecked to cancel' }),
});

/** The outcome of asking: go ahead, or a result to return instead (a question, or a refusal). */
export type Confirmation =
  | { readonly confirmed: true; readonly how: 'elicitation' | 'argument' }
  | { readonly confirmed: false; readonly result: CallToolResult | InputRequiredResult };

function refusal(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

/**
 * Asks the user to confirm `summary` (one line saying exactly what will happen), or checks the
 * `confirm` argument when the client cannot ask. `key` names the question (one per distinct action).
 */
export function confirmAction(options: {
  readonly mcp: ServerContext;
  readonly server: McpServer;
  readonly summary: string;
  readonly confirmArgument: boolean | undefined;
  readonly tool: string;
  readonly environment: string;
  readonly key?: string;
}): Confirmation {
  const { mcp, server, summary, tool, environment } = options;
  const key = options.key ?? 'confirm';
  if (!canElicitForm(mcp, server)) {
    if (options.confirmArgument === true) return { confirmed: true, how: 'argument' };
    return {
      confirmed: false,
      result: refusal(
        `[${environment}] Not done: ${tool} needs the user's confirmation and this client cannot show a confirmation dialog. Show the user exactly this: "${summary}". Only if they agree, call ${tool} again with the same arguments and confirm: true.`,
      ),
    };
  }
  const view = inputResponse(mcp.mcpReq.inputResponses, key);
  if (view.kind === 'elicit' && view.action !== 'accept') {
    return {
      confirmed: false,
      result: refusal(
        `[${environment}] Not done: the user chose to ${view.action} "${summary}". Nothing was sent.`,
      ),
    };
  }
  const answer = acceptedContent(mcp.mcpReq.inputResponses, key, Confirmation);
  if (answer === undefined) {
    return {
      confirmed: false,
      result: inputRequired({
        inputRequests: {
          [key]: inputRequired.elicit({
            message: `${summary}\n\nEnvironment: ${environment}. Confirm to send it.`,
            requestedSchema: Confirmation,
          }),
        },
      }),
    };
  }
  if (answer.confirm !== true) {
    return {
      confirmed: false,
      result: refusal(`[${environment}] Not done: the user left "${summary}" unconfirmed. Nothing was sent.`),
    };
  }
  return { confirmed: true, how: 'elicitation' };
}
