/**
 * JSON for an inline `<script type="application/ld+json">`: `JSON.stringify` leaves `</script>`,
 * `<!--` and the JavaScript line terminators U+2028/U+2029 as they are, so article text could
 * end the script element. Escaping them as `\uXXXX` keeps the JSON value identical.
 */
export function toInlineJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
