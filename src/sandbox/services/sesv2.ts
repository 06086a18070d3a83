/** Placeholder: this service is being written. */
import type { AwsError } from "../core/types.js";
import { restService, restJsonError } from "../core/service.js";

export const sesv2 = restService<Record<string, never>>({
  id: "sesv2",
  signingNames: ["ses"],
  accepts: (req) => req.path.startsWith("/v2/"),
  global: false,
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  initial: () => ({}),
  routes: () => [],
  formatError: (error: AwsError) => restJsonError(error),
});
