/**
 * A stage: doctor's findings grouped by severity (seen / why / fix, each fix command with a copy
 * button), then the stage's resources as a filtered, virtualised table (5,000 rows stay responsive).
 */
import { useMemo, useState } from "./vendor/preact-htm.js";
import { API, Command, ErrorBox, Loading, VirtualTable, href, html, t, tValue, useApi } from "./lib.js";

const SEVERITIES = ["blocker", "warning", "info"];
const ROW = 32;

function Finding({ f, n }) {
  const id = `finding-${f.severity}-${n}`;
  return html`<article class=${`finding sev-${f.severity}`} aria-labelledby=${id} data-rule=${f.rule}>
    <h3 id=${id}>${f.rule}</h3>
    ${
      f.resources.length > 0
        ? html`<ul class="resources">
            ${f.resources.map(
              (r) =>
                html`<li>
                  <code>${r.type}</code>
                  ${r.name}${r.region ? html` <span class="region">${r.region}</span>` : null}
                </li>`,
            )}
          </ul>`
        : null
    }
    <dl>
      <dt>${t("ui.page.finding.seen")}</dt>
      <dd>${f.evidence}</dd>
      <dt>${t("ui.page.finding.why")}</dt>
      <dd>${f.cause}</dd>
      <dt>${t("ui.page.finding.fix")}</dt>
      <dd>
        <ul class="fix">
          ${f.fix.map((c) => html`<li><${Command} text=${c} /></li>`)}
        </ul>
      </dd>
    </dl>
  </article>`;
}

function Findings({ doctor }) {
  const groups = SEVERITIES.map((sev) => ({ sev, list: doctor.findings.filter((f) => f.severity === sev) }));
  if (doctor.findings.length === 0) return html`<p class="ok">${t("ui.page.stage.noFindings")}</p>`;
  return groups
    .filter((g) => g.list.length > 0)
    .map(
      (g) =>
        html`<section class="severity" aria-labelledby=${`sev-${g.sev}`} data-severity=${g.sev}>
          <h2 id=${`sev-${g.sev}`}>${tValue("severity", g.sev)} (${g.list.length})</h2>
          ${g.list.map((f, i) => html`<${Finding} f=${f} n=${i} />`)}
        </section>`,
    );
}

function Coverage({ doctor }) {
  const c = doctor.coverage;
  if (c === undefined) return null;
  return html`<p class="coverage">
    ${t("ui.page.stage.coverage", { checked: c.checked, total: c.total, unchecked: c.unchecked.length })}
  </p>`;
}

function matches(r, text, kind, status) {
  if (kind !== "" && r.kind !== kind) return false;
  if (status !== "" && r.status !== status) return false;
  if (text === "") return true;
  const q = text.toLowerCase();
  return (
    r.name.toLowerCase().includes(q) ||
    r.urn.toLowerCase().includes(q) ||
    r.type.toLowerCase().includes(q) ||
    r.region.toLowerCase().includes(q)
  );
}

function Select({ id, label, value, options, onChange }) {
  return html`<label for=${id}>${label}</label>
    <select id=${id} value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
      <option value="">${t("ui.page.filter.all")}</option>
      ${options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
    </select>`;
}

export function ResourceTable({ resources }) {
  const [text, setText] = useState("");
  const [kind, setKind] = useState("");
  const [status, setStatus] = useState("");
  const kinds = useMemo(() => [...new Set(resources.map((r) => r.kind))].sort(), [resources]);
  const statuses = useMemo(() => [...new Set(resources.map((r) => r.status))].sort(), [resources]);
  const rows = useMemo(
    () => resources.filter((r) => matches(r, text, kind, status)),
    [resources, text, kind, status],
  );
  const head = html`<tr aria-rowindex="1">
    <th scope="col" class="c-kind">${t("ui.page.col.kind")}</th>
    <th scope="col" class="c-name">${t("ui.page.col.name")}</th>
    <th scope="col" class="c-region">${t("ui.page.col.region")}</th>
    <th scope="col" class="c-status">${t("ui.page.col.status")}</th>
  </tr>`;
  const row = (r, i) =>
    html`<tr class="vrow" aria-rowindex=${i + 2} key=${`${r.urn}|${r.name}|${i}`}>
      <td title=${r.type}>${r.kind}</td>
      <td title=${r.urn || r.name}>${r.name}</td>
      <td>${r.region}</td>
      <td><span class=${`status st-${r.status}`}>${tValue("status", r.status)}</span></td>
    </tr>`;
  return html`<section aria-labelledby="resources-title" class="resources-section">
    <h2 id="resources-title">${t("ui.page.stage.resources", { n: resources.length })}</h2>
    <div class="filters" role="search">
      <label for="filter-text">${t("ui.page.filter.text")}</label>
      <input id="filter-text" type="search" value=${text} onInput=${(e) => setText(e.currentTarget.value)} />
      <${Select}
        id="filter-kind"
        label=${t("ui.page.filter.kind")}
        value=${kind}
        options=${kinds.map((k) => ({ value: k, label: k }))}
        onChange=${setKind}
      />
      <${Select}
        id="filter-status"
        label=${t("ui.page.filter.status")}
        value=${status}
        options=${statuses.map((s) => ({ value: s, label: tValue("status", s) }))}
        onChange=${setStatus}
      />
    </div>
    <p class="shown" aria-live="polite">
      ${t("ui.page.filter.shown", { n: rows.length, total: resources.length })}
    </p>
    <${VirtualTable}
      rows=${rows}
      rowHeight=${ROW}
      height=${480}
      head=${head}
      row=${row}
      columns=${4}
      label=${t("ui.page.stage.resourcesTable")}
      className="resources-table"
    />
  </section>`;
}

export function StagePage({ stage }) {
  const [refresh, setRefresh] = useState(0);
  const { data, error, loading } = useApi(
    API.stage(stage, refresh > 0) + (refresh > 0 ? `&n=${refresh}` : ""),
  );
  const counts = data
    ? SEVERITIES.map((s) => data.doctor.findings.filter((f) => f.severity === s).length)
    : [0, 0, 0];
  return html`<h1 tabindex="-1">${t("ui.page.stage.title", { stage })}</h1>
    <p class="actions">
      <a href=${href.history(stage)}>${t("ui.page.stage.toHistory")}</a>
      <button type="button" onClick=${() => setRefresh((n) => n + 1)} disabled=${loading}>
        ${t("ui.page.refresh")}
      </button>
    </p>
    ${error ? html`<${ErrorBox} error=${error} />` : null}
    ${loading && data === undefined ? html`<${Loading} />` : null}
    ${
      data
        ? html`<p class="summary">
              ${t("ui.page.stage.summary", { blockers: counts[0], warnings: counts[1], info: counts[2] })}
            </p>
            <${Coverage} doctor=${data.doctor} />
            <${Findings} doctor=${data.doctor} />
            <${ResourceTable} resources=${data.resources} />`
        : null
    }`;
}
