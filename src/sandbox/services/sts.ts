/** STS (awsQuery): who the caller is. Any credentials are accepted; the account is the sandbox's. */
import { queryService } from "../core/service.js";

export const sts = queryService<Record<string, never>>({
  signingNames: ["sts"],
  global: true,
  xmlns: "https://sts.amazonaws.com/doc/2011-06-15/",
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  initial: () => ({}),
  operations: () => ({
    GetCallerIdentity(_input, ctx, req) {
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
  }),
});
