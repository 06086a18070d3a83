/** Reading the project: sst.config.ts, Pulumi.yaml. */
import { defineMessages } from "../types.js";

export const project = defineMessages({
  "project.hint.skip": {
    en: "Pass --app and --region explicitly to skip reading sst.config.ts.",
    zh: "显式传入 --app 和 --region 即可跳过读取 sst.config.ts。",
  },
  "project.hint.shape": {
    en: "An SST v3 config looks like `{example}`. Pass --app and --region explicitly to skip reading sst.config.ts.",
    zh: "SST v3 配置的写法形如 `{example}`。显式传入 --app 和 --region 即可跳过读取 sst.config.ts。",
  },
  "project.hint.run-from-project": {
    en: "Run stateward from the SST project's directory. Pass --app and --region explicitly to skip reading sst.config.ts.",
    zh: "请在 SST 项目目录中运行 stateward。显式传入 --app 和 --region 即可跳过读取 sst.config.ts。",
  },
  "project.hint.fix-syntax": {
    en: "Fix the config (sst would reject it too). Pass --app and --region explicitly to skip reading sst.config.ts.",
    zh: "请修正该配置（sst 同样会拒绝它）。显式传入 --app 和 --region 即可跳过读取 sst.config.ts。",
  },
  "project.stage-file.unreadable": {
    en: "Could not read the SST stage file {file}: {error}",
    zh: "无法读取 SST 阶段文件 {file}：{error}",
  },
  "project.stage-file.unreadable.hint": { en: "Pass --stage explicitly.", zh: "请显式传入 --stage。" },
  "project.config.unreadable": { en: "Could not read {file}: {error}", zh: "无法读取 {file}：{error}" },
  "project.config.syntax": {
    en: "{file} has a syntax error: {error}",
    zh: "{file} 有语法错误：{error}",
  },
  "project.config.syntax.at": {
    en: "{file} has a syntax error at line {line}, column {column}: {error}",
    zh: "{file} 第 {line} 行第 {column} 列有语法错误：{error}",
  },
  "project.config.not-compiled": {
    en: "{file} could not be compiled for evaluation: {error}",
    zh: "{file} 无法编译以供求值：{error}",
  },
  "project.config.eval-failed": {
    en: "Could not evaluate {file}: {detail}",
    zh: "无法对 {file} 求值：{detail}",
  },
  "project.config.eval-timeout": {
    en: "evaluating it took longer than {ms} ms; does app() or the top level loop forever?",
    zh: "求值耗时超过 {ms} ms；app() 或顶层代码是否陷入了死循环？",
  },
  "project.config.never-settled": {
    en: "app() returned a promise that never settled; outside `sst` nothing it waits for can happen",
    zh: "app() 返回的 promise 始终没有完成；在 `sst` 之外，它所等待的事情都不会发生",
  },
  "project.config.app-threw": {
    en: 'app() threw for stage "{stage}": {message}',
    zh: 'app() 在阶段 "{stage}" 抛出了错误：{message}',
  },
  "project.config.top-level-threw": {
    en: "its top level threw: {message}",
    zh: "其顶层代码抛出了错误：{message}",
  },
  "project.config.no-app": {
    en: "{file} does not export default {call}; its default export is {exported}.",
    zh: "{file} 没有 export default {call}；它的默认导出是 {exported}。",
  },
  "project.config.not-object": {
    en: 'app() returned {type} for stage "{stage}" instead of an object',
    zh: 'app() 在阶段 "{stage}" 返回了 {type}，而不是对象',
  },
  "project.config.empty-string": { en: "an empty string", zh: "空字符串" },
  "project.config.no-name": {
    en: 'app() returned no string `name` for stage "{stage}" (it is {got})',
    zh: 'app() 在阶段 "{stage}" 没有返回字符串 `name`（实际为 {got}）',
  },
  "project.config.no-home": {
    en: 'app() returned no string `home` for stage "{stage}" (it is {got})',
    zh: 'app() 在阶段 "{stage}" 没有返回字符串 `home`（实际为 {got}）',
  },
});
