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

  async exists(id: string, tx?: Tx): Promise<boolean> {
    return (await this.repo(tx).countBy({ id } as FindOptionsWhere<E>)) > 0;
  }

  save(tx: Tx, entity: E): Promise<E> {
    return this.repo(tx).save(entity);
  }

  async deleteById(tx: Tx, id: string): Promise<void> {
    await this.repo(tx).delete({ id } as FindOptionsWhere<E>);
  }
}
