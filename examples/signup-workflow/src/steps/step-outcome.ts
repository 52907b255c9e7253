/** What one step did: whether it created anything, and a line saying what. */
export interface StepOutcome {
  /** False when everything the step would make already existed: nothing new in any provider. */
  created: boolean;
  detail: string;
}

/** The line for a step that found its work already done. */
export function alreadyDone(what: string): StepOutcome {
  return { created: false, detail: `already done: ${what}, nothing created` };
}
