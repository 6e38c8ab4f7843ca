import { DataSource, EntityTarget, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
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

  /** A new row: one INSERT, where `save` would first read to decide between insert and update. */
  async insert(tx: Tx, entity: E): Promise<E> {
    await this.repo(tx).insert(entity);
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
