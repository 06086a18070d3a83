/**
 * Fault injection, deterministic from a seed: each (service, operation) pair draws from its own
 * generator, so what one service sees does not depend on traffic to the others.
 */
import { mulberry32 } from "./random.js";

export interface FaultRule {
  /** Signing name (`dynamodb`, `s3`, …); every service when omitted. */
  service?: string;
  /** Operation name (`CreateTable`); every operation when omitted. */
  operation?: string;
  /** Added before answering, in milliseconds. */
  latencyMs?: number;
  /** Share of calls answered with the service's own throttling error (0–1). */
  throttleRate?: number;
  /** Share of calls answered with a 500 internal error (0–1). */
  errorRate?: number;
  /** Share of calls whose connection is closed without an answer (0–1). */
  dropRate?: number;
}

export interface FaultConfig {
  seed?: number;
  rules?: FaultRule[];
}

export type FaultAction = "none" | "throttle" | "error" | "drop";

export interface FaultDecision {
  latencyMs: number;
  action: FaultAction;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export class Faults {
  private seed: number;
  private rules: FaultRule[];
  private readonly generators = new Map<string, () => number>();

  constructor(config: FaultConfig = {}) {
    this.seed = config.seed ?? 1;
    this.rules = config.rules ?? [];
  }

  configure(config: FaultConfig): void {
    this.seed = config.seed ?? this.seed;
    this.rules = config.rules ?? [];
    this.generators.clear();
  }

  get config(): Required<FaultConfig> {
    return { seed: this.seed, rules: this.rules };
  }

  decide(service: string, operation: string): FaultDecision {
    const matching = this.rules.filter(
      (r) =>
        (r.service === undefined || r.service === service) &&
        (r.operation === undefined || r.operation === operation),
    );
    if (matching.length === 0) return { latencyMs: 0, action: "none" };
    const key = `${service}:${operation}`;
    let next = this.generators.get(key);
    if (next === undefined) {
      next = mulberry32(hash(`${this.seed}:${key}`));
      this.generators.set(key, next);
    }
    let latencyMs = 0;
    let action: FaultAction = "none";
    for (const rule of matching) {
      latencyMs += rule.latencyMs ?? 0;
      const roll = next();
      const drop = rule.dropRate ?? 0;
      const throttle = rule.throttleRate ?? 0;
      const error = rule.errorRate ?? 0;
      if (action !== "none") continue;
      if (roll < drop) action = "drop";
      else if (roll < drop + throttle) action = "throttle";
      else if (roll < drop + throttle + error) action = "error";
    }
    return { latencyMs, action };
  }
}
