/**
 * SSM Parameter Store (awsJson 1.1): parameters with their version history, hierarchy queries and tags.
 *
 * SecureString values are kept in clear next to an opaque, KMS-looking ciphertext; reads without
 * `WithDecryption` return that ciphertext, as real SSM returns the KMS blob. Labels, policies and
 * shared parameters are not modelled.
 */
import { randomBytes } from "node:crypto";
import { epochSeconds, jsonService, KeptLists, paginate } from "../core/service.js";
import { AwsError, type SandboxRequest, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";
import { constraintError, optionalString as str, requireString } from "../core/service.js";

const constraint = (field: string, value: unknown, rule: string) =>
  constraintError("ValidationException", field, value, rule);
const required = (input: Record<string, unknown>, name: string) => requireString(input, name);

interface Tag {
  Key: string;
  Value: string;
}

interface ParameterVersion {
  Version: number;
  Type: string;
  Value: string;
  /** What a read without decryption sees (SecureString only). */
  Ciphertext?: string;
  KeyId?: string;
  Description?: string;
  AllowedPattern?: string;
  DataType: string;
  Tier: string;
  LastModifiedDate: string;
  LastModifiedUser: string;
}

interface Parameter {
  Name: string;
  /** Oldest first; SSM keeps the last 100 versions. */
  History: ParameterVersion[];
  Tags: Tag[];
}

interface State {
  /** Keyed by `key(name)`: `/top` and `top` are one parameter. */
  parameters: Record<string, Parameter>;
}

const TYPES = ["String", "StringList", "SecureString"];
const TIERS = ["Standard", "Advanced", "Intelligent-Tiering"];
const DATA_TYPES = ["text", "aws:ec2:image", "aws:ssm:integration"];
const RESOURCE_TYPES = [
  "Document",
  "ManagedInstance",
  "MaintenanceWindow",
  "Parameter",
  "PatchBaseline",
  "OpsItem",
  "OpsMetadata",
  "Automation",
  "Association",
];
const MAX_VERSIONS = 100;
const MAX_TAGS = 50;
const MAX_LEVELS = 15;
const NAME_RULES =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';
const PATH_RULES =
  'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.';

function validation(message: string): AwsError {
  return new AwsError("ValidationException", message);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function maxResults(input: Record<string, unknown>, max: number, fallback: number): number {
  const v = input.MaxResults;
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v))
    throw constraint("maxResults", v, "Member must be an integer");
  if (v < 1) throw constraint("maxResults", v, "Member must have value greater than or equal to 1");
  if (v > max) throw constraint("maxResults", v, `Member must have value less than or equal to ${max}`);
  return v;
}

/** A top-level name may be written with or without its leading slash; SSM treats both as one. */
function key(name: string): string {
  const stripped = name.startsWith("/") ? name.slice(1) : name;
  return stripped.includes("/") ? name : stripped;
}

/** The name with exactly one leading slash, for path and name-prefix matching. */
function canonical(name: string): string {
  return `/${name.replace(/^\/+/, "")}`;
}

function arnOf(name: string, ctx: ServiceContext): string {
  return `arn:aws:ssm:${ctx.region}:${ctx.accountId}:parameter/${name.replace(/^\//, "")}`;
}

function checkName(name: string): void {
  if (name.length > 1011) {
    throw constraint("name", name, "Member must have length less than or equal to 1011");
  }
  const bare = name.replace(/^\//, "").toLowerCase();
  if (name.toLowerCase().startsWith("/aws/")) {
    throw new AwsError("AccessDeniedException", `No access to reserved parameter name: ${name}.`);
  }
  if (bare.startsWith("aws") || bare.startsWith("ssm")) {
    throw validation(
      name.includes("/", 1)
        ? NAME_RULES
        : 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
    );
  }
  if (name.includes("/") && !name.startsWith("/")) {
    throw validation("Parameter name must be a fully qualified name.");
  }
  if (!/^[a-zA-Z0-9_.\-/]+$/.test(name) || name.includes("//") || name.endsWith("/")) {
    throw validation(NAME_RULES);
  }
  if (name.split("/").filter((s) => s !== "").length > MAX_LEVELS) {
    throw new AwsError(
      "HierarchyLevelLimitExceededException",
      `A hierarchy can have a maximum of ${MAX_LEVELS} levels.`,
    );
  }
}

function checkTags(tags: unknown): Tag[] {
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags)) throw constraint("tags", tags, "Member must be a list");
  return tags.map((t: { Key?: unknown; Value?: unknown }) => {
    if (typeof t?.Key !== "string" || t.Key === "" || t.Key.length > 128) {
      throw constraint("tags.member.key", t?.Key, "Member must have length between 1 and 128");
    }
    if (typeof t.Value !== "string" || t.Value.length > 256) {
      throw constraint("tags.member.value", t.Value, "Member must have length less than or equal to 256");
    }
    return { Key: t.Key, Value: t.Value };
  });
}

function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const out = existing.filter((t) => !added.some((a) => a.Key === t.Key));
  return [...out, ...added];
}

function tooManyTags(): AwsError {
  return new AwsError(
    "TooManyTagsError",
    "The Targets parameter includes too many tags. Remove one or more tags and try the command again.",
  );
}

/** A KMS-looking blob: KMS ciphertexts start with the bytes 01 02 02 00 78 (`AQICAHg…`). */
function ciphertext(value: string): string {
  return Buffer.concat([
    Buffer.from([1, 2, 2, 0, 0x78]),
    randomBytes(Buffer.byteLength(value) + 150),
  ]).toString("base64");
}

function callerArn(req: SandboxRequest, ctx: ServiceContext): string {
  return `arn:aws:iam::${ctx.accountId}:user/${req.accessKeyId === "" ? "sandbox" : req.accessKeyId}`;
}

/** `name`, `name:3` (a version), `name:label`, or the parameter's ARN in this region and account. */
function parseReference(ref: string, ctx: ServiceContext): { name: string; selector?: string } | undefined {
  let rest = ref;
  if (ref.startsWith("arn:")) {
    const m = /^arn:aws[a-z-]*:ssm:([a-z0-9-]+):(\d{12}):parameter\/(.+)$/.exec(ref);
    if (m === null || m[1] !== ctx.region || m[2] !== ctx.accountId) return undefined;
    rest = m[3]!;
    const bare = rest.split(":")[0]!;
    if (bare.includes("/")) rest = `/${rest}`;
  }
  const parts = rest.split(":");
  if (parts.length > 2) return undefined;
  return parts.length === 2 ? { name: parts[0]!, selector: parts[1]! } : { name: parts[0]! };
}

interface Filter {
  Key: string;
  Option: string;
  Values: string[];
}

const FILTER_KEY = /^(tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType)$/;

function readFilters(raw: unknown, context: "describe" | "path"): Filter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw constraint("parameterFilters", raw, "Member must be a list");
  const seen = new Set<string>();
  return raw.map((f: { Key?: unknown; Option?: unknown; Values?: unknown }, i) => {
    const k = typeof f?.Key === "string" ? f.Key : "";
    if (!FILTER_KEY.test(k)) {
      throw constraint(
        `parameterFilters.${i + 1}.member.key`,
        k,
        "Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType",
      );
    }
    if (context === "describe" && k === "Label") {
      throw new AwsError(
        "InvalidFilterKey",
        "The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier].",
      );
    }
    if (context === "path" && !["Type", "KeyId", "Label"].includes(k)) {
      throw new AwsError(
        "InvalidFilterKey",
        `The following filter key is not valid: ${k}. Valid filter keys include: [Type, KeyId, Label].`,
      );
    }
    if (seen.has(k)) {
      throw new AwsError(
        "InvalidFilterKey",
        `The following filter is duplicated in the request: ${k}. A request can contain only one occurrence of a specific filter.`,
      );
    }
    seen.add(k);
    const values = strings(f.Values);
    if (!k.startsWith("tag:") && values.length === 0) {
      throw new AwsError(
        "InvalidFilterValue",
        `The following filter values are missing : null for filter key ${k}.`,
      );
    }
    const option = typeof f.Option === "string" ? f.Option : k === "Path" ? "OneLevel" : "Equals";
    if (k === "Path") {
      if (option !== "Recursive" && option !== "OneLevel") {
        throw new AwsError(
          "InvalidFilterOption",
          `The following filter option is not valid: ${option}. Valid options include: [Recursive, OneLevel].`,
        );
      }
      for (const v of values) {
        if (!v.startsWith("/") || v.includes("//") || !/^[a-zA-Z0-9_.\-/]*$/.test(v))
          throw validation(PATH_RULES);
      }
    } else {
      const allowed =
        k === "Label"
          ? ["Equals"]
          : k === "Name"
            ? ["Equals", "BeginsWith", "Contains"]
            : ["Equals", "BeginsWith"];
      if (!allowed.includes(option)) {
        throw new AwsError(
          "InvalidFilterOption",
          `The following filter option is not valid: ${option}. Valid options include: [${allowed.join(", ")}].`,
        );
      }
    }
    const valid = k === "Type" ? TYPES : k === "Tier" ? TIERS : undefined;
    for (const v of valid === undefined ? [] : values) {
      if (!valid!.includes(v)) {
        throw new AwsError(
          "InvalidFilterOption",
          `The following filter value is not valid: ${v}. Valid values include: [${valid!.join(", ")}].`,
        );
      }
    }
    return { Key: k, Option: option, Values: values };
  });
}

function matches(p: Parameter, f: Filter): boolean {
  const current = p.History[p.History.length - 1]!;
  const test = (subject: string | undefined, values: string[] = f.Values): boolean => {
    if (subject === undefined) return false;
    if (f.Option === "BeginsWith") return values.some((v) => subject.startsWith(v));
    if (f.Option === "Contains") return values.some((v) => subject.includes(v));
    return values.includes(subject);
  };
  if (f.Key.startsWith("tag:")) {
    const tag = p.Tags.find((t) => t.Key === f.Key.slice(4));
    if (tag === undefined) return false;
    return f.Values.length === 0 || test(tag.Value);
  }
  switch (f.Key) {
    case "Name":
      // Name prefixes compare with one leading slash on both sides, so `app` and `/app` both match `/app/x`.
      return f.Option === "Contains"
        ? test(p.Name)
        : test(
            canonical(p.Name),
            f.Values.map((v) => canonical(v)),
          );
    case "Path": {
      const name = canonical(p.Name);
      return f.Values.some((v) => {
        const prefix = v.endsWith("/") ? v : `${v}/`;
        if (!name.startsWith(prefix)) return false;
        return f.Option === "Recursive" || !name.slice(prefix.length).includes("/");
      });
    }
    case "Type":
      return test(current.Type);
    case "KeyId":
      return test(current.KeyId);
    case "Tier":
      return test(current.Tier);
    case "DataType":
      return test(current.DataType);
    default:
      // Labels are not modelled, so no parameter carries one.
      return false;
  }
}

/** The deprecated `Filters` of DescribeParameters: Name prefixes, Type and KeyId. */
function legacyMatches(p: Parameter, filters: unknown): boolean {
  const current = p.History[p.History.length - 1]!;
  for (const f of Array.isArray(filters) ? (filters as { Key?: unknown; Values?: unknown }[]) : []) {
    const values = strings(f?.Values);
    if (f?.Key === "Name" && !values.some((v) => p.Name.startsWith(v))) return false;
    if (f?.Key === "Type" && !values.includes(current.Type)) return false;
    if (f?.Key === "KeyId" && !values.includes(current.KeyId ?? "")) return false;
  }
  return true;
}

export const ssm = jsonService<State>({
  signingNames: ["ssm"],
  targetPrefix: "AmazonSSM",
  version: "1.1",
  throttle: { code: "ThrottlingException", status: 400, message: "Rate exceeded" },
  initial: () => ({ parameters: {} }),
  tagged: (state, _region, ctx) =>
    Object.values(state.parameters).map((p) => ({
      arn: arnOf(p.Name, ctx),
      resourceType: "ssm:parameter",
      tags: Object.fromEntries(p.Tags.map((t) => [t.Key, t.Value])),
    })),
  operations: (svc) => {
    const find = (name: string): Parameter | undefined => own(svc.state.parameters, key(name));

    /** The version a reference points at; real SSM names a missing parameter with no message at all. */
    const resolve = (
      ref: string,
      ctx: ServiceContext,
    ): { p: Parameter; v: ParameterVersion; selector?: string } => {
      const parsed = parseReference(ref, ctx);
      const p = parsed === undefined ? undefined : find(parsed.name);
      if (parsed === undefined || p === undefined) throw new AwsError("ParameterNotFound", "");
      if (parsed.selector === undefined) return { p, v: p.History[p.History.length - 1]! };
      if (!/^\d+$/.test(parsed.selector)) throw new AwsError("ParameterNotFound", "");
      const v = p.History.find((h) => h.Version === Number(parsed.selector));
      if (v === undefined) {
        throw new AwsError(
          "ParameterVersionNotFound",
          `Systems Manager could not find version ${parsed.selector} of ${p.Name}. Verify the version and try again.`,
        );
      }
      return { p, v, selector: `:${parsed.selector}` };
    };

    const view = (
      p: Parameter,
      v: ParameterVersion,
      decrypt: boolean,
      ctx: ServiceContext,
      selector?: string,
    ) => ({
      Name: p.Name,
      Type: v.Type,
      Value: v.Type === "SecureString" && !decrypt ? v.Ciphertext : v.Value,
      Version: v.Version,
      ...(selector === undefined ? {} : { Selector: selector }),
      LastModifiedDate: epochSeconds(v.LastModifiedDate),
      ARN: arnOf(p.Name, ctx),
      DataType: v.DataType,
    });

    const metadata = (p: Parameter, ctx: ServiceContext) => {
      const v = p.History[p.History.length - 1]!;
      return {
        Name: p.Name,
        ARN: arnOf(p.Name, ctx),
        Type: v.Type,
        ...(v.KeyId === undefined ? {} : { KeyId: v.KeyId }),
        LastModifiedDate: epochSeconds(v.LastModifiedDate),
        LastModifiedUser: v.LastModifiedUser,
        ...(v.Description === undefined ? {} : { Description: v.Description }),
        ...(v.AllowedPattern === undefined ? {} : { AllowedPattern: v.AllowedPattern }),
        Version: v.Version,
        Tier: v.Tier,
        Policies: [],
        DataType: v.DataType,
      };
    };

    /** Each query's parameters (by its path and filters), kept for its next pages while nothing changes. */
    const walks = new KeptLists<Parameter>();

    const sorted = (): Parameter[] =>
      Object.values(svc.state.parameters).sort((a, b) =>
        canonical(a.Name) < canonical(b.Name) ? -1 : canonical(a.Name) > canonical(b.Name) ? 1 : 0,
      );

    const taggable = (input: Record<string, unknown>): Parameter => {
      const type = required(input, "ResourceType");
      if (!RESOURCE_TYPES.includes(type)) {
        throw constraint(
          "resourceType",
          type,
          `Member must satisfy enum value set: [${RESOURCE_TYPES.join(", ")}]`,
        );
      }
      const id = required(input, "ResourceId");
      // Only parameters live here: any other resource type names something that does not exist.
      const p = type === "Parameter" ? find(id) : undefined;
      if (p === undefined) throw new AwsError("InvalidResourceId", "");
      return p;
    };

    return {
      PutParameter(input, ctx, req) {
        const name = required(input, "Name");
        checkName(name);
        const value = str(input, "Value");
        if (value === undefined || value === "") {
          throw constraint(
            "value",
            value ?? undefined,
            "Member must have length greater than or equal to 1.",
          );
        }
        const overwrite = input.Overwrite === true;
        const tags = checkTags(input.Tags);
        if (overwrite && tags.length > 0) {
          throw validation(
            "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
          );
        }
        if (tags.length > MAX_TAGS) throw tooManyTags();
        const type = str(input, "Type");
        if (type !== undefined && !TYPES.includes(type)) {
          throw constraint(
            "type",
            type,
            "Member must satisfy enum value set: [SecureString, StringList, String]",
          );
        }
        const dataType = str(input, "DataType");
        if (dataType !== undefined && !DATA_TYPES.includes(dataType)) {
          throw validation(
            `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`,
          );
        }
        const tier = str(input, "Tier");
        if (tier !== undefined && !TIERS.includes(tier)) {
          throw constraint(
            "tier",
            tier,
            "Member must satisfy enum value set: [Standard, Advanced, Intelligent-Tiering]",
          );
        }
        const description = str(input, "Description");
        if (description !== undefined && description.length > 1024) {
          throw constraint("description", description, "Member must have length less than or equal to 1024");
        }

        const existing = find(name);
        if (existing !== undefined && !overwrite) {
          throw new AwsError(
            "ParameterAlreadyExists",
            "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.",
          );
        }
        const previous = existing?.History[existing.History.length - 1];
        const finalType = type ?? previous?.Type;
        if (finalType === undefined)
          throw validation("A parameter type is required when you create a parameter.");

        const allowedPattern = str(input, "AllowedPattern") ?? previous?.AllowedPattern;
        if (allowedPattern !== undefined) {
          let re: RegExp;
          try {
            re = new RegExp(`^(?:${allowedPattern})$`);
          } catch {
            throw new AwsError(
              "InvalidAllowedPatternException",
              "The request does not meet the regular expression requirement.",
            );
          }
          if (!re.test(value)) {
            throw new AwsError(
              "ParameterPatternMismatchException",
              `Parameter value, cannot be validated against allowedPattern: ${allowedPattern}`,
            );
          }
        }

        // Advanced is sticky; Intelligent-Tiering picks the cheapest tier the value fits in.
        const wasAdvanced = previous?.Tier === "Advanced";
        if (tier === "Standard" && wasAdvanced) {
          throw validation(
            "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
          );
        }
        const finalTier =
          tier === "Advanced" || wasAdvanced || (tier === "Intelligent-Tiering" && value.length > 4096)
            ? "Advanced"
            : "Standard";
        if (finalTier === "Standard" && value.length > 4096) {
          throw validation(
            "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html",
          );
        }
        if (value.length > 8192) {
          throw constraint("value", "…", "Member must have length less than or equal to 8192");
        }

        const version: ParameterVersion = {
          Version: (previous?.Version ?? 0) + 1,
          Type: finalType,
          Value: value,
          DataType: dataType ?? previous?.DataType ?? "text",
          Tier: finalTier,
          LastModifiedDate: ctx.now().toISOString(),
          LastModifiedUser: callerArn(req, ctx),
        };
        if (finalType === "SecureString") {
          version.KeyId =
            str(input, "KeyId") ??
            (previous?.Type === "SecureString" ? previous.KeyId : undefined) ??
            "alias/aws/ssm";
          version.Ciphertext = ciphertext(value);
        }
        const finalDescription = description ?? previous?.Description;
        if (finalDescription !== undefined) version.Description = finalDescription;
        if (allowedPattern !== undefined) version.AllowedPattern = allowedPattern;

        if (existing === undefined) {
          put(svc.state.parameters, key(name), { Name: name, History: [version], Tags: tags });
        } else {
          existing.History.push(version);
          if (existing.History.length > MAX_VERSIONS) existing.History.shift();
        }
        return { Version: version.Version, Tier: finalTier };
      },

      GetParameter(input, ctx) {
        const { p, v, selector } = resolve(required(input, "Name"), ctx);
        return { Parameter: view(p, v, input.WithDecryption === true, ctx, selector) };
      },

      GetParameters(input, ctx) {
        const names = strings(input.Names);
        if (names.length === 0) throw constraint("names", undefined, "Member must not be null");
        if (names.length > 10) {
          throw constraint("names", names, "Member must have length less than or equal to 10");
        }
        const Parameters: unknown[] = [];
        const InvalidParameters: string[] = [];
        for (const ref of [...new Set(names)]) {
          try {
            const { p, v, selector } = resolve(ref, ctx);
            Parameters.push(view(p, v, input.WithDecryption === true, ctx, selector));
          } catch (e) {
            if (!(e instanceof AwsError)) throw e;
            InvalidParameters.push(ref);
          }
        }
        return { Parameters, InvalidParameters };
      },

      GetParametersByPath(input, ctx) {
        const path = required(input, "Path");
        if (!path.startsWith("/") || path.includes("//") || !/^[a-zA-Z0-9_.\-/]+$/.test(path)) {
          throw validation(PATH_RULES);
        }
        const limit = maxResults(input, 10, 10);
        const filters = readFilters(input.ParameterFilters, "path");
        const prefix = path.endsWith("/") ? path : `${path}/`;
        const recursive = input.Recursive === true;
        const found = walks.get(JSON.stringify(["path", prefix, recursive, filters]), ctx.generation(), () =>
          sorted().filter((p) => {
            const name = canonical(p.Name);
            if (!name.startsWith(prefix)) return false;
            if (!recursive && name.slice(prefix.length).includes("/")) return false;
            return filters.every((f) => matches(p, f));
          }),
        );
        const { page, next } = paginate(found, (p) => canonical(p.Name), str(input, "NextToken"), limit);
        const decrypt = input.WithDecryption === true;
        return {
          Parameters: page.map((p) => view(p, p.History[p.History.length - 1]!, decrypt, ctx)),
          ...(next === undefined ? {} : { NextToken: next }),
        };
      },

      DescribeParameters(input, ctx) {
        // The default page size is not documented; 10 (as GetParametersByPath) keeps callers paginating.
        const limit = maxResults(input, 50, 10);
        const hasLegacy = Array.isArray(input.Filters) && input.Filters.length > 0;
        const filters = readFilters(input.ParameterFilters, "describe");
        if (hasLegacy && filters.length > 0) {
          throw validation("You can use either Filters or ParameterFilters in a single request.");
        }
        const found = walks.get(
          JSON.stringify(["describe", input.Filters ?? null, filters]),
          ctx.generation(),
          () =>
            sorted().filter((p) => legacyMatches(p, input.Filters) && filters.every((f) => matches(p, f))),
        );
        const { page, next } = paginate(found, (p) => canonical(p.Name), str(input, "NextToken"), limit);
        return {
          Parameters: page.map((p) => metadata(p, ctx)),
          ...(next === undefined ? {} : { NextToken: next }),
        };
      },

      DeleteParameter(input) {
        const name = required(input, "Name");
        const p = find(name);
        if (p === undefined) throw new AwsError("ParameterNotFound", "");
        delete svc.state.parameters[key(name)];
        return {};
      },

      DeleteParameters(input) {
        const names = strings(input.Names);
        if (names.length === 0) throw constraint("names", undefined, "Member must not be null");
        if (names.length > 10) {
          throw constraint("names", names, "Member must have length less than or equal to 10");
        }
        const DeletedParameters: string[] = [];
        const InvalidParameters: string[] = [];
        for (const name of names) {
          if (find(name) === undefined) {
            InvalidParameters.push(name);
          } else {
            delete svc.state.parameters[key(name)];
            DeletedParameters.push(name);
          }
        }
        return { DeletedParameters, InvalidParameters };
      },

      AddTagsToResource(input) {
        const p = taggable(input);
        const tags = checkTags(input.Tags);
        if (tags.length === 0) throw constraint("tags", undefined, "Member must not be null");
        const merged = mergeTags(p.Tags, tags);
        if (merged.length > MAX_TAGS) throw tooManyTags();
        p.Tags = merged;
        return {};
      },

      RemoveTagsFromResource(input) {
        const p = taggable(input);
        const keys = strings(input.TagKeys);
        p.Tags = p.Tags.filter((t) => !keys.includes(t.Key));
        return {};
      },

      ListTagsForResource(input) {
        const p = taggable(input);
        return { TagList: p.Tags.map((t) => ({ ...t })) };
      },
    };
  },
});
