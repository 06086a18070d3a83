/**
 * `stateward ui`: the command, the local server's errors, and the page's words (every `ui.*` entry is
 * sent to the page by `GET /api/session`, in the page's language).
 */
import { defineMessages } from "../types.js";

export const ui = defineMessages({
  // ui --help
  "ui.cli.description": {
    en: "serve a local web page on 127.0.0.1 showing the app's stages at a glance: doctor's findings, the resources, every version of the state with diffs, and explain for a pasted log. Read-only; prints its address with a one-time access token; runs until Ctrl-C",
    zh: "在 127.0.0.1 上提供一个本地网页，一览应用的各个阶段：doctor 发现的问题、资源、状态的每个版本及其差异，以及对粘贴日志的 explain。只读；输出带一次性访问令牌的地址；一直运行到 Ctrl-C",
  },
  "ui.cli.opt.all-stages": {
    en: "show every stage of the app, none in focus (the default without --stage)",
    zh: "显示应用的所有阶段，不聚焦任何一个（不加 --stage 时的默认行为）",
  },
  "ui.cli.opt.port": {
    en: "port to listen on, on 127.0.0.1 only (0 picks a free one)",
    zh: "监听的端口，仅在 127.0.0.1 上（0 表示自动选一个空闲端口）",
  },
  "ui.cli.opt.open": {
    en: "open the address in the default browser",
    zh: "在默认浏览器中打开该地址",
  },
  "ui.cli.listening": {
    en: "stateward ui for {app}: {url}",
    zh: "{app} 的 stateward ui：{url}",
  },
  "ui.cli.listening-hint": {
    en: "Open the address in a browser (it holds the access token; keep it to yourself). Read-only. Ctrl-C stops the server.",
    zh: "在浏览器中打开该地址（其中含有访问令牌，请勿外传）。只读。按 Ctrl-C 停止服务。",
  },
  "ui.cli.stopped": {
    en: "stateward ui stopped",
    zh: "stateward ui 已停止",
  },
  "ui.cli.open-failed": {
    en: "note: could not open a browser ({message}); open the address yourself",
    zh: "提示：无法打开浏览器（{message}）；请自行打开该地址",
  },
  // The server's errors (JSON for /api/*, as the CLI's --json error document).
  "ui.error.port-in-use": {
    en: "port {port} on 127.0.0.1 is already in use",
    zh: "127.0.0.1 上的端口 {port} 已被占用",
  },
  "ui.error.port-in-use.hint": {
    en: "Stop what listens there, or pick another port: --port 0 picks a free one.",
    zh: "请停止占用该端口的程序，或换一个端口：--port 0 会自动选一个空闲端口。",
  },
  "ui.error.listen": {
    en: "could not listen on 127.0.0.1:{port}: {message}",
    zh: "无法在 127.0.0.1:{port} 上监听：{message}",
  },
  "ui.error.unauthorized": {
    en: "this request has no valid access token",
    zh: "此请求没有有效的访问令牌",
  },
  "ui.error.unauthorized.hint": {
    en: "Open the address `stateward ui` printed (with its ?token=); a new run prints a new token.",
    zh: "请打开 `stateward ui` 输出的地址（带 ?token=）；每次运行都会生成新的令牌。",
  },
  "ui.error.forbidden-host": {
    en: "refused: the Host header {host} is not this server's address",
    zh: "已拒绝：Host 请求头 {host} 不是本服务的地址",
  },
  "ui.error.forbidden-origin": {
    en: "refused: a request from another site ({origin})",
    zh: "已拒绝：来自其他站点的请求（{origin}）",
  },
  "ui.error.forbidden.hint": {
    en: "Open the page at the address `stateward ui` printed (127.0.0.1 or localhost with its port).",
    zh: "请通过 `stateward ui` 输出的地址打开页面（127.0.0.1 或 localhost 加端口）。",
  },
  "ui.error.method": {
    en: "{method} is not allowed on {path}: the server is read-only",
    zh: "{path} 不允许 {method}：本服务只读",
  },
  "ui.error.not-found": {
    en: "nothing at {path}",
    zh: "{path} 不存在",
  },
  "ui.error.too-large": {
    en: "the pasted log is over {limit} MB",
    zh: "粘贴的日志超过 {limit} MB",
  },
  "ui.error.too-large.hint": {
    en: "Paste the part around the first error, or run `stateward explain <file>` on the whole log.",
    zh: "请粘贴第一个错误附近的部分，或对整个日志运行 `stateward explain <文件>`。",
  },
  "ui.error.diff-sides": {
    en: "a diff needs two versions of the stage: ?a=<version>&b=<version>",
    zh: "差异需要阶段的两个版本：?a=<版本>&b=<版本>",
  },
  "ui.error.diff-file": {
    en: "{name} is a file on this machine; the page compares versions of the stage only",
    zh: "{name} 是本机上的一个文件；页面只比较阶段的版本",
  },
  "ui.error.diff-hint": {
    en: "Name versions as `history list` shows them (id, current, previous, -N); `stateward history diff` compares files.",
    zh: "请按 `history list` 显示的方式指定版本（id、current、previous、-N）；比较文件请用 `stateward history diff`。",
  },
  // The 401 page and the page shown before web/ exists.
  "ui.page.unauthorized.title": {
    en: "stateward ui: access token needed",
    zh: "stateward ui：需要访问令牌",
  },
  "ui.page.unauthorized.body": {
    en: "Open the address that `stateward ui` printed in your terminal: it carries the access token. Each run of `stateward ui` makes a new one.",
    zh: "请打开 `stateward ui` 在终端中输出的地址：其中带有访问令牌。每次运行 `stateward ui` 都会生成新的令牌。",
  },
  "ui.page.placeholder": {
    en: "The page's files (web/) are not installed; the API answers under /api/.",
    zh: "页面文件（web/）未安装；API 在 /api/ 下可用。",
  },
});
