import type { Diagnostic, Repair } from '../../article.ts';
import type { NgramPrior } from '../prior.ts';

export interface RepairOptions {
  /** n-gram counts from the corpus being built (other documents), for choosing lost characters. */
  prior?: NgramPrior;
}

export interface RuleOutput {
  text: string;
  repairs: Repair[];
  diagnostics: Diagnostic[];
}

/** A repair rule: pure, idempotent, and every change it makes is in `repairs`. */
export type RepairRule = (text: string, options: RepairOptions) => RuleOutput;
