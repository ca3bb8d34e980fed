/** The module this package patches and the versions it is tested against. */
export const INSTRUMENTED_MODULE = '@aws-sdk/client-kinesis';
export const SUPPORTED_VERSIONS = ['>=3.0.0 <4'] as const;
