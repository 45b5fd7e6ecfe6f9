/**
 * A tiny JSON Schema checker for the subset `src/site/articles.schema.json` uses: type (also
 * lists), properties, required, additionalProperties: false, items, enum, minItems/maxItems,
 * minLength, minimum/maximum, pattern, local `$ref`. Returns every error with its JSON path.
 */
type Schema = Record<string, any>;

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  const walk = (s: Schema, v: unknown, path: string): void => {
    if (s.$ref) {
      const target = (s.$ref as string).replace(/^#\//, '').split('/').reduce<any>((o, k) => o?.[k], root);
      if (!target) return void errors.push(`${path}: unknown $ref ${s.$ref}`);
      return walk(target, v, path);
    }
    if (s.type) {
      const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
      const t = typeOf(v);
      if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return void errors.push(`${path}: expected ${types.join('|')}, got ${t}`);
    }
    if (s.enum && !s.enum.includes(v)) errors.push(`${path}: ${JSON.stringify(v)} not in ${JSON.stringify(s.enum)}`);
    if (typeof v === 'string') {
      if (s.minLength !== undefined && v.length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
      if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) errors.push(`${path}: does not match ${s.pattern}`);
    }
    if (typeof v === 'number') {
      if (s.minimum !== undefined && v < s.minimum) errors.push(`${path}: below ${s.minimum}`);
      if (s.maximum !== undefined && v > s.maximum) errors.push(`${path}: above ${s.maximum}`);
    }
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
      if (s.maxItems !== undefined && v.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
      if (s.items) v.forEach((x, i) => walk(s.items, x, `${path}[${i}]`));
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      for (const k of s.required ?? []) if (!(k in o)) errors.push(`${path}: missing ${k}`);
      for (const [k, x] of Object.entries(o)) {
        if (s.properties?.[k]) walk(s.properties[k], x, `${path}.${k}`);
        else if (s.additionalProperties === false) errors.push(`${path}: unexpected property ${k}`);
      }
    }
  };
  walk(root, value, '$');
  return errors;
}
