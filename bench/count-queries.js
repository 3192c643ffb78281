'use strict';
/**
 * Preloaded by the benchmarks into the server they measure (`node -r bench/count-queries.js`), never
 * by the app itself: counts every statement the process sends through `pg` (Client#query, which
 * TypeORM, pg.Pool and the limit servers all end in), so BEGIN, SAVEPOINT and COMMIT count too. One
 * call is one round trip to PostgreSQL (a multi-statement simple query such as
 * `SET LOCAL …; SAVEPOINT …` is one call and one round trip). The benchmark asks over the IPC channel
 * it opened: `{ type: 'queries?' }` → `{ type: 'queries', count }`.
 */
const { join } = require('node:path');

const pg = require(require.resolve('pg', { paths: [join(__dirname, '..')] }));
const original = pg.Client.prototype.query;
let count = 0;
pg.Client.prototype.query = function countedQuery(...args) {
  count += 1;
  return original.apply(this, args);
};

if (process.send) {
  process.on('message', (message) => {
    if (message && message.type === 'queries?') process.send({ type: 'queries', count });
  });
  // The channel must not keep the server alive at shutdown.
  process.channel.unref();
}
