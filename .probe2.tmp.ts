import { readFileSync } from 'node:fs';
const b = readFileSync('tests/fixtures/hostile/utf16le-no-bom.txt');
let e = 0, o = 0; for (let i = 0; i < b.length; i++) if (b[i] === 0) (i % 2 ? o++ : e++);
console.log(b.length, e, o);
const t = new TextDecoder('utf-16le').decode(b);
const bad = [...t].filter((c) => !/[\p{Script=Han}\x20-\x7e\s\u3000-\u303f\uff00-\uffef“”‘’—…]/u.test(c));
console.log(bad, bad.length / t.length);
for (const f of ['crlf.txt','cr-only.txt']) { }
