// Vendor messages sometimes echo what was sent: the call's secret strings are cut out of them.

/** Replaces every occurrence of the given secret strings (and of each of their lines, for PEMs) in vendor text. */
export function redact(text: string, secrets: readonly string[]): string {
  const lines = secrets.flatMap((secret) => secret.split(/\r?\n/)).filter((line) => line.trim().length >= 16);
  const needles = [...secrets.filter((secret) => secret.length > 0), ...lines];
  return needles.sort((a, b) => b.length - a.length).reduce((current, needle) => current.split(needle).join("[REDACTED]"), text);
}
