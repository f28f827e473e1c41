import { CheckResult, type DiagnosticCheck } from '@geo/contracts';

/** A check that passed, with what it found. */
export function passed(name: string, detail: string): DiagnosticCheck {
  return { name, result: CheckResult.CHECK_RESULT_PASSED, detail };
}

/** A check that failed, with why and, where known, what to change. */
export function failed(name: string, detail: string): DiagnosticCheck {
  return { name, result: CheckResult.CHECK_RESULT_FAILED, detail };
}

/** A check that did not run because `variables` are unset. */
export function skipped(name: string, variables: string[]): DiagnosticCheck {
  const unset = variables.join(' and ');
  return { name, result: CheckResult.CHECK_RESULT_SKIPPED, detail: `not checked: ${unset} unset` };
}

/** Nothing is broken, but an operator should know. */
export function warning(name: string, detail: string): DiagnosticCheck {
  return { name, result: CheckResult.CHECK_RESULT_WARNING, detail };
}

/**
 * Runs `check`, turning a throw or a check slower than `timeoutMs` into a
 * failure of `name`, so one hung dependency never hides the other checks.
 */
export async function runCheck(
  name: string,
  timeoutMs: number,
  check: (signal: AbortSignal) => Promise<DiagnosticCheck>,
): Promise<DiagnosticCheck> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DiagnosticCheck>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(failed(name, `no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });

  try {
    return await Promise.race([check(controller.signal), timeout]);
  } catch (error) {
    return failed(name, error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}
