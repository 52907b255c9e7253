import { defineOperation } from '@junction/core';
import { stripeList } from '../schemas/list.js';
import { Refund } from '../schemas/objects.generated.js';
import { CreateRefundParams, ListRefundsParams, RetrieveRefundParams } from '../schemas/params.generated.js';
import { listPages } from './paginate.js';

/** Refunds: https://stripe.com/docs/api/refunds */
export const refundOperations = {
  createRefund: defineOperation({
    method: 'POST',
    path: '/v1/refunds',
    input: CreateRefundParams,
    output: Refund,
    encoding: 'form',
    description: 'Refunds a payment, in full or (with `amount`) in part.',
  }),
  retrieveRefund: defineOperation({
    method: 'GET',
    path: '/v1/refunds/{id}',
    input: RetrieveRefundParams,
    output: Refund,
    description: 'Retrieves a refund.',
  }),
  listRefunds: defineOperation({
    method: 'GET',
    path: '/v1/refunds',
    input: ListRefundsParams,
    output: stripeList(Refund),
    paginate: listPages<Refund>(),
    description: 'Lists refunds, newest first; filter by `payment_intent` or `charge`.',
  }),
};
