import { resolve } from 'node:path';
import { DatabaseUrlError, providerOf, redactUrl, sqliteFileOf } from './database-url';

describe('database URL', () => {
  it('tells SQLite from PostgreSQL', () => {
    expect(providerOf('file:./data/x.db')).toBe('sqlite');
    expect(providerOf('postgresql://u:p@127.0.0.1:5432/db')).toBe('postgresql');
    expect(providerOf('postgres://u@localhost/db')).toBe('postgresql');
  });

  it('refuses anything else with a message that names the accepted forms and hides the password', () => {
    expect(() => providerOf('mysql://u:hunter2@h/db')).toThrow(DatabaseUrlError);
    expect(() => providerOf('mysql://u:hunter2@h/db')).toThrow(/file:.*postgresql:\/\//);
    expect(() => providerOf('mysql://u:hunter2@h/db')).not.toThrow(/hunter2/);
  });

  it('resolves the SQLite file in every spelling, ignoring query parameters', () => {
    expect(sqliteFileOf('file:/tmp/a.db?connection_limit=1')).toBe('/tmp/a.db');
    expect(sqliteFileOf('file:///tmp/a.db')).toBe('/tmp/a.db');
    expect(sqliteFileOf('file:data/a.db')).toBe(resolve('data/a.db'));
    expect(() => sqliteFileOf('file:')).toThrow(DatabaseUrlError);
  });

  it('redacts passwords', () => {
    expect(redactUrl('postgresql://app:s3cret@db:5432/x')).toBe('postgresql://app:***@db:5432/x');
  });
});
