// drizzle-orm's `is()`, patched (patches/, ADR 0025) to keep its answer per prototype: the patch is applied to both
// builds, and it answers as the unpatched function for the values query building hands it, asked many times.
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { Column, type DrizzleEntityClass, entityKind, is, SQL, sql, Table } from 'drizzle-orm';
import { alias, SQLiteColumn, SQLiteTable, SQLiteText } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';

import * as s from '~db/schema';

const require = createRequire(import.meta.url);

/** drizzle-orm 0.44.7's own `is()`, the reference */
function original(value: unknown, type: DrizzleEntityClass<unknown>): boolean {
  if (!value || typeof value !== 'object') return false;
  if (value instanceof type) return true;
  if (!Object.prototype.hasOwnProperty.call(type, entityKind)) throw new Error('not a drizzle entity');
  let cls: unknown = Object.getPrototypeOf(value).constructor;
  while (typeof cls === 'function') {
    if (entityKind in cls && Reflect.get(cls, entityKind) === type[entityKind]) return true;
    cls = Object.getPrototypeOf(cls);
  }
  return false;
}

describe("drizzle-orm's patched is()", () => {
  it('is the patched file, in the ES module and the CommonJS build', () => {
    const esm = fs.readFileSync(require.resolve('drizzle-orm/entity').replace(/\.cjs$/, '.js'), 'utf8');
    const cjs = fs.readFileSync(require.resolve('drizzle-orm/entity').replace(/\.js$/, '.cjs'), 'utf8');
    expect(esm).toContain('function isUncached(');
    expect(cjs).toContain('function isUncached(');
  });

  it('answers as the unpatched function, call after call, whatever was asked before', () => {
    const aliased = alias(s.pakn, 'p2');
    const values: unknown[] = [
      s.pakn,
      aliased,
      s.pakn.id,
      s.pakn.title,
      aliased.code,
      s.units.name,
      sql`1`,
      sql.raw('x'),
      new SQL([]),
      { a: 1 },
      [],
      'text',
      1,
      null,
      undefined,
    ];
    const types = [Table, SQLiteTable, Column, SQLiteColumn, SQLiteText, SQL];
    for (let round = 0; round < 3; round++) {
      for (const value of values)
        for (const type of types)
          expect(is(value, type), `${String(value)} ${type.name}`).toBe(original(value, type));
    }
    expect(is(s.pakn.title, SQLiteText)).toBe(true);
    expect(is(aliased, Table)).toBe(true);
    expect(is(s.pakn.id, SQLiteText)).toBe(false);
  });

  it('still refuses a class that is not a drizzle entity', () => {
    // typed as an entity, without the static entity kind drizzle's classes carry
    class NotDrizzle {
      declare static readonly [entityKind]: string;
    }
    expect(() => is({}, NotDrizzle)).toThrow(/doesn't look like a Drizzle entity/);
    expect(() => is({}, NotDrizzle)).toThrow(/doesn't look like a Drizzle entity/);
  });
});
