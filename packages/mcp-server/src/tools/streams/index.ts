// The streams toolset, in the order tools/list shows them.

import type { ToolDefinition } from '../define.js';
import { listStreams } from './list.js';
import { readStream } from './read.js';
import { subscribeStream } from './subscribe.js';
import { unsubscribeStream } from './unsubscribe.js';

export const streamTools = [
  subscribeStream,
  readStream,
  unsubscribeStream,
  listStreams,
] as unknown as readonly ToolDefinition[];
