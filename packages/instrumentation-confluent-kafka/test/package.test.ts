import { join } from 'node:path';
import { describe } from '@jest/globals';
import { itHasAPackageIdentity } from '@msgtrace/test-utils';
import { ConfluentKafkaInstrumentation, SUPPORTED_VERSIONS } from '../src/instrumentation';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../src/version';

describe('package identity', () => {
  itHasAPackageIdentity({
    dir: join(__dirname, '..'),
    name: PACKAGE_NAME,
    version: PACKAGE_VERSION,
    supportedVersions: SUPPORTED_VERSIONS,
    expectedVersions: ['>=1.0.0 <2'],
    lines: 'the @confluentinc/kafka-javascript 1.x line',
    create: (config) => new ConfluentKafkaInstrumentation(config),
  });
});
