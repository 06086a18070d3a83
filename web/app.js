/**
 * `stateward ui`: the page. Hash routes — `#/` overview, `#/stage/<s>` a stage, `#/stage/<s>/history`
 * its history, `#/explain` — over the read-only API of src/ui/server.ts. Every visible text comes from
 * the session's messages (the `ui.*` keys of the CLI's catalog) in the session's language.
 */
import { render, useEffect, useRef, useState } from "./vendor/preact-htm.js";
import { API, Announcer, ErrorBox, Loading, api, href, html, setMessages, t } from "./lib.js";
import { Overview } from "./overview.js";
import { StagePage } from "./stage.js";
import { HistoryPage } from "./history.js";
import { ExplainPage } from "./explain.js";

/** The route from the address's hash. */
function parse(hash) {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "stage" && parts[1] !== undefined)
    return { page: parts[2] === "history" ? "history" : "stage", stage: parts[1] };
  if (parts[0] === "explain") return { page: "explain" };
  return { page: "overview" };
}

function useRoute() {
  const [route, setRoute] = useState(parse(location.hash));
  useEffect(() => {
    const on = () => setRoute(parse(location.hash));
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  return route;
}

function Nav({ session, route }) {
  const current = (page, stage) =>
    route.page === page && (stage === undefined || route.stage === stage) ? "page" : undefined;
  return html`<nav aria-label=${t("ui.page.nav.label")}>
    <ul class="nav">
      <li><a href=${href.overview()} aria-current=${current("overview")}>${t("ui.page.nav.overview")}</a></li>
      ${session.stages.map(
        (s) =>
          html`<li>
            <a href=${href.stage(s)} aria-current=${current("stage", s)}
              >${t("ui.page.nav.stage", { stage: s })}</a
            >
          </li>`,
      )}
      <li><a href=${href.explain()} aria-current=${current("explain")}>${t("ui.page.nav.explain")}</a></li>
    </ul>
  </nav>`;
}

function App() {
  const [session, setSession] = useState(undefined);
  const [error, setError] = useState(undefined);
  const route = useRoute();
  const main = useRef(null);
  useEffect(() => {
    api(API.session).then(
      (s) => {
        setMessages(s.messages);
        document.documentElement.lang = s.lang === "zh" ? "zh-CN" : s.lang;
        if (s.focus && (location.hash === "" || location.hash === "#/")) location.hash = href.stage(s.focus);
        setSession(s);
      },
      (e) => setError(e),
    );
  }, []);
  useEffect(() => {
    if (session === undefined) return;
    document.title = t("ui.page.title", { app: session.app });
    // A new page: focus its heading, so that a screen reader reads where it landed.
    const h1 = main.current?.querySelector("h1");
    if (h1 && document.activeElement !== document.body && document.activeElement?.tagName === "A") h1.focus();
  }, [route.page, route.stage, session]);
  if (error !== undefined) return html`<main id="main"><${ErrorBox} error=${error} /></main>`;
  if (session === undefined) return html`<main id="main"><${Loading} /></main>`;
  const known = route.stage === undefined || session.stages.includes(route.stage);
  let page;
  if (!known) page = html`<h1 tabindex="-1">${t("ui.page.unknownStage", { stage: route.stage })}</h1>`;
  else if (route.page === "stage") page = html`<${StagePage} key=${route.stage} stage=${route.stage} />`;
  else if (route.page === "history") page = html`<${HistoryPage} key=${route.stage} stage=${route.stage} />`;
  else if (route.page === "explain") page = html`<${ExplainPage} session=${session} />`;
  else page = html`<${Overview} session=${session} />`;
  return html`<a class="skip" href="#main" onClick=${skip}>${t("ui.page.skip")}</a>
    <header class="top">
      <p class="brand">${t("ui.page.brand", { app: session.app })}</p>
      <${Nav} session=${session} route=${route} />
      <p class="readonly">${t("ui.page.readOnly")}</p>
    </header>
    <main id="main" ref=${main} tabindex="-1">${page}</main>
    <footer><p>${t("ui.page.footer", { version: session.version })}</p></footer>
    <${Announcer} />`;
}

/** The skip link moves focus without touching the hash (the hash is the route). */
function skip(e) {
  e.preventDefault();
  document.getElementById("main")?.focus();
}

render(html`<${App} />`, document.getElementById("app"));
