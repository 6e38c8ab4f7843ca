import { BadRequestException, NotFoundException } from '@nestjs/common';

/** A path parameter that names nothing: 404. */
export function notFound(kind: string, id: string): NotFoundException {
  return new NotFoundException(`${kind} "${id}" not found`);
}

/** A body field that names an agent, task or session that does not exist: 400 naming the field. */
export async function requireReference(field: string, id: string | null | undefined, exists: (id: string) => Promise<boolean>): Promise<void> {
  if (id === null || id === undefined) return;
  if (!(await exists(id))) throw new BadRequestException(`${field} refers to "${id}", which does not exist`);
}
