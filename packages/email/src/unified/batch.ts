import { isInputValidationError } from '@junction/core';
import { type BatchItemResult, type EmailMessage, type EmailMessageInput, parseMessage } from './message.js';

/** A batch checked message by message: those to send (with their place), and those refused already. */
export interface CheckedBatch {
  valid: { index: number; message: EmailMessage }[];
  refused: BatchItemResult<never>[];
}

/** Checks each message of a batch on its own, so one bad message is refused without stopping the others. */
export function checkBatch(messages: readonly EmailMessageInput[], where = 'email.sendBatch'): CheckedBatch {
  const batch: CheckedBatch = { valid: [], refused: [] };
  messages.forEach((input, index) => {
    try {
      batch.valid.push({ index, message: parseMessage(input, `${where}[${index}]`) });
    } catch (error) {
      if (!isInputValidationError(error)) throw error;
      const [first] = error.issues;
      batch.refused.push({
        index,
        status: 'refused',
        error: { message: error.message, code: 'invalid_message', ...(first ? { field: first.path.join('.') } : {}) },
        cause: error,
      });
    }
  });
  return batch;
}

/** The results of a batch in the order of its messages. */
export function inOrder<Raw>(results: readonly BatchItemResult<Raw>[]): BatchItemResult<Raw>[] {
  return [...results].sort((a, b) => a.index - b.index);
}
