// Names each module of the API reference after the import specifier of its entry point
// ("@junction/core/telemetry") instead of its path in the repository ("core/src/telemetry").
import { Converter, ReflectionKind } from 'typedoc';
import { entryPoints } from './entry-points.mjs';

/** @param {import('typedoc').Application} app */
export function load(app) {
  const names = new Map(entryPoints().map((e) => [e.file, e.name]));
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName;
    const name = file && names.get(file);
    if (name) reflection.name = name;
  });
}
