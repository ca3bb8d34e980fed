import { INSTRUMENTATION_PACKAGES } from '@msgtrace/auto';

/**
 * The workspace's library packages: what an application installs to use one instrumentation
 * class with its own SDK (core, the Kafka model and the instrumentations). The register-entry
 * packages (`@msgtrace/sdk-bootstrap`, `@msgtrace/auto`) are not among them.
 */
export const LIBRARY_PACKAGES: readonly string[] = [
  '@msgtrace/core',
  '@msgtrace/kafka-shared',
  ...INSTRUMENTATION_PACKAGES,
];

/** Every package the workspace publishes: the libraries and the two register-entry packages. */
export const PUBLISHED_PACKAGES: readonly string[] = [
  ...LIBRARY_PACKAGES,
  '@msgtrace/sdk-bootstrap',
  '@msgtrace/auto',
];
