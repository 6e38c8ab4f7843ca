import { NotFoundException } from '@nestjs/common';

/** A path parameter that names nothing: 404. */
export function notFound(kind: string, id: string): NotFoundException {
  return new NotFoundException(`${kind} "${id}" not found`);
}

/** A body field that names an agent that does not exist: 404 too (DESIGN.md), with a message naming the field. */
export async function requireReference(field: string, id: string | null | undefined, exists: (id: string) => Promise<boolean>): Promise<void> {
  if (id === null || id === undefined) return;
  if (!(await exists(id))) throw new NotFoundException(`${field} refers to "${id}", which does not exist`);
}
