/**
 * The shape of an adopted CloudFront distribution: its config as pulumi-aws records it among the
 * inputs (`__defaults: []` in every nested object) and the outputs, every property included, empty
 * ones too (`null` blocks, `""`, `[]`), checked against pulumi-aws's recorded state
 * (../shared/fixtures/pulumi-aws/cloudfront-distribution-6.10.0-state.json).
 */
import type {
  CacheBehavior,
  DefaultCacheBehavior,
  Distribution,
  DistributionConfig,
  Origin,
} from "@aws-sdk/client-cloudfront";
import type { JsonObject, JsonValue, PropertyMap } from "../../../state/index.js";

/** `{Quantity, Items}` lists as plain arrays. */
function itemsOf<T>(list: { Items?: T[] } | undefined): T[] {
  return list?.Items ?? [];
}

function setIfDefined(target: JsonObject, key: string, value: JsonValue | undefined): void {
  if (value !== undefined) target[key] = value;
}

function originOf(origin: Origin): JsonObject {
  const out: JsonObject = { domainName: origin.DomainName ?? "", originId: origin.Id ?? "" };
  if (origin.OriginPath !== undefined && origin.OriginPath !== "") out.originPath = origin.OriginPath;
  if (origin.OriginAccessControlId !== undefined && origin.OriginAccessControlId !== "") {
    out.originAccessControlId = origin.OriginAccessControlId;
  }
  setIfDefined(out, "connectionAttempts", origin.ConnectionAttempts);
  setIfDefined(out, "connectionTimeout", origin.ConnectionTimeout);
  const headers = itemsOf(origin.CustomHeaders);
  if (headers.length > 0) {
    out.customHeaders = headers.map((h) => ({ name: h.HeaderName ?? "", value: h.HeaderValue ?? "" }));
  }
  const custom = origin.CustomOriginConfig;
  if (custom !== undefined) {
    const config: JsonObject = {
      httpPort: custom.HTTPPort ?? 80,
      httpsPort: custom.HTTPSPort ?? 443,
      originProtocolPolicy: custom.OriginProtocolPolicy ?? "",
      originSslProtocols: itemsOf(custom.OriginSslProtocols).map(String),
    };
    setIfDefined(config, "originKeepaliveTimeout", custom.OriginKeepaliveTimeout);
    setIfDefined(config, "originReadTimeout", custom.OriginReadTimeout);
    out.customOriginConfig = config;
  }
  const s3 = origin.S3OriginConfig;
  if (s3 !== undefined) out.s3OriginConfig = { originAccessIdentity: s3.OriginAccessIdentity ?? "" };
  return out;
}

/** CloudFront's default when a behaviour names no methods. */
const DEFAULT_METHODS = ["GET", "HEAD"];

function behaviourOf(behaviour: DefaultCacheBehavior | CacheBehavior): JsonObject {
  const allowed = behaviour.AllowedMethods;
  const out: JsonObject = {
    allowedMethods: allowed === undefined ? [...DEFAULT_METHODS] : itemsOf(allowed).map(String),
    cachedMethods:
      allowed?.CachedMethods === undefined
        ? [...DEFAULT_METHODS]
        : itemsOf(allowed.CachedMethods).map(String),
    targetOriginId: behaviour.TargetOriginId ?? "",
    viewerProtocolPolicy: behaviour.ViewerProtocolPolicy ?? "",
  };
  setIfDefined(out, "compress", behaviour.Compress);
  for (const [key, value] of [
    ["cachePolicyId", behaviour.CachePolicyId],
    ["originRequestPolicyId", behaviour.OriginRequestPolicyId],
    ["responseHeadersPolicyId", behaviour.ResponseHeadersPolicyId],
  ] as const) {
    if (value !== undefined && value !== "") out[key] = value;
  }
  const functions = itemsOf(behaviour.FunctionAssociations);
  if (functions.length > 0) {
    out.functionAssociations = functions.map((f) => ({
      eventType: f.EventType ?? "",
      functionArn: f.FunctionARN ?? "",
    }));
  }
  const lambdas = itemsOf(behaviour.LambdaFunctionAssociations);
  if (lambdas.length > 0) {
    out.lambdaFunctionAssociations = lambdas.map((l) => ({
      eventType: l.EventType ?? "",
      includeBody: l.IncludeBody ?? false,
      lambdaArn: l.LambdaFunctionARN ?? "",
    }));
  }
  if ("PathPattern" in behaviour && behaviour.PathPattern !== undefined) {
    out.pathPattern = behaviour.PathPattern;
  }
  return out;
}

/** The provider's inputs of a distribution, from its config (CloudFront's names in camelCase). */
export function distributionInputs(config: DistributionConfig): PropertyMap {
  const inputs: PropertyMap = {
    aliases: itemsOf(config.Aliases),
    comment: config.Comment ?? "",
    enabled: config.Enabled ?? false,
    origins: itemsOf(config.Origins).map(originOf),
  };
  if (config.DefaultCacheBehavior !== undefined) {
    inputs.defaultCacheBehavior = behaviourOf(config.DefaultCacheBehavior);
  }
  const ordered = itemsOf(config.CacheBehaviors);
  if (ordered.length > 0) inputs.orderedCacheBehaviors = ordered.map(behaviourOf);
  if (config.DefaultRootObject !== undefined && config.DefaultRootObject !== "") {
    inputs.defaultRootObject = config.DefaultRootObject;
  }
  setIfDefined(inputs, "priceClass", config.PriceClass);
  setIfDefined(inputs, "httpVersion", config.HttpVersion);
  setIfDefined(inputs, "isIpv6Enabled", config.IsIPV6Enabled);
  if (config.WebACLId !== undefined && config.WebACLId !== "") inputs.webAclId = config.WebACLId;
  const cert = config.ViewerCertificate;
  if (cert !== undefined) {
    const out: JsonObject = { cloudfrontDefaultCertificate: cert.CloudFrontDefaultCertificate ?? false };
    if (cert.ACMCertificateArn !== undefined) out.acmCertificateArn = cert.ACMCertificateArn;
    if (cert.IAMCertificateId !== undefined) out.iamCertificateId = cert.IAMCertificateId;
    setIfDefined(out, "minimumProtocolVersion", cert.MinimumProtocolVersion);
    setIfDefined(out, "sslSupportMethod", cert.SSLSupportMethod);
    inputs.viewerCertificate = out;
  }
  const geo = config.Restrictions?.GeoRestriction;
  if (geo !== undefined) {
    inputs.restrictions = {
      geoRestriction: { locations: geo.Items ?? [], restrictionType: geo.RestrictionType ?? "none" },
    };
  }
  const errors = itemsOf(config.CustomErrorResponses);
  if (errors.length > 0) {
    inputs.customErrorResponses = errors.map((e) => {
      const out: JsonObject = { errorCode: e.ErrorCode ?? 0 };
      setIfDefined(out, "errorCachingMinTtl", e.ErrorCachingMinTTL);
      if (e.ResponseCode !== undefined && e.ResponseCode !== "") out.responseCode = Number(e.ResponseCode);
      if (e.ResponsePagePath !== undefined && e.ResponsePagePath !== "") {
        out.responsePagePath = e.ResponsePagePath;
      }
      return out;
    });
  }
  return inputs;
}

/** What pulumi-aws records in `__meta` for a distribution (schema version 1, no timeouts). */
export const CLOUDFRONT_DISTRIBUTION_META = JSON.stringify({ schema_version: "1" });

/** Every nested object of an input value with its `__defaults: []`, as pulumi-aws writes inputs. */
export function withNestedDefaults(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withNestedDefaults);
  if (value === null || typeof value !== "object") return value;
  const out: JsonObject = { __defaults: [] };
  for (const [k, v] of Object.entries(value)) if (k !== "__defaults") out[k] = withNestedDefaults(v);
  return out;
}

/** A time as Go's time.String() prints it, which is how the provider records `lastModifiedTime`. */
function goTime(date: Date | undefined): string {
  if (date === undefined) return "";
  const iso = date.toISOString(); // 2024-03-15T12:35:29.047Z
  const fraction = iso.slice(20, 23).replace(/0+$/, "");
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction === "" ? "" : `.${fraction}`} +0000 UTC`;
}

function fullOrigin(origin: Origin): JsonObject {
  const custom = origin.CustomOriginConfig;
  const shield = origin.OriginShield;
  return {
    connectionAttempts: origin.ConnectionAttempts ?? 3,
    connectionTimeout: origin.ConnectionTimeout ?? 10,
    customHeaders: itemsOf(origin.CustomHeaders).map((h) => ({
      name: h.HeaderName ?? "",
      value: h.HeaderValue ?? "",
    })),
    customOriginConfig:
      custom === undefined
        ? null
        : {
            httpPort: custom.HTTPPort ?? 80,
            httpsPort: custom.HTTPSPort ?? 443,
            originKeepaliveTimeout: custom.OriginKeepaliveTimeout ?? 5,
            originProtocolPolicy: custom.OriginProtocolPolicy ?? "",
            originReadTimeout: custom.OriginReadTimeout ?? 30,
            originSslProtocols: itemsOf(custom.OriginSslProtocols).map(String),
          },
    domainName: origin.DomainName ?? "",
    originAccessControlId: origin.OriginAccessControlId ?? "",
    originId: origin.Id ?? "",
    originPath: origin.OriginPath ?? "",
    originShield:
      shield === undefined
        ? null
        : { enabled: shield.Enabled ?? false, originShieldRegion: shield.OriginShieldRegion ?? "" },
    s3OriginConfig:
      origin.S3OriginConfig === undefined
        ? null
        : { originAccessIdentity: origin.S3OriginConfig.OriginAccessIdentity ?? "" },
  };
}

function fullBehaviour(behaviour: DefaultCacheBehavior | CacheBehavior): JsonObject {
  const allowed = behaviour.AllowedMethods;
  const forwarded = behaviour.ForwardedValues;
  const out: JsonObject = {
    allowedMethods: allowed === undefined ? [...DEFAULT_METHODS] : itemsOf(allowed).map(String),
    cachePolicyId: behaviour.CachePolicyId ?? "",
    cachedMethods:
      allowed?.CachedMethods === undefined
        ? [...DEFAULT_METHODS]
        : itemsOf(allowed.CachedMethods).map(String),
    compress: behaviour.Compress ?? false,
    defaultTtl: behaviour.DefaultTTL ?? 0,
    fieldLevelEncryptionId: behaviour.FieldLevelEncryptionId ?? "",
    // A behaviour with a cache policy has no forwarded values: the provider records none (null).
    forwardedValues:
      forwarded === undefined
        ? null
        : {
            cookies: {
              forward: forwarded.Cookies?.Forward ?? "none",
              whitelistedNames: itemsOf(forwarded.Cookies?.WhitelistedNames).map(String),
            },
            headers: itemsOf(forwarded.Headers).map(String),
            queryString: forwarded.QueryString ?? false,
            queryStringCacheKeys: itemsOf(forwarded.QueryStringCacheKeys).map(String),
          },
    functionAssociations: itemsOf(behaviour.FunctionAssociations).map((f) => ({
      eventType: f.EventType ?? "",
      functionArn: f.FunctionARN ?? "",
    })),
    lambdaFunctionAssociations: itemsOf(behaviour.LambdaFunctionAssociations).map((l) => ({
      eventType: l.EventType ?? "",
      includeBody: l.IncludeBody ?? false,
      lambdaArn: l.LambdaFunctionARN ?? "",
    })),
    maxTtl: behaviour.MaxTTL ?? 0,
    minTtl: behaviour.MinTTL ?? 0,
    originRequestPolicyId: behaviour.OriginRequestPolicyId ?? "",
    realtimeLogConfigArn: behaviour.RealtimeLogConfigArn ?? "",
    responseHeadersPolicyId: behaviour.ResponseHeadersPolicyId ?? "",
    smoothStreaming: behaviour.SmoothStreaming ?? false,
    targetOriginId: behaviour.TargetOriginId ?? "",
    trustedKeyGroups: itemsOf(behaviour.TrustedKeyGroups).map(String),
    trustedSigners: itemsOf(behaviour.TrustedSigners).map(String),
    viewerProtocolPolicy: behaviour.ViewerProtocolPolicy ?? "",
  };
  if ("PathPattern" in behaviour && behaviour.PathPattern !== undefined)
    out.pathPattern = behaviour.PathPattern;
  return out;
}

/** Every output the provider records for a distribution (keys in its schema's order: sorted). */
export function distributionOutputs(
  distribution: Distribution,
  config: DistributionConfig,
  extra: PropertyMap,
  tags: Record<string, string>,
): PropertyMap {
  const cert = config.ViewerCertificate;
  const geo = config.Restrictions?.GeoRestriction;
  const logging = config.Logging;
  const signers = distribution.ActiveTrustedSigners;
  const keyGroups = distribution.ActiveTrustedKeyGroups;
  const outputs: PropertyMap = {
    __meta: CLOUDFRONT_DISTRIBUTION_META,
    aliases: itemsOf(config.Aliases),
    ...extra,
    comment: config.Comment ?? "",
    continuousDeploymentPolicyId: config.ContinuousDeploymentPolicyId ?? "",
    customErrorResponses: itemsOf(config.CustomErrorResponses).map((e) => ({
      errorCachingMinTtl: e.ErrorCachingMinTTL ?? 0,
      errorCode: e.ErrorCode ?? 0,
      responseCode: e.ResponseCode === undefined || e.ResponseCode === "" ? 0 : Number(e.ResponseCode),
      responsePagePath: e.ResponsePagePath ?? "",
    })),
    defaultCacheBehavior:
      config.DefaultCacheBehavior === undefined ? null : fullBehaviour(config.DefaultCacheBehavior),
    defaultRootObject: config.DefaultRootObject ?? "",
    enabled: config.Enabled ?? false,
    httpVersion: config.HttpVersion ?? "http2",
    isIpv6Enabled: config.IsIPV6Enabled ?? false,
    lastModifiedTime: goTime(distribution.LastModifiedTime),
    loggingConfig:
      logging?.Enabled === true
        ? {
            bucket: logging.Bucket ?? "",
            includeCookies: logging.IncludeCookies ?? false,
            prefix: logging.Prefix ?? "",
          }
        : null,
    orderedCacheBehaviors: itemsOf(config.CacheBehaviors).map(fullBehaviour),
    origins: itemsOf(config.Origins).map(fullOrigin),
    priceClass: config.PriceClass ?? "PriceClass_All",
    restrictions: {
      geoRestriction: { locations: geo?.Items ?? [], restrictionType: geo?.RestrictionType ?? "none" },
    },
    // Inputs of the provider alone, at their defaults: AWS knows nothing of them.
    retainOnDelete: false,
    staging: config.Staging ?? false,
    tags: { ...tags },
    tagsAll: { ...tags },
    trustedKeyGroups: [{ enabled: keyGroups?.Enabled ?? false, items: [] }],
    trustedSigners: [{ enabled: signers?.Enabled ?? false, items: [] }],
    viewerCertificate: {
      acmCertificateArn: cert?.ACMCertificateArn ?? "",
      cloudfrontDefaultCertificate: cert?.CloudFrontDefaultCertificate ?? false,
      iamCertificateId: cert?.IAMCertificateId ?? "",
      minimumProtocolVersion: cert?.MinimumProtocolVersion ?? "TLSv1",
      sslSupportMethod: cert?.SSLSupportMethod ?? "",
    },
    waitForDeployment: true,
    webAclId: config.WebACLId ?? "",
  };
  const sorted: PropertyMap = {};
  for (const key of Object.keys(outputs).sort()) sorted[key] = outputs[key]!;
  return sorted;
}
