/** What a fetch ended in: its status, or the network error code when it rejected. */
export async function outcome(response: Promise<Response>): Promise<number | string> {
  try {
    const res = await response;
    await res.body?.cancel();
    return res.status;
  } catch (error) {
    return networkCode(error) ?? 'unknown-error';
  }
}

/** The system error code under a fetch TypeError (`fetch failed` keeps it in `cause`). */
export function networkCode(error: unknown): string | undefined {
  if (!(error instanceof TypeError)) return undefined;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}
