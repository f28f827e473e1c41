import { pusher, type SiteStack, startSite } from '@geo/testkit';

export { pusher };

/** A primary, one secondary site and its five services; see `startSite`. */
export type Stack = SiteStack;

/** Starts a whole site with every service running. */
export function startStack(site = 'east'): Promise<Stack> {
  return startSite({ site });
}

/** The output of every service of a stack, for a failing test's log. */
export function dumpServices(stack: Stack): string {
  return stack.dump();
}
