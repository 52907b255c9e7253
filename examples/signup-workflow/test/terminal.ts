import xterm from '@xterm/headless';

/**
 * What a terminal of this size shows after `output`: the screen and its
 * scrollback, as text lines, every cursor move and erase applied (listr2
 * redraws its tasks in place, so the raw bytes hold every frame).
 */
export async function finalScreen(output: string, cols: number, rows: number): Promise<string[]> {
  const terminal = new xterm.Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true });
  await new Promise<void>((resolve) => terminal.write(output, resolve));
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
  terminal.dispose();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}
