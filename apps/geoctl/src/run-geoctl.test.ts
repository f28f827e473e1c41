import { describe, expect, it } from 'vitest';
import { runGeoctl } from './run-geoctl.js';

async function geoctl(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const status = await runGeoctl(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
  });
  return { status, stdout, stderr };
}

describe('geoctl command line', () => {
  it('exits 0 after printing help', async () => {
    const result = await geoctl(['--help']);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('resync');
  });

  it.each([
    [['bogus']],
    [['repo']],
    [['repos', '--state', 'broken']],
    [['repos', '--limit', '0']],
    [['repos', '--all', '--limit', '5']],
    [['resync']],
    [['resync', 'a', '--all']],
    [['resync', 'a', '--state', 'failed']],
    [['--server', 'not a target', 'status']],
    [['fresh', 'team/app']],
    [['fresh', 'localhost:5000/team/app']],
    [['fresh', 'team/app:']],
  ])('exits 2 on the usage error %j without calling the server', async (args) => {
    const result = await geoctl(args);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toBe('');
  });

  it('names GEO_STATUS_URL when it is malformed', async () => {
    const result = await geoctl(['status'], { GEO_STATUS_URL: 'http://x' });

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('GEO_STATUS_URL');
  });
});
