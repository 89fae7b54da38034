// Every account endpoint, by client method name.

import {
  account,
  commissionRates,
  myAllocations,
  myFilters,
  myPreventedMatches,
  myTrades,
  orderAmendments,
  orderRateLimit,
} from './account.js';

export const accountEndpoints = {
  account,
  myTrades,
  orderRateLimit,
  commissionRates,
  myPreventedMatches,
  myAllocations,
  orderAmendments,
  myFilters,
} as const;

export type AccountEndpoints = typeof accountEndpoints;
