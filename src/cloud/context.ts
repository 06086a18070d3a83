/**
 * The context every resource handler calls AWS through: one concurrency limit per service, a count
 * of the calls made through it (the scan's own, before retries), and failures turned into
 * StatewardErrors that keep the SDK error as their cause. Retries are the SDK's own (adaptive);
 * timeouts are the clients'. What doctor and scan print is the clients' count of every request sent
 * (`AwsClients.calls`, src/cloud/call-budget.ts), retries and every phase included.
 */
import { Limiter } from "../util/limiter.js";
import { awsError, type AwsClients } from "./clients.js";
import type { CloudContext } from "./drivers/types.js";

export interface CallCounts {
  total: number;
  byService: Record<string, number>;
}

export interface CountingContext extends CloudContext {
  readonly counts: CallCounts;
}

export function cloudContext(
  clients: AwsClients,
  options: { concurrency?: number; signal?: AbortSignal } = {},
): CountingContext {
  const limiters = new Map<string, Limiter>();
  const counts: CallCounts = { total: 0, byService: {} };
  const context: CountingContext = {
    clients,
    counts,
    async call(service, what, fn) {
      let limiter = limiters.get(service);
      if (limiter === undefined) {
        limiter = new Limiter(options.concurrency ?? 8);
        limiters.set(service, limiter);
      }
      return limiter.run(async () => {
        counts.total++;
        counts.byService[service] = (counts.byService[service] ?? 0) + 1;
        try {
          return await fn(options.signal);
        } catch (e) {
          throw awsError(e, what, undefined);
        }
      });
    },
  };
  if (options.signal !== undefined) context.signal = options.signal;
  return context;
}
