// ES module entry of the register hook (`node --import`). It loads the CommonJS build so that an
// application mixing --import and --require still gets one instrumentation, not two, and waits
// until tinypool (an ES module the app may import next) is patched.
import { createRequire } from 'node:module';

await createRequire(import.meta.url)('./dist/cjs/register.js').ready;
