import { join } from 'node:path';
import { describe } from '@jest/globals';
import { itHasAPackageIdentity } from '@msgtrace/test-utils';
import { AmqplibInstrumentation, SUPPORTED_VERSIONS } from '../src/instrumentation';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../src/version';

describe('package identity', () => {
  itHasAPackageIdentity({
    dir: join(__dirname, '..'),
    name: PACKAGE_NAME,
    version: PACKAGE_VERSION,
    supportedVersions: SUPPORTED_VERSIONS,
    expectedVersions: ['>=0.10.0 <3'],
    lines: 'the amqplib 0.10 to 2.x lines',
    create: (config) => new AmqplibInstrumentation(config),
  });
});
