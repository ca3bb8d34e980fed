export { INSTRUMENTED_MODULE, SUPPORTED_VERSIONS } from './instrumentation.js';
