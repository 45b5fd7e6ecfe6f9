import { createRequire } from 'node:module';
import type * as PinyinPro from 'pinyin-pro';

let lib: typeof PinyinPro | undefined;

/**
 * pinyin-pro, loaded on first use (its CommonJS build, so synchronously): loading it takes about
 * 80 ms, and a rebuild whose readings come from the kept tables (src/ingest/repair/pinyin.ts)
 * and that sorts no new name (src/site/people-index.ts) never asks it anything.
 */
export function pinyinPro(): typeof PinyinPro {
  lib ??= createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro;
  return lib;
}

/** True once this module has loaded pinyin-pro (tests check that kept tables spare it). */
export function pinyinProLoaded(): boolean {
  return lib !== undefined;
}
