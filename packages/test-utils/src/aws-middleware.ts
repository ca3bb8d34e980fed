/** The arguments an AWS SDK v3 handler takes: the command's input and whatever else rides along. */
export interface MiddlewareArgs {
  input: object;
  [key: string]: unknown;
}

/** The shape of an AWS SDK v3 initialize middleware, structurally (no SDK types needed). */
export type Middleware = (
  next: (args: MiddlewareArgs) => Promise<{ output: object }>,
  context: { commandName?: unknown; endpointV2?: { url?: unknown } },
) => (args: MiddlewareArgs) => Promise<{ output: object }>;

/**
 * One command through a middleware, with the SDK's next handler replaced by one that answers
 * `answer` (or throws it): what the middleware sent on, and what the caller got (the error, when
 * it threw). Drives the SQS and Kinesis telemetry without a client or a broker.
 */
export async function callThroughMiddleware(
  middleware: Middleware,
  commandName: string,
  args: MiddlewareArgs,
  answer: object | Error,
  endpoint?: URL,
): Promise<{ sent: MiddlewareArgs; result: unknown }> {
  const sent: MiddlewareArgs[] = [];
  const handler = middleware(
    async (next) => {
      sent.push(next);
      if (answer instanceof Error) throw answer;
      return { output: answer };
    },
    { commandName, ...(endpoint ? { endpointV2: { url: endpoint } } : {}) },
  );
  const result = await handler(args).catch((error: unknown) => error);
  return { sent: sent[0] as MiddlewareArgs, result };
}
