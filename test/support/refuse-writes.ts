import type { DataSource } from 'typeorm';

let triggers = 0;

/**
 * Makes matching writes to a table fail inside the database, as a full disk or a broken
 * constraint would: a trigger on SQLite or PostgreSQL. Returns what removes it again.
 */
export async function refuseWrites(
  dataSource: DataSource,
  params: { table: string; event: 'INSERT' | 'UPDATE'; when?: string },
): Promise<() => Promise<void>> {
  triggers += 1;
  const name = `refuse_${params.table}_${triggers}`;
  if (dataSource.options.type === 'postgres') {
    await dataSource.query(
      `CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$ LANGUAGE plpgsql`,
    );
    await dataSource.query(
      `CREATE TRIGGER ${name} BEFORE ${params.event} ON ${params.table} FOR EACH ROW ` +
        `${params.when ? `WHEN (${params.when}) ` : ''}EXECUTE FUNCTION ${name}()`,
    );
    return async () => {
      await dataSource.query(`DROP TRIGGER ${name} ON ${params.table}`);
      await dataSource.query(`DROP FUNCTION ${name}()`);
    };
  }
  await dataSource.query(
    `CREATE TRIGGER ${name} BEFORE ${params.event} ON ${params.table} ` +
      `${params.when ? `WHEN ${params.when} ` : ''}BEGIN SELECT RAISE(ABORT, 'refused by test'); END`,
  );
  return async () => {
    await dataSource.query(`DROP TRIGGER ${name}`);
  };
}
