/** The shapes every service of the local cloud works with. */

export interface SandboxRequest {
  method: string;
  /** The decoded path, without the query string. */
  path: string;
  /** The raw path as sent (S3 keys are matched on it, percent-decoded per segment). */
  rawPath: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
  /** The SigV4 signing name from the credential scope (`s3`, `dynamodb`, …). */
  service: string;
  region: string;
  accessKeyId: string;
  accountId: string;
  requestId: string;
  /** Whether it came over HTTPS (`aws:SecureTransport` in bucket policies); absent means plain HTTP. */
  secure?: boolean;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface ResolvedOperation {
  /** The AWS operation name, for counters and fault rules (`CreateTable`, `PutObject`, …). */
  operation: string;
  run(): SandboxResponse | Promise<SandboxResponse>;
}

export interface ThrottleError {
  code: string;
  status: number;
  message: string;
}

/** A resource any service can report to the Resource Groups Tagging API. */
export interface TaggedResource {
  arn: string;
  /** `service:resourceType`, as the tagging API filters it (`dynamodb:table`, `logs:log-group`). */
  resourceType: string;
  tags: Record<string, string>;
  /**
   * When what this entry says stops holding on the sandbox clock (ms since the epoch) with no request
   * in between: a secret whose deletion date comes, a certificate that becomes ISSUED. The lists the
   * sandbox keeps between requests are built again from then on.
   */
  until?: number;
}

export interface ServiceContext {
  region: string;
  accountId: string;
  now(): Date;
  /** How long a CloudFront distribution stays InProgress after a change (ms). */
  deployDelayMs: number;
  /**
   * Every taggable resource of every service in a region (for the tagging API). The same list (the
   * same array) while nothing changed; never to be modified.
   */
  taggedResources(region: string): readonly TaggedResource[];
  /**
   * How many changes the sandbox has seen: while it stays the same, every service holds what it held
   * (lists built from the state may be kept, see KeptLists).
   */
  generation(): number;
}

/** Creates one instance of a service: per region, or one for all regions when `global`. */
export interface ServiceFactory {
  /** Unique name for counters, fault rules and persistence (the signing name unless two services share one). */
  readonly id: string;
  readonly signingNames: readonly string[];
  /** When two services share a signing name, which requests this one takes. */
  accepts?(req: SandboxRequest): boolean;
  readonly global: boolean;
  create(): Service;
}

export interface Service {
  readonly id: string;
  /** SigV4 signing names this service answers to. */
  readonly signingNames: readonly string[];
  /** Global services keep one state for every region (IAM, CloudFront, Route53). */
  readonly global: boolean;
  readonly throttle: ThrottleError;
  resolve(req: SandboxRequest, ctx: ServiceContext): ResolvedOperation;
  formatError(error: AwsError, req: SandboxRequest): SandboxResponse;
  /** Taggable resources in one region (global services report theirs in us-east-1). */
  taggedResources?(region: string, ctx: ServiceContext): TaggedResource[];
  /** Everything the service holds, as JSON, for `--data` persistence. */
  snapshot(): unknown;
  restore(data: unknown): void;
  reset(): void;
}

/** An error as AWS returns it: the code (SDK exception name), the HTTP status and the message. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra fields some errors carry (S3's `<Key>`, `<BucketName>`, …). */
    readonly extra: Record<string, string> = {},
    /** `Sender` or `Receiver`, for the XML error shapes. */
    readonly type: "Sender" | "Receiver" = status >= 500 ? "Receiver" : "Sender",
  ) {
    super(message);
    this.name = code;
  }
}
