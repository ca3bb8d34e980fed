/** Kept equal to package.json's by a unit test (ES modules cannot read JSON without a loader). */
export const PACKAGE_NAME = '@msgtrace/instrumentation-confluent-kafka';
export const PACKAGE_VERSION = '0.1.0';
