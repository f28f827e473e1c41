/**
 * Whether repository `name` matches `pattern`. In a pattern, `*` matches any
 * run of characters within one path segment (never `/`), and `**` any run
 * across segments: `team/*` matches `team/app` but not `team/sub/app`,
 * `team/**` matches both, `*` matches only top-level names and `**` matches
 * every repository. Everything else matches itself.
 */
export function matchRepository(pattern: string, name: string): boolean {
  return patternToRegExp(pattern).test(name);
}

const compiled = new Map<string, RegExp>();

function patternToRegExp(pattern: string): RegExp {
  const cached = compiled.get(pattern);
  if (cached) return cached;

  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  const regExp = new RegExp(`^${source}$`);

  compiled.set(pattern, regExp);
  return regExp;
}
