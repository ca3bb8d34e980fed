import { describe, expect, it } from '@jest/globals';
import {
  type AwsInitializeMiddleware,
  awsEndpointOf,
  instrumentAwsClient,
  requestIdOf,
  restoreAwsClient,
} from '../src/aws-client';

// The shape of smithy's Client: `send` on a shared base class, a middleware stack per client.
class BaseClient {
  added: { name: unknown; step: unknown }[] = [];
  handlers: unknown = 'cached';
  middlewareStack = {
    add: (_middleware: AwsInitializeMiddleware, options: Record<string, unknown>) => {
      this.added.push({ name: options.name, step: options.step });
    },
  };
  send(command: string): string {
    return `sent ${command}`;
  }
}
class ServiceClient extends BaseClient {}
class AggregatedClient extends ServiceClient {}

const middleware: AwsInitializeMiddleware = (next) => next;

describe('instrumentAwsClient', () => {
  it('adds the middleware once per client at the initialize step, on its first send', () => {
    let active = true;
    instrumentAwsClient(ServiceClient.prototype, 'msgtraceTest', middleware, () => active);
    const client = new AggregatedClient();
    expect(client.send('a')).toBe('sent a');
    expect(client.send('b')).toBe('sent b');
    expect(client.added).toEqual([{ name: 'msgtraceTest', step: 'initialize' }]);
    expect(client.handlers).toBeUndefined();
    // A client first used while disabled gets nothing.
    active = false;
    const idle = new ServiceClient();
    idle.send('c');
    expect(idle.added).toEqual([]);
    // The shared base class is never touched.
    expect(Object.hasOwn(BaseClient.prototype, 'send')).toBe(true);
    expect(new BaseClient().send('d')).toBe('sent d');
    restoreAwsClient(ServiceClient.prototype);
    expect(Object.hasOwn(ServiceClient.prototype, 'send')).toBe(false);
  });

  it('leaves a client working when its stack refuses the middleware', () => {
    instrumentAwsClient(ServiceClient.prototype, 'msgtraceTest', middleware, () => true);
    const client = new ServiceClient();
    client.middlewareStack.add = () => {
      throw new Error('duplicate');
    };
    expect(client.send('x')).toBe('sent x');
    restoreAwsClient(ServiceClient.prototype);
  });

  it('ignores what is not a client class, and restores only what it patched', () => {
    expect(() => instrumentAwsClient(undefined, 'x', middleware, () => true)).not.toThrow();
    expect(() => instrumentAwsClient({}, 'x', middleware, () => true)).not.toThrow();
    expect(() => restoreAwsClient(undefined)).not.toThrow();
    restoreAwsClient(ServiceClient.prototype);
    expect(Object.hasOwn(ServiceClient.prototype, 'send')).toBe(false);
  });
});

describe('awsEndpointOf', () => {
  it('reads host and port of the resolved endpoint, with the scheme’s default port', () => {
    expect(awsEndpointOf({ endpointV2: { url: new URL('http://127.0.0.1:9324/') } })).toEqual({
      address: '127.0.0.1',
      port: 9324,
    });
    expect(
      awsEndpointOf({ endpointV2: { url: new URL('https://sqs.eu-west-1.amazonaws.com') } }),
    ).toEqual({
      address: 'sqs.eu-west-1.amazonaws.com',
      port: 443,
    });
    expect(awsEndpointOf({ endpointV2: { url: new URL('http://localhost') } }).port).toBe(80);
    expect(awsEndpointOf({ endpointV2: { url: 'http://x' } })).toEqual({});
    expect(awsEndpointOf({})).toEqual({});
  });
});

describe('requestIdOf', () => {
  it('reads $metadata.requestId of answers and errors, and nothing else', () => {
    expect(requestIdOf({ $metadata: { requestId: 'r-1' } })).toBe('r-1');
    expect(requestIdOf({ $metadata: { requestId: '' } })).toBeUndefined();
    expect(requestIdOf({ $metadata: {} })).toBeUndefined();
    expect(requestIdOf(null)).toBeUndefined();
    expect(requestIdOf('r-1')).toBeUndefined();
  });
});
