import { DataSource, EntityTarget, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { insertRows } from './multi-row-insert';
import { Tx } from './tx';

/** What every feature repository shares: reads outside a transaction, writes inside one. */
export abstract class BaseRepository<E extends ObjectLiteral & { id: string }> {
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
   * A new row: one INSERT, where `save` would first read to decide between insert and update. Values go
   * through the columns' transformers and the driver's conversions, as TypeORM's own insert does, without
   * its query builder on every write. Columns left undefined keep their database default.
   */
  async insert(tx: Tx, entity: E): Promise<E> {
    const columns = this.columns(tx).filter((column) => column.getEntityValue(entity) !== undefined);
    await insertRows(tx.manager, this.table(tx), columns.map((column) => column.databaseName), [this.values(tx, columns, entity)]);
    return entity;
  }

  /** Many complete new rows in as few INSERTs as the driver allows. */
  async insertMany(tx: Tx, entities: readonly E[]): Promise<void> {
    const columns = this.columns(tx);
    const rows = entities.map((entity) => this.values(tx, columns, entity));
    await insertRows(tx.manager, this.table(tx), columns.map((column) => column.databaseName), rows);
  }

  /** A changed row (reads first, writes the changed columns). */
  save(tx: Tx, entity: E): Promise<E> {
    return this.repo(tx).save(entity);
  }

  async deleteById(tx: Tx, id: string): Promise<void> {
    await this.repo(tx).delete({ id } as FindOptionsWhere<E>);
  }

  private table(tx: Tx): string {
    return tx.manager.connection.getMetadata(this.entity).tableName;
  }

  private columns(tx: Tx): ColumnMetadata[] {
    return tx.manager.connection.getMetadata(this.entity).columns;
  }

  private values(tx: Tx, columns: readonly ColumnMetadata[], entity: E): unknown[] {
    const driver = tx.manager.connection.driver;
    return columns.map((column) => driver.preparePersistentValue(column.getEntityValue(entity), column) ?? null);
  }
}
