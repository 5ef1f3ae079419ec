// Columns added after a table was first created. CREATE TABLE IF NOT EXISTS leaves an existing
// table as it was, so each new column is added here when a site's database lacks it.
const ADDED_COLUMNS: Array<[table: string, column: string, definition: string]> = [
  // Routing (schedules, rules, policies): the rule that matched, everyone assigned, the clock
  // of the contact phase and when the homeowner was reached.
  ['leads', 'rule_id', 'TEXT'],
  ['leads', 'assignees', "TEXT NOT NULL DEFAULT '[]'"],
  ['leads', 'contact_clock_at', 'INTEGER'],
  ['leads', 'contacted_at', 'INTEGER'],
  // Which clock a timer or alert belongs to: 'claim' until someone claims, then 'contact'.
  ['timers', 'phase', "TEXT NOT NULL DEFAULT 'claim'"],
  ['outbox', 'phase', "TEXT NOT NULL DEFAULT 'claim'"],
];

export function addMissingColumns(sql: SqlStorage): void {
  const columns = new Map<string, Set<string>>();
  for (const [table, column, definition] of ADDED_COLUMNS) {
    let existing = columns.get(table);
    if (!existing) {
      existing = new Set(
        sql
          .exec<{ name: string }>(`PRAGMA table_info(${table})`)
          .toArray()
          .map((c) => c.name),
      );
      columns.set(table, existing);
    }
    if (!existing.has(column)) {
      sql.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
      existing.add(column);
    }
  }
}
