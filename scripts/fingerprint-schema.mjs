// Assembles the fingerprint's JSON Schema from its parts: the top level and the shared $defs
// (src/facets/fingerprint.base.schema.json), each registered facet's fragment
// (src/facets/<id>/schema.json, which becomes $defs/<id>; a fragment's own $defs join the
// root's), and the target kinds of the target registry. Pure: the caller reads the files.

/**
 * @param {object} base the parsed base schema
 * @param {{ id: string, required: boolean, fragment: object }[]} facets in fingerprint order
 * @param {readonly string[]} targetKinds
 */
export function assembleFingerprintSchema(base, facets, targetKinds) {
  const schema = structuredClone(base);
  schema.properties.target.properties.kind = { enum: [...targetKinds] };
  const properties = {};
  for (const { id, fragment } of facets) {
    const { $defs: own = {}, ...def } = fragment;
    for (const [name, value] of Object.entries(own)) {
      if (name in schema.$defs) throw new Error(`schema of facet ${id}: $defs/${name} is defined twice`);
      schema.$defs[name] = value;
    }
    if (id in schema.$defs) throw new Error(`schema of facet ${id}: $defs/${id} is defined twice`);
    schema.$defs[id] = def;
    properties[id] = { $ref: `#/$defs/${id}` };
  }
  schema.properties.facets = {
    type: 'object',
    additionalProperties: false,
    required: facets.filter((f) => f.required).map((f) => f.id),
    properties,
  };
  return schema;
}
