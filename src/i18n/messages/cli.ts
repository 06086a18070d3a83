/** The command line: every command's and option's --help, usage errors, prompts. */
import { defineMessages } from "../types.js";

export const cli = defineMessages({
  "cli.option.lang": {
    en: "the language of every line meant for a person: en or zh (default: LC_ALL, LC_MESSAGES or LANG starting with zh gives zh); JSON keys and codes never change",
    zh: "面向人的输出语言：en 或 zh（默认看 LC_ALL、LC_MESSAGES 或 LANG，以 zh 开头即为中文）；JSON 的键和代码不随语言改变",
  },
  "cli.lang.unknown": {
    en: "--lang {lang} is not a language stateward speaks; use one of: {langs}.",
    zh: "stateward 不支持 --lang {lang}；可用的语言：{langs}。",
  },
});
