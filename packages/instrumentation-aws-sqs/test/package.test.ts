import { join } from 'node:path';
import { describe } from '@jest/globals';
import { itHasAPackageIdentity } from '@msgtrace/test-utils';
import { AwsSqsInstrumentation, SUPPORTED_VERSIONS } from '../src/instrumentation';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../src/version';

describe('package identity', () => {
  itHasAPackageIdentity({
    dir: join(__dirname, '..'),
    name: PACKAGE_NAME,
    version: PACKAGE_VERSION,
    supportedVersions: SUPPORTED_VERSIONS,
    expectedVersions: ['>=3.363.0 <4'],
    lines: 'client-sqs 3.363 up to 4',
    create: (config) => new AwsSqsInstrumentation(config),
  });
});
