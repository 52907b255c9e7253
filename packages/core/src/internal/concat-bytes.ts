/** The chunks of a body as one array of `size` bytes; a lone chunk of that size is returned as it is. */
export function concatBytes(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const only = chunks.length === 1 ? chunks[0] : undefined;
  if (only && only.byteLength === size) return only;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
