/**
 * A stage's history: the chart of resources by kind over time, the timeline of every version (what
 * `history list --json` carries: sources, names, the update record with command, duration and errors)
 * as a virtualised table, and the diff of the two versions selected with the timeline's checkboxes.
 */
import { Component, useEffect, useState } from "./vendor/preact-htm.js";
import {
  API,
  ErrorBox,
  Loading,
  Time,
  VirtualTable,
  announce,
  duration,
  href,
  html,
  t,
  tValue,
  useApi,
} from "./lib.js";
import { Chart } from "./chart.js";
import { Diff } from "./diff.js";

const ROW = 40;

/**
 * The chart redrawn only when its data changes: selecting versions and loading their diff re-render
 * the page, and 500 versions are thousands of SVG elements to compare each time.
 */
class StillChart extends Component {
  shouldComponentUpdate(next) {
    return next.versions !== this.props.versions;
  }
  render() {
    return html`<${Chart} versions=${this.props.versions} />`;
  }
}

function shortId(id) {
  return id.length > 16 ? `${id.slice(0, 12)}…` : id;
}

function UpdateCell({ u }) {
  if (u === undefined || u === null) return html`<span class="muted">${t("ui.page.none")}</span>`;
  const took = duration(u.timeStarted, u.timeCompleted);
  const errors = (u.errors ?? []).map((e) => e.message).join(" · ");
  return html`<span class="cmd">${u.command ?? ""}</span>${" "}<span class=${`outcome outcome-${u.outcome}`}
      >${tValue("outcome", u.outcome)}</span
    >
    ${took ? html` <span class="muted">${took}</span>` : null}
    ${errors ? html`<br /><span class="errors" title=${errors}>${errors}</span>` : null}`;
}

function Timeline({ versions, selected, toggle }) {
  const head = html`<tr aria-rowindex="1">
    <th scope="col" class="c-select">${t("ui.page.history.compare")}</th>
    <th scope="col" class="c-version">${t("ui.page.col.version")}</th>
    <th scope="col" class="c-time">${t("ui.page.col.time")}</th>
    <th scope="col" class="c-num">${t("ui.page.col.resources")}</th>
    <th scope="col" class="c-sources">${t("ui.page.col.sources")}</th>
    <th scope="col" class="c-update">${t("ui.page.col.update")}</th>
  </tr>`;
  const row = (v, i) => {
    const id = `sel-${i}`;
    const names = v.names.filter((n) => n !== v.id && !/^[A-Za-z0-9._-]{32}$/.test(n));
    return html`<tr
      class=${`vrow${selected.includes(v.id) ? " selected" : ""}`}
      aria-rowindex=${i + 2}
      key=${v.id}
      data-version=${v.id}
    >
      <td>
        <input
          type="checkbox"
          id=${id}
          class="select-version"
          checked=${selected.includes(v.id)}
          onChange=${() => toggle(v.id)}
          onKeyDown=${(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              toggle(v.id);
            }
          }}
          aria-label=${t("ui.page.history.select", { version: v.id })}
        />
      </td>
      <td title=${v.names.join(", ")}>
        <code>${shortId(v.id)}</code
        >${names.length > 0 ? html` <span class="muted">${names.join(" ")}</span>` : null}
      </td>
      <td><${Time} iso=${v.time} /></td>
      <td class="num">${v.resources ?? ""}</td>
      <td>${v.sources.map((s) => tValue("source", s)).join(", ")}</td>
      <td><${UpdateCell} u=${v.update} /></td>
    </tr>`;
  };
  return html`<${VirtualTable}
    rows=${versions}
    rowHeight=${ROW}
    height=${440}
    head=${head}
    row=${row}
    columns=${6}
    label=${t("ui.page.history.timeline")}
    className="timeline"
  />`;
}

export function HistoryPage({ stage }) {
  const { data, error, loading } = useApi(API.history(stage));
  const counts = useApi(API.counts(stage));
  const [selected, setSelected] = useState([]);
  const toggle = (id) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-2)));
  const versions = data?.versions ?? [];
  // The older of the two is `a` (the list is newest first).
  const pair =
    selected.length === 2
      ? [...selected].sort(
          (x, y) => versions.findIndex((v) => v.id === y) - versions.findIndex((v) => v.id === x),
        )
      : undefined;
  const diff = useApi(pair ? API.diff(stage, pair[0], pair[1]) : undefined);
  useEffect(() => {
    if (pair && diff.data) announce(t("ui.page.diff.ready"));
  }, [diff.data]);
  return html`<h1 tabindex="-1">${t("ui.page.history.title", { stage })}</h1>
    <p class="actions"><a href=${href.stage(stage)}>${t("ui.page.history.toStage")}</a></p>
    <section aria-labelledby="chart-title">
      <h2 id="chart-title">${t("ui.page.chart.title")}</h2>
      ${counts.error ? html`<${ErrorBox} error=${counts.error} />` : null}
      ${counts.loading ? html`<${Loading} />` : null}
      ${counts.data ? html`<${StillChart} versions=${counts.data.versions} />` : null}
    </section>
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">${t("ui.page.history.timelineTitle", { n: versions.length })}</h2>
      <p id="compare-help">${t("ui.page.history.compareHelp")}</p>
      ${error ? html`<${ErrorBox} error=${error} />` : null} ${loading ? html`<${Loading} />` : null}
      ${data ? html`<${Timeline} versions=${versions} selected=${selected} toggle=${toggle} />` : null}
      ${
        data && (data.events ?? []).some((e) => !e.version)
          ? html`<${Events} events=${data.events.filter((e) => !e.version)} />`
          : null
      }
    </section>
    <section aria-labelledby="diff-title" class="diff-section" aria-busy=${diff.loading ? "true" : "false"}>
      <h2 id="diff-title">${t("ui.page.diff.title")}</h2>
      ${pair === undefined ? html`<p>${t("ui.page.diff.pick")}</p>` : null}
      ${diff.error ? html`<${ErrorBox} error=${diff.error} />` : null}
      ${pair && diff.loading ? html`<${Loading} />` : null}
      ${pair && diff.data ? html`<${Diff} doc=${diff.data} a=${pair[0]} b=${pair[1]} />` : null}
    </section>`;
}

/** Update records that wrote no state (a deploy killed before it saved, a remove that stopped). */
function Events({ events }) {
  return html`<h3>${t("ui.page.history.events", { n: events.length })}</h3>
    <ul class="events">
      ${events.map(
        (e) =>
          html`<li data-event=${e.id}>
            <code>${shortId(e.id)}</code> <${Time} iso=${e.time ?? e.timeStarted} /> <${UpdateCell} u=${e} />
          </li>`,
      )}
    </ul>`;
}
