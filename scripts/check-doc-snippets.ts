// Type-checks every ```ts block of the docs against the packages' current API.
//
//   tsx scripts/check-doc-snippets.ts [--docs <dir>] [--out <dir>]
//
// Each block becomes one module in .snippets/ (gitignored), compiled in one
// TypeScript program with tsconfig.base.json's options (strict), so
// `@junction/core` and friends resolve through node_modules and their exports,
// as a user's import would, with the "@junction/source" condition: against the
// packages' sources, no build needed. Errors point at the Markdown line:
//
//   docs/payments/stripe.md:42:7: Property 'charge' does not exist on type ...
//
// The line before a block may hold a marker (see docs/README.md, "Code snippets"):
//   <!-- snippet: continues -->      compile after the previous block of the page
//   <!-- snippet: skip <reason> -->  do not compile (a reason is required)
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : fallback;
};
const docsDir = option('--docs', join(root, 'docs'));
const outDir = option('--out', join(root, '.snippets'));
// Generated or not ours: API reference pages, the site's config, dependencies.
const skipDirs = new Set(['api', 'node_modules']);
// Modules the pages import with a relative path: `./notes-connector.js` is the
// runnable example the pages point to, `./tasks-connector.js` the connector
// "Writing a connector" builds (its block that exports `tasks`).
const localModules: Record<string, { file: string } | { page: string; exports: string }> = {
  'notes-connector.ts': { file: 'examples/custom-connector/src/notes-connector.ts' },
  'tasks-connector.ts': { page: 'writing-a-connector.md', exports: 'tasks' },
};

type Block = {
  page: string;
  line: number;
  indent: number;
  code: string[];
  marker?: { kind: 'continues' } | { kind: 'skip'; reason: string };
};
/** One generated file: its text and, per generated line, the page line it came from. */
type Unit = { file: string; block: Block; lines: string[]; origin: { page: string; line: number; indent: number }[]; imports: Set<string> };

const display = (page: string) => {
  const rel = relative(process.cwd(), page);
  return rel.startsWith('..') ? page : rel;
};

function pages(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name.startsWith('.') || skipDirs.has(name) ? [] : pages(path);
      return name.endsWith('.md') ? [path] : [];
    });
}

/** Problems found, with where to sort them by: page, then line, then column. */
const problems: { at: [string, number, number]; text: string }[] = [];
const problem = (text: string, page = '', line = 0, column = 0) => problems.push({ at: [page, line, column], text });

function extract(page: string): Block[] {
  const lines = readFileSync(page, 'utf8').split(/\r?\n/);
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent = '', fence = '```', lang = ''] = open;
    const start = i;
    const code: string[] = [];
    for (i++; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') break;
      code.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    if (lang !== 'ts' && lang !== 'typescript') continue;
    const block: Block = { page, line: start + 2, indent: indent.length, code };
    let before = start - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const marker = /^\s*<!--\s*snippet:\s*(\S+)\s*(.*?)\s*-->\s*$/.exec(lines[before] ?? '');
    if (marker) {
      const [, kind, reason = ''] = marker;
      if (kind === 'continues') block.marker = { kind };
      else if (kind === 'skip' && reason) block.marker = { kind, reason };
      else
        problem(
          `${display(page)}:${before + 1}: unknown snippet marker "${lines[before]!.trim()}" (use "continues" or "skip <reason>")`,
          page,
          before + 1,
        );
    }
    blocks.push(block);
  }
  return blocks;
}

/**
 * A block that continues another may import again what the earlier one
 * imported, so it reads well alone: those repeated bindings are dropped (the
 * line count kept), and `imports` gains the new ones.
 */
function dropRepeatedImports(code: string[], imports: Set<string>): string[] {
  const source = ts.createSourceFile('block.ts', code.join('\n'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  let text = source.text;
  for (const statement of [...source.statements].reverse()) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    const fresh = (imported: string, local: string) => {
      const key = `${from}\0${imported}\0${local}`;
      if (imports.has(key)) return false;
      imports.add(key);
      return true;
    };
    const defaultName = clause.name && fresh('default', clause.name.text) ? clause.name.text : undefined;
    const bindings = clause.namedBindings;
    let rest: string | undefined;
    let repeated = Boolean(clause.name && !defaultName);
    if (bindings && ts.isNamespaceImport(bindings)) {
      if (fresh('*', bindings.name.text)) rest = bindings.getText(source);
      else repeated = true;
    } else if (bindings) {
      const kept = bindings.elements.filter((e) => fresh((e.propertyName ?? e.name).text, e.name.text));
      if (kept.length < bindings.elements.length) repeated = true;
      if (kept.length) rest = `{ ${kept.map((e) => e.getText(source)).join(', ')} }`;
    }
    if (!repeated) continue;
    const start = statement.getStart(source);
    const original = text.slice(start, statement.end);
    const names = [defaultName, rest].filter(Boolean).join(', ');
    const kept = names ? `import ${clause.isTypeOnly ? 'type ' : ''}${names} from '${from}';` : '';
    text = text.slice(0, start) + kept + '\n'.repeat(original.split('\n').length - 1) + text.slice(statement.end);
  }
  return text.split('\n');
}

const units: Unit[] = [];
let skipped = 0;
let total = 0;
for (const page of pages(docsDir)) {
  let previous: Unit | undefined;
  for (const block of extract(page)) {
    total++;
    if (block.marker?.kind === 'skip') {
      skipped++; // and left out of any chain: a block after it continues the one before it
      continue;
    }
    const lines: string[] = [];
    const origin: Unit['origin'] = [];
    let imports = new Set<string>();
    if (block.marker?.kind === 'continues') {
      if (!previous) {
        problem(
          `${display(page)}:${block.line - 1}: "snippet: continues" needs a compiled ts block before it on the page`,
          page,
          block.line - 1,
        );
      } else {
        lines.push(...previous.lines);
        origin.push(...previous.origin);
        imports = new Set(previous.imports);
      }
    }
    dropRepeatedImports(block.code, imports).forEach((text, i) => {
      lines.push(text);
      origin.push({ page, line: block.line + i, indent: block.indent });
    });
    const name = relative(docsDir, page).replace(/\.md$/, '').replace(/[\\/]/g, '__');
    const unit: Unit = { file: join(outDir, `${name}.L${block.line}.ts`), block, lines, origin, imports };
    units.push(unit);
    previous = unit;
  }
}

// The generated folder: one module per block, a tsconfig, and node_modules
// links for every package the snippets import, so they resolve the way a
// user's install would: workspace packages through their package.json exports,
// others from whichever workspace package depends on them (with their @types).
rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(outDir, 'node_modules'), { recursive: true });
for (const unit of units) writeFileSync(unit.file, `${unit.lines.join('\n')}\n`);
/** Generated files that are copies of a block's unit, so their errors map back to the page too. */
const copies = new Map<string, Unit>();
for (const [name, source] of Object.entries(localModules)) {
  if ('file' in source) {
    symlinkSync(relative(outDir, join(root, source.file)), join(outDir, name));
    continue;
  }
  const page = join(docsDir, source.page);
  const exported = new RegExp(`^export (const|function|class) ${source.exports}\\b`);
  const unit = units.find((u) => u.block.page === page && u.block.code.some((line) => exported.test(line)));
  if (!unit) {
    problem(
      `${display(page)}: no ts block exports \`${source.exports}\`, which other pages import from ./${name.replace(/ts$/, 'js')}`,
      page,
    );
    continue;
  }
  writeFileSync(join(outDir, name), `${unit.lines.join('\n')}\n`);
  copies.set(resolve(outDir, name), unit);
}
writeFileSync(
  join(outDir, 'tsconfig.json'),
  `${JSON.stringify(
    {
      extends: relative(outDir, join(root, 'tsconfig.base.json')),
      compilerOptions: { noEmit: true, moduleDetection: 'force', declaration: false, sourceMap: false },
      include: ['*.ts'],
    },
    null,
    2,
  )}\n`,
);

const workspaceDirs = ['packages', 'examples'].flatMap((d) =>
  readdirSync(join(root, d))
    .map((name) => join(root, d, name))
    .filter((p) => existsSync(join(p, 'package.json'))),
);
const workspace = new Map(
  workspaceDirs.map((dir) => [JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name as string, dir] as const),
);
const searchDirs = [...workspaceDirs, join(root, 'bench')].map((dir) => join(dir, 'node_modules'));
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const imported = new Set<string>();
for (const unit of units) {
  for (const text of unit.block.code) {
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"./][^'"]*)['"]/g)) {
      if (!m[1]!.startsWith('node:')) imported.add(packageName(m[1]!));
    }
  }
}
const link = (name: string, target: string) => {
  const path = join(outDir, 'node_modules', name);
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(relative(dirname(path), target), path, 'dir');
};
for (const name of imported) {
  const local = workspace.get(name);
  if (local) {
    link(name, local);
    continue;
  }
  if (existsSync(join(root, 'node_modules', name))) continue; // found from the root already
  const home = searchDirs.find((dir) => existsSync(join(dir, name)));
  if (!home) continue; // tsc reports it as "Cannot find module", with the page and line
  link(name, join(home, name));
  const types = `@types/${name.replace(/^@/, '').replace('/', '__')}`;
  if (existsSync(join(home, types))) link(types, join(home, types));
}

const started = performance.now();
const config = ts.getParsedCommandLineOfConfigFile(
  join(outDir, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => problem(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  },
);
if (config) {
  const program = ts.createProgram({ rootNames: units.map((u) => u.file), options: config.options });
  const byFile = new Map([...units.map((u) => [resolve(u.file), u] as const), ...copies]);
  const seen = new Set<string>();
  // Only the snippets' own diagnostics: the packages' sources are checked by their own tsc runs,
  // and checking just what the snippets use is much faster than every body of every source file.
  const snippetFiles = program.getSourceFiles().filter((sf) => byFile.has(resolve(sf.fileName)));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...snippetFiles.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
  ];
  for (const d of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    const unit = d.file && byFile.get(resolve(d.file.fileName));
    if (!d.file || d.start === undefined) {
      problem(`error TS${d.code}: ${message}`);
    } else if (!unit) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      problem(
        `${display(d.file.fileName)}:${line + 1}:${character + 1}: error TS${d.code}: ${message}`,
        d.file.fileName,
        line + 1,
        character + 1,
      );
    } else {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      const at = unit.origin[line] ?? unit.origin.at(-1)!;
      const column = character + 1 + at.indent;
      const text = `${display(at.page)}:${at.line}:${column}: error TS${d.code}: ${message}`;
      // A block compiled again under a "continues" block repeats its own errors: report them once.
      if (!seen.has(text)) problem(text, at.page, at.line, column);
      seen.add(text);
    }
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);

problems.sort((a, b) => a.at[0].localeCompare(b.at[0]) || a.at[1] - b.at[1] || a.at[2] - b.at[2]);
for (const { text } of problems) console.error(text);
const summary = `${units.length} of ${total} doc snippets type-checked (${skipped} skipped) in ${seconds} s`;
if (problems.length) {
  console.error(`\n${problems.length} problem(s) in doc snippets; ${summary}. Generated files: ${display(outDir)}`);
  process.exit(1);
}
console.log(summary);
