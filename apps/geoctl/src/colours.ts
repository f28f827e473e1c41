/** Paints a word for a terminal; the identity when output is not a terminal. */
export type Paint = (text: string, word: string) => string;

const codes: Record<string, number> = {
  synced: 32,
  fresh: 32,
  passed: 32,
  failed: 31,
  stale: 31,
  pending: 33,
  warning: 33,
  'missing-on-secondary': 33,
  'missing-on-primary': 35,
  started: 36,
};

/** Leaves text as it is: for pipes, files, `--json` and NO_COLOR. */
export const noPaint: Paint = (text) => text;

/** Colours `text` by the state or result `word` it shows (SGR codes). */
export const terminalPaint: Paint = (text, word) => {
  const code = codes[word];
  return code === undefined ? text : `\u001b[${code}m${text}\u001b[0m`;
};

/**
 * Colour only on a terminal, and never when NO_COLOR is set (no-color.org),
 * so scripts and logs never receive escape codes.
 */
export function choosePaint(isTerminal: boolean, env: NodeJS.ProcessEnv): Paint {
  const disabled = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return isTerminal && !disabled ? terminalPaint : noPaint;
}
