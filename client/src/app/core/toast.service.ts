import { Injectable, signal } from '@angular/core';

export type ToastKind = 'info' | 'success' | 'warning' | 'error' | 'agent';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  detail?: string;
  /** A router link the toast opens, e.g. the task it is about. */
  taskId?: string;
}

const DISMISS_AFTER_MS: Record<ToastKind, number> = {
  info: 5000,
  success: 5000,
  agent: 6000,
  warning: 7000,
  error: 8000,
};
const MAX_VISIBLE = 5;

/** The toasts on screen: newest last, at most five, each dismissed after a few seconds. */
@Injectable({ providedIn: 'root' })
export class ToastService {
  private readonly items = signal<readonly Toast[]>([]);
  private nextId = 1;

  readonly toasts = this.items.asReadonly();

  show(kind: ToastKind, title: string, detail?: string, taskId?: string): number {
    const id = this.nextId++;
    this.items.update((list) => [...list, { id, kind, title, detail, taskId }].slice(-MAX_VISIBLE));
    setTimeout(() => this.dismiss(id), DISMISS_AFTER_MS[kind]);
    return id;
  }

  error(title: string, detail?: string): number {
    return this.show('error', title, detail);
  }

  dismiss(id: number): void {
    this.items.update((list) => list.filter((toast) => toast.id !== id));
  }
}
