/** Placeholder: this service is being written. */
import type { AwsError } from "../core/types.js";
import { restService, restJsonError } from "../core/service.js";

export const s3 = restService<Record<string, never>>({
  signingNames: ["s3"],
  global: false,
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  initial: () => ({}),
  routes: () => [],
  formatError: (error: AwsError) => restJsonError(error),
});
