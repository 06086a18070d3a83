/**
 * The diff of two versions, as `history diff <a> <b> --json` prints it: resources added, removed and
 * changed (property by property; secrets arrive masked from the server), pending operations, the
 * manifest, and the warnings of either side.
 */
import { useState } from "./vendor/preact-htm.js";
import { html, t, tValue } from "./lib.js";

function value(v) {
  if (v === undefined) return html`<span class="muted">${t("ui.page.diff.absent")}</span>`;
  return html`<code>${typeof v === "string" ? v : JSON.stringify(v)}</code>`;
}

/** The first FIRST entries of a long list, and a button that shows the rest (5,000 added stay quick). */
const FIRST = 50;

function More({ total, shown, onMore }) {
  if (shown >= total) return null;
  return html`<button type="button" class="more" onClick=${onMore}>
    ${t("ui.page.diff.more", { n: total - shown })}
  </button>`;
}

function Refs({ kind, list }) {
  const [all, setAll] = useState(false);
  const shown = all ? list : list.slice(0, FIRST);
  return html`<section class=${`diff-group diff-${kind}`} data-diff=${kind} aria-labelledby=${`diff-${kind}`}>
    <h3 id=${`diff-${kind}`}>${tValue("diff", kind, { n: list.length })}</h3>
    ${
      list.length === 0
        ? html`<p class="muted">${t("ui.page.none")}</p>`
        : html`<ul>
            ${shown.map(
              (r) =>
                html`<li data-urn=${r.urn}>
                  <code>${r.resourceType ?? r.type}</code> ${r.urn.split("::").pop()}
                  ${r.id ? html` <span class="muted">${r.id}</span>` : null}
                  ${r.resourceType ? html` <span class="tag">${r.type}</span>` : null}
                  ${r.delete ? html` <span class="tag">${t("ui.page.diff.deleteMarked")}</span>` : null}
                  <br /><span class="urn">${r.urn}</span>
                </li>`,
            )}
          </ul>`
    }
    <${More} total=${list.length} shown=${shown.length} onMore=${() => setAll(true)} />
  </section>`;
}

function Changes({ changes }) {
  return html`<table class="changes">
    <thead>
      <tr>
        <th scope="col">${t("ui.page.diff.path")}</th>
        <th scope="col">${t("ui.page.diff.before")}</th>
        <th scope="col">${t("ui.page.diff.after")}</th>
      </tr>
    </thead>
    <tbody>
      ${changes.map(
        (c) =>
          html`<tr class=${c.secret ? "secret" : ""}>
            <th scope="row"><code>${c.path}</code></th>
            <td>${value(c.before)}</td>
            <td>${value(c.after)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function Diff({ doc, a, b }) {
  const d = doc.diff;
  const [allChanged, setAllChanged] = useState(false);
  const changed = allChanged ? d.changed : d.changed.slice(0, FIRST);
  return html`<div class="diff" data-a=${a} data-b=${b}>
    <p>${t("ui.page.diff.between", { a: doc.a, b: doc.b })}</p>
    <p>${t("ui.page.diff.unchanged", { n: d.unchanged })}</p>
    ${
      doc.warnings.length > 0
        ? html`<ul class="warnings">
            ${doc.warnings.map((w) => html`<li>${w}</li>`)}
          </ul>`
        : null
    }
    <${Refs} kind="added" list=${d.added} />
    <${Refs} kind="removed" list=${d.removed} />
    <section class="diff-group diff-changed" data-diff="changed" aria-labelledby="diff-changed">
      <h3 id="diff-changed">${t("ui.page.diff.changed", { n: d.changed.length })}</h3>
      ${d.changed.length === 0 ? html`<p class="muted">${t("ui.page.none")}</p>` : null}
      ${changed.map(
        (c) =>
          html`<div class="changed" data-urn=${c.urn}>
            <h4><code>${c.type}</code> ${c.urn.split("::").pop()}</h4>
            <${Changes} changes=${c.changes} />
          </div>`,
      )}
      <${More} total=${d.changed.length} shown=${changed.length} onMore=${() => setAllChanged(true)} />
    </section>
    <${Refs} kind="pendingAdded" list=${d.pendingAdded} />
    <${Refs} kind="pendingRemoved" list=${d.pendingRemoved} />
    ${
      d.manifest.length > 0
        ? html`<section class="diff-group" data-diff="manifest" aria-labelledby="diff-manifest">
            <h3 id="diff-manifest">${t("ui.page.diff.manifest", { n: d.manifest.length })}</h3>
            <${Changes} changes=${d.manifest} />
          </section>`
        : null
    }
  </div>`;
}
