import { join } from 'node:path';
import { describe } from '@jest/globals';
import { itHasAPackageIdentity } from '@msgtrace/test-utils';
import { AwsKinesisInstrumentation, SUPPORTED_VERSIONS } from '../src/instrumentation';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../src/version';

describe('package identity', () => {
  itHasAPackageIdentity({
    dir: join(__dirname, '..'),
    name: PACKAGE_NAME,
    version: PACKAGE_VERSION,
    supportedVersions: SUPPORTED_VERSIONS,
    expectedVersions: ['>=3.363.0 <4'],
    lines: 'the v3 SDK line',
    create: (config) => new AwsKinesisInstrumentation(config),
  });
});
