export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __testDb?: { teardown(): Promise<void> } }).__testDb;
  await db?.teardown();
}
