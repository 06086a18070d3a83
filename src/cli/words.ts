/**
 * Splits a command line into words the way a POSIX shell quotes them, without running anything: 'single
 * quotes' keep everything, "double quotes" keep all but a backslash before " \ $ `, a backslash outside
 * quotes keeps the next character. No variables, globs or operators: `sandbox --exec` runs stateward,
 * never a shell. Undefined when a quote is left open.
 */
export function splitWords(line: string): string[] | undefined {
  const words: string[] = [];
  // undefined between words; "" for a word that is only quotes ('' is an empty argument).
  let word: string | undefined;
  const add = (text: string) => {
    word = (word ?? "") + text;
  };
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else add(ch);
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) add(line[++i]!);
      else add(ch);
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      add("");
    } else if (ch === "\\" && i + 1 < line.length) {
      add(line[++i]!);
    } else {
      add(ch);
    }
  }
  if (quote !== undefined) return undefined;
  if (word !== undefined) words.push(word);
  return words;
}
