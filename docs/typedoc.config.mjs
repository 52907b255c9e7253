// The API reference: typedoc reads the packages' TypeScript sources (one module per public entry point
// in their package.json "exports") and typedoc-plugin-markdown writes Markdown into api/ for VitePress.
// Generated, not committed: `pnpm run docs` at the root runs this before `vitepress build`.
import { entryPoints } from './typedoc/entry-points.mjs';

/** @type {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions>} */
export default {
  entryPoints: entryPoints().map((e) => e.file),
  tsconfig: './tsconfig.typedoc.json',
  plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme', './typedoc/name-modules.mjs'],
  name: 'API reference',
  out: './api',
  docsRoot: '.',
  readme: 'none',
  entryFileName: 'index',
  // A page per class and interface; functions, types and constants on their module's page. A page per
  // member (~1,400) would take vitepress twice as long to build, a page per module makes pages of 600 kB.
  outputFileStrategy: 'members',
  membersWithOwnFile: ['Class', 'Interface', 'Enum'],
  indexFormat: 'table',
  interfacePropertiesFormat: 'table',
  classPropertiesFormat: 'table',
  typeDeclarationFormat: 'table',
  parametersFormat: 'table',
  sort: ['kind', 'instance-first', 'alphabetical-ignoring-documents'],
  // Inherited members of Node's own types (ExpressLikeRequest extends IncomingMessage) are Node's API, not
  // Junction's: the pages name the base type and document what Junction adds.
  excludeExternals: true,
  excludePrivate: true,
  disableSources: true,
  hidePageHeader: true,
  // CI type-checks the sources already (`pnpm typecheck`); typedoc only needs their types.
  skipErrorChecking: true,
  treatWarningsAsErrors: true,
  sidebar: { autoConfiguration: true, format: 'vitepress', pretty: false, collapsed: true },
};
