import { expectTypeOf } from 'vitest';
import { defineSandbox, type SandboxParams } from '../src/index.js';
import { shop } from './support/shop-connector.js';

type Ops = typeof shop.operations;

// Params are the output of the input schema: defaults applied, so `limit` is a number, not optional.
expectTypeOf<SandboxParams<Ops['listItems']>>().toEqualTypeOf<{ limit: number; starting_after?: string | undefined }>();
// An operation without input takes no params.
expectTypeOf<SandboxParams<Ops['ping']>>().toEqualTypeOf<Record<string, never>>();

defineSandbox(shop, {
  getItem: ({ params }) => {
    expectTypeOf(params.id).toEqualTypeOf<string>();
    // @ts-expect-error getItem declares no `name`
    return params.name;
  },
  updateItem: ({ params }) => {
    expectTypeOf(params.price).toEqualTypeOf<number | undefined>();
    expectTypeOf(params.metadata).toEqualTypeOf<Record<string, string> | undefined>();
    return params.id;
  },
});

defineSandbox(shop, {
  // @ts-expect-error the connector has no operation `deleteItem`
  deleteItem: () => ({}),
});
