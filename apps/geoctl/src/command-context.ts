import type { Command } from 'commander';
import { choosePaint, type Paint } from './colours.js';
import { CALL_TIMEOUT_MS, loadGeoctlConfig } from './config.js';
import { connectStatus, type StatusApi } from './status-client.js';

/** Where geoctl writes, and what it reads its defaults from. */
export interface GeoctlIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal; colour is used only then. */
  isTerminal?: boolean;
}

/** The options every command takes. */
interface GlobalOptions {
  json?: boolean;
  server?: string;
}

/** What a command's action needs: its output and a client of the status service. */
export class CommandContext {
  constructor(
    private readonly io: GeoctlIo,
    private readonly command: Command,
  ) {}

  private get globals(): GlobalOptions {
    return this.command.optsWithGlobals<GlobalOptions>();
  }

  /** True when the result goes out as JSON. */
  get json(): boolean {
    return this.globals.json === true;
  }

  /** Colours for text output: none with `--json`, off a terminal or under NO_COLOR. */
  get paint(): Paint {
    return choosePaint(!this.json && this.io.isTerminal === true, this.io.env);
  }

  /** Prints the result: `json` with `--json`, else `text`, given the colours to use. */
  print(json: unknown, text: (paint: Paint) => string): void {
    this.io.stdout(this.json ? `${JSON.stringify(json, null, 2)}\n` : `${text(this.paint)}\n`);
  }

  /** Prints one of a series: JSON on one line with `--json` (NDJSON), else `text`. */
  printLine(json: unknown, text: (paint: Paint) => string): void {
    this.io.stdout(this.json ? `${JSON.stringify(json)}\n` : `${text(this.paint)}\n`);
  }

  /** A remark for people; stderr, so it never mixes with the JSON on stdout. */
  note(text: string): void {
    this.io.stderr(`${text}\n`);
  }

  /** Runs `use` with a client of the status service, closing it afterwards. */
  async withStatus<T>(use: (api: StatusApi) => Promise<T>): Promise<T> {
    const server = this.globals.server ?? loadGeoctlConfig(this.io.env).statusUrl;
    const api = connectStatus(server, CALL_TIMEOUT_MS);
    try {
      return await use(api);
    } finally {
      api.close();
    }
  }
}
