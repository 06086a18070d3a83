/** Placeholder: this service is being written. */
import type { AwsError } from "../core/types.js";
import { restService, restJsonError } from "../core/service.js";

export const ses = restService<Record<string, never>>({
  signingNames: ["ses"],
  global: false,
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  initial: () => ({}),
  routes: () => [],
  formatError: (error: AwsError) => restJsonError(error),
});
