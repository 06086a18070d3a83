/** The overview: every stage of the app in one table — last deploy, lock, findings, resources. */
import { useState } from "./vendor/preact-htm.js";
import { API, ErrorBox, Loading, Time, href, html, t, tValue, useApi } from "./lib.js";

function LastDeploy({ d }) {
  if (d === null || d === undefined) return html`<span>${t("ui.page.none")}</span>`;
  return html`<${Time} iso=${d.time} /><br /><span class="cmd">${d.command}</span>${" "}<span
      class=${`outcome outcome-${d.outcome}`}
      >${tValue("outcome", d.outcome)}</span
    >`;
}

function Lock({ lock }) {
  if (lock === null || lock === undefined) return html`<span>${t("ui.page.lock.none")}</span>`;
  return html`<span class="locked">${lock.holder || t("ui.page.lock.unknownHolder")}</span><br /><${Time}
      iso=${lock.since}
    />`;
}

function Row({ s }) {
  return html`<tr data-stage=${s.stage}>
    <th scope="row">
      <a href=${href.stage(s.stage)}>${s.stage}</a><br />
      <a class="small" href=${href.history(s.stage)}>${t("ui.page.nav.history")}</a>
    </th>
    ${
      s.error
        ? html`<td colspan="6" class="error-cell"><strong>${s.error.code}</strong> ${s.error.message}</td>`
        : html`<td><${LastDeploy} d=${s.lastDeploy} /></td>
            <td><${Lock} lock=${s.lock} /></td>
            <td class="num" data-count="blocker">${s.counts.blocker}</td>
            <td class="num" data-count="warning">${s.counts.warning}</td>
            <td class="num" data-count="checked">${s.resources.checked}</td>
            <td class="num" data-count="unchecked">${s.resources.unchecked}</td>`
    }
  </tr>`;
}

export function Overview({ session }) {
  const [refresh, setRefresh] = useState(0);
  const { data, error, loading } = useApi(API.overview(refresh > 0) + (refresh > 0 ? `&n=${refresh}` : ""));
  return html`<h1 tabindex="-1">${t("ui.page.overview.title", { app: session.app })}</h1>
    <p>
      <button type="button" onClick=${() => setRefresh((n) => n + 1)} disabled=${loading}>
        ${t("ui.page.refresh")}
      </button>
    </p>
    ${error ? html`<${ErrorBox} error=${error} />` : null}
    ${loading && data === undefined ? html`<${Loading} />` : null}
    ${
      data
        ? html`<table class="overview" aria-busy=${loading ? "true" : "false"}>
            <caption>
              ${t("ui.page.overview.caption", { n: data.stages.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t("ui.page.col.stage")}</th>
                <th scope="col">${t("ui.page.col.lastDeploy")}</th>
                <th scope="col">${t("ui.page.col.lock")}</th>
                <th scope="col">${t("ui.page.col.blockers")}</th>
                <th scope="col">${t("ui.page.col.warnings")}</th>
                <th scope="col">${t("ui.page.col.checked")}</th>
                <th scope="col">${t("ui.page.col.unchecked")}</th>
              </tr>
            </thead>
            <tbody>
              ${data.stages.map((s) => html`<${Row} key=${s.stage} s=${s} />`)}
            </tbody>
          </table>`
        : null
    }`;
}
