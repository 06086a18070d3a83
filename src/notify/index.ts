/**
 * `--notify <url>` for guard and doctor: where the URL comes from (the flag, else
 * STATEWARD_NOTIFY_URL), and sending one alert with at most one warning line when it does not arrive.
 */
import { Option } from "commander";
import { usageError } from "../cli/exit-codes.js";
import { t } from "../i18n/index.js";
import type { DoctorReport } from "../actions/doctor.js";
import { alertBody, blockersAlert, type Alert } from "./message.js";
import { notifyTarget, postJson, type NotifyTarget, type SendOptions } from "./webhook.js";

export const NOTIFY_ENV = "STATEWARD_NOTIFY_URL";

/** `--notify <url>` (its help says where else the URL may come from). */
export function notifyOption(): Option {
  return new Option("--notify <url>", t("guard.option.notify", { env: NOTIFY_ENV }));
}

/** `--no-notify`: not even STATEWARD_NOTIFY_URL. */
export function noNotifyOption(): Option {
  return new Option("--no-notify", t("guard.option.noNotify", { env: NOTIFY_ENV }));
}

/**
 * The webhook to post to: `--notify`, else STATEWARD_NOTIFY_URL (unless `--no-notify`); undefined when
 * neither. A value that is not an http(s) URL is a usage error that never repeats the value (it is a
 * secret).
 */
export function notifyFrom(
  flag: string | boolean | undefined,
  env: Record<string, string | undefined>,
): NotifyTarget | undefined {
  if (flag === false) return undefined;
  const fromEnv = env[NOTIFY_ENV];
  const value =
    typeof flag === "string" ? flag : fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
  if (value === undefined) return undefined;
  const target = notifyTarget(value);
  if (target === undefined)
    throw usageError(
      typeof flag === "string" ? t("guard.notify.badFlag") : t("guard.notify.badEnv", { env: NOTIFY_ENV }),
    );
  return target;
}

/**
 * Posts the alert; true when it arrived. A failure is one warning line on stderr, naming only the
 * URL's scheme and host; it never throws.
 */
export async function sendAlert(
  target: NotifyTarget,
  alert: Alert,
  stderr: { write(s: string): unknown },
  who: string,
  options: SendOptions = {},
): Promise<boolean> {
  let result;
  try {
    result = await postJson(target, alertBody(alert, target.url), options);
  } catch {
    result = { ok: false as const, attempts: 1, reason: t("guard.notify.reason.network") };
  }
  if (result.ok) return true;
  stderr.write(
    (result.attempts === 1
      ? t("guard.notify.failed.one", { who, where: target.shown, reason: result.reason })
      : t("guard.notify.failed.other", {
          who,
          where: target.shown,
          reason: result.reason,
          count: result.attempts,
        })) + "\n",
  );
  return false;
}

/**
 * doctor's `--notify`: the webhook is read (and checked) before the scan; after it, one alert when
 * the report has blockers. Never changes doctor's exit code.
 */
export function doctorNotifier(
  run: { io: { env: Record<string, string | undefined>; stderr: { write(s: string): unknown } } },
  opts: { notify?: string | boolean; stage?: string },
): (report: DoctorReport, exitCode: number) => Promise<void> {
  const target = notifyFrom(opts.notify, run.io.env);
  return async (report, exitCode) => {
    if (target === undefined || report.summary.blockers === 0) return;
    const stages = [...new Set(report.findings.filter((f) => f.severity === "blocker").map((f) => f.stage))];
    const where = { app: report.app, stage: opts.stage ?? stages.join(",") };
    await sendAlert(target, blockersAlert(where, exitCode, report), run.io.stderr, "stateward doctor");
  };
}
