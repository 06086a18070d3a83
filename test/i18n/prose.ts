/**
 * Finds prose written outside the message catalog: string and template literals in src/ that read
 * as words for a person (two words side by side), which must come from `t()` instead. Not prose, and
 * so not reported:
 * - the catalog itself (src/i18n/) and the local cloud (src/sandbox/services, src/sandbox/server.ts:
 *   it answers in AWS's own English, as AWS does — that is wire, not stateward talking);
 * - imports, `t()`'s ids, property names, and text that starts with a command a user pastes
 *   (`stateward …`, `sst …`, `pulumi …`, `aws …`, `git …`, `npx …`): commands never change with
 *   the language;
 * - a literal on a line carrying, or right below a line carrying, `i18n-exempt: <why>` — AWS error
 *   text matched in a log, a tag value, a wire field.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

export interface Prose {
  file: string;
  line: number;
  text: string;
}

const EXCLUDED = [
  /^src\/i18n\//,
  /^src\/sandbox\/services\//,
  /^src\/sandbox\/server\.ts$/,
  /\.test\.ts$/,
  /\.d\.ts$/,
];
const COMMAND = /^\s*(stateward|sst|pulumi|aws|git|npx|npm|node)\b/;
const PROSE = /[A-Za-z][a-z']+[,;:]?\s+[A-Za-z][a-z']*[a-z]/;

export function sourceFiles(root: string, under = "src"): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(".ts")) out.push(path);
    }
  };
  walk(join(root, under));
  return out
    .map((p) => relative(root, p).replaceAll("\\", "/"))
    .filter((p) => !EXCLUDED.some((re) => re.test(p)))
    .sort();
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" … ");
  return undefined;
}

function exempt(node: ts.Node): boolean {
  const p = node.parent;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isExternalModuleReference(p)) return true;
  if (ts.isImportTypeNode(p) || ts.isLiteralTypeNode(p)) return true;
  // A property's name, an element access key, an enum member: names, not prose.
  if ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isEnumMember(p)) && p.name === node)
    return true;
  if (ts.isElementAccessExpression(p) && p.argumentExpression === node) return true;
  // `t("id", …)`: the id.
  if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && /^t(In)?$/.test(p.expression.text))
    return true;
  return false;
}

export function findProse(root: string, files: string[]): Prose[] {
  const found: Prose[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), "utf8");
    const lines = text.split("\n");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const value = literalText(node);
      if (value !== undefined && PROSE.test(value) && !COMMAND.test(value) && !exempt(node)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const marked = [lines[line], lines[line - 1]].some((l) => l?.includes("i18n-exempt"));
        if (!marked)
          found.push({ file, line: line + 1, text: value.length > 90 ? `${value.slice(0, 87)}…` : value });
      }
      if (ts.isTemplateExpression(node)) for (const span of node.templateSpans) visit(span.expression);
      else ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
