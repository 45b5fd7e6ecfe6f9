import type { Diagnostic, Repair } from '../../article.ts';
import type { NgramPrior } from '../prior.ts';

export interface RepairOptions {
  /** n-gram counts from the corpus being built (other documents), for choosing lost characters. */
  prior?: NgramPrior;
  /**
   * `performance.now()` after which the costly rules stop looking (the GBK realigner): a
   * pathological document is published with what was repaired and a diagnostic, and the build
   * goes on. Unset: no limit.
   */
  deadline?: number;
}

export interface RuleOutput {
  text: string;
  repairs: Repair[];
  diagnostics: Diagnostic[];
}

/** A repair rule: pure, idempotent, and every change it makes is in `repairs`. */
export type RepairRule = (text: string, options: RepairOptions) => RuleOutput;
