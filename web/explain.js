/**
 * Explain: paste a deploy log, get what `explain --json` says of it — each problem with its cause,
 * the causes it could be, and the commands that fix it (with copy buttons). Optionally against a stage
 * (the server then reads that stage's state and cloud to decide the cause).
 */
import { useState } from "./vendor/preact-htm.js";
import { API, Command, ErrorBox, api, announce, html, t, tValue } from "./lib.js";

function Problem({ p, n }) {
  const id = `problem-${n}`;
  const r = p.resource ?? {};
  return html`<article class="problem" aria-labelledby=${id} data-kind=${p.kind}>
    <h3 id=${id}>${tValue("problem", p.kind)}${p.rule ? html` <span class="tag">${p.rule}</span>` : null}</h3>
    ${r.name || r.type ? html`<p><code>${r.type ?? ""}</code> ${r.name ?? r.logicalName ?? ""}</p>` : null}
    <p>${t("ui.page.explain.line", { line: p.line })}</p>
    <pre class="excerpt">${p.excerpt}</pre>
    <dl>
      <dt>${t("ui.page.finding.why")}</dt>
      <dd>${p.cause}</dd>
      ${
        p.decided
          ? html`<dt>${t("ui.page.explain.decided")}</dt>
              <dd>${p.decided.evidence}</dd>`
          : null
      }
      <dt>${t("ui.page.finding.fix")}</dt>
      <dd>
        <ul class="fix">
          ${p.fix.map((c) => html`<li><${Command} text=${c} /></li>`)}
        </ul>
      </dd>
    </dl>
    ${
      p.causes && p.causes.length > 1
        ? html`<details>
            <summary>${t("ui.page.explain.causes", { n: p.causes.length })}</summary>
            <ol>
              ${p.causes.map(
                (c) =>
                  html`<li>
                    <p>${c.cause}</p>
                    <p class="muted">${c.tell}</p>
                    <ul class="fix">
                      ${c.fix.map((f) => html`<li><${Command} text=${f} /></li>`)}
                    </ul>
                  </li>`,
              )}
            </ol>
          </details>`
        : null
    }
  </article>`;
}

function Result({ doc }) {
  return html`<section aria-labelledby="explain-result" class="explain-result">
    <h2 id="explain-result" tabindex="-1">${t("ui.page.explain.result", { n: doc.problems.length })}</h2>
    <p>
      ${t("ui.page.explain.summary", {
        lines: doc.lines,
        outcome: tValue("explainOutcome", doc.outcome),
        tool: doc.toolLabel ?? doc.tool ?? t("ui.page.none"),
      })}
    </p>
    ${
      doc.failure
        ? html`<p>${t("ui.page.explain.failure", { line: doc.failure.line })}</p>
            <pre class="excerpt">${doc.failure.text}</pre>`
        : null
    }
    ${doc.problems.length === 0 ? html`<p>${t("ui.page.explain.nothing")}</p>` : null}
    ${doc.problems.map((p, i) => html`<${Problem} p=${p} n=${i} />`)}
  </section>`;
}

export function ExplainPage({ session }) {
  const [log, setLog] = useState("");
  const [stage, setStage] = useState(session.focus ?? "");
  const [state, setState] = useState({ busy: false });
  const submit = (e) => {
    e.preventDefault();
    if (log.trim() === "") return;
    setState({ busy: true });
    announce(t("ui.page.loading"));
    api(API.explain(stage), log).then(
      (doc) => {
        setState({ busy: false, doc });
        announce(t("ui.page.explain.result", { n: doc.problems.length }));
        setTimeout(() => document.getElementById("explain-result")?.focus(), 0);
      },
      (error) => setState({ busy: false, error }),
    );
  };
  return html`<h1 tabindex="-1">${t("ui.page.explain.title")}</h1>
    <form onSubmit=${submit} class="explain-form">
      <label for="log">${t("ui.page.explain.label")}</label>
      <textarea
        id="log"
        rows="14"
        spellcheck="false"
        value=${log}
        onInput=${(e) => setLog(e.currentTarget.value)}
      ></textarea>
      <label for="explain-stage">${t("ui.page.explain.stage")}</label>
      <select id="explain-stage" value=${stage} onChange=${(e) => setStage(e.currentTarget.value)}>
        <option value="">${t("ui.page.explain.noStage")}</option>
        ${session.stages.map((s) => html`<option value=${s}>${s}</option>`)}
      </select>
      <button type="submit" disabled=${state.busy || log.trim() === ""}>
        ${t("ui.page.explain.submit")}
      </button>
    </form>
    ${state.error ? html`<${ErrorBox} error=${state.error} />` : null}
    ${state.doc ? html`<${Result} doc=${state.doc} />` : null}`;
}
