// The documentation site: the guides in docs/*.md as they are on GitHub, and the API reference that
// typedoc writes into docs/api/ (see docs/typedoc.config.mjs). `pnpm run docs` at the root builds both.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DefaultTheme, defineConfig } from 'vitepress';

const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(docsDir, '..');

// Where links that leave docs/ (../examples/..., ../bench/RESULTS.md) point: the repository's files on the
// web when we know where they are (DOCS_SOURCE_URL, or the root package.json's "repository"), else the
// same relative path as on GitHub. Either way they are external links, never pages of this site.
const sourceUrl = process.env.DOCS_SOURCE_URL ?? repositoryUrl();

function repositoryUrl(): string | undefined {
  const pkg = JSON.parse(readFileSync(resolve(repoDir, 'package.json'), 'utf8'));
  const url: string | undefined = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!url) return undefined;
  return `${url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/HEAD/`;
}

/** The sidebar follows docs/README.md: each "Group:" line, then its "- [Title](page.md): ..." items. */
function sidebarFromReadme(apiModules: DefaultTheme.SidebarItem[]): DefaultTheme.SidebarItem[] {
  const groups: DefaultTheme.SidebarItem[] = [];
  let group: DefaultTheme.SidebarItem | undefined;
  for (const line of readFileSync(resolve(docsDir, 'README.md'), 'utf8').split('\n')) {
    const heading = /^(\S.*):$/.exec(line);
    if (heading) {
      group = { text: inlineCode(heading[1]!), items: [] };
      groups.push(group);
      continue;
    }
    const item = /^- \[(.+?)\]\((.+?)\)/.exec(line);
    if (!item || !group) continue;
    const link = `/${item[2]!.replace(/\.md$/, '').replace(/(^|\/)index$/, '$1')}`;
    const entry: DefaultTheme.SidebarItem = { text: inlineCode(item[1]!), link };
    if (link === '/api/') Object.assign(entry, { items: apiModules, collapsed: false });
    group.items!.push(entry);
  }
  return groups;
}

function inlineCode(text: string): string {
  return text.replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** One entry per module (package entry point) of the API reference; each module's page lists its members. */
function apiModules(): DefaultTheme.SidebarItem[] {
  const file = resolve(docsDir, 'api/typedoc-sidebar.json');
  if (!existsSync(file)) return [];
  const modules: { text: string; link: string }[] = JSON.parse(readFileSync(file, 'utf8'));
  return modules.map(({ text, link }) => ({ text, link }));
}

const modules = apiModules();

export default defineConfig({
  title: 'Junction',
  description: 'A TypeScript SDK for reliable API integrations.',
  srcDir: '.',
  srcExclude: ['**/node_modules/**'],
  // docs/README.md stays the index GitHub shows for docs/, and is the site's home page.
  rewrites: { 'README.md': 'index.md' },
  // Each page's HTML would otherwise inline the whole site's page map and config.
  metaChunk: true,
  vite: {
    plugins: [failOnWarnings()],
    // The local search index of the guides is one chunk of about 700 kB (150 kB gzipped), fetched only
    // when the search box opens; larger than Rollup's 500 kB hint, still flagged past 1 MB.
    build: { chunkSizeWarningLimit: 1024 },
  },
  markdown: {
    config(md) {
      md.core.ruler.push('junction-links', (state) => {
        const page: string | undefined = state.env.realPath ?? state.env.path;
        if (!page) return;
        for (const block of state.tokens) {
          for (const token of block.children ?? []) {
            if (token.type === 'link_open') retarget(token, page);
          }
        }
      });
    },
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/getting-started' },
      { text: 'API reference', link: '/api/' },
    ],
    sidebar: sidebarFromReadme(modules),
    outline: { level: [2, 3] },
    search: {
      provider: 'local',
      options: {
        // The guides are indexed in full; the API reference by the names of its pages and members (its h1
        // and h3 headings), which is what one looks up there: its full text would make the index 2 MB.
        _render(src, env, md) {
          if (!env.relativePath.startsWith('api/')) return md.render(src, env);
          return md.render(
            src
              .split('\n')
              .filter((line) => /^(#|###) /.test(line))
              .join('\n\n'),
            env,
          );
        },
      },
    },
  },
});

interface LinkToken {
  attrGet(name: string): string | null;
  attrSet(name: string, value: string): void;
}

// A relative link to docs/README.md goes to the home page (index.md after the rewrite above); one that
// leaves docs/ goes to the file in the repository, as an external link that VitePress does not resolve.
function retarget(token: LinkToken, page: string): void {
  const href = token.attrGet('href');
  if (!href || /^[a-z][a-z0-9+.-]*:|^[#/]/i.test(href)) return;
  const [path = '', hash = ''] = href.split(/(?=#)/);
  const target = resolve(dirname(page), decodeURI(path));
  const inDocs = relative(docsDir, target);
  if (inDocs === 'README.md') {
    token.attrSet('href', posix.relative(posix.dirname(relative(docsDir, page)), 'index.md') + hash);
  } else if (inDocs.startsWith('..')) {
    token.attrSet('href', sourceUrl ? sourceUrl + relative(repoDir, target) + hash : href);
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noreferrer');
  }
}

interface Logger {
  warn(message: string, options?: object): void;
  warnOnce(message: string, options?: object): void;
}

// The site builds without warnings (CI runs `pnpm run docs`): a warning from VitePress or Vite (its logger is
// VitePress's) fails the build once it has finished, so that every warning shows at once.
function failOnWarnings() {
  const wrapped = new WeakSet<Logger>();
  return {
    name: 'junction-fail-on-warnings',
    configResolved({ logger }: { logger: Logger }) {
      if (wrapped.has(logger)) return;
      wrapped.add(logger);
      for (const level of ['warn', 'warnOnce'] as const) {
        const log = logger[level].bind(logger);
        logger[level] = (message, options) => {
          if (!process.exitCode) process.once('exit', () => console.error('The docs site built with warnings (above): failing.'));
          process.exitCode = 1;
          log(message, options);
        };
      }
    },
  };
}
