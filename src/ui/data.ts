/**
 * What the `stateward ui` API answers, computed by the same actions the CLI runs, on the stage opened
 * the way the CLI opens it: the documents are the objects the CLI prints with --json.
 */
import { Readable } from "node:stream";
import type { DoctorReport } from "../actions/doctor.js";
import type { ReadHistory } from "../actions/history.js";
import { ObjectCache } from "../backends/object-cache.js";
import { cacheDir } from "../util/cache-dir.js";
import type { OpenStage, StageOptions } from "../backends/resolve.js";
import type { StageFacts } from "../facts/types.js";
import { coverageOf } from "../rules/index.js";
import type {
  DiffResponse,
  ExplainResponse,
  HistoryCountsResponse,
  HistoryResponse,
  OverviewResponse,
  OverviewStage,
  StageResponse,
} from "./api-types.js";
import { historyCounts, resourcesOf } from "./resources.js";

export interface UiContext {
  cwd: string;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  timeoutMs?: number;
}

/** An error as the page gets it: the CLI's --json error document. */
export type ErrorDoc = NonNullable<OverviewStage["error"]>;

/** The API's data for one app; stage documents are cached for the server's life (`refresh` recomputes). */
export class UiData {
  private readonly overviews = new Memo<OverviewResponse>();
  private readonly stageDocs = new Memo<StageResponse>();
  private readonly histories = new Memo<ReadHistory>();

  constructor(
    private readonly options: StageOptions,
    private readonly context: UiContext,
    /** The CLI's error document for an error (one stage's failure in the overview). */
    private readonly errorDoc: (e: unknown) => Promise<ErrorDoc>,
  ) {}

  /** Opens a stage as `run.stage` does (no stage: the app, as `--all-stages`), runs `body`, closes it. */
  async open<T>(
    stage: string | undefined,
    body: (open: OpenStage) => Promise<T>,
    extra: Partial<StageOptions> = {},
  ): Promise<T> {
    const { withStage } = await import("../backends/stage-session.js");
    const { app, region, profile, backend } = this.options;
    const options: StageOptions = {
      app,
      region,
      profile,
      backend,
      ...(stage === undefined ? { stage: this.options.stage, allStages: true } : { stage }),
      ...extra,
    };
    const { cwd, env, signal, timeoutMs } = this.context;
    return withStage(
      options,
      { cwd, env, signal, ...(timeoutMs === undefined ? {} : { timeoutMs }) },
      {},
      body,
    );
  }

  private cache(): { cache?: ObjectCache } {
    const dir = cacheDir(this.context.env);
    return dir === undefined ? {} : { cache: new ObjectCache(dir) };
  }

  /** The app's name and its stages, sorted: those `doctor --all-stages` covers (a removed one too). */
  async app(): Promise<{ app: string; stages: string[] }> {
    const { stagesOf } = await import("../actions/doctor.js");
    return this.open(undefined, async (open) => ({
      app: open.backend.app,
      stages: [...(await stagesOf(open.backend, open.signal))].sort(),
    }));
  }

  overview(refresh: boolean): Promise<OverviewResponse> {
    return this.overviews.get("", refresh, () => this.computeOverview(refresh));
  }

  /**
   * `doctor --all-stages` once; a stage it could not judge (its state unreadable), or every stage should
   * it fail as a whole, on its own — where a failure is that stage's error.
   */
  private async computeOverview(refresh: boolean): Promise<OverviewResponse> {
    const { diagnose, stagesOf } = await import("../actions/doctor.js");
    const alone = (stage: string) =>
      this.open(stage, async (open) => {
        const { facts, report } = await diagnose(open, { concurrency: 8 });
        return this.overviewStage(facts.stages[0]!, report, refresh);
      }).catch(async (e: unknown) => failedStage(stage, await this.errorDoc(e)));
    const together = await this.open(undefined, async (open) => {
      const known = await stagesOf(open.backend, open.signal);
      const { facts, report } = await diagnose(open, { allStages: true, concurrency: 8 });
      const judged = new Map(facts.stages.map((s) => [s.stage, s]));
      const stages = await Promise.all(
        [...new Set([...known, ...judged.keys()])].map((stage) => {
          const s = judged.get(stage);
          return s === undefined ? alone(stage) : this.overviewStage(s, report, refresh);
        }),
      );
      return { app: report.app, stages: stages.sort((a, b) => a.stage.localeCompare(b.stage)) };
    }).catch(() => undefined);
    if (together !== undefined) return together;
    const { app, stages } = await this.app();
    return { app, stages: await Promise.all(stages.map(alone)) };
  }

  private async overviewStage(s: StageFacts, report: DoctorReport, refresh: boolean): Promise<OverviewStage> {
    const count = (severity: string) =>
      report.findings.filter((f) => f.stage === s.stage && f.severity === severity).length;
    const coverage = coverageOf([s]);
    const lastDeploy = await this.lastDeploy(s.stage, refresh).catch(() => null);
    return {
      stage: s.stage,
      lastDeploy,
      lock: s.lock === undefined ? null : { holder: s.lock.holder ?? "", since: s.lock.created ?? "" },
      counts: { blocker: count("blocker"), warning: count("warning"), info: count("info") },
      resources: { checked: coverage.checked, unchecked: coverage.total - coverage.checked },
    };
  }

  /**
   * The newest update record of the stage (or, with none, its newest version), from the history the
   * history page then shows without reading it again.
   */
  private async lastDeploy(stage: string, refresh: boolean): Promise<OverviewStage["lastDeploy"]> {
    const list = await this.readHistory(stage, refresh);
    const event = list.events[0];
    if (event !== undefined)
      return { time: event.time ?? "", command: event.command ?? "", outcome: event.outcome };
    const version = list.versions[0];
    if (version === undefined) return null;
    return {
      time: version.time,
      command: version.update?.command ?? "",
      outcome: version.update?.outcome ?? "",
    };
  }

  /** doctor on the stage (as `doctor --stage <stage> --json`), and its resources. */
  stage(stage: string, refresh: boolean): Promise<StageResponse> {
    return this.stageDocs.get(stage, refresh, () =>
      this.open(stage, async (open) => {
        const { diagnose } = await import("../actions/doctor.js");
        const { facts, report } = await diagnose(open, { allStages: false, concurrency: 8 });
        return { doctor: report, resources: resourcesOf(facts.stages.find((s) => s.stage === stage)) };
      }),
    );
  }

  /**
   * The stage's history as `history list` reads it (through the cache on disk), read once for the
   * list and the chart alike; `refresh` reads it again.
   */
  private readHistory(stage: string, refresh: boolean): Promise<ReadHistory> {
    return this.histories.get(stage, refresh, () =>
      this.open(
        stage,
        async (open) => {
          const { listHistory } = await import("../actions/history.js");
          const found = await listHistory(open.backend, {
            ...this.cache(),
            concurrency: 16,
            signal: open.signal,
          });
          if (found.versions.length === 0 && found.events.length === 0) await open.requireStage?.();
          return found;
        },
        { checkLater: true },
      ),
    );
  }

  /** Exactly what `history list --json` prints. */
  async history(stage: string, refresh: boolean): Promise<HistoryResponse> {
    return { ...(await this.readHistory(stage, refresh)), bytesOf: undefined } as HistoryResponse;
  }

  async historyCounts(stage: string, refresh: boolean): Promise<HistoryCountsResponse> {
    return historyCounts(await this.readHistory(stage, refresh));
  }

  /** Exactly what `history diff <a> <b> --json` prints (versions only: never a file on this machine). */
  diff(stage: string, a: string, b: string): Promise<DiffResponse> {
    return this.open(stage, async (open) => {
      const { diffHistory } = await import("../actions/history-diff.js");
      return diffHistory(a, b, { ...this.cache(), backend: open.backend, signal: open.signal });
    });
  }

  /** Exactly what `explain --json` prints for the log on standard input (with `--stage`: checked). */
  async explain(log: Buffer, stage: string | undefined): Promise<ExplainResponse> {
    const { explainFile, checkAgainstStage } = await import("../actions/explain.js");
    const report = await explainFile("-", Readable.from([log]));
    if (stage !== undefined && report.problems.length > 0)
      await this.open(stage, (open) => checkAgainstStage(report, open));
    return report;
  }
}

/** Results by key, computed once (a failure is not kept: the next request tries again). */
class Memo<T> {
  private readonly values = new Map<string, Promise<T>>();

  get(key: string, refresh: boolean, compute: () => Promise<T>): Promise<T> {
    const had = this.values.get(key);
    if (had !== undefined && !refresh) return had;
    const computing = compute();
    this.values.set(key, computing);
    computing.catch(() => {
      if (this.values.get(key) === computing) this.values.delete(key);
    });
    return computing;
  }
}

function failedStage(stage: string, error: ErrorDoc): OverviewStage {
  return {
    stage,
    lastDeploy: null,
    lock: null,
    counts: { blocker: 0, warning: 0, info: 0 },
    resources: { checked: 0, unchecked: 0 },
    error,
  };
}
