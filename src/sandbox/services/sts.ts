/**
 * STS (awsQuery): who the caller is, and AssumeRole. Any credentials are accepted; the account is the
 * sandbox's. AssumeRole hands out temporary credentials (an `ASIA…` access key, a secret and a session
 * token, expiring after DurationSeconds) that the sandbox accepts like any other: GetCallerIdentity
 * with them answers the assumed-role session (`arn:aws:sts::<account>:assumed-role/<role>/<session>`),
 * as STS does. Neither the role's existence nor its trust policy is checked here (IAM's state is its
 * own service's); validation follows the API reference (RoleArn 20–2048, RoleSessionName 2–64 of
 * `[\w+=,.@-]`, DurationSeconds 900–43200, default 3600).
 */
import { randomBytes, randomInt } from "node:crypto";
import { constraintError, optionalString as str, queryService, requireString } from "../core/service.js";

interface Session {
  RoleArn: string;
  RoleId: string;
  SessionName: string;
  Expiration: string;
}

interface State {
  /** Keyed by the temporary access key id. Absent in snapshots written before AssumeRole existed. */
  sessions?: Record<string, Session>;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function randomId(prefix: string, length: number): string {
  let id = prefix;
  for (let i = 0; i < length; i++) id += BASE32[randomInt(BASE32.length)];
  return id;
}

const validation = (field: string, value: unknown, rule: string) =>
  constraintError("ValidationError", field, value, rule);

/** DurationSeconds: 900–43200, 3600 when left out. */
function duration(input: Record<string, unknown>): number {
  const raw = str(input, "DurationSeconds");
  if (raw === undefined || raw === "") return 3600;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw validation("durationSeconds", raw, "Member must be an integer");
  if (n < 900) throw validation("durationSeconds", n, "Member must have value greater than or equal to 900");
  if (n > 43200) throw validation("durationSeconds", n, "Member must have value less than or equal to 43200");
  return n;
}

export const sts = queryService<State>({
  signingNames: ["sts"],
  global: true,
  xmlns: "https://sts.amazonaws.com/doc/2011-06-15/",
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  initial: () => ({ sessions: {} }),
  operations: (svc) => ({
    GetCallerIdentity(_input, ctx, req) {
      const session = svc.state.sessions?.[req.accessKeyId];
      if (session !== undefined && Object.hasOwn(svc.state.sessions!, req.accessKeyId)) {
        const role = session.RoleArn.slice(session.RoleArn.lastIndexOf("/") + 1);
        return {
          UserId: `${session.RoleId}:${session.SessionName}`,
          Account: ctx.accountId,
          Arn: `arn:aws:sts::${ctx.accountId}:assumed-role/${role}/${session.SessionName}`,
        };
      }
      const user = req.accessKeyId === "" ? "sandbox" : req.accessKeyId;
      return {
        UserId: `AIDA${user
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, "")
          .slice(0, 16)
          .padEnd(16, "X")}`,
        Account: ctx.accountId,
        Arn: `arn:aws:iam::${ctx.accountId}:user/${user}`,
      };
    },

    AssumeRole(input, ctx) {
      const roleArn = requireString(input, "RoleArn", "ValidationError");
      if (roleArn.length < 20) {
        throw validation("roleArn", roleArn, "Member must have length greater than or equal to 20");
      }
      if (roleArn.length > 2048) {
        throw validation("roleArn", roleArn, "Member must have length less than or equal to 2048");
      }
      const name = requireString(input, "RoleSessionName", "ValidationError");
      if (name.length < 2) {
        throw validation("roleSessionName", name, "Member must have length greater than or equal to 2");
      }
      if (name.length > 64) {
        throw validation("roleSessionName", name, "Member must have length less than or equal to 64");
      }
      if (!/^[\w+=,.@-]*$/.test(name)) {
        throw validation(
          "roleSessionName",
          name,
          "Member must satisfy regular expression pattern: [\\w+=,.@-]*",
        );
      }
      const seconds = duration(input);
      // The role's name ends its ARN (`…:role/<path/><name>`); what else STS checks is not modelled.
      const role = roleArn.slice(Math.max(roleArn.lastIndexOf("/"), roleArn.lastIndexOf(":")) + 1);
      const accessKeyId = randomId("ASIA", 16);
      const expiration = new Date(ctx.now().getTime() + seconds * 1000)
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z");
      const session: Session = {
        RoleArn: roleArn,
        RoleId: randomId("AROA", 17),
        SessionName: name,
        Expiration: expiration,
      };
      (svc.state.sessions ??= {})[accessKeyId] = session;
      return {
        Credentials: {
          AccessKeyId: accessKeyId,
          SecretAccessKey: randomBytes(30).toString("base64"),
          SessionToken: randomBytes(96).toString("base64"),
          Expiration: expiration,
        },
        AssumedRoleUser: {
          AssumedRoleId: `${session.RoleId}:${name}`,
          Arn: `arn:aws:sts::${ctx.accountId}:assumed-role/${role}/${name}`,
        },
        PackedPolicySize: str(input, "Policy") === undefined ? undefined : 0,
      };
    },
  }),
});
