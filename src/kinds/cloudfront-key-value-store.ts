/**
 * CloudFront KeyValueStore (`aws:cloudfront/keyValueStore:KeyValueStore`): the physical name is its
 * `name` — unique in the account (CreateKeyValueStore fails with 409 `EntityAlreadyExists`; at most
 * 50 stores an account, `EntityLimitExceeded`). The Pulumi id is the name: pulumi-aws's Terraform
 * resource (`aws_cloudfront_key_value_store`, internal/service/cloudfront/key_value_store.go) sets
 * `id = name` ("API response has a field named 'Id' which isn't the resource's ID") and imports by
 * name; the store's own Id (a UUID) is only in its ARN
 * (`arn:aws:cloudfront::<account>:key-value-store/<Id>`). Newer provider releases flatten the API's
 * `Id` into `id` (not checked from which one), so a state id is not relied on: the name is.
 * CloudFront is global: every store says `us-east-1`. Stores take no tags: found by listing.
 *
 * SST's naming (docs/coverage/sst-resources.md §2.2, §2.3): `Router` and `SsrSite` create
 * `${name}KvStore` without a name; SST's rule for the type (component.ts: `name`, 64) makes it
 * `<app>-<stage>-<logical>-<8 random>`, so a stage's stores start with `<app>-<stage>-`.
 * SST's `KvKeys`/`KvRoutesUpdate` dynamic entries write keys into a store; they are not stores.
 *
 * Drift: the comment (the only updatable setting).
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";
import { CLOUDFRONT_REGION } from "./cloudfront-function.js";

const TOKEN = "aws:cloudfront/keyValueStore:KeyValueStore";

/** The store's Id in its ARN (a UUID). */
const STORE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const cloudfrontKeyValueStore: Kind = {
  kind: "cloudfront-key-value-store",
  get label() {
    return t("kinds.cloudfront-key-value-store.label");
  },
  types: [TOKEN],
  cfnType: "AWS::CloudFront::KeyValueStore",
  service: "cloudfront",
  global: true,
  apiRegion: CLOUDFRONT_REGION,
  // KeyValueStores take no tags: never from the tagging API.
  taggable: false,
  naming: { [TOKEN]: { max: 64, field: "name" } },
  wording: {
    get label() {
      return t("kinds.cloudfront-key-value-store.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["cloudfront key value store", "cloudfront keyvaluestore"],
    alreadyExists: [
      {
        // CloudFront's generic code, on the CreateKeyValueStore call (no pasted text was found:
        // test/fixtures/already-exists/SOURCES.md): the operation says which kind it is.
        re: /\bCreateKeyValueStore\b.*\bEntityAlreadyExists\b/,
        code: "EntityAlreadyExists",
      },
      {
        // CloudFormation's generic form: the identifier is the name.
        re: /Resource of type 'AWS::CloudFront::KeyValueStore' with identifier '([^']+)' already exists/,
        code: "AlreadyExists",
        nameGroup: 1,
      },
    ],
    nameInMessage: /creating CloudFront Key ?Value ?Store \(([^)]+)\)/i,
  },
  // A CloudFront function's KeyValueStore association names it (CannotDeleteEntityWhileInUse until
  // the function is gone or no longer associates it): after functions (and so after distributions).
  deleteRank: 3.2,
  deleteAfter: ["cloudfront-function"],

  stagePrefixes(app, stage) {
    return [`${app}-${stage}-`];
  },

  fromArn(arn) {
    // The ARN holds the store's Id, not its name.
    const a = splitArn(arn);
    if (a?.service !== "cloudfront" || !a.resource.startsWith("key-value-store/")) return undefined;
    const id = a.resource.slice("key-value-store/".length);
    return STORE_ID.test(id) ? { name: id, id, region: CLOUDFRONT_REGION, arn } : undefined;
  },

  identify(resource) {
    const identity = namedIdentity(resource, CLOUDFRONT_REGION, nameFieldsOf(cloudfrontKeyValueStore));
    // The name is the store's identity whatever id a provider release wrote.
    return identity === undefined ? undefined : { ...identity, id: identity.name };
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, ["comment"]);
  },
};
