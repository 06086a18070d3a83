/** Environment variables that point the SDK at another endpoint (it reads them itself). */
export function customEndpoint(env: NodeJS.ProcessEnv = process.env, service = "S3"): string | undefined {
  return env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL || undefined;
}
