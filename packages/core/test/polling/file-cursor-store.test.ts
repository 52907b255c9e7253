import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConfigurationError } from '../../src/errors/index.js';
import { createFileCursorStore, createMemoryCursorStore } from '../../src/polling/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'junction-cursor-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createFileCursorStore', () => {
  it('keeps checkpoints by key in one JSON file that a new store reads back', async () => {
    const path = join(dir, 'nested', 'cursors.json');
    const store = createFileCursorStore(path);
    expect(await store.get('poll:a')).toBeUndefined();
    await store.set('poll:a', { cursor: 'evt_5', handled: [] });
    await store.set('poll:b', { cursor: '1700000000', handled: ['x'] });
    const reopened = createFileCursorStore(path);
    expect(await reopened.get('poll:a')).toEqual({ cursor: 'evt_5', handled: [] });
    expect(await reopened.get('poll:b')).toEqual({ cursor: '1700000000', handled: ['x'] });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      'poll:a': { cursor: 'evt_5', handled: [] },
      'poll:b': { cursor: '1700000000', handled: ['x'] },
    });
  });

  it('writes through a temporary file and rename, leaving no temporary files and never a torn file', async () => {
    const path = join(dir, 'cursors.json');
    const store = createFileCursorStore(path);
    const reader = createFileCursorStore(path);
    const reads: unknown[] = [];
    // Many concurrent writes while another store reads: every read sees a whole, valid file.
    await Promise.all([
      ...Array.from({ length: 50 }, (_, i) =>
        store.set('k', { cursor: String(i), handled: Array.from({ length: 50 }, (_, j) => `id_${i}_${j}`) }),
      ),
      ...Array.from({ length: 50 }, () => reader.get('k').then((v) => reads.push(v))),
    ]);
    expect(await readdir(dir)).toEqual(['cursors.json']);
    expect((await store.get('k'))?.cursor).toBe('49');
    for (const read of reads) {
      if (read !== undefined) expect(read).toMatchObject({ cursor: expect.any(String), handled: expect.any(Array) });
    }
  });

  it('refuses a file that does not hold checkpoints rather than starting over', async () => {
    const path = join(dir, 'cursors.json');
    await writeFile(path, '{ not json');
    const store = createFileCursorStore(path);
    const error = await store.get('k').catch((e: unknown) => e);
    expect(isConfigurationError(error)).toBe(true);
    await expect(store.set('k', { cursor: 'x' })).rejects.toThrow(/left as is/);
    expect(await readFile(path, 'utf8')).toBe('{ not json');
  });
});

describe('createMemoryCursorStore', () => {
  it('returns copies, so changing a checkpoint read does not change the stored one', async () => {
    const store = createMemoryCursorStore();
    await store.set('k', { cursor: 'a', handled: ['1'] });
    const read = await store.get('k');
    read?.handled?.push('2');
    expect(await store.get('k')).toEqual({ cursor: 'a', handled: ['1'] });
  });
});
