import { join } from 'node:path';
import { describe } from '@jest/globals';
import { itHasAPackageIdentity } from '@msgtrace/test-utils';
import { KafkaJsInstrumentation, SUPPORTED_VERSIONS } from '../src/instrumentation';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../src/version';

describe('package identity', () => {
  itHasAPackageIdentity({
    dir: join(__dirname, '..'),
    name: PACKAGE_NAME,
    version: PACKAGE_VERSION,
    supportedVersions: SUPPORTED_VERSIONS,
    expectedVersions: ['>=2.0.0 <3'],
    lines: 'the kafkajs 2.x line',
    create: (config) => new KafkaJsInstrumentation(config),
  });
});
