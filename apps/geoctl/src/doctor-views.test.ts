import { CheckResult } from '@geo/contracts';
import { describe, expect, it } from 'vitest';
import { doctorJson, doctorText } from './doctor-views.js';

const response = {
  site: 'east',
  checks: [
    { name: 'primary-registry', result: CheckResult.CHECK_RESULT_FAILED, detail: 'refused' },
    { name: 'secondary-registry', result: CheckResult.CHECK_RESULT_PASSED, detail: 'fine' },
    { name: 'replication-switch', result: CheckResult.CHECK_RESULT_WARNING, detail: 'off' },
    { name: 'nats-streams', result: CheckResult.CHECK_RESULT_SKIPPED, detail: 'unset' },
  ],
};

describe('doctor views', () => {
  it('marks only failed checks as not ok, and the report as failed when one is', () => {
    const report = doctorJson(response);

    expect(report.ok).toBe(false);
    expect(report.checks.map((check) => [check.result, check.ok])).toEqual([
      ['failed', false],
      ['passed', true],
      ['warning', true],
      ['skipped', true],
    ]);
  });

  it('prints one line per check and how many failed', () => {
    const text = doctorText(doctorJson(response));

    expect(text).toMatch(/^FAILED\s+primary-registry\s+refused$/m);
    expect(text).toContain('site east: 1 check(s) failed');
  });
});
