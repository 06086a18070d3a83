/**
 * How a message's `{name}` placeholders are filled: for the CLI's `t()` (index.ts) and for the web ui,
 * which is sent this same function (src/ui/assets.ts serves it as /assets/format.js, from its own
 * text). So it is self-contained: it names nothing outside itself but JavaScript's own.
 *
 * The space a Chinese template keeps around a placeholder (for a name, an id, a path: `在 {place} 中`)
 * goes where the value itself ends (or starts) with full-width punctuation or a Chinese character:
 * `…（位于 us-east-1，账户 1）中`, `标准输入中`, not `…） 中`. The template's own text has no such space
 * (test/i18n/catalog.test.ts); a value's own text is left as it is. A placeholder without a value is
 * left as it is written.
 */
export function format(template: string, params?: Record<string, string | number>): string {
  if (params === undefined) return template;
  // Full-width punctuation and CJK characters: no space goes between them and Chinese text.
  const wideEdge = /[（）【】「」『』“”，。：；、！？\u3400-\u9fff\uf900-\ufaff]/;
  const cjk = /[\u3400-\u9fff\uf900-\ufaff]/;
  let out = "";
  let from = 0;
  for (const m of template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
    const value = params[m[1]!];
    let before = template.slice(from, m.index);
    from = m.index + m[0].length;
    if (value === undefined) {
      out += before + m[0];
      continue;
    }
    const text = String(value);
    if (before.endsWith(" ") && cjk.test(before.at(-2) ?? "") && wideEdge.test(text[0] ?? "")) {
      before = before.slice(0, -1);
    }
    out += before + text;
    if (template[from] === " " && cjk.test(template[from + 1] ?? "") && wideEdge.test(text.at(-1) ?? "")) {
      from += 1;
    }
  }
  return out + template.slice(from);
}
