// ES module entry of the register hook (`node --import`). It loads the CommonJS build so that an
// application mixing --import and --require still starts one SDK and patches once.
import { createRequire } from 'node:module';

createRequire(import.meta.url)('./dist/cjs/register.js');
