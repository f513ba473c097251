/** A key-shaped planted credential (the shape a provider would echo back). */
export const CANARY_KEY = 'sk-cwcanary-PLANTED-7f3a9c1e5b2d4068';
/** A planted secret that is not key-shaped, so no redaction pattern can hide a copy of it. */
export const CANARY_TOKEN = 'cwcanary0planted0token0e4b7d29c8a61f53';
/** Every planted value; none may appear in any output. */
export const CANARIES: readonly string[] = [CANARY_KEY, CANARY_TOKEN];

/** The first planted value found in `text`, if any. */
export function findCanary(text: string): string | undefined {
  return CANARIES.find((canary) => text.includes(canary));
}

/** Fields holding planted secrets, added to objects of a body (names real servers use for secrets). */
function plantedFields(): Record<string, unknown> {
  return {
    api_key: CANARY_KEY,
    token: CANARY_TOKEN,
    admin_api_key: CANARY_KEY,
    nested: { credentials: { authorization: `Bearer ${CANARY_KEY}`, list: [CANARY_TOKEN] } },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of a JSON body with planted secrets in new, unknown fields of every object in it (the top level, every
 * listing entry, every nested object). Existing fields are left as they are, so the body still lists the same models.
 */
export function plantCanaries(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(plantCanaries);
  if (!isPlainObject(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) out[key] = plantCanaries(value);
  for (const [key, value] of Object.entries(plantedFields())) if (!(key in out)) out[key] = value;
  return out;
}

/** Synthetic listings of the common shapes, with planted secrets in unknown fields. */
export function plantedSyntheticListings(): readonly { readonly label: string; readonly body: unknown }[] {
  const entry = (id: string) => ({
    id,
    object: 'model',
    owned_by: 'conformance',
    created: 1_700_000_000,
    ...plantedFields(),
  });
  return [
    {
      label: 'OpenAI-style list',
      body: {
        object: 'list',
        data: [entry('conformance-model-a'), entry('org/conformance-model-b')],
        ...plantedFields(),
      },
    },
    { label: 'bare array', body: [entry('conformance-model-a')] },
    {
      label: 'models list (native runtime shape)',
      body: {
        models: [
          {
            name: 'conformance-model:latest',
            model: 'conformance-model:latest',
            details: { family: 'x', ...plantedFields() },
            ...plantedFields(),
          },
        ],
        ...plantedFields(),
      },
    },
    {
      label: 'secret as a sibling of data',
      body: {
        object: 'list',
        data: [entry('conformance-model-a')],
        server_args: { api_key: CANARY_KEY, admin_api_key: CANARY_TOKEN },
      },
    },
  ];
}

/** Objects and lists nested `depth` levels deep (a chain, as JSON.parse makes it), built without recursion. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = { junk: true };
  for (let level = 0; level < depth; level += 1) {
    const step = level % 3;
    value = step === 0 ? { data: value } : step === 1 ? [value, 'x', 7] : { models: value, id: level };
  }
  return value;
}

/** Bodies that do not fit any listing: a parser must return schema-valid records for them or throw `ListingParseError`. */
export function malformedListings(): readonly { readonly label: string; readonly body: unknown }[] {
  const many = Array.from({ length: 25_000 }, (_, index) => ({
    id: `conformance-model-${index}`,
    object: 'model',
    name: `conformance-model-${index}`,
  }));
  const deep = deeplyNested(1_000);
  return [
    { label: 'null', body: null },
    { label: 'undefined (a non-JSON body)', body: undefined },
    { label: 'a string', body: '<html>Bad Gateway</html>' },
    { label: 'a number', body: 42 },
    { label: 'a boolean', body: true },
    { label: 'an empty array', body: [] },
    { label: '{}', body: {} },
    { label: '{ data: {} }', body: { data: {} } },
    { label: '{ data: null }', body: { data: null } },
    { label: '{ data: "x" }', body: { data: 'x' } },
    { label: '{ models: {} }', body: { models: {} } },
    { label: "{ data: [1, 'x', null] }", body: { data: [1, 'x', null] } },
    { label: '{ data: [{ id: 5 }] }', body: { data: [{ id: 5 }] } },
    { label: "{ data: [{ id: '' }] }", body: { data: [{ id: '' }] } },
    { label: '{ data: [{}] }', body: { data: [{}] } },
    {
      label: 'an id of 600 characters',
      body: { data: [{ id: 'x'.repeat(600) }], models: [{ name: 'x'.repeat(600) }] },
    },
    {
      label: 'wrong-typed known fields',
      body: {
        data: [
          {
            id: 'conformance-model',
            created: 'yesterday',
            owned_by: 7,
            max_model_len: -1,
            context_length: 'big',
            pricing: { input: -1, output: 'NaN' },
            root: 5,
            parent: {},
          },
        ],
        models: [{ name: 'conformance-model', modified_at: 5, size: 'huge', capabilities: 'all' }],
      },
    },
    { label: 'a 25,000-entry array', body: many },
    { label: 'a 25,000-entry data list', body: { object: 'list', data: many } },
    { label: 'a 25,000-entry models list', body: { models: many } },
    { label: 'deeply nested junk', body: deep },
    {
      label: 'deeply nested junk inside an entry',
      body: { data: [{ id: 'conformance-model', junk: deep }], models: [{ name: 'conformance-model', junk: deep }] },
    },
    {
      label: 'a __proto__ key in an entry',
      body: JSON.parse(
        '{"data":[{"id":"conformance-model","__proto__":{"polluted":true}}],"models":[{"name":"conformance-model","__proto__":{"polluted":true}}]}',
      ) as unknown,
    },
  ];
}

/** A deep copy of a JSON-like value, frozen at every level (to prove a parser does not mutate its input). */
export function deepFrozenCopy<T>(value: T): T {
  const copy = structuredClone(value);
  const stack: unknown[] = [copy];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next !== 'object' || next === null || Object.isFrozen(next)) continue;
    Object.freeze(next);
    for (const child of Object.values(next)) stack.push(child);
  }
  return copy;
}
