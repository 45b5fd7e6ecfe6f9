import type { Diagnostic, Repair } from '../../article.ts';
import type { NgramPrior } from '../prior.ts';

export interface RepairOptions {
  /** n-gram counts from the corpus being built (other documents), for choosing lost characters. */
  prior?: NgramPrior;
  /**
   * Search steps the costly rules (the GBK realigner) may still take for this document, shared
   * and spent as they go: a pathological document is published with what was repaired and a
   * diagnostic, and the build goes on. Counted in steps, not milliseconds, so a document gets
   * the same record on any machine and under any load. Unset: no limit.
   */
  budget?: RepairBudget;
}

/** What is left of a document's repair budget (see `RepairOptions.budget`); may go below zero when spent. */
export interface RepairBudget {
  steps: number;
}

export interface RuleOutput {
  text: string;
  repairs: Repair[];
  diagnostics: Diagnostic[];
}

/** A repair rule: pure, idempotent, and every change it makes is in `repairs`. */
export type RepairRule = (text: string, options: RepairOptions) => RuleOutput;
