'use strict';
/**
 * Preloaded by the benchmarks into the server they measure (`node -r bench/server-probe.js`), never
 * by the app itself, and answering over the IPC channel the benchmark opened:
 * - every statement the process sends through `pg` is counted (Client#query, which TypeORM, pg.Pool
 *   and the limit server all end in), so BEGIN, SAVEPOINT and COMMIT count too. One call is one round
 *   trip to PostgreSQL (a multi-statement simple query such as `SET LOCAL …; SAVEPOINT …` is one call
 *   and one round trip). `{ type: 'queries?' }` → `{ type: 'queries', count }`;
 * - each port the process starts listening on is sent as `{ type: 'listening', port }`: the server
 *   is started on PORT=0, so no other process on the machine can take its port between a free-port
 *   probe and the bind (5 helpers' servers share this box).
 */
const net = require('node:net');
const { join } = require('node:path');

const pg = require(require.resolve('pg', { paths: [join(__dirname, '..')] }));
const original = pg.Client.prototype.query;
let count = 0;
pg.Client.prototype.query = function countedQuery(...args) {
  count += 1;
  return original.apply(this, args);
};

if (process.send) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function reportedListen(...args) {
    this.once('listening', () => {
      const address = this.address();
      if (address && typeof address === 'object') process.send({ type: 'listening', port: address.port });
    });
    return listen.apply(this, args);
  };
  process.on('message', (message) => {
    if (message && message.type === 'queries?') process.send({ type: 'queries', count });
  });
  // The channel must not keep the server alive at shutdown.
  process.channel.unref();
}
