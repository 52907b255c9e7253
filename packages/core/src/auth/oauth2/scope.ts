/** Scopes as token and authorization endpoints take them: one space-separated string, or undefined when there are none. */
export function scopeString(scope: string | readonly string[] | undefined): string | undefined {
  const joined = typeof scope === 'string' ? scope.trim() : scope?.join(' ');
  return joined ? joined : undefined;
}
