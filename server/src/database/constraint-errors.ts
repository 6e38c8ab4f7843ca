/**
 * A write the database itself refused because of one of its constraints, as a client error instead of a
 * 500. Our own schema rarely gets here (services check references first), but a database adopted from
 * the original Mission Control keeps its own constraints: `agents.role NOT NULL`, foreign keys without
 * `ON DELETE` actions, and references from its own tables (events, messages, conversations).
 * The transaction that hit it is rolled back, so nothing is half-written.
 */
export function constraintViolation(error: unknown): { status: number; message: string } | null {
  const driverError = (error as { driverError?: unknown } | null)?.driverError ?? error;
  const code = (driverError as { code?: unknown } | null)?.code;
  const detail = driverError instanceof Error ? driverError.message.replace(/^SqliteError: /, '') : String(driverError);
  switch (code) {
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case '23503':
      return {
        status: 409,
        message: `Other rows in the database still refer to it, or it refers to one that does not exist (${detail})`,
      };
    case 'SQLITE_CONSTRAINT_NOTNULL':
    case '23502': {
      const column = /NOT NULL constraint failed: (\S+)/.exec(detail)?.[1] ?? (driverError as { column?: string }).column;
      return { status: 400, message: `${column ?? 'A field'} is required by this database (${detail})` };
    }
    case 'SQLITE_CONSTRAINT_CHECK':
    case '23514':
      return { status: 400, message: `A value is not allowed by this database (${detail})` };
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case '23505':
      return { status: 409, message: `It already exists (${detail})` };
    default:
      return null;
  }
}
