import { expectTypeOf } from 'vitest';
import { defineSandbox, EventRecorder, type SandboxParams } from '../src/index.js';
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

// Events are RecordedEvents unless `build` shapes them; a custom event type without `build` does not compile.
new EventRecorder().record('a', {}).created satisfies number;
new EventRecorder<{ kind: string }>({ build: (type) => ({ kind: type }) }).record('a', {}).kind satisfies string;
// @ts-expect-error a custom event type needs `build`
new EventRecorder<{ kind: string }>();
