/** The update records of a stage as events of its history, each tied to the version it left. */
import type { RawVersion, UpdateInfo } from "./types.js";
import { compareUpdateIds, updateIdTime } from "../state/index.js";
import type { HistoryEvent, HistoryVersion, UpdateView } from "./history-read.js";
import { t, items } from "../i18n/index.js";

export function updateTime(u: UpdateInfo): number {
  return (u.timeCompleted ?? u.timeStarted ?? updateIdTime(u.id))?.getTime() ?? 0;
}

export function updateView(u: UpdateInfo): UpdateView {
  const view: UpdateView = { id: u.id, outcome: u.outcome, errors: u.errors };
  if (u.command !== undefined) view.command = u.command;
  if (u.timeStarted !== undefined) view.timeStarted = u.timeStarted.toISOString();
  if (u.timeStartedFrom !== undefined) view.timeStartedFrom = u.timeStartedFrom;
  if (u.timeCompleted !== undefined) view.timeCompleted = u.timeCompleted.toISOString();
  if (u.runId !== undefined) view.runId = u.runId;
  if (u.version !== undefined) view.sstVersion = u.version;
  if (u.forceUnlocked !== undefined) view.forceUnlocked = u.forceUnlocked;
  return view;
}

/**
 * The update records as events, newest first: those the backend lists (SST: every record, with a
 * snapshot or not), else those that came with a stored copy (Pulumi DIY history).
 */
export function historyEvents(
  versions: HistoryVersion[],
  raw: RawVersion[],
  records: UpdateInfo[] | undefined,
): HistoryEvent[] {
  const all = new Map<string, UpdateInfo>();
  for (const u of records ?? []) all.set(u.id, u);
  for (const c of raw) if (c.update !== undefined && !all.has(c.update.id)) all.set(c.update.id, c.update);
  // The copy an update left: a snapshot (or DIY checkpoint) named by its id, or one it is attached to.
  const copyOf = new Map<string, string>();
  for (const c of raw) {
    if (c.update !== undefined) copyOf.set(c.update.id, c.name);
    else if (c.source === "sst-snapshot") copyOf.set(c.name, c.name);
  }
  const versionOf = (name: string | undefined) =>
    name === undefined ? undefined : versions.find((v) => v.names.includes(name) || v.id === name);
  const events = [...all.values()].map((u): HistoryEvent => {
    const version = versionOf(copyOf.get(u.id));
    const event: HistoryEvent = { ...updateView(u), snapshot: copyOf.has(u.id) };
    const time = u.timeCompleted ?? u.timeStarted ?? updateIdTime(u.id);
    if (time !== undefined) event.time = time.toISOString();
    if (version !== undefined) event.version = version.id;
    const note = eventNote(u, version);
    if (note !== undefined) event.note = note;
    return event;
  });
  return events.sort(
    (a, b) =>
      (a.time === undefined ? 1 : 0) - (b.time === undefined ? 1 : 0) ||
      (a.time !== undefined && b.time !== undefined && a.time !== b.time ? (a.time < b.time ? 1 : -1) : 0) ||
      compareUpdateIds(a.id, b.id),
  );
}

function eventNote(u: UpdateInfo, version: HistoryVersion | undefined): string | undefined {
  if (u.forceUnlocked !== undefined) {
    const started =
      u.timeStartedFrom === "id" ? t("history.event.start-blanked") : t("history.event.had-started");
    return u.runId === undefined
      ? t("history.event.force-unlocked-no-run", { command: u.forceUnlocked, started })
      : t("history.event.force-unlocked", { command: u.forceUnlocked, started });
  }
  if (version === undefined) {
    return u.outcome === "unfinished" ? t("history.event.never-completed") : t("history.event.no-snapshot");
  }
  const others = version.updates?.filter((x) => x.id !== u.id) ?? [];
  if (others.length > 0) {
    return t("history.event.same-state", {
      updates: items(others.map((x) => `${x.command ?? t("history.update")} ${x.id}`)),
    });
  }
  return undefined;
}
