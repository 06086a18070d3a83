/**
 * From a kind to its driver: a kind names its service, and the service's module (`./<service>.js`)
 * is loaded the first time a command needs it, so a command loads only the AWS clients it uses. A
 * kind on an existing service needs nothing here; a new service is one driver file and one line below.
 */
import { KINDS, kindById, kindForType } from "../../kinds/registry.js";
import type { Kind } from "../../kinds/types.js";
import type { Adopter } from "./adopt/types.js";
import type { KindDriver } from "./types.js";

interface DriverModule {
  drivers: readonly KindDriver[];
}

/** Each service's driver module, imported on first use (a bundler-friendly, type-checked table). */
const SERVICES: Readonly<Record<string, () => Promise<DriverModule>>> = {
  acm: () => import("./acm.js"),
  apigatewayv2: () => import("./apigatewayv2.js"),
  cloudfront: () => import("./cloudfront.js"),
  cognito: () => import("./cognito.js"),
  dynamodb: () => import("./dynamodb.js"),
  ecr: () => import("./ecr.js"),
  eventbridge: () => import("./eventbridge.js"),
  iam: () => import("./iam.js"),
  kms: () => import("./kms.js"),
  lambda: () => import("./lambda.js"),
  logs: () => import("./logs.js"),
  route53: () => import("./route53.js"),
  s3: () => import("./s3.js"),
  secretsmanager: () => import("./secretsmanager.js"),
  ses: () => import("./ses.js"),
  sesv2: () => import("./sesv2.js"),
  sns: () => import("./sns.js"),
  sqs: () => import("./sqs.js"),
};

async function load(service: string): Promise<DriverModule> {
  const module = SERVICES[service];
  // A kind whose service has no driver module serves nothing (the registry test forbids it).
  return module === undefined ? { drivers: [] } : module();
}

/** The driver that serves a kind; undefined when its service's module has none for it. */
export async function driverFor(kind: Kind): Promise<KindDriver | undefined> {
  const { drivers } = await load(kind.service);
  return drivers.find((d) => d.kind === kind.kind);
}

/** The driver for a Pulumi type token, if stateward knows the type. */
export async function driverForType(type: string): Promise<KindDriver | undefined> {
  const kind = kindForType(type);
  return kind === undefined ? undefined : driverFor(kind);
}

/** The driver for a kind id (`log-group`, …). */
export async function driverForKind(id: string): Promise<KindDriver | undefined> {
  const kind = kindById(id);
  return kind === undefined ? undefined : driverFor(kind);
}

/** Every kind's driver, in the registry's order (loads every service: for scans and tests). */
export async function allDrivers(kinds: readonly Kind[] = KINDS): Promise<KindDriver[]> {
  const found = await Promise.all(kinds.map(driverFor));
  return found.filter((d): d is KindDriver => d !== undefined);
}

/** How a kind is adopted (its driver's read-for-adopt); undefined when stateward cannot adopt it. */
export async function adopterFor(id: string): Promise<Adopter | undefined> {
  const driver = await driverForKind(id);
  if (driver?.adopt === undefined) return undefined;
  return { kind: id, read: (ctx, identity) => driver.adopt!(ctx, identity) };
}
