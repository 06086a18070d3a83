/**
 * IAM role (`aws:iam/role:Role`): id and physical name are the role name. IAM is global, so every
 * role lives in `us-east-1` whatever the provider's region. The tagging API's GetResources does not
 * return IAM roles, so roles are listed by name; drift is the trust policy.
 */
import { t } from "../i18n/index.js";
import type { JsonValue } from "../state/index.js";
import { isSecretValue } from "../state/secrets.js";
import { nameFieldsOf, namedIdentity, splitArn, value, type DriftItem, type Kind } from "./types.js";

const REGION = "us-east-1";

/** The same JSON with object keys sorted at every level (array order is kept: it is the author's). */
function sortKeys(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(sortKeys);
  if (typeof json !== "object" || json === null) return json;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(json).sort()) out[key] = sortKeys((json as Record<string, unknown>)[key]);
  return out;
}

/**
 * A policy document in one canonical spelling: IAM keeps the author's whitespace and key order while
 * Pulumi writes its own, so both sides are parsed and re-serialized with sorted keys. Text that is not
 * JSON is kept as it is (it then compares as text).
 */
export function normalizePolicy(doc: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(doc)));
  } catch {
    return doc;
  }
}

/** IAM answers policy documents percent-encoded (the SDK leaves them so). */
export function decodePolicy(doc: string): string {
  try {
    return decodeURIComponent(doc);
  } catch {
    // A `%` that is not an escape: an endpoint that sent the document unencoded.
    return doc;
  }
}

/**
 * The trust policy as state has it: Pulumi stores a JSON string; an object is taken as the document.
 * A secret cannot be compared (it is never decrypted), so it counts as unknown.
 */
function statePolicy(state: JsonValue | undefined): string | undefined {
  if (typeof state === "string") return normalizePolicy(state);
  if (typeof state === "object" && state !== null && !isSecretValue(state)) {
    return JSON.stringify(sortKeys(state));
  }
  return undefined;
}

export const iamRole: Kind = {
  kind: "iam-role",
  get label() {
    return t("kinds.iam-role.label");
  },
  types: ["aws:iam/role:Role"],
  cfnType: "AWS::IAM::Role",
  service: "iam",
  global: true,
  apiRegion: REGION,
  // GetResources does not return IAM roles (documented), so they are listed by name instead.
  taggable: false,
  naming: { "aws:iam/role:Role": { max: 64, field: "name" } },
  wording: {
    get label() {
      return t("kinds.iam-role.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["iam role"],
    alreadyExists: [
      {
        re: /EntityAlreadyExists(?:Exception)?: Role with name ([\w+=,.@-]+?)\.? already exists/,
        code: "EntityAlreadyExists",
        nameGroup: 1,
      },
    ],
  },
  replaceOn: ["path"],
  // Last: functions and the rest refer to their roles.
  deleteRank: 10,

  stagePrefixes(app, stage) {
    return [`${app}-${stage}-`];
  },

  fromArn(arn) {
    const a = splitArn(arn);
    if (a?.service !== "iam" || !a.resource.startsWith("role/")) return undefined;
    // `role/<path…>/<name>`: the path is not part of the name.
    const name = a.resource.slice(a.resource.lastIndexOf("/") + 1);
    if (name === "") return undefined;
    return { name, id: name, region: REGION, arn };
  },

  identify(resource) {
    return namedIdentity(resource, REGION, nameFieldsOf(iamRole));
  },

  drift(resource, cloud) {
    const state = statePolicy(value(resource, "assumeRolePolicy"));
    const actual = cloud.detail?.assumeRolePolicy;
    if (state === undefined || actual === undefined || state === actual) return [];
    const item: DriftItem = { property: "assumeRolePolicy", state, cloud: actual };
    return [item];
  },
};
