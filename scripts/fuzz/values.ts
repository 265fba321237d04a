import fc from 'fast-check';
import type { Schema } from './openapi-operations';

/** A generated value and the kind of input it stands for (reported in the summary). */
export interface Tried<T = unknown> {
  value: T;
  kind: string;
}

const HUGE_STRING = 'a'.repeat(100 * 1024);
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0001\u001f\u007f',
  '\r\n\r\nX-Injected: 1',
  '../../../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '%00',
  '%zz%E0%A4%A',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e400',
  '0x1F',
  ' 1 ',
  '\u202eevil',
  '\ud800',
  '🚀💥',
  'Ｂｔｃ',
];
const HOSTILE_NUMBERS = [
  -1,
  0,
  -0,
  0.5,
  -(2 ** 31),
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

const tried = <T>(arbitrary: fc.Arbitrary<T>, kind: string): fc.Arbitrary<Tried> =>
  arbitrary.map((value) => ({ value, kind }));

/** Values the schema allows: its example, enum members, numbers in range, short strings. */
export function validValue(schema: Schema): fc.Arbitrary<unknown> {
  const choices: fc.Arbitrary<unknown>[] = [];
  if (schema.example !== undefined) {
    choices.push(fc.constant(schema.example));
  }
  if (schema.enum) {
    choices.push(fc.constantFrom(...schema.enum));
  } else if (schema.type === 'integer' || schema.type === 'number') {
    const min = schema.minimum ?? -1000;
    const max = schema.maximum ?? Math.max(min, 0) + 1000;
    choices.push(fc.integer({ min, max }));
  } else if (schema.type === 'boolean') {
    choices.push(fc.boolean());
  } else if (schema.type === 'array') {
    const items = validValue(schema.items ?? { type: 'string' });
    choices.push(
      fc.array(items, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(5, schema.maxItems ?? 5),
      }),
    );
  } else if (schema.type === 'object' || schema.properties) {
    choices.push(validObject(schema));
  } else if (schema.format === 'date-time') {
    choices.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
  } else if (schema.pattern) {
    choices.push(fc.stringMatching(new RegExp(schema.pattern)));
  } else {
    const maxLength = Math.min(schema.maxLength ?? 30, 30);
    choices.push(fc.string({ minLength: Math.min(schema.minLength ?? 0, maxLength), maxLength }));
  }
  return fc.oneof(...choices);
}

function validObject(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  return fc.record(
    Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, validValue(v)])),
    { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) },
  );
}

/** Values at and just past the schema's limits. */
function boundaryValue(schema: Schema): fc.Arbitrary<unknown> {
  const edges: unknown[] = [];
  for (const limit of [schema.minimum, schema.maximum]) {
    if (limit !== undefined) {
      edges.push(limit - 1, limit, limit + 1);
    }
  }
  for (const length of [schema.minLength, schema.maxLength]) {
    if (length !== undefined) {
      edges.push('x'.repeat(Math.max(0, length - 1)), 'x'.repeat(length), 'x'.repeat(length + 1));
    }
  }
  if (schema.maxItems !== undefined) {
    edges.push(Array.from({ length: schema.maxItems + 1 }, () => 'BTC'));
  }
  if (schema.minItems !== undefined) {
    edges.push([]);
  }
  return edges.length > 0 ? fc.constantFrom(...edges) : fc.constantFrom(0, '', []);
}

/** Anything but what the schema asks for. */
export function hostileValue(depth = 0): fc.Arbitrary<Tried> {
  const scalars: fc.Arbitrary<Tried>[] = [
    tried(fc.constantFrom(...HOSTILE_STRINGS), 'hostile string'),
    tried(fc.constant(HUGE_STRING), '100 KB string'),
    tried(fc.string({ unit: 'grapheme', maxLength: 40 }), 'unicode'),
    tried(
      fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)) }),
      'control characters',
    ),
    tried(fc.constantFrom(...HOSTILE_NUMBERS), 'negative or huge number'),
    tried(fc.double(), 'any double'),
    tried(fc.boolean(), 'boolean'),
    tried(fc.constant(null), 'null'),
  ];
  if (depth > 1) {
    return fc.oneof(...scalars);
  }
  return fc.oneof(
    ...scalars,
    tried(fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), 'array for a scalar'),
    tried(
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
      'object for a scalar',
    ),
    tried(fc.integer({ min: 10, max: 3000 }).map(nested), 'deep nesting'),
  );
}

/** A value for a field: valid, at a boundary, or hostile. */
export function fieldValue(schema: Schema): fc.Arbitrary<Tried> {
  return fc.oneof(
    { weight: 3, arbitrary: tried(validValue(schema), 'valid') },
    { weight: 2, arbitrary: tried(boundaryValue(schema), 'boundary') },
    { weight: 3, arbitrary: hostileValue() },
  );
}

/** `[[[...]]]`, `depth` deep. */
export function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i += 1) {
    value = [value];
  }
  return value;
}
