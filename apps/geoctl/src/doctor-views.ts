import { CheckResult, type DiagnoseResponse } from '@geo/contracts';
import { formatTable } from './text-layout.js';

/** The words geoctl shows for a check's result. */
export type CheckWord = 'passed' | 'failed' | 'skipped' | 'warning' | 'unknown';

/** One check as `geoctl doctor --json` prints it. */
export interface CheckJson {
  name: string;
  result: CheckWord;
  /** False only for a failed check (or a result this geoctl does not know). */
  ok: boolean;
  detail: string;
}

/** The report of `geoctl doctor --json`. */
export interface DoctorJson {
  site: string;
  ok: boolean;
  checks: CheckJson[];
}

const words: Record<number, CheckWord> = {
  [CheckResult.CHECK_RESULT_PASSED]: 'passed',
  [CheckResult.CHECK_RESULT_FAILED]: 'failed',
  [CheckResult.CHECK_RESULT_SKIPPED]: 'skipped',
  [CheckResult.CHECK_RESULT_WARNING]: 'warning',
};

/** Converts the Diagnose answer into its JSON view. */
export function doctorJson(response: DiagnoseResponse): DoctorJson {
  const checks = response.checks.map((check) => {
    const result = words[check.result] ?? 'unknown';
    const ok = result !== 'failed' && result !== 'unknown';
    return { name: check.name, result, ok, detail: check.detail };
  });

  return { site: response.site, ok: checks.every((check) => check.ok), checks };
}

/** The report for people: one line per check, then the verdict. */
export function doctorText(report: DoctorJson): string {
  const rows = report.checks.map((check) => [check.result.toUpperCase(), check.name, check.detail]);
  const verdict = report.ok
    ? `site ${report.site}: no check failed`
    : `site ${report.site}: ${report.checks.filter((check) => !check.ok).length} check(s) failed`;

  return `${formatTable(['RESULT', 'CHECK', 'DETAIL'], rows)}\n\n${verdict}`;
}
