import { hashPassword, TokensError } from '@geo/tokens';

/**
 * Prints a bcrypt hash for the `passwordHash` of an accounts file:
 * `node apps/token-issuer/dist/hash-password.js < password.txt`. The password
 * is read from stdin (one trailing newline dropped) so it stays out of the
 * shell history and the process list.
 */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

try {
  process.stdout.write(`${await hashPassword(await readStdin())}\n`);
} catch (error) {
  if (!(error instanceof TokensError)) throw error;
  process.stderr.write(`hash-password: ${error.message}\n`);
  process.exit(2);
}
