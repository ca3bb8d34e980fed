/** The module this package patches and the versions it is tested against. */
export const INSTRUMENTED_MODULE = 'amqplib';
export const SUPPORTED_VERSIONS = ['>=0.10.0 <3'] as const;
