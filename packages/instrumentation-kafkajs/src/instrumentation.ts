/** The module this package patches and the versions it is tested against. */
export const INSTRUMENTED_MODULE = 'kafkajs';
export const SUPPORTED_VERSIONS = ['>=2.0.0 <3'] as const;
