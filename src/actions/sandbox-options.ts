/** The sandbox's scenarios, apart from the sandbox itself so the CLI can list them without loading it. */
export const SCENARIOS = ["acme", "typical-app", "empty"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
