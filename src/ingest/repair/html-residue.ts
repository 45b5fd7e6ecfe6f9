import type { RepairOptions, RuleOutput } from './rule.ts';

// PLACEHOLDER: being written; returns the text unchanged.
export function stripHtmlResidue(text: string, _options: RepairOptions = {}): RuleOutput {
  return { text, repairs: [], diagnostics: [] };
}
