/** A file in a multipart body: its bytes and the name the server sees. */
export interface FilePart {
  data: Blob | Uint8Array | ArrayBuffer;
  filename: string;
  /** The part's content type; default: the Blob's own, else `application/octet-stream`. */
  contentType?: string;
}

/** Makes a {@link FilePart}: `file(pdfBytes, 'invoice.pdf', 'application/pdf')`. */
export function file(data: FilePart['data'], filename: string, contentType?: string): FilePart {
  return { data, filename, ...(contentType ? { contentType } : {}) };
}

/**
 * Builds a `multipart/form-data` body from fields: Blobs (a File keeps its
 * name) and {@link FilePart}s become files, arrays repeat their field,
 * other objects are sent as JSON text, everything else as text; `undefined`
 * and `null` are left out. Called once per attempt, so a retry sends the
 * whole body again.
 */
export function encodeMultipart(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) appendPart(form, name, item);
  }
  return form;
}

function appendPart(form: FormData, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (value instanceof Blob) {
    form.append(name, value, value instanceof File ? value.name : 'blob');
  } else if (isFilePart(value)) {
    const type = value.contentType ?? (value.data instanceof Blob ? value.data.type : '');
    form.append(name, new Blob([value.data as BlobPart], { type: type || 'application/octet-stream' }), value.filename);
  } else if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    form.append(name, new Blob([value as BlobPart], { type: 'application/octet-stream' }), name);
  } else if (value instanceof Date) {
    form.append(name, value.toISOString());
  } else if (typeof value === 'object') {
    form.append(name, JSON.stringify(value));
  } else {
    form.append(name, String(value));
  }
}

function isFilePart(value: unknown): value is FilePart {
  const part = value as Partial<FilePart> | null;
  return (
    typeof part === 'object' &&
    part !== null &&
    typeof part.filename === 'string' &&
    (part.data instanceof Blob || part.data instanceof Uint8Array || part.data instanceof ArrayBuffer)
  );
}
