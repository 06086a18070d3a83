/**
 * Resources by kind over time: stacked bars, one per version (oldest on the left), the six largest
 * kinds in their own colour and the rest together. Inline SVG drawn here (no chart library), named
 * for assistive technology, with the numbers as a table in a disclosure below it.
 */
import { useState } from "./vendor/preact-htm.js";
import { html, t } from "./lib.js";

const W = 800;
const H = 220;
const PAD = { left: 44, right: 8, top: 8, bottom: 24 };
const TOP_KINDS = 6;

function series(versions) {
  const ordered = [...versions].reverse();
  const totals = new Map();
  for (const v of ordered)
    for (const [k, n] of Object.entries(v.counts)) totals.set(k, Math.max(totals.get(k) ?? 0, n));
  const kinds = [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const shown = kinds.slice(0, TOP_KINDS);
  const rest = kinds.slice(TOP_KINDS);
  const bars = ordered.map((v) => {
    const parts = shown.map((k) => v.counts[k] ?? 0);
    if (rest.length > 0) parts.push(rest.reduce((n, k) => n + (v.counts[k] ?? 0), 0));
    return { v, parts, total: parts.reduce((a, b) => a + b, 0) };
  });
  const legend = rest.length > 0 ? [...shown, t("ui.page.chart.other", { n: rest.length })] : shown;
  return { bars, legend, kinds };
}

export function Chart({ versions }) {
  const [open, setOpen] = useState(false);
  if (versions.length === 0) return html`<p>${t("ui.page.chart.empty")}</p>`;
  const { bars, legend, kinds } = series(versions);
  const max = Math.max(1, ...bars.map((b) => b.total));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / bars.length;
  const bw = Math.max(1, Math.min(48, step * 0.8));
  const y = (n) => PAD.top + plotH - (n / max) * plotH;
  const first = bars[0].v.time;
  const last = bars[bars.length - 1].v.time;
  const desc = t("ui.page.chart.desc", {
    versions: bars.length,
    kinds: kinds.length,
    first,
    last,
    min: Math.min(...bars.map((b) => b.total)),
    max,
  });
  return html`<figure class="chart">
    <svg
      viewBox=${`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby="chart-svg-title chart-svg-desc"
      class="chart-svg"
    >
      <title id="chart-svg-title">${t("ui.page.chart.title")}</title>
      <desc id="chart-svg-desc">${desc}</desc>
      ${[0, max / 2, max].map(
        (n) =>
          html`<g class="tick">
            <line x1=${PAD.left} x2=${W - PAD.right} y1=${y(n)} y2=${y(n)} />
            <text x=${PAD.left - 6} y=${y(n) + 4} text-anchor="end">${Math.round(n)}</text>
          </g>`,
      )}
      ${bars.map((b, i) => {
        let acc = 0;
        return html`<g>
          ${b.parts.map((n, k) => {
            const y0 = y(acc + n);
            const h = y(acc) - y0;
            acc += n;
            return n === 0
              ? null
              : html`<rect class=${`k${k}`} x=${PAD.left + i * step} y=${y0} width=${bw} height=${h} />`;
          })}
        </g>`;
      })}
      <text class="axis" x=${PAD.left} y=${H - 6}>${first.slice(0, 10)}</text>
      <text class="axis" x=${W - PAD.right} y=${H - 6} text-anchor="end">${last.slice(0, 10)}</text>
    </svg>
    <figcaption>
      <ul class="legend">
        ${legend.map((k, i) => html`<li><span class=${`swatch k${i}`} aria-hidden="true"></span>${k}</li>`)}
      </ul>
      <p class="note">${t("ui.page.chart.counted")}</p>
    </figcaption>
    <details onToggle=${(e) => setOpen(e.currentTarget.open)}>
      <summary>${t("ui.page.chart.table")}</summary>
      ${open ? html`<${CountsTable} bars=${bars} legend=${legend} />` : null}
    </details>
  </figure>`;
}

function CountsTable({ bars, legend }) {
  return html`<div class="scroll-x" tabindex="0" role="region" aria-label=${t("ui.page.chart.table")}>
    <table class="counts">
      <thead>
        <tr>
          <th scope="col">${t("ui.page.col.version")}</th>
          <th scope="col">${t("ui.page.col.time")}</th>
          ${legend.map((k) => html`<th scope="col">${k}</th>`)}
          <th scope="col">${t("ui.page.col.total")}</th>
        </tr>
      </thead>
      <tbody>
        ${[...bars].reverse().map(
          (b) =>
            html`<tr>
              <th scope="row"><code>${b.v.id}</code></th>
              <td>${b.v.time}</td>
              ${b.parts.map((n) => html`<td class="num">${n}</td>`)}
              <td class="num">${b.total}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
