/** Placeholder: this service is being written. */
import type { AwsError } from "../core/types.js";
import { restService, restJsonError } from "../core/service.js";

export const route53 = restService<Record<string, never>>({
  signingNames: ["route53"],
  global: true,
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  initial: () => ({}),
  routes: () => [],
  formatError: (error: AwsError) => restJsonError(error),
});
