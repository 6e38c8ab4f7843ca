import { DataSource, EntityTarget, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { Tx } from './tx';

/** What every feature repository shares: reads outside a transaction, writes inside one. */
export abstract class BaseRepository<E extends ObjectLiteral & { id: string }> {
  private readonly insertSql = new Map<string, string>();

  protected constructor(
    protected readonly dataSource: DataSource,
    private readonly entity: EntityTarget<E>,
  ) {}

  protected repo(tx?: Tx): Repository<E> {
    return (tx?.manager ?? this.dataSource.manager).getRepository(this.entity);
  }

  findById(id: string, tx?: Tx): Promise<E | null> {
    return this.repo(tx).findOneBy({ id } as FindOptionsWhere<E>);
  }

  /** A plain indexed lookup: the query builder costs more than the query on the write path. */
  async exists(id: string, tx?: Tx): Promise<boolean> {
    const manager = tx?.manager ?? this.dataSource.manager;
    const table = manager.connection.getMetadata(this.entity).tableName;
    const placeholder = manager.connection.options.type === 'postgres' ? '$1' : '?';
    const rows: unknown[] = await manager.query(`SELECT 1 FROM ${table} WHERE id = ${placeholder} LIMIT 1`, [id]);
    return rows.length > 0;
  }

  /**
   * A new row: one INSERT, where `save` would first read to decide between insert and update. The
   * statement is built once from the entity's metadata; values go through the columns' transformers and
   * the driver's conversions, as TypeORM's own insert does, without its query builder on every write.
   */
  async insert(tx: Tx, entity: E): Promise<E> {
    const connection = tx.manager.connection;
    const metadata = connection.getMetadata(this.entity);
    // Columns left undefined keep their database default, as with TypeORM's insert.
    const columns = metadata.columns.filter((column) => column.getEntityValue(entity) !== undefined);
    const names = columns.map((column) => column.databaseName);
    const key = names.join(',');
    let sql = this.insertSql.get(key);
    if (!sql) this.insertSql.set(key, (sql = insertStatement(metadata.tableName, names, connection.options.type === 'postgres')));
    const values = columns.map((column) => connection.driver.preparePersistentValue(column.getEntityValue(entity), column) ?? null);
    await tx.manager.query(sql, values);
    return entity;
  }

  /** A changed row (reads first, writes the changed columns). */
  save(tx: Tx, entity: E): Promise<E> {
    return this.repo(tx).save(entity);
  }

  async deleteById(tx: Tx, id: string): Promise<void> {
    await this.repo(tx).delete({ id } as FindOptionsWhere<E>);
  }
}

function insertStatement(table: string, columns: string[], postgres: boolean): string {
  const placeholders = columns.map((_, i) => (postgres ? `$${i + 1}` : '?'));
  return `INSERT INTO ${table} (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${placeholders.join(', ')})`;
}
