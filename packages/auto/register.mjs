// ES module entry of the register hook (`node --import`). It loads the CommonJS build so that an
// application mixing --import and --require still starts one SDK and patches once. It waits for
// what the entries finish asynchronously (patching tinypool) before the app's modules load.
import { createRequire } from 'node:module';

await createRequire(import.meta.url)('./dist/cjs/register.js').ready;
