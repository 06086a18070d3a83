/**
 * The patterns `explain` reads a deploy log with, compiled once: each anchored or literal-led and free
 * of nested quantifiers, so a 50 MB log takes well under a second or two. The per-kind "already
 * exists" wording lives with each kind (src/kinds, `wording`).
 */
/** ESC and BEL, spelled as regex escapes (terminal control sequences start with one and may end with the other). */
const ESC = "\\x1b";
const BEL = "\\x07";
export const ANSI = new RegExp(
  `${ESC}\\[[0-?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)|${ESC}[@-Z\\\\-_]`,
  "g",
);
export const LINE_BREAK = /\r\n|\r|\n/;

const TYPE = "[a-z][\\w-]*:[\\w/-]+:[A-Z]\\w*";
/** SST: `[|  Error  ]<parent> <parentType> → <name> <type>` or `<name> <type>` at the start of a line. */
export const SST_RESOURCE = new RegExp(
  `^(?:\\|\\s+Error\\s+)?(?:[^\\s|]+ ${TYPE} → )?([^\\s|]*[^\\s|:]) (${TYPE})(?=\\s|$)`,
);
/** Pulumi's Diagnostics: `aws:cloudwatch:LogGroup (WorkerLogGroup):`. */
export const PULUMI_RESOURCE = new RegExp(`^(${TYPE}) \\(([^()]+)\\):$`);
/** The provider's wording: `creating CloudWatch Logs Log Group (/aws/lambda/x)`, `updating CloudFront Distribution (E2…)`. */
export const CREATING = /\b(?:[Cc]reating|[Uu]pdating) ([A-Z][\w ]{0,60}?) \(([^()\s]{0,1024})(\))?/;

export const SST_APP = /^(?:➜\s+)?App:\s+(\S+)$/;
export const SST_STAGE = /^Stage:\s+(\S+)$/;
export const SST_READY = /^SST \d[\w.-]*(?: \(experimental\))?\s+ready!/;
/** The command line a CI log echoes: `$ npx sst deploy --stage dev`, `pulumi up --stack dev`. */
export const TOOL_COMMAND =
  /^(?:\$\s*)?(?:(?:npx|pnpm|pnpx|yarn|bunx|bun)\s+)?(sst|pulumi)\s+(?:deploy|up|refresh|remove|destroy|preview|diff|dev|unlock|cancel|state|stack)\b/;
export const STAGE_FLAG = /--stage[= ]([A-Za-z0-9][\w-]*)/;
export const STACK_FLAG = /(?:--stack[= ]|\s-s\s+)([A-Za-z0-9][\w./-]*)/;
export const PULUMI_HEADER =
  /^(?:Updating|Previewing update|Refreshing|Previewing refresh|Destroying|Previewing destroy) \(([^()\s]+)\)/;
export const PULUMI_CONSOLE = /app\.pulumi\.com\/[^/\s]+\/([^/\s]+)\/([^/\s]+)/;
export const LOCK_PATH_PARTS = /\.pulumi\/locks\/(?:organization\/)?([^/\s]+)\/([^/\s]+)\/[^/\s]+\.json/;

/**
 * Lines worth a closer look; everything else is only read for context. ` exists` lets every kind's own
 * wording through ("FunctionUrlConfig exists for this Lambda function"), so a new kind's signature is
 * read without a word added here.
 */
export const TRIGGER =
  /AlreadyExist|AlreadyOwnedByYou|already exist| exists\b|already (?:has|have) this name|already associated with another|already scheduled for deletion|QueueDeletedRecently|TooManyCachePolicies|InvalidChangeBatch|oncurrent update|currently locked|Another update is currently in progress|passphrase|decrypt|secrets manager|integrity|refusing to|corrupt|deserialize|refers to (?:unknown|missing)|dependency on a resource|comes after it|duplicate resource|pending operation|tage not found|no stack named|AuthorizationHeaderMalformed|BucketRegionError|PermanentRedirect|InvalidClientTokenId|does not match|resolve region|egion is missing|MissingRegion|aws:region|AWS Region/;

export const GENERIC_CODE = /\b([A-Z]\w*AlreadyExists(?:Exception)?)\b/;
export const GENERIC_WORDS =
  /already exists?\b|already (?:has|have) this name|already associated with another/;
export const AWS_ERROR =
  /StatusCode: 4\d\d|[Ss]tatus [Cc]ode: 4\d\d|operation error |https response error|InvalidParameterException|ConflictException/;

export const SST_LOCK = /Concurrent update detected|A concurrent update was detected on the app/;
export const PULUMI_LOCK = /the stack is currently locked by \d+ lock/;
export const CLOUD_LOCK = /\[409\] Conflict: Another update is currently in progress/;

export const SECRETS =
  /incorrect passphrase|failed to decrypt|passphrase must be set|unable to find either `?PULUMI_CONFIG_PASSPHRASE|(?:getting|constructing) secrets manager|could not decrypt|decrypting secret value|message authentication failed/;
export const SECRETS_MISSING = /passphrase must be set|unable to find either `?PULUMI_CONFIG_PASSPHRASE/;
export const SECRETS_WRONG =
  /incorrect passphrase|failed to decrypt|could not decrypt|message authentication failed/;

export const INTEGRITY =
  /snapshot integrity (?:failure|error)|refusing to (?:proceed|use it)|state file is corrupt|could not deserialize deployment|refers to (?:unknown|missing) (?:parent|resource|provider)|has a dependency on a resource that doesn't exist|comes after it|\(not marked for deletion\)/;

export const PENDING_HEADER =
  /\d+ pending operations? from previous deployment|resource\(s\) with pending operations/;
export const PENDING_URN = /(urn:pulumi:\S{1,2048}?),?\s+interrupted while ([a-z]+)/;

export const SST_NO_STAGE = /\b[Ss]tage not found\b/;
export const NO_STACK = /no stack named '([^']+)' found/;

const REGION_NAME = "(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-[a-z]+-\\d";
export const SIGNED_REGION = /the region '([\w-]+)' is wrong; expecting '([\w-]+)'/;
export const BUCKET_REGION = /the bucket is not in '([\w-]+)' region.{0,300}?bucket is in '([\w-]+)' region/;
export const ENDPOINT_REGION = new RegExp(`s3[.-](${REGION_NAME})\\.amazonaws\\.com`);
export const ANY_REGION = new RegExp(`\\b(${REGION_NAME})\\b`);
export const MISSING_REGION =
  /Could not resolve region|[Rr]egion is missing|MissingRegion|missing required configuration key "aws:region"|unable to find a configured AWS Region/;
export const PROVIDED_REGION = /provided region\b.{0,200}?does not match/i;
export const BUCKET_NAME = /<Bucket>([^<]+)<\/Bucket>|\bBucket: ?"?([a-z0-9][a-z0-9.-]{1,62})/;

/**
 * A line that shows the command failing: SST's `✕  Failed` / `✕  Unexpected error…` and `|  Error …`
 * (pkg cmd/sst/mosaic/ui), Pulumi's `error: …` (under Diagnostics, ending in `error: update failed`),
 * and the usual wrappers (npm, CI runners, shells).
 */
export const FAILURE =
  /^(?:✕\s+\S|\|\s+(?:Build )?Error\b|error:|Error:|ERROR\b|fatal:|FATAL\b|panic:|npm ERR!)|exit (?:code|status):? [1-9]|ELIFECYCLE|Command failed with exit code [1-9]/;
/** SST's end of a run that went through (`✓  Complete`, `✓  Removed`, …), or Pulumi's summary. */
export const COMPLETED =
  /^(?:✓\s+(?:Complete|Removed|Refreshed|Generated|Deployed|No changes|No resources to remove)\b|Duration: \S)/;
