/**
 * The actions of `requested` that `allowed` permits, in the order asked.
 * `*` stands for every action, as CNCF Distribution reads it in a token: an
 * allowed `*` permits anything, and a requested `*` yields `*` only when `*`
 * is allowed, otherwise every action that is.
 */
export function intersectActions(requested: string[], allowed: string[]): string[] {
  const allowsAll = allowed.includes('*');
  const granted = new Set<string>();

  for (const action of requested) {
    if (action === '*' && !allowsAll) {
      for (const permitted of allowed) granted.add(permitted);
    } else if (allowsAll || allowed.includes(action)) {
      granted.add(action);
    }
  }

  return [...granted];
}
