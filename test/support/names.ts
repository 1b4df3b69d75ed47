/** A DNS subdomain of exactly `length` characters: 63-character labels and a shorter last one. */
export function subdomainOfLength(length: number): string {
  const labels: string[] = [];
  let left = length;
  while (left > 64) {
    labels.push('a'.repeat(63));
    left -= 64;
  }
  labels.push('b'.repeat(left));
  return labels.join('.');
}
