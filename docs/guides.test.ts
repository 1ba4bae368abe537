/**
 * Keeps the guides true to the code: the quick start of docs/getting-started.md is the README's, its
 * ten-line flow is the code that examples/testing/ten-lines.test.ts runs, and every relative link of
 * the README and the guides points at a file or folder that exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const GUIDES = ['README.md', 'docs/getting-started.md', 'docs/embedding.md', 'docs/testing.md', 'docs/architecture.md', 'docs/aws.md'];

/** The fenced blocks of a markdown text, with their info string. */
function codeBlocks(markdown: string): { lang: string; body: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1] ?? '', body: m[2] ?? '' }));
}

describe('the guides', () => {
  it("getting-started.md has the README's quick-start commands, exactly", () => {
    const quickStart = (markdown: string): string | undefined => codeBlocks(markdown).find((b) => b.lang === 'sh' && b.body.includes('pnpm@'))?.body;
    expect(quickStart(read('README.md'))).toBeDefined();
    expect(quickStart(read('docs/getting-started.md'))).toBe(quickStart(read('README.md')));
  });

  it('getting-started.md shows the ten-line flow that examples/testing/ten-lines.test.ts runs', () => {
    const source = read('examples/testing/ten-lines.test.ts');
    const start = source.indexOf('// ten-lines:start\n');
    const end = source.indexOf('// ten-lines:end');
    expect(start).toBeGreaterThan(-1);
    const ran = source.slice(start + '// ten-lines:start\n'.length, end);
    const shown = codeBlocks(read('docs/getting-started.md')).find((b) => b.lang === 'ts')?.body;
    expect(shown).toBe(ran);
    const statements = ran.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('import '));
    expect(statements.length).toBeLessThanOrEqual(10);
  });

  it.each(GUIDES)('%s links only to files that exist', (guide) => {
    const links = [...read(guide).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
    const relative = links.filter((link) => !/^[a-z]+:/.test(link) && !link.startsWith('#'));
    const missing = relative.filter((link) => !existsSync(join(ROOT, dirname(guide), link.split('#')[0] ?? '')));
    expect(missing).toEqual([]);
  });
});
