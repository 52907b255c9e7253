/** A response kept whole, so it can be sent again byte for byte. */
export interface SavedResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/** Reads `response` into a {@link SavedResponse}. */
export async function saveResponse(response: Response): Promise<SavedResponse> {
  return { status: response.status, headers: [...response.headers], body: await response.text() };
}

/** A fresh Response from a saved one, with extra headers on top. */
export function replay(saved: SavedResponse, extra: Record<string, string>): Response {
  const headers = new Headers(saved.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(saved.body === '' ? null : saved.body, { status: saved.status, headers });
}
