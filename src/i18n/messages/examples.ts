/** examples: what each example in a command's `--help` shows (src/cli/examples.ts holds the commands). */
import { defineMessages } from "../types.js";

export const examples = defineMessages({
  "examples.title": {
    en: "Examples, on the local cloud (`npx stateward sandbox`, then its export lines in another shell):",
    zh: "示例，在本地云上（`npx stateward sandbox`，再在另一个 shell 中执行它打印的 export 行）：",
  },
  "examples.sandbox.start": {
    en: "try it without a cloud of your own: start the local cloud, run doctor on every stage, stop:",
    zh: "不用自己的云就能试：启动本地云，对每个阶段运行 doctor，然后停止：",
  },
  "examples.sandbox.exec": {
    en: "one command against a fresh local cloud (no export lines needed):",
    zh: "在一个全新的本地云上运行一条命令（不需要 export 行）：",
  },
  "examples.sandbox.exec-zh": {
    en: "the same in Chinese:",
    zh: "用中文输出：",
  },
  "examples.sandbox.reset": {
    en: "put the running local cloud back to its scenario, undoing every change made to it:",
    zh: "把正在运行的本地云恢复到其场景的初始状态，撤销对它做过的所有改动：",
  },
  "examples.state.show.file": {
    en: "what a state file holds (a stuck deploy, bundled in examples/):",
    zh: "状态文件里有什么（examples/ 中附带的一次卡住的部署）：",
  },
  "examples.state.show.stage": {
    en: "the same for a stage's current state:",
    zh: "查看某个阶段当前的状态：",
  },
  "examples.state.verify.file": {
    en: "every integrity violation in a file (exit 3 when any):",
    zh: "文件中的每一处完整性问题（有则退出码 3）：",
  },
  "examples.state.verify.stage": {
    en: "the same for a stage's current state:",
    zh: "检查某个阶段当前的状态：",
  },
  "examples.state.repair.file": {
    en: "what a repair would change in a file, writing nothing:",
    zh: "修复会改动文件中的什么，不写入任何内容：",
  },
  "examples.state.repair.stage": {
    en: "the same for a stage's state, writing nothing:",
    zh: "对某个阶段的状态做同样的检查，不写入任何内容：",
  },
  "examples.history.list": {
    en: "every version of a stage's state, newest first:",
    zh: "某个阶段状态的每个版本，最新的在前：",
  },
  "examples.history.show": {
    en: "the version before the current one:",
    zh: "当前版本的前一个版本：",
  },
  "examples.history.diff": {
    en: "what changed between the previous version and the current one:",
    zh: "上一个版本和当前版本之间改了什么：",
  },
  "examples.history.diff.files": {
    en: "two state files compared (the same file: no differences):",
    zh: "比较两个状态文件（同一个文件：没有差异）：",
  },
  "examples.history.restore": {
    en: "what restoring the previous version would bring back, drop and orphan, writing nothing:",
    zh: "恢复上一个版本会带回什么、去掉什么、留下哪些孤立资源，不写入任何内容：",
  },
  "examples.history.snapshot": {
    en: "where a snapshot would be stored, storing nothing:",
    zh: "快照会存到哪里，不存储任何内容：",
  },
  "examples.history.backup": {
    en: "what a backup to a directory would copy, copying nothing:",
    zh: "备份到目录时会复制什么，不复制任何内容：",
  },
  "examples.history.export": {
    en: "the commits a git export would write, writing nothing:",
    zh: "导出为 git 仓库时会写哪些提交，不写入任何内容：",
  },
  "examples.lock.status": {
    en: "who holds staging's lock, and whether their update finished (exit 4: locked):",
    zh: "谁持有 staging 的锁，其更新是否已完成（退出码 4：已上锁）：",
  },
  "examples.lock.release": {
    en: "the lock a release would break, breaking nothing:",
    zh: "释放时会打破哪个锁，不改动任何内容：",
  },
  "examples.doctor.stage": {
    en: "every problem of one stage, each with its cause and fix (exit 3: blockers):",
    zh: "某个阶段的每个问题，各附原因和修复方法（退出码 3：有阻断）：",
  },
  "examples.doctor.markdown": {
    en: "every stage, as Markdown for a pull request comment:",
    zh: "所有阶段，输出为可贴到拉取请求评论中的 Markdown：",
  },
  "examples.plan.all": {
    en: "doctor's findings as ordered actions, for every stage:",
    zh: "把 doctor 的发现变成有序的操作，覆盖所有阶段：",
  },
  "examples.plan.file": {
    en: "a plan for dev, saved to a file:",
    zh: "为 dev 生成计划并保存到文件：",
  },
  "examples.plan.json": {
    en: "dev's plan as the JSON document --out saves and apply reads:",
    zh: "dev 的计划，输出为 --out 保存、apply 读取的 JSON 文档：",
  },
  "examples.apply.dry-run": {
    en: "what applying that plan would change, changing nothing:",
    zh: "应用该计划会改变什么，不做任何改动：",
  },
  "examples.fix.dry-run": {
    en: "the actions fix would take for dev, taking none:",
    zh: "fix 会对 dev 执行哪些操作，不执行任何操作：",
  },
  "examples.adopt.retained": {
    en: "the entry adopting a retained table would write, writing nothing:",
    zh: "接管一张被保留的表时会写入的条目，不写入任何内容：",
  },
  "examples.adopt.orphan": {
    en: "adopting an email identity no state holds, writing nothing:",
    zh: "接管一个不在任何状态中的邮件身份，不写入任何内容：",
  },
  "examples.cleanup.dry-run": {
    en: "what deleting the removed stage pr-42's leftovers would delete, deleting nothing:",
    zh: "删除已移除阶段 pr-42 的残留资源时会删除什么，不删除任何内容：",
  },
  "examples.forget.stale": {
    en: "dropping a role deleted by hand from the state (as a refresh would), writing nothing:",
    zh: "把一个被手动删除的角色从状态中去掉（如同 refresh），不写入任何内容：",
  },
  "examples.forget.pending": {
    en: "clearing a pending operation, writing nothing:",
    zh: "清除一个待处理的操作，不写入任何内容：",
  },
  "examples.names.generate": {
    en: "the physical name SST would give a table in dev:",
    zh: "SST 会给 dev 中一张表起的物理名称：",
  },
  "examples.names.check": {
    en: "names two stages claim, or that leave out the stage (exit 4 when any):",
    zh: "被两个阶段同时使用、或不含阶段名的名称（有则退出码 4）：",
  },
  "examples.explain.file": {
    en: "what a failed deploy's log means (a sample in examples/):",
    zh: "一次失败部署的日志是什么意思（examples/ 中的样例）：",
  },
  "examples.explain.stage": {
    en: "the same, checked against the stage in the cloud:",
    zh: "同上，并对照云端的该阶段进行检查：",
  },
  "examples.guard.stops": {
    en: "a deploy guarded by doctor: dev has blockers, so the deploy never starts (exit 3):",
    zh: "由 doctor 把关的部署：dev 有阻断问题，所以部署不会开始（退出码 3）：",
  },
  "examples.guard.force": {
    en: "a command run despite the blockers, recorded in the audit log:",
    zh: "不顾阻断问题运行一条命令，并记入审计日志：",
  },
  "examples.preflight.predicted": {
    en: "names a new preview stage's first deploy would collide on:",
    zh: "一个新的预览阶段首次部署时会冲突的名称：",
  },
  "examples.preflight.plan": {
    en: "every create in a deploy plan (`pulumi preview --json` output, a sample in examples/) checked:",
    zh: "检查部署计划中的每个创建操作（`pulumi preview --json` 的输出，examples/ 中的样例）：",
  },
  "examples.scan.stage": {
    en: "what the state holds and what the cloud holds, side by side:",
    zh: "状态中有什么、云端有什么，并排对照：",
  },
  "examples.scan.drift": {
    en: "every stage at once, with the properties that drifted:",
    zh: "一次扫描所有阶段，并列出发生漂移的属性：",
  },
  "examples.audit.list": {
    en: "every deploy guard ran and every change stateward made, newest first:",
    zh: "guard 运行过的每次部署和 stateward 做过的每次修改，最新的在前：",
  },
  "examples.ui.stage": {
    en: "dev's findings, resources and history in the browser, until Ctrl-C (open the address it prints):",
    zh: "在浏览器中查看 dev 的问题、资源和历史，直到按 Ctrl-C（打开它打印的地址）：",
  },
  "examples.ui.all": {
    en: "every stage of the app at a glance:",
    zh: "一眼看到应用的所有阶段：",
  },
});
