import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyStartError, describeDatabaseError, isDatabaseUnavailable } from './connection-errors';

const pgError = (code: string, message: string) => Object.assign(new DatabaseError(message, 0, 'error'), { code });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
const queryFailed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('database errors', () => {
  it.each([
    ['a terminated backend (57P01)', true, queryFailed(pgError('57P01', 'terminating connection due to administrator command'))],
    ['a refused connection', true, socketError('ECONNREFUSED')],
    ['a reset connection', true, socketError('ECONNRESET')],
    ['both addresses refused (AggregateError)', true, new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')])],
    ['a connection exception (08006)', true, pgError('08006', 'connection failure')],
    ['the server starting up (57P03)', true, pgError('57P03', 'the database system is starting up')],
    ['too many connections (53300)', true, pgError('53300', 'sorry, too many clients already')],
    ['a connection that ended', true, queryFailed(new Error('Connection terminated unexpectedly'))],
    [
      'a connect timeout',
      true,
      new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') }),
    ],
    ['a pool wait timeout', true, new Error('timeout exceeded when trying to connect')],
    ['a broken client reused', true, new Error('Client has encountered a connection error and is not queryable')],
    ['a unique violation', false, queryFailed(pgError('23505', 'duplicate key value violates unique constraint'))],
    ['a syntax error', false, queryFailed(pgError('42601', 'syntax error at or near "SELEC"'))],
    ['a database dropped under the running API', true, pgError('3D000', 'database "x" does not exist')],
    ['a plain bug', false, new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', false, 'Connection terminated'],
  ])('%s → unavailable: %s', (_, expected, error) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });

  it.each([
    ['a missing database', 'permanent', pgError('3D000', 'database "nope" does not exist')],
    ['a role that does not exist', 'permanent', pgError('28000', 'role "ghost" does not exist')],
    ['a wrong password', 'permanent', pgError('28P01', 'password authentication failed for user "root"')],
    ['a malformed URL', 'permanent', new URIError('URI malformed')],
    ['a refused connection', 'transient', socketError('ECONNREFUSED')],
    ['the server starting up', 'transient', pgError('57P03', 'the database system is starting up')],
    ['a connect timeout', 'transient', new Error('Connection terminated due to connection timeout')],
  ])('at start, %s is %s', (_, kind, error) => {
    expect(classifyStartError(error).kind).toBe(kind);
  });

  it('describes an error in one line with its code, without a stack', () => {
    expect(describeDatabaseError(pgError('3D000', 'database "nope" does not exist'))).toBe('database "nope" does not exist (3D000)');
    expect(describeDatabaseError(new AggregateError([socketError('ECONNREFUSED')]))).toBe('connect ECONNREFUSED 127.0.0.1:5432');
  });
});
