// Unique ids for requests, messages and conversations; crypto.randomUUID exists in both threads.

export function newId(): string {
  return crypto.randomUUID();
}
