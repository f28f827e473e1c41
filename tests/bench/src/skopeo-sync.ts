import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes the `--src yaml` files for `skopeo sync` (one per repository
 * directory, since without `--scoped` skopeo keeps only an image's last path
 * element under the destination) and returns one shell command that runs
 * them in turn, so the whole sync is one measured process tree.
 */
export async function skopeoSyncCommand(
  workDir: string,
  primaryHost: string,
  destinationHost: string,
  repositories: string[],
): Promise<string[]> {
  const groups = new Map<string, string[]>();
  for (const repository of repositories) {
    const directory = dirname(repository);
    groups.set(directory, [...(groups.get(directory) ?? []), repository]);
  }

  const commands: string[] = [];
  for (const [index, [directory, members]] of [...groups].entries()) {
    const file = join(workDir, `skopeo-sync-${index}.yaml`);
    const byTag = Object.fromEntries(members.map((repository) => [repository, '.*']));
    // JSON is YAML; skopeo reads it as such.
    const source = { [primaryHost]: { 'images-by-tag-regex': byTag, 'tls-verify': false } };
    await writeFile(file, JSON.stringify(source, null, 2));

    const destination = directory === '.' ? destinationHost : `${destinationHost}/${directory}`;
    commands.push(
      [
        'skopeo sync --src yaml --dest docker',
        '--src-tls-verify=false --dest-tls-verify=false',
        // Every platform of an index, and fail rather than rewrite a digest.
        '--all --preserve-digests',
        `'${file}' '${destination}'`,
      ].join(' '),
    );
  }

  return ['sh', '-c', `set -e; ${commands.join('; ')}`];
}
