export interface DemoArgs {
  orders: number;
  json: string | undefined;
  keepBrokers: boolean;
  timeoutMs: number;
}

/** `--orders N`, `--json FILE`, `--keep-brokers`, `--timeout-ms N`; unknown flags are errors. */
export function parseArgs(argv: readonly string[]): DemoArgs {
  const args: DemoArgs = { orders: 2, json: undefined, keepBrokers: false, timeoutMs: 60_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const positive = (text: string) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`${flag} needs a positive integer, not ${text}`);
      return n;
    };
    if (flag === '--orders') args.orders = positive(value());
    else if (flag === '--json') args.json = value();
    else if (flag === '--keep-brokers') args.keepBrokers = true;
    else if (flag === '--timeout-ms') args.timeoutMs = positive(value());
    else throw new Error(`unknown option ${flag}; see demo/README.md`);
  }
  return args;
}
