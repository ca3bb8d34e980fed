// Every fixture test starts a Node process with an SDK: seconds apiece on a busy 2-core machine.
module.exports = require('../../jest.preset.cjs')(__dirname, { testTimeout: 60_000 });
