import { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { TransactionHook } from './transaction-hooks';
import { UnitOfWork } from './unit-of-work';

/** A transaction hook that plugs itself into the unit of work while its module is up, and out when it goes down. */
export abstract class PluggedHook implements OnModuleInit, OnModuleDestroy {
  private release: (() => void) | null = null;

  protected constructor(private readonly unitOfWork: UnitOfWork) {}

  onModuleInit(): void {
    // Subclasses implement TransactionHook (every member of it is optional, so it cannot be declared here).
    this.release = this.unitOfWork.use(this as TransactionHook);
  }

  onModuleDestroy(): void {
    this.release?.();
  }
}
